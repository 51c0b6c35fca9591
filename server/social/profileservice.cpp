#include "server/social/profileservice.h"

#include "protocol/limits.h"
#include "server/routing/requestrouter.h"
#include "server/social/profileledger.h"

namespace parley::server {

using namespace Qt::StringLiterals;

void ProfileService::addRoutes(RequestRouter &router)
{
    using Access = RequestPolicy::Access;
    using Budget = RequestPolicy::Budget;
    router.add<v1::UserSearchRequest>(
        SubSignal::US, {Access::AfterConnect, Budget::Lookup},
        [](IStore &store, const Call &call, const v1::UserSearchRequest &r) {
            return ProfileLedger::search(store, call.me(), trimmedField(r.query()));
        },
        [](const v1::UserSearchRequest &r) -> std::optional<Error> {
            const QString query = trimmedField(r.query());
            if (query.isEmpty() || query.size() > limits::kMaxSearchQuery)
                return Error(ErrorCode::MalformedRequest, u"search for a phone number or a user id"_s);
            return std::nullopt;
        });
    router.add<v1::UserInfoRequest>(
        SubSignal::UPUI, {Access::AfterConnect, Budget::None},
        [](IStore &store, const Call &, const v1::UserInfoRequest &r) {
            QStringList ids;
            for (const std::string &id : r.user_ids())
                ids.append(QString::fromStdString(id));
            ids.removeDuplicates();
            return ProfileLedger::info(store, ids);
        },
        [](const v1::UserInfoRequest &r) -> std::optional<Error> {
            if (r.user_ids_size() > kMaxInfoIds)
                return Error(ErrorCode::TooLarge, u"at most %1 users per request"_s.arg(kMaxInfoIds));
            return std::nullopt;
        });
    router.add<v1::ModifyMyInfoRequest>(
        SubSignal::MMI, {Access::AfterConnect, Budget::None},
        [](IStore &store, const Call &call, const v1::ModifyMyInfoRequest &r) {
            return ProfileLedger::modify(store, call.me(), r, call.sessionId(), call.nowMs);
        },
        [](const v1::ModifyMyInfoRequest &r) -> std::optional<Error> {
            if (r.has_nickname()) {
                const QString nickname = trimmedField(r.nickname());
                if (nickname.isEmpty() || nickname.size() > limits::kMaxNickname)
                    return Error(nickname.isEmpty() ? ErrorCode::MalformedRequest : ErrorCode::TooLarge,
                                 u"a nickname has 1 to %1 characters"_s.arg(limits::kMaxNickname));
            }
            if (r.has_signature() && trimmedField(r.signature()).size() > limits::kMaxSignature)
                return Error(ErrorCode::TooLarge,
                             u"a signature has at most %1 characters"_s.arg(limits::kMaxSignature));
            if (r.has_avatar() && trimmedField(r.avatar()).size() > limits::kMaxFileId)
                return Error(ErrorCode::MalformedRequest, u"an avatar is a file id"_s);
            return std::nullopt;
        });
}

} // namespace parley::server
