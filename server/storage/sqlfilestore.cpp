#include "server/storage/sqlfilestore.h"

#include <QSqlQuery>

namespace parley::server {

namespace {

#define PARLEY_UPLOAD_COLUMNS                                                                                          \
    "id, user_id, size, sha256, mime_type, file_name, upload_offset, created_at, updated_at FROM uploads "
#define PARLEY_FILE_COLUMNS "id, sha256, size, mime_type, file_name, uploader_id, created_at FROM files "

UploadRecord readUpload(const QSqlQuery &q)
{
    return UploadRecord{q.value(0).toString(),    q.value(1).toLongLong(), q.value(2).toULongLong(),
                        q.value(3).toByteArray(), q.value(4).toString(),   q.value(5).toString(),
                        q.value(6).toULongLong(), q.value(7).toLongLong(), q.value(8).toLongLong()};
}

FileRecord readFile(const QSqlQuery &q)
{
    return FileRecord{q.value(0).toString(), q.value(1).toByteArray(), q.value(2).toULongLong(), q.value(3).toString(),
                      q.value(4).toString(), q.value(5).toLongLong(),  q.value(6).toLongLong()};
}

} // namespace

QList<UploadRecord> SqlFileStore::uploadsWhere(const char *sql, std::initializer_list<QVariant> values)
{
    QList<UploadRecord> out;
    QSqlQuery &q = m_sql.get(sql);
    if (!m_sql.exec(q, values))
        return out;
    while (q.next())
        out.append(readUpload(q));
    q.finish();
    return out;
}

QList<FileRecord> SqlFileStore::filesWhere(const char *sql, std::initializer_list<QVariant> values)
{
    QList<FileRecord> out;
    QSqlQuery &q = m_sql.get(sql);
    if (!m_sql.exec(q, values))
        return out;
    while (q.next())
        out.append(readFile(q));
    q.finish();
    return out;
}

bool SqlFileStore::insertUpload(const UploadRecord &u)
{
    return m_sql.exec("INSERT INTO uploads (id, user_id, size, sha256, mime_type, file_name, upload_offset, "
                      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      {u.id, u.userId, qint64(u.size), SqlStatements::blob(u.sha256), SqlStatements::text(u.mimeType),
                       SqlStatements::text(u.fileName), qint64(u.offset), u.createdAtMs, u.updatedAtMs});
}

std::optional<UploadRecord> SqlFileStore::upload(const QString &id)
{
    const QList<UploadRecord> found = uploadsWhere("SELECT " PARLEY_UPLOAD_COLUMNS "WHERE id = ?", {id});
    return found.isEmpty() ? std::nullopt : std::optional(found.first());
}

void SqlFileStore::setUploadOffset(const QString &id, quint64 offset, qint64 nowMs)
{
    m_sql.exec("UPDATE uploads SET upload_offset = ?, updated_at = ? WHERE id = ?", {qint64(offset), nowMs, id});
}

void SqlFileStore::deleteUpload(const QString &id)
{
    m_sql.exec("DELETE FROM uploads WHERE id = ?", {id});
}

QList<UploadRecord> SqlFileStore::idleUploads(qint64 beforeMs, int limit)
{
    return uploadsWhere("SELECT " PARLEY_UPLOAD_COLUMNS "WHERE updated_at < ? ORDER BY updated_at LIMIT ?",
                        {beforeMs, limit});
}

bool SqlFileStore::insertFile(const FileRecord &f)
{
    return m_sql.exec("INSERT INTO files (id, sha256, size, mime_type, file_name, uploader_id, created_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?)",
                      {f.id, f.sha256, qint64(f.size), SqlStatements::text(f.mimeType), SqlStatements::text(f.fileName),
                       f.uploaderId, f.createdAtMs});
}

std::optional<FileRecord> SqlFileStore::file(const QString &id)
{
    const QList<FileRecord> found = filesWhere("SELECT " PARLEY_FILE_COLUMNS "WHERE id = ?", {id});
    return found.isEmpty() ? std::nullopt : std::optional(found.first());
}

bool SqlFileStore::hasFileOfSize(quint64 size)
{
    QSqlQuery &q = m_sql.get("SELECT 1 FROM files WHERE size = ? LIMIT 1");
    const bool found = m_sql.exec(q, {qint64(size)}) && q.next();
    q.finish();
    return found;
}

std::optional<FileRecord> SqlFileStore::fileWithContent(const QByteArray &sha256, quint64 size)
{
    const QList<FileRecord> found =
        filesWhere("SELECT " PARLEY_FILE_COLUMNS "WHERE sha256 = ? AND size = ? LIMIT 1", {sha256, qint64(size)});
    return found.isEmpty() ? std::nullopt : std::optional(found.first());
}

void SqlFileStore::deleteFile(const QString &id)
{
    m_sql.exec("DELETE FROM file_refs WHERE file_id = ?", {id});
    m_sql.exec("DELETE FROM files WHERE id = ?", {id});
}

bool SqlFileStore::contentInUse(const QByteArray &sha256)
{
    return m_sql
        .value("SELECT 1 FROM files WHERE sha256 = ? UNION ALL SELECT 1 FROM uploads WHERE sha256 = ? LIMIT 1",
               {sha256, sha256})
        .isValid();
}

quint64 SqlFileStore::bytesOf(qint64 userId)
{
    return m_sql
        .value("SELECT CAST(COALESCE((SELECT SUM(size) FROM files WHERE uploader_id = ?), 0) + "
               "COALESCE((SELECT SUM(size) FROM uploads WHERE user_id = ?), 0) AS BIGINT)",
               {userId, userId})
        .toULongLong();
}

QList<UploadRecord> SqlFileStore::uploadsOf(qint64 userId)
{
    return uploadsWhere("SELECT " PARLEY_UPLOAD_COLUMNS "WHERE user_id = ?", {userId});
}

QList<FileRecord> SqlFileStore::personalFilesOf(qint64 userId)
{
    return filesWhere(
        "SELECT " PARLEY_FILE_COLUMNS "WHERE uploader_id = ? "
        "AND NOT EXISTS (SELECT 1 FROM chat_groups g WHERE g.avatar = files.id AND g.dismissed_at IS NULL)",
        {userId});
}

QList<FileRecord> SqlFileStore::unreferencedFiles(qint64 beforeMs, int limit)
{
    return filesWhere(
        "SELECT " PARLEY_FILE_COLUMNS "WHERE created_at < ? "
        "AND NOT EXISTS (SELECT 1 FROM file_refs r WHERE r.file_id = files.id) "
        "AND NOT EXISTS (SELECT 1 FROM users u WHERE u.avatar = files.id) "
        "AND NOT EXISTS (SELECT 1 FROM chat_groups g WHERE g.avatar = files.id AND g.dismissed_at IS NULL) "
        "LIMIT ?",
        {beforeMs, limit});
}

void SqlFileStore::addReference(const QString &fileId, qint64 conversationId, quint64 seq, qint64 messageUid)
{
    m_sql.exec("INSERT INTO file_refs (file_id, conversation_id, conversation_seq, message_uid) "
               "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
               {fileId, conversationId, qint64(seq), messageUid});
}

void SqlFileStore::dropReferences(qint64 messageUid)
{
    m_sql.exec("DELETE FROM file_refs WHERE message_uid = ?", {messageUid});
}

bool SqlFileStore::mayRead(qint64 userId, const QString &fileId)
{
    // A one-to-one member row has no window (visible_from 0, left_seq NULL): every message is readable. A
    // person's avatar is public like the rest of the profile (only ever a picture of the person's own upload);
    // a group's is for its members now.
    return m_sql
        .value("SELECT 1 FROM file_refs r JOIN conversation_members m ON m.conversation_id = r.conversation_id "
               "WHERE r.file_id = ? AND m.user_id = ? AND r.conversation_seq >= m.visible_from "
               "AND (m.left_seq IS NULL OR r.conversation_seq <= m.left_seq) "
               "UNION ALL SELECT 1 FROM users u JOIN files f ON f.id = u.avatar AND f.uploader_id = u.id "
               "WHERE u.avatar = ? "
               "UNION ALL SELECT 1 FROM chat_groups g JOIN conversation_members m "
               "ON m.conversation_id = g.conversation_id AND m.user_id = ? AND m.left_seq IS NULL "
               "WHERE g.avatar = ? AND g.dismissed_at IS NULL LIMIT 1",
               {fileId, userId, fileId, userId, fileId})
        .isValid();
}

} // namespace parley::server
