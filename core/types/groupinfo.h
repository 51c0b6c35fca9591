#pragma once

#include <QMetaType>
#include <QString>

namespace parley {

enum class GroupRole { Member = 0, Admin = 1, Owner = 2 };

// A group as I see it.
struct GroupInfo {
    QString groupId;
    QString name;
    QString announcement;
    QString ownerId;
    int memberCount = 0;
    qint64 createdAtMs = 0;
    GroupRole myRole = GroupRole::Member;
    bool member = false; // I am in it now
    bool dismissed = false;
    QString avatar; // the file id of the group's picture; empty: initials

    bool canManage() const { return member && myRole != GroupRole::Member; }
    friend bool operator==(const GroupInfo &, const GroupInfo &) = default;
};

} // namespace parley

Q_DECLARE_METATYPE(parley::GroupInfo)
