#include "server/storage/sqlsocialstore.h"

namespace parley::server {

namespace {

constexpr char kProfileColumns[] =
    "id, uid, nickname, avatar, signature, findable_by_phone, presence_audience, last_seen_at, deleted_at";
constexpr char kRequestColumns[] =
    "id, from_id, to_id, greeting, status, created_at, updated_at, expires_at, notified_at";

ProfileRecord readProfile(const QSqlQuery &q)
{
    return ProfileRecord{q.value(0).toLongLong(), q.value(1).toString(),   q.value(2).toString(),
                         q.value(3).toString(),   q.value(4).toString(),   q.value(5).toBool(),
                         q.value(6).toInt(),      q.value(7).toLongLong(), q.value(8).toLongLong() > 0};
}

FriendRequestRecord readRequest(const QSqlQuery &q)
{
    FriendRequestRecord r;
    r.id = q.value(0).toLongLong();
    r.fromId = q.value(1).toLongLong();
    r.toId = q.value(2).toLongLong();
    r.greeting = q.value(3).toString();
    r.status = FriendRequestRecord::Status(q.value(4).toInt());
    r.createdAtMs = q.value(5).toLongLong();
    r.updatedAtMs = q.value(6).toLongLong();
    r.expiresAtMs = q.value(7).toLongLong();
    r.notifiedAtMs = q.value(8).toLongLong();
    return r;
}

// From a QSqlQuery on its row, or a row's QVariantList.
template <typename Row>
ContactRecord readContact(const Row &q)
{
    return ContactRecord{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toBool(),
                         q.value(3).toString(),   q.value(4).toLongLong(), q.value(5).toBool()};
}

} // namespace

std::optional<ProfileRecord> SqlSocialStore::profile(qint64 userId)
{
    static const QByteArray sql = QByteArray("SELECT ") + kProfileColumns + " FROM users WHERE id = ?";
    QSqlQuery &q = m_sql.get(sql.constData());
    if (!m_sql.exec(q, {userId}) || !q.next())
        return std::nullopt;
    const ProfileRecord p = readProfile(q);
    q.finish();
    return p;
}

QList<ProfileRecord> SqlSocialStore::profilesByUid(const QStringList &uids)
{
    static const QByteArray sql = QByteArray("SELECT ") + kProfileColumns + " FROM users WHERE uid = ?";
    QList<ProfileRecord> profiles;
    QSqlQuery &q = m_sql.get(sql.constData());
    for (const QString &uid : uids) {
        if (m_sql.exec(q, {uid}) && q.next())
            profiles.append(readProfile(q));
        q.finish();
    }
    return profiles;
}

void SqlSocialStore::updateProfile(const ProfileRecord &p)
{
    m_sql.exec("UPDATE users SET nickname = ?, avatar = ?, signature = ?, findable_by_phone = ?, "
               "presence_audience = ? WHERE id = ?",
               {SqlStatements::text(p.nickname), SqlStatements::text(p.avatar), SqlStatements::text(p.signature),
                p.findableByPhone, p.presenceAudience, p.id});
}

void SqlSocialStore::setLastSeen(qint64 userId, qint64 nowMs)
{
    m_sql.exec("UPDATE users SET last_seen_at = ? WHERE id = ? AND deleted_at = 0", {nowMs, userId});
}

ContactRecord SqlSocialStore::contact(qint64 userId, qint64 otherId)
{
    const QVariantList row = m_sql.row("SELECT user_id, other_id, is_friend, remark, friends_since, blocked "
                                       "FROM contacts WHERE user_id = ? AND other_id = ?",
                                       {userId, otherId});
    if (row.isEmpty())
        return ContactRecord{userId, otherId, false, {}, 0, false};
    return readContact(row);
}

bool SqlSocialStore::isBlocked(qint64 blocker, qint64 blocked)
{
    if (m_shared)
        return m_sql
            .value("SELECT 1 FROM contacts WHERE user_id = ? AND other_id = ? AND blocked = 1", {blocker, blocked})
            .isValid();
    if (!m_blocks) {
        QSet<std::pair<qint64, qint64>> blocks;
        QSqlQuery &q = m_sql.get("SELECT user_id, other_id FROM contacts WHERE blocked = 1");
        if (!m_sql.exec(q))
            return false;
        while (q.next())
            blocks.insert({q.value(0).toLongLong(), q.value(1).toLongLong()});
        q.finish();
        m_blocks = std::move(blocks);
    }
    return m_blocks->contains({blocker, blocked});
}

void SqlSocialStore::putContact(const ContactRecord &c)
{
    if (m_blocks) {
        if (c.blocked)
            m_blocks->insert({c.userId, c.otherId});
        else
            m_blocks->remove({c.userId, c.otherId});
    }
    if (!c.isFriend && !c.blocked) {
        m_sql.exec("DELETE FROM contacts WHERE user_id = ? AND other_id = ?", {c.userId, c.otherId});
        return;
    }
    m_sql.exec("INSERT INTO contacts (user_id, other_id, is_friend, remark, friends_since, blocked) "
               "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, other_id) DO UPDATE SET "
               "is_friend = excluded.is_friend, remark = excluded.remark, friends_since = excluded.friends_since, "
               "blocked = excluded.blocked",
               {c.userId, c.otherId, c.isFriend, SqlStatements::text(c.remark), c.friendsSinceMs, c.blocked});
}

QList<ContactRecord> SqlSocialStore::contacts(qint64 userId)
{
    QList<ContactRecord> contacts;
    QSqlQuery &q = m_sql.get(
        "SELECT user_id, other_id, is_friend, remark, friends_since, blocked FROM contacts WHERE user_id = ?");
    if (!m_sql.exec(q, {userId}))
        return contacts;
    while (q.next())
        contacts.append(readContact(q));
    q.finish();
    return contacts;
}

QList<qint64> SqlSocialStore::friendIds(qint64 userId)
{
    QList<qint64> ids;
    QSqlQuery &q = m_sql.get("SELECT other_id FROM contacts WHERE user_id = ? AND is_friend = 1");
    if (!m_sql.exec(q, {userId}))
        return ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    q.finish();
    return ids;
}

std::optional<FriendRequestRecord> SqlSocialStore::friendRequest(qint64 id)
{
    static const QByteArray sql = QByteArray("SELECT ") + kRequestColumns + " FROM friend_requests WHERE id = ?";
    QSqlQuery &q = m_sql.get(sql.constData());
    if (!m_sql.exec(q, {id}) || !q.next())
        return std::nullopt;
    const FriendRequestRecord r = readRequest(q);
    q.finish();
    return r;
}

std::optional<FriendRequestRecord> SqlSocialStore::pendingRequest(qint64 fromId, qint64 toId)
{
    static const QByteArray sql = QByteArray("SELECT ") + kRequestColumns +
                                  " FROM friend_requests WHERE from_id = ? AND to_id = ? AND status = ? "
                                  "ORDER BY id DESC LIMIT 1";
    QSqlQuery &q = m_sql.get(sql.constData());
    if (!m_sql.exec(q, {fromId, toId, int(FriendRequestRecord::Pending)}) || !q.next())
        return std::nullopt;
    const FriendRequestRecord r = readRequest(q);
    q.finish();
    return r;
}

std::optional<qint64> SqlSocialStore::insertFriendRequest(const FriendRequestRecord &r)
{
    QSqlQuery &q = m_sql.get("INSERT INTO friend_requests (from_id, to_id, greeting, status, created_at, updated_at, "
                             "expires_at, notified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!m_sql.exec(q, {r.fromId, r.toId, SqlStatements::text(r.greeting), int(r.status), r.createdAtMs, r.updatedAtMs,
                        r.expiresAtMs, r.notifiedAtMs}))
        return std::nullopt;
    return q.lastInsertId().toLongLong();
}

void SqlSocialStore::updateFriendRequest(const FriendRequestRecord &r)
{
    m_sql.exec("UPDATE friend_requests SET greeting = ?, status = ?, updated_at = ?, expires_at = ?, notified_at = ? "
               "WHERE id = ?",
               {SqlStatements::text(r.greeting), int(r.status), r.updatedAtMs, r.expiresAtMs, r.notifiedAtMs, r.id});
}

QList<FriendRequestRecord> SqlSocialStore::friendRequestsOf(qint64 userId, qint64 sinceMs, int limit)
{
    static const QByteArray sql = QByteArray("SELECT ") + kRequestColumns +
                                  " FROM friend_requests WHERE (to_id = ? OR from_id = ?) AND updated_at > ? "
                                  "ORDER BY updated_at DESC, id DESC LIMIT ?";
    QList<FriendRequestRecord> requests;
    QSqlQuery &q = m_sql.get(sql.constData());
    if (!m_sql.exec(q, {userId, userId, sinceMs, limit}))
        return requests;
    while (q.next())
        requests.append(readRequest(q));
    q.finish();
    return requests;
}

} // namespace parley::server
