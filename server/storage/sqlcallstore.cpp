#include "server/storage/sqlcallstore.h"

#include <QSqlQuery>

namespace parley::server {

namespace {

#define PARLEY_CALL_COLUMNS                                                                                            \
    "id, caller_id, caller_uid, caller_device, callee_id, callee_uid, callee_device, media, created_at, "              \
    "answered_at, caller_alive_at, callee_alive_at, deadline "

CallRow callFrom(const QSqlQuery &q)
{
    CallRow c;
    c.id = q.value(0).toString();
    c.callerId = q.value(1).toLongLong();
    c.callerUid = q.value(2).toString();
    c.callerDevice = q.value(3).toString();
    c.calleeId = q.value(4).toLongLong();
    c.calleeUid = q.value(5).toString();
    c.calleeDevice = q.value(6).toString();
    c.media = q.value(7).toInt();
    c.createdMs = q.value(8).toLongLong();
    c.answeredMs = q.value(9).toLongLong();
    c.callerAliveMs = q.value(10).toLongLong();
    c.calleeAliveMs = q.value(11).toLongLong();
    c.deadlineMs = q.value(12).toLongLong();
    return c;
}

} // namespace

bool SqlCallStore::insertCall(const CallRow &c)
{
    QSqlQuery &q =
        m_sql.get("INSERT INTO calls (" PARLEY_CALL_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    return m_sql.exec(q, {c.id, c.callerId, c.callerUid, c.callerDevice, c.calleeId, c.calleeUid,
                          SqlStatements::text(c.calleeDevice), c.media, c.createdMs, c.answeredMs, c.callerAliveMs,
                          c.calleeAliveMs, c.deadlineMs});
}

std::optional<CallRow> SqlCallStore::call(const QString &id)
{
    QSqlQuery &q = m_sql.get("SELECT " PARLEY_CALL_COLUMNS "FROM calls WHERE id = ?");
    if (!m_sql.exec(q, {id}) || !q.next())
        return std::nullopt;
    CallRow c = callFrom(q);
    q.finish();
    return c;
}

std::optional<CallRow> SqlCallStore::callOf(qint64 userId)
{
    QSqlQuery &q =
        m_sql.get("SELECT " PARLEY_CALL_COLUMNS "FROM calls WHERE caller_id = ? UNION ALL SELECT " PARLEY_CALL_COLUMNS
                  "FROM calls WHERE callee_id = ? LIMIT 1");
    if (!m_sql.exec(q, {userId, userId}) || !q.next())
        return std::nullopt;
    CallRow c = callFrom(q);
    q.finish();
    return c;
}

bool SqlCallStore::answerCall(const QString &id, const QString &calleeDevice, int media, qint64 nowMs,
                              qint64 deadlineMs)
{
    QSqlQuery &q = m_sql.get("UPDATE calls SET callee_device = ?, media = ?, answered_at = ?, caller_alive_at = ?, "
                             "callee_alive_at = ?, deadline = ? WHERE id = ? AND answered_at = 0");
    return m_sql.exec(q, {calleeDevice, media, nowMs, nowMs, nowMs, deadlineMs, id}) && q.numRowsAffected() == 1;
}

void SqlCallStore::keepCallAlive(const QString &id, bool callerSide, qint64 nowMs, qint64 silenceMs)
{
    // (CASE, not MIN or LEAST: SQLite and PostgreSQL spell those differently.)
    if (callerSide)
        m_sql.exec(m_sql.get("UPDATE calls SET caller_alive_at = ?, deadline = ? + CASE WHEN ? < callee_alive_at "
                             "THEN ? ELSE callee_alive_at END WHERE id = ? AND answered_at <> 0"),
                   {nowMs, silenceMs, nowMs, nowMs, id});
    else
        m_sql.exec(m_sql.get("UPDATE calls SET callee_alive_at = ?, deadline = ? + CASE WHEN ? < caller_alive_at "
                             "THEN ? ELSE caller_alive_at END WHERE id = ? AND answered_at <> 0"),
                   {nowMs, silenceMs, nowMs, nowMs, id});
}

bool SqlCallStore::removeCall(const QString &id)
{
    QSqlQuery &q = m_sql.get("DELETE FROM calls WHERE id = ?");
    return m_sql.exec(q, {id}) && q.numRowsAffected() == 1;
}

QList<CallRow> SqlCallStore::callsDueBy(qint64 nowMs, int limit)
{
    QList<CallRow> due;
    QSqlQuery &q = m_sql.get("SELECT " PARLEY_CALL_COLUMNS "FROM calls WHERE deadline <= ? ORDER BY deadline LIMIT ?");
    if (!m_sql.exec(q, {nowMs, limit}))
        return due;
    while (q.next())
        due.append(callFrom(q));
    q.finish();
    return due;
}

} // namespace parley::server
