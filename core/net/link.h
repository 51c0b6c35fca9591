#pragma once

#include "core/net/connectiontimings.h"
#include "parley.pb.h"
#include "protocol/framedecoder.h"
#include "protocol/protobufbytes.h"
#include "protocol/result.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>

namespace parley {

class ITransport;

// One open connection to the server as frames: encodes and decodes, pairs each request with its reply
// by messageId, times requests out, and keeps the link alive: a PING after `heartbeatMs` of silence in
// both directions, and the link is declared dead when no frame answers within `pongTimeoutMs`.
// Engine thread. A Link is used once: when it closes, Connection makes a new one.
class Link : public QObject {
    Q_OBJECT

public:
    // Called once with the decoded reply, or with an Error (timeout, link lost, or the server's error code).
    using ReplyHandler = std::function<void(Result<v1::Result>)>;
    using ConnectHandler = std::function<void(Result<v1::ConnectAck>)>;

    // Monotonic milliseconds; the default is a QElapsedTimer. Tests pass their own and call poll().
    using Clock = std::function<qint64()>;

    Link(ITransport *transport, ConnectionTimings timings, Clock clock = {}, QObject *parent = nullptr);
    ~Link() override;

    void open(const QString &host, quint16 port);
    bool isOpen() const { return m_open; }

    void request(SubSignal subSignal, const QByteArray &payload, ReplyHandler handler, int timeoutMs = 0);
    void request(SubSignal subSignal, const google::protobuf::MessageLite &payload, ReplyHandler handler,
                 int timeoutMs = 0)
    {
        request(subSignal, toBytes(payload), std::move(handler), timeoutMs);
    }
    void connectSession(const v1::ConnectRequest &request, ConnectHandler handler);
    void sendDisconnect();
    void setHeartbeatMs(int ms) { m_timings.heartbeatMs = ms; }
    // Closes without emitting closed(); pending handlers get ConnectionLost.
    void close();
    // Applies the time rules (request timeouts, heartbeat, dead link). The tick timer calls it every
    // ConnectionTimings::tickMs.
    void poll();

Q_SIGNALS:
    void opened();
    void pushReceived(const parley::Frame &frame);
    void serverDisconnected(int reason, const QString &message); // v1::DisconnectReason
    void closed(const parley::Error &reason);

private:
    struct Pending {
        ReplyHandler reply;
        ConnectHandler connect;
        qint64 deadlineMs = 0;
    };

    void onReceived(const QByteArray &bytes);
    void onFrame(const Frame &frame);
    void send(Signal signal, SubSignal subSignal, quint16 messageId, const QByteArray &payload);
    quint16 nextMessageId();
    void fail(const Error &reason);
    // Stops everything and fails what is pending; false if it was already closed.
    bool shutDown(const Error &pendingReason);

    ITransport *m_transport;
    ConnectionTimings m_timings;
    FrameDecoder m_decoder;
    QHash<quint16, Pending> m_pending;
    quint16 m_lastMessageId = 0;
    QTimer m_tick{this};
    Clock m_now;
    qint64 m_lastSentMs = 0;
    qint64 m_lastReceivedMs = 0;
    qint64 m_pingSentMs = -1;
    bool m_open = false;
    bool m_closed = false;
};

} // namespace parley
