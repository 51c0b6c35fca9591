#include "server/social/presenceledger.h"

#include "protocol/frame.h"
#include "protocol/protobufbytes.h"
#include "server/iclock.h"
#include "server/net/sessionregistry.h"
#include "server/storage/isocialstore.h"
#include "server/storage/istore.h"
#include "server/storage/lockkey.h"
#include "server/storage/storeexecutor.h"

#include <functional>

namespace parley::server {

using namespace Qt::StringLiterals;

PresenceRules::Relation PresenceLedger::relation(IStore &store, qint64 viewerId, qint64 targetId)
{
    const ContactRecord mine = store.social().contact(viewerId, targetId);
    return PresenceRules::Relation{mine.isFriend, mine.blocked, store.social().isBlocked(targetId, viewerId)};
}

bool PresenceLedger::online(qint64 userId) const
{
    return m_registry.onlineAnywhere(userId);
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

namespace {

struct Push {
    qint64 to;
    Frame frame;
};
using Pushes = QList<Push>;

Push pushOf(qint64 to, const v1::Presence &presence)
{
    return Push{to, Frame{Signal::Push, SubSignal::PSN, 0, toBytes(presence)}};
}

// Runs `work` on the storage thread and makes the pushes it answers once its batch is committed (`hereOnly`: to
// this node's sessions). A failed batch (StoreExecutor logs it) or a shutdown pushes nothing: the next change
// tells.
void submitPushes(StoreExecutor &executor, const SessionRegistry &registry, std::function<Pushes(IStore &)> work,
                  bool hereOnly = false, QList<qint64> lockKeys = {})
{
    executor.submit<Pushes>(
        std::move(work),
        [&registry, hereOnly](const Pushes &pushes) {
            for (const Push &push : pushes) {
                if (hereOnly)
                    registry.pushHere(push.to, [&push] { return push.frame; });
                else
                    registry.pushToUser(push.to, push.frame);
            }
        },
        [](const Error &) {}, std::move(lockKeys));
}

} // namespace

void PresenceLedger::onlineChanged(qint64 userId, bool fromElsewhere) const
{
    announce(userId, true, m_registry.clustered(), !fromElsewhere);
}

void PresenceLedger::announce(qint64 userId, bool onlineChange, bool hereOnly, bool keepLastSeen) const
{
    submitPushes(
        m_executor, m_registry,
        [this, userId, onlineChange, hereOnly, keepLastSeen](IStore &store) {
            Pushes pushes;
            const qint64 nowMs = m_clock.nowMs();
            if (keepLastSeen)
                store.social().setLastSeen(userId, nowMs);
            std::optional<ProfileRecord> target = store.social().profile(userId);
            if (!target)
                return pushes;
            // Online or not as the registry says now, not as the event said: of two quick changes, the later
            // job tells the state they left.
            const bool targetOnline = online(userId);
            for (const qint64 friendId : store.social().friendIds(userId)) {
                if (hereOnly ? m_registry.sessionCount(friendId) == 0 : !online(friendId))
                    continue;
                const std::optional<ProfileRecord> viewer = store.social().profile(friendId);
                if (!viewer)
                    continue;
                const PresenceRules::Relation rel = relation(store, friendId, userId);
                const v1::Presence presence = PresenceRules::view(*target, targetOnline, *viewer, rel, nowMs);
                const bool exact =
                    presence.state() == v1::PRESENCE_ONLINE || presence.state() == v1::PRESENCE_LAST_SEEN;
                if (onlineChange ? exact : !rel.targetBlockedViewer)
                    pushes.append(pushOf(friendId, presence));
            }
            return pushes;
        },
        hereOnly, keepLastSeen ? QList<qint64>{LockKey::ofUser(userId)} : QList<qint64>{});
}

void PresenceLedger::relationChanged(qint64 userId, const QString &otherUid) const
{
    submitPushes(m_executor, m_registry, [this, userId, otherUid](IStore &store) {
        Pushes pushes;
        const std::optional<UserRecord> other = store.userByUid(otherUid);
        const std::optional<ProfileRecord> me = store.social().profile(userId);
        const std::optional<ProfileRecord> them = other ? store.social().profile(other->id) : std::nullopt;
        if (!me || !them)
            return pushes;
        const qint64 nowMs = m_clock.nowMs();
        pushes.append(pushOf(
            me->id, PresenceRules::view(*them, online(them->id), *me, relation(store, me->id, them->id), nowMs)));
        pushes.append(pushOf(
            them->id, PresenceRules::view(*me, online(me->id), *them, relation(store, them->id, me->id), nowMs)));
        return pushes;
    });
}

void PresenceLedger::keepSeen() const
{
    const QList<qint64> users = m_registry.onlineUsers();
    // In small jobs, each declaring its users' rows like every writer of them: messages queued meanwhile go in
    // between, and a batch holds few locks of PostgreSQL's shared lock table.
    constexpr qsizetype kUsersPerJob = 100;
    for (qsizetype first = 0; first < users.size(); first += kUsersPerJob) {
        const QList<qint64> some = users.mid(first, kUsersPerJob);
        QList<qint64> keys;
        keys.reserve(some.size());
        for (const qint64 user : some)
            keys.append(LockKey::ofUser(user));
        m_executor.submit<Done>(
            [this, some](IStore &store) {
                const qint64 nowMs = m_clock.nowMs();
                for (const qint64 user : some)
                    store.social().setLastSeen(user, nowMs);
                return Done{};
            },
            {}, {}, std::move(keys));
    }
}

} // namespace parley::server
