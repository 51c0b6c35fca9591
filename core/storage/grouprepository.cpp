#include "core/storage/grouprepository.h"

#include "core/logging.h"
#include "core/storage/localdatabase.h"
#include "core/storage/peoplerepository.h"

namespace parley {

using namespace Qt::StringLiterals;

namespace {

#define PARLEY_GROUP_COLUMNS                                                                                           \
    "group_id, name, announcement, owner_id, member_count, created_at, my_role, is_member, dismissed, avatar, "        \
    "mute_all, my_muted_until, join_approval, pending_joins FROM chat_groups "

} // namespace

GroupRepository::GroupRepository(LocalDatabase &db, QString selfUserId)
    : m_db(db), m_self(std::move(selfUserId)), m_sql(lcDb)
{
    m_sql.setDatabase(m_db.db());
}

GroupInfo GroupRepository::fromWire(const v1::GroupInfo &g)
{
    GroupInfo info;
    info.groupId = QString::fromStdString(g.group_id());
    info.name = QString::fromStdString(g.name());
    info.announcement = QString::fromStdString(g.announcement());
    info.ownerId = QString::fromStdString(g.owner());
    info.memberCount = int(g.member_count());
    info.createdAtMs = g.created_at();
    info.myRole = GroupRole(int(g.my_role()));
    info.member = g.member();
    info.dismissed = g.dismissed();
    info.avatar = QString::fromStdString(g.avatar());
    info.muteAll = g.mute_all();
    info.myMutedUntilMs = g.my_muted_until();
    info.joinApproval = g.join_approval();
    info.pendingJoins = int(g.pending_joins());
    return info;
}

GroupMember GroupRepository::fromWire(const v1::GroupMember &m)
{
    return GroupMember{PeopleRepository::fromWire(m.profile()), GroupRole(int(m.role())), m.joined_at(), m.read_seq(),
                       m.muted_until()};
}

bool GroupRepository::putGroup(const GroupInfo &g)
{
    return m_sql.exec("INSERT INTO chat_groups (group_id, name, announcement, owner_id, member_count, created_at, "
                      "my_role, is_member, dismissed, avatar, mute_all, my_muted_until, join_approval, pending_joins) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT "
                      "(group_id) DO UPDATE SET name = excluded.name, announcement = excluded.announcement, owner_id = "
                      "excluded.owner_id, member_count = excluded.member_count, created_at = excluded.created_at, "
                      "my_role = excluded.my_role, is_member = excluded.is_member, dismissed = excluded.dismissed, "
                      "avatar = excluded.avatar, mute_all = excluded.mute_all, my_muted_until = "
                      "excluded.my_muted_until, join_approval = excluded.join_approval, pending_joins = "
                      "excluded.pending_joins",
                      {g.groupId, SqlStatements::text(g.name), SqlStatements::text(g.announcement),
                       SqlStatements::text(g.ownerId), g.memberCount, g.createdAtMs, int(g.myRole), g.member,
                       g.dismissed, SqlStatements::text(g.avatar), g.muteAll, g.myMutedUntilMs, g.joinApproval,
                       g.pendingJoins});
}

bool GroupRepository::replaceGroups(const QList<GroupInfo> &groups)
{
    return m_db.replaceAll(m_sql, "UPDATE chat_groups SET is_member = 0", groups,
                           [this](const GroupInfo &g) { return putGroup(g); });
}

bool GroupRepository::replaceMembers(const QString &groupId, const QList<GroupMember> &members)
{
    m_sql.clearFailure();
    return m_db.inTransaction([&] {
        if (!m_sql.exec("DELETE FROM group_members WHERE group_id = ?", {groupId}))
            return false;
        for (const GroupMember &m : members) {
            if (!m_sql.exec("INSERT INTO group_members (group_id, user_id, role, joined_at, read_seq, muted_until) "
                            "VALUES (?, ?, ?, ?, ?, ?)",
                            {groupId, m.userId(), int(m.role), m.joinedAtMs, qint64(m.readSeq), m.mutedUntilMs}))
                return false;
        }
        return m_sql.exec("UPDATE chat_groups SET member_count = ? WHERE group_id = ?", {int(members.size()), groupId});
    });
}

bool GroupRepository::setMemberRead(const QString &groupId, const QString &userId, quint64 readSeq)
{
    return m_sql.exec("INSERT INTO group_members (group_id, user_id, read_seq) VALUES (?, ?, ?) "
                      "ON CONFLICT (group_id, user_id) DO UPDATE SET read_seq = MAX(read_seq, excluded.read_seq)",
                      {groupId, userId, qint64(readSeq)});
}

QList<GroupInfo> GroupRepository::groupsWhere(const char *sql, std::initializer_list<QVariant> values)
{
    QList<GroupInfo> list;
    QSqlQuery &q = m_sql.get(sql);
    if (!m_sql.exec(q, values))
        return list;
    while (q.next()) {
        GroupInfo g;
        g.groupId = q.value(0).toString();
        g.name = q.value(1).toString();
        g.announcement = q.value(2).toString();
        g.ownerId = q.value(3).toString();
        g.memberCount = q.value(4).toInt();
        g.createdAtMs = q.value(5).toLongLong();
        g.myRole = GroupRole(q.value(6).toInt());
        g.member = q.value(7).toBool();
        g.dismissed = q.value(8).toBool();
        g.avatar = q.value(9).toString();
        g.muteAll = q.value(10).toBool();
        g.myMutedUntilMs = q.value(11).toLongLong();
        g.joinApproval = q.value(12).toBool();
        g.pendingJoins = q.value(13).toInt();
        list.append(g);
    }
    q.finish();
    return list;
}

std::optional<GroupInfo> GroupRepository::group(const QString &groupId)
{
    const QList<GroupInfo> found = groupsWhere("SELECT " PARLEY_GROUP_COLUMNS "WHERE group_id = ?", {groupId});
    return found.isEmpty() ? std::nullopt : std::optional(found.first());
}

QList<GroupInfo> GroupRepository::groups()
{
    return groupsWhere("SELECT " PARLEY_GROUP_COLUMNS "WHERE is_member = 1 ORDER BY name, group_id", {});
}

QList<GroupMember> GroupRepository::members(const QString &groupId)
{
    QList<GroupMember> list;
    QSqlQuery &q =
        m_sql.get("SELECT m.user_id, p.nickname, p.avatar, p.signature, p.deleted, m.role, m.joined_at, "
                  "m.read_seq, m.muted_until FROM group_members m LEFT JOIN profiles p "
                  "ON p.user_id = m.user_id WHERE m.group_id = ? ORDER BY m.role DESC, m.joined_at, m.user_id");
    if (!m_sql.exec(q, {groupId}))
        return list;
    while (q.next())
        list.append(GroupMember{PeopleRepository::readProfile(q), GroupRole(q.value(5).toInt()),
                                q.value(6).toLongLong(), q.value(7).toULongLong(), q.value(8).toLongLong()});
    q.finish();
    return list;
}

QList<quint64> GroupRepository::readHorizons(const QString &groupId)
{
    QList<quint64> horizons;
    QSqlQuery &q =
        m_sql.get("SELECT read_seq FROM group_members WHERE group_id = ? AND user_id != ? ORDER BY read_seq");
    if (!m_sql.exec(q, {groupId, m_self}))
        return horizons;
    while (q.next())
        horizons.append(q.value(0).toULongLong());
    q.finish();
    return horizons;
}

} // namespace parley
