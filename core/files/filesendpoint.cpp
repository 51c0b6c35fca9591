#include "core/files/filesendpoint.h"

#include "core/net/tlstransport.h"

#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>

namespace parley {

using namespace Qt::StringLiterals;

namespace {

constexpr char kPinMismatch[] = "parleyPinMismatch"; // a reply aborted because of the certificate

} // namespace

FilesEndpoint::FilesEndpoint(QString host, QString pinnedFingerprint, QObject *parent)
    : QObject(parent), m_host(std::move(host)), m_pin(TlsTransport::normalizeFingerprint(pinnedFingerprint))
{
    m_network.setParent(this);
    if (!m_pin.isEmpty()) {
        // As on the long connection: with a pin, the exact certificate is what is trusted, not a chain (a
        // self-hosted server's is self-signed). It is checked once the handshake is done, before the request —
        // and its grant — is sent; a mismatch aborts it.
        connect(&m_network, &QNetworkAccessManager::encrypted, this, [this](QNetworkReply *reply) {
            if (!TlsTransport::matchesPin(reply->sslConfiguration().peerCertificate(), m_pin)) {
                reply->setProperty(kPinMismatch, true);
                reply->abort();
            }
        });
    }
}

QNetworkRequest FilesEndpoint::request(quint16 port, const QString &path, const QString &grant,
                                       const Headers &headers) const
{
    QUrl url;
    url.setScheme(u"https"_s);
    url.setHost(m_host);
    url.setPort(port);
    url.setPath(path);
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(kTransferTimeoutMs);
    if (!m_pin.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setPeerVerifyMode(QSslSocket::QueryPeer); // the pin decides (the encrypted handler)
        request.setSslConfiguration(tls);
    }
    request.setRawHeader("Tus-Resumable", "1.0.0");
    if (!grant.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + grant.toLatin1());
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    return request;
}

QNetworkReply *FilesEndpoint::send(const QByteArray &verb, quint16 port, const QString &path, const QString &grant,
                                   const Headers &headers, const QByteArray &body)
{
    return m_network.sendCustomRequest(request(port, path, grant, headers), verb, body);
}

QNetworkReply *FilesEndpoint::send(const QByteArray &verb, quint16 port, const QString &path, const QString &grant,
                                   const Headers &headers, QIODevice *body)
{
    return m_network.sendCustomRequest(request(port, path, grant, headers), verb, body);
}

QNetworkReply *FilesEndpoint::get(quint16 port, const QString &path, const QString &grant, const Headers &headers)
{
    return m_network.get(request(port, path, grant, headers));
}

bool FilesEndpoint::isTransient(ErrorCode code)
{
    switch (code) {
    case ErrorCode::NetworkUnreachable:
    case ErrorCode::TlsFailure:
    case ErrorCode::ConnectionLost:
    case ErrorCode::Timeout:
    case ErrorCode::Cancelled: // a transfer timeout
    case ErrorCode::Unavailable:
    case ErrorCode::Internal: return true;
    default: return false;
    }
}

int FilesEndpoint::status(QNetworkReply *reply)
{
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

Error FilesEndpoint::errorOf(QNetworkReply *reply)
{
    if (reply->property(kPinMismatch).toBool())
        return Error(ErrorCode::TlsFailure, u"the server's certificate does not match the pinned fingerprint"_s);
    const int code = status(reply);
    if (code >= 200 && code < 300 && reply->error() == QNetworkReply::NoError)
        return Error();
    bool ok = false;
    const int parleyError = reply->rawHeader("Parley-Error").toInt(&ok);
    if (ok)
        return Error(errorCodeFromWire(parleyError));
    if (code == 423) // the server still writes an earlier request of this upload
        return Error(ErrorCode::Unavailable, u"the upload is busy"_s);
    if (code != 0)
        return Error(code >= 500 ? ErrorCode::Unavailable : ErrorCode::MalformedRequest, u"HTTP status %1"_s.arg(code));
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError: return Error(ErrorCode::NetworkUnreachable);
    case QNetworkReply::SslHandshakeFailedError: return Error(ErrorCode::TlsFailure);
    case QNetworkReply::TimeoutError: return Error(ErrorCode::Timeout);
    case QNetworkReply::OperationCanceledError: return Error(ErrorCode::Cancelled);
    default: return Error(ErrorCode::ConnectionLost, reply->errorString());
    }
}

} // namespace parley
