#include "core/api/groupsapi.h"

#include "core/api/featureapi_p.h"
#include "core/people/groupbook.h"

namespace parley {

GroupsApi::GroupsApi(Engine *engine, QObject *parent) : FeatureApi(engine, parent)
{
    connect(this, &GroupsApi::groupsReset, this, [this](const QList<GroupInfo> &groups) { m_groups = groups; });
    connect(this, &GroupsApi::groupChanged, this, [this](const GroupInfo &group) {
        const auto it = std::find_if(m_groups.begin(), m_groups.end(),
                                     [&](const GroupInfo &g) { return g.groupId == group.groupId; });
        if (!group.member) {
            if (it != m_groups.end())
                m_groups.erase(it);
        } else if (it != m_groups.end()) {
            *it = group;
        } else {
            m_groups.append(group);
        }
    });
}

void GroupsApi::attach(Account &account)
{
    GroupBook *book = &account.groups();
    connect(book, &GroupBook::groupsReset, this, &GroupsApi::groupsReset);
    connect(book, &GroupBook::groupChanged, this, &GroupsApi::groupChanged);
    connect(book, &GroupBook::membersReset, this, &GroupsApi::membersReset);
    connect(book, &GroupBook::readHorizonsChanged, this, &GroupsApi::readHorizonsChanged);
}

void GroupsApi::reset()
{
    Q_EMIT groupsReset({});
}

Answer<GroupInfo> GroupsApi::create(const QString &name, const QStringList &members)
{
    return onAccount<GroupInfo>(
        [=](Account &a, Promise<GroupInfo> p) { a.groups().create(name, members, std::move(p)); });
}

Answer<QList<GroupMember>> GroupsApi::fetchMembers(const QString &groupId)
{
    return onAccount<QList<GroupMember>>(
        [=](Account &a, Promise<QList<GroupMember>> p) { a.groups().fetchMembers(groupId, std::move(p)); });
}

Answer<GroupInfo> GroupsApi::addMembers(const QString &groupId, const QStringList &userIds)
{
    return onAccount<GroupInfo>(
        [=](Account &a, Promise<GroupInfo> p) { a.groups().addMembers(groupId, userIds, std::move(p)); });
}

Answer<GroupInfo> GroupsApi::removeMembers(const QString &groupId, const QStringList &userIds)
{
    return onAccount<GroupInfo>(
        [=](Account &a, Promise<GroupInfo> p) { a.groups().removeMembers(groupId, userIds, std::move(p)); });
}

Answer<GroupInfo> GroupsApi::quit(const QString &groupId)
{
    return onAccount<GroupInfo>([=](Account &a, Promise<GroupInfo> p) { a.groups().quit(groupId, std::move(p)); });
}

Answer<GroupInfo> GroupsApi::rename(const QString &groupId, const QString &name)
{
    return onAccount<GroupInfo>(
        [=](Account &a, Promise<GroupInfo> p) { a.groups().rename(groupId, name, std::move(p)); });
}

Answer<GroupInfo> GroupsApi::setAvatar(const QString &groupId, const QString &fileId)
{
    return onAccount<GroupInfo>(
        [=](Account &a, Promise<GroupInfo> p) { a.groups().setAvatar(groupId, fileId, std::move(p)); });
}

Answer<GroupInfo> GroupsApi::setAnnouncement(const QString &groupId, const QString &announcement)
{
    return onAccount<GroupInfo>(
        [=](Account &a, Promise<GroupInfo> p) { a.groups().setAnnouncement(groupId, announcement, std::move(p)); });
}

Answer<GroupInfo> GroupsApi::setRole(const QString &groupId, const QString &userId, GroupRole role)
{
    return onAccount<GroupInfo>(
        [=](Account &a, Promise<GroupInfo> p) { a.groups().setRole(groupId, userId, role, std::move(p)); });
}

Answer<GroupInfo> GroupsApi::dismiss(const QString &groupId)
{
    return onAccount<GroupInfo>([=](Account &a, Promise<GroupInfo> p) { a.groups().dismiss(groupId, std::move(p)); });
}

Answer<GroupInfo> GroupsApi::setMuteAll(const QString &groupId, bool muted)
{
    return onAccount<GroupInfo>(
        [=](Account &a, Promise<GroupInfo> p) { a.groups().setMuteAll(groupId, muted, std::move(p)); });
}

Answer<GroupInfo> GroupsApi::muteMember(const QString &groupId, const QString &userId, int seconds)
{
    return onAccount<GroupInfo>(
        [=](Account &a, Promise<GroupInfo> p) { a.groups().muteMember(groupId, userId, seconds, std::move(p)); });
}

Answer<GroupInfo> GroupsApi::setJoinApproval(const QString &groupId, bool required)
{
    return onAccount<GroupInfo>(
        [=](Account &a, Promise<GroupInfo> p) { a.groups().setJoinApproval(groupId, required, std::move(p)); });
}

Answer<QList<JoinRequest>> GroupsApi::fetchJoinRequests(const QString &groupId)
{
    return onAccount<QList<JoinRequest>>(
        [=](Account &a, Promise<QList<JoinRequest>> p) { a.groups().fetchJoinRequests(groupId, std::move(p)); });
}

Answer<GroupInfo> GroupsApi::decideJoin(const QString &groupId, const QString &userId, bool approve)
{
    return onAccount<GroupInfo>(
        [=](Account &a, Promise<GroupInfo> p) { a.groups().decideJoin(groupId, userId, approve, std::move(p)); });
}

} // namespace parley
