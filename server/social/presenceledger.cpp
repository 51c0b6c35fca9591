#include "server/social/presenceledger.h"

#include "protocol/frame.h"
#include "protocol/protobufbytes.h"
#include "server/iclock.h"
#include "server/net/sessionregistry.h"
#include "server/storage/isocialstore.h"
#include "server/storage/istore.h"
#include "server/storage/storeexecutor.h"

namespace parley::server {

using namespace Qt::StringLiterals;

PresenceRules::Relation PresenceLedger::relation(IStore &store, qint64 viewerId, qint64 targetId)
{
    const ContactRecord mine = store.social().contact(viewerId, targetId);
    return PresenceRules::Relation{mine.isFriend, mine.blocked, store.social().isBlocked(targetId, viewerId)};
}

bool PresenceLedger::online(qint64 userId) const
{
    return m_registry.sessionCount(userId) > 0;
}

Outcome PresenceLedger::query(IStore &store, const Call &call, const QStringList &userIds) const
{
    const std::optional<ProfileRecord> viewer = store.social().profile(call.me().userId);
    if (!viewer)
        return Error(ErrorCode::Unavailable, u"storage failed"_s);
    v1::Result result;
    v1::PresenceList *list = result.mutable_presences();
    for (const ProfileRecord &target : store.social().profilesByUid(userIds)) {
        *list->add_presences() =
            PresenceRules::view(target, online(target.id), *viewer, relation(store, viewer->id, target.id), call.nowMs);
    }
    return result;
}

void PresenceLedger::announce(qint64 userId, bool touchLastSeen) const
{
    struct Push {
        qint64 to;
        Frame frame;
    };
    using Pushes = QList<Push>;
    m_executor.submit<Pushes>(
        [this, userId, touchLastSeen](IStore &store) {
            Pushes pushes;
            const qint64 nowMs = m_clock.nowMs();
            if (touchLastSeen)
                store.social().setLastSeen(userId, nowMs);
            std::optional<ProfileRecord> target = store.social().profile(userId);
            if (!target)
                return pushes;
            // Online or not as the registry says now, not as the event said: of two quick changes, the later
            // job tells the state they left.
            const bool targetOnline = online(userId);
            for (const qint64 friendId : store.social().friendIds(userId)) {
                if (!online(friendId))
                    continue;
                const std::optional<ProfileRecord> viewer = store.social().profile(friendId);
                if (!viewer)
                    continue;
                const v1::Presence presence =
                    PresenceRules::view(*target, targetOnline, *viewer, relation(store, friendId, userId), nowMs);
                pushes.append(Push{friendId, Frame{Signal::Push, SubSignal::PSN, 0, toBytes(presence)}});
            }
            return pushes;
        },
        [this](const Pushes &pushes) {
            for (const Push &push : pushes)
                m_registry.pushToUser(push.to, push.frame);
        },
        [](const Error &) {}); // shutting down, or a failed batch (StoreExecutor logs it): the next change tells
}

} // namespace parley::server
