#pragma once

#include "parley.pb.h"
#include "protocol/result.h"
#include "server/authenticateduser.h"
#include "server/files/blobstore.h"
#include "server/files/filegrants.h"
#include "server/routing/call.h"
#include "server/routing/outcome.h"
#include "server/storage/records.h"

#include <QStringList>

namespace parley::server {

class IStore;

// The storage-thread rules of files. Limits: the largest file and each user's quota (stored files and
// uploads in progress count). Instant send: content the server has already is not uploaded again, but only a
// client that proves it has the bytes (the SHA-256 of a random range after a nonce) gets a file for it —
// knowing a hash is not enough. Privacy: a file can be fetched by its uploader and by whoever may read a
// message that carries it, and an avatar by whoever may see it (a person's by anyone signed in, a group's by its
// members); every other id, known or not, is the same "not found". Files that neither a message nor an avatar
// refers to and uploads nobody continues are collected after their grace periods.
class FileLedger {
public:
    static constexpr int kIdBytes = 16;                  // file and upload ids: 128 random bits
    static constexpr quint64 kChallengeBytes = 64 << 10; // the range a possession proof covers
    static constexpr int kNonceBytes = 16;
    static constexpr int kSha256Bytes = 32;

    struct Policy {
        quint64 maxFileSize = 0;
        quint64 userQuota = 0; // 0: none
        qint64 grantTtlMs = 0;
        qint64 challengeTtlMs = 0;
        quint32 filesPort = 0;
    };

    // What a collection removed from the database: its bytes go from the disk after the commit.
    struct Garbage {
        QStringList uploads;
        QList<QByteArray> blobs;
    };

    FileLedger(Policy policy, const FileGrants &grants, const BlobStore &blobs)
        : m_policy(policy), m_grants(grants), m_blobs(blobs)
    {
    }
    const Policy &policy() const { return m_policy; }
    // Once the files port listens, before any request is served.
    void setFilesPort(quint32 port) { m_policy.filesPort = port; }

    // GQNUT: a grant to upload, a challenge for content the server has, or (with a right proof) the file.
    Outcome uploadToken(IStore &store, const Call &call, const v1::UploadTokenRequest &request) const;
    // FDG: a grant to fetch files.
    Outcome downloadGrant(const Call &call) const;

    // What a sender says of a file, at GQNUT and in tus creation: a clean name (limits::isCleanName) of at most
    // limits::kMaxFileName characters, and a type that is empty or a media type (limits::isMimeType) of at most
    // limits::kMaxMimeType characters.
    static std::optional<Error> checkDescription(const QString &mimeType, const QString &fileName);

    // The files port (tus creation, HEAD, PATCH, and GET).
    Result<UploadRecord> createUpload(IStore &store, qint64 userId, quint64 size, const QByteArray &sha256,
                                      const QString &mimeType, const QString &fileName, qint64 nowMs) const;
    // The user's upload; NotFound for anyone else's or an unknown one.
    static Result<UploadRecord> uploadOf(IStore &store, qint64 userId, const QString &uploadId);
    // The last byte is in and its SHA-256 was checked: the upload becomes a file.
    static Result<FileRecord> completeUpload(IStore &store, const UploadRecord &upload, qint64 nowMs);
    // The file, if the user may fetch it; NotFound otherwise, the same for unknown and forbidden ids.
    static Result<FileRecord> readable(IStore &store, qint64 userId, const QString &fileId);

    // MS: a message may carry a file its sender may fetch; the server's own facts (size, SHA-256, type)
    // replace what the message says.
    static Result<Done> attach(IStore &store, qint64 senderId, v1::MediaInfo &media);
    // MMI, GMI: an avatar is a picture the user uploaded (not merely one the user may read: that would publish
    // a chat's photo), a JPEG or PNG, no larger than limits::kMaxAvatarBytes. Empty (no avatar) is always fine.
    static Result<Done> checkAvatar(IStore &store, qint64 userId, const QString &fileId);

    // Forgets abandoned uploads and files no message carries; their bytes go with removeGarbage, a storage job
    // of its own after the commit, which checks again that no file has taken the content meanwhile.
    Garbage collect(IStore &store, qint64 nowMs, qint64 uploadGraceMs, qint64 orphanGraceMs, int limit) const;
    // The account is being deleted: its uploads and the files it stored go (but a group's picture, which is the
    // group's), whoever else could read them; their bytes the same way as collected garbage.
    Garbage eraseUser(IStore &store, qint64 userId) const;
    void removeGarbage(IStore &store, const Garbage &garbage) const;

    static QString newId();

private:
    Result<Done> checkSize(IStore &store, qint64 userId, quint64 size) const;
    Outcome challenge(const Call &call, const v1::UploadTokenRequest &request) const;
    Outcome acceptProof(IStore &store, const Call &call, const v1::UploadTokenRequest &request) const;
    // Forgets the uploads and files; the contents nothing else has any more are garbage.
    Garbage forget(IStore &store, const QList<UploadRecord> &uploads, const QList<FileRecord> &files) const;

    Policy m_policy;
    const FileGrants &m_grants;
    const BlobStore &m_blobs;
};

} // namespace parley::server
