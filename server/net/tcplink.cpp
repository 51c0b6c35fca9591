#include "server/net/tcplink.h"

#include "server/logging.h"

namespace parley::server {

using namespace Qt::StringLiterals;

TcpLink::TcpLink(QSslSocket *socket, const QSslConfiguration &tls, QObject *parent) : ILink(parent), m_socket(socket)
{
    m_socket->setParent(this);
    connect(m_socket, &QSslSocket::readyRead, this, &TcpLink::onReadyRead);
    connect(m_socket, &QSslSocket::disconnected, this, &TcpLink::onDisconnected);
    connect(m_socket, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error != QAbstractSocket::RemoteHostClosedError)
            qCDebug(lcNet) << "tls link error" << m_socket->errorString();
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            onDisconnected();
    });
    connect(m_socket, &QSslSocket::sslErrors, this,
            [this](const QList<QSslError> &errors) { qCDebug(lcNet) << "tls handshake errors" << errors; });
    m_socket->setSslConfiguration(tls);
    m_socket->startServerEncryption();
}

void TcpLink::send(const Frame &frame)
{
    if (!m_closed)
        m_socket->write(frame.encode());
}

void TcpLink::close()
{
    if (m_closed)
        return;
    m_socket->disconnectFromHost(); // flushes, then disconnected()
}

void TcpLink::abort()
{
    if (!m_closed)
        m_socket->abort();
    onDisconnected();
}

qint64 TcpLink::pendingWriteBytes() const
{
    return m_socket->bytesToWrite() + m_socket->encryptedBytesToWrite();
}

QHostAddress TcpLink::peerAddress() const
{
    return m_socket->peerAddress();
}

void TcpLink::onReadyRead()
{
    if (m_closed)
        return;
    m_decoder.append(m_socket->readAll());
    while (std::optional<Frame> frame = m_decoder.next()) {
        Q_EMIT frameReceived(*frame);
        if (m_closed)
            return;
    }
    if (m_decoder.hasError()) {
        const bool connectVersion = m_decoder.error() == FrameDecoder::Error::UnsupportedVersion &&
                                    m_decoder.rejectedSignal() == quint8(Signal::Connect);
        Q_EMIT protocolViolation(QString::fromLatin1(frameDecoderErrorName(m_decoder.error())), connectVersion);
    }
}

void TcpLink::onDisconnected()
{
    if (m_closed)
        return;
    m_closed = true;
    Q_EMIT closed();
}

} // namespace parley::server
