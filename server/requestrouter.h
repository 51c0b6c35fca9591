#pragma once

#include "protocol/frame.h"
#include "server/requestcontext.h"

namespace parley::server {

class AuthService;
class MessageService;

// Turns a PUBLISH into a service call by sub-signal. Sub-signals of the schema that this version does
// not serve are answered ERR_NOT_IMPLEMENTED; values outside the schema ERR_UNKNOWN_SUB_SIGNAL; a payload
// that does not parse ERR_MALFORMED_REQUEST. Every request gets exactly one reply.
class RequestRouter {
public:
    RequestRouter(AuthService &auth, MessageService &messages) : m_auth(auth), m_messages(messages) {}

    // Requests a link may make before its CONNECT is accepted.
    static bool allowedBeforeConnect(SubSignal subSignal);

    void dispatch(const RequestContext &context, const Frame &frame, Reply reply) const;

private:
    AuthService &m_auth;
    MessageService &m_messages;
};

} // namespace parley::server
