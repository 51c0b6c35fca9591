#include "server/auth/accountservice.h"

#include "server/auth/codebook.h"
#include "server/routing/requestrouter.h"
#include "server/storage/istore.h"

namespace parley::server {

using namespace Qt::StringLiterals;

void AccountService::addRoutes(RequestRouter &router)
{
    router.add<v1::DeleteAccountRequest>(
        SubSignal::DLA, {RequestPolicy::Access::AfterConnect, RequestPolicy::Budget::None},
        [this](IStore &store, const Call &call, const v1::DeleteAccountRequest &request) -> Outcome {
            const std::optional<UserRecord> me = store.userByUid(call.me().uid);
            if (!me)
                return Error(ErrorCode::Unavailable, u"storage failed"_s);
            if (me->deleted)
                return Error(ErrorCode::AccountDeleted, u"this account was deleted"_s);
            if (const Result<Done> verified = m_codes.verify(store, me->phone, QString::fromStdString(request.code()),
                                                             CodePurpose::DeleteAccount);
                !verified)
                return verified.error();
            return m_deletion.erase(store, *me, call.nowMs);
        });
}

} // namespace parley::server
