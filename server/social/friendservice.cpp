#include "server/social/friendservice.h"

#include "protocol/limits.h"
#include "protocol/textrules.h"
#include "server/calls/callledger.h"
#include "server/messaging/conversationlock.h"
#include "server/routing/requestrouter.h"
#include "server/social/presenceledger.h"
#include "server/storage/lockkey.h"

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

std::optional<Error> checkRemark(const std::string &remark)
{
    return limits::nameError(trimmedField(remark), limits::kMaxRemark, u"a remark"_s);
}

// A request about someone names them: without it, it is malformed (not "not friends" or "not found").
std::optional<Error> checkWhom(const std::string &userId)
{
    if (trimmedField(userId).isEmpty())
        return Error(ErrorCode::MalformedRequest, u"say whom"_s);
    return std::nullopt;
}

// `outcome`'s afterCommit, then `next`.
void thenAfterCommit(Outcome &outcome, std::function<void(SessionRegistry &)> next)
{
    outcome.afterCommit = [before = std::move(outcome.afterCommit), next = std::move(next)](SessionRegistry &registry) {
        if (before)
            before(registry);
        next(registry);
    };
}

// After a change between `me` and the other user has been committed, both see the other's presence anew.
Outcome tellingPresence(Outcome outcome, const PresenceLedger &presence, qint64 me, const QString &otherUid)
{
    if (outcome.result.code() != v1::ERR_NONE || otherUid.isEmpty())
        return outcome;
    thenAfterCommit(outcome,
                    [&presence, me, other = otherUid](SessionRegistry &) { presence.relationChanged(me, other); });
    return outcome;
}

// A block also ends a call between the two: the call's record and notices go with the block's.
Outcome endingTheirCall(Outcome blocked, IStore &store, const CallLedger &calls, const Call &call,
                        const QString &otherUid)
{
    if (blocked.result.code() != v1::ERR_NONE)
        return blocked;
    Outcome ended = calls.endCallWith(store, call.me(), otherUid, call.nowMs);
    if (ended.result.code() != v1::ERR_NONE)
        return ended;
    blocked.deliveries.append(ended.deliveries);
    if (ended.afterCommit)
        thenAfterCommit(blocked, std::move(ended.afterCommit));
    return blocked;
}

} // namespace

void FriendService::addRoutes(RequestRouter &router, const PresenceLedger &presence, const CallLedger &calls)
{
    using Access = RequestPolicy::Access;
    using Budget = RequestPolicy::Budget;
    const RequestPolicy plain{Access::AfterConnect, Budget::None};
    const FriendLedger *ledger = &m_ledger;
    router.add<v1::AddFriendRequest>(
        SubSignal::FAR, {Access::AfterConnect, Budget::Lookup},
        [ledger](IStore &store, const Call &call, const v1::AddFriendRequest &r) {
            return ledger->request(store, call.me(), trimmedField(r.user_id()), trimmedField(r.greeting()), call.nowMs);
        },
        [](const v1::AddFriendRequest &r) -> std::optional<Error> {
            if (std::optional<Error> nobody = checkWhom(r.user_id()))
                return nobody;
            return limits::nameError(trimmedField(r.greeting()), limits::kMaxGreeting, u"a greeting"_s);
        });
    router.add<v1::FriendRequestsRequest>(SubSignal::FRP, plain,
                                          [ledger](IStore &store, const Call &call, const v1::FriendRequestsRequest &) {
                                              return ledger->listRequests(store, call.me(), call.nowMs);
                                          });
    router.add<v1::HandleFriendRequest>(
        SubSignal::FHR, plain,
        [ledger, &presence](IStore &store, const Call &call, const v1::HandleFriendRequest &r) {
            Outcome outcome =
                ledger->handle(store, call.me(), r.request_id(), r.accept(), trimmedField(r.remark()), call.nowMs);
            const QString from = QString::fromStdString(outcome.result.friend_request().request().from().user_id());
            return r.accept() ? tellingPresence(std::move(outcome), presence, call.me().userId, from) : outcome;
        },
        [](const v1::HandleFriendRequest &r) { return checkRemark(r.remark()); });
    router.add<v1::FriendListRequest>(SubSignal::FP, plain,
                                      [ledger](IStore &store, const Call &call, const v1::FriendListRequest &) {
                                          return ledger->contacts(store, call.me());
                                      });
    router.add<v1::UserRef>(
        SubSignal::FDL, plain,
        [ledger, &presence](IStore &store, const Call &call, const v1::UserRef &r) {
            return tellingPresence(ledger->remove(store, call.me(), trimmedField(r.user_id()), call.nowMs), presence,
                                   call.me().userId, trimmedField(r.user_id()));
        },
        [](const v1::UserRef &r) { return checkWhom(r.user_id()); });
    router.add<v1::SetRemarkRequest>(
        SubSignal::FRM, plain,
        [ledger](IStore &store, const Call &call, const v1::SetRemarkRequest &r) {
            return ledger->setRemark(store, call.me(), trimmedField(r.user_id()), trimmedField(r.remark()), call.nowMs);
        },
        [](const v1::SetRemarkRequest &r) {
            std::optional<Error> wrong = checkWhom(r.user_id());
            return wrong ? wrong : checkRemark(r.remark());
        });
    router.add<v1::BlockRequest>(
        SubSignal::BLK, plain,
        [ledger, &presence, &calls](IStore &store, const Call &call, const v1::BlockRequest &r) {
            const QString other = trimmedField(r.user_id());
            Outcome outcome = ledger->block(store, call.me(), other, r.blocked(), call.nowMs);
            if (r.blocked())
                outcome = endingTheirCall(std::move(outcome), store, calls, call, other);
            return tellingPresence(std::move(outcome), presence, call.me().userId, other);
        },
        [](const v1::BlockRequest &r) { return checkWhom(r.user_id()); },
        // A block takes those of a call between the two and of the conversation its record would go to, as an
        // invite does.
        [](const AuthenticatedUser &me, const v1::BlockRequest &r) {
            if (!r.blocked())
                return QList<qint64>();
            const QString other = trimmedField(r.user_id());
            return QList<qint64>{ConversationLock::keyOf(me.uid, v1::CONVERSATION_PRIVATE, other.toStdString()),
                                 LockKey::ofCallsOf(me.uid), LockKey::ofCallsOf(other)};
        });
}

} // namespace parley::server
