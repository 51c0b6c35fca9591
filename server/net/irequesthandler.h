#pragma once

#include "protocol/frame.h"
#include "server/net/requestpolicy.h"
#include "server/requestcontext.h"

#include <optional>

namespace parley::server {

// What a Session hands its requests to (RequestRouter in parleyd, a fake in tests). Called on the session's
// network thread.
class IRequestHandler {
public:
    virtual ~IRequestHandler() = default;

    // The policy of a sub-signal this server serves; nullopt for one it does not (dispatch answers it).
    virtual std::optional<RequestPolicy> policy(SubSignal subSignal) const = 0;
    // Handles a PUBLISH that passed its policy. Every request gets exactly one reply.
    virtual void dispatch(const RequestContext &context, const Frame &frame, Reply reply) const = 0;
};

} // namespace parley::server
