#include "server/social/profileledger.h"

#include "common/phonenumber.h"
#include "server/files/fileledger.h"
#include "server/messaging/inboxwriter.h"
#include "server/social/socialwire.h"
#include "server/storage/istore.h"

namespace parley::server {

using namespace Qt::StringLiterals;

Outcome ProfileLedger::search(IStore &store, const AuthenticatedUser &user, const QString &query)
{
    std::optional<ProfileRecord> found;
    if (const std::optional<QString> phone = PhoneNumber::normalize(query)) {
        if (const std::optional<UserRecord> byPhone = store.userByPhone(*phone)) {
            found = store.social().profile(byPhone->id);
            if (found && !found->findableByPhone && found->id != user.userId)
                found.reset(); // the same empty answer as for a number nobody has
        }
    } else if (const std::optional<UserRecord> byId = store.userByUid(query); byId && !byId->deleted) {
        found = store.social().profile(byId->id);
    }
    v1::Result result;
    v1::UserList *users = result.mutable_users();
    if (found)
        *users->add_users() = toWire(*found);
    return result;
}

Outcome ProfileLedger::info(IStore &store, const QStringList &userIds)
{
    v1::Result result;
    v1::UserList *users = result.mutable_users(); // an empty list when none matched, not no answer
    for (const ProfileRecord &p : store.social().profilesByUid(userIds))
        *users->add_users() = toWire(p);
    return result;
}

Outcome ProfileLedger::modify(IStore &store, const AuthenticatedUser &user, const v1::ModifyMyInfoRequest &request,
                              qint64 nowMs)
{
    std::optional<ProfileRecord> profile = store.social().profile(user.userId);
    if (!profile)
        return Error(ErrorCode::Unavailable, u"storage failed"_s);
    const ProfileRecord before = *profile;
    if (request.has_nickname())
        profile->nickname = trimmedField(request.nickname());
    if (request.has_avatar() && trimmedField(request.avatar()) != before.avatar) {
        const QString avatar = trimmedField(request.avatar());
        if (const Result<Done> usable = FileLedger::checkAvatar(store, user.userId, avatar); !usable)
            return usable.error();
        profile->avatar = avatar;
    }
    if (request.has_signature())
        profile->signature = trimmedField(request.signature());
    if (request.has_findable_by_phone())
        profile->findableByPhone = request.findable_by_phone();
    if (request.has_presence_audience())
        profile->presenceAudience = request.presence_audience();

    v1::Result result;
    *result.mutable_my_info()->mutable_profile() = toWire(*profile);
    result.mutable_my_info()->set_findable_by_phone(profile->findableByPhone);
    result.mutable_my_info()->set_presence_audience(v1::PresenceAudience(profile->presenceAudience));
    const bool publicChange = profile->nickname != before.nickname || profile->avatar != before.avatar ||
                              profile->signature != before.signature;
    if (!publicChange && profile->findableByPhone == before.findableByPhone &&
        profile->presenceAudience == before.presenceAudience)
        return result;
    store.social().updateProfile(*profile);
    if (!publicChange)
        return result;

    // My devices see me as a contact of mine; my friends see my new profile.
    InboxWriter inbox(store, nowMs);
    v1::Contact self;
    *self.mutable_profile() = toWire(*profile);
    inbox.appendContact(user.userId, self);
    for (const qint64 friendId : store.social().friendIds(user.userId))
        inbox.appendContact(friendId, toWire(store.social().contact(friendId, user.userId), *profile));
    return Outcome(result, inbox.takeDeliveries());
}

} // namespace parley::server
