#include "server/storage/sqlgroupstore.h"

#include "parley.pb.h"

namespace parley::server {

namespace {

constexpr int kGroupConversation = 1; // conversations.type

#define PARLEY_GROUP_COLUMNS                                                                                           \
    "id, gid, conversation_id, name, announcement, owner_id, created_at, dismissed_at, avatar, mute_all, "            \
    "join_approval "
#define PARLEY_MEMBER_COLUMNS                                                                                          \
    "c.user_id, u.uid, c.role, c.visible_from, c.left_seq, c.joined_at, c.read_seq, c.muted_until "                   \
    "FROM conversation_members c "                                                                                     \
    "JOIN users u ON u.id = c.user_id "

GroupRecord readGroup(const QSqlQuery &q)
{
    GroupRecord g;
    g.id = q.value(0).toLongLong();
    g.gid = q.value(1).toString();
    g.conversationId = q.value(2).toLongLong();
    g.name = q.value(3).toString();
    g.announcement = q.value(4).toString();
    g.ownerId = q.value(5).toLongLong();
    g.createdAtMs = q.value(6).toLongLong();
    g.dismissedAtMs = q.value(7).toLongLong();
    g.avatar = q.value(8).toString();
    g.muteAll = q.value(9).toBool();
    g.joinApproval = q.value(10).toBool();
    return g;
}

GroupMemberRecord readMember(const QSqlQuery &q)
{
    GroupMemberRecord m;
    m.userId = q.value(0).toLongLong();
    m.uid = q.value(1).toString();
    m.role = GroupMemberRecord::Role(q.value(2).toInt());
    m.visibleFrom = q.value(3).toULongLong();
    m.leftSeq = q.value(4).toULongLong();
    m.joinedAtMs = q.value(5).toLongLong();
    m.readSeq = q.value(6).toULongLong();
    m.mutedUntilMs = q.value(7).toLongLong();
    return m;
}

} // namespace

std::optional<GroupRecord> SqlGroupStore::createGroup(const QString &gid, const QString &name, qint64 ownerId,
                                                      qint64 nowMs)
{
    // A group's conversation row: user_a is the group's row id (unique per group), user_b unused.
    QSqlQuery &group = m_sql.get("INSERT INTO chat_groups (gid, conversation_id, name, owner_id, created_at) "
                                 "VALUES (?, 0, ?, ?, ?)");
    if (!m_sql.exec(group, {gid, SqlStatements::text(name), ownerId, nowMs}))
        return std::nullopt;
    const qint64 groupId = group.lastInsertId().toLongLong();
    QSqlQuery &conversation =
        m_sql.get("INSERT INTO conversations (type, user_a, user_b, last_seq) VALUES (?, ?, 0, 0)");
    if (!m_sql.exec(conversation, {kGroupConversation, groupId}))
        return std::nullopt;
    const qint64 conversationId = conversation.lastInsertId().toLongLong();
    if (!m_sql.exec("UPDATE chat_groups SET conversation_id = ? WHERE id = ?", {conversationId, groupId}))
        return std::nullopt;
    return GroupRecord{groupId, gid, conversationId, name, {}, ownerId, nowMs, 0};
}

std::optional<GroupRecord> SqlGroupStore::groupWhere(const char *sql, const QVariant &value)
{
    QSqlQuery &q = m_sql.get(sql);
    if (!m_sql.exec(q, {value}) || !q.next())
        return std::nullopt;
    const GroupRecord g = readGroup(q);
    q.finish();
    return g;
}

std::optional<GroupRecord> SqlGroupStore::groupByGid(const QString &gid)
{
    return groupWhere("SELECT " PARLEY_GROUP_COLUMNS "FROM chat_groups WHERE gid = ?", gid);
}

std::optional<GroupRecord> SqlGroupStore::groupByConversation(qint64 conversationId)
{
    return groupWhere("SELECT " PARLEY_GROUP_COLUMNS "FROM chat_groups WHERE conversation_id = ?", conversationId);
}

void SqlGroupStore::updateGroup(const GroupRecord &g)
{
    m_sql.exec("UPDATE chat_groups SET name = ?, announcement = ?, owner_id = ?, dismissed_at = ?, avatar = ?, "
               "mute_all = ?, join_approval = ? WHERE id = ?",
               {SqlStatements::text(g.name), SqlStatements::text(g.announcement), g.ownerId,
                g.dismissedAtMs == 0 ? QVariant() : QVariant(g.dismissedAtMs), SqlStatements::text(g.avatar),
                int(g.muteAll), int(g.joinApproval), g.id});
}

std::optional<GroupMemberRecord> SqlGroupStore::member(qint64 conversationId, qint64 userId)
{
    QSqlQuery &q = m_sql.get("SELECT " PARLEY_MEMBER_COLUMNS "WHERE c.conversation_id = ? AND c.user_id = ?");
    if (!m_sql.exec(q, {conversationId, userId}) || !q.next())
        return std::nullopt;
    const GroupMemberRecord m = readMember(q);
    q.finish();
    return m;
}

QList<GroupMemberRecord> SqlGroupStore::currentMembers(qint64 conversationId)
{
    QList<GroupMemberRecord> members;
    QSqlQuery &q = m_sql.get("SELECT " PARLEY_MEMBER_COLUMNS "WHERE c.conversation_id = ? AND c.left_seq IS NULL "
                             "ORDER BY c.role DESC, c.joined_at, c.user_id");
    if (!m_sql.exec(q, {conversationId}))
        return members;
    while (q.next())
        members.append(readMember(q));
    q.finish();
    return members;
}

int SqlGroupStore::memberCount(qint64 conversationId)
{
    return m_sql
        .value("SELECT COUNT(*) FROM conversation_members WHERE conversation_id = ? AND left_seq IS NULL",
               {conversationId})
        .toInt();
}

void SqlGroupStore::putMember(qint64 conversationId, const GroupMemberRecord &m)
{
    m_sql.exec("INSERT INTO conversation_members (conversation_id, user_id, role, visible_from, left_seq, joined_at) "
               "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (conversation_id, user_id) DO UPDATE SET role = excluded.role, "
               "visible_from = excluded.visible_from, left_seq = excluded.left_seq, joined_at = excluded.joined_at",
               {conversationId, m.userId, int(m.role), qint64(m.visibleFrom),
                m.leftSeq == 0 ? QVariant() : QVariant(qint64(m.leftSeq)), m.joinedAtMs});
}

void SqlGroupStore::setMemberMutedUntil(qint64 conversationId, qint64 userId, qint64 untilMs)
{
    m_sql.exec("UPDATE conversation_members SET muted_until = ? WHERE conversation_id = ? AND user_id = ?",
               {untilMs, conversationId, userId});
}

QList<JoinRequestRecord> SqlGroupStore::joinRequests(qint64 conversationId)
{
    QList<JoinRequestRecord> out;
    QSqlQuery &q = m_sql.get("SELECT user_id, inviter_id, created_at FROM group_join_requests "
                             "WHERE conversation_id = ? ORDER BY created_at, user_id");
    if (!m_sql.exec(q, {conversationId}))
        return out;
    while (q.next())
        out.append(JoinRequestRecord{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong()});
    q.finish();
    return out;
}

std::optional<JoinRequestRecord> SqlGroupStore::joinRequest(qint64 conversationId, qint64 userId)
{
    QSqlQuery &q = m_sql.get("SELECT user_id, inviter_id, created_at FROM group_join_requests "
                             "WHERE conversation_id = ? AND user_id = ?");
    if (!m_sql.exec(q, {conversationId, userId}) || !q.next())
        return std::nullopt;
    const JoinRequestRecord r{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong()};
    q.finish();
    return r;
}

void SqlGroupStore::putJoinRequest(qint64 conversationId, const JoinRequestRecord &r)
{
    m_sql.exec("INSERT INTO group_join_requests (conversation_id, user_id, inviter_id, created_at) "
               "VALUES (?, ?, ?, ?) ON CONFLICT (conversation_id, user_id) DO UPDATE SET "
               "inviter_id = excluded.inviter_id, created_at = excluded.created_at",
               {conversationId, r.userId, r.inviterId, r.createdAtMs});
}

void SqlGroupStore::deleteJoinRequest(qint64 conversationId, qint64 userId)
{
    m_sql.exec("DELETE FROM group_join_requests WHERE conversation_id = ? AND user_id = ?", {conversationId, userId});
}

QList<GroupRecord> SqlGroupStore::groupsOf(qint64 userId)
{
    QList<GroupRecord> groups;
    QSqlQuery &q = m_sql.get("SELECT g.id, g.gid, g.conversation_id, g.name, g.announcement, g.owner_id, "
                             "g.created_at, g.dismissed_at, g.avatar, g.mute_all, g.join_approval "
                             "FROM conversation_members c "
                             "JOIN chat_groups g ON g.conversation_id = c.conversation_id "
                             "WHERE c.user_id = ? AND c.left_seq IS NULL ORDER BY g.id");
    if (!m_sql.exec(q, {userId}))
        return groups;
    while (q.next())
        groups.append(readGroup(q));
    q.finish();
    return groups;
}

bool SqlGroupStore::shareGroup(qint64 userA, qint64 userB)
{
    return m_sql
        .value(
            "SELECT 1 FROM conversation_members a JOIN conversation_members b ON b.conversation_id = a.conversation_id "
            "JOIN conversations c ON c.id = a.conversation_id "
            "WHERE a.user_id = ? AND b.user_id = ? AND c.type = ? AND a.left_seq IS NULL AND b.left_seq IS NULL "
            "LIMIT 1",
            {userA, userB, int(v1::CONVERSATION_GROUP)})
        .isValid();
}

QList<qint64> SqlGroupStore::sendersBetween(qint64 conversationId, quint64 afterSeq, quint64 upToSeq, qint64 except,
                                            int limit)
{
    QList<qint64> senders;
    QSqlQuery &q =
        m_sql.get("SELECT DISTINCT sender_id FROM messages WHERE conversation_id = ? "
                  "AND conversation_seq > ? AND conversation_seq <= ? AND sender_id != ? AND sender_id IN "
                  "(SELECT user_id FROM conversation_members WHERE conversation_id = ? AND left_seq IS NULL) "
                  "LIMIT ?");
    if (!m_sql.exec(q, {conversationId, qint64(afterSeq), qint64(upToSeq), except, conversationId, limit}))
        return senders;
    while (q.next())
        senders.append(q.value(0).toLongLong());
    q.finish();
    return senders;
}

} // namespace parley::server
