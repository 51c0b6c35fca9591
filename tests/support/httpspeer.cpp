#include "tests/support/httpspeer.h"

#include <QCryptographicHash>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslSocket>
#include <QTest>

#include <sys/socket.h>

using namespace Qt::StringLiterals;

int HttpsPeer::Response::errorCode() const
{
    bool ok = false;
    const int code = header("Parley-Error").toInt(&ok);
    return ok ? code : -1;
}

HttpsPeer::HttpsPeer(QString fingerprint, quint16 port, QObject *parent)
    : QObject(parent), m_fingerprint(std::move(fingerprint)), m_port(port)
{
    m_network.setProxy(QNetworkProxy::NoProxy);
    connect(&m_network, &QNetworkAccessManager::sslErrors, this,
            [this](QNetworkReply *reply, const QList<QSslError> &) {
                const QSslCertificate certificate = reply->sslConfiguration().peerCertificate();
                if (QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex()) == m_fingerprint)
                    reply->ignoreSslErrors();
            });
}

QUrl HttpsPeer::url(const QString &path) const
{
    return QUrl(u"https://127.0.0.1:%1%2"_s.arg(m_port).arg(path));
}

HttpsPeer::Response HttpsPeer::request(const QByteArray &verb, const QString &path,
                                       const QHash<QByteArray, QByteArray> &headers, const QByteArray &body,
                                       const QString &grant)
{
    QNetworkRequest request(url(path));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!grant.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + grant.toLatin1());
    request.setRawHeader("Tus-Resumable", "1.0.0");
    for (auto it = headers.begin(); it != headers.end(); ++it)
        request.setRawHeader(it.key(), it.value());
    QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
    m_last = {};
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, kWaitMs)) {
        reply->abort();
        reply->deleteLater();
        return m_last;
    }
    m_last.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError)
        m_last.error = reply->errorString();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        m_last.headers.insert(name.toLower(), value);
    m_last.body = reply->readAll();
    reply->deleteLater();
    return m_last;
}

QString HttpsPeer::create(const QString &grant, const QByteArray &content, const QByteArray &declaredSha256)
{
    const QByteArray sha256 =
        declaredSha256.isEmpty() ? QCryptographicHash::hash(content, QCryptographicHash::Sha256) : declaredSha256;
    const Response r = request("POST", u"/files"_s,
                               {{"Upload-Length", QByteArray::number(content.size())},
                                {"Upload-Metadata", "filename " + QByteArray("test.bin").toBase64() + ",filetype " +
                                                        m_mimeType.toBase64() + ",sha256 " + sha256.toBase64()}},
                               {}, grant);
    return r.status == 201 ? QString::fromLatin1(r.header("Location")) : QString();
}

HttpsPeer::Response HttpsPeer::patch(const QString &grant, const QString &uploadPath, quint64 offset,
                                     const QByteArray &bytes, const QByteArray &checksum)
{
    QHash<QByteArray, QByteArray> headers{{"Content-Type", "application/offset+octet-stream"},
                                          {"Upload-Offset", QByteArray::number(offset)}};
    if (!checksum.isEmpty())
        headers.insert("Upload-Checksum", "sha256 " + checksum.toBase64());
    return request("PATCH", uploadPath, headers, bytes, grant);
}

QString HttpsPeer::upload(const QString &grant, const QByteArray &content, qint64 chunk)
{
    const QString path = create(grant, content);
    if (path.isEmpty())
        return {};
    qint64 offset = 0;
    do {
        const QByteArray part = content.mid(offset, chunk);
        const Response r = patch(grant, path, quint64(offset), part);
        if (r.status != 204)
            return {};
        offset += part.size();
        if (offset == content.size())
            return QString::fromLatin1(r.header("Parley-File-Id"));
    } while (offset < content.size());
    return {};
}

qint64 HttpsPeer::offset(const QString &grant, const QString &uploadPath)
{
    const Response r = request("HEAD", uploadPath, {}, {}, grant);
    bool ok = false;
    const qint64 offset = r.header("Upload-Offset").toLongLong(&ok);
    return r.status == 200 && ok ? offset : -1;
}

HttpsPeer::Response HttpsPeer::get(const QString &grant, const QString &fileId, const QByteArray &range)
{
    QHash<QByteArray, QByteArray> headers;
    if (!range.isEmpty())
        headers.insert("Range", range);
    return request("GET", u"/files/"_s + fileId, headers, {}, grant);
}

namespace {

// A TLS link to the files port with the certificate pinned; nullptr if it cannot be made.
std::unique_ptr<QSslSocket> pinnedSocket(quint16 port, const QString &fingerprint)
{
    auto socket = std::make_unique<QSslSocket>();
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setPeerVerifyMode(QSslSocket::QueryPeer); // trusted by the fingerprint below
    socket->setSslConfiguration(config);
    socket->setProxy(QNetworkProxy::NoProxy);
    socket->connectToHostEncrypted(u"127.0.0.1"_s, port);
    if (!socket->waitForEncrypted(HttpsPeer::kWaitMs) ||
        QString::fromLatin1(socket->peerCertificate().digest(QCryptographicHash::Sha256).toHex()) != fingerprint)
        return nullptr;
    return socket;
}

// A raw PATCH's request line and header fields, up to (not including) the empty line that ends them.
QByteArray patchHead(const QString &grant, const QString &uploadPath, quint64 offset, quint64 announced)
{
    return "PATCH " + uploadPath.toLatin1() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
           grant.toLatin1() + "\r\nTus-Resumable: 1.0.0\r\nContent-Type: application/offset+octet-stream\r\n" +
           "Upload-Offset: " + QByteArray::number(offset) + "\r\nContent-Length: " + QByteArray::number(announced) +
           "\r\n";
}

bool writeAll(QSslSocket &socket, const QByteArray &bytes)
{
    socket.write(bytes);
    return QTest::qWaitFor([&] { return socket.encryptedBytesToWrite() == 0 && socket.bytesToWrite() == 0; },
                           HttpsPeer::kWaitMs);
}

// Ends the link from this side (FIN after the last byte, no close_notify, like a cut) and waits until the
// server has read everything and closed its side: an ordinary close could reset the link and lose bytes
// still in flight.
void closeGracefully(QSslSocket &socket)
{
    ::shutdown(int(socket.socketDescriptor()), SHUT_WR);
    if (socket.state() != QAbstractSocket::UnconnectedState)
        socket.waitForDisconnected(HttpsPeer::kWaitMs);
    socket.abort();
}

} // namespace

std::unique_ptr<QSslSocket> HttpsPeer::startPatch(const QString &grant, const QString &uploadPath, quint64 offset,
                                                  quint64 announced, const QByteArray &bytes)
{
    std::unique_ptr<QSslSocket> socket = pinnedSocket(m_port, m_fingerprint);
    if (!socket)
        return nullptr;
    if (!writeAll(*socket, patchHead(grant, uploadPath, offset, announced) + "\r\n" + bytes))
        return nullptr;
    return socket;
}

bool HttpsPeer::cutPatch(const QString &grant, const QString &uploadPath, quint64 offset, quint64 announced,
                         const QByteArray &bytes)
{
    const std::unique_ptr<QSslSocket> socket = startPatch(grant, uploadPath, offset, announced, bytes);
    if (socket)
        closeGracefully(*socket);
    return socket != nullptr;
}

int HttpsPeer::startPatchExpectingContinue(const QString &grant, const QString &uploadPath, quint64 offset,
                                           quint64 announced, std::unique_ptr<QSslSocket> &socket)
{
    socket = pinnedSocket(m_port, m_fingerprint);
    if (!socket)
        return 0;
    if (!writeAll(*socket, patchHead(grant, uploadPath, offset, announced) + "Expect: 100-continue\r\n\r\n"))
        return 0;
    return readStatus(*socket);
}

int HttpsPeer::readStatus(QSslSocket &socket)
{
    QByteArray header;
    while (!header.contains("\r\n\r\n")) {
        if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(kWaitMs))
            return 0;
        header += socket.read(1); // byte by byte: what follows the header stays in the socket
    }
    const QList<QByteArray> statusLine = header.left(header.indexOf("\r\n")).split(' ');
    return statusLine.size() >= 2 ? statusLine[1].toInt() : 0;
}

bool HttpsPeer::sendRaw(const QByteArray &bytes)
{
    const std::unique_ptr<QSslSocket> socket = pinnedSocket(m_port, m_fingerprint);
    if (!socket || !writeAll(*socket, bytes))
        return false;
    closeGracefully(*socket);
    return true;
}
