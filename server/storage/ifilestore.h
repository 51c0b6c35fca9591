#pragma once

#include "server/storage/records.h"

#include <QList>

#include <optional>

namespace parley::server {

// Files as the FileLedger needs them: uploads in progress, stored files, and which messages carry which
// file (who may fetch it follows from those). Storage thread only.
class IFileStore {
public:
    virtual ~IFileStore() = default;

    virtual bool insertUpload(const UploadRecord &upload) = 0;
    virtual std::optional<UploadRecord> upload(const QString &id) = 0;
    virtual void setUploadOffset(const QString &id, quint64 offset, qint64 nowMs) = 0;
    virtual void deleteUpload(const QString &id) = 0;
    // Uploads not written to since `beforeMs` (abandoned), at most `limit`.
    virtual QList<UploadRecord> idleUploads(qint64 beforeMs, int limit) = 0;

    virtual bool insertFile(const FileRecord &file) = 0;
    virtual std::optional<FileRecord> file(const QString &id) = 0;
    // Whether some stored file has exactly this size.
    virtual bool hasFileOfSize(quint64 size) = 0;
    // Some stored file with this content, if any.
    virtual std::optional<FileRecord> fileWithContent(const QByteArray &sha256, quint64 size) = 0;
    virtual void deleteFile(const QString &id) = 0;
    // Whether any file or upload still has this content.
    virtual bool contentInUse(const QByteArray &sha256) = 0;
    // Bytes the user has stored (files) and is uploading (declared sizes): what the quota counts.
    virtual quint64 bytesOf(qint64 userId) = 0;
    // The user's uploads in progress, and the files the user stored but a group's picture (it is the group's):
    // what goes when the account is deleted.
    virtual QList<UploadRecord> uploadsOf(qint64 userId) = 0;
    virtual QList<FileRecord> personalFilesOf(qint64 userId) = 0;
    // Files no message carries, created before `beforeMs` (uploaded, never sent), at most `limit`.
    virtual QList<FileRecord> unreferencedFiles(qint64 beforeMs, int limit) = 0;

    // A message carrying the file was stored in the conversation at `seq`.
    virtual void addReference(const QString &fileId, qint64 conversationId, quint64 seq, qint64 messageUid) = 0;
    // The message was recalled: it no longer gives anyone the file.
    virtual void dropReferences(qint64 messageUid) = 0;
    // Whether the user may read a message that carries the file (a participant; in a group, a member while
    // the message was within the history he may read).
    virtual bool mayRead(qint64 userId, const QString &fileId) = 0;
};

} // namespace parley::server
