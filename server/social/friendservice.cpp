#include "server/social/friendservice.h"

#include "protocol/limits.h"
#include "server/routing/requestrouter.h"

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

std::optional<Error> checkRemark(const std::string &remark)
{
    if (trimmedField(remark).size() <= limits::kMaxRemark)
        return std::nullopt;
    return Error(ErrorCode::TooLarge, u"a remark has at most %1 characters"_s.arg(limits::kMaxRemark));
}

} // namespace

void FriendService::addRoutes(RequestRouter &router)
{
    using Access = RequestPolicy::Access;
    using Budget = RequestPolicy::Budget;
    const RequestPolicy plain{Access::AfterConnect, Budget::None};
    const FriendLedger *ledger = &m_ledger;
    router.add<v1::AddFriendRequest>(
        SubSignal::FAR, {Access::AfterConnect, Budget::Lookup},
        [ledger](IStore &store, const Call &call, const v1::AddFriendRequest &r) {
            return ledger->request(store, call.me(), trimmedField(r.user_id()), trimmedField(r.greeting()),
                                   call.sessionId(), call.nowMs);
        },
        [](const v1::AddFriendRequest &r) -> std::optional<Error> {
            if (trimmedField(r.user_id()).isEmpty())
                return Error(ErrorCode::MalformedRequest, u"say whom to add"_s);
            if (trimmedField(r.greeting()).size() > limits::kMaxGreeting)
                return Error(ErrorCode::TooLarge, u"a greeting has at most %1 characters"_s.arg(limits::kMaxGreeting));
            return std::nullopt;
        });
    router.add<v1::FriendRequestsRequest>(SubSignal::FRP, plain,
                                          [ledger](IStore &store, const Call &call, const v1::FriendRequestsRequest &) {
                                              return ledger->listRequests(store, call.me(), call.nowMs);
                                          });
    router.add<v1::HandleFriendRequest>(
        SubSignal::FHR, plain,
        [ledger](IStore &store, const Call &call, const v1::HandleFriendRequest &r) {
            return ledger->handle(store, call.me(), r.request_id(), r.accept(), trimmedField(r.remark()),
                                  call.sessionId(), call.nowMs);
        },
        [](const v1::HandleFriendRequest &r) { return checkRemark(r.remark()); });
    router.add<v1::FriendListRequest>(SubSignal::FP, plain,
                                      [ledger](IStore &store, const Call &call, const v1::FriendListRequest &) {
                                          return ledger->contacts(store, call.me());
                                      });
    router.add<v1::UserRef>(SubSignal::FDL, plain, [ledger](IStore &store, const Call &call, const v1::UserRef &r) {
        return ledger->remove(store, call.me(), trimmedField(r.user_id()), call.sessionId(), call.nowMs);
    });
    router.add<v1::SetRemarkRequest>(
        SubSignal::FRM, plain,
        [ledger](IStore &store, const Call &call, const v1::SetRemarkRequest &r) {
            return ledger->setRemark(store, call.me(), trimmedField(r.user_id()), trimmedField(r.remark()),
                                     call.sessionId(), call.nowMs);
        },
        [](const v1::SetRemarkRequest &r) { return checkRemark(r.remark()); });
    router.add<v1::BlockRequest>(SubSignal::BLK, plain,
                                 [ledger](IStore &store, const Call &call, const v1::BlockRequest &r) {
                                     return ledger->block(store, call.me(), trimmedField(r.user_id()), r.blocked(),
                                                          call.sessionId(), call.nowMs);
                                 });
}

} // namespace parley::server
