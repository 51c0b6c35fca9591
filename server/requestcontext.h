#pragma once

#include "parley.pb.h"
#include "protocol/error.h"
#include "server/authenticateduser.h"
#include "server/net/sessionref.h"

#include <functional>
#include <optional>

namespace parley::server {

// Sends the PUB_ACK for one request. Callable from any thread, exactly once; it posts to the session's
// thread, and does nothing if the session has gone.
using Reply = std::function<void(v1::Result)>;

// What a service knows about the request it handles.
struct RequestContext {
    SessionRef session;
    QString peerAddress;
    std::optional<AuthenticatedUser> user; // set for every request after an accepted CONNECT
};

// A text field of a request as services take it: trimmed.
inline QString trimmedField(const std::string &value)
{
    return QString::fromStdString(value).trimmed();
}

// Result helpers for services.
inline v1::Result errorResult(ErrorCode code, const QString &message, quint32 retryAfterS = 0)
{
    v1::Result r;
    r.set_code(v1::ErrorCode(int(code)));
    r.set_message(message.toStdString());
    r.set_retry_after_s(retryAfterS);
    return r;
}

inline v1::Result errorResult(const Error &error)
{
    return errorResult(error.code, error.message, error.retryAfterSeconds);
}

} // namespace parley::server
