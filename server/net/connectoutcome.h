#pragma once

#include "parley.pb.h"
#include "server/authenticateduser.h"

#include <QString>

#include <memory>
#include <optional>

namespace parley::server {

class ArrivalWatch;

// The answer to a CONNECT: accepted with the user, or refused with a code.
struct ConnectOutcome {
    v1::ConnectCode code = v1::CONNECTION_REFUSED_SERVER_UNAVAILABLE;
    QString message;
    std::optional<AuthenticatedUser> user;
    quint64 inboxHead = 0;
    std::shared_ptr<ArrivalWatch> arrival; // accepted: begun before inboxHead was read
};

} // namespace parley::server
