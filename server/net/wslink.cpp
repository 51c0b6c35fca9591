#include "server/net/wslink.h"

#include "protocol/jsoncodec.h"
#include "server/logging.h"

namespace parley::server {

using namespace Qt::StringLiterals;

WsLink::WsLink(QWebSocket *socket, bool secure, QObject *parent) : ILink(parent), m_socket(socket), m_secure(secure)
{
    m_socket->setParent(this);
    m_socket->setMaxAllowedIncomingFrameSize(JsonCodec::kMaxMessageBytes);
    m_socket->setMaxAllowedIncomingMessageSize(JsonCodec::kMaxMessageBytes);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &WsLink::onText);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this] {
        Q_EMIT protocolViolation(u"binary WebSocket messages are not part of the protocol; send JSON text"_s, false, 0);
    });
    connect(m_socket, &QWebSocket::disconnected, this, &WsLink::onDisconnected);
}

WsLink::~WsLink()
{
    delete m_socket;
    delete m_upgraded.data();
}

void WsLink::send(const Frame &frame)
{
    if (!m_closed)
        m_socket->sendTextMessage(QString::fromUtf8(JsonCodec::encode(frame)));
}

void WsLink::close()
{
    if (!m_closed)
        m_socket->close();
}

void WsLink::abort()
{
    if (!m_closed)
        m_socket->abort();
    onDisconnected();
}

qint64 WsLink::pendingWriteBytes() const
{
    return m_socket->bytesToWrite();
}

QHostAddress WsLink::peerAddress() const
{
    return m_socket->peerAddress();
}

void WsLink::onText(const QString &text)
{
    if (m_closed)
        return;
    const Result<JsonCodec::Decoded> decoded = JsonCodec::decode(text.toUtf8());
    if (!decoded) {
        Q_EMIT protocolViolation(decoded.error().message, false, 0);
        return;
    }
    if (decoded->contentError.isError())
        Q_EMIT requestRejected(decoded->frame, decoded->contentError);
    else
        Q_EMIT frameReceived(decoded->frame);
}

void WsLink::onDisconnected()
{
    if (m_closed)
        return;
    m_closed = true;
    Q_EMIT closed();
}

} // namespace parley::server
