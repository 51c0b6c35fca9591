#pragma once

#include "protocol/result.h"
#include "server/iclock.h"
#include "server/serverconfig.h"
#include "server/servercontext.h"

#include <QObject>
#include <QString>

#include <memory>

class QLockFile;
class QTimer;

namespace parley::server {

class Acceptor;
class AdminService;
class AcceptPacer;
class AddressLimiter;
class BlobStore;
class FileGrants;
class FileLedger;
class FileService;
class FileSweeper;
class AccountService;
class TransferPacer;
class TransferServer;
class AuthService;
class DeviceService;
class FriendService;
class GroupService;
class IClock;
class ICodeSender;
class HandshakeSlots;
class IoThreadPool;
class MessageService;
class Metrics;
class OpsServer;
class PresenceLedger;
class RequestRouter;
class RevocationWatch;
class CallService;
class CallSweeper;
class SessionRegistry;
class ClusterBus;
class StoreExecutor;
class ServerTls;
class TlsContext;
class TlsCredentials;

// parleyd as an object: owns the storage thread, the network threads, the listeners and the services,
// and starts and stops them in the right order. Lives on the main thread.
class Server final : public QObject {
    Q_OBJECT

public:
    static constexpr int kPruneIntervalMs = 10 * 60 * 1000;
    static constexpr qint64 kStoreStallMs = 10000; // /healthz says a storage batch running longer is stalled

    explicit Server(ServerConfig config, std::unique_ptr<IClock> clock = {}, QObject *parent = nullptr);
    ~Server() override;

    Result<Done> start();
    // `parleyd --copy-to URL`: copies the SQLite store into PostgreSQL (StoreCopier) under the data
    // directory's lock, so no parleyd is using it; the number of rows copied.
    static Result<qint64> copyStore(const ServerConfig &config);
    // Tells clients (DISCONNECT, server shutdown), finishes storage work, stops the threads.
    void stop();
    // Reads the certificate and key again (SIGHUP; --cert/--key, or the self-signed one) and presents them to
    // new links on every TLS port; open links keep the one they began with. On failure nothing changes.
    Result<Done> reloadTls();

    int tlsPort() const;
    int wsPort() const;
    int wssPort() const;
    int filesPort() const;
    int opsPort() const;
    QString fingerprint() const;
    // The services a session uses, once started: what an in-process harness calls as a session would
    // (tests/fuzz/fuzz_router.cpp).
    const ServerContext &context() const { return m_context; }
    // "parleyd ready tls=127.0.0.1:7800 ws=127.0.0.1:7801 wss=off files=127.0.0.1:7803 ops=127.0.0.1:7809
    // fingerprint=…" (one line)
    QString readyLine() const;

private:
    static Result<std::unique_ptr<QLockFile>> lockDataDir(const QString &dataDir);
    Result<Done> listen(std::unique_ptr<Acceptor> &acceptor, int port, int transport, const char *name);
    void prune();
    Result<Done> startFiles(const QByteArray &grantKey);
    Result<Done> startOps();
    // Reads the certificate and key (--cert/--key, or the self-signed one) and gives them to every TLS port:
    // at start, and again on reloadTls(). On failure nothing changes.
    Result<Done> installTls();

    ServerConfig m_config;
    std::unique_ptr<IClock> m_clock;
    std::unique_ptr<Metrics> m_metrics;    // first made, last gone: every thread counts into it
    std::unique_ptr<TransferPacer> m_transferPacer; // with the files port; network and transfer threads report to it
    std::unique_ptr<QLockFile> m_dataLock; // one parleyd per data directory: the store is its only writer
    std::unique_ptr<TlsCredentials> m_credentials;
    std::unique_ptr<ServerTls> m_tls; // what the long-connection ports present now
    std::unique_ptr<StoreExecutor> m_store;
    std::unique_ptr<StoreExecutor> m_reports; // long reads for the operator (admin counts), a connection of their own
    std::unique_ptr<SessionRegistry> m_registry;
    std::unique_ptr<ClusterBus> m_cluster; // with --redis; goes before the registry it pushes to
    std::unique_ptr<PresenceLedger> m_presence;
    std::unique_ptr<AddressLimiter> m_limiter;
    std::unique_ptr<ICodeSender> m_codeSender;
    std::unique_ptr<AuthService> m_auth;
    std::unique_ptr<MessageService> m_messages;
    std::unique_ptr<DeviceService> m_devices;
    std::unique_ptr<FriendService> m_friends;
    std::unique_ptr<GroupService> m_groups;
    std::unique_ptr<CallService> m_calls;
    std::unique_ptr<BlobStore> m_blobs;
    std::unique_ptr<FileGrants> m_grants;
    std::unique_ptr<FileLedger> m_files;
    std::unique_ptr<FileService> m_fileService;
    std::unique_ptr<FileSweeper> m_sweeper;
    std::unique_ptr<AccountService> m_accounts;  // deleting an account takes its files
    std::unique_ptr<TransferServer> m_transfers; // destroyed after the storage thread has stopped (see stop)
    std::unique_ptr<RequestRouter> m_router;
    ServerContext m_context;
    std::unique_ptr<HandshakeSlots> m_handshakes; // before the pool, whose links give slots back
    std::unique_ptr<IoThreadPool> m_pool;
    std::unique_ptr<AcceptPacer> m_pacer; // before the acceptors, which use it
    std::unique_ptr<Acceptor> m_tlsAcceptor;
    std::unique_ptr<Acceptor> m_wsAcceptor;
    std::unique_ptr<Acceptor> m_wssAcceptor;
    std::unique_ptr<OpsServer> m_ops;
    std::unique_ptr<AdminService> m_admin;
    QTimer *m_pruneTimer = nullptr;
    RevocationWatch *m_revocations = nullptr; // closes links revoked elsewhere whose word never came
    CallSweeper *m_callSweeper = nullptr;     // ends calls that rang out or went unheard of
    int m_filesPort = ServerConfig::kPortDisabled;
    int m_opsPort = ServerConfig::kPortDisabled;
    bool m_running = false;
};

} // namespace parley::server
