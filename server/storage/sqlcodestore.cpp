#include "server/storage/sqlcodestore.h"

#include <QSqlQuery>

namespace parley::server {

void SqlCodeStore::putCode(const QString &phone, const CodeRecord &code, qint64 nowMs)
{
    QSqlQuery &q =
        m_sql.get("INSERT INTO verification_codes (phone, code_hash, expires_at, tries, created_at, purpose) "
                  "VALUES (?, ?, ?, ?, ?, ?) "
                  "ON CONFLICT (phone, purpose) DO UPDATE SET code_hash = excluded.code_hash, "
                  "expires_at = excluded.expires_at, tries = excluded.tries, created_at = excluded.created_at");
    m_sql.exec(q, {phone, code.codeHash, code.expiresAtMs, code.tries, nowMs, int(code.purpose)});
}

std::optional<CodeRecord> SqlCodeStore::takeCodeTry(const QString &phone, CodePurpose purpose)
{
    // The row stays locked until the commit (PostgreSQL); a try made meanwhile on another node counts after it.
    QSqlQuery &q = m_sql.get("UPDATE verification_codes SET tries = tries + 1 WHERE phone = ? AND purpose = ? "
                             "RETURNING code_hash, expires_at, tries");
    if (!m_sql.exec(q, {phone, int(purpose)}) || !q.next())
        return std::nullopt;
    CodeRecord c{q.value(0).toByteArray(), q.value(1).toLongLong(), q.value(2).toInt(), purpose};
    q.finish();
    return c;
}

void SqlCodeStore::deleteCode(const QString &phone, CodePurpose purpose)
{
    m_sql.exec(m_sql.get("DELETE FROM verification_codes WHERE phone = ? AND purpose = ?"), {phone, int(purpose)});
}

void SqlCodeStore::recordCodeRequest(const QString &phone, const QString &block, const QString &address, qint64 nowMs)
{
    m_sql.exec(m_sql.get("INSERT INTO code_requests (phone, number_block, address, requested_at) VALUES (?, ?, ?, ?)"),
               {phone, block, address, nowMs});
}

QList<qint64> SqlCodeStore::times(const char *sql, const QString &key, qint64 sinceMs)
{
    QList<qint64> times;
    QSqlQuery &q = m_sql.get(sql);
    if (!m_sql.exec(q, {key, sinceMs}))
        return times;
    while (q.next())
        times.append(q.value(0).toLongLong());
    q.finish();
    return times;
}

QList<qint64> SqlCodeStore::codeRequestTimesForPhone(const QString &phone, qint64 sinceMs)
{
    return times("SELECT requested_at FROM code_requests WHERE phone = ? AND requested_at > ? ORDER BY requested_at",
                 phone, sinceMs);
}

QList<qint64> SqlCodeStore::codeRequestTimesForBlock(const QString &block, qint64 sinceMs)
{
    return times(
        "SELECT requested_at FROM code_requests WHERE number_block = ? AND requested_at > ? ORDER BY requested_at",
        block, sinceMs);
}

QList<qint64> SqlCodeStore::codeRequestTimesForAddress(const QString &address, qint64 sinceMs)
{
    return times("SELECT requested_at FROM code_requests WHERE address = ? AND requested_at > ? ORDER BY requested_at",
                 address, sinceMs);
}

void SqlCodeStore::pruneCodeRequests(qint64 beforeMs)
{
    m_sql.exec(m_sql.get("DELETE FROM code_requests WHERE requested_at < ?"), {beforeMs});
    m_sql.exec(m_sql.get("DELETE FROM verification_codes WHERE expires_at < ?"), {beforeMs});
}

} // namespace parley::server
