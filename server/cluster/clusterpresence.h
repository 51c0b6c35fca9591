#pragma once

#include <QHash>
#include <QReadWriteLock>
#include <QSet>
#include <QtGlobal>

#include <functional>

class QObject;
class QTimer;

namespace parley::cluster::v1 {
class NodeNotice;
}

namespace parley::server {

// Who is online on the other nodes of a cluster: each node says on ClusterBus::presenceChannel() when a
// user's first session arrives there or the last one goes, answers a node that asks with the whole list (a
// snapshot, in chunks), and beats every kBeatMs. A node not heard for kSilentMs is gone, and its users with it.
// After this node was out of touch (it cannot know what it missed) it asks everyone again and tells its own
// list. Redis keeps nothing; presence is a view, so words that cannot be said at once are not kept: the next
// beat says everything again. Runs on ClusterBus's thread; onlineElsewhere() is safe from any thread.
class ClusterPresence {
public:
    static constexpr int kBeatMs = 5000;
    static constexpr int kSilentMs = 3 * kBeatMs;
    static constexpr int kUsersPerSnapshot = 5000; // per notice

    // Publishes on the presence channel now, or not at all (false).
    using Publish = std::function<bool(cluster::v1::NodeNotice &)>;
    // A user's being online elsewhere changed without his node saying so (a node gone, a snapshot after a
    // loss of touch): this node tells its own sessions who may see it.
    using Changed = std::function<void(qint64 userId)>;
    // The users with a session on this node.
    using UsersHere = std::function<QSet<qint64>()>;

    ClusterPresence(Publish publish, Changed changed, UsersHere usersHere);

    // Any thread.
    bool onlineElsewhere(qint64 userId) const;

    // ClusterBus's thread.
    void start(QObject *home);
    void stop();
    void localChanged(qint64 userId, bool online);
    // Out of touch with Redis (ours not heard, theirs not heard): once back, ask everyone and tell everything.
    void lostTouch()
    {
        m_resync = true;
        m_inTouch = false;
    }
    void inTouch(); // the subscription to the presence channel is confirmed (again)
    void onNotice(const cluster::v1::NodeNotice &notice);

private:
    struct Node {
        QSet<qint64> users;
        qint64 heardAtMs = 0;
        quint64 building = 0; // the snapshot being received
        QSet<qint64> incoming;
    };
    void beat();
    bool tellAll(); // false: not said (Redis away)
    // Sets one node's users; announced: a user who went online or offline everywhere else is told around.
    void replace(quint64 node, const QSet<qint64> &users, bool announce);
    void count(qint64 userId, int delta, bool announce);

    const Publish m_publish;
    const Changed m_changed;
    const UsersHere m_usersHere;
    QTimer *m_beat = nullptr;
    QHash<quint64, Node> m_nodes;
    bool m_resync = true;     // ask everyone and tell everything at the next chance
    bool m_inTouch = false;   // subscribed to the presence channel
    quint64 m_generation = 0; // of this node's snapshots

    mutable QReadWriteLock m_lock;
    QHash<qint64, int> m_elsewhere; // user → other nodes where online
};

} // namespace parley::server
