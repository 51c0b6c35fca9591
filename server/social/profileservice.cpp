#include "server/social/profileservice.h"

#include "common/phonenumber.h"
#include "server/iclock.h"
#include "server/social/socialwire.h"
#include "server/storage/istore.h"

namespace parley::server {

using namespace Qt::StringLiterals;

Outcome ProfileService::searchIn(IStore &store, const AuthenticatedUser &user, const QString &query)
{
    std::optional<ProfileRecord> found;
    if (const std::optional<QString> phone = PhoneNumber::normalize(query)) {
        if (const std::optional<UserRecord> byPhone = store.userByPhone(*phone)) {
            found = store.social().profile(byPhone->id);
            if (found && !found->findableByPhone && found->id != user.userId)
                found.reset(); // the same empty answer as for a number nobody has
        }
    } else if (const std::optional<UserRecord> byId = store.userByUid(query)) {
        found = store.social().profile(byId->id);
    }
    v1::Result result;
    v1::UserList *users = result.mutable_users();
    if (found)
        *users->add_users() = toWire(*found);
    return result;
}

void ProfileService::search(const RequestContext &context, const v1::UserSearchRequest &request, Reply reply)
{
    const QString query = trimmedField(request.query());
    if (query.isEmpty() || query.size() > kMaxAvatarLength) {
        reply(errorResult(ErrorCode::MalformedRequest, u"search for a phone number or a user id"_s));
        return;
    }
    const AuthenticatedUser user = *context.user;
    runOutcome(m_store, m_registry, std::move(reply),
               [user, query](IStore &store) { return searchIn(store, user, query); });
}

void ProfileService::info(const RequestContext &, const v1::UserInfoRequest &request, Reply reply)
{
    if (request.user_ids_size() > kMaxInfoIds) {
        reply(errorResult(ErrorCode::TooLarge, u"at most %1 users per request"_s.arg(kMaxInfoIds)));
        return;
    }
    QStringList ids;
    for (const std::string &id : request.user_ids())
        ids.append(QString::fromStdString(id));
    ids.removeDuplicates();
    runOutcome(m_store, m_registry, std::move(reply), [ids](IStore &store) {
        v1::Result result;
        for (const ProfileRecord &p : store.social().profilesByUid(ids))
            *result.mutable_users()->add_users() = toWire(p);
        return Outcome(result);
    });
}

Outcome ProfileService::modifyIn(IStore &store, const AuthenticatedUser &user, const v1::ModifyMyInfoRequest &request,
                                 quint64 sessionId, qint64 nowMs)
{
    std::optional<ProfileRecord> profile = store.social().profile(user.userId);
    if (!profile)
        return Error(ErrorCode::Unavailable, u"storage failed"_s);
    const ProfileRecord before = *profile;
    if (request.has_nickname())
        profile->nickname = trimmedField(request.nickname());
    if (request.has_avatar())
        profile->avatar = trimmedField(request.avatar());
    if (request.has_signature())
        profile->signature = trimmedField(request.signature());
    if (request.has_findable_by_phone())
        profile->findableByPhone = request.findable_by_phone();

    v1::Result result;
    *result.mutable_my_info()->mutable_profile() = toWire(*profile);
    result.mutable_my_info()->set_findable_by_phone(profile->findableByPhone);
    const bool publicChange = profile->nickname != before.nickname || profile->avatar != before.avatar ||
                              profile->signature != before.signature;
    if (!publicChange && profile->findableByPhone == before.findableByPhone)
        return result;
    store.social().updateProfile(*profile);
    if (!publicChange)
        return result;

    // My other devices see themselves as a contact of mine; my friends see my new profile.
    InboxWriter inbox(store, nowMs);
    v1::Contact self;
    *self.mutable_profile() = toWire(*profile);
    inbox.appendContact(user.userId, self, sessionId);
    for (const qint64 friendId : store.social().friendIds(user.userId))
        inbox.appendContact(friendId, toWire(store.social().contact(friendId, user.userId), *profile));
    return Outcome(result, inbox.takeDeliveries());
}

void ProfileService::modify(const RequestContext &context, const v1::ModifyMyInfoRequest &request, Reply reply)
{
    if (request.has_nickname() &&
        (trimmedField(request.nickname()).isEmpty() || trimmedField(request.nickname()).size() > kMaxNicknameLength)) {
        reply(
            errorResult(trimmedField(request.nickname()).isEmpty() ? ErrorCode::MalformedRequest : ErrorCode::TooLarge,
                        u"a nickname has 1 to %1 characters"_s.arg(kMaxNicknameLength)));
        return;
    }
    if (request.has_signature() && trimmedField(request.signature()).size() > kMaxSignatureLength) {
        reply(errorResult(ErrorCode::TooLarge, u"a signature has at most %1 characters"_s.arg(kMaxSignatureLength)));
        return;
    }
    if (request.has_avatar() && trimmedField(request.avatar()).size() > kMaxAvatarLength) {
        reply(errorResult(ErrorCode::TooLarge, u"the avatar reference is too long"_s));
        return;
    }
    const AuthenticatedUser user = *context.user;
    const quint64 sessionId = context.session.id;
    runOutcome(m_store, m_registry, std::move(reply), [this, user, request, sessionId](IStore &store) {
        return modifyIn(store, user, request, sessionId, m_clock.nowMs());
    });
}

} // namespace parley::server
