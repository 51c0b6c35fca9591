#pragma once

namespace parley::server {

struct ServerConfig;
class IClock;
class StoreExecutor;
class SessionRegistry;
class AddressLimiter;
class ISharedBudgets;
class IRequestHandler;
class IAuthenticator;
class ServerTls;
class HandshakeSlots;
class Metrics;
class TransferPacer;

// The long-lived services a session uses, owned by Server and valid for as long as any session runs.
struct ServerContext {
    const ServerConfig *config = nullptr;
    const IClock *clock = nullptr;
    StoreExecutor *store = nullptr;
    SessionRegistry *registry = nullptr;
    AddressLimiter *limiter = nullptr;
    ISharedBudgets *budgets = nullptr;   // a cluster's: the users' budgets on every node together (none: per link)
    IRequestHandler *requests = nullptr; // the route table
    IAuthenticator *authenticator = nullptr;
    const ServerTls *tls = nullptr;       // the certificate now, for binary links (OpenSSL) and wss (QSslSocket)
    HandshakeSlots *handshakes = nullptr; // taken by AcceptPacer for each link admitted, given back by its session
    Metrics *metrics = nullptr;           // what the operator sees (OpsServer)
    TransferPacer *transferPacer = nullptr; // told how long each message send took (none: no files port)
};

} // namespace parley::server
