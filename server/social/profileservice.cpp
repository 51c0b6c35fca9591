#include "server/social/profileservice.h"

#include "protocol/limits.h"
#include "protocol/textrules.h"
#include "server/routing/requestrouter.h"
#include "server/social/presenceledger.h"
#include "server/social/profileledger.h"
#include "server/storage/lockkey.h"

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

QStringList uniqueIds(const google::protobuf::RepeatedPtrField<std::string> &userIds)
{
    QStringList ids;
    for (const std::string &id : userIds)
        ids.append(QString::fromStdString(id));
    ids.removeDuplicates();
    return ids;
}

std::optional<Error> checkIdCount(int count)
{
    if (count > ProfileService::kMaxInfoIds)
        return Error(ErrorCode::TooLarge, u"at most %1 users per request"_s.arg(ProfileService::kMaxInfoIds));
    return std::nullopt;
}

} // namespace

void ProfileService::addRoutes(RequestRouter &router, const PresenceLedger &presence)
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
            if (query.isEmpty() || limits::characters(query) > limits::kMaxSearchQuery)
                return Error(ErrorCode::MalformedRequest, u"search for a phone number or a user id"_s);
            return std::nullopt;
        });
    router.add<v1::UserInfoRequest>(
        SubSignal::UPUI, {Access::AfterConnect, Budget::None},
        [](IStore &store, const Call &, const v1::UserInfoRequest &r) {
            return ProfileLedger::info(store, uniqueIds(r.user_ids()));
        },
        [](const v1::UserInfoRequest &r) { return checkIdCount(r.user_ids_size()); });
    router.add<v1::PresenceRequest>(
        SubSignal::PS, {Access::AfterConnect, Budget::None},
        [&presence](IStore &store, const Call &call, const v1::PresenceRequest &r) {
            return presence.query(store, call, uniqueIds(r.user_ids()));
        },
        [](const v1::PresenceRequest &r) { return checkIdCount(r.user_ids_size()); });
    router.add<v1::ModifyMyInfoRequest>(
        SubSignal::MMI, {Access::AfterConnect, Budget::None},
        [&presence](IStore &store, const Call &call, const v1::ModifyMyInfoRequest &r) {
            Outcome outcome = ProfileLedger::modify(store, call.me(), r, call.nowMs);
            if (r.has_presence_audience() && outcome.result.code() == v1::ERR_NONE) {
                outcome.afterCommit = [&presence, me = call.me().userId](SessionRegistry &) {
                    presence.audienceChanged(me);
                };
            }
            return outcome;
        },
        [](const v1::ModifyMyInfoRequest &r) -> std::optional<Error> {
            if (r.has_nickname()) {
                const QString nickname = trimmedField(r.nickname());
                if (nickname.isEmpty() || limits::characters(nickname) > limits::kMaxNickname)
                    return Error(nickname.isEmpty() ? ErrorCode::MalformedRequest : ErrorCode::TooLarge,
                                 u"a nickname has 1 to %1 characters"_s.arg(limits::kMaxNickname));
                if (auto unclean = limits::uncleanNameError(nickname, u"a nickname"_s))
                    return unclean;
            }
            if (r.has_signature()) {
                if (auto wrong =
                        limits::nameError(trimmedField(r.signature()), limits::kMaxSignature, u"a signature"_s))
                    return wrong;
            }
            if (r.has_avatar() && trimmedField(r.avatar()).size() > limits::kMaxFileId)
                return Error(ErrorCode::MalformedRequest, u"an avatar is a file id"_s);
            if (r.has_presence_audience() && !v1::PresenceAudience_IsValid(r.presence_audience()))
                return Error(ErrorCode::MalformedRequest, u"unknown presence audience"_s);
            return std::nullopt;
        },
        [](const AuthenticatedUser &me, const v1::ModifyMyInfoRequest &) {
            return QList<qint64>{LockKey::ofUser(me.userId)}; // it writes the users row
        });
}

} // namespace parley::server
