#include "core/net/link.h"

#include "common/threadaffinity.h"
#include "core/logging.h"
#include "core/net/itransport.h"
#include "protocol/protobufbytes.h"

namespace parley {

using namespace Qt::StringLiterals;

Link::Link(ITransport *transport, ConnectionTimings timings, Clock clock, QObject *parent)
    : QObject(parent), m_transport(transport), m_timings(timings), m_now(std::move(clock))
{
    if (!m_now) {
        auto elapsed = std::make_shared<QElapsedTimer>();
        elapsed->start();
        m_now = [elapsed] { return elapsed->elapsed(); };
    }
    m_transport->setParent(this);
    connect(m_transport, &ITransport::opened, this, [this] {
        m_open = true;
        m_lastSentMs = m_lastReceivedMs = m_now();
        m_tick.start(m_timings.tickMs);
        Q_EMIT opened();
    });
    connect(m_transport, &ITransport::received, this, &Link::onReceived);
    connect(m_transport, &ITransport::closed, this, &Link::fail);
    connect(&m_tick, &QTimer::timeout, this, &Link::poll);
}

Link::~Link()
{
    close();
}

void Link::open(const QString &host, quint16 port)
{
    PARLEY_ASSERT_OWN_THREAD();
    m_transport->open(host, port);
}

quint16 Link::nextMessageId()
{
    do {
        ++m_lastMessageId;
    } while (m_lastMessageId == 0 || m_pending.contains(m_lastMessageId));
    return m_lastMessageId;
}

void Link::request(SubSignal subSignal, const QByteArray &payload, ReplyHandler handler, int timeoutMs)
{
    PARLEY_ASSERT_OWN_THREAD();
    if (!m_open) {
        QMetaObject::invokeMethod(
            this, [handler = std::move(handler)] { handler(Error(ErrorCode::ConnectionLost, u"not connected"_s)); },
            Qt::QueuedConnection);
        return;
    }
    const quint16 id = nextMessageId();
    const int timeout = timeoutMs > 0 ? timeoutMs : m_timings.requestTimeoutMs;
    m_pending.insert(id, Pending{std::move(handler), {}, m_now() + timeout});
    send(Signal::Publish, subSignal, id, payload);
}

void Link::connectSession(const v1::ConnectRequest &request, ConnectHandler handler)
{
    PARLEY_ASSERT_OWN_THREAD();
    const quint16 id = nextMessageId();
    m_pending.insert(id, Pending{{}, std::move(handler), m_now() + m_timings.requestTimeoutMs});
    send(Signal::Connect, SubSignal::None, id, toBytes(request));
}

void Link::sendDisconnect()
{
    PARLEY_ASSERT_OWN_THREAD();
    v1::Disconnect goodbye;
    goodbye.set_reason(v1::DISCONNECT_CLIENT_LOGOUT);
    send(Signal::Disconnect, SubSignal::None, 0, toBytes(goodbye));
}

void Link::send(Signal signal, SubSignal subSignal, quint16 messageId, const QByteArray &payload)
{
    m_lastSentMs = m_now();
    m_transport->write(Frame{signal, subSignal, messageId, payload}.encode());
}

void Link::onReceived(const QByteArray &bytes)
{
    m_decoder.append(bytes);
    while (!m_closed) {
        std::optional<Frame> frame = m_decoder.next();
        if (!frame)
            break;
        onFrame(*frame);
    }
    if (m_decoder.hasError() && !m_closed)
        fail(Error(ErrorCode::ProtocolViolation, u"the server sent an unreadable frame: %1"_s.arg(
                                                     QLatin1StringView(frameDecoderErrorName(m_decoder.error())))));
}

void Link::onFrame(const Frame &frame)
{
    m_lastReceivedMs = m_now();
    m_pingSentMs = -1; // any frame proves the link is alive
    switch (frame.signal) {
    case Signal::Pong: return;
    case Signal::Ping: send(Signal::Pong, SubSignal::None, frame.messageId, {}); return;
    case Signal::Push: Q_EMIT pushReceived(frame); return;
    case Signal::ConnectAck: {
        const Pending pending = m_pending.take(frame.messageId);
        if (!pending.connect)
            return;
        if (std::optional<v1::ConnectAck> ack = fromBytes<v1::ConnectAck>(frame.payload))
            pending.connect(*ack);
        else
            pending.connect(Error(ErrorCode::ProtocolViolation, u"unreadable CONNECT_ACK"_s));
        return;
    }
    case Signal::PubAck: {
        const Pending pending = m_pending.take(frame.messageId);
        if (!pending.reply)
            return; // a reply that came after its timeout
        std::optional<v1::Result> result = fromBytes<v1::Result>(frame.payload);
        if (!result)
            pending.reply(Error(ErrorCode::ProtocolViolation, u"unreadable reply"_s));
        else if (result->code() != v1::ERR_NONE)
            pending.reply(Error(errorCodeFromWire(result->code()), QString::fromStdString(result->message()),
                                result->retry_after_s()));
        else
            pending.reply(std::move(*result));
        return;
    }
    case Signal::Disconnect: {
        const v1::Disconnect goodbye = fromBytes<v1::Disconnect>(frame.payload).value_or(v1::Disconnect());
        const QString message = QString::fromStdString(goodbye.message());
        Q_EMIT serverDisconnected(int(goodbye.reason()), message);
        fail(Error(ErrorCode::ConnectionLost, u"the server closed the connection: %1"_s.arg(message)));
        return;
    }
    case Signal::Connect:
    case Signal::Publish: break;
    }
    fail(Error(ErrorCode::ProtocolViolation, u"the server sent %1"_s.arg(signalName(frame.signal))));
}

void Link::poll()
{
    PARLEY_ASSERT_OWN_THREAD();
    if (!m_open)
        return;
    const qint64 now = m_now();
    if (m_pingSentMs >= 0 && now - m_pingSentMs >= m_timings.pongTimeoutMs) {
        fail(Error(ErrorCode::ConnectionLost, u"the server stopped answering"_s));
        return;
    }
    QList<quint16> expired;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        if (now >= it->deadlineMs)
            expired.append(it.key());
    }
    for (const quint16 id : std::as_const(expired)) {
        const Pending pending = m_pending.take(id);
        const Error timeout(ErrorCode::Timeout, u"no reply from the server in time"_s);
        if (pending.reply)
            pending.reply(timeout);
        else if (pending.connect)
            pending.connect(timeout);
        if (m_closed)
            return;
    }
    // Heartbeat only when idle: nothing sent or nothing received for the interval. PING then gives both
    // sides traffic, and its missing answer is how a dead link is noticed.
    const bool idle = now - m_lastSentMs >= m_timings.heartbeatMs || now - m_lastReceivedMs >= m_timings.heartbeatMs;
    if (idle && m_pingSentMs < 0) {
        m_pingSentMs = now;
        send(Signal::Ping, SubSignal::None, 0, {});
    }
}

bool Link::shutDown(const Error &pendingReason)
{
    if (m_closed)
        return false;
    m_closed = true;
    m_open = false;
    m_tick.stop();
    m_transport->close();
    const QHash<quint16, Pending> pending = std::exchange(m_pending, {});
    for (const Pending &p : pending) {
        if (p.reply)
            p.reply(pendingReason);
        else if (p.connect)
            p.connect(pendingReason);
    }
    return true;
}

void Link::fail(const Error &reason)
{
    if (shutDown(Error(ErrorCode::ConnectionLost, reason.message)))
        Q_EMIT closed(reason);
}

void Link::close()
{
    PARLEY_ASSERT_OWN_THREAD();
    shutDown(Error(ErrorCode::ConnectionLost, u"the connection was closed"_s));
}

} // namespace parley
