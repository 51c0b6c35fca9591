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
    bool muteAll = false;      // only the owner and admins may write
    qint64 myMutedUntilMs = 0; // I may not write until then
    bool joinApproval = false; // members' invitations of people no admin knows wait for approval
    int pendingJoins = 0;      // to the owner and admins: requests to join waiting for them

    bool canManage() const { return member && myRole != GroupRole::Member; }
    // I may write in it at `nowMs`: the owner always; an admin unless the owner muted him; a member unless
    // everyone or he is muted.
    bool canWrite(qint64 nowMs) const
    {
        if (!member || myRole == GroupRole::Owner)
            return true;
        return (myRole == GroupRole::Admin || !muteAll) && myMutedUntilMs <= nowMs;
    }
    friend bool operator==(const GroupInfo &, const GroupInfo &) = default;
};

} // namespace parley

Q_DECLARE_METATYPE(parley::GroupInfo)
