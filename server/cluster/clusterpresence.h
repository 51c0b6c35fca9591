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
// user's first session arrives there or the last one goes, answers a node that asks with its whole list (a
// snapshot, in chunks, which replaces what every node knew of it), and beats every kBeatMs. A node not heard
// for kSilentMs is gone, and its users with it; one heard of without its list is asked for it. Each node tells
// its own sessions whenever a user's being online anywhere flips in its own view (Changed), so every node's
// sessions end up told the last state, whatever order the words arrive in. Redis keeps nothing: words that
// cannot be said are not kept; the node says its whole list at the next chance instead (after its publisher
// was lost or a word could not be sent), and asks for everyone's after it could not hear (a lost subscription,
// at start). A stopping node says goodbye (an empty list). Runs on ClusterBus's thread; onlineElsewhere() is
// safe from any thread.
class ClusterPresence {
public:
    static constexpr int kBeatMs = 5000;
    static constexpr int kSilentMs = 3 * kBeatMs;
    static constexpr int kUsersPerSnapshot = 5000; // per notice

    // Publishes on the presence channel now, or not at all (false).
    using Publish = std::function<bool(cluster::v1::NodeNotice &)>;
    // A user's being online on the other nodes flipped in this node's view.
    using Changed = std::function<void(qint64 userId)>;
    // The users with a session on this node.
    using UsersHere = std::function<QSet<qint64>()>;

    ClusterPresence(quint64 nodeId, Publish publish, Changed changed, UsersHere usersHere);

    // Any thread.
    bool onlineElsewhere(qint64 userId) const;

    // ClusterBus's thread.
    void start(QObject *home);
    void sayGoodbye(); // an empty list: the others count this node's users gone at once
    void stop();
    void localChanged(qint64 userId, bool online);
    void publisherLost() { m_mustTell = true; } // what it said on the way may be lost
    void subscriberLost() { m_inTouch = false; }
    void inTouch(); // the subscription to the presence channel is confirmed (again)
    void onNotice(const cluster::v1::NodeNotice &notice);

private:
    struct Node {
        QSet<qint64> users;
        qint64 heardAtMs = 0;
        bool listed = false;  // a whole list came (or was asked for)
        quint64 building = 0; // the snapshot being received
        QSet<qint64> incoming;
    };
    void beat();
    void catchUp();           // asks and tells what is owed
    bool ask(quint64 nodeId); // 0: everyone
    bool tellAll(bool goodbye = false);
    void replace(Node &node, const QSet<qint64> &users);
    void count(qint64 userId, int delta);

    const quint64 m_nodeId;
    const Publish m_publish;
    const Changed m_changed;
    const UsersHere m_usersHere;
    QTimer *m_beat = nullptr;
    QHash<quint64, Node> m_nodes;
    bool m_mustAsk = true;    // for everyone's lists (at start, after a lost subscription)
    bool m_mustTell = true;   // this node's list (at start, after words of it were lost)
    bool m_inTouch = false;   // subscribed to the presence channel
    quint64 m_generation = 0; // of this node's snapshots

    mutable QReadWriteLock m_lock;
    QHash<qint64, int> m_elsewhere; // user → other nodes where online
};

} // namespace parley::server
