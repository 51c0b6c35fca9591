#pragma once

#include "core/api/featureapi.h"
#include "core/types/groupinfo.h"
#include "core/types/groupmember.h"
#include "core/types/joinrequest.h"

#include <QList>
#include <QStringList>

namespace parley {

// Groups: create, manage, members, and the read horizons that become read counts of my messages. Each request
// is answered on its own Answer (management with the group as it is afterwards). The list of my groups is kept
// here as a current value. GUI thread.
class GroupsApi : public FeatureApi {
    Q_OBJECT

public:
    GroupsApi(Engine *engine, QObject *parent);

    void attach(Account &account) override;
    void reset() override;

    Answer<GroupInfo> create(const QString &name, const QStringList &members);
    // The members now (membersReset follows too).
    Answer<QList<GroupMember>> fetchMembers(const QString &groupId);
    Answer<GroupInfo> addMembers(const QString &groupId, const QStringList &userIds);
    Answer<GroupInfo> removeMembers(const QString &groupId, const QStringList &userIds);
    Answer<GroupInfo> quit(const QString &groupId);
    Answer<GroupInfo> rename(const QString &groupId, const QString &name);
    Answer<GroupInfo> setAnnouncement(const QString &groupId, const QString &announcement);
    // The group's picture: a file id from FilesApi::uploadAvatar, or empty for none (owner and admins).
    Answer<GroupInfo> setAvatar(const QString &groupId, const QString &fileId);
    Answer<GroupInfo> setRole(const QString &groupId, const QString &userId, GroupRole role);
    Answer<GroupInfo> dismiss(const QString &groupId);
    // Owners and admins keep order: only they write while the group is muted; a member (below them) may not
    // write for `seconds` (0: may again); with approval required, members' invitations of people no admin is
    // friends with wait until one approves or rejects them.
    Answer<GroupInfo> setMuteAll(const QString &groupId, bool muted);
    Answer<GroupInfo> muteMember(const QString &groupId, const QString &userId, int seconds);
    Answer<GroupInfo> setJoinApproval(const QString &groupId, bool required);
    Answer<QList<JoinRequest>> fetchJoinRequests(const QString &groupId);
    Answer<GroupInfo> decideJoin(const QString &groupId, const QString &userId, bool approve);

    // The groups I am in, by name.
    const QList<GroupInfo> &groups() const { return m_groups; }

Q_SIGNALS:
    void groupsReset(const QList<parley::GroupInfo> &groups);
    // One group changed (name, announcement, roles, my membership).
    void groupChanged(const parley::GroupInfo &group);
    void membersReset(const QString &groupId, const QList<parley::GroupMember> &members);
    // The read horizons of a group's other members, ascending: my message N has been read by those >= N.
    void readHorizonsChanged(const QString &groupId, const QList<quint64> &horizons);

private:
    QList<GroupInfo> m_groups;
};

} // namespace parley
