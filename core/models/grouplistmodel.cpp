#include "core/models/grouplistmodel.h"

#include "core/client.h"

namespace parley {

GroupListModel::GroupListModel(Client *client, QObject *parent) : KeyedListModel<GroupInfo>(parent)
{
    if (client) {
        setGroups(client->groups().groups());
        connect(&client->groups(), &GroupsApi::groupsReset, this, &GroupListModel::setGroups);
        connect(&client->groups(), &GroupsApi::groupChanged, this, &GroupListModel::applyGroup);
    }
}

void GroupListModel::setGroups(const QList<GroupInfo> &groups)
{
    QList<GroupInfo> mine;
    for (const GroupInfo &g : groups)
        if (g.member && !g.dismissed)
            mine.append(g);
    std::stable_sort(mine.begin(), mine.end(),
                     [this](const GroupInfo &a, const GroupInfo &b) { return m_collation.lessThan(a.name, b.name); });
    update(mine);
}

void GroupListModel::applyGroup(const GroupInfo &group)
{
    QList<GroupInfo> groups = rows();
    groups.removeIf([&](const GroupInfo &g) { return g.groupId == group.groupId; });
    groups.append(group);
    setGroups(groups);
}

QVariant GroupListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const GroupInfo &g = rows().at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole: return g.name;
    case GroupIdRole: return g.groupId;
    case MemberCountRole: return g.memberCount;
    case MyRoleRole: return int(g.myRole);
    case AnnouncementRole: return g.announcement;
    default: return {};
    }
}

QHash<int, QByteArray> GroupListModel::roleNames() const
{
    return {{GroupIdRole, "groupId"},
            {NameRole, "name"},
            {MemberCountRole, "memberCount"},
            {MyRoleRole, "myRole"},
            {AnnouncementRole, "announcement"}};
}

} // namespace parley
