#include "core/models/groupmembermodel.h"

#include "core/client.h"

namespace parley {

GroupMemberModel::GroupMemberModel(Client *client, QObject *parent)
    : KeyedListModel<GroupMember>(parent), m_client(client)
{
    if (client)
        connect(&client->groups(), &GroupsApi::membersReset, this, &GroupMemberModel::setMembers);
}

void GroupMemberModel::setGroupId(const QString &groupId)
{
    if (groupId == m_groupId)
        return;
    m_groupId = groupId;
    update({});
    if (m_client && !groupId.isEmpty())
        m_client->groups().fetchMembers(groupId).then(this, [this, groupId](const Result<QList<GroupMember>> &members) {
            if (members)
                setMembers(groupId, members.value());
            else
                Q_EMIT fetchFailed(members.error());
        });
}

void GroupMemberModel::setMembers(const QString &groupId, const QList<GroupMember> &members)
{
    if (groupId != m_groupId)
        return;
    QList<GroupMember> sorted = members;
    std::stable_sort(sorted.begin(), sorted.end(), [this](const GroupMember &a, const GroupMember &b) {
        if (a.role != b.role)
            return a.role > b.role;
        return m_collation.lessThan(a.profile.displayName(), b.profile.displayName());
    });
    update(sorted);
}

QVariant GroupMemberModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const GroupMember &m = rows().at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case DisplayNameRole: return m.profile.displayName();
    case UserIdRole: return m.userId();
    case AvatarRole: return m.profile.avatar;
    case RoleRole: return int(m.role);
    case MutedUntilRole: return m.mutedUntilMs;
    default: return {};
    }
}

QHash<int, QByteArray> GroupMemberModel::roleNames() const
{
    return {{UserIdRole, "userId"}, {DisplayNameRole, "displayName"}, {AvatarRole, "avatar"}, {RoleRole, "role"}};
}

} // namespace parley
