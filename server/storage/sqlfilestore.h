#pragma once

#include "common/sqlstatements.h"
#include "server/storage/ifilestore.h"

namespace parley::server {

// IFileStore on the SqlStore's connection (tables uploads, files, file_refs). Storage thread.
class SqlFileStore final : public IFileStore {
public:
    explicit SqlFileStore(SqlStatements &sql) : m_sql(sql) {}

    bool insertUpload(const UploadRecord &upload) override;
    std::optional<UploadRecord> upload(const QString &id) override;
    void setUploadOffset(const QString &id, quint64 offset, qint64 nowMs) override;
    void deleteUpload(const QString &id) override;
    QList<UploadRecord> idleUploads(qint64 beforeMs, int limit) override;

    bool insertFile(const FileRecord &file) override;
    std::optional<FileRecord> file(const QString &id) override;
    bool hasFileOfSize(quint64 size) override;
    std::optional<FileRecord> fileWithContent(const QByteArray &sha256, quint64 size) override;
    void deleteFile(const QString &id) override;
    bool contentInUse(const QByteArray &sha256) override;
    quint64 bytesOf(qint64 userId) override;
    QList<UploadRecord> uploadsOf(qint64 userId) override;
    QList<FileRecord> personalFilesOf(qint64 userId) override;
    QList<FileRecord> unreferencedFiles(qint64 beforeMs, int limit) override;

    void addReference(const QString &fileId, qint64 conversationId, quint64 seq, qint64 messageUid) override;
    void dropReferences(qint64 messageUid) override;
    bool mayRead(qint64 userId, const QString &fileId) override;

private:
    QList<UploadRecord> uploadsWhere(const char *sql, std::initializer_list<QVariant> values);
    QList<FileRecord> filesWhere(const char *sql, std::initializer_list<QVariant> values);

    SqlStatements &m_sql;
};

} // namespace parley::server
