#include "server/cluster/clusterpresence.h"

#include "cluster/nodenotice.pb.h"
#include "server/net/ioworker.h"

#include <QObject>
#include <QTimer>

namespace parley::server {

ClusterPresence::ClusterPresence(quint64 nodeId, Publish publish, Changed changed, UsersHere usersHere)
    : m_nodeId(nodeId), m_publish(std::move(publish)), m_changed(std::move(changed)), m_usersHere(std::move(usersHere))
{
}

bool ClusterPresence::onlineElsewhere(qint64 userId) const
{
    QReadLocker lock(&m_lock);
    return m_elsewhere.value(userId) > 0;
}

void ClusterPresence::start(QObject *home)
{
    m_beat = new QTimer(home);
    m_beat->setInterval(kBeatMs);
    QObject::connect(m_beat, &QTimer::timeout, home, [this] { beat(); });
    m_beat->start();
}

void ClusterPresence::sayGoodbye()
{
    tellAll(true);
}

void ClusterPresence::stop()
{
    delete m_beat;
    m_beat = nullptr;
}

void ClusterPresence::localChanged(qint64 userId, bool online)
{
    cluster::v1::NodeNotice notice;
    cluster::v1::PresenceChange *change = notice.mutable_presence();
    change->set_user_id(userId);
    change->set_online(online);
    if (!m_publish(notice))
        m_mustTell = true;
}

void ClusterPresence::inTouch()
{
    if (!m_inTouch) {
        m_inTouch = true;
        m_mustAsk = true; // what was said meanwhile is not heard
        // What was heard before is all there is until the lists come: nobody is gone for the silence.
        const qint64 now = IoWorker::monotonicMs();
        for (Node &node : m_nodes)
            node.heardAtMs = now;
    }
    catchUp();
}

void ClusterPresence::catchUp()
{
    if (m_mustTell && tellAll())
        m_mustTell = false;
    if (m_mustAsk && m_inTouch && ask(0))
        m_mustAsk = false;
}

bool ClusterPresence::ask(quint64 nodeId)
{
    cluster::v1::NodeNotice wanted;
    wanted.mutable_snapshot_wanted()->set_node(nodeId);
    return m_publish(wanted);
}

bool ClusterPresence::tellAll(bool goodbye)
{
    const QSet<qint64> users = goodbye ? QSet<qint64>() : m_usersHere();
    const quint64 generation = ++m_generation;
    auto it = users.cbegin();
    do {
        cluster::v1::NodeNotice notice;
        cluster::v1::PresenceSnapshot *snapshot = notice.mutable_snapshot();
        snapshot->set_generation(generation);
        for (int n = 0; n < kUsersPerSnapshot && it != users.cend(); ++n, ++it)
            snapshot->add_user_ids(*it);
        snapshot->set_last(it == users.cend());
        if (!m_publish(notice))
            return false;
    } while (it != users.cend());
    return true;
}

void ClusterPresence::beat()
{
    cluster::v1::NodeNotice notice;
    notice.mutable_beat();
    if (!m_publish(notice))
        m_mustTell = true; // the others may count this node gone meanwhile
    catchUp();
    if (!m_inTouch)
        return; // silence heard while out of touch says nothing about the others
    const qint64 now = IoWorker::monotonicMs();
    for (auto it = m_nodes.begin(); it != m_nodes.end();) {
        if (now - it->heardAtMs > kSilentMs) {
            replace(*it, {});
            it = m_nodes.erase(it);
        } else {
            ++it;
        }
    }
}

void ClusterPresence::onNotice(const cluster::v1::NodeNotice &notice)
{
    Node &node = m_nodes[notice.origin()];
    node.heardAtMs = IoWorker::monotonicMs();
    if (!node.listed && notice.what_case() != cluster::v1::NodeNotice::kSnapshot) {
        // Heard of without its list (it started while this node was away, or was counted gone): asked for it.
        node.listed = ask(notice.origin());
    }
    switch (notice.what_case()) {
    case cluster::v1::NodeNotice::kPresence: {
        const qint64 userId = notice.presence().user_id();
        if (notice.presence().online() == node.users.contains(userId))
            return;
        if (notice.presence().online())
            node.users.insert(userId);
        else
            node.users.remove(userId);
        count(userId, notice.presence().online() ? 1 : -1);
        return;
    }
    case cluster::v1::NodeNotice::kSnapshot: {
        const cluster::v1::PresenceSnapshot &snapshot = notice.snapshot();
        if (snapshot.generation() != node.building) {
            node.building = snapshot.generation();
            node.incoming.clear();
        }
        for (const qint64 userId : snapshot.user_ids())
            node.incoming.insert(userId);
        if (snapshot.last()) {
            replace(node, std::exchange(node.incoming, {}));
            node.building = 0;
            node.listed = true;
        }
        return;
    }
    case cluster::v1::NodeNotice::kSnapshotWanted:
        if (const quint64 asked = notice.snapshot_wanted().node(); (asked == 0 || asked == m_nodeId) && !tellAll())
            m_mustTell = true;
        return;
    default: return; // a beat: heard
    }
}

void ClusterPresence::replace(Node &node, const QSet<qint64> &users)
{
    const QSet<qint64> before = std::exchange(node.users, users);
    for (const qint64 userId : before) {
        if (!users.contains(userId))
            count(userId, -1);
    }
    for (const qint64 userId : users) {
        if (!before.contains(userId))
            count(userId, 1);
    }
}

void ClusterPresence::count(qint64 userId, int delta)
{
    bool flipped = false;
    {
        QWriteLocker lock(&m_lock);
        int &n = m_elsewhere[userId];
        flipped = (n == 0) != (n + delta == 0);
        n += delta;
        if (n <= 0)
            m_elsewhere.remove(userId);
    }
    if (flipped)
        m_changed(userId);
}

} // namespace parley::server
