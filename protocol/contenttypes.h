#pragma once

namespace parley::content {

// Facts about MessageContent that both sides rely on, as plain numbers for code that does not include the
// schema (contenttypes.cpp checks them against parley.proto).

inline constexpr int kText = 1; // CONTENT_TEXT: the only kind whose text can be edited

// MessageContent.type of messages that carry a file (MessageContent.media).
inline constexpr int kVoice = 2; // CONTENT_VOICE
inline constexpr int kImage = 3; // CONTENT_IMAGE
inline constexpr int kFile = 5;  // CONTENT_FILE
inline constexpr int kVideo = 6; // CONTENT_VIDEO
inline constexpr bool isMedia(int type)
{
    return type == kVoice || type == kImage || type == kFile || type == kVideo;
}

inline constexpr int kChatHistory = 11; // CONTENT_CHAT_HISTORY: forwarded messages as one (chat_history)

// MessageContent.type from here up: notices the server writes (recalls, group events, call records). Clients
// never send them; they are not searched, and not unread but for a missed call.
inline constexpr int kFirstNotice = 100;      // CONTENT_NOTICE_RECALLED
inline constexpr int kRecalled = 100;         // CONTENT_NOTICE_RECALLED
inline constexpr int kFirstGroupNotice = 101; // CONTENT_NOTICE_GROUP_CREATED
inline constexpr int kLastGroupNotice = 118;  // CONTENT_NOTICE_JOIN_REJECTED
inline constexpr int kCallRecord = 119;       // CONTENT_NOTICE_CALL
inline constexpr int kMissedCall = 120;       // CONTENT_NOTICE_MISSED_CALL
inline constexpr bool isCallRecord(int type)
{
    return type == kCallRecord || type == kMissedCall;
}
// Whether a message of this type, received, counts as unread until read.
inline constexpr bool countsAsUnread(int type)
{
    return type < kFirstNotice || type == kMissedCall;
}

// A call record's CallRecord: parley.v1.CallMedia and parley.v1.CallEnd.
inline constexpr int kCallVoice = 1;
inline constexpr int kCallVideo = 2;
enum class CallEnd : int {
    Unspecified = 0,
    HungUp = 1,
    Cancelled = 2,
    Declined = 3,
    Busy = 4,
    NoAnswer = 5,
    Unreachable = 6,
    Failed = 7,
    ConnectionLost = 8,
};

// MessageContent.mentioned_type.
enum class Mention : int {
    None = 0,
    Some = 1,     // mentioned_targets: members of the group
    Everyone = 2, // @all: the owner and admins only
};

} // namespace parley::content
