#include "bench/uploadcrowd.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>

using namespace Qt::StringLiterals;

UploadCrowd::UploadCrowd(QString host, QString fingerprint, QByteArray content)
    : m_host(std::move(host)), m_fingerprint(std::move(fingerprint)), m_content(std::move(content))
{
}

UploadCrowd::~UploadCrowd()
{
    for (Upload &u : m_uploads)
        delete u.network;
}

void UploadCrowd::upload(const QList<Job> &jobs)
{
    for (Upload &u : m_uploads)
        delete u.network;
    m_uploads.clear();
    for (const Job &job : jobs)
        m_uploads.append(Upload{job, {}, 0, nullptr});
    for (int i = 0; i < m_uploads.size(); ++i)
        create(i);
}

QNetworkReply *UploadCrowd::send(Upload &upload, const QByteArray &verb, const QString &path,
                                 const QList<std::pair<QByteArray, QByteArray>> &headers, const QByteArray &body)
{
    if (!upload.network)
        upload.network = new QNetworkAccessManager; // its own connection, as each user's client has
    QNetworkRequest request(QUrl(u"https://%1:%2%3"_s.arg(m_host).arg(upload.job.port).arg(path)));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // pinned below instead
    request.setSslConfiguration(tls);
    request.setRawHeader("Authorization", "Bearer " + upload.job.grant.toLatin1());
    request.setRawHeader("Tus-Resumable", "1.0.0");
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = upload.network->sendCustomRequest(request, verb, body);
    connect(reply, &QNetworkReply::encrypted, this, [this, reply] {
        const QSslCertificate peer = reply->sslConfiguration().peerCertificate();
        if (QString::fromLatin1(peer.digest(QCryptographicHash::Sha256).toHex()) != m_fingerprint)
            reply->abort();
    });
    return reply;
}

void UploadCrowd::create(int index)
{
    Upload &u = m_uploads[index];
    const QByteArray metadata = "filename " + QByteArray("storm.bin").toBase64() + ",filetype " +
                                QByteArray("application/octet-stream").toBase64() + ",sha256 " +
                                u.job.sha256.toBase64();
    QNetworkReply *reply = send(
        u, "POST", u"/files"_s,
        {{"Upload-Length", QByteArray::number(u.job.prefix.size() + m_content.size())}, {"Upload-Metadata", metadata}},
        {});
    connect(reply, &QNetworkReply::finished, this, [this, index, reply] {
        reply->deleteLater();
        Upload &u = m_uploads[index];
        u.path = QString::fromLatin1(reply->rawHeader("Location"));
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 201 || u.path.isEmpty()) {
            Q_EMIT ended(u.job.uploader, false);
            return;
        }
        sendChunk(index);
    });
}

void UploadCrowd::sendChunk(int index)
{
    Upload &u = m_uploads[index];
    const qint64 prefix = u.job.prefix.size();
    const qint64 total = prefix + m_content.size();
    const qint64 length = std::min(kChunkBytes, total - u.offset);
    const QByteArray body =
        u.offset == 0 ? u.job.prefix + m_content.first(length - prefix) : m_content.sliced(u.offset - prefix, length);
    QNetworkReply *reply = send(
        u, "PATCH", u.path,
        {{"Content-Type", "application/offset+octet-stream"}, {"Upload-Offset", QByteArray::number(u.offset)}}, body);
    connect(reply, &QNetworkReply::finished, this, [this, index, reply, length, total] {
        reply->deleteLater();
        Upload &u = m_uploads[index];
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 204) {
            Q_EMIT ended(u.job.uploader, false);
            return;
        }
        u.offset += length;
        if (u.offset == total)
            Q_EMIT ended(u.job.uploader, !reply->rawHeader("Parley-File-Id").isEmpty());
        else
            sendChunk(index);
    });
}
