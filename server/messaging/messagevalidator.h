#pragma once

#include "parley.pb.h"
#include "protocol/error.h"

namespace parley::server {

// Checks a message a client wants to send before any storage work: shape, type and size limits.
// Returns Error() when the message may be stored.
class MessageValidator {
public:
    // The longest `target` (a user id or a group id, in bytes) of a message, a typing notice or conversation
    // settings.
    static constexpr int kMaxTargetLength = 64;

    static Error check(const v1::Message &message);

private:
    static Error checkMedia(const v1::MessageContent &content);
    static Error checkHistory(const v1::MessageContent &content);
};

} // namespace parley::server
