#pragma once

#include "core/models/keyedlistmodel.h"
#include "core/models/namecollation.h"
#include "core/types/groupmember.h"
#include "protocol/error.h"

namespace parley {

class Client;

// The members of one group with their roles: the owner, then admins, then everyone by name. Shows the
// name I know a member by (my remark for a friend), else the nickname. Fed by GroupsApi for its group: the
// answer of fetchMembers (setGroupId asks), then membersReset.
class GroupMemberModel : public KeyedListModel<GroupMember> {
    Q_OBJECT

public:
    enum Role {
        UserIdRole = Qt::UserRole + 1,
        DisplayNameRole,
        AvatarRole,
        RoleRole,       // GroupRole as int
        MutedUntilRole, // ms since the epoch (0: may write)
    };

    explicit GroupMemberModel(Client *client, QObject *parent = nullptr);

    QString groupId() const { return m_groupId; }
    void setGroupId(const QString &groupId);
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    void setMembers(const QString &groupId, const QList<GroupMember> &members);

Q_SIGNALS:
    // setGroupId's request for the members failed (the list shows what the cache had, or nothing).
    void fetchFailed(const parley::Error &error);

protected:
    QString keyOf(const GroupMember &m) const override { return m.userId(); }

private:
    Client *m_client = nullptr;
    QString m_groupId;
    NameCollation m_collation;
};

} // namespace parley
