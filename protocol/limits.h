#pragma once

#include <QStringView>
#include <QtGlobal>

#include <array>
#include <limits>
#include <string_view>

namespace parley::limits {

// Limits both sides know, defined once: parleyd enforces them (ERR_TOO_LARGE, ERR_MALFORMED_REQUEST) and the
// client keeps what people type within them. Text lengths count characters of the trimmed text: Unicode code
// points (characters()), so that an emoji outside the Basic Multilingual Plane is one, not two UTF-16 units;
// a message's text counts UTF-8 bytes.

// A verification code's digits (RVC sends it, LGN and DLA take it).
inline constexpr int kCodeDigits = 6;

// How many characters (code points) `text` has.
inline qsizetype characters(QStringView text)
{
    qsizetype count = text.size();
    for (qsizetype i = 1; i < text.size(); ++i) {
        if (text[i].isLowSurrogate() && text[i - 1].isHighSurrogate())
            --count;
    }
    return count;
}

// The first `count` characters of `text` (never half of one).
inline QStringView leftCharacters(QStringView text, qsizetype count)
{
    qsizetype end = 0;
    for (qsizetype seen = 0; end < text.size() && seen < count; ++seen)
        end += (text[end].isHighSurrogate() && end + 1 < text.size() && text[end + 1].isLowSurrogate()) ? 2 : 1;
    return text.first(end);
}

inline constexpr int kClientUuidBytes = 16;        // a message's idempotency key (Message.client_uuid)
inline constexpr int kMaxTextBytes = 16 * 1024;    // a message's searchable_content (UTF-8)
inline constexpr int kMaxContentBytes = 64 * 1024; // a message's whole serialized content
inline constexpr int kMaxNickname = 32;
inline constexpr int kMaxSignature = 100;
inline constexpr int kMaxSearchQuery = 128; // a phone number or a user id
inline constexpr int kMaxGreeting = 100; // a friend request's greeting
inline constexpr int kMaxRemark = 32;    // what I call a friend
inline constexpr int kMaxQuoteExcerpt = 80; // characters of the original a reply's quote carries
// Forwarding: how many messages at once (one by one or as one chat history), and a chat history's title.
inline constexpr int kMaxForwardedMessages = 100;
inline constexpr int kMaxProgressPoints = 100; // MDR, MRD: conversations in one report
inline constexpr int kMaxHistoryTitle = 64; // characters
// Typing in one-to-one chats: the writer repeats "typing" at most this often while it goes on; the reader shows
// it this long after the last one unless "stopped" comes first.
inline constexpr int kTypingRepeatMs = 3000;
inline constexpr int kTypingShownMs = 6000;
// Conversation settings: a mute with no end, and how many conversations may have settings at all.
inline constexpr qint64 kMutedForever = std::numeric_limits<qint64>::max();
inline constexpr int kMaxConversationSettings = 10000;
inline constexpr int kConversationSettingsPage = 50; // CSL: with drafts of kMaxTextBytes, under a frame's 1 MiB
// Device activity: an active device repeats "active" this often while it lasts; the others believe it this long.
inline constexpr int kActivityRepeatMs = 60 * 1000;
inline constexpr int kActivityValidMs = 90 * 1000;
// Calls: a device of an answered call says it is still in it this often (CLA keep alive); parleyd ends a call
// it has heard nothing of for kCallSilenceMs (CALL_END_CONNECTION_LOST). The signals' largest parts.
inline constexpr int kCallKeepAliveMs = 15 * 1000;
inline constexpr int kCallSilenceMs = 4 * kCallKeepAliveMs;
inline constexpr int kDefaultRingTimeoutS = 45; // --ring-timeout: unanswered this long, a call ends (NO_ANSWER)
inline constexpr int kMaxSdpBytes = 32 * 1024;
inline constexpr int kMaxIceCandidateBytes = 1024;
inline constexpr int kMaxCallIdBytes = 64;
// The emoji a message can be reacted with, in the order the client offers them (UTF-8).
inline constexpr std::array<std::string_view, 6> kReactionEmoji{"👍", "❤️", "😂", "😮", "😢", "🙏"};

// Media messages (MessageContent.media): what a receiver lays out before downloading anything.
inline constexpr int kMaxPreviewBytes = 4 * 1024; // the inline preview picture
inline constexpr int kMaxWaveformLevels = 64;     // a voice message's waveform: one byte per level
inline constexpr int kMaxFileName = 255;          // characters
inline constexpr int kMaxMimeType = 127;          // characters
inline constexpr int kMaxFileId = 64;             // characters
inline constexpr int kMaxRemoteMediaUrl = 2048;   // a web peer's remoteMediaUrl, in bytes
inline constexpr int kMaxMediaDimension = 65535;  // pixels, each side

// Avatars (people's and groups'): a square picture the client makes from what the user picked and uploads like
// any file; the profile or group then names its file id. Anyone who may see the profile (or, for a group, its
// members) may fetch it.
inline constexpr int kAvatarPixels = 512;               // each side of the square the client uploads
inline constexpr int kMaxAvatarBytes = 512 * 1024;      // the largest picture parleyd accepts as an avatar

// Defaults of limits an operator may change on parleyd (--max-group-name, --max-announcement,
// --max-group-size); the client uses the defaults, and a server set lower says so in its error.
inline constexpr int kDefaultMaxGroupName = 64;
inline constexpr int kDefaultMaxAnnouncement = 2000;
inline constexpr int kDefaultMaxGroupSize = 500; // members, owner included
inline constexpr int kMaxMemberMuteS = 30 * 24 * 3600; // the longest mute of one group member
inline constexpr int kMaxPendingJoins = 200;           // requests to join one group that wait for approval
inline constexpr int kDefaultMaxFileSizeMiB = 2048; // --max-file-size: the largest file, 2 GiB
inline constexpr int kDefaultEditLimitS = 48 * 3600; // --edit-limit: how long a sender may edit a text message

} // namespace parley::limits
