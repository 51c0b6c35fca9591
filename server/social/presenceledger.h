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

// Presence: a user is online while any device is connected; otherwise "last seen" when the last one went
// offline, each asker seeing what PresenceRules allow. PS answers it for up to 100 users; when a user comes
// online, goes offline or changes the audience, the user's friends who are online are told (PSN) what each of
// them may see. Nothing else is told: others ask when they look.
class PresenceLedger {
public:
    PresenceLedger(StoreExecutor &executor, const SessionRegistry &registry, const IClock &clock)
        : m_executor(executor), m_registry(registry), m_clock(clock)
    {
    }

    // PS, on the storage thread.
    Outcome query(IStore &store, const Call &call, const QStringList &userIds) const;

    // Any thread. The user's first device came online or the last went offline: the time is kept as "last
    // seen", and friends are told.
    void onlineChanged(qint64 userId) const { announce(userId, true); }
    // Any thread, after the commit of a new audience: friends are told what they may see now.
    void audienceChanged(qint64 userId) const { announce(userId, false); }

private:
    void announce(qint64 userId, bool touchLastSeen) const;
    bool online(qint64 userId) const;
    static PresenceRules::Relation relation(IStore &store, qint64 viewerId, qint64 targetId);

    StoreExecutor &m_executor;
    const SessionRegistry &m_registry;
    const IClock &m_clock;
};

} // namespace parley::server
