#include "bench/benchclient.h"

#include "protocol/protobufbytes.h"

#include <QSslConfiguration>

using namespace parley;
using namespace Qt::StringLiterals;

BenchClient::BenchClient(QString fingerprint, QObject *parent) : QObject(parent), m_fingerprint(std::move(fingerprint))
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setPeerVerifyMode(QSslSocket::QueryPeer); // pinned below
    m_socket.setSslConfiguration(config);
    connect(&m_socket, &QSslSocket::encrypted, this, [this] {
        if (QString::fromLatin1(m_socket.peerCertificate().digest(QCryptographicHash::Sha256).toHex()) !=
            m_fingerprint) {
            Q_EMIT failed(u"certificate does not match the pin"_s);
            m_socket.abort();
            return;
        }
        Q_EMIT opened();
    });
    connect(&m_socket, &QSslSocket::readyRead, this, &BenchClient::onReadyRead);
    connect(&m_socket, &QSslSocket::errorOccurred, this, &BenchClient::onError);
    m_heartbeat.setTimerType(Qt::CoarseTimer);
    connect(&m_heartbeat, &QTimer::timeout, this, [this] {
        m_socket.write(Frame{Signal::Ping, SubSignal::None, nextId(), {}}.encode());
    });
}

void BenchClient::open(const QString &host, quint16 port)
{
    m_socket.abort();
    m_heartbeat.stop();
    m_decoder = FrameDecoder();
    m_pending.clear();
    m_connectDone = {};
    m_disconnectReason.clear();
    m_socket.connectToHostEncrypted(host, port);
}

void BenchClient::onError()
{
    m_heartbeat.stop();
    const QString why = m_disconnectReason.isEmpty() ? m_socket.errorString() : m_disconnectReason;
    if (m_expectingClose)
        Q_EMIT closed(why);
    else
        Q_EMIT failed(why);
}

quint16 BenchClient::nextId()
{
    do {
        ++m_lastId;
    } while (m_lastId == 0 || m_pending.contains(m_lastId));
    return m_lastId;
}

void BenchClient::request(SubSignal subSignal, const google::protobuf::MessageLite &payload, Reply reply)
{
    const quint16 id = nextId();
    m_pending.insert(id, std::move(reply));
    m_socket.write(Frame{Signal::Publish, subSignal, id, toBytes(payload)}.encode());
}

void BenchClient::connectSession(std::function<void(bool, quint64)> done)
{
    v1::ConnectRequest request;
    request.set_user_id(userId.toStdString());
    request.set_token(token.toStdString());
    request.set_device_id(deviceId.toStdString());
    request.set_platform("bench");
    m_connectDone = std::move(done);
    m_socket.write(Frame{Signal::Connect, SubSignal::None, nextId(), toBytes(request)}.encode());
}

void BenchClient::onReadyRead()
{
    m_decoder.append(m_socket.readAll());
    while (std::optional<Frame> frame = m_decoder.next()) {
        switch (frame->signal) {
        case Signal::PubAck: {
            if (Reply reply = m_pending.take(frame->messageId))
                reply(fromBytes<v1::Result>(frame->payload).value_or(v1::Result()));
            break;
        }
        case Signal::ConnectAck: {
            const auto ack = fromBytes<v1::ConnectAck>(frame->payload);
            if (ack && ack->code() == v1::CONNECTION_ACCEPTED && ack->heartbeat_interval_s() > 0)
                m_heartbeat.start(std::chrono::seconds(ack->heartbeat_interval_s()));
            if (auto done = std::exchange(m_connectDone, {}))
                done(ack && ack->code() == v1::CONNECTION_ACCEPTED, ack ? ack->inbox_head() : 0);
            break;
        }
        case Signal::Push: {
            if (const auto item = fromBytes<v1::InboxItem>(frame->payload))
                Q_EMIT pushed(*item);
            break;
        }
        case Signal::Disconnect: {
            const auto disconnect = fromBytes<v1::Disconnect>(frame->payload).value_or(v1::Disconnect());
            m_disconnectReason = u"the server disconnected: %1 (%2)"_s.arg(
                QString::fromStdString(v1::DisconnectReason_Name(disconnect.reason())),
                QString::fromStdString(disconnect.message()));
            break;
        }
        default: break;
        }
    }
    if (m_decoder.hasError())
        Q_EMIT failed(QString::fromLatin1(frameDecoderErrorName(m_decoder.error())));
}
