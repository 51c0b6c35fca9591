#pragma once

#include "parley.pb.h"
#include "server/auth/codebook.h"
#include "server/auth/connectoutcome.h"
#include "server/auth/devicesessions.h"
#include "server/requestcontext.h"

#include <functional>

namespace parley::server {

class ICodeSender;
class IClock;
class SessionRegistry;
class StoreExecutor;

// Logging in (RVC, LGN), authenticating links (CONNECT) and logging out (LGO). Callable from any network
// thread: the rules run in storage jobs (CodeBook, DeviceSessions), codes go out through the sender on
// its own thread, and answers come back through Reply / the callback.
class AuthService {
public:
    AuthService(CodeBook codes, DeviceSessions sessions, const IClock &clock, StoreExecutor &store, ICodeSender &sender,
                SessionRegistry &registry);

    const DeviceSessions &deviceSessions() const { return m_sessions; }

    void requestCode(const RequestContext &context, const v1::CodeRequest &request, Reply reply);
    void logIn(const RequestContext &context, const v1::LoginRequest &request, Reply reply);
    void logOut(const RequestContext &context, Reply reply);
    // `done` is called on the storage thread; post from it.
    void authenticate(const v1::ConnectRequest &request, std::function<void(ConnectOutcome)> done);
    // Deletes code requests older than the longest rate window and expired codes.
    void pruneExpired();

private:
    CodeBook m_codes;
    DeviceSessions m_sessions;
    const IClock &m_clock;
    StoreExecutor &m_store;
    ICodeSender &m_sender;
    SessionRegistry &m_registry;
};

} // namespace parley::server
