#pragma once

#include "parley.pb.h"
#include "protocol/error.h"
#include "protocol/result.h"
#include "server/authenticateduser.h"
#include "server/messaging/inboxwriter.h"
#include "server/routing/outcome.h"
#include "server/storage/records.h"

#include <optional>

namespace parley::server {

class GroupLedger;
class IStore;

// Who may write in a group and who may join it, the rules owners and admins keep order with. Muting everyone
// (GMI mute_all) leaves only the owner and admins writing; a member can be muted for a while (GMM), by an
// admin if the member is below them. With join approval on (GMI join_approval), a member's invitation of
// someone no owner or admin is friends with becomes a request (a JOIN_REQUESTED notice tells the group) that
// an owner or admin approves — they join as if added then — or rejects (GJL lists, GJH decides). Storage
// thread.
class GroupModeration {
public:
    // A message into the group from `me`: refused (ERR_MUTED, saying why) while the group or the member is muted.
    static std::optional<Error> writeRefusal(const GroupRecord &group, const GroupMemberRecord &me, qint64 nowMs);

    static Outcome muteMember(IStore &store, const AuthenticatedUser &user, const QString &gid, const QString &uid,
                              quint32 durationS, qint64 nowMs);
    // A member invites `invited` with approval on: those an owner or admin is friends with are returned, to be
    // added at once; the others wait as requests.
    static Result<QList<UserRecord>> askToJoin(IStore &store, InboxWriter &inbox, const GroupRecord &group,
                                               const AuthenticatedUser &inviter, const QList<UserRecord> &invited,
                                               qint64 nowMs);
    static Outcome joinRequests(IStore &store, const AuthenticatedUser &user, const QString &gid);
    static Outcome decide(const GroupLedger &ledger, IStore &store, const AuthenticatedUser &user, const QString &gid,
                          const QString &uid, bool approve, qint64 nowMs);
};

} // namespace parley::server
