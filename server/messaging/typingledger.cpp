#include "server/messaging/typingledger.h"

#include "protocol/frame.h"
#include "protocol/protobufbytes.h"
#include "server/net/sessionregistry.h"
#include "server/storage/igroupstore.h"
#include "server/storage/isocialstore.h"
#include "server/storage/istore.h"

namespace parley::server {

using namespace Qt::StringLiterals;

Outcome TypingLedger::typing(IStore &store, const Call &call, const v1::TypingRequest &request) const
{
    const std::optional<UserRecord> peer = store.userByUid(QString::fromStdString(request.target()));
    if (!peer)
        return Error(ErrorCode::NotFound, u"no user with this id"_s);
    const qint64 me = call.me().userId;
    if (peer->id == me)
        return v1::Result(); // notes to myself: nobody to tell
    if (!m_allowStrangers && !store.social().contact(me, peer->id).isFriend && !store.groups().shareGroup(me, peer->id))
        return Error(ErrorCode::NotFriends, u"add this user as a friend to chat"_s);
    if (store.social().isBlocked(peer->id, me))
        return v1::Result(); // the same answer as any other: the sender is not told
    v1::TypingNotice notice;
    notice.set_from(call.me().uid.toStdString());
    notice.set_activity(request.activity());
    Outcome outcome{v1::Result()};
    outcome.afterCommit = [peerId = peer->id, frame = Frame{Signal::Push, SubSignal::MTN, 0, toBytes(notice)}](
                              SessionRegistry &registry) { registry.pushToUser(peerId, frame); };
    return outcome;
}

} // namespace parley::server
