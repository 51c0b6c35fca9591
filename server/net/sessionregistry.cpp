#include "server/net/sessionregistry.h"

#include "server/net/arrivalwatch.h"
#include "server/net/session.h"

#include <QDateTime>

namespace parley::server {

bool SessionRegistry::add(qint64 userId, SessionRef session, const QString &deviceId, ArrivalWatch *arrival)
{
    Q_ASSERT(!arrival || arrival->userId() == userId);
    QWriteLocker lock(&m_lock);
    QList<Entry> &sessions = m_byUser[userId];
    sessions.append(Entry{session, deviceId, QDateTime::currentMSecsSinceEpoch()});
    ++m_total;
    const bool first = sessions.size() == 1;
    const bool missed = arrival && arrival->end();
    lock.unlock();
    // Another node may have committed for this user between the session's inbox head and now, and pushed only
    // to the sessions it knew of: in a cluster the device always pulls once to be sure.
    const bool hinted = missed || m_peers;
    if (hinted)
        session.post([](Session &s) { s.push(inboxHint()); });
    if (m_peers && first)
        m_peers->sessionsChanged(userId);
    if (first && m_presenceListener)
        m_presenceListener(userId, false);
    return hinted;
}

void SessionRegistry::remove(qint64 userId, quint64 sessionId)
{
    QWriteLocker lock(&m_lock);
    auto it = m_byUser.find(userId);
    if (it == m_byUser.end())
        return;
    const qsizetype removed = it->removeIf([sessionId](const Entry &e) { return e.session.id == sessionId; });
    m_total -= int(removed);
    const bool last = removed > 0 && it->isEmpty();
    if (it->isEmpty())
        m_byUser.erase(it);
    lock.unlock();
    if (last && m_peers)
        m_peers->sessionsChanged(userId);
    if (last && m_presenceListener)
        m_presenceListener(userId, false);
}

void SessionRegistry::pushToUser(qint64 userId, const Frame &frame, quint64 exceptSessionId) const
{
    pushToUser(
        userId, [&frame] { return frame; }, exceptSessionId);
}

void SessionRegistry::pushToUser(qint64 userId, const std::function<Frame()> &makeFrame, quint64 exceptSessionId) const
{
    if (!m_peers) {
        pushHere(userId, makeFrame, exceptSessionId);
        return;
    }
    const Frame frame = makeFrame(); // whether another node has a session of the user is not known here
    pushHere(
        userId, [&frame] { return frame; }, exceptSessionId);
    m_peers->push(userId, frame, QString());
}

void SessionRegistry::pushToDevice(qint64 userId, const QString &deviceId, const Frame &frame) const
{
    pushHere(
        userId, [&frame] { return frame; }, 0, deviceId);
    if (m_peers)
        m_peers->push(userId, frame, deviceId);
}

void SessionRegistry::pushInboxItem(qint64 userId, const std::function<Frame()> &makeFrame) const
{
    // Nobody arriving (nearly always): no lock. A watch begun after this read began after this item's commit, so
    // the head it reads covers the item.
    if (m_watches.load() != 0) {
        // Under m_lock, which add() holds to end a watch: the push either finds the session added, or was
        // counted before (then the session pulls, and may get the push too).
        QReadLocker lock(&m_lock);
        QMutexLocker arrivals(&m_arrivalLock);
        if (const auto it = m_arrivals.find(userId); it != m_arrivals.end())
            ++it->pushes;
    }
    pushToUser(userId, makeFrame);
}

void SessionRegistry::pushHere(qint64 userId, const std::function<Frame()> &makeFrame, quint64 exceptSessionId,
                               const QString &onlyDevice) const
{
    QReadLocker lock(&m_lock);
    const auto it = m_byUser.constFind(userId);
    if (it == m_byUser.cend())
        return;
    std::optional<Frame> frame;
    for (const Entry &e : *it) {
        if (e.session.id == exceptSessionId || (!onlyDevice.isEmpty() && e.deviceId != onlyDevice))
            continue;
        if (!frame)
            frame = makeFrame();
        e.session.post([frame = *frame](Session &s) { s.push(frame); });
    }
}

quint64 SessionRegistry::beginArrival(qint64 userId)
{
    QMutexLocker lock(&m_arrivalLock);
    Arrivals &arrivals = m_arrivals[userId];
    ++arrivals.watches;
    m_watches.fetch_add(1);
    return arrivals.pushes;
}

bool SessionRegistry::endArrival(qint64 userId, quint64 pushesBefore)
{
    QMutexLocker lock(&m_arrivalLock);
    const auto it = m_arrivals.find(userId);
    Q_ASSERT(it != m_arrivals.end());
    const bool pushed = it->pushes != pushesBefore;
    if (--it->watches == 0)
        m_arrivals.erase(it);
    m_watches.fetch_sub(1);
    return pushed;
}

void SessionRegistry::disconnectDevice(qint64 userId, const QString &deviceId, int reason, const QString &message) const
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    disconnectDeviceHere(userId, deviceId, reason, message);
    if (m_peers)
        m_peers->disconnectDevice(userId, deviceId, reason, message, now);
}

void SessionRegistry::disconnectDeviceHere(qint64 userId, const QString &deviceId, int reason, const QString &message,
                                           qint64 beganBeforeMs) const
{
    QReadLocker lock(&m_lock);
    for (const Entry &e : m_byUser.value(userId)) {
        if (e.deviceId == deviceId && e.addedAtMs <= beganBeforeMs)
            e.session.post([reason, message](Session &s) { s.disconnect(v1::DisconnectReason(reason), message); });
    }
}

void SessionRegistry::disconnectSessionRecordHere(qint64 userId, const QString &deviceId, qint64 sessionRecordId,
                                                  int reason, const QString &message) const
{
    QReadLocker lock(&m_lock);
    for (const Entry &e : m_byUser.value(userId)) {
        if (e.deviceId != deviceId)
            continue;
        e.session.post([sessionRecordId, reason, message](Session &s) {
            if (s.user() && s.user()->sessionRecordId == sessionRecordId)
                s.disconnect(v1::DisconnectReason(reason), message);
        });
    }
}

void SessionRegistry::disconnectSession(const SessionRef &session, int reason, const QString &message) const
{
    session.post([reason, message](Session &s) { s.disconnect(v1::DisconnectReason(reason), message); });
}

QSet<QString> SessionRegistry::onlineDevices(qint64 userId) const
{
    QReadLocker lock(&m_lock);
    QSet<QString> devices;
    for (const Entry &e : m_byUser.value(userId))
        devices.insert(e.deviceId);
    return devices;
}

QList<qint64> SessionRegistry::onlineUsers() const
{
    QReadLocker lock(&m_lock);
    return m_byUser.keys();
}

int SessionRegistry::sessionCount(qint64 userId) const
{
    QReadLocker lock(&m_lock);
    return int(m_byUser.value(userId).size());
}

bool SessionRegistry::onlineAnywhere(qint64 userId) const
{
    return sessionCount(userId) > 0 || (m_peers && m_peers->onlineElsewhere(userId));
}

void SessionRegistry::elsewhereChanged(qint64 userId) const
{
    // Online anywhere flipped only if not online here; nobody to tell if nobody is here.
    if (m_presenceListener && sessionCount(userId) == 0 && totalSessions() > 0)
        m_presenceListener(userId, true);
}

int SessionRegistry::totalSessions() const
{
    QReadLocker lock(&m_lock);
    return m_total;
}

void SessionRegistry::setShutOut(qint64 userId, RevokeReason why)
{
    QWriteLocker lock(&m_lock);
    if (why != RevokeReason::None)
        m_shutOut.insert(userId, why);
    else
        m_shutOut.remove(userId);
}

RevokeReason SessionRegistry::shutOut(qint64 userId) const
{
    QReadLocker lock(&m_lock);
    return m_shutOut.value(userId, RevokeReason::None);
}

} // namespace parley::server
