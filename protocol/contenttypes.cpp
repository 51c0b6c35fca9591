#include "protocol/contenttypes.h"

#include "parley.pb.h"

namespace parley::content {

static_assert(kFirstNotice == v1::CONTENT_NOTICE_RECALLED && kRecalled == v1::CONTENT_NOTICE_RECALLED);
static_assert(kFirstGroupNotice == v1::CONTENT_NOTICE_GROUP_CREATED);
static_assert(kLastGroupNotice == v1::CONTENT_NOTICE_JOIN_REJECTED);
static_assert(kText == v1::CONTENT_TEXT);
static_assert(kVoice == v1::CONTENT_VOICE && kImage == v1::CONTENT_IMAGE && kFile == v1::CONTENT_FILE &&
              kVideo == v1::CONTENT_VIDEO && kChatHistory == v1::CONTENT_CHAT_HISTORY);
static_assert(v1::ContentType_MAX == kLastGroupNotice, "a new notice type: move kLastGroupNotice");

} // namespace parley::content
