#include "protocol/contenttypes.h"

#include "parley.pb.h"

namespace parley::content {

static_assert(kFirstNotice == v1::CONTENT_NOTICE_RECALLED && kRecalled == v1::CONTENT_NOTICE_RECALLED);
static_assert(kFirstGroupNotice == v1::CONTENT_NOTICE_GROUP_CREATED);
static_assert(kLastGroupNotice == v1::CONTENT_NOTICE_JOIN_REJECTED);
static_assert(kText == v1::CONTENT_TEXT);
static_assert(kVoice == v1::CONTENT_VOICE && kImage == v1::CONTENT_IMAGE && kFile == v1::CONTENT_FILE &&
              kVideo == v1::CONTENT_VIDEO && kChatHistory == v1::CONTENT_CHAT_HISTORY);
static_assert(kCallRecord == v1::CONTENT_NOTICE_CALL && kMissedCall == v1::CONTENT_NOTICE_MISSED_CALL);
static_assert(kCallVoice == v1::CALL_VOICE && kCallVideo == v1::CALL_VIDEO && v1::CallMedia_MAX == kCallVideo);
static_assert(int(CallEnd::HungUp) == v1::CALL_END_HUNG_UP && int(CallEnd::Cancelled) == v1::CALL_END_CANCELLED &&
              int(CallEnd::Declined) == v1::CALL_END_DECLINED && int(CallEnd::Busy) == v1::CALL_END_BUSY &&
              int(CallEnd::NoAnswer) == v1::CALL_END_NO_ANSWER &&
              int(CallEnd::Unreachable) == v1::CALL_END_UNREACHABLE && int(CallEnd::Failed) == v1::CALL_END_FAILED &&
              int(CallEnd::ConnectionLost) == v1::CALL_END_CONNECTION_LOST &&
              v1::CallEnd_MAX == int(CallEnd::ConnectionLost));
static_assert(v1::ContentType_MAX == kMissedCall, "a new notice type: say whether it counts as unread");

} // namespace parley::content
