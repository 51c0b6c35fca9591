#pragma once

#include "server/authenticateduser.h"
#include "server/net/sessionref.h"

#include <QString>

#include <optional>

namespace parley::server {

// What a request's rule knows about the request it handles. A value: storage rules get it on the storage
// thread, with the time read there.
struct Call {
    std::optional<AuthenticatedUser> user; // set for every request after an accepted CONNECT
    SessionRef session;                    // the link it came on (its own pushes skip it)
    QString peerAddress;
    qint64 nowMs = 0; // the server's clock when the rule runs

    const AuthenticatedUser &me() const
    {
        Q_ASSERT(user);
        return *user;
    }
    quint64 sessionId() const { return session.id; }
};

} // namespace parley::server
