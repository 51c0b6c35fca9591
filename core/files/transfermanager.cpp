#include "core/files/transfermanager.h"

#include "common/threadaffinity.h"
#include "core/files/filesendpoint.h"
#include "core/files/mediapreparer.h"
#include "core/files/uploadtask.h"
#include "core/logging.h"
#include "core/net/connection.h"
#include "core/storage/messagerepository.h"
#include "core/storage/transferrepository.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QMimeDatabase>
#include <QPointer>
#include <QtConcurrent>

namespace parley {

using namespace Qt::StringLiterals;

namespace {

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// A name that is safe as a file name on every desktop system.
QString safeFileName(const Media &media)
{
    QString name = media.fileName;
    name.replace(u'/', u'_').replace(u'\\', u'_').replace(u':', u'_');
    name.removeIf([](QChar c) { return c.unicode() < 0x20; });
    while (name.startsWith(u'.'))
        name.remove(0, 1);
    if (name.isEmpty()) {
        const QString suffix = QMimeDatabase().mimeTypeForName(media.mimeType).preferredSuffix();
        name = suffix.isEmpty() ? u"file"_s : u"file."_s + suffix;
    }
    return name;
}

bool downloadsByItself(const ChatMessage &m, quint64 limit)
{
    // A web peer's picture is a link, not a file here: nothing to download.
    return (m.contentType == content::kImage || m.contentType == content::kVoice) && !m.media.fileId.isEmpty() &&
           m.media.size <= limit;
}

} // namespace

TransferManager::TransferManager(MessageRepository &messages, TransferRepository &transfers, Connection &connection,
                                 FilesEndpoint &endpoint, QString mediaDir, QObject *parent)
    : QObject(parent),
      m_messages(messages),
      m_transfers(transfers),
      m_connection(connection),
      m_endpoint(endpoint),
      m_mediaDir(std::move(mediaDir))
{
}

TransferManager::~TransferManager()
{
    // The tasks are children: deleting them stops them; their state is in the cache for next time.
    for (const QList<Promise<QString>> &waiting : std::as_const(m_waiting)) {
        for (const Promise<QString> &p : waiting)
            p.resolve(Error(ErrorCode::Cancelled));
    }
}

void TransferManager::setSettings(const Settings &settings)
{
    m_settings = settings;
    evictOverLimit();
}

void TransferManager::send(const ConversationKey &conversation, const MediaDraft &draft, const QByteArray &clientUuid,
                           qint64 nowMs, Promise<ChatMessage> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    auto *watcher = new QFutureWatcher<Result<MediaPreparer::Prepared>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [=, this] {
        watcher->deleteLater();
        const Result<MediaPreparer::Prepared> prepared = watcher->result();
        if (!prepared) {
            answer.resolve(prepared.error());
            return;
        }
        // The sender's own bubble shows the file from where it is (a copy made here is the cache's to evict),
        // so the message comes out of the store with its local path.
        // (A large file's hash is not known yet: its upload hashes it, and onHashed caches it.)
        if (!prepared->media.sha256.isEmpty() && !m_transfers.cachedPath(prepared->media.sha256, now()))
            m_transfers.addToCache(prepared->media.sha256, prepared->source, prepared->media.size, prepared->ownedCopy,
                                   now());
        const Result<ChatMessage> stored = m_messages.addOutgoingMedia(conversation, clientUuid, prepared->contentType,
                                                                       prepared->media, prepared->source, nowMs);
        if (!stored) {
            answer.resolve(stored.error());
            return;
        }
        const ChatMessage &message = stored.value();
        Q_EMIT messageAdded(message);
        answer.resolve(message);
        m_uploadQueue.append(message.localId);
        schedule();
    });
    const QString outgoing = QDir(m_mediaDir).filePath(u"outgoing"_s);
    watcher->setFuture(QtConcurrent::run([draft, outgoing] { return MediaPreparer::prepare(draft, outgoing); }));
}

void TransferManager::download(qint64 localId, Promise<QString> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    const std::optional<ChatMessage> m = m_messages.byLocalId(localId);
    if (!m || !m->isMedia() || m->media.fileId.isEmpty()) {
        answer.resolve(Error(ErrorCode::NotFound, u"this message has no file to download"_s));
        return;
    }
    if (!m->localPath.isEmpty()) {
        if (QFileInfo::exists(m->localPath)) {
            m_transfers.cachedPath(m->media.sha256, now()); // used: last to be evicted
            answer.resolve(m->localPath);
            return;
        }
        m_transfers.forget(m->media.sha256); // moved or deleted behind our back: fetch it again
    }
    m_waiting[localId].append(answer);
    if (!m_downloads.contains(localId)) {
        m_downloadQueue.removeAll(localId);
        m_downloadQueue.prepend(localId); // asked for now: before those that came by themselves
        m_transfers.startDownload(localId, m->media.size, now());
        publish(localId);
    }
    schedule();
}

void TransferManager::pause(qint64 localId, Promise<Done> answer)
{
    const std::optional<TransferRepository::Transfer> t = m_transfers.transfer(localId);
    if (!t || !t->info.isActive()) {
        answer.resolve(Error(ErrorCode::NotFound, u"nothing is being transferred"_s));
        return;
    }
    stop(localId);
    m_transfers.setState(localId, TransferState::Paused, 0, now());
    publish(localId);
    answer.resolve(Done{});
    schedule();
}

void TransferManager::resume(qint64 localId, Promise<Done> answer)
{
    const std::optional<TransferRepository::Transfer> t = m_transfers.transfer(localId);
    if (!t || t->info.isActive()) {
        answer.resolve(t ? Result<Done>(Done{}) : Result<Done>(Error(ErrorCode::NotFound)));
        return;
    }
    if (t->info.direction == TransferInfo::Direction::Upload) {
        m_messages.markSending(localId);
        m_uploadQueue.append(localId);
    } else {
        m_downloadQueue.append(localId);
    }
    m_transfers.setState(localId, TransferState::Queued, 0, now());
    publish(localId);
    answer.resolve(Done{});
    schedule();
}

bool TransferManager::retryUpload(qint64 localId)
{
    const std::optional<TransferRepository::Transfer> t = m_transfers.transfer(localId);
    if (!t || t->info.direction != TransferInfo::Direction::Upload)
        return false;
    resume(localId, Promise<Done>(this));
    return true;
}

void TransferManager::cancel(qint64 localId, Promise<Done> answer)
{
    const std::optional<TransferRepository::Transfer> t = m_transfers.transfer(localId);
    if (!t) {
        answer.resolve(Error(ErrorCode::NotFound, u"nothing is being transferred"_s));
        return;
    }
    stop(localId);
    if (t->info.direction == TransferInfo::Direction::Upload) {
        // Never sent: the message goes; parleyd collects the partial upload after its grace period.
        const Result<std::optional<ChatMessage>> removed = m_messages.discardUpload(localId);
        if (!removed) {
            answer.resolve(removed.error());
            return;
        }
        if (removed.value())
            Q_EMIT messageRemoved(*removed.value());
    } else {
        if (const std::optional<ChatMessage> m = m_messages.byLocalId(localId))
            QFile::remove(DownloadTask::partPath(destinationFor(m->media)));
        m_transfers.remove(localId);
        answerWaiting(localId, Error(ErrorCode::Cancelled));
        publish(localId);
    }
    answer.resolve(Done{});
    schedule();
}

void TransferManager::stop(qint64 localId)
{
    delete m_uploads.take(localId);
    delete m_downloads.take(localId);
    m_uploadQueue.removeAll(localId);
    m_downloadQueue.removeAll(localId);
}

quint64 TransferManager::dropFromCache(const QList<TransferRepository::CachedFile> &evicted)
{
    quint64 freed = 0;
    for (const TransferRepository::CachedFile &f : evicted) {
        QFile::remove(f.path);
        freed += f.size;
        for (const qint64 id : m_transfers.messagesWith(f.sha256))
            publish(id);
    }
    return freed;
}

void TransferManager::clearCache(Promise<quint64> answer)
{
    answer.resolve(dropFromCache(m_transfers.evict(0)));
}

void TransferManager::cacheSize(Promise<quint64> answer)
{
    answer.resolve(m_transfers.ownedBytes());
}

void TransferManager::evictOverLimit()
{
    if (m_settings.cacheLimitBytes != 0)
        dropFromCache(m_transfers.evict(m_settings.cacheLimitBytes));
}

void TransferManager::onMessagesArrived(const QList<ChatMessage> &messages)
{
    for (const ChatMessage &m : messages) {
        if (m.isMedia() && !m.media.fileId.isEmpty() && m.localPath.isEmpty() &&
            downloadsByItself(m, m_settings.autoDownloadBytes))
            queueDownload(m);
    }
    schedule();
}

bool TransferManager::queueDownload(const ChatMessage &message)
{
    if (m_downloads.contains(message.localId) || m_downloadQueue.contains(message.localId))
        return false;
    if (!m_transfers.startDownload(message.localId, message.media.size, now())) {
        Q_EMIT storageFailed(Error(ErrorCode::StorageFailure, u"could not queue a download"_s));
        return false;
    }
    m_downloadQueue.append(message.localId);
    publish(message.localId);
    return true;
}

void TransferManager::onOnline()
{
    for (UploadTask *task : std::as_const(m_uploads))
        task->onOnline();
    schedule();
}

void TransferManager::resumeUnfinished()
{
    for (const TransferRepository::Transfer &t : m_transfers.unfinished()) {
        QList<qint64> &queue = t.info.direction == TransferInfo::Direction::Upload ? m_uploadQueue : m_downloadQueue;
        if (!queue.contains(t.messageId))
            queue.append(t.messageId);
    }
    schedule();
}

void TransferManager::schedule()
{
    while (m_uploads.size() < kMaxUploads && !m_uploadQueue.isEmpty())
        startUpload(m_uploadQueue.takeFirst());
    while (m_downloads.size() < kMaxDownloads && !m_downloadQueue.isEmpty())
        startDownload(m_downloadQueue.takeFirst());
}

void TransferManager::startUpload(qint64 localId)
{
    const std::optional<TransferRepository::Transfer> t = m_transfers.transfer(localId);
    const std::optional<ChatMessage> m = m_messages.byLocalId(localId);
    if (!t || !m || m_uploads.contains(localId))
        return;
    auto *task = new UploadTask({localId, t->source, m->media, t->uploadUrl}, m_connection, m_endpoint, this);
    m_uploads.insert(localId, task);
    connect(task, &UploadTask::progress, this, &TransferManager::transferProgress);
    connect(task, &UploadTask::uploadCreated, this,
            [this](qint64 id, const QString &url) { m_transfers.setUploadUrl(id, url, now()); });
    connect(task, &UploadTask::confirmed, this,
            [this](qint64 id, quint64 offset) { m_transfers.setProgress(id, offset, now()); });
    connect(task, &UploadTask::hashed, this, &TransferManager::onHashed);
    connect(task, &UploadTask::finished, this, &TransferManager::onUploaded);
    m_transfers.setState(localId, TransferState::Running, 0, now());
    publish(localId);
    task->start();
}

void TransferManager::onHashed(qint64 localId, const QByteArray &sha256)
{
    // A large file's hash, known while it goes up: the message and the cache learn it (only a file of the
    // user's goes this way, never a copy made for sending: the cache does not own it).
    const std::optional<TransferRepository::Transfer> t = m_transfers.transfer(localId);
    const Result<ChatMessage> message = m_messages.setMediaSha256(localId, sha256);
    if (!message) {
        Q_EMIT storageFailed(message.error());
        return;
    }
    if (t && !m_transfers.cachedPath(sha256, now()))
        m_transfers.addToCache(sha256, t->source, message->media.size, false, now());
    publish(localId);
}

void TransferManager::onUploaded(qint64 localId, const Result<QString> &fileId)
{
    if (UploadTask *task = m_uploads.take(localId))
        task->deleteLater();
    if (fileId) {
        const Result<ChatMessage> message = m_messages.attachFile(localId, fileId.value());
        if (!message) {
            Q_EMIT storageFailed(message.error());
        } else {
            qCInfo(lcFiles) << "uploaded the file of message" << localId;
            Q_EMIT messageChanged(message.value());
            Q_EMIT uploaded(message.value());
        }
    } else {
        qCInfo(lcFiles) << "upload of message" << localId << "failed:" << errorCodeName(fileId.error().code);
        m_transfers.setState(localId, TransferState::Failed, int(fileId.error().code), now());
        m_messages.markFailed(localId, fileId.error().code);
        publish(localId);
    }
    schedule();
}

void TransferManager::startDownload(qint64 localId)
{
    const std::optional<ChatMessage> m = m_messages.byLocalId(localId);
    if (!m || m_downloads.contains(localId) || m->media.fileId.isEmpty()) {
        m_transfers.remove(localId);
        return;
    }
    if (const std::optional<QString> cached = m_transfers.cachedPath(m->media.sha256, now());
        cached && QFileInfo::exists(*cached)) { // the same content came with another message meanwhile
        onDownloaded(localId, *cached);
        return;
    }
    auto *task = new DownloadTask(
        localId, m->media, destinationFor(m->media), m_endpoint,
        [this](bool fresh, std::function<void(const Result<DownloadTask::Grant> &)> done) {
            downloadGrant(fresh, std::move(done));
        },
        this);
    m_downloads.insert(localId, task);
    connect(task, &DownloadTask::progress, this, &TransferManager::transferProgress);
    connect(task, &DownloadTask::finished, this, &TransferManager::onDownloaded);
    m_transfers.setState(localId, TransferState::Running, 0, now());
    publish(localId);
    task->start();
}

void TransferManager::onDownloaded(qint64 localId, const Result<QString> &path)
{
    if (DownloadTask *task = m_downloads.take(localId))
        task->deleteLater();
    const std::optional<ChatMessage> m = m_messages.byLocalId(localId);
    if (path && m) {
        m_transfers.addToCache(m->media.sha256, path.value(), m->media.size, true, now());
        m_transfers.remove(localId);
        for (const qint64 id : m_transfers.messagesWith(m->media.sha256))
            publish(id);
        evictOverLimit();
    } else if (!path) {
        qCInfo(lcFiles) << "download for message" << localId << "failed:" << errorCodeName(path.error().code);
        m_transfers.setState(localId, TransferState::Failed, int(path.error().code), now());
        publish(localId);
    }
    answerWaiting(localId, path);
    schedule();
}

void TransferManager::answerWaiting(qint64 localId, const Result<QString> &path)
{
    for (const Promise<QString> &p : m_waiting.take(localId))
        p.resolve(path);
}

void TransferManager::downloadGrant(bool fresh, std::function<void(const Result<DownloadTask::Grant> &)> done)
{
    if (!fresh && m_grant && m_grant->expiresAtMs - kGrantMarginMs > now()) {
        done(m_grant->grant);
        return;
    }
    m_grantWaiters.append(std::move(done));
    if (m_grantWaiters.size() > 1)
        return; // one request answers everyone waiting
    const QPointer<TransferManager> self(this);
    m_connection.request(SubSignal::FDG, v1::DownloadGrantRequest(), [self](const Result<v1::Result> &reply) {
        if (!self)
            return;
        Result<DownloadTask::Grant> grant = Error(ErrorCode::Internal);
        if (reply) {
            const v1::DownloadGrant &g = reply->download_grant();
            self->m_grant = Grant{{quint16(g.port()), QString::fromStdString(g.grant())}, qint64(g.expires_at())};
            grant = self->m_grant->grant;
        } else {
            grant = reply.error();
        }
        for (const auto &waiter : std::exchange(self->m_grantWaiters, {}))
            waiter(grant);
    });
}

void TransferManager::publish(qint64 localId)
{
    if (const std::optional<ChatMessage> m = m_messages.byLocalId(localId))
        Q_EMIT messageChanged(*m);
}

QString TransferManager::destinationFor(const Media &media) const
{
    const QString hex = QString::fromLatin1(media.sha256.toHex());
    return QDir(m_mediaDir).filePath(u"%1/%2/%3"_s.arg(hex.left(2), hex, safeFileName(media)));
}

} // namespace parley
