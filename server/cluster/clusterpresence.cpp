#include "server/cluster/clusterpresence.h"

#include "cluster/nodenotice.pb.h"

#include <QObject>
#include <QTimer>

#include <chrono>

namespace parley::server {

namespace {

qint64 nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

} // namespace

ClusterPresence::ClusterPresence(Publish publish, Changed changed, UsersHere usersHere)
    : m_publish(std::move(publish)), m_changed(std::move(changed)), m_usersHere(std::move(usersHere))
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
        m_resync = true; // not heard: said again in full once Redis is back
}

void ClusterPresence::inTouch()
{
    m_inTouch = true;
    // What was heard before the loss is all there is until the snapshots come: no node is gone for that.
    const qint64 now = nowMs();
    for (Node &node : m_nodes)
        node.heardAtMs = now;
    if (!m_resync)
        return;
    cluster::v1::NodeNotice wanted;
    wanted.mutable_snapshot_wanted();
    m_resync = !(m_publish(wanted) && tellAll());
}

bool ClusterPresence::tellAll()
{
    const QSet<qint64> users = m_usersHere();
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
        m_resync = true; // the others may count this node gone meanwhile: it tells them everything once back
    else if (m_resync && m_inTouch)
        inTouch();
    if (!m_inTouch)
        return; // silence heard from out of touch says nothing about the others
    const qint64 now = nowMs();
    const QList<quint64> nodes = m_nodes.keys();
    for (const quint64 id : nodes) {
        if (now - m_nodes.value(id).heardAtMs > kSilentMs) {
            replace(id, {}, true);
            m_nodes.remove(id);
        }
    }
}

void ClusterPresence::onNotice(const cluster::v1::NodeNotice &notice)
{
    Node &node = m_nodes[notice.origin()];
    node.heardAtMs = nowMs();
    switch (notice.what_case()) {
    case cluster::v1::NodeNotice::kPresence: {
        const qint64 userId = notice.presence().user_id();
        if (notice.presence().online() == node.users.contains(userId))
            return;
        if (notice.presence().online())
            node.users.insert(userId);
        else
            node.users.remove(userId);
        count(userId, notice.presence().online() ? 1 : -1, false); // its node told them
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
            replace(notice.origin(), std::exchange(node.incoming, {}), true);
            node.building = 0;
        }
        return;
    }
    case cluster::v1::NodeNotice::kSnapshotWanted:
        if (!tellAll())
            m_resync = true;
        return;
    default: return; // a beat: heard
    }
}

void ClusterPresence::replace(quint64 id, const QSet<qint64> &users, bool announce)
{
    Node &node = m_nodes[id];
    const QSet<qint64> before = std::exchange(node.users, users);
    for (const qint64 userId : before) {
        if (!users.contains(userId))
            count(userId, -1, announce);
    }
    for (const qint64 userId : users) {
        if (!before.contains(userId))
            count(userId, 1, announce);
    }
}

void ClusterPresence::count(qint64 userId, int delta, bool announce)
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
    if (flipped && announce)
        m_changed(userId);
}

} // namespace parley::server
