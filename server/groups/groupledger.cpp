#include "server/groups/groupledger.h"

#include <algorithm>

#include "common/securerandom.h"
#include "protocol/limits.h"
#include "protocol/protobufbytes.h"
#include "server/files/fileledger.h"
#include "server/groups/groupmoderation.h"
#include "server/messaging/messageledger.h"
#include "server/social/socialwire.h"
#include "server/storage/istore.h"

#include <QSet>

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

constexpr int kMaxGidAttempts = 8;

QStringList deduplicated(QStringList uids)
{
    for (QString &uid : uids)
        uid = uid.trimmed();
    uids.removeAll(QString());
    uids.removeDuplicates();
    return uids;
}

} // namespace

v1::GroupNotice GroupLedger::noticeOf(const QStringList &users, const QString &text, GroupMemberRecord::Role role)
{
    v1::GroupNotice n;
    for (const QString &u : users)
        n.add_users(u.toStdString());
    n.set_text(text.toStdString());
    n.set_role(v1::GroupRole(int(role)));
    return n;
}

Result<GroupLedger::Access> GroupLedger::access(IStore &store, const AuthenticatedUser &user, const QString &gid,
                                                GroupMemberRecord::Role minRole)
{
    const Error notMember(ErrorCode::NotMember, u"you are not a member of this group"_s);
    const std::optional<GroupRecord> group = store.groups().groupByGid(gid);
    if (!group)
        return notMember;
    const std::optional<GroupMemberRecord> me = store.groups().member(group->conversationId, user.userId);
    if (!me)
        return notMember;
    if (group->dismissedAtMs != 0)
        return Error(ErrorCode::GroupDismissed, u"the group was dismissed"_s);
    if (!me->isCurrent())
        return notMember;
    if (me->role < minRole)
        return Error(ErrorCode::PermissionDenied, minRole == GroupMemberRecord::Owner
                                                      ? u"only the group owner can do this"_s
                                                      : u"only the group owner and admins can do this"_s);
    return Access{*group, *me};
}

v1::GroupInfo GroupLedger::infoOf(IStore &store, const GroupRecord &group, qint64 viewerId)
{
    v1::GroupInfo info;
    info.set_group_id(group.gid.toStdString());
    info.set_name(group.name.toStdString());
    info.set_announcement(group.announcement.toStdString());
    info.set_avatar(group.avatar.toStdString());
    if (const std::optional<ProfileRecord> owner = store.social().profile(group.ownerId))
        info.set_owner(owner->uid.toStdString());
    info.set_member_count(quint32(store.groups().memberCount(group.conversationId)));
    info.set_created_at(group.createdAtMs);
    info.set_dismissed(group.dismissedAtMs != 0);
    const std::optional<GroupMemberRecord> viewer = store.groups().member(group.conversationId, viewerId);
    info.set_member(viewer && viewer->isCurrent() && group.dismissedAtMs == 0);
    info.set_my_role(viewer && info.member() ? v1::GroupRole(int(viewer->role)) : v1::ROLE_MEMBER);
    info.set_mute_all(group.muteAll);
    info.set_join_approval(group.joinApproval);
    if (info.member()) {
        info.set_my_muted_until(viewer->mutedUntilMs);
        if (viewer->role >= GroupMemberRecord::Admin)
            info.set_pending_joins(quint32(store.groups().joinRequests(group.conversationId).size()));
    }
    return info;
}

v1::Result GroupLedger::infoResult(IStore &store, const GroupRecord &group, qint64 viewerId)
{
    v1::Result result;
    *result.mutable_group() = infoOf(store, group, viewerId);
    return result;
}

quint64 GroupLedger::notice(IStore &store, InboxWriter &inbox, const GroupRecord &group, const AuthenticatedUser &actor,
                            v1::ContentType type, const v1::GroupNotice &body, qint64 nowMs)
{
    v1::MessageContent content;
    content.set_type(type);
    const std::string bytes = body.SerializeAsString();
    content.set_binary_content(bytes);
    MessageRecord m;
    m.conversationId = group.conversationId;
    m.conversationType = v1::CONVERSATION_GROUP;
    m.senderId = actor.userId;
    m.senderUid = actor.uid;
    m.target = group.gid;
    m.clientUuid = timeOrderedUuid(nowMs); // as clients make theirs: see timeOrderedUuid
    m.content = toBytes(content);
    m.timestampMs = nowMs;
    if (!store.insertMessage(m))
        return 0;
    // Every device gets the notice, the acting one too: it is history, not only the reply.
    for (const UserRecord &member : store.conversationMembers(group.conversationId))
        inbox.appendMessage(member.id, m);
    return m.conversationSeq;
}

void GroupLedger::removeMembers(IStore &store, const GroupRecord &group, const QList<qint64> &userIds, quint64 lastSeq)
{
    for (const qint64 id : userIds) {
        std::optional<GroupMemberRecord> m = store.groups().member(group.conversationId, id);
        if (!m || !m->isCurrent())
            continue;
        m->leftSeq = lastSeq;
        m->role = GroupMemberRecord::Member;
        store.groups().putMember(group.conversationId, *m);
    }
}

Outcome GroupLedger::create(IStore &store, const AuthenticatedUser &user, const QString &name,
                            const QStringList &memberIds, qint64 nowMs) const
{
    const QStringList uids = deduplicated(memberIds);
    if (uids.size() + 1 > m_policy.maxSize)
        return Error(ErrorCode::GroupFull, u"a group has at most %1 members"_s.arg(m_policy.maxSize));
    QList<ProfileRecord> members;
    for (const QString &uid : uids) {
        const std::optional<UserRecord> u = store.userByUid(uid);
        if (!u)
            return Error(ErrorCode::NotFound, u"no user with the id %1"_s.arg(uid));
        if (u->id == user.userId)
            continue;
        if (!store.social().contact(user.userId, u->id).isFriend)
            return Error(ErrorCode::NotFriends, u"%1 is not your friend"_s.arg(uid));
        if (const std::optional<ProfileRecord> p = store.social().profile(u->id))
            members.append(*p);
    }
    QString groupName = name;
    if (groupName.isEmpty()) {
        QStringList names;
        const std::optional<ProfileRecord> me = store.social().profile(user.userId);
        names.append(me && !me->nickname.isEmpty() ? me->nickname : user.uid);
        for (const ProfileRecord &p :
             std::as_const(members).first(std::min<qsizetype>(members.size(), kDefaultNameMembers - 1)))
            names.append(p.nickname.isEmpty() ? p.uid : p.nickname);
        groupName = limits::leftCharacters(names.join(u"、"_s), m_policy.maxNameLength).toString();
    }

    std::optional<GroupRecord> group;
    for (int attempt = 0; attempt < kMaxGidAttempts && !group && !store.failed(); ++attempt) {
        const QString gid = secureRandomId(kGroupIdLength);
        if (!store.groups().groupByGid(gid))
            group = store.groups().createGroup(gid, groupName, user.userId, nowMs);
    }
    if (!group)
        return Error(ErrorCode::Unavailable, u"storage failed"_s);
    store.groups().putMember(group->conversationId,
                             GroupMemberRecord{user.userId, user.uid, GroupMemberRecord::Owner, 1, 0, nowMs, 0});
    QStringList added;
    for (const ProfileRecord &p : std::as_const(members)) {
        store.groups().putMember(group->conversationId,
                                 GroupMemberRecord{p.id, p.uid, GroupMemberRecord::Member, 1, 0, nowMs, 0});
        added.append(p.uid);
    }
    InboxWriter inbox(store, nowMs);
    notice(store, inbox, *group, user, v1::CONTENT_NOTICE_GROUP_CREATED, noticeOf(added, groupName), nowMs);
    return Outcome(infoResult(store, *group, user.userId), inbox.takeDeliveries());
}

Outcome GroupLedger::info(IStore &store, const AuthenticatedUser &user, const QString &gid) const
{
    const Result<Access> a = access(store, user, gid);
    if (!a)
        return a.error();
    return infoResult(store, a->group, user.userId);
}

Outcome GroupLedger::members(IStore &store, const AuthenticatedUser &user, const QString &gid) const
{
    const Result<Access> a = access(store, user, gid);
    if (!a)
        return a.error();
    v1::Result result;
    v1::GroupMemberList *list = result.mutable_members();
    list->set_group_id(gid.toStdString());
    for (const GroupMemberRecord &m : store.groups().currentMembers(a->group.conversationId)) {
        v1::GroupMember *w = list->add_members();
        if (const std::optional<ProfileRecord> p = store.social().profile(m.userId))
            *w->mutable_profile() = toWire(*p);
        w->set_role(v1::GroupRole(int(m.role)));
        w->set_joined_at(m.joinedAtMs);
        w->set_read_seq(m.readSeq);
        w->set_muted_until(m.mutedUntilMs);
    }
    return result;
}

Outcome GroupLedger::list(IStore &store, const AuthenticatedUser &user) const
{
    v1::Result result;
    v1::GroupList *groups = result.mutable_groups(); // an empty list for someone in no group
    for (const GroupRecord &g : store.groups().groupsOf(user.userId))
        *groups->add_groups() = infoOf(store, g, user.userId);
    return result;
}

Outcome GroupLedger::add(IStore &store, const AuthenticatedUser &user, const QString &gid, const QStringList &uids,
                         qint64 nowMs) const
{
    const Result<Access> a = access(store, user, gid);
    if (!a)
        return a.error();
    if (const std::optional<Error> muted = GroupModeration::writeRefusal(a->group, a->me, nowMs))
        return *muted; // who may not write may not invite either
    QList<UserRecord> joining;
    for (const QString &uid : deduplicated(uids)) {
        const std::optional<UserRecord> u = store.userByUid(uid);
        if (!u)
            return Error(ErrorCode::NotFound, u"no user with the id %1"_s.arg(uid));
        const std::optional<GroupMemberRecord> m = store.groups().member(a->group.conversationId, u->id);
        if (m && m->isCurrent())
            continue; // already in: adding is idempotent
        if (!store.social().contact(user.userId, u->id).isFriend)
            return Error(ErrorCode::NotFriends, u"%1 is not your friend"_s.arg(uid));
        joining.append(*u);
    }
    InboxWriter inbox(store, nowMs);
    // With approval on, a member's invitation of someone no owner or admin is friends with waits for them.
    if (a->group.joinApproval && a->me.role == GroupMemberRecord::Member) {
        const Result<QList<UserRecord>> admitted = GroupModeration::askToJoin(store, inbox, a->group, user, joining, nowMs);
        if (!admitted)
            return admitted.error();
        joining = admitted.value();
    }
    if (!joining.isEmpty()) {
        if (const Result<Done> added = admit(store, inbox, a->group, user, joining, nowMs); !added)
            return added.error();
    }
    return Outcome(infoResult(store, a->group, user.userId), inbox.takeDeliveries());
}

Result<Done> GroupLedger::admit(IStore &store, InboxWriter &inbox, const GroupRecord &group,
                                const AuthenticatedUser &actor, const QList<UserRecord> &users, qint64 nowMs) const
{
    if (store.groups().memberCount(group.conversationId) + users.size() > m_policy.maxSize)
        return Error(ErrorCode::GroupFull, u"a group has at most %1 members"_s.arg(m_policy.maxSize));
    // New members read the group's history from the notice that adds them.
    const quint64 from = store.lastSeq(group.conversationId) + 1;
    QStringList added;
    for (const UserRecord &u : users) {
        store.groups().putMember(group.conversationId,
                                 GroupMemberRecord{u.id, u.uid, GroupMemberRecord::Member, from, 0, nowMs, 0});
        store.groups().deleteJoinRequest(group.conversationId, u.id);
        added.append(u.uid);
    }
    notice(store, inbox, group, actor, v1::CONTENT_NOTICE_MEMBERS_JOINED, noticeOf(added), nowMs);
    return Done{};
}

Outcome GroupLedger::kick(IStore &store, const AuthenticatedUser &user, const QString &gid, const QStringList &uids,
                          qint64 nowMs) const
{
    const Result<Access> a = access(store, user, gid, GroupMemberRecord::Admin);
    if (!a)
        return a.error();
    QList<qint64> leaving;
    QStringList removed;
    for (const QString &uid : deduplicated(uids)) {
        const std::optional<UserRecord> u = store.userByUid(uid);
        const std::optional<GroupMemberRecord> m =
            u ? store.groups().member(a->group.conversationId, u->id) : std::nullopt;
        if (!m || !m->isCurrent())
            return Error(ErrorCode::NotMember, u"%1 is not a member of this group"_s.arg(uid));
        if (m->userId == user.userId)
            return Error(ErrorCode::Self, u"to leave the group, quit it"_s);
        if (m->role >= a->me.role)
            return Error(ErrorCode::PermissionDenied, u"you can only remove members with a lower role"_s);
        leaving.append(m->userId);
        removed.append(m->uid);
    }
    if (leaving.isEmpty())
        return infoResult(store, a->group, user.userId);
    InboxWriter inbox(store, nowMs);
    const quint64 seq =
        notice(store, inbox, a->group, user, v1::CONTENT_NOTICE_MEMBERS_REMOVED, noticeOf(removed), nowMs);
    removeMembers(store, a->group, leaving, seq);
    return Outcome(infoResult(store, a->group, user.userId), inbox.takeDeliveries());
}

Outcome GroupLedger::quit(IStore &store, const AuthenticatedUser &user, const QString &gid, qint64 nowMs) const
{
    const Result<Access> a = access(store, user, gid);
    if (!a)
        return a.error();
    if (a->me.role == GroupMemberRecord::Owner)
        return Error(ErrorCode::PermissionDenied, u"the owner cannot quit: transfer ownership or dismiss the group"_s);
    InboxWriter inbox(store, nowMs);
    leave(store, inbox, a->group, user, nowMs);
    return Outcome(infoResult(store, a->group, user.userId), inbox.takeDeliveries());
}

Outcome GroupLedger::modify(IStore &store, const AuthenticatedUser &user, const QString &gid, const Change &change,
                            qint64 nowMs) const
{
    const std::optional<QString> &name = change.name;
    const std::optional<QString> &announcement = change.announcement;
    const std::optional<QString> &avatar = change.avatar;
    Result<Access> a = access(store, user, gid, GroupMemberRecord::Admin);
    if (!a)
        return a.error();
    GroupRecord &group = a->group;
    if (avatar && *avatar != group.avatar) { // checked before anything changes
        if (const Result<Done> usable = FileLedger::checkAvatar(store, user.userId, *avatar); !usable)
            return usable.error();
    }
    InboxWriter inbox(store, nowMs);
    if (name && *name != group.name) {
        group.name = *name;
        store.groups().updateGroup(group);
        notice(store, inbox, group, user, v1::CONTENT_NOTICE_GROUP_RENAMED, noticeOf({}, *name), nowMs);
    }
    if (announcement && *announcement != group.announcement) {
        group.announcement = *announcement;
        store.groups().updateGroup(group);
        notice(store, inbox, group, user, v1::CONTENT_NOTICE_ANNOUNCEMENT, noticeOf({}, *announcement), nowMs);
    }
    if (avatar && *avatar != group.avatar) {
        group.avatar = *avatar;
        store.groups().updateGroup(group);
        notice(store, inbox, group, user, v1::CONTENT_NOTICE_GROUP_AVATAR, noticeOf({}, *avatar), nowMs);
    }
    if (change.muteAll && *change.muteAll != group.muteAll) {
        group.muteAll = *change.muteAll;
        store.groups().updateGroup(group);
        notice(store, inbox, group, user, group.muteAll ? v1::CONTENT_NOTICE_ALL_MUTED : v1::CONTENT_NOTICE_ALL_UNMUTED,
               noticeOf({}), nowMs);
    }
    if (change.joinApproval && *change.joinApproval != group.joinApproval) {
        group.joinApproval = *change.joinApproval;
        store.groups().updateGroup(group);
        notice(store, inbox, group, user,
               group.joinApproval ? v1::CONTENT_NOTICE_APPROVAL_ON : v1::CONTENT_NOTICE_APPROVAL_OFF, noticeOf({}),
               nowMs);
    }
    return Outcome(infoResult(store, group, user.userId), inbox.takeDeliveries());
}

Outcome GroupLedger::setRole(IStore &store, const AuthenticatedUser &user, const QString &gid, const QString &uid,
                             GroupMemberRecord::Role role, qint64 nowMs) const
{
    Result<Access> a = access(store, user, gid, GroupMemberRecord::Owner);
    if (!a)
        return a.error();
    const std::optional<UserRecord> u = store.userByUid(uid);
    std::optional<GroupMemberRecord> target = u ? store.groups().member(a->group.conversationId, u->id) : std::nullopt;
    if (!target || !target->isCurrent())
        return Error(ErrorCode::NotMember, u"%1 is not a member of this group"_s.arg(uid));
    if (target->userId == user.userId)
        return Error(ErrorCode::Self, u"give the role to another member"_s);
    InboxWriter inbox(store, nowMs);
    if (role == GroupMemberRecord::Owner) {
        handOver(store, inbox, a->group, user, a->me, *target, nowMs);
    } else if (target->role != role) {
        target->role = role;
        store.groups().putMember(a->group.conversationId, *target);
        notice(store, inbox, a->group, user, v1::CONTENT_NOTICE_ADMINS_CHANGED, noticeOf({target->uid}, {}, role),
               nowMs);
    }
    return Outcome(infoResult(store, a->group, user.userId), inbox.takeDeliveries());
}

Outcome GroupLedger::dismiss(IStore &store, const AuthenticatedUser &user, const QString &gid, qint64 nowMs) const
{
    Result<Access> a = access(store, user, gid, GroupMemberRecord::Owner);
    if (!a)
        return a.error();
    InboxWriter inbox(store, nowMs);
    end(store, inbox, a->group, user, nowMs);
    return Outcome(infoResult(store, a->group, user.userId), inbox.takeDeliveries());
}

void GroupLedger::handOver(IStore &store, InboxWriter &inbox, GroupRecord &group, const AuthenticatedUser &user,
                           GroupMemberRecord owner, GroupMemberRecord heir, qint64 nowMs)
{
    owner.role = GroupMemberRecord::Member; // the old owner becomes an ordinary member
    store.groups().putMember(group.conversationId, owner);
    heir.role = GroupMemberRecord::Owner;
    store.groups().putMember(group.conversationId, heir);
    group.ownerId = heir.userId;
    store.groups().updateGroup(group);
    notice(store, inbox, group, user, v1::CONTENT_NOTICE_OWNER_CHANGED, noticeOf({heir.uid}), nowMs);
}

void GroupLedger::end(IStore &store, InboxWriter &inbox, GroupRecord &group, const AuthenticatedUser &user,
                      qint64 nowMs)
{
    const quint64 seq = notice(store, inbox, group, user, v1::CONTENT_NOTICE_GROUP_DISMISSED, noticeOf({}), nowMs);
    QList<qint64> everyone;
    for (const GroupMemberRecord &m : store.groups().currentMembers(group.conversationId))
        everyone.append(m.userId);
    removeMembers(store, group, everyone, seq);
    group.dismissedAtMs = nowMs;
    store.groups().updateGroup(group);
}

void GroupLedger::leaveForGood(IStore &store, InboxWriter &inbox, const AuthenticatedUser &user, GroupRecord group,
                               qint64 nowMs)
{
    // The owner first, then admins, then members, each by when they joined (IGroupStore::currentMembers).
    const QList<GroupMemberRecord> members = store.groups().currentMembers(group.conversationId);
    const auto me = std::find_if(members.cbegin(), members.cend(),
                                 [&](const GroupMemberRecord &m) { return m.userId == user.userId; });
    if (me == members.cend())
        return;
    if (me->role == GroupMemberRecord::Owner) {
        const auto heir = std::find_if(members.cbegin(), members.cend(),
                                       [&](const GroupMemberRecord &m) { return m.userId != user.userId; });
        if (heir == members.cend()) {
            end(store, inbox, group, user, nowMs);
            return;
        }
        handOver(store, inbox, group, user, *me, *heir, nowMs);
    }
    leave(store, inbox, group, user, nowMs);
}

void GroupLedger::leave(IStore &store, InboxWriter &inbox, const GroupRecord &group, const AuthenticatedUser &user,
                        qint64 nowMs)
{
    const quint64 seq = notice(store, inbox, group, user, v1::CONTENT_NOTICE_MEMBER_LEFT, noticeOf({user.uid}), nowMs);
    removeMembers(store, group, {user.userId}, seq);
}

} // namespace parley::server
