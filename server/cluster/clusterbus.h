#pragma once

#include "server/cluster/clusterbudgets.h"
#include "server/cluster/clusterpresence.h"
#include "server/cluster/redislink.h"
#include "server/net/iclusterpeers.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSet>

#include <QMutex>

#include <memory>

class QThread;
class QTimer;

namespace parley::server {

class SessionRegistry;

// How the parleyd nodes of a cluster tell each other what to push, through Redis publish/subscribe: a node
// subscribes to the channel of each user with a session on it, and publishes on a user's channel what its
// own commits push to that user (PUSH frames) and the devices it logs out. Everything runs on a thread of
// its own; the IClusterPeers calls are safe from any thread and never wait.
//
// Redis keeps nothing: a word published while a node is out of touch is not delivered later. So whenever
// this node may have missed words, it pushes MNH to its sessions and their devices pull the inbox: for a user
// when Redis confirms the user's subscription; to everyone every kOutOfTouchHintMs until the subscription to
// parley:everyone is confirmed (at start, after a loss); to everyone when another node says so — after it
// kept more than kMaxUnpublished words while Redis was away, and when it starts (a node that crashed may have
// committed without publishing). Inbox pushes and device disconnects that cannot be published yet wait
// here, in order (kMaxUnpublished, kMaxInFlight); typing, presence, activity and settings notices do not
// (stale, they would mislead). A graceful stop sends what waits before it closes (kStopFlushMs). Who is online
// on the other nodes (ClusterPresence) is heard on presenceChannel(); the users' budgets (ClusterBudgets) are
// kept on the same thread, with a Redis connection of their own.
class ClusterBus final : public IClusterPeers {
public:
    static constexpr int kOutOfTouchHintMs = 5000;    // MNH to every session here while Redis is out of reach
    static constexpr int kMaxUnpublished = 10000;     // words kept to publish once Redis is back (then: everyone pulls)
    static constexpr int kChannelsPerSubscribe = 500; // when subscribing again to every user here
    static constexpr int kMaxInFlight = 10000;        // PUBLISHes unanswered; then they wait here
    static constexpr int kStopFlushMs = 1000;         // a stopping node waits this long for its last words

    ClusterBus(RedisLink::Address redis, SessionRegistry &registry, ClusterBudgets::Rate send,
               ClusterBudgets::Rate lookup);
    ~ClusterBus() override;

    void start();
    void stop(); // before the registry goes; nothing reaches it afterwards

    quint64 nodeId() const { return m_nodeId; }
    ISharedBudgets *budgets() { return &m_budgets; }
    static QByteArray channelOf(qint64 userId);
    static QByteArray everyoneChannel();
    static QByteArray presenceChannel();

    void push(qint64 userId, const Frame &frame, const QString &deviceId) override;
    void disconnectDevice(qint64 userId, const QString &deviceId, int reason, const QString &message,
                          qint64 issuedAtMs) override;
    void sessionsChanged(qint64 userId) override;
    bool onlineElsewhere(qint64 userId) const override { return m_presence.onlineElsewhere(userId); }

private:
    // The bus thread's part.
    void open();
    // `kept`: waits here while it cannot be published (inbox pushes, disconnects); others are dropped then.
    void publish(const QByteArray &channel, const QByteArray &notice, bool kept);
    void keep(const QByteArray &channel, const QByteArray &notice);
    bool send(const QByteArray &channel, const QByteArray &notice, bool kept); // false: not sent, not kept
    bool canSend() const;
    void publishEveryone();
    void publishUnpublished();
    void reconcile(qint64 userId);
    void subscribeAll();
    void onMessage(const QByteArray &channel, const QByteArray &payload);
    void hintEveryoneHere() const;
    void post(std::function<void()> work);

    const RedisLink::Address m_redis;
    SessionRegistry &m_registry;
    const quint64 m_nodeId;
    ClusterBudgets m_budgets;
    ClusterPresence m_presence;
    std::unique_ptr<QThread> m_thread;
    QObject *m_home = nullptr;     // lives on m_thread: the context of everything posted there
    RedisLink *m_publisher = nullptr;
    RedisLink *m_subscriber = nullptr; // a connection that subscribed may send nothing else
    QTimer *m_outOfTouch = nullptr;
    QSet<qint64> m_subscribed;     // users with a session here: the channels wanted
    QList<std::pair<QByteArray, QByteArray>> m_unpublished; // (channel, notice) while the publisher is down
    bool m_unpublishedOverflowed = false;
    bool m_startAnnounced = false;
    int m_inFlight = 0;
    qint64 m_refusedPublishes = 0;
    QMutex m_postLock; // post() against stop(): nothing is posted to m_home once stopping began
    bool m_stopped = false;
};

} // namespace parley::server
