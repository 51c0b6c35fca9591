#include "server/groups/groupservice.h"

#include "server/iclock.h"

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

} // namespace

void GroupService::run(const RequestContext &context, Reply reply, Work work)
{
    const AuthenticatedUser user = *context.user;
    runOutcome(m_store, m_registry, std::move(reply), [this, user, work = std::move(work)](IStore &store) {
        return work(m_ledger, store, user, m_clock.nowMs());
    });
}

std::optional<Error> GroupService::checkText(const QString &text, int limit, bool mayBeEmpty, const QString &what)
{
    if (!mayBeEmpty && text.isEmpty())
        return Error(ErrorCode::MalformedRequest, u"%1 cannot be empty"_s.arg(what));
    if (text.size() > limit)
        return Error(ErrorCode::TooLarge, u"%1 has at most %2 characters"_s.arg(what).arg(limit));
    return std::nullopt;
}

void GroupService::create(const RequestContext &context, const v1::CreateGroupRequest &request, Reply reply)
{
    const QString name = trimmedField(request.name());
    if (const auto error = checkText(name, m_ledger.policy().maxNameLength, true, u"a group name"_s)) {
        reply(errorResult(*error));
        return;
    }
    if (request.members_size() >= m_ledger.policy().maxSize) {
        reply(errorResult(ErrorCode::GroupFull, u"a group has at most %1 members"_s.arg(m_ledger.policy().maxSize)));
        return;
    }
    run(context, std::move(reply),
        [name, members = ids(request.members())](const GroupLedger &l, IStore &s, const AuthenticatedUser &u,
                                                 qint64 now) { return l.create(s, u, name, members, now); });
}

void GroupService::info(const RequestContext &context, const v1::GroupRef &request, Reply reply)
{
    run(context, std::move(reply),
        [gid = trimmedField(request.group_id())](const GroupLedger &l, IStore &s, const AuthenticatedUser &u, qint64) {
            return l.info(s, u, gid);
        });
}

void GroupService::members(const RequestContext &context, const v1::GroupRef &request, Reply reply)
{
    run(context, std::move(reply),
        [gid = trimmedField(request.group_id())](const GroupLedger &l, IStore &s, const AuthenticatedUser &u, qint64) {
            return l.members(s, u, gid);
        });
}

void GroupService::list(const RequestContext &context, Reply reply)
{
    run(context, std::move(reply),
        [](const GroupLedger &l, IStore &s, const AuthenticatedUser &u, qint64) { return l.list(s, u); });
}

void GroupService::add(const RequestContext &context, const v1::GroupMembersRequest &request, Reply reply)
{
    if (request.user_ids_size() >= m_ledger.policy().maxSize) {
        reply(errorResult(ErrorCode::GroupFull, u"a group has at most %1 members"_s.arg(m_ledger.policy().maxSize)));
        return;
    }
    run(context, std::move(reply),
        [gid = trimmedField(request.group_id()),
         users = ids(request.user_ids())](const GroupLedger &l, IStore &s, const AuthenticatedUser &u, qint64 now) {
            return l.add(s, u, gid, users, now);
        });
}

void GroupService::kick(const RequestContext &context, const v1::GroupMembersRequest &request, Reply reply)
{
    if (request.user_ids_size() > m_ledger.policy().maxSize) {
        reply(errorResult(ErrorCode::MalformedRequest, u"too many users in one request"_s));
        return;
    }
    run(context, std::move(reply),
        [gid = trimmedField(request.group_id()),
         users = ids(request.user_ids())](const GroupLedger &l, IStore &s, const AuthenticatedUser &u, qint64 now) {
            return l.kick(s, u, gid, users, now);
        });
}

void GroupService::quit(const RequestContext &context, const v1::GroupRef &request, Reply reply)
{
    run(context, std::move(reply),
        [gid = trimmedField(request.group_id())](const GroupLedger &l, IStore &s, const AuthenticatedUser &u,
                                                 qint64 now) { return l.quit(s, u, gid, now); });
}

void GroupService::modify(const RequestContext &context, const v1::ModifyGroupInfoRequest &request, Reply reply)
{
    std::optional<QString> name;
    std::optional<QString> announcement;
    if (request.has_name()) {
        name = trimmedField(request.name());
        if (const auto error = checkText(*name, m_ledger.policy().maxNameLength, false, u"a group name"_s)) {
            reply(errorResult(*error));
            return;
        }
    }
    if (request.has_announcement()) {
        announcement = trimmedField(request.announcement());
        if (const auto error =
                checkText(*announcement, m_ledger.policy().maxAnnouncementLength, true, u"an announcement"_s)) {
            reply(errorResult(*error));
            return;
        }
    }
    run(context, std::move(reply),
        [gid = trimmedField(request.group_id()), name, announcement](const GroupLedger &l, IStore &s,
                                                                     const AuthenticatedUser &u, qint64 now) {
            return l.modify(s, u, gid, name, announcement, now);
        });
}

void GroupService::setRole(const RequestContext &context, const v1::SetMemberRoleRequest &request, Reply reply)
{
    if (!v1::GroupRole_IsValid(request.role())) {
        reply(errorResult(ErrorCode::MalformedRequest, u"unknown role"_s));
        return;
    }
    run(context, std::move(reply),
        [gid = trimmedField(request.group_id()), uid = trimmedField(request.user_id()),
         role = GroupMemberRecord::Role(int(request.role()))](const GroupLedger &l, IStore &s,
                                                              const AuthenticatedUser &u, qint64 now) {
            return l.setRole(s, u, gid, uid, role, now);
        });
}

void GroupService::dismiss(const RequestContext &context, const v1::GroupRef &request, Reply reply)
{
    run(context, std::move(reply),
        [gid = trimmedField(request.group_id())](const GroupLedger &l, IStore &s, const AuthenticatedUser &u,
                                                 qint64 now) { return l.dismiss(s, u, gid, now); });
}

} // namespace parley::server
