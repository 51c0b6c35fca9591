#include "server/groups/groupservice.h"

#include "protocol/limits.h"
#include "protocol/textrules.h"
#include "server/groups/groupmoderation.h"
#include "server/messaging/conversationlock.h"
#include "server/routing/requestrouter.h"

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

QStringList ids(const google::protobuf::RepeatedPtrField<std::string> &values)
{
    QStringList list;
    for (const std::string &v : values)
        list.append(QString::fromStdString(v));
    return list;
}

// A request about a group names it: without one it is malformed (not "not a member"), then `then` checks it.
template <typename Request>
RequestRouter::Check<Request> namingGroup(RequestRouter::Check<Request> then = {})
{
    return [then = std::move(then)](const Request &r) -> std::optional<Error> {
        if (trimmedField(r.group_id()).isEmpty())
            return Error(ErrorCode::MalformedRequest, u"say which group"_s);
        return then ? then(r) : std::nullopt;
    };
}

} // namespace

std::optional<Error> GroupService::checkText(const QString &text, int limit, bool mayBeEmpty, const QString &what)
{
    if (!mayBeEmpty && text.isEmpty())
        return Error(ErrorCode::MalformedRequest, u"%1 cannot be empty"_s.arg(what));
    if (limits::characters(text) > limit)
        return Error(ErrorCode::TooLarge, u"%1 has at most %2 characters"_s.arg(what).arg(limit));
    return std::nullopt;
}

std::optional<Error> GroupService::checkName(const QString &name, int limit, bool mayBeEmpty)
{
    if (auto error = checkText(name, limit, mayBeEmpty, u"a group name"_s))
        return error;
    return limits::uncleanNameError(name, u"a group name"_s);
}

void GroupService::addRoutes(RequestRouter &router)
{
    const RequestPolicy plain{RequestPolicy::Access::AfterConnect, RequestPolicy::Budget::None};
    const GroupLedger *l = &m_ledger;
    const GroupLedger::Policy limits = m_ledger.policy();
    const auto groupFull = [limits] {
        return Error(ErrorCode::GroupFull, u"a group has at most %1 members"_s.arg(limits.maxSize));
    };

    // A change of a group reads its members and rules, then writes them and a notice into its conversation: under
    // the lock its messages take too (ConversationLock::ofGroup), so that two nodes' changes run in turn.
    const auto groupLock = [](const AuthenticatedUser &, const auto &request) {
        return QList<qint64>{ConversationLock::ofGroup(trimmedField(request.group_id()))};
    };

    router.add<v1::CreateGroupRequest>(
        SubSignal::GC, plain,
        [l](IStore &s, const Call &c, const v1::CreateGroupRequest &r) {
            return l->create(s, c.me(), trimmedField(r.name()), ids(r.members()), c.nowMs);
        },
        [limits, groupFull](const v1::CreateGroupRequest &r) -> std::optional<Error> {
            if (auto error = checkName(trimmedField(r.name()), limits.maxNameLength, true))
                return error;
            if (r.members_size() >= limits.maxSize)
                return groupFull();
            return std::nullopt;
        });
    router.add<v1::GroupRef>(
        SubSignal::GPGI, plain,
        [l](IStore &s, const Call &c, const v1::GroupRef &r) { return l->info(s, c.me(), trimmedField(r.group_id())); },
        namingGroup<v1::GroupRef>());
    router.add<v1::GroupRef>(
        SubSignal::GPGM, plain,
        [l](IStore &s, const Call &c, const v1::GroupRef &r) {
            return l->members(s, c.me(), trimmedField(r.group_id()));
        },
        namingGroup<v1::GroupRef>());
    router.add<v1::GroupListRequest>(SubSignal::GL, plain, [l](IStore &s, const Call &c, const v1::GroupListRequest &) {
        return l->list(s, c.me());
    });
    router.add<v1::GroupMembersRequest>(
        SubSignal::GAM, plain,
        [l](IStore &s, const Call &c, const v1::GroupMembersRequest &r) {
            return l->add(s, c.me(), trimmedField(r.group_id()), ids(r.user_ids()), c.nowMs);
        },
        namingGroup<v1::GroupMembersRequest>(
            [limits, groupFull](const v1::GroupMembersRequest &r) -> std::optional<Error> {
                if (r.user_ids_size() >= limits.maxSize)
                    return groupFull();
                return std::nullopt;
            }),
        groupLock);
    router.add<v1::GroupMembersRequest>(
        SubSignal::GKM, plain,
        [l](IStore &s, const Call &c, const v1::GroupMembersRequest &r) {
            return l->kick(s, c.me(), trimmedField(r.group_id()), ids(r.user_ids()), c.nowMs);
        },
        namingGroup<v1::GroupMembersRequest>([limits](const v1::GroupMembersRequest &r) -> std::optional<Error> {
            if (r.user_ids_size() > limits.maxSize)
                return Error(ErrorCode::MalformedRequest, u"too many users in one request"_s);
            return std::nullopt;
        }),
        groupLock);
    router.add<v1::GroupRef>(
        SubSignal::GQ, plain,
        [l](IStore &s, const Call &c, const v1::GroupRef &r) {
            return l->quit(s, c.me(), trimmedField(r.group_id()), c.nowMs);
        },
        namingGroup<v1::GroupRef>(), groupLock);
    router.add<v1::ModifyGroupInfoRequest>(
        SubSignal::GMI, plain,
        [l](IStore &s, const Call &c, const v1::ModifyGroupInfoRequest &r) {
            GroupLedger::Change change;
            if (r.has_name())
                change.name = trimmedField(r.name());
            if (r.has_announcement())
                change.announcement = trimmedField(r.announcement());
            if (r.has_avatar())
                change.avatar = trimmedField(r.avatar());
            if (r.has_mute_all())
                change.muteAll = r.mute_all();
            if (r.has_join_approval())
                change.joinApproval = r.join_approval();
            return l->modify(s, c.me(), trimmedField(r.group_id()), change, c.nowMs);
        },
        namingGroup<v1::ModifyGroupInfoRequest>([limits](const v1::ModifyGroupInfoRequest &r) -> std::optional<Error> {
            if (r.has_name()) {
                if (auto error = checkName(trimmedField(r.name()), limits.maxNameLength, false))
                    return error;
            }
            if (r.has_avatar() && trimmedField(r.avatar()).size() > parley::limits::kMaxFileId)
                return Error(ErrorCode::MalformedRequest, u"an avatar is a file id"_s);
            if (r.has_announcement())
                return checkText(trimmedField(r.announcement()), limits.maxAnnouncementLength, true,
                                 u"an announcement"_s);
            return std::nullopt;
        }),
        groupLock);
    router.add<v1::SetMemberRoleRequest>(
        SubSignal::GMR, plain,
        [l](IStore &s, const Call &c, const v1::SetMemberRoleRequest &r) {
            return l->setRole(s, c.me(), trimmedField(r.group_id()), trimmedField(r.user_id()),
                              GroupMemberRecord::Role(int(r.role())), c.nowMs);
        },
        namingGroup<v1::SetMemberRoleRequest>(), groupLock); // a role that does not exist: the router refuses it
    router.add<v1::GroupRef>(
        SubSignal::GDS, plain,
        [l](IStore &s, const Call &c, const v1::GroupRef &r) {
            return l->dismiss(s, c.me(), trimmedField(r.group_id()), c.nowMs);
        },
        namingGroup<v1::GroupRef>(), groupLock);
    router.add<v1::MuteMemberRequest>(
        SubSignal::GMM, plain,
        [](IStore &s, const Call &c, const v1::MuteMemberRequest &r) {
            return GroupModeration::muteMember(s, c.me(), trimmedField(r.group_id()), trimmedField(r.user_id()),
                                               r.duration_s(), c.nowMs);
        },
        namingGroup<v1::MuteMemberRequest>([](const v1::MuteMemberRequest &r) -> std::optional<Error> {
            if (r.duration_s() > quint32(parley::limits::kMaxMemberMuteS))
                return Error(ErrorCode::MalformedRequest, u"a member is muted for at most 30 days"_s);
            return std::nullopt;
        }),
        groupLock);
    router.add<v1::GroupRef>(
        SubSignal::GJL, plain,
        [](IStore &s, const Call &c, const v1::GroupRef &r) {
            return GroupModeration::joinRequests(s, c.me(), trimmedField(r.group_id()));
        },
        namingGroup<v1::GroupRef>());
    router.add<v1::JoinDecision>(
        SubSignal::GJH, plain,
        [l](IStore &s, const Call &c, const v1::JoinDecision &r) {
            return GroupModeration::decide(*l, s, c.me(), trimmedField(r.group_id()), trimmedField(r.user_id()),
                                           r.approve(), c.nowMs);
        },
        namingGroup<v1::JoinDecision>(), groupLock);
}

} // namespace parley::server
