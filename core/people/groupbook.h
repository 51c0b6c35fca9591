#pragma once

#include "core/types/changeset.h"
#include "core/types/groupinfo.h"
#include "core/types/groupmember.h"
#include "core/types/peopleaction.h"
#include "parley.pb.h"
#include "protocol/error.h"
#include "protocol/result.h"
#include "protocol/signaltypes.h"

#include <QList>
#include <QObject>
#include <QSet>

namespace parley {

class Connection;
class GroupRepository;
class PeopleRepository;

// My groups and their members. The group list is fetched on every connect; a group's notice message
// (someone joined, left, was removed, the name or roles changed) makes it fetch that group's info and
// members again, so the cache follows the server's truth rather than replaying notices. Other members'
// read horizons arrive as inbox items and become read counts. Engine thread.
class GroupBook : public QObject {
    Q_OBJECT

public:
    GroupBook(GroupRepository &groups, PeopleRepository &people, Connection &connection, QObject *parent = nullptr);

    // After a sync batch was stored: fetches groups with new notices, announces read horizons.
    void onSynced(const ChangeSet &changes);
    void onOnline();
    void publishCached();
    // The group's name as the conversation list shows it (the id while unknown).
    QString title(const QString &groupId);

    void create(const QString &name, const QStringList &members);
    void fetchMembers(const QString &groupId);
    void addMembers(const QString &groupId, const QStringList &userIds);
    void removeMembers(const QString &groupId, const QStringList &userIds);
    void quit(const QString &groupId);
    void rename(const QString &groupId, const QString &name);
    void setAnnouncement(const QString &groupId, const QString &announcement);
    void setRole(const QString &groupId, const QString &userId, GroupRole role);
    void dismiss(const QString &groupId);

Q_SIGNALS:
    void groupsReset(const QList<parley::GroupInfo> &groups);
    void groupChanged(const parley::GroupInfo &group);
    void groupCreated(const parley::GroupInfo &group);
    void membersReset(const QString &groupId, const QList<parley::GroupMember> &members);
    // The read horizons of the other members (ascending): my message N is read by those >= N.
    void readHorizonsChanged(const QString &groupId, const QList<quint64> &horizons);
    void actionFailed(parley::PeopleAction action, const parley::Error &error);
    void storageFailed(const parley::Error &error);

private:
    // Sends a group request whose reply is the group's info, and stores and publishes it.
    void requestGroup(PeopleAction action, SubSignal subSignal, const google::protobuf::MessageLite &request);
    void storeGroup(const GroupInfo &group);
    // Fetches the group's info and members again.
    void refresh(const QString &groupId);

    GroupRepository &m_groups;
    PeopleRepository &m_people;
    Connection &m_connection;
    QSet<QString> m_refreshing;
};

} // namespace parley
