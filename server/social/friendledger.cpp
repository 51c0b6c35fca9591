#include "server/social/friendledger.h"

#include "server/messaging/inboxwriter.h"
#include "server/social/socialwire.h"
#include "server/storage/istore.h"

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

// A request as `viewerId` sees it: expiry is derived from the time, and a rejection is shown to the sender
// as a request still waiting (until it expires).
v1::FriendRequest requestWire(IStore &store, const FriendRequestRecord &r, qint64 viewerId, qint64 nowMs)
{
    v1::FriendRequest w;
    w.set_request_id(r.id);
    if (const std::optional<ProfileRecord> from = store.social().profile(r.fromId))
        *w.mutable_from() = toWire(*from);
    if (const std::optional<ProfileRecord> to = store.social().profile(r.toId))
        *w.mutable_to() = toWire(*to);
    w.set_greeting(r.greeting.toStdString());
    w.set_created_at(r.createdAtMs);
    w.set_updated_at(r.updatedAtMs);
    w.set_expires_at(r.expiresAtMs);
    FriendRequestRecord::Status shown = r.status;
    if (shown == FriendRequestRecord::Rejected && viewerId == r.fromId)
        shown = FriendRequestRecord::Pending;
    if (shown == FriendRequestRecord::Pending)
        w.set_status(nowMs >= r.expiresAtMs ? v1::REQUEST_EXPIRED : v1::REQUEST_PENDING);
    else
        w.set_status(shown == FriendRequestRecord::Accepted ? v1::REQUEST_ACCEPTED : v1::REQUEST_REJECTED);
    return w;
}

// Tells the owner's devices how the owner now relates to `otherId`.
v1::Contact announceContact(IStore &store, InboxWriter &inbox, qint64 ownerId, qint64 otherId)
{
    const std::optional<ProfileRecord> other = store.social().profile(otherId);
    const v1::Contact contact = toWire(store.social().contact(ownerId, otherId), other.value_or(ProfileRecord{}));
    inbox.appendContact(ownerId, contact);
    return contact;
}

void makeFriends(IStore &store, qint64 a, qint64 b, const QString &remarkOfA, qint64 nowMs)
{
    ContactRecord ab = store.social().contact(a, b);
    ab.isFriend = true;
    ab.friendsSinceMs = nowMs;
    ab.blocked = false; // befriending someone ends my block of him
    if (!remarkOfA.isEmpty())
        ab.remark = remarkOfA;
    store.social().putContact(ab);
    ContactRecord ba = store.social().contact(b, a);
    ba.isFriend = true;
    ba.friendsSinceMs = nowMs;
    store.social().putContact(ba);
}

std::optional<UserRecord> otherUser(IStore &store, const AuthenticatedUser &user, const QString &uid)
{
    std::optional<UserRecord> other = store.userByUid(uid);
    if (other && other->id == user.userId)
        return std::nullopt;
    return other;
}

} // namespace

Outcome FriendLedger::request(IStore &store, const AuthenticatedUser &user, const QString &target,
                              const QString &greeting, qint64 nowMs) const
{
    const Policy &policy = m_policy;
    const std::optional<UserRecord> other = store.userByUid(target);
    if (!other || other->deleted || store.accounts().isDeleted(other->id)) // read now: another node may have deleted
        return Error(ErrorCode::NotFound, u"no user with this id"_s);
    if (other->id == user.userId)
        return Error(ErrorCode::Self, u"you cannot add yourself as a friend"_s);
    if (store.social().contact(user.userId, other->id).isFriend)
        return Error(ErrorCode::AlreadyFriends, u"you are friends already"_s);
    if (store.social().isBlocked(other->id, user.userId))
        return Error(ErrorCode::Refused, u"the request was not accepted"_s);

    InboxWriter inbox(store, nowMs);
    v1::Result result;
    // The other side asked me first: answering with a request of my own accepts theirs.
    if (std::optional<FriendRequestRecord> theirs = store.social().pendingRequest(other->id, user.userId);
        theirs && nowMs < theirs->expiresAtMs) {
        theirs->status = FriendRequestRecord::Accepted;
        theirs->updatedAtMs = nowMs;
        store.social().updateFriendRequest(*theirs);
        makeFriends(store, user.userId, other->id, {}, nowMs);
        for (const qint64 side : {user.userId, other->id}) {
            inbox.appendFriendRequest(side, requestWire(store, *theirs, side, nowMs));
            announceContact(store, inbox, side, side == user.userId ? other->id : user.userId);
        }
        *result.mutable_friend_request()->mutable_request() = requestWire(store, *theirs, user.userId, nowMs);
        return Outcome(result, inbox.takeDeliveries());
    }

    std::optional<FriendRequestRecord> request = store.social().pendingRequest(user.userId, other->id);
    bool notify = true;
    if (request && nowMs < request->expiresAtMs) {
        notify = nowMs - request->notifiedAtMs >= policy.repeatMs;
        request->greeting = greeting;
        request->updatedAtMs = nowMs;
        request->expiresAtMs = nowMs + policy.expiryMs;
        if (notify)
            request->notifiedAtMs = nowMs;
        store.social().updateFriendRequest(*request);
        result.mutable_friend_request()->set_merged(true);
    } else {
        request = FriendRequestRecord{
            0,    user.userId, other->id, greeting, FriendRequestRecord::Pending, nowMs, nowMs, nowMs + policy.expiryMs,
            nowMs};
        const std::optional<qint64> id = store.social().insertFriendRequest(*request);
        if (!id)
            return Error(ErrorCode::Unavailable, u"storage failed"_s);
        request->id = *id;
    }
    if (notify)
        inbox.appendFriendRequest(other->id, requestWire(store, *request, other->id, nowMs));
    inbox.appendFriendRequest(user.userId, requestWire(store, *request, user.userId, nowMs));
    *result.mutable_friend_request()->mutable_request() = requestWire(store, *request, user.userId, nowMs);
    return Outcome(result, inbox.takeDeliveries());
}

Outcome FriendLedger::listRequests(IStore &store, const AuthenticatedUser &user, qint64 nowMs) const
{
    const Policy &policy = m_policy;
    v1::Result result;
    v1::FriendRequestList *list = result.mutable_friend_requests();
    // Pending ones, and those decided or expired within the last expiry period.
    for (const FriendRequestRecord &r :
         store.social().friendRequestsOf(user.userId, nowMs - 2 * policy.expiryMs, kMaxListedRequests))
        *list->add_requests() = requestWire(store, r, user.userId, nowMs);
    return result;
}

Outcome FriendLedger::handle(IStore &store, const AuthenticatedUser &user, qint64 requestId, bool accept,
                             const QString &remark, qint64 nowMs) const
{
    std::optional<FriendRequestRecord> request = store.social().friendRequest(requestId);
    if (!request || request->toId != user.userId)
        return Error(ErrorCode::NotFound, u"no such friend request"_s); // someone else's looks like none
    if (request->status != FriendRequestRecord::Pending)
        return Error(ErrorCode::AlreadyHandled, u"the request was answered already"_s);
    if (accept && nowMs >= request->expiresAtMs)
        return Error(ErrorCode::RequestExpired, u"the request expired; send one yourself"_s);

    InboxWriter inbox(store, nowMs);
    request->status = accept ? FriendRequestRecord::Accepted : FriendRequestRecord::Rejected;
    request->updatedAtMs = nowMs;
    store.social().updateFriendRequest(*request);
    v1::Result result;
    *result.mutable_friend_request()->mutable_request() = requestWire(store, *request, user.userId, nowMs);
    inbox.appendFriendRequest(user.userId, result.friend_request().request());
    if (!accept)
        return Outcome(result, inbox.takeDeliveries());

    makeFriends(store, user.userId, request->fromId, remark, nowMs);
    inbox.appendFriendRequest(request->fromId, requestWire(store, *request, request->fromId, nowMs));
    announceContact(store, inbox, user.userId, request->fromId);
    announceContact(store, inbox, request->fromId, user.userId);
    return Outcome(result, inbox.takeDeliveries());
}

Outcome FriendLedger::contacts(IStore &store, const AuthenticatedUser &user) const
{
    v1::Result result;
    v1::ContactList *list = result.mutable_contacts();
    for (const ContactRecord &c : store.social().contacts(user.userId)) {
        if (const std::optional<ProfileRecord> other = store.social().profile(c.otherId))
            *list->add_contacts() = toWire(c, *other);
    }
    return result;
}

Outcome FriendLedger::remove(IStore &store, const AuthenticatedUser &user, const QString &uid, qint64 nowMs) const
{
    const std::optional<UserRecord> other = otherUser(store, user, uid);
    if (!other || !store.social().contact(user.userId, other->id).isFriend)
        return Error(ErrorCode::NotFriends, u"this user is not your friend"_s);
    for (const auto &[a, b] : {std::pair{user.userId, other->id}, std::pair{other->id, user.userId}}) {
        ContactRecord c = store.social().contact(a, b);
        c.isFriend = false;
        c.remark.clear();
        c.friendsSinceMs = 0;
        store.social().putContact(c);
    }
    InboxWriter inbox(store, nowMs);
    v1::Result result;
    *result.mutable_contact() = announceContact(store, inbox, user.userId, other->id);
    announceContact(store, inbox, other->id, user.userId);
    return Outcome(result, inbox.takeDeliveries());
}

Outcome FriendLedger::setRemark(IStore &store, const AuthenticatedUser &user, const QString &uid, const QString &remark,
                                qint64 nowMs) const
{
    const std::optional<UserRecord> other = otherUser(store, user, uid);
    ContactRecord c = other ? store.social().contact(user.userId, other->id) : ContactRecord{};
    if (!other || !c.isFriend)
        return Error(ErrorCode::NotFriends, u"remarks are for friends"_s);
    c.remark = remark;
    store.social().putContact(c);
    InboxWriter inbox(store, nowMs);
    v1::Result result;
    *result.mutable_contact() = announceContact(store, inbox, user.userId, other->id);
    return Outcome(result, inbox.takeDeliveries());
}

Outcome FriendLedger::block(IStore &store, const AuthenticatedUser &user, const QString &uid, bool blocked,
                            qint64 nowMs) const
{
    const std::optional<UserRecord> other = store.userByUid(uid);
    if (!other)
        return Error(ErrorCode::NotFound, u"no user with this id"_s);
    if (other->id == user.userId)
        return Error(ErrorCode::Self, u"you cannot block yourself"_s);
    ContactRecord c = store.social().contact(user.userId, other->id);
    c.blocked = blocked;
    store.social().putContact(c);
    InboxWriter inbox(store, nowMs);
    v1::Result result;
    *result.mutable_contact() = announceContact(store, inbox, user.userId, other->id);
    return Outcome(result, inbox.takeDeliveries());
}

} // namespace parley::server
