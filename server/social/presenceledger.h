#pragma once

#include "parley.pb.h"
#include "server/routing/call.h"
#include "server/routing/outcome.h"
#include "server/social/presencerules.h"

#include <QStringList>

namespace parley::server {

class IClock;
class IStore;
class SessionRegistry;
class StoreExecutor;

// Presence: a user is online while any device is connected (to any node of a cluster: SessionRegistry::
// onlineAnywhere); otherwise "last seen" when the last one went
// offline, each asker seeing what PresenceRules allow. PS answers it for up to 100 users. Pushes (PSN), to
// online sessions only: when a user comes online or goes offline, to the friends who see it exactly (the others'
// approximation does not change, and the moment is not theirs to learn); when the user changes the audience,
// to every friend the user did not block; when two users' relation changes (friends, unfriended, blocked), to
// both. Others ask when they look. The last seen time of users online is also kept now and then (keepSeen),
// and at shutdown, so that a crash loses little.
class PresenceLedger {
public:
    PresenceLedger(StoreExecutor &executor, const SessionRegistry &registry, const IClock &clock)
        : m_executor(executor), m_registry(registry), m_clock(clock)
    {
    }

    // PS, on the storage thread.
    Outcome query(IStore &store, const Call &call, const QStringList &userIds) const;

    // Any thread. The user's first device came online or the last went offline, here or (`fromElsewhere`) on
    // the other nodes as this node heard it: friends are told, and for a change here the time is kept as "last
    // seen". In a cluster every node tells its own sessions when its view flips, so all of them end told the
    // last state whatever order the nodes heard things in.
    void onlineChanged(qint64 userId, bool fromElsewhere) const;
    // Any thread, after the commit of a new audience: friends are told what they may see now.
    void audienceChanged(qint64 userId) const { announce(userId, false, false, false); }
    // Any thread, after the commit of a change between the two (accepted, deleted, blocked, unblocked): each is
    // told what they may see of the other now.
    void relationChanged(qint64 userId, const QString &otherUid) const;
    // Any thread: keeps "now" as the last seen time of everyone online (for a crash or a shutdown).
    void keepSeen() const;

private:
    // onlineChange: the user came or went; otherwise the audience changed. hereOnly: to this node's sessions.
    // keepLastSeen: now is kept as the user's last seen time.
    void announce(qint64 userId, bool onlineChange, bool hereOnly, bool keepLastSeen) const;
    bool online(qint64 userId) const;
    static PresenceRules::Relation relation(IStore &store, qint64 viewerId, qint64 targetId);

    StoreExecutor &m_executor;
    const SessionRegistry &m_registry;
    const IClock &m_clock;
};

} // namespace parley::server
