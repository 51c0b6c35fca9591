#include "server/net/ioworker.h"

#include "common/threadaffinity.h"
#include "server/logging.h"
#include "server/net/addresslimiter.h"
#include "server/net/addressticket.h"
#include "server/net/handshakeslot.h"
#include "server/net/session.h"
#include "server/net/tcplink.h"
#include "server/net/wslink.h"
#include "server/ops/metrics.h"
#include "server/serverconfig.h"
#include "server/tls/servertls.h"
#include "server/tls/tlscontext.h"

#include <QAtomicInteger>
#include <QElapsedTimer>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

QAtomicInteger<quint64> g_nextSessionId{1};

const QElapsedTimer &monotonicClock()
{
    static const QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock;
}

// Counts a link against its address until `owner` (or, once upgraded, the WebSocket link) is destroyed, whatever
// path it takes: failed handshake, closed link, shutdown. False over the limit; the caller closes it then.
bool admit(QObject *owner, const QHostAddress &peer, AddressLimiter *limiter)
{
    const QString address = peer.toString();
    if (!limiter->tryAcquire(address)) {
        qCWarning(lcNet) << "refusing a link from" << address << ": too many open links from this address";
        return false;
    }
    new AddressTicket(*limiter, address, owner);
    return true;
}

bool admit(QTcpSocket *socket, AddressLimiter *limiter)
{
    if (!admit(socket, socket->peerAddress(), limiter)) {
        socket->abort();
        socket->deleteLater();
        return false;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); // see setLowDelay()
    return true;
}

// Replies and pushes are small frames written as they happen: with Nagle's algorithm a frame written while the
// one before is not yet acknowledged waits for the peer's delayed ACK (40 ms on Linux).
void setLowDelay(qintptr descriptor)
{
    const int on = 1;
    ::setsockopt(int(descriptor), IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

} // namespace

void SessionRef::post(std::function<void(Session &)> fn) const
{
    if (worker)
        worker->post(id, std::move(fn));
}

IoWorker::IoWorker(int index, const ServerContext &context)
    : m_index(index),
      m_context(context),
      m_wsUpgrader(new QWebSocketServer(u"parleyd"_s, QWebSocketServer::NonSecureMode, this)),
      m_wssUpgrader(new QWebSocketServer(u"parleyd"_s, QWebSocketServer::NonSecureMode, this)),
      m_sweepTimer(new QTimer(this))
{
    monotonicClock();
    connect(m_wsUpgrader, &QWebSocketServer::newConnection, this, [this] { onUpgraded(m_wsUpgrader, false); });
    connect(m_wssUpgrader, &QWebSocketServer::newConnection, this, [this] { onUpgraded(m_wssUpgrader, true); });
    m_sweepTimer->setInterval(kSweepIntervalMs);
    connect(m_sweepTimer, &QTimer::timeout, this, &IoWorker::sweep);
}

IoWorker::~IoWorker()
{
    for (Session *s : std::as_const(m_sessions))
        delete s;
}

qint64 IoWorker::monotonicMs()
{
    return monotonicClock().elapsed();
}

void IoWorker::post(quint64 sessionId, std::function<void(Session &)> fn)
{
    // Any thread: this is how other threads reach a session.
    QMetaObject::invokeMethod(
        this,
        [this, sessionId, fn = std::move(fn)] {
            if (Session *s = m_sessions.value(sessionId))
                fn(*s);
        },
        Qt::QueuedConnection);
}

void IoWorker::start()
{
    PARLEY_ASSERT_OWN_THREAD();
    m_sweepTimer->start();
}

void IoWorker::accept(qintptr descriptor, Transport transport)
{
    PARLEY_ASSERT_OWN_THREAD();
    // AcceptPacer took a handshake slot for this link: its HandshakeSlot, a child of the link, gives it back.
    if (transport == Transport::Ws) {
        auto *socket = new QTcpSocket(this);
        new HandshakeSlot(*m_context.handshakes, socket);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket; // Qt closed the descriptor, or it was not open
            return;
        }
        if (admit(socket, m_context.limiter)) {
            awaitUpgrade(socket);
            m_wsUpgrader->handleConnection(socket);
        }
        return;
    }
    if (transport == Transport::Tls) {
        const std::shared_ptr<TlsContext> tls = m_context.tls->links(); // its SSL keeps the context it was made with
        auto *link = new TcpLink(descriptor, tls->get());
        new HandshakeSlot(*m_context.handshakes, link);
        if (!admit(link, link->peerAddress(), m_context.limiter)) {
            delete link; // closes the descriptor
            return;
        }
        setLowDelay(descriptor);
        adopt(link, monotonicMs());
        return;
    }
    auto *socket = new QSslSocket(this);
    new HandshakeSlot(*m_context.handshakes, socket);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket; // Qt closed the descriptor, or it was not open
        return;
    }
    if (!admit(socket, m_context.limiter))
        return;
    // wss: TLS first, then the WebSocket upgrade reads the decrypted stream.
    socket->setSslConfiguration(m_context.tls->wss());
    socket->startServerEncryption();
    awaitUpgrade(socket);
    m_wssUpgrader->handleConnection(socket);
}

void IoWorker::awaitUpgrade(QTcpSocket *socket)
{
    const auto key = upgradeKey(socket);
    m_upgrading.insert(key, Upgrading{socket, monotonicMs()});
    connect(socket, &QObject::destroyed, this, [this, key] {
        if (const auto it = m_upgrading.find(key); it != m_upgrading.end() && it->socket.isNull())
            m_upgrading.erase(it); // not a newer socket's under the same key
    });
    QTimer::singleShot(qint64(m_context.config->authTimeoutS) * 1000, socket, [this, key] {
        if (QPointer<QTcpSocket> waiting = m_upgrading.take(key).socket; waiting) {
            qCDebug(lcNet) << "closing a WebSocket link that did not upgrade in time";
            waiting->abort();
        }
    });
}

template <typename Socket>
std::pair<QString, quint16> IoWorker::upgradeKey(const Socket *socket)
{
    // The port it came to as well: ws and wss share the map, and one address and port may reach both.
    return {socket->peerAddress().toString() + u'/' + QString::number(socket->localPort()), socket->peerPort()};
}

void IoWorker::onUpgraded(QWebSocketServer *upgrader, bool secure)
{
    while (upgrader->hasPendingConnections()) {
        if (QWebSocket *socket = upgrader->nextPendingConnection()) {
            const Upgrading upgraded = m_upgrading.take(upgradeKey(socket));
            auto *link = new WsLink(socket, secure);
            if (upgraded.socket) {
                link->ownUpgradedSocket(upgraded.socket);
                if (auto *ticket = upgraded.socket->findChild<AddressTicket *>())
                    ticket->setParent(link);
                if (auto *slot = upgraded.socket->findChild<HandshakeSlot *>())
                    slot->setParent(link); // the session's until its handshake ends
            }
            // The upgrade took part of the time to CONNECT (none is known when the socket has gone: now).
            adopt(link, upgraded.socket ? upgraded.acceptedMs : monotonicMs());
        }
    }
}

void IoWorker::adopt(ILink *link, qint64 acceptedMs)
{
    const quint64 id = g_nextSessionId.fetchAndAddRelaxed(1);
    auto *session = new Session(id, link, this, m_context, acceptedMs);
    m_sessions.insert(id, session);
    connect(session, &Session::finished, this, [this](quint64 finishedId) {
        if (Session *s = m_sessions.take(finishedId))
            s->deleteLater();
    });
    qCDebug(lcNet) << "worker" << m_index << "opened" << link->transportName() << "session" << id << "from"
                   << session->peerAddress();
}

void IoWorker::shutdownSessions()
{
    PARLEY_ASSERT_OWN_THREAD();
    m_sweepTimer->stop();
    const QList<Session *> sessions = m_sessions.values();
    for (Session *s : sessions)
        s->disconnect(v1::DISCONNECT_SERVER_SHUTDOWN, u"the server is shutting down"_s);
}

void IoWorker::sweep()
{
    const qint64 now = monotonicMs();
    const QList<Session *> sessions = m_sessions.values();
    qint64 backlog = 0;
    for (Session *s : sessions) {
        s->checkDeadlines(now);
        backlog += s->pendingWriteBytes();
    }
    m_context.metrics->writeBacklogChanged(backlog - std::exchange(m_reportedBacklog, backlog));
}

} // namespace parley::server
