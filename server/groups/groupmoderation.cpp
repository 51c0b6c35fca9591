#include "server/groups/groupmoderation.h"

#include "protocol/limits.h"
#include "server/groups/groupledger.h"
#include "server/social/socialwire.h"
#include "server/storage/istore.h"

#include <QDateTime>

namespace parley::server {

using namespace Qt::StringLiterals;

std::optional<Error> GroupModeration::writeRefusal(const GroupRecord &group, const GroupMemberRecord &me, qint64 nowMs)
{
    if (me.role == GroupMemberRecord::Owner)
        return std::nullopt;
    if (group.muteAll && me.role == GroupMemberRecord::Member)
        return Error(ErrorCode::Muted, u"only the owner and admins can write while the group is muted"_s);
    if (me.mutedUntilMs > nowMs) // an admin, too, if the owner muted him
        return Error(ErrorCode::Muted,
                     u"you are muted in this group until %1"_s.arg(
                         QDateTime::fromMSecsSinceEpoch(me.mutedUntilMs, Qt::UTC).toString(Qt::ISODate)));
    return std::nullopt;
}

Outcome GroupModeration::muteMember(IStore &store, const AuthenticatedUser &user, const QString &gid,
                                    const QString &uid, quint32 durationS, qint64 nowMs)
{
    const Result<GroupLedger::Access> a = GroupLedger::access(store, user, gid, GroupMemberRecord::Admin);
    if (!a)
        return a.error();
    const std::optional<UserRecord> u = store.userByUid(uid);
    const std::optional<GroupMemberRecord> target =
        u ? store.groups().member(a->group.conversationId, u->id) : std::nullopt;
    if (!target || !target->isCurrent())
        return Error(ErrorCode::NotMember, u"%1 is not a member of this group"_s.arg(uid));
    if (target->userId == user.userId)
        return Error(ErrorCode::Self, u"you cannot mute yourself"_s);
    if (target->role >= a->me.role)
        return Error(ErrorCode::PermissionDenied, u"you can only mute members with a lower role"_s);
    const qint64 until = durationS == 0 ? 0 : nowMs + qint64(durationS) * 1000;
    InboxWriter inbox(store, nowMs);
    const bool wasMuted = target->mutedUntilMs > nowMs;
    store.groups().setMemberMutedUntil(a->group.conversationId, target->userId, until);
    if (until != 0)
        GroupLedger::notice(store, inbox, a->group, user, v1::CONTENT_NOTICE_MEMBER_MUTED,
                            GroupLedger::noticeOf({target->uid}, QString::number(until)), nowMs);
    else if (wasMuted)
        GroupLedger::notice(store, inbox, a->group, user, v1::CONTENT_NOTICE_MEMBER_UNMUTED,
                            GroupLedger::noticeOf({target->uid}), nowMs);
    return Outcome(GroupLedger::infoResult(store, a->group, user.userId), inbox.takeDeliveries());
}

Result<QList<UserRecord>> GroupModeration::askToJoin(IStore &store, InboxWriter &inbox, const GroupRecord &group,
                                                     const AuthenticatedUser &inviter, const QList<UserRecord> &invited,
                                                     qint64 nowMs)
{
    QList<qint64> admins;
    for (const GroupMemberRecord &m : store.groups().currentMembers(group.conversationId))
        if (m.role >= GroupMemberRecord::Admin)
            admins.append(m.userId);
    QList<UserRecord> known;
    QList<UserRecord> waiting;
    for (const UserRecord &u : invited) {
        const bool knownToAnAdmin = std::any_of(admins.cbegin(), admins.cend(), [&](qint64 admin) {
            return store.social().contact(admin, u.id).isFriend;
        });
        if (knownToAnAdmin)
            known.append(u);
        else if (!store.groups().joinRequest(group.conversationId, u.id))
            waiting.append(u); // already waiting: asked once
    }
    if (waiting.isEmpty())
        return known;
    if (store.groups().joinRequests(group.conversationId).size() + waiting.size() > limits::kMaxPendingJoins)
        return Error(ErrorCode::GroupFull, u"too many people wait to join this group; ask an admin"_s);
    QStringList asked;
    for (const UserRecord &u : std::as_const(waiting)) {
        store.groups().putJoinRequest(group.conversationId, JoinRequestRecord{u.id, inviter.userId, nowMs});
        asked.append(u.uid);
    }
    GroupLedger::notice(store, inbox, group, inviter, v1::CONTENT_NOTICE_JOIN_REQUESTED, GroupLedger::noticeOf(asked),
                        nowMs);
    return known;
}

Outcome GroupModeration::joinRequests(IStore &store, const AuthenticatedUser &user, const QString &gid)
{
    const Result<GroupLedger::Access> a = GroupLedger::access(store, user, gid, GroupMemberRecord::Admin);
    if (!a)
        return a.error();
    v1::Result result;
    v1::JoinRequestList *list = result.mutable_join_requests();
    list->set_group_id(gid.toStdString());
    for (const JoinRequestRecord &r : store.groups().joinRequests(a->group.conversationId)) {
        v1::JoinRequest *w = list->add_requests();
        if (const std::optional<ProfileRecord> p = store.social().profile(r.userId))
            *w->mutable_user() = toWire(*p);
        if (const std::optional<ProfileRecord> p = store.social().profile(r.inviterId))
            *w->mutable_inviter() = toWire(*p);
        w->set_created_at(r.createdAtMs);
    }
    return result;
}

Outcome GroupModeration::decide(const GroupLedger &ledger, IStore &store, const AuthenticatedUser &user,
                                const QString &gid, const QString &uid, bool approve, qint64 nowMs)
{
    const Result<GroupLedger::Access> a = GroupLedger::access(store, user, gid, GroupMemberRecord::Admin);
    if (!a)
        return a.error();
    const std::optional<UserRecord> u = store.userByUid(uid);
    if (!u || !store.groups().joinRequest(a->group.conversationId, u->id))
        return Error(ErrorCode::NotFound, u"nobody with this id waits to join the group"_s);
    const std::optional<GroupMemberRecord> member = store.groups().member(a->group.conversationId, u->id);
    InboxWriter inbox(store, nowMs);
    if (member && member->isCurrent()) { // added by an admin meanwhile
        store.groups().deleteJoinRequest(a->group.conversationId, u->id);
    } else if (approve) {
        if (const Result<Done> added = ledger.admit(store, inbox, a->group, user, {*u}, nowMs); !added)
            return added.error();
    } else {
        store.groups().deleteJoinRequest(a->group.conversationId, u->id);
        GroupLedger::notice(store, inbox, a->group, user, v1::CONTENT_NOTICE_JOIN_REJECTED,
                            GroupLedger::noticeOf({u->uid}), nowMs);
    }
    return Outcome(GroupLedger::infoResult(store, a->group, user.userId), inbox.takeDeliveries());
}

} // namespace parley::server
