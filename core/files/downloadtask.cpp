#include "core/files/downloadtask.h"

#include "common/threadaffinity.h"
#include "common/trailinghasher.h"
#include "core/files/filehash.h"
#include "core/files/filesendpoint.h"
#include "core/logging.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QThreadPool>
#include <QtConcurrent>

namespace parley {

using namespace Qt::StringLiterals;

DownloadTask::DownloadTask(qint64 messageId, Media media, QString destination, FilesEndpoint &endpoint,
                           GrantSource grants, QObject *parent)
    : QObject(parent),
      m_messageId(messageId),
      m_media(std::move(media)),
      m_destination(std::move(destination)),
      m_endpoint(endpoint),
      m_grants(std::move(grants)),
      m_learnsFromHeaders(m_media.sha256.isEmpty())
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, [this] { fetch(false); });
    connect(&m_hashing, &QFutureWatcher<Result<QByteArray>>::finished, this, [this] { conclude(m_hashing.result()); });
}

std::shared_ptr<TrailingHasher> DownloadTask::newHasher() const
{
    return std::make_shared<TrailingHasher>(partPath(m_destination), [](std::function<void()> slice) {
        QThreadPool::globalInstance()->start(std::move(slice));
    });
}

void DownloadTask::conclude(const Result<QByteArray> &hash)
{
    if (!hash) {
        finish(hash.error());
    } else if (hash.value() != m_media.sha256) {
        QFile::remove(partPath(m_destination));
        finish(Error(ErrorCode::FileCorrupt, u"the file arrived damaged"_s));
    } else {
        QFile::remove(m_destination);
        if (!QFile::rename(partPath(m_destination), m_destination))
            finish(Error(ErrorCode::StorageFailure, u"cannot store the file"_s));
        else
            finish(m_destination);
    }
}

DownloadTask::~DownloadTask()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    m_hashing.disconnect(this);
    m_hashing.waitForFinished();
}

void DownloadTask::start()
{
    PARLEY_ASSERT_OWN_THREAD();
    if (!QDir().mkpath(QFileInfo(m_destination).absolutePath())) {
        finish(Error(ErrorCode::StorageFailure, u"cannot create the media folder"_s));
        return;
    }
    fetch(false);
}

void DownloadTask::fetch(bool freshGrant)
{
    const QPointer<DownloadTask> self(this);
    m_grants(freshGrant, [self](const Result<Grant> &grant) {
        if (!self || self->m_done)
            return;
        if (!grant) {
            self->failed(grant.error());
            return;
        }
        self->resume(*grant);
    });
}

void DownloadTask::resume(const Grant &grant)
{
    // Resume from what the partial file holds.
    const QString part = partPath(m_destination);
    QFile file(part);
    if (!file.open(QIODevice::ReadWrite)) {
        finish(Error(ErrorCode::StorageFailure, u"cannot write the file"_s));
        return;
    }
    m_have = std::min<quint64>(quint64(file.size()), m_media.size);
    file.resize(qint64(m_have));
    file.close();
    if (m_have == 0 || !m_running || m_running->target() != m_have)
        m_running = m_have == 0 ? newHasher() : nullptr;
    if (m_have == m_media.size && m_media.size > 0) {
        verify();
        return;
    }
    // The transfer thread writes the body to the partial file; this thread hears how far.
    FileReply *reply =
        m_endpoint.download(grant.port, u"/files/"_s + m_media.fileId, grant.token, part, qint64(m_have));
    reply->setParent(this);
    m_reply = reply;
    connect(reply, &FileReply::metaDataChanged, this, &DownloadTask::onHeaders);
    connect(reply, &FileReply::written, this, &DownloadTask::onWritten);
    connect(reply, &FileReply::finished, this, &DownloadTask::onFinished);
}

void DownloadTask::onHeaders()
{
    if (m_learnsFromHeaders && FilesEndpoint::status(m_reply) == 200) {
        const QByteArray etag = m_reply->rawHeader("ETag");
        bool lengthKnown = false;
        const quint64 length = m_reply->rawHeader("Content-Length").toULongLong(&lengthKnown);
        m_media.sha256 = etag.startsWith('"') && etag.endsWith('"') ? QByteArray::fromHex(etag.mid(1, etag.size() - 2))
                                                                    : QByteArray();
        m_media.size = length;
        const bool known = m_media.sha256.size() == kSha256Bytes && lengthKnown;
        if (!known || (m_maxSize != 0 && m_media.size > m_maxSize)) {
            // Ends here (finish first: the abort finishes the reply at once); nothing of it is kept.
            finish(Error(known ? ErrorCode::TooLarge : ErrorCode::FileCorrupt, u"not a file this may download"_s));
            m_reply->abort();
            return;
        }
    }
    // The whole file instead of the range asked for (the headers come before anything is written, so m_have is
    // still where it resumed from): the transfer thread starts the file over.
    if (FilesEndpoint::status(m_reply) == 200 && m_have > 0) {
        m_have = 0;
        m_running = newHasher();
    }
}

void DownloadTask::onWritten()
{
    if (!m_reply || m_done)
        return;
    m_have = quint64(m_reply->writtenTo());
    if (m_running && m_have - m_running->target() >= TrailingHasher::kSliceBytes)
        m_running->extendTo(m_have);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now - m_lastProgressMs >= kProgressIntervalMs) {
        m_lastProgressMs = now;
        Q_EMIT progress(m_messageId, m_have, m_media.size);
    }
}

void DownloadTask::onFinished()
{
    FileReply *reply = m_reply;
    reply->deleteLater();
    if (m_done)
        return;
    if (m_running) // what is written stays written, whatever the end: a resumed download hashes on from here
        m_running->extendTo(m_have);
    const Error error = FilesEndpoint::errorOf(reply); // a file that could not be written, too
    if (error.code == ErrorCode::PermissionDenied && ++m_grantTries < kMaxGrantTries) {
        fetch(true); // the grant expired
        return;
    }
    if (error.isError()) {
        failed(error);
        return;
    }
    m_backoff.reset();
    Q_EMIT progress(m_messageId, m_have, m_media.size);
    if (m_have != m_media.size) {
        failed(Error(ErrorCode::ConnectionLost, u"the download stopped early"_s));
        return;
    }
    verify();
}

void DownloadTask::verify()
{
    // The running hash's last slice (or, without one, the whole file) is hashed on a pool thread.
    std::shared_ptr<TrailingHasher> running = std::exchange(m_running, nullptr);
    if (running && running->target() != m_media.size)
        running.reset();
    m_hashing.setFuture(QtConcurrent::run([path = partPath(m_destination), running]() -> Result<QByteArray> {
        if (running) {
            if (QByteArray digest = running->result(); !digest.isEmpty())
                return digest;
        }
        return sha256OfFile(path);
    }));
}

void DownloadTask::failed(const Error &error)
{
    if (!FilesEndpoint::isTransient(error.code)) {
        finish(error);
        return;
    }
    const int delay = m_backoff.nextDelayMs();
    qCDebug(lcFiles) << "download for message" << m_messageId << "failed:" << errorCodeName(error.code) << "- again in"
                     << delay << "ms";
    m_retry.start(delay);
}

void DownloadTask::finish(const Result<QString> &path)
{
    if (m_done)
        return;
    m_done = true;
    m_retry.stop();
    if (!path && m_learnsFromHeaders) { // nothing to resume: what it knew came from this response
        QFile::remove(partPath(m_destination));
    }
    Q_EMIT finished(m_messageId, path);
}

} // namespace parley
