#pragma once

#include "common/sqlstatements.h"
#include "core/types/groupinfo.h"
#include "core/types/groupmember.h"
#include "parley.pb.h"

#include <QList>

#include <optional>

namespace parley {

class LocalDatabase;

// My groups and their members in the local cache, with each member's read horizon (for the read counts of
// my messages). Engine thread; writes inside the caller's transaction or, for whole lists, their own.
class GroupRepository {
public:
    GroupRepository(LocalDatabase &db, QString selfUserId);

    bool putGroup(const GroupInfo &group);
    // GL: the groups I am in now; cached groups it does not list are ones I am no longer in.
    bool replaceGroups(const QList<GroupInfo> &groups);
    // GPGM: the members now (with their profiles, written by the caller).
    bool replaceMembers(const QString &groupId, const QList<GroupMember> &members);
    // A member's read horizon moved (a group receipt); never backwards.
    bool setMemberRead(const QString &groupId, const QString &userId, quint64 readSeq);

    std::optional<GroupInfo> group(const QString &groupId);
    QList<GroupInfo> groups(); // I am a member, by name
    QList<GroupMember> members(const QString &groupId);
    // The read horizons of the members other than me, ascending.
    QList<quint64> readHorizons(const QString &groupId);

    static GroupInfo fromWire(const v1::GroupInfo &group);
    static GroupMember fromWire(const v1::GroupMember &member);

private:
    QList<GroupInfo> groupsWhere(const char *sql, std::initializer_list<QVariant> values);

    LocalDatabase &m_db;
    QString m_self;
    SqlStatements m_sql;
};

} // namespace parley
