#pragma once

#include "parley.pb.h"
#include "server/net/connectoutcome.h"

#include <functional>

namespace parley::server {

// Decides on a link's CONNECT (AuthService in parleyd). `done` may be called on any thread; the session posts
// the outcome to its own.
class IAuthenticator {
public:
    virtual ~IAuthenticator() = default;
    virtual void authenticate(const v1::ConnectRequest &request, std::function<void(ConnectOutcome)> done) = 0;
};

} // namespace parley::server
