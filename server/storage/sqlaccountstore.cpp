#include "server/storage/sqlaccountstore.h"

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
    c.users = m_sql.value("SELECT COUNT(*) FROM users").toLongLong();
    c.suspendedUsers = m_sql.value("SELECT COUNT(*) FROM users WHERE suspended_at > 0").toLongLong();
    c.devices = m_sql.value("SELECT COUNT(*) FROM sessions WHERE revoked_at IS NULL").toLongLong();
    c.messages = m_sql.value("SELECT COUNT(*) FROM messages").toLongLong();
    c.groups = m_sql.value("SELECT COUNT(*) FROM chat_groups WHERE dismissed_at IS NULL").toLongLong();
    c.files = m_sql.value("SELECT COUNT(*) FROM files").toLongLong();
    c.fileBytes = m_sql.value("SELECT COALESCE(SUM(size), 0) FROM files").toLongLong();
    return c;
}

} // namespace parley::server
