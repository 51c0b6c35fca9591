#pragma once

#include "core/models/keyedlistmodel.h"
#include "core/models/namecollation.h"
#include "core/types/groupinfo.h"

namespace parley {

class Client;

// The groups I am in, by name. Fed by GroupsApi: its current groups, then groupsReset and groupChanged.
class GroupListModel : public KeyedListModel<GroupInfo> {
    Q_OBJECT

public:
    enum Role {
        GroupIdRole = Qt::UserRole + 1,
        NameRole,
        MemberCountRole,
        MyRoleRole, // GroupRole as int
        AnnouncementRole,
    };

    explicit GroupListModel(Client *client, QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    void setGroups(const QList<GroupInfo> &groups);
    // One group changed: updated, added, or (no longer a member) removed.
    void applyGroup(const GroupInfo &group);

protected:
    QString keyOf(const GroupInfo &g) const override { return g.groupId; }

private:
    NameCollation m_collation;
};

} // namespace parley
