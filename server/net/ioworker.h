#pragma once

#include "server/net/sessionref.h"
#include "server/servercontext.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

class QTcpSocket;
class QTimer;
class QWebSocketServer;

namespace parley::server {

class Session;
class ILink;

// One network thread's event loop: accepts the descriptors handed to it, runs their TLS/WebSocket
// handshakes, owns their Sessions, and sweeps deadlines once a second (cheaper than two timers per
// link at tens of thousands of links). Lives for the whole server run, so other threads may post to
// it at any time.
class IoWorker final : public QObject {
    Q_OBJECT

public:
    enum class Transport { Tls, Ws, Wss };
    static constexpr int kSweepIntervalMs = 1000;

    IoWorker(int index, const ServerContext &context);
    ~IoWorker() override;

    // Thread-safe: runs fn on this worker's thread with the session, if it still exists then.
    void post(quint64 sessionId, std::function<void(Session &)> fn);

    // Worker thread.
    void start();
    void accept(qintptr descriptor, Transport transport);
    void shutdownSessions(); // DISCONNECT(SERVER_SHUTDOWN) to every session
    int sessionCount() const { return int(m_sessions.size()); }

    static qint64 monotonicMs();

private:
    // `acceptedMs` (monotonic): when the link's connection was taken; its CONNECT is due authTimeoutS after.
    void adopt(ILink *link, qint64 acceptedMs);
    void awaitUpgrade(QTcpSocket *socket);
    template <typename Socket>
    static std::pair<QString, quint16> upgradeKey(const Socket *socket);
    void onUpgraded(QWebSocketServer *upgrader, bool secure);
    void sweep();

    const int m_index;
    const ServerContext &m_context;
    QHash<quint64, Session *> m_sessions;
    // WebSocket links not upgraded yet, by peer address and the port reached, and peer port. Qt arms its own
    // handshake timeout only for sockets its server accepted itself, so these get the authentication deadline
    // from here.
    struct Upgrading {
        QPointer<QTcpSocket> socket;
        qint64 acceptedMs = 0; // monotonic
    };
    QHash<std::pair<QString, quint16>, Upgrading> m_upgrading;
    QWebSocketServer *m_wsUpgrader;
    QWebSocketServer *m_wssUpgrader;
    QTimer *m_sweepTimer;
    qint64 m_reportedBacklog = 0; // the write backlog this worker last added to Metrics
};

} // namespace parley::server
