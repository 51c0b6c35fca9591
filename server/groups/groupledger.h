#pragma once

#include "parley.pb.h"
#include "protocol/limits.h"
#include "protocol/result.h"
#include "server/authenticateduser.h"
#include "server/messaging/inboxwriter.h"
#include "server/routing/outcome.h"
#include "server/storage/records.h"

#include <QStringList>

#include <optional>

namespace parley::server {

class IStore;

// The storage-thread rules of groups. Members invite their friends (with join approval on, those no owner or
// admin is friends with wait for one of them: GroupModeration); owners and admins remove members, rename,
// announce and mute; the owner manages roles and may dismiss. Every change is a notice message (content type
// 1xx, sent as the acting user) in the group's own order, delivered to every member's inbox — including the
// members it removes, whose readable history ends with it. Unknown groups and groups one is not in give the
// same answer (ERR_NOT_MEMBER), so nothing leaks.
class GroupLedger {
public:
    static constexpr int kGroupIdLength = 12;
    static constexpr int kDefaultNameMembers = 3; // an unnamed group is called after its first members

    struct Policy {
        int maxSize = limits::kDefaultMaxGroupSize;
        int maxNameLength = limits::kDefaultMaxGroupName;
        int maxAnnouncementLength = limits::kDefaultMaxAnnouncement;
    };

    explicit GroupLedger(Policy policy) : m_policy(policy) {}
    const Policy &policy() const { return m_policy; }

    Outcome create(IStore &store, const AuthenticatedUser &user, const QString &name, const QStringList &members,
                   qint64 nowMs) const;
    Outcome info(IStore &store, const AuthenticatedUser &user, const QString &gid) const;
    Outcome members(IStore &store, const AuthenticatedUser &user, const QString &gid) const;
    Outcome list(IStore &store, const AuthenticatedUser &user) const;
    Outcome add(IStore &store, const AuthenticatedUser &user, const QString &gid, const QStringList &uids,
                qint64 nowMs) const;
    Outcome kick(IStore &store, const AuthenticatedUser &user, const QString &gid, const QStringList &uids,
                 qint64 nowMs) const;
    Outcome quit(IStore &store, const AuthenticatedUser &user, const QString &gid, qint64 nowMs) const;
    struct Change {
        std::optional<QString> name;
        std::optional<QString> announcement;
        std::optional<QString> avatar;
        std::optional<bool> muteAll;
        std::optional<bool> joinApproval;
    };
    Outcome modify(IStore &store, const AuthenticatedUser &user, const QString &gid, const Change &change,
                   qint64 nowMs) const;
    Outcome setRole(IStore &store, const AuthenticatedUser &user, const QString &gid, const QString &uid,
                    GroupMemberRecord::Role role, qint64 nowMs) const;
    Outcome dismiss(IStore &store, const AuthenticatedUser &user, const QString &gid, qint64 nowMs) const;

    // The user's membership of the group, if the user may act in it with at least `minRole`.
    struct Access {
        GroupRecord group;
        GroupMemberRecord me;
    };
    static Result<Access> access(IStore &store, const AuthenticatedUser &user, const QString &gid,
                                 GroupMemberRecord::Role minRole = GroupMemberRecord::Member);
    static v1::GroupInfo infoOf(IStore &store, const GroupRecord &group, qint64 viewerId);
    static v1::Result infoResult(IStore &store, const GroupRecord &group, qint64 viewerId);
    // Stores a notice from `actor` in the group and delivers it to every current member; its sequence.
    static quint64 notice(IStore &store, InboxWriter &inbox, const GroupRecord &group, const AuthenticatedUser &actor,
                          v1::ContentType type, const v1::GroupNotice &body, qint64 nowMs);
    static v1::GroupNotice noticeOf(const QStringList &users, const QString &text = {},
                                    GroupMemberRecord::Role role = GroupMemberRecord::Member);
    // An account being deleted leaves the group for good: an owner first hands it to the senior admin, else the
    // longest member, or dismisses it when no one else is in it.
    static void leaveForGood(IStore &store, InboxWriter &inbox, const AuthenticatedUser &user, GroupRecord group,
                             qint64 nowMs);
    // Makes users members from the next message on, with a MEMBERS_JOINED notice by `actor`.
    Result<Done> admit(IStore &store, InboxWriter &inbox, const GroupRecord &group, const AuthenticatedUser &actor,
                       const QList<UserRecord> &users, qint64 nowMs) const;

private:
    // The members leave the group's readable history after `lastSeq`.
    static void removeMembers(IStore &store, const GroupRecord &group, const QList<qint64> &userIds, quint64 lastSeq);
    // The owner `user` (`owner`, a member record) makes `heir` the owner and becomes a member.
    static void handOver(IStore &store, InboxWriter &inbox, GroupRecord &group, const AuthenticatedUser &user,
                         GroupMemberRecord owner, GroupMemberRecord heir, qint64 nowMs);
    // `user` leaves the group (MEMBER_LEFT); the history readable to him ends with that notice.
    static void leave(IStore &store, InboxWriter &inbox, const GroupRecord &group, const AuthenticatedUser &user,
                      qint64 nowMs);
    // The owner `user` dismisses the group: every member leaves it.
    static void end(IStore &store, InboxWriter &inbox, GroupRecord &group, const AuthenticatedUser &user, qint64 nowMs);

    Policy m_policy;
};

} // namespace parley::server
