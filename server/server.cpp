#include "server/server.h"

#include "common/privatefolder.h"
#include "server/auth/accountservice.h"
#include "server/auth/authservice.h"
#include "server/auth/devcodesender.h"
#include "server/auth/deviceservice.h"
#include "server/auth/revocationwatch.h"
#include "server/auth/webhookcodesender.h"
#include "server/calls/callservice.h"
#include "server/calls/callsweeper.h"
#include "server/cluster/clusterbus.h"
#include "server/files/blobstore.h"
#include "server/files/filegrants.h"
#include "server/files/fileledger.h"
#include "server/files/fileservice.h"
#include "server/files/filesweeper.h"
#include "server/files/transferpacer.h"
#include "server/files/transferserver.h"
#include "server/groups/groupservice.h"
#include "server/logging.h"
#include "server/messaging/messageservice.h"
#include "server/net/acceptor.h"
#include "server/net/acceptpacer.h"
#include "server/net/addresslimiter.h"
#include "server/net/handshakeslots.h"
#include "server/net/iothreadpool.h"
#include "server/net/sessionregistry.h"
#include "server/ops/adminservice.h"
#include "server/ops/metrics.h"
#include "server/ops/opsserver.h"
#include "server/routing/requestrouter.h"
#include "server/social/friendservice.h"
#include "server/social/presenceledger.h"
#include "server/social/profileservice.h"
#include "server/storage/postgresconnection.h"
#include "server/storage/sqlstore.h"
#include "server/storage/storecopier.h"
#include "server/storage/storeexecutor.h"
#include "server/systemclock.h"
#include "server/tls/servertls.h"
#include "server/tls/tlscontext.h"
#include "server/tls/tlscredentials.h"

#include <QCoreApplication>
#include <QDir>
#include <QLockFile>
#include <QThread>
#include <QTimer>

#include <csignal>

#include <future>

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

constexpr int kCodeKeyBytes = 32;

// Runs one job on the storage thread and waits for its result (start-up only).
template <typename R>
Result<R> runNow(StoreExecutor &store, std::function<R(IStore &)> work)
{
    std::promise<Result<R>> promise;
    auto future = promise.get_future();
    store.submit<R>(
        std::move(work), [&promise](R r) { promise.set_value(std::move(r)); },
        [&promise](const Error &e) { promise.set_value(e); });
    return future.get();
}

QString endpoint(const QHostAddress &address, int port)
{
    if (port == ServerConfig::kPortDisabled)
        return u"off"_s;
    const QString host =
        address.protocol() == QAbstractSocket::IPv6Protocol ? u"[%1]"_s.arg(address.toString()) : address.toString();
    return u"%1:%2"_s.arg(host).arg(port);
}

} // namespace

Server::Server(ServerConfig config, std::unique_ptr<IClock> clock, QObject *parent)
    : QObject(parent),
      m_config(std::move(config)),
      m_clock(clock ? std::move(clock) : std::make_unique<SystemClock>()),
      m_metrics(std::make_unique<Metrics>())
{
}

Server::~Server()
{
    stop();
}

Result<std::unique_ptr<QLockFile>> Server::lockDataDir(const QString &dataDir)
{
    // The store, the blobs and the TLS key: parleyd's alone.
    if (Result<Done> made = PrivateFolder::makeAndSay(dataDir, "the data directory", lcServer()); !made)
        return made.error();
    auto lock = std::make_unique<QLockFile>(QDir(dataDir).filePath(u"parleyd.lock"_s));
    lock->setStaleLockTime(0); // stale only when its process is gone (a crash), never by age
    if (!lock->tryLock()) {
        qint64 pid = 0;
        QString host, app;
        lock->getLockInfo(&pid, &host, &app);
        return Error(ErrorCode::Unavailable,
                     u"another parleyd (pid %1) is using %2; one server per data directory"_s.arg(pid).arg(dataDir));
    }
    return lock;
}

Result<qint64> Server::copyStore(const ServerConfig &config)
{
    Result<std::unique_ptr<QLockFile>> lock = lockDataDir(config.dataDir);
    if (!lock)
        return lock.error();
    const Result<StoreCopier::Report> copied =
        StoreCopier::copy(config.database.mid(int(qstrlen("sqlite:"))), config.copyTo);
    if (!copied)
        return copied.error();
    return copied->rows;
}

Result<Done> Server::start()
{
    // OpenSSL writes the long-connection sockets with write(): a peer that has gone would otherwise end the
    // process with SIGPIPE instead of giving the write an EPIPE to close that one link on.
    signal(SIGPIPE, SIG_IGN);
    Result<std::unique_ptr<QLockFile>> lock = lockDataDir(m_config.dataDir);
    if (!lock)
        return lock.error();
    m_dataLock = std::move(lock.value());

    m_tls = std::make_unique<ServerTls>();
    if (auto tls = installTls(); !tls)
        return tls;

    const QString location =
        m_config.database.startsWith("sqlite:"_L1) ? m_config.database.mid(int(qstrlen("sqlite:"))) : m_config.database;
    const auto openStore = [location](SqlStore::Check check) {
        return [location, check]() -> Result<std::unique_ptr<IStore>> {
            auto store = std::make_unique<SqlStore>();
            if (auto opened = store->open(location, check); !opened)
                return opened.error();
            return std::unique_ptr<IStore>(std::move(store));
        };
    };
    m_store = std::make_unique<StoreExecutor>(openStore(SqlStore::Check::Integrity));
    m_store->setMetrics(m_metrics.get());
    if (auto started = m_store->start(); !started)
        return started;
    // After the first, which migrated the schema. Reads only: SQLite's WAL and PostgreSQL let it read a snapshot
    // while the storage thread goes on writing.
    m_reports = std::make_unique<StoreExecutor>(openStore(SqlStore::Check::Skip), "parleyd-reports");
    if (auto started = m_reports->start(); !started) { // PostgreSQL's max_connections, say: counts waits its turn
        qCWarning(lcStore).noquote() << "no second connection for the operator's reports:" << started.error().message;
        m_reports.reset();
    }
    const Result<QByteArray> codeKey =
        runNow<QByteArray>(*m_store, [](IStore &store) { return store.secret(u"code-hmac"_s, kCodeKeyBytes); });
    if (!codeKey || codeKey->size() != kCodeKeyBytes)
        return Error(ErrorCode::StorageFailure, u"cannot read the server secret"_s);
    const Result<QByteArray> grantKey = runNow<QByteArray>(
        *m_store, [](IStore &store) { return store.secret(u"file-grant-hmac"_s, FileGrants::kKeyBytes); });
    if (!grantKey || grantKey->size() != FileGrants::kKeyBytes)
        return Error(ErrorCode::StorageFailure, u"cannot read the server secret"_s);

    if (m_config.codeSender == "webhook"_L1)
        m_codeSender = std::make_unique<WebhookCodeSender>(QUrl(m_config.codeWebhookUrl));
    else
        m_codeSender = std::make_unique<DevCodeSender>(QDir(m_config.dataDir).filePath(u"verification-codes.log"_s));

    CodePolicy policy;
    policy.ttlMs = qint64(m_config.codeTtlS) * 1000;
    policy.maxTries = m_config.codeMaxTries;
    policy.phoneIntervalMs = qint64(m_config.codePhoneIntervalS) * 1000;
    policy.phonePerHour = m_config.codePhonePerHour;
    policy.addressPerHour = m_config.codeAddressPerHour;
    policy.blockPerHour = m_config.codeBlockPerHour;
    m_registry = std::make_unique<SessionRegistry>();
    m_presence = std::make_unique<PresenceLedger>(*m_store, *m_registry, *m_clock);
    m_registry->setPresenceListener([presence = m_presence.get()](qint64 userId, bool fromElsewhere) {
        presence->onlineChanged(userId, fromElsewhere);
    });
    if (!m_config.redis.isEmpty()) {
        m_cluster = std::make_unique<ClusterBus>(
            RedisLink::parse(m_config.redis).value(), *m_registry,
            ClusterBudgets::Rate{double(m_config.sendRatePerSecond), m_config.sendBurst},
            ClusterBudgets::Rate{m_config.lookupRatePerMinute / 60.0, m_config.lookupBurst});
        m_registry->setPeers(m_cluster.get());
        m_cluster->start();
    }
    m_limiter = std::make_unique<AddressLimiter>(m_config.maxConnectionsPerAddress);
    m_auth = std::make_unique<AuthService>(CodeBook(policy, codeKey.value(), *m_clock),
                                           DeviceSessions(*m_clock, m_config.maxDevicesPerPlatform), *m_clock, *m_store,
                                           *m_registry, *m_codeSender);
    m_messages = std::make_unique<MessageService>(*m_clock, m_config.allowStrangerMessages != 0,
                                                  qint64(m_config.recallLimitS) * 1000,
                                                  qint64(m_config.editLimitS) * 1000);
    m_devices = std::make_unique<DeviceService>(m_auth->deviceSessions(), *m_registry);
    constexpr qint64 kDayMs = 24 * 3600 * 1000;
    m_friends = std::make_unique<FriendService>(
        FriendLedger::Policy{m_config.friendRequestExpiryDays * kDayMs, qint64(m_config.friendRequestRepeatS) * 1000});
    m_groups = std::make_unique<GroupService>(
        GroupLedger::Policy{m_config.maxGroupSize, m_config.maxGroupNameLength, m_config.maxAnnouncementLength});
    // The route table: every request parleyd serves, with its policy, declared by the service it belongs to.
    m_router = std::make_unique<RequestRouter>(*m_store, *m_registry, *m_clock);
    m_auth->addRoutes(*m_router);
    m_devices->addRoutes(*m_router);
    m_messages->addRoutes(*m_router);
    ProfileService::addRoutes(*m_router, *m_presence);
    m_calls = std::make_unique<CallService>(
        *m_clock, *m_registry,
        IceServers::Config{m_config.stunUrls, m_config.turnUrls, m_config.turnSecret, m_config.turnTtlS},
        CallLedger::Options{qint64(m_config.ringTimeoutS) * 1000, qint64(m_config.callSilenceS) * 1000,
                            m_config.allowStrangerMessages != 0});
    m_friends->addRoutes(*m_router, *m_presence, m_calls->ledger());
    m_groups->addRoutes(*m_router);
    m_calls->addRoutes(*m_router);
    if (qint64(m_config.callSilenceS) * 1000 < 2 * limits::kCallKeepAliveMs)
        qCWarning(lcServer) << "--call-silence" << m_config.callSilenceS
                            << "s is less than two of the clients' keep-alives: answered calls will be cut";
    if (auto files = startFiles(grantKey.value()); !files)
        return files;

    m_context.config = &m_config;
    m_context.clock = m_clock.get();
    m_context.store = m_store.get();
    m_context.registry = m_registry.get();
    m_context.budgets = m_cluster ? m_cluster->budgets() : nullptr;
    m_context.limiter = m_limiter.get();
    m_context.requests = m_router.get();
    m_context.authenticator = m_auth.get();
    m_context.tls = m_tls.get();
    m_context.metrics = m_metrics.get();
    m_context.transferPacer = m_transferPacer.get();

    const int threads = m_config.ioThreads > 0 ? m_config.ioThreads : std::max(1, QThread::idealThreadCount());
    m_handshakes = std::make_unique<HandshakeSlots>(
        m_config.maxHandshakes > 0 ? m_config.maxHandshakes : AcceptPacer::kDefaultHandshakesPerThread * threads,
        m_config.handshakeLeaseMs);
    m_context.handshakes = m_handshakes.get();
    m_pool = std::make_unique<IoThreadPool>(threads, m_context);
    m_pool->start();
    m_pacer = std::make_unique<AcceptPacer>(
        m_config.acceptRatePerSecond > 0 ? m_config.acceptRatePerSecond : AcceptPacer::kDefaultRatePerThread * threads,
        *m_handshakes);
    m_running = true;

    // Delivered and expired inbox items: once now, before any request of this run, then periodically.
    prune();
    if (auto r = listen(m_tlsAcceptor, m_config.tlsPort, int(IoWorker::Transport::Tls), "TLS"); !r)
        return r;
    if (auto r = listen(m_wsAcceptor, m_config.wsPort, int(IoWorker::Transport::Ws), "WebSocket"); !r)
        return r;
    if (auto r = listen(m_wssAcceptor, m_config.wssPort, int(IoWorker::Transport::Wss), "secure WebSocket"); !r)
        return r;
    if (auto ops = startOps(); !ops) // a busy port costs the operator's view, never the service
        qCWarning(lcServer).noquote() << ops.error().message << "- metrics and health are off";
    m_admin = std::make_unique<AdminService>(*m_store, m_reports ? *m_reports : *m_store, *m_registry, *m_clock,
                                             m_accounts->deletion());
    if (const Result<Done> admin = m_admin->listen(m_config.dataDir); !admin)
        qCWarning(lcServer).noquote() << admin.error().message << "- parleyd admin cannot reach this server";

    m_pruneTimer = new QTimer(this);
    connect(m_pruneTimer, &QTimer::timeout, this, &Server::prune);
    m_pruneTimer->start(kPruneIntervalMs);
    m_revocations = new RevocationWatch(*m_store, *m_registry, *m_clock, m_config.revocationCheckS * 1000, this);
    m_revocations->start();
    m_callSweeper = new CallSweeper(*m_store, *m_registry, m_calls->ledger(), *m_clock, this);
    m_callSweeper->start();
    qCInfo(lcServer).noquote() << "serving with" << threads << "network threads;" << readyLine();
    return Done{};
}

Result<Done> Server::startFiles(const QByteArray &grantKey)
{
    constexpr quint64 kMiB = 1 << 20;
    constexpr qint64 kMaxChallengeTtlMs = 2 * 60 * 1000; // a possession proof must come back within this
    const qint64 grantTtlMs = qint64(m_config.fileGrantTtlS) * 1000;
    m_blobs = std::make_unique<BlobStore>(m_config.filesDir.isEmpty() ? QDir(m_config.dataDir).filePath(u"files"_s)
                                                                      : m_config.filesDir);
    if (auto prepared = m_blobs->prepare(); !prepared)
        return prepared;
    m_grants = std::make_unique<FileGrants>(grantKey);
    m_files = std::make_unique<FileLedger>(FileLedger::Policy{quint64(m_config.maxFileSizeMiB) * kMiB,
                                                              quint64(m_config.userQuotaMiB) * kMiB, grantTtlMs,
                                                              std::min(grantTtlMs, kMaxChallengeTtlMs), 0},
                                           *m_grants, *m_blobs);
    if (m_config.filesPort != ServerConfig::kPortDisabled) {
        m_transferPacer = std::make_unique<TransferPacer>(
            TransferPacer::Options{m_config.transfersYield != 0, qint64(m_config.transferMaxRateMiB) * qint64(kMiB)});
        m_metrics->setTransferPacer(m_transferPacer.get()); // before the ops port serves a scrape
        TransferServer::Options options;
        options.address = m_config.listenAddress;
        options.port = m_config.filesPort;
        options.threads = m_config.transferThreads;
        options.certificatePem = m_credentials->certificatePem();
        options.privateKeyPem = m_credentials->privateKeyPem();
        options.metrics = m_metrics.get();
        options.pacer = m_transferPacer.get();
        options.sharedStore = PostgresConnection::isUrl(m_config.database);
        m_transfers = std::make_unique<TransferServer>(options, *m_store, *m_files, *m_grants, *m_blobs, *m_clock);
        const Result<int> port = m_transfers->start();
        if (!port)
            return port.error();
        m_filesPort = port.value();
        // before any request can ask for it
        m_files->setFilesPort(quint32(m_config.filesPublicPort > 0 ? m_config.filesPublicPort : m_filesPort));
    }
    m_fileService = std::make_unique<FileService>(*m_files);
    m_fileService->addRoutes(*m_router);
    m_sweeper = std::make_unique<FileSweeper>(*m_store, *m_files);
    m_accounts = std::make_unique<AccountService>(m_auth->codes(), AccountDeletion(*m_files, *m_sweeper));
    m_accounts->addRoutes(*m_router);
    return Done{};
}

Result<Done> Server::startOps()
{
    if (m_config.opsPort == ServerConfig::kPortDisabled)
        return Done{};
    const Metrics *metrics = m_metrics.get();
    const QByteArray version = QCoreApplication::applicationVersion().toUtf8();
    OpsServer::Options options;
    options.address = m_config.opsAddress;
    options.port = m_config.opsPort;
    options.metrics = [metrics, version] { return metrics->exposition(version); };
    options.health = [metrics]() -> OpsServer::Health {
        if (const qint64 running = metrics->storeBatchRunningMs(); running > kStoreStallMs)
            return {false, "storage stalled: one batch has run for " + QByteArray::number(running) + " ms"};
        return {};
    };
    m_ops = std::make_unique<OpsServer>(std::move(options));
    const Result<int> port = m_ops->start();
    if (!port) {
        m_ops.reset();
        return port.error();
    }
    m_opsPort = port.value();
    return Done{};
}

void Server::prune()
{
    constexpr qint64 kHourMs = 3600 * 1000;
    m_auth->pruneExpired();
    m_presence->keepSeen(); // a crash then loses at most one interval of who was online
    m_sweeper->collect(m_clock->nowMs(), qint64(m_config.uploadGraceHours) * kHourMs,
                       qint64(m_config.orphanGraceHours) * kHourMs);
    const qint64 cutoff = m_clock->nowMs() - qint64(m_config.inboxRetentionDays) * 24 * 3600 * 1000;
    m_store->submit<int>([cutoff](IStore &store) { return store.pruneInbox(cutoff); },
                         [](int removed) {
                             if (removed > 0)
                                 qCInfo(lcStore) << "pruned" << removed << "delivered or expired inbox items";
                         },
                         {});
}

Result<Done> Server::listen(std::unique_ptr<Acceptor> &acceptor, int port, int transport, const char *name)
{
    if (port == ServerConfig::kPortDisabled)
        return Done{};
    acceptor = std::make_unique<Acceptor>(*m_pool, IoWorker::Transport(transport), *m_pacer);
    if (!acceptor->listen(m_config.listenAddress, quint16(port)))
        return Error(ErrorCode::Unavailable,
                     u"cannot listen for %1 on %2: %3"_s.arg(
                         QLatin1StringView(name), endpoint(m_config.listenAddress, port), acceptor->errorString()));
    return Done{};
}

Result<Done> Server::reloadTls()
{
    if (!m_running)
        return Error(ErrorCode::Unavailable, u"not running"_s);
    if (auto tls = installTls(); !tls)
        return tls;
    qCInfo(lcServer).noquote() << "reloaded the TLS certificate; new links see the fingerprint" << fingerprint();
    return Done{};
}

Result<Done> Server::installTls()
{
    Result<TlsCredentials> credentials =
        TlsCredentials::load(m_config.certificateFile, m_config.privateKeyFile, m_config.dataDir);
    if (!credentials)
        return credentials.error();
    Result<std::shared_ptr<TlsContext>> links =
        TlsContext::fromPem(credentials->certificatePem(), credentials->privateKeyPem());
    if (!links)
        return links.error();
    if (m_transfers) {
        if (auto files = m_transfers->setCertificate(credentials->certificatePem(), credentials->privateKeyPem());
            !files)
            return files;
    }
    m_tls->set(std::move(links.value()), credentials->serverConfiguration());
    m_credentials = std::make_unique<TlsCredentials>(std::move(credentials.value()));
    return Done{};
}

void Server::stop()
{
    if (!m_running)
        return;
    m_running = false;
    qCInfo(lcServer) << "stopping";
    if (m_pruneTimer)
        m_pruneTimer->stop();
    if (m_revocations)
        m_revocations->stop();
    if (m_callSweeper)
        m_callSweeper->stop();
    if (m_ops)
        m_ops->stop(); // a scrape from now would see a server going away
    if (m_admin)
        m_admin->close();
    for (auto *acceptor : {m_tlsAcceptor.get(), m_wsAcceptor.get(), m_wssAcceptor.get()}) {
        if (acceptor)
            acceptor->close();
    }
    m_pacer->clear();       // links still waiting to be let in are closed
    m_presence->keepSeen(); // those online now were last seen now
    m_pool->shutdownSessions();
    if (m_transfers)
        m_transfers->stop(); // no transfer runs after this; its answers from storage are dropped with it
    m_store->stop();         // no storage callbacks after this
    if (m_reports)
        m_reports->stop();
    if (m_cluster)
        m_cluster->stop(); // nothing from other nodes after this
    m_transfers.reset();
    m_codeSender.reset(); // no sender callbacks after this
    m_pool->stop();       // deletes the sessions on their threads
}

int Server::tlsPort() const
{
    return m_tlsAcceptor ? m_tlsAcceptor->serverPort() : ServerConfig::kPortDisabled;
}

int Server::wsPort() const
{
    return m_wsAcceptor ? m_wsAcceptor->serverPort() : ServerConfig::kPortDisabled;
}

int Server::wssPort() const
{
    return m_wssAcceptor ? m_wssAcceptor->serverPort() : ServerConfig::kPortDisabled;
}

int Server::filesPort() const
{
    return m_filesPort;
}

int Server::opsPort() const
{
    return m_opsPort;
}

QString Server::fingerprint() const
{
    return m_credentials ? m_credentials->fingerprint() : QString();
}

QString Server::readyLine() const
{
    return u"parleyd ready tls=%1 ws=%2 wss=%3 files=%4 ops=%5 fingerprint=%6"_s.arg(
        endpoint(m_config.listenAddress, tlsPort()), endpoint(m_config.listenAddress, wsPort()),
        endpoint(m_config.listenAddress, wssPort()), endpoint(m_config.listenAddress, filesPort()),
        endpoint(m_config.opsAddress, opsPort()), fingerprint());
}

} // namespace parley::server
