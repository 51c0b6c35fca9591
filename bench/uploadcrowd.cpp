#include "bench/uploadcrowd.h"

#include "core/files/filesendpoint.h"

using namespace Qt::StringLiterals;

UploadCrowd::UploadCrowd(QString host, QString fingerprint, QByteArray content)
    : m_host(std::move(host)), m_fingerprint(std::move(fingerprint)), m_content(std::move(content))
{
}

UploadCrowd::~UploadCrowd() = default;

void UploadCrowd::upload(const QList<Job> &jobs)
{
    if (!m_endpoint)
        m_endpoint = std::make_unique<parley::FilesEndpoint>(m_host, m_fingerprint);
    m_uploads.clear();
    for (const Job &job : jobs)
        m_uploads.append(Upload{job, {}, 0});
    for (int i = 0; i < m_uploads.size(); ++i)
        create(i);
}

parley::FileReply *UploadCrowd::send(Upload &upload, const QByteArray &verb, const QString &path,
                                     const QList<std::pair<QByteArray, QByteArray>> &headers, const QByteArray &body)
{
    parley::FileReply *reply = m_endpoint->send(verb, upload.job.port, path, upload.job.grant, headers, body);
    reply->setParent(this);
    return reply;
}

void UploadCrowd::create(int index)
{
    Upload &u = m_uploads[index];
    const QByteArray metadata = "filename " + QByteArray("storm.bin").toBase64() + ",filetype " +
                                QByteArray("application/octet-stream").toBase64() + ",sha256 " +
                                u.job.sha256.toBase64();
    parley::FileReply *reply = send(
        u, "POST", u"/files"_s,
        {{"Upload-Length", QByteArray::number(u.job.prefix.size() + m_content.size())}, {"Upload-Metadata", metadata}},
        {});
    connect(reply, &parley::FileReply::finished, this, [this, index, reply] {
        reply->deleteLater();
        Upload &u = m_uploads[index];
        u.path = QString::fromLatin1(reply->rawHeader("Location"));
        if (reply->status() != 201 || u.path.isEmpty()) {
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
    parley::FileReply *reply = send(
        u, "PATCH", u.path,
        {{"Content-Type", "application/offset+octet-stream"}, {"Upload-Offset", QByteArray::number(u.offset)}}, body);
    connect(reply, &parley::FileReply::finished, this, [this, index, reply, length, total] {
        reply->deleteLater();
        Upload &u = m_uploads[index];
        if (reply->status() != 204) {
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
