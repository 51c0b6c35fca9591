#pragma once

#include "parley.pb.h"
#include "protocol/error.h"

namespace parley::server {

// Checks a message a client wants to send before any storage work: shape, type and size limits.
// Returns Error() when the message may be stored.
class MessageValidator {
public:
    static constexpr int kMaxTextBytes = 16 * 1024;    // UTF-8 bytes of searchable_content
    static constexpr int kMaxContentBytes = 64 * 1024; // the whole serialized content
    static constexpr int kMaxTargetLength = 64;
    static constexpr int kFirstNoticeType = 100; // 1xx types are produced by the server only
    static constexpr int kMentionNone = 0;       // MessageContent.mentioned_type
    static constexpr int kMentionSome = 1;       // mentioned_targets are members
    static constexpr int kMentionAll = 2;        // @all: owner and admins only

    static Error check(const v1::Message &message);
};

} // namespace parley::server
