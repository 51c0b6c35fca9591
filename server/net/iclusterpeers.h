#pragma once

#include "protocol/frame.h"

#include <QString>
#include <QtGlobal>

namespace parley::server {

// The other parleyd nodes of a cluster, as SessionRegistry reaches them: what it does to a user's sessions on
// this node, it asks them to do to that user's sessions on theirs. Thread-safe; nothing waits for them.
class IClusterPeers {
public:
    virtual ~IClusterPeers() = default;

    // `deviceId`: to that device's sessions only; empty: to all of the user's.
    virtual void push(qint64 userId, const Frame &frame, const QString &deviceId) = 0;
    // `issuedAtMs`: the sessions of the device that began before then (this node's wall clock).
    virtual void disconnectDevice(qint64 userId, const QString &deviceId, int reason, const QString &message,
                                  qint64 issuedAtMs) = 0;
    // The user's first session on this node was added or the last one removed: the peers' words about that
    // user are wanted here, or no longer.
    virtual void sessionsChanged(qint64 userId) = 0;
    // Whether the user has a session on another node, as far as this node has heard (any thread).
    virtual bool onlineElsewhere(qint64 userId) const = 0;
};

} // namespace parley::server
