#include "core/storage/transferrepository.h"

#include "core/logging.h"
#include "core/storage/localdatabase.h"

#include <QSqlQuery>

namespace parley {

namespace {

#define PARLEY_TRANSFER_COLUMNS "message_id, direction, state, done, total, error, source, upload_url FROM transfers "

TransferRepository::Transfer readTransfer(const QSqlQuery &q)
{
    TransferRepository::Transfer t;
    t.messageId = q.value(0).toLongLong();
    t.info.direction = TransferInfo::Direction(q.value(1).toInt());
    t.info.state = TransferState(q.value(2).toInt());
    t.info.done = q.value(3).toULongLong();
    t.info.total = q.value(4).toULongLong();
    t.info.error = q.value(5).toInt();
    t.source = q.value(6).toString();
    t.uploadUrl = q.value(7).toString();
    return t;
}

} // namespace

TransferRepository::TransferRepository(LocalDatabase &db) : m_db(db), m_sql(lcDb)
{
    m_sql.setDatabase(m_db.db());
}

std::optional<TransferRepository::Transfer> TransferRepository::transfer(qint64 messageId)
{
    QSqlQuery &q = m_sql.get("SELECT " PARLEY_TRANSFER_COLUMNS "WHERE message_id = ?");
    if (!m_sql.exec(q, {messageId}) || !q.next())
        return std::nullopt;
    Transfer t = readTransfer(q);
    q.finish();
    return t;
}

QList<TransferRepository::Transfer> TransferRepository::unfinished()
{
    QList<Transfer> out;
    QSqlQuery &q = m_sql.get("SELECT " PARLEY_TRANSFER_COLUMNS "WHERE state IN (?, ?) ORDER BY message_id");
    if (!m_sql.exec(q, {int(TransferState::Queued), int(TransferState::Running)}))
        return out;
    while (q.next())
        out.append(readTransfer(q));
    q.finish();
    return out;
}

bool TransferRepository::startDownload(qint64 messageId, quint64 total, qint64 nowMs)
{
    return m_sql.exec("INSERT INTO transfers (message_id, direction, state, total, updated_at) VALUES (?, ?, ?, ?, ?) "
                      "ON CONFLICT (message_id) DO UPDATE SET state = excluded.state, error = 0, "
                      "updated_at = excluded.updated_at",
                      {messageId, int(TransferInfo::Direction::Download), int(TransferState::Queued), qint64(total),
                       nowMs});
}

bool TransferRepository::setState(qint64 messageId, TransferState state, int error, qint64 nowMs)
{
    return m_sql.exec("UPDATE transfers SET state = ?, error = ?, updated_at = ? WHERE message_id = ?",
                      {int(state), error, nowMs, messageId});
}

bool TransferRepository::setProgress(qint64 messageId, quint64 done, qint64 nowMs)
{
    return m_sql.exec("UPDATE transfers SET done = ?, updated_at = ? WHERE message_id = ?",
                      {qint64(done), nowMs, messageId});
}

bool TransferRepository::setUploadUrl(qint64 messageId, const QString &url, qint64 nowMs)
{
    return m_sql.exec("UPDATE transfers SET upload_url = ?, done = 0, updated_at = ? WHERE message_id = ?",
                      {SqlStatements::text(url), nowMs, messageId});
}

bool TransferRepository::remove(qint64 messageId)
{
    return m_sql.exec("DELETE FROM transfers WHERE message_id = ?", {messageId});
}

std::optional<QString> TransferRepository::cachedPath(const QByteArray &sha256, qint64 nowMs)
{
    const QVariant path = m_sql.value("SELECT path FROM media_cache WHERE sha256 = ?", {sha256});
    if (path.isNull())
        return std::nullopt;
    m_sql.exec("UPDATE media_cache SET last_used_ms = ? WHERE sha256 = ?", {nowMs, sha256});
    return path.toString();
}

bool TransferRepository::addToCache(const QByteArray &sha256, const QString &path, quint64 size, bool owned,
                                    qint64 nowMs)
{
    return m_sql.exec("INSERT INTO media_cache (sha256, path, size, owned, last_used_ms) VALUES (?, ?, ?, ?, ?) "
                      "ON CONFLICT (sha256) DO UPDATE SET path = excluded.path, size = excluded.size, "
                      "owned = excluded.owned, last_used_ms = excluded.last_used_ms",
                      {sha256, path, qint64(size), owned, nowMs});
}

bool TransferRepository::forget(const QByteArray &sha256)
{
    return m_sql.exec("DELETE FROM media_cache WHERE sha256 = ?", {sha256});
}

quint64 TransferRepository::ownedBytes()
{
    return m_sql.value("SELECT COALESCE(SUM(size), 0) FROM media_cache WHERE owned = 1").toULongLong();
}

QList<TransferRepository::CachedFile> TransferRepository::evict(quint64 limitBytes)
{
    QList<CachedFile> evicted;
    quint64 total = ownedBytes();
    if (total <= limitBytes && limitBytes > 0)
        return evicted;
    const bool done = m_db.inTransaction([&] {
        // A file still being uploaded is the upload's source: it stays.
        QSqlQuery &q = m_sql.get("SELECT sha256, path, size FROM media_cache c WHERE owned = 1 AND NOT EXISTS "
                                 "(SELECT 1 FROM transfers t WHERE t.source = c.path) ORDER BY last_used_ms");
        if (!m_sql.exec(q))
            return false;
        while ((limitBytes == 0 || total > limitBytes) && q.next()) {
            CachedFile f{q.value(0).toByteArray(), q.value(1).toString(), q.value(2).toULongLong()};
            total -= std::min(total, f.size);
            evicted.append(f);
        }
        q.finish();
        for (const CachedFile &f : std::as_const(evicted)) {
            if (!forget(f.sha256))
                return false;
        }
        return true;
    });
    return done ? evicted : QList<CachedFile>();
}

QList<qint64> TransferRepository::messagesWith(const QByteArray &sha256)
{
    QList<qint64> ids;
    QSqlQuery &q = m_sql.get("SELECT id FROM messages WHERE media_sha256 = ?");
    if (!m_sql.exec(q, {sha256}))
        return ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    q.finish();
    return ids;
}

} // namespace parley
