#include "core/people/groupbook.h"

#include "common/threadaffinity.h"
#include "core/logging.h"
#include "core/net/connection.h"
#include "core/storage/grouprepository.h"
#include "core/storage/peoplerepository.h"

namespace parley {

using namespace Qt::StringLiterals;

namespace {

v1::GroupRef groupRef(const QString &groupId)
{
    v1::GroupRef r;
    r.set_group_id(groupId.toStdString());
    return r;
}

v1::GroupMembersRequest membersRequest(const QString &groupId, const QStringList &userIds)
{
    v1::GroupMembersRequest r;
    r.set_group_id(groupId.toStdString());
    for (const QString &id : userIds)
        r.add_user_ids(id.toStdString());
    return r;
}

} // namespace

GroupBook::GroupBook(GroupRepository &groups, PeopleRepository &people, Connection &connection, QObject *parent)
    : QObject(parent), m_groups(groups), m_people(people), m_connection(connection)
{
}

void GroupBook::onSynced(const ChangeSet &changes)
{
    PARLEY_ASSERT_OWN_THREAD();
    for (const QString &groupId : changes.groupsNoticed)
        refresh(groupId);
    for (const QString &groupId : changes.groupsRead)
        Q_EMIT readHorizonsChanged(groupId, m_groups.readHorizons(groupId));
}

void GroupBook::publishCached()
{
    PARLEY_ASSERT_OWN_THREAD();
    Q_EMIT groupsReset(m_groups.groups());
}

QString GroupBook::title(const QString &groupId)
{
    PARLEY_ASSERT_OWN_THREAD();
    const std::optional<GroupInfo> group = m_groups.group(groupId);
    return group && !group->name.isEmpty() ? group->name : groupId;
}

void GroupBook::onOnline()
{
    PARLEY_ASSERT_OWN_THREAD();
    m_connection.request(SubSignal::GL, v1::GroupListRequest(), [this](Result<v1::Result> reply) {
        if (!reply) {
            qCInfo(lcSync) << "group list not fetched:" << reply.error().message;
            return;
        }
        QList<GroupInfo> groups;
        for (const v1::GroupInfo &g : reply->groups().groups())
            groups.append(GroupRepository::fromWire(g));
        if (!m_groups.replaceGroups(groups)) {
            Q_EMIT storageFailed(Error(ErrorCode::StorageFailure, u"could not store the groups"_s));
            return;
        }
        Q_EMIT groupsReset(m_groups.groups());
    });
}

void GroupBook::storeGroup(const GroupInfo &group)
{
    if (!m_groups.putGroup(group)) {
        Q_EMIT storageFailed(Error(ErrorCode::StorageFailure, u"could not store the group"_s));
        return;
    }
    Q_EMIT groupChanged(group);
}

void GroupBook::refresh(const QString &groupId)
{
    if (m_refreshing.contains(groupId) || !m_connection.isOnline())
        return;
    m_refreshing.insert(groupId);
    m_connection.request(SubSignal::GPGI, groupRef(groupId), [this, groupId](const Result<v1::Result> &reply) {
        m_refreshing.remove(groupId);
        if (reply) {
            storeGroup(GroupRepository::fromWire(reply->group()));
            requestMembers(groupId, [](const Result<QList<GroupMember>> &) {});
            return;
        }
        // No longer in it (removed, left) or dismissed: keep the conversation, mark the group.
        const ErrorCode code = reply.error().code;
        if (code != ErrorCode::NotMember && code != ErrorCode::GroupDismissed)
            return;
        GroupInfo group = m_groups.group(groupId).value_or(GroupInfo{groupId});
        group.member = false;
        group.dismissed = code == ErrorCode::GroupDismissed;
        storeGroup(group);
    });
}

void GroupBook::requestMembers(const QString &groupId, std::function<void(const Result<QList<GroupMember>> &)> done)
{
    m_connection.request(SubSignal::GPGM, groupRef(groupId), [this, groupId, done](const Result<v1::Result> &reply) {
        if (!reply) {
            done(reply.error());
            return;
        }
        QList<GroupMember> members;
        for (const v1::GroupMember &m : reply->members().members()) {
            members.append(GroupRepository::fromWire(m));
            m_people.putProfile(members.last().profile);
        }
        if (!m_groups.replaceMembers(groupId, members)) {
            const Error failed(ErrorCode::StorageFailure, u"could not store the group's members"_s);
            Q_EMIT storageFailed(failed);
            done(failed);
            return;
        }
        Q_EMIT membersReset(groupId, members);
        Q_EMIT readHorizonsChanged(groupId, m_groups.readHorizons(groupId));
        done(members);
    });
}

void GroupBook::fetchMembers(const QString &groupId, Promise<QList<GroupMember>> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    requestMembers(groupId, [answer](const Result<QList<GroupMember>> &members) { answer.resolve(members); });
}

void GroupBook::modify(const QString &groupId, const std::function<void(v1::ModifyGroupInfoRequest &)> &change,
                       Promise<GroupInfo> answer)
{
    v1::ModifyGroupInfoRequest request;
    request.set_group_id(groupId.toStdString());
    change(request);
    requestGroup(SubSignal::GMI, request, std::move(answer));
}

void GroupBook::requestGroup(SubSignal subSignal, const google::protobuf::MessageLite &request,
                             Promise<GroupInfo> answer)
{
    m_connection.request(subSignal, request, [this, answer](const Result<v1::Result> &reply) {
        if (!reply) {
            answer.resolve(reply.error());
            return;
        }
        const GroupInfo group = GroupRepository::fromWire(reply->group());
        storeGroup(group);
        if (!group.member)
            Q_EMIT groupsReset(m_groups.groups());
        answer.resolve(group);
    });
}

void GroupBook::create(const QString &name, const QStringList &members, Promise<GroupInfo> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    v1::CreateGroupRequest request;
    request.set_name(name.toStdString());
    for (const QString &m : members)
        request.add_members(m.toStdString());
    requestGroup(SubSignal::GC, request, std::move(answer));
}

void GroupBook::addMembers(const QString &groupId, const QStringList &userIds, Promise<GroupInfo> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    requestGroup(SubSignal::GAM, membersRequest(groupId, userIds), std::move(answer));
}

void GroupBook::removeMembers(const QString &groupId, const QStringList &userIds, Promise<GroupInfo> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    requestGroup(SubSignal::GKM, membersRequest(groupId, userIds), std::move(answer));
}

void GroupBook::quit(const QString &groupId, Promise<GroupInfo> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    requestGroup(SubSignal::GQ, groupRef(groupId), std::move(answer));
}

void GroupBook::rename(const QString &groupId, const QString &name, Promise<GroupInfo> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    modify(
        groupId, [&](v1::ModifyGroupInfoRequest &r) { r.set_name(name.toStdString()); }, std::move(answer));
}

void GroupBook::setAnnouncement(const QString &groupId, const QString &announcement, Promise<GroupInfo> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    modify(
        groupId, [&](v1::ModifyGroupInfoRequest &r) { r.set_announcement(announcement.toStdString()); },
        std::move(answer));
}

void GroupBook::setAvatar(const QString &groupId, const QString &fileId, Promise<GroupInfo> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    modify(
        groupId, [&](v1::ModifyGroupInfoRequest &r) { r.set_avatar(fileId.toStdString()); }, std::move(answer));
}

void GroupBook::setRole(const QString &groupId, const QString &userId, GroupRole role, Promise<GroupInfo> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    v1::SetMemberRoleRequest request;
    request.set_group_id(groupId.toStdString());
    request.set_user_id(userId.toStdString());
    request.set_role(v1::GroupRole(int(role)));
    requestGroup(SubSignal::GMR, request, std::move(answer));
}

void GroupBook::dismiss(const QString &groupId, Promise<GroupInfo> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    requestGroup(SubSignal::GDS, groupRef(groupId), std::move(answer));
}

void GroupBook::setMuteAll(const QString &groupId, bool muted, Promise<GroupInfo> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    modify(
        groupId, [&](v1::ModifyGroupInfoRequest &r) { r.set_mute_all(muted); }, std::move(answer));
}

void GroupBook::setJoinApproval(const QString &groupId, bool required, Promise<GroupInfo> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    modify(
        groupId, [&](v1::ModifyGroupInfoRequest &r) { r.set_join_approval(required); }, std::move(answer));
}

void GroupBook::muteMember(const QString &groupId, const QString &userId, int seconds, Promise<GroupInfo> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    v1::MuteMemberRequest request;
    request.set_group_id(groupId.toStdString());
    request.set_user_id(userId.toStdString());
    request.set_duration_s(quint32(std::max(0, seconds)));
    requestGroup(SubSignal::GMM, request, std::move(answer));
}

void GroupBook::fetchJoinRequests(const QString &groupId, Promise<QList<JoinRequest>> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    m_connection.request(SubSignal::GJL, groupRef(groupId), [answer](const Result<v1::Result> &reply) {
        if (!reply) {
            answer.resolve(reply.error());
            return;
        }
        QList<JoinRequest> requests;
        for (const v1::JoinRequest &r : reply->join_requests().requests())
            requests.append(JoinRequest{PeopleRepository::fromWire(r.user()), PeopleRepository::fromWire(r.inviter()),
                                        r.created_at()});
        answer.resolve(requests);
    });
}

void GroupBook::decideJoin(const QString &groupId, const QString &userId, bool approve, Promise<GroupInfo> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    v1::JoinDecision request;
    request.set_group_id(groupId.toStdString());
    request.set_user_id(userId.toStdString());
    request.set_approve(approve);
    requestGroup(SubSignal::GJH, request, std::move(answer));
}

} // namespace parley
