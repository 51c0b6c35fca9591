#include "server/storage/sqlaccountstore.h"

#include "parley.pb.h"

namespace parley::server {

qint64 SqlAccountStore::suspendedSince(qint64 userId)
{
    return m_sql.value("SELECT suspended_at FROM users WHERE id = ?", {userId}).toLongLong();
}

void SqlAccountStore::setSuspendedSince(qint64 userId, qint64 sinceMs)
{
    m_sql.exec("UPDATE users SET suspended_at = ? WHERE id = ?", {sinceMs, userId});
}

StoreCounts SqlAccountStore::counts()
{
    StoreCounts c;
    c.users = m_sql.value("SELECT COUNT(*) FROM users WHERE deleted_at = 0").toLongLong();
    c.deletedUsers = m_sql.value("SELECT COUNT(*) FROM users WHERE deleted_at > 0").toLongLong();
    c.suspendedUsers = m_sql.value("SELECT COUNT(*) FROM users WHERE suspended_at > 0 AND deleted_at = 0").toLongLong();
    c.devices = m_sql.value("SELECT COUNT(*) FROM sessions WHERE revoked_at IS NULL").toLongLong();
    c.messages = m_sql.value("SELECT COUNT(*) FROM messages").toLongLong();
    c.groups = m_sql.value("SELECT COUNT(*) FROM chat_groups WHERE dismissed_at IS NULL").toLongLong();
    c.files = m_sql.value("SELECT COUNT(*) FROM files").toLongLong();
    c.fileBytes = m_sql.value("SELECT COALESCE(SUM(size), 0) FROM files").toLongLong();
    return c;
}

bool SqlAccountStore::isDeleted(qint64 userId)
{
    return m_sql.value("SELECT deleted_at FROM users WHERE id = ?", {userId}).toLongLong() > 0;
}

QList<qint64> SqlAccountStore::acquaintances(qint64 userId)
{
    QList<qint64> ids;
    QSqlQuery &q = m_sql.get("SELECT a.id FROM users a WHERE a.deleted_at = 0 AND a.id IN ("
                             "SELECT other_id FROM contacts WHERE user_id = ? "
                             "UNION SELECT user_id FROM contacts WHERE other_id = ? "
                             "UNION SELECT to_id FROM friend_requests WHERE from_id = ? "
                             "UNION SELECT from_id FROM friend_requests WHERE to_id = ? "
                             "UNION SELECT CASE WHEN user_a = ? THEN user_b ELSE user_a END FROM conversations "
                             "WHERE type = ? AND (user_a = ? OR user_b = ?) "
                             "UNION SELECT o.user_id FROM conversation_members m "
                             "JOIN chat_groups g ON g.conversation_id = m.conversation_id "
                             "JOIN conversation_members o ON o.conversation_id = m.conversation_id "
                             "WHERE m.user_id = ? AND m.left_seq IS NULL AND o.left_seq IS NULL)");
    const int privateType = v1::CONVERSATION_PRIVATE;
    if (!m_sql.exec(q, {userId, userId, userId, userId, userId, privateType, userId, userId, userId}))
        return ids;
    while (q.next()) {
        if (const qint64 id = q.value(0).toLongLong(); id != userId)
            ids.append(id);
    }
    q.finish();
    return ids;
}

void SqlAccountStore::eraseAccount(const UserRecord &user, qint64 nowMs)
{
    const qint64 id = user.id;
    m_sql.exec("UPDATE users SET phone = ?, nickname = '', avatar = '', signature = '', findable_by_phone = 0, "
               "presence_audience = ?, last_seen_at = 0, deleted_at = ? WHERE id = ?",
               {QString(QStringLiteral("deleted:") + user.uid), int(v1::AUDIENCE_NOBODY), nowMs, id});
    m_sql.exec("DELETE FROM contacts WHERE user_id = ? OR other_id = ?", {id, id});
    m_sql.exec("DELETE FROM friend_requests WHERE from_id = ? OR to_id = ?", {id, id});
    m_sql.exec("DELETE FROM conversation_settings WHERE user_id = ?", {id});
    m_sql.exec("DELETE FROM inbox WHERE user_id = ?", {id});
    m_sql.exec("DELETE FROM group_join_requests WHERE user_id = ?", {id}); // those it invited still wait
    m_sql.exec("DELETE FROM verification_codes WHERE phone = ?", {user.phone});
    m_forgetCaches();
}

} // namespace parley::server
