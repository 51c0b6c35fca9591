#include "server/files/fileledger.h"

#include "common/securerandom.h"
#include "protocol/limits.h"
#include "protocol/textrules.h"
#include "server/storage/istore.h"

#include <QSet>
#include <QtEndian>

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

QByteArray bytesOf(const std::string &s)
{
    return QByteArray(s.data(), qsizetype(s.size()));
}

// A challenge's scope: what it is about, so that a proof is checked against exactly that.
QByteArray challengeScope(const QByteArray &sha256, quint64 size, quint64 offset, quint64 length,
                          const QByteArray &nonce)
{
    QByteArray scope = sha256;
    scope.resize(sha256.size() + 24);
    qToBigEndian<quint64>(size, scope.data() + sha256.size());
    qToBigEndian<quint64>(offset, scope.data() + sha256.size() + 8);
    qToBigEndian<quint64>(length, scope.data() + sha256.size() + 16);
    return scope + nonce;
}

bool sameInConstantTime(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

QString humanSize(quint64 bytes)
{
    constexpr quint64 kMiB = 1 << 20;
    return bytes >= kMiB ? u"%1 MiB"_s.arg(bytes / kMiB) : u"%1 bytes"_s.arg(bytes);
}

} // namespace

QString FileLedger::newId()
{
    return QString::fromLatin1(secureRandomBytes(kIdBytes).toHex());
}

Result<Done> FileLedger::checkSize(IStore &store, qint64 userId, quint64 size) const
{
    if (size > m_policy.maxFileSize)
        return Error(ErrorCode::TooLarge, u"files can be at most %1"_s.arg(humanSize(m_policy.maxFileSize)));
    if (m_policy.userQuota > 0 && store.files().bytesOf(userId) + size > m_policy.userQuota)
        return Error(ErrorCode::QuotaExceeded,
                     u"this file would take you over your storage of %1"_s.arg(humanSize(m_policy.userQuota)));
    return Done{};
}

Outcome FileLedger::uploadToken(IStore &store, const Call &call, const v1::UploadTokenRequest &request) const
{
    if (m_policy.filesPort == 0)
        return Error(ErrorCode::Unavailable, u"this server does not take files"_s);
    const QByteArray sha256 = bytesOf(request.sha256());
    if (!sha256.isEmpty() && sha256.size() != kSha256Bytes)
        return Error(ErrorCode::MalformedRequest, u"sha256 must be 32 bytes, or none"_s);
    if (const Result<Done> fits = checkSize(store, call.me().userId, request.size()); !fits)
        return fits.error();
    if (!request.challenge().empty()) {
        if (sha256.isEmpty())
            return Error(ErrorCode::MalformedRequest, u"a proof is for a SHA-256"_s);
        return acceptProof(store, call, request);
    }
    if (!sha256.isEmpty() && store.files().fileWithContent(sha256, request.size()) && m_blobs.hasBlob(sha256))
        return challenge(call, request); // instant send, once the client proves it has the bytes

    v1::Result result;
    v1::UploadToken *token = result.mutable_upload_token();
    // Sent while hashing: it could only be stored already if a file of its size is.
    token->set_hash_first(sha256.isEmpty() && store.files().hasFileOfSize(request.size()));
    token->set_port(m_policy.filesPort);
    token->set_expires_at(call.nowMs + m_policy.grantTtlMs);
    token->set_grant(
        m_grants.issue({FileGrants::Purpose::Upload, call.me().userId, token->expires_at(), {}}).toStdString());
    return result;
}

Outcome FileLedger::challenge(const Call &call, const v1::UploadTokenRequest &request) const
{
    const quint64 size = request.size();
    const quint64 length = std::min<quint64>(kChallengeBytes, size);
    quint64 offset = 0;
    if (size > length) {
        const QByteArray random = secureRandomBytes(8);
        offset = qFromBigEndian<quint64>(random.constData()) % (size - length + 1);
    }
    const QByteArray nonce = secureRandomBytes(kNonceBytes);
    const qint64 expiresAt = call.nowMs + m_policy.challengeTtlMs;
    const QByteArray scope = challengeScope(bytesOf(request.sha256()), size, offset, length, nonce);

    v1::Result result;
    v1::PossessionChallenge *c = result.mutable_upload_token()->mutable_challenge();
    c->set_token(m_grants.issue({FileGrants::Purpose::Challenge, call.me().userId, expiresAt, scope}).toStdString());
    c->set_nonce(nonce.constData(), size_t(nonce.size()));
    c->set_offset(offset);
    c->set_length(length);
    c->set_expires_at(expiresAt);
    return result;
}

Outcome FileLedger::acceptProof(IStore &store, const Call &call, const v1::UploadTokenRequest &request) const
{
    const Error wrong(ErrorCode::ProofFailed, u"the proof of owning the file was wrong or too late"_s);
    const std::optional<FileGrants::Grant> grant =
        m_grants.verify(QString::fromStdString(request.challenge()), FileGrants::Purpose::Challenge, call.nowMs);
    const QByteArray sha256 = bytesOf(request.sha256());
    if (!grant || grant->userId != call.me().userId || !grant->scope.startsWith(sha256) ||
        grant->scope.size() != kSha256Bytes + 24 + kNonceBytes)
        return wrong;
    const char *numbers = grant->scope.constData() + kSha256Bytes;
    const quint64 size = qFromBigEndian<quint64>(numbers);
    const quint64 offset = qFromBigEndian<quint64>(numbers + 8);
    const quint64 length = qFromBigEndian<quint64>(numbers + 16);
    const QByteArray nonce = grant->scope.right(kNonceBytes);
    const std::optional<FileRecord> existing = store.files().fileWithContent(sha256, size);
    if (size != request.size() || !existing)
        return wrong;
    const Result<QByteArray> expected = BlobStore::sha256Of(m_blobs.blobPath(sha256), offset, length, nonce);
    if (!expected)
        return expected.error();
    if (!sameInConstantTime(expected.value(), bytesOf(request.proof())))
        return wrong;

    FileRecord file{newId(),
                    sha256,
                    size,
                    QString::fromStdString(request.mime_type()),
                    QString::fromStdString(request.file_name()),
                    call.me().userId,
                    call.nowMs};
    if (!store.files().insertFile(file))
        return Error(ErrorCode::Unavailable, u"storage failed"_s);
    v1::Result result;
    result.mutable_upload_token()->set_file_id(file.id.toStdString());
    return result;
}

Outcome FileLedger::downloadGrant(const Call &call) const
{
    if (m_policy.filesPort == 0)
        return Error(ErrorCode::Unavailable, u"this server does not serve files"_s);
    v1::Result result;
    v1::DownloadGrant *grant = result.mutable_download_grant();
    grant->set_port(m_policy.filesPort);
    grant->set_expires_at(call.nowMs + m_policy.grantTtlMs);
    grant->set_grant(
        m_grants.issue({FileGrants::Purpose::Download, call.me().userId, grant->expires_at(), {}}).toStdString());
    return result;
}

std::optional<Error> FileLedger::checkDescription(const QString &mimeType, const QString &fileName)
{
    if (limits::characters(fileName) > limits::kMaxFileName || mimeType.size() > limits::kMaxMimeType)
        return Error(ErrorCode::TooLarge, u"the file name or type is too long"_s);
    if (!mimeType.isEmpty() && !limits::isMimeType(mimeType))
        return Error(ErrorCode::MalformedRequest, u"a file's type is a media type, like image/jpeg"_s);
    return limits::uncleanNameError(fileName, u"a file name"_s);
}

Result<UploadRecord> FileLedger::createUpload(IStore &store, qint64 userId, quint64 size, const QByteArray &sha256,
                                              const QString &mimeType, const QString &fileName, qint64 nowMs) const
{
    if (!sha256.isEmpty() && sha256.size() != kSha256Bytes) // none: declared with the last bytes
        return Error(ErrorCode::MalformedRequest, u"sha256 must be 32 bytes, or none"_s);
    if (const std::optional<Error> wrong = checkDescription(mimeType, fileName))
        return *wrong;
    if (const Result<Done> fits = checkSize(store, userId, size); !fits)
        return fits.error();
    UploadRecord upload{newId(), userId, size, sha256, mimeType, fileName, 0, nowMs, nowMs};
    if (!store.files().insertUpload(upload))
        return Error(ErrorCode::Unavailable, u"storage failed"_s);
    return upload;
}

Result<UploadRecord> FileLedger::uploadOf(IStore &store, qint64 userId, const QString &uploadId)
{
    std::optional<UploadRecord> upload = store.files().upload(uploadId);
    if (!upload || upload->userId != userId)
        return Error(ErrorCode::NotFound, u"no such upload"_s);
    return *upload;
}

Result<FileRecord> FileLedger::completeUpload(IStore &store, const UploadRecord &upload, qint64 nowMs)
{
    FileRecord file{newId(), upload.sha256, upload.size, upload.mimeType, upload.fileName, upload.userId, nowMs};
    if (!store.files().insertFile(file))
        return Error(ErrorCode::Unavailable, u"storage failed"_s);
    store.files().deleteUpload(upload.id);
    return file;
}

Result<FileRecord> FileLedger::readable(IStore &store, qint64 userId, const QString &fileId)
{
    const std::optional<FileRecord> file = store.files().file(fileId);
    if (!file || (file->uploaderId != userId && !store.files().mayRead(userId, fileId)))
        return Error(ErrorCode::NotFound, u"no such file"_s); // the same for unknown and forbidden
    return *file;
}

Result<Done> FileLedger::attach(IStore &store, qint64 senderId, v1::MediaInfo &media)
{
    const Result<FileRecord> file = readable(store, senderId, QString::fromStdString(media.file_id()));
    if (!file)
        return file.error();
    media.set_size(file->size);
    media.set_sha256(file->sha256.constData(), size_t(file->sha256.size()));
    media.set_mime_type(file->mimeType.toStdString());
    return Done{};
}

Result<Done> FileLedger::checkAvatar(IStore &store, qint64 userId, const QString &fileId)
{
    if (fileId.isEmpty())
        return Done{};
    const std::optional<FileRecord> file = store.files().file(fileId);
    if (!file || file->uploaderId != userId)
        return Error(ErrorCode::NotFound, u"an avatar must be a picture you uploaded"_s);
    if (file->mimeType != u"image/jpeg"_s && file->mimeType != u"image/png"_s)
        return Error(ErrorCode::MalformedRequest, u"an avatar must be a JPEG or PNG picture"_s);
    if (file->size > quint64(limits::kMaxAvatarBytes))
        return Error(ErrorCode::TooLarge, u"an avatar has at most %1 KiB"_s.arg(limits::kMaxAvatarBytes / 1024));
    return Done{};
}

FileLedger::Garbage FileLedger::collect(IStore &store, qint64 nowMs, qint64 uploadGraceMs, qint64 orphanGraceMs,
                                        int limit) const
{
    return forget(store, store.files().idleUploads(nowMs - uploadGraceMs, limit),
                  store.files().unreferencedFiles(nowMs - orphanGraceMs, limit));
}

FileLedger::Garbage FileLedger::eraseUser(IStore &store, qint64 userId) const
{
    return forget(store, store.files().uploadsOf(userId), store.files().personalFilesOf(userId));
}

FileLedger::Garbage FileLedger::forget(IStore &store, const QList<UploadRecord> &uploads,
                                       const QList<FileRecord> &files) const
{
    Garbage garbage;
    QSet<QByteArray> contents;
    for (const UploadRecord &u : uploads) {
        store.files().deleteUpload(u.id);
        garbage.uploads.append(u.id);
        if (!u.sha256.isEmpty()) // one sent while hashing has none
            contents.insert(u.sha256);
    }
    for (const FileRecord &f : files) {
        store.files().deleteFile(f.id);
        contents.insert(f.sha256);
    }
    for (const QByteArray &sha256 : std::as_const(contents)) {
        if (!store.files().contentInUse(sha256) && m_blobs.hasBlob(sha256))
            garbage.blobs.append(sha256);
    }
    return garbage;
}

void FileLedger::removeGarbage(IStore &store, const Garbage &garbage) const
{
    for (const QString &upload : garbage.uploads)
        m_blobs.removeUpload(upload);
    for (const QByteArray &sha256 : garbage.blobs) {
        if (!store.files().contentInUse(sha256)) // sent again meanwhile: kept
            m_blobs.removeBlob(sha256);
    }
}

} // namespace parley::server
