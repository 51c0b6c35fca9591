#pragma once

#include "protocol/frame.h"
#include "server/net/iclusterpeers.h"
#include "server/net/sessionref.h"
#include "server/storage/records.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QReadWriteLock>
#include <QSet>
#include <QString>

#include <atomic>
#include <functional>
#include <limits>

namespace parley::server {

class ArrivalWatch;

// Which sessions are online for which user, across all network threads, so that a committed message
// can be pushed to every device of its recipients. Thread-safe; pushes are posted, never run inline.
class SessionRegistry {
public:
    // Called (on the calling thread, outside the lock) when a user's first session here is added or the last
    // one removed, and (`fromElsewhere`) when a user without a session here came online or went offline on the
    // other nodes as far as this node has heard. Set once, before any session.
    using PresenceListener = std::function<void(qint64 userId, bool fromElsewhere)>;
    void setPresenceListener(PresenceListener listener) { m_presenceListener = std::move(listener); }
    // The other nodes of a cluster (none: a single node). Set once, before any session.
    void setPeers(IClusterPeers *peers) { m_peers = peers; }
    bool clustered() const { return m_peers != nullptr; }

    // `arrival`, the watch begun before the session's inbox head was read: if the user was pushed anything
    // meanwhile, the session is hinted to pull (after its CONNECT_ACK, which the caller sends next). Returns
    // whether it is (always in a cluster).
    bool add(qint64 userId, SessionRef session, const QString &deviceId, ArrivalWatch *arrival = nullptr);
    void remove(qint64 userId, quint64 sessionId);

    // PUSH MNH: the device pulls its inbox, since pushes may have been missed (several nodes).
    static Frame inboxHint() { return Frame{Signal::Push, SubSignal::MNH, 0, {}}; }

    // Posts `frame` to every online session of the user except `exceptSessionId` (a session of this node),
    // here and on the other nodes. Each session gives it its own header messageId.
    void pushToUser(qint64 userId, const Frame &frame, quint64 exceptSessionId = 0) const;
    // The same, with the frame made only if the user has a session to push it to (once for all of them).
    void pushToUser(qint64 userId, const std::function<Frame()> &makeFrame, quint64 exceptSessionId = 0) const;
    // `frame` to the sessions of one device of the user (a call's signals, for the device in the call), here and on
    // the other nodes.
    void pushToDevice(qint64 userId, const QString &deviceId, const Frame &frame) const;
    // An inbox item (PUSH MN) to every online session of the user, none excepted (the one whose request made it
    // too); a session of the user on its way in (ArrivalWatch) pulls once added.
    void pushInboxItem(qint64 userId, const std::function<Frame()> &makeFrame) const;
    // The same, to this node's sessions only (what another node asked for); with `onlyDevice`, to that device's.
    void pushHere(qint64 userId, const std::function<Frame()> &makeFrame, quint64 exceptSessionId = 0,
                  const QString &onlyDevice = QString()) const;

    // Sends DISCONNECT with `reason` to every online session of that user on that device, on every node.
    void disconnectDevice(qint64 userId, const QString &deviceId, int reason, const QString &message) const;
    // The same, on this node only, to the device's sessions that began before `beganBeforeMs` (wall clock).
    void disconnectDeviceHere(qint64 userId, const QString &deviceId, int reason, const QString &message,
                              qint64 beganBeforeMs = std::numeric_limits<qint64>::max()) const;
    // The same, on this node only, to the device's session opened with the token of `sessionRecordId` alone.
    void disconnectSessionRecordHere(qint64 userId, const QString &deviceId, qint64 sessionRecordId, int reason,
                                     const QString &message) const;
    // Sends DISCONNECT with `reason` to one session, online or not yet.
    void disconnectSession(const SessionRef &session, int reason, const QString &message) const;
    // Of this node's sessions.
    QSet<QString> onlineDevices(qint64 userId) const;
    QList<qint64> onlineUsers() const;
    int sessionCount(qint64 userId) const;
    // A session here or, in a cluster, on another node.
    bool onlineAnywhere(qint64 userId) const;
    // ClusterBus: the user's being online on other nodes flipped in this node's view.
    void elsewhereChanged(qint64 userId) const;
    int totalSessions() const;
    // Users shut out on this node (suspended by an operator, or deleted) while they may have had a CONNECT on its
    // way (AdminCommands, AccountDeletion): a session added after that is refused at once for that reason
    // (Session::onConnectOutcome), one added before is among those the change disconnects — the lock orders the
    // two. RevokeReason::None lets the user in again.
    void setShutOut(qint64 userId, RevokeReason why);
    RevokeReason shutOut(qint64 userId) const;

private:
    friend class ArrivalWatch;
    // How many pushes to the user have been counted so far, counting from now on until endArrival.
    quint64 beginArrival(qint64 userId);
    // Whether the user was pushed anything since `pushesBefore`.
    bool endArrival(qint64 userId, quint64 pushesBefore);
    struct Arrivals {
        int watches = 0;
        quint64 pushes = 0;
    };
    struct Entry {
        SessionRef session;
        QString deviceId;
        qint64 addedAtMs = 0;
    };
    mutable QReadWriteLock m_lock;
    QHash<qint64, QList<Entry>> m_byUser;
    QHash<qint64, RevokeReason> m_shutOut;
    int m_total = 0;
    mutable QMutex m_arrivalLock; // after m_lock when both are taken
    mutable QHash<qint64, Arrivals> m_arrivals;
    std::atomic<int> m_watches{0}; // inbox pushes take no lock for arrivals while nobody is arriving
    PresenceListener m_presenceListener;
    IClusterPeers *m_peers = nullptr;
};

} // namespace parley::server
