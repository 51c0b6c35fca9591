#include "bench/benchclient.h"

#include <QSslConfiguration>

using namespace parley;
using namespace Qt::StringLiterals;

BenchClient::BenchClient(QString fingerprint, QObject *parent) : QObject(parent), m_fingerprint(std::move(fingerprint))
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setPeerVerifyMode(QSslSocket::QueryPeer);  // pinned below
    m_socket.setSslConfiguration(config);
    connect(&m_socket, &QSslSocket::encrypted, this, [this] {
        if (QString::fromLatin1(m_socket.peerCertificate().digest(QCryptographicHash::Sha256).toHex()) != m_fingerprint) {
            Q_EMIT failed(u"certificate does not match the pin"_s);
            m_socket.abort();
            return;
        }
        Q_EMIT opened();
    });
    connect(&m_socket, &QSslSocket::readyRead, this, &BenchClient::onReadyRead);
    connect(&m_socket, &QSslSocket::errorOccurred, this, [this] { Q_EMIT failed(m_socket.errorString()); });
}

void BenchClient::open(const QString &host, quint16 port)
{
    m_socket.connectToHostEncrypted(host, port);
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
    const std::string bytes = payload.SerializeAsString();
    m_socket.write(Frame{Signal::Publish, subSignal, id, QByteArray(bytes.data(), qsizetype(bytes.size()))}.encode());
}

void BenchClient::connectSession(const QString &user, const QString &secret, const QString &deviceId,
                                 std::function<void(bool)> done)
{
    v1::ConnectRequest request;
    request.set_user_id(user.toStdString());
    request.set_token(secret.toStdString());
    request.set_device_id(deviceId.toStdString());
    request.set_platform("bench");
    m_connectDone = std::move(done);
    const std::string bytes = request.SerializeAsString();
    m_socket.write(Frame{Signal::Connect, SubSignal::None, nextId(), QByteArray(bytes.data(), qsizetype(bytes.size()))}.encode());
}

void BenchClient::onReadyRead()
{
    m_decoder.append(m_socket.readAll());
    while (std::optional<Frame> frame = m_decoder.next()) {
        switch (frame->signal) {
        case Signal::PubAck: {
            v1::Result result;
            result.ParseFromArray(frame->payload.constData(), int(frame->payload.size()));
            if (Reply reply = m_pending.take(frame->messageId))
                reply(result);
            break;
        }
        case Signal::ConnectAck: {
            v1::ConnectAck ack;
            ack.ParseFromArray(frame->payload.constData(), int(frame->payload.size()));
            if (auto done = std::exchange(m_connectDone, {}))
                done(ack.code() == v1::CONNECTION_ACCEPTED);
            break;
        }
        case Signal::Push: {
            v1::InboxItem item;
            item.ParseFromArray(frame->payload.constData(), int(frame->payload.size()));
            Q_EMIT messagePushed(item);
            break;
        }
        default:
            break;
        }
    }
    if (m_decoder.hasError())
        Q_EMIT failed(QString::fromLatin1(frameDecoderErrorName(m_decoder.error())));
}
