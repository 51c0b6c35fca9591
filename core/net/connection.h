#pragma once

#include "core/net/backoff.h"
#include "core/net/connectiontimings.h"
#include "core/net/link.h"
#include "core/net/serveraddress.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <optional>

namespace parley {

class ITransport;

// The long connection across links. Opens links through a transport factory; before login it carries
// anonymous requests (verification code, login); with credentials it authenticates (CONNECT) and stays
// online: when a link drops it reconnects with capped, jittered backoff that resets once online, and it
// stops for good when the server refuses or revokes the session, or after stop(). Engine thread.
class Connection : public QObject {
    Q_OBJECT

public:
    enum class State { Idle, Opening, Open, Authenticating, Online, WaitingToRetry };
    Q_ENUM(State)

    using TransportFactory = std::function<ITransport *()>;

    // `servers`: the nodes of one service, the first tried first; after each failed attempt, the next.
    Connection(QList<ServerAddress> servers, TransportFactory transports, ConnectionTimings timings = {},
               QObject *parent = nullptr);
    ~Connection() override;

    State state() const { return m_state; }
    bool isOnline() const { return m_state == State::Online; }

    // A request that needs no account (RVC, LGN): sent once a link is open, opening one if needed.
    void requestAnonymous(SubSignal subSignal, const google::protobuf::MessageLite &payload,
                          Link::ReplyHandler handler);
    // Go online as this device session and stay online until stop().
    void start(const v1::ConnectRequest &credentials);
    // No more reconnects. With sayGoodbye, an online link sends DISCONNECT first.
    void stop(bool sayGoodbye = false);
    // Skips the wait of the current backoff.
    void retryNow();
    // Online only; otherwise the handler gets ConnectionLost (queued).
    void request(SubSignal subSignal, const google::protobuf::MessageLite &payload, Link::ReplyHandler handler,
                 int timeoutMs = 0);
    int nextRetryInMs() const;
    // The node the current or next attempt goes to.
    const ServerAddress &server() const { return m_servers.at(m_current); }

Q_SIGNALS:
    void stateChanged(parley::Connection::State state);
    void online(quint64 inboxHead, qint64 serverTimeMs);
    void pushReceived(const parley::Frame &frame);
    // The last attempt failed; another follows after the backoff.
    void attemptFailed(const parley::Error &reason);
    // The server refused or revoked this session: no reconnect until new credentials.
    void sessionEnded(const parley::Error &reason);

private:
    struct Queued {
        SubSignal subSignal;
        QByteArray payload;
        Link::ReplyHandler handler;
    };

    void setState(State state);
    void openLink();
    void onLinkOpened();
    void onLinkClosed(const Error &reason);
    void onServerDisconnected(int reason, const QString &message);
    void authenticate();
    void scheduleRetry(const Error &reason);
    void endSession(const Error &reason);
    void dropLink();
    void failQueued(const Error &reason);

    void nextServer();

    QList<ServerAddress> m_servers;
    qsizetype m_current = 0;
    TransportFactory m_transports;
    ConnectionTimings m_timings;
    Backoff m_backoff;
    QTimer m_retryTimer{this}; // parented: moves to the engine thread with its owner
    QPointer<Link> m_link;
    State m_state = State::Idle;
    std::optional<v1::ConnectRequest> m_credentials;
    QList<Queued> m_queued;
};

} // namespace parley
