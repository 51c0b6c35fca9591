#pragma once

#include "parley.pb.h"
#include "server/auth/codebook.h"
#include "server/auth/devicesessions.h"
#include "server/net/iauthenticator.h"

namespace parley::server {

class ICodeSender;
class IClock;
class RequestRouter;
class SessionRegistry;
class StoreExecutor;

// Logging in (RVC, LGN), authenticating links (CONNECT) and logging out (LGO); RVC after CONNECT sends a code to
// the user's own number (AccountService: DLA). The rules run on the
// storage thread (CodeBook, DeviceSessions); a code goes out through the sender on its thread and the
// request is answered once it has.
class AuthService final : public IAuthenticator {
public:
    AuthService(CodeBook codes, DeviceSessions sessions, const IClock &clock, StoreExecutor &store,
                SessionRegistry &registry, ICodeSender &sender);

    const DeviceSessions &deviceSessions() const { return m_sessions; }
    const CodeBook &codes() const { return m_codes; }
    void addRoutes(RequestRouter &router);

    // `done` is called on the storage thread; the session posts from it.
    void authenticate(const v1::ConnectRequest &request, std::function<void(ConnectOutcome)> done) override;
    // Deletes code requests older than the longest rate window and expired codes.
    void pruneExpired();

private:
    CodeBook m_codes;
    DeviceSessions m_sessions;
    const IClock &m_clock;
    StoreExecutor &m_store;
    SessionRegistry &m_registry;
    ICodeSender &m_sender;
};

} // namespace parley::server
