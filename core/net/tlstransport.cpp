#include "core/net/tlstransport.h"

#include "core/logging.h"

#include <QRegularExpression>
#include <QSslConfiguration>

namespace parley {

using namespace Qt::StringLiterals;

TlsTransport::TlsTransport(QString pinnedSha256, QObject *parent)
    : ITransport(parent), m_pin(normalizeFingerprint(pinnedSha256))
{
    m_connectTimer.setSingleShot(true);
    m_connectTimer.setInterval(kConnectTimeoutMs);
    connect(&m_connectTimer, &QTimer::timeout, this,
            [this] { fail(ErrorCode::NetworkUnreachable, u"the server did not answer in time"_s); });
}

bool TlsTransport::matchesPin(const QSslCertificate &certificate, const QString &pin)
{
    return !certificate.isNull() && QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex()) == pin;
}

QString TlsTransport::normalizeFingerprint(const QString &fingerprint)
{
    QString hex = fingerprint.toLower();
    hex.remove(u':');
    hex.remove(u' ');
    if (hex.startsWith("sha256"_L1))
        hex = hex.mid(6);
    static const QRegularExpression sha256Hex(u"^[0-9a-f]{64}$"_s);
    return sha256Hex.match(hex).hasMatch() ? hex : QString();
}

void TlsTransport::open(const QString &host, quint16 port)
{
    close();
    m_socket = new QSslSocket(this);
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setProtocol(QSsl::TlsV1_2OrLater);
    // With a pin the chain and name are not what we trust; the exact certificate is (onEncrypted).
    config.setPeerVerifyMode(m_pin.isEmpty() ? QSslSocket::VerifyPeer : QSslSocket::QueryPeer);
    m_socket->setSslConfiguration(config);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);

    connect(m_socket, &QSslSocket::encrypted, this, &TlsTransport::onEncrypted);
    connect(m_socket, &QSslSocket::readyRead, this, [this] {
        if (m_socket && m_socket->isEncrypted())
            Q_EMIT received(m_socket->readAll());
    });
    // Under VerifyPeer a verification error ends the handshake; say why in words. With a pin, Qt still
    // reports the chain as untrusted (it is self-signed), but only the fingerprint check decides.
    if (m_pin.isEmpty()) {
        connect(m_socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
            QStringList reasons;
            for (const QSslError &e : errors)
                reasons.append(e.errorString());
            fail(ErrorCode::TlsFailure, u"the server's certificate is not trusted: %1"_s.arg(reasons.join(u"; "_s)));
        });
    }
    connect(m_socket, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (!m_socket)
            return;
        const bool wasOpen = m_socket->isEncrypted();
        const ErrorCode code = error == QAbstractSocket::SslHandshakeFailedError ? ErrorCode::TlsFailure
                               : wasOpen                                         ? ErrorCode::ConnectionLost
                                                                                 : ErrorCode::NetworkUnreachable;
        fail(code, m_socket->errorString());
    });
    m_connectTimer.start();
    m_socket->connectToHostEncrypted(host, port);
}

void TlsTransport::onEncrypted()
{
    m_connectTimer.stop();
    if (!m_pin.isEmpty()) {
        if (!matchesPin(m_socket->peerCertificate(), m_pin)) {
            fail(ErrorCode::TlsFailure, u"the server's certificate does not match the pinned fingerprint"_s);
            return;
        }
    }
    qCDebug(lcNet) << "tls established" << m_socket->sessionProtocol();
    Q_EMIT opened();
    if (m_socket && m_socket->bytesAvailable() > 0)
        Q_EMIT received(m_socket->readAll());
}

void TlsTransport::close()
{
    m_connectTimer.stop();
    if (!m_socket)
        return;
    QSslSocket *socket = std::exchange(m_socket, nullptr);
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

void TlsTransport::write(const QByteArray &bytes)
{
    if (m_socket && m_socket->isEncrypted())
        m_socket->write(bytes);
}

void TlsTransport::fail(ErrorCode code, const QString &message)
{
    if (!m_socket)
        return;
    qCInfo(lcNet) << "connection failed:" << message;
    close();
    Q_EMIT closed(Error(code, message));
}

} // namespace parley
