#pragma once

#include "core/api/answer.h"
#include "core/types/changeset.h"
#include "core/types/groupinfo.h"
#include "core/types/groupmember.h"
#include "core/types/joinrequest.h"
#include "parley.pb.h"
#include "protocol/error.h"
#include "protocol/result.h"
#include "protocol/signaltypes.h"

#include <QList>
#include <QObject>
#include <QSet>

#include <functional>

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

    // Requests to the server. Each is answered through its promise — management with the group as it is
    // afterwards — and what they change is announced too.
    void create(const QString &name, const QStringList &members, Promise<GroupInfo> answer);
    void fetchMembers(const QString &groupId, Promise<QList<GroupMember>> answer);
    void addMembers(const QString &groupId, const QStringList &userIds, Promise<GroupInfo> answer);
    void removeMembers(const QString &groupId, const QStringList &userIds, Promise<GroupInfo> answer);
    void quit(const QString &groupId, Promise<GroupInfo> answer);
    void rename(const QString &groupId, const QString &name, Promise<GroupInfo> answer);
    void setAnnouncement(const QString &groupId, const QString &announcement, Promise<GroupInfo> answer);
    void setAvatar(const QString &groupId, const QString &fileId, Promise<GroupInfo> answer);
    void setRole(const QString &groupId, const QString &userId, GroupRole role, Promise<GroupInfo> answer);
    void dismiss(const QString &groupId, Promise<GroupInfo> answer);
    // Owners and admins: only they may write (muteAll), invitations wait for approval (joinApproval), a member
    // may not write for `seconds` (0: may again), and the requests to join that wait, decided one by one.
    void setMuteAll(const QString &groupId, bool muted, Promise<GroupInfo> answer);
    void setJoinApproval(const QString &groupId, bool required, Promise<GroupInfo> answer);
    void muteMember(const QString &groupId, const QString &userId, int seconds, Promise<GroupInfo> answer);
    void fetchJoinRequests(const QString &groupId, Promise<QList<JoinRequest>> answer);
    void decideJoin(const QString &groupId, const QString &userId, bool approve, Promise<GroupInfo> answer);

Q_SIGNALS:
    void groupsReset(const QList<parley::GroupInfo> &groups);
    void groupChanged(const parley::GroupInfo &group);
    void membersReset(const QString &groupId, const QList<parley::GroupMember> &members);
    // The read horizons of the other members (ascending): my message N is read by those >= N.
    void readHorizonsChanged(const QString &groupId, const QList<quint64> &horizons);
    void storageFailed(const parley::Error &error);

private:
    // Sends a group request whose reply is the group's info, stores and publishes it, and answers.
    void requestGroup(SubSignal subSignal, const google::protobuf::MessageLite &request, Promise<GroupInfo> answer);
    // GMI with the fields `change` sets.
    void modify(const QString &groupId, const std::function<void(v1::ModifyGroupInfoRequest &)> &change,
                Promise<GroupInfo> answer);
    void storeGroup(const GroupInfo &group);
    // Fetches the group's info and members again.
    void refresh(const QString &groupId);
    // Asks for the members (GPGM), stores and publishes them.
    void requestMembers(const QString &groupId, std::function<void(const Result<QList<GroupMember>> &)> done);

    GroupRepository &m_groups;
    PeopleRepository &m_people;
    Connection &m_connection;
    QSet<QString> m_refreshing;
};

} // namespace parley
