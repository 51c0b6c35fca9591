#include "core/files/uploadtask.h"

#include "common/sha256.h"
#include "common/threadaffinity.h"
#include "core/files/filehash.h"
#include "core/files/filesendpoint.h"
#include "core/logging.h"
#include "core/net/connection.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QtConcurrent>

namespace parley {

using namespace Qt::StringLiterals;

UploadTask::UploadTask(Job job, Connection &connection, FilesEndpoint &endpoint, QObject *parent)
    : QObject(parent), m_job(std::move(job)), m_connection(connection), m_endpoint(endpoint)
{
    m_retry.setSingleShot(true);
    connect(&m_hashing, &QFutureWatcher<Result<QByteArray>>::finished, this, &UploadTask::onHashed);
}

UploadTask::~UploadTask()
{
    m_hashing.disconnect(this); // a hash still running stops soon; nobody waits for it
    m_stopHashing->store(true);
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void UploadTask::start()
{
    PARLEY_ASSERT_OWN_THREAD();
    if (!sourceIsIntact()) {
        finish(Error(ErrorCode::FileUnreadable, u"the file is gone or was changed"_s));
        return;
    }
    if (m_job.media.sha256.isEmpty() && !m_hashing.isRunning())
        startHashing();
    requestToken();
}

void UploadTask::startHashing()
{
    m_hashing.setFuture(
        QtConcurrent::run([path = m_job.source, stop = m_stopHashing] { return sha256OfFile(path, stop.get()); }));
}

void UploadTask::onHashed()
{
    const Result<QByteArray> hash = m_hashing.result();
    if (m_done)
        return;
    if (!hash) {
        finish(hash.error());
        return;
    }
    m_job.media.sha256 = hash.value();
    Q_EMIT hashed(m_job.messageId, m_job.media.sha256);
    const AfterHash next = std::exchange(m_afterHash, AfterHash::Nothing);
    if (next == AfterHash::AskAgain)
        requestToken();
    else if (next == AfterHash::LastChunk)
        sendChunk();
}

void UploadTask::onOnline()
{
    if (m_waitingForNetwork && !m_done) {
        m_waitingForNetwork = false;
        requestToken();
    }
}

bool UploadTask::sourceIsIntact() const
{
    const QFileInfo info(m_job.source);
    return info.isFile() && info.isReadable() && quint64(info.size()) == m_job.media.size;
}

void UploadTask::track(FileReply *reply)
{
    m_reply = reply;
    reply->setParent(this);
}

void UploadTask::requestToken(const QString &challenge, const QByteArray &proof)
{
    if (!m_connection.isOnline()) {
        m_waitingForNetwork = true;
        return;
    }
    v1::UploadTokenRequest request;
    request.set_size(m_job.media.size);
    request.set_sha256(m_job.media.sha256.constData(), size_t(m_job.media.sha256.size()));
    request.set_mime_type(m_job.media.mimeType.toStdString());
    request.set_file_name(m_job.media.fileName.toStdString());
    request.set_challenge(challenge.toStdString());
    request.set_proof(proof.constData(), size_t(proof.size()));
    const QPointer<UploadTask> self(this);
    const bool withoutHash = m_job.media.sha256.isEmpty();
    m_connection.request(SubSignal::GQNUT, request, [self, withoutHash](const Result<v1::Result> &reply) {
        if (!self || self->m_done)
            return;
        if (!reply) {
            if (reply.error().code == ErrorCode::ConnectionLost && !self->m_connection.isOnline()) {
                self->m_waitingForNetwork = true; // goes on with onOnline
                return;
            }
            if (reply.error().code == ErrorCode::MalformedRequest && withoutHash) {
                // A server that does not take uploads sent while hashing: ask again with the hash.
                if (self->m_job.media.sha256.isEmpty())
                    self->m_afterHash = AfterHash::AskAgain;
                else
                    self->requestToken(); // hashed meanwhile
                return;
            }
            if (reply.error().code == ErrorCode::ProofFailed && ++self->m_tokenTries < kMaxTokenTries) {
                self->requestToken(); // a late proof: a new challenge
                return;
            }
            self->failed(reply.error(), &UploadTask::start);
            return;
        }
        self->onToken(reply->upload_token());
    });
}

void UploadTask::onToken(const v1::UploadToken &token)
{
    if (!token.file_id().empty()) { // instant send: the proof was accepted
        finish(QString::fromStdString(token.file_id()));
        return;
    }
    if (token.has_challenge()) {
        prove(token.challenge());
        return;
    }
    if (token.hash_first()) {
        // Asked without the hash, and a file of this size is stored: it may be this one (instant send).
        if (m_job.media.sha256.isEmpty())
            m_afterHash = AfterHash::AskAgain;
        else
            requestToken(); // hashed meanwhile
        return;
    }
    m_grant = QString::fromStdString(token.grant());
    m_port = quint16(token.port());
    if (m_job.uploadUrl.isEmpty())
        create();
    else
        probe();
}

void UploadTask::prove(const v1::PossessionChallenge &challenge)
{
    // The server has these bytes: it asks for the SHA-256 of a nonce and a random range of them (≤ 64 KiB).
    QFile file(m_job.source);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(qint64(challenge.offset()))) {
        finish(Error(ErrorCode::FileUnreadable));
        return;
    }
    const QByteArray range = file.read(qint64(challenge.length()));
    if (range.size() != qint64(challenge.length())) {
        finish(Error(ErrorCode::FileUnreadable));
        return;
    }
    Sha256 hash;
    hash.add(QByteArrayView(challenge.nonce().data(), qsizetype(challenge.nonce().size())));
    hash.add(range);
    qCDebug(lcFiles) << "instant send of message" << m_job.messageId;
    requestToken(QString::fromStdString(challenge.token()), hash.result());
}

void UploadTask::create()
{
    QByteArray metadata = "filename " + m_job.media.fileName.toUtf8().toBase64() + ",filetype " +
                          m_job.media.mimeType.toUtf8().toBase64();
    if (!m_job.media.sha256.isEmpty()) // else it comes with the last chunk
        metadata += ",sha256 " + m_job.media.sha256.toBase64();
    FileReply *reply =
        m_endpoint.send("POST", m_port, u"/files"_s, m_grant,
                        {{"Upload-Length", QByteArray::number(m_job.media.size)}, {"Upload-Metadata", metadata}});
    track(reply);
    connect(reply, &FileReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (const Error error = FilesEndpoint::errorOf(reply); error.isError()) {
            failed(error, &UploadTask::start);
            return;
        }
        m_job.uploadUrl = QString::fromLatin1(reply->rawHeader("Location"));
        m_confirmed = 0;
        Q_EMIT uploadCreated(m_job.messageId, m_job.uploadUrl);
        sendChunk();
    });
}

void UploadTask::probe()
{
    FileReply *reply = m_endpoint.send("HEAD", m_port, m_job.uploadUrl, m_grant);
    track(reply);
    connect(reply, &FileReply::finished, this, [this, reply] {
        reply->deleteLater();
        const Error error = FilesEndpoint::errorOf(reply);
        if (error.code == ErrorCode::NotFound) {
            // Collected, or finished just before a crash: ask again (finished content is then instant).
            m_job.uploadUrl.clear();
            requestToken();
            return;
        }
        if (error.isError()) {
            failed(error, &UploadTask::start);
            return;
        }
        m_confirmed = reply->rawHeader("Upload-Offset").toULongLong();
        qCDebug(lcFiles) << "upload of message" << m_job.messageId << "goes on at" << m_confirmed;
        Q_EMIT confirmed(m_job.messageId, m_confirmed);
        sendChunk();
    });
}

void UploadTask::sendChunk()
{
    if (!sourceIsIntact()) {
        finish(Error(ErrorCode::FileUnreadable, u"the file is gone or was changed"_s));
        return;
    }
    // The chunk is read from the file as it goes out (on the transfer thread), never held here.
    const qint64 length = std::min<qint64>(m_chunkBytes, qint64(m_job.media.size - m_confirmed));
    const bool last = m_confirmed + quint64(length) == m_job.media.size;
    FilesEndpoint::Headers headers{{"Content-Type", "application/offset+octet-stream"},
                                   {"Upload-Offset", QByteArray::number(m_confirmed)},
                                   {"Content-Length", QByteArray::number(length)}};
    if (last) {
        // The last chunk says what the whole file is (the upload may have been created without its hash).
        if (m_job.media.sha256.isEmpty()) {
            m_afterHash = AfterHash::LastChunk;
            return;
        }
        headers.append({"Parley-Sha256", m_job.media.sha256.toBase64()});
    }
    m_chunkLength = length;
    m_chunkClock.start();
    FileReply *reply = m_endpoint.send("PATCH", m_port, m_job.uploadUrl, m_grant, headers,
                                       FilesEndpoint::FileRange{m_job.source, qint64(m_confirmed), length});
    track(reply);
    connect(reply, &FileReply::uploadProgress, this, [this](qint64 sent, qint64) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (now - m_lastProgressMs >= kProgressIntervalMs) {
            m_lastProgressMs = now;
            Q_EMIT progress(m_job.messageId, m_confirmed + quint64(std::max<qint64>(0, sent)), m_job.media.size);
        }
    });
    connect(reply, &FileReply::finished, this, [this, reply] { onChunkSent(reply); });
}

qint64 UploadTask::nextChunkBytes(qint64 current, qint64 elapsedMs)
{
    if (elapsedMs < kTargetChunkMs / 2)
        return std::min(current * 2, kMaxChunkBytes);
    if (elapsedMs > kTargetChunkMs * 2)
        return std::max(current / 2, kMinChunkBytes);
    return current;
}

void UploadTask::onChunkSent(FileReply *reply)
{
    reply->deleteLater();
    const Error error = FilesEndpoint::errorOf(reply);
    if (FilesEndpoint::status(reply) == 409) { // our offset was behind the server's: go on from its
        m_confirmed = reply->rawHeader("Upload-Offset").toULongLong();
        sendChunk();
        return;
    }
    if (error.isError()) {
        // After a cut the server kept what arrived: HEAD says how much.
        failed(error, &UploadTask::start);
        return;
    }
    m_backoff.reset();
    m_tokenTries = 0;
    if (m_chunkLength == m_chunkBytes)
        m_chunkBytes = nextChunkBytes(m_chunkBytes, m_chunkClock.elapsed());
    m_confirmed = reply->rawHeader("Upload-Offset").toULongLong();
    const QByteArray fileId = reply->rawHeader("Parley-File-Id");
    // The next chunk leaves before the offset is saved: the link is idle until it does. (After a crash in
    // between, HEAD says where to go on.)
    if (fileId.isEmpty()) {
        sendChunk();
        if (m_done) // the file changed: the upload ended
            return;
    }
    Q_EMIT confirmed(m_job.messageId, m_confirmed);
    Q_EMIT progress(m_job.messageId, m_confirmed, m_job.media.size);
    if (!fileId.isEmpty())
        finish(QString::fromLatin1(fileId));
}

void UploadTask::failed(const Error &error, void (UploadTask::*again)())
{
    if (error.code == ErrorCode::PermissionDenied && ++m_tokenTries < kMaxTokenTries) {
        requestToken(); // the grant expired
        return;
    }
    if (error.code == ErrorCode::FileCorrupt) { // the bytes sent were not the file's: it changed meanwhile
        finish(Error(ErrorCode::FileUnreadable, u"the file changed while it was being sent"_s));
        return;
    }
    // An upload also waits out the server's limit on asking for upload grants.
    if (!FilesEndpoint::isTransient(error.code) && error.code != ErrorCode::RateLimited) {
        finish(error);
        return;
    }
    const int delay = m_backoff.nextDelayMs();
    qCDebug(lcFiles) << "upload of message" << m_job.messageId << "failed:" << errorCodeName(error.code) << "- again in"
                     << delay << "ms";
    m_retry.disconnect(this);
    connect(&m_retry, &QTimer::timeout, this, again);
    m_retry.start(delay);
}

void UploadTask::finish(const Result<QString> &fileId)
{
    if (m_done)
        return;
    m_done = true;
    m_retry.stop();
    Q_EMIT finished(m_job.messageId, fileId);
}

} // namespace parley
