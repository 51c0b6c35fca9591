#include "core/people/deviceactivity.h"

#include "common/threadaffinity.h"
#include "core/net/connection.h"
#include "parley.pb.h"
#include "protocol/limits.h"

#include <QDateTime>
#include <QTimer>

#include <algorithm>

namespace parley {

DeviceActivity::DeviceActivity(Connection &connection, QObject *parent)
    : QObject(parent), m_connection(connection), m_repeat(new QTimer(this)), m_expiry(new QTimer(this))
{
    m_repeat->setInterval(limits::kActivityRepeatMs);
    connect(m_repeat, &QTimer::timeout, this, &DeviceActivity::tell);
    m_expiry->setSingleShot(true);
    connect(m_expiry, &QTimer::timeout, this, [this] {
        const bool before = othersActive();
        prune();
        if (othersActive() != before)
            Q_EMIT othersActiveChanged(othersActive());
    });
}

void DeviceActivity::setActive(bool active)
{
    PARLEY_ASSERT_OWN_THREAD();
    if (active == m_active)
        return;
    m_active = active;
    if (active)
        m_repeat->start();
    else
        m_repeat->stop();
    tell();
}

void DeviceActivity::tell()
{
    if (!m_connection.isOnline())
        return; // said again when online
    v1::ActivityRequest request;
    request.set_active(m_active);
    m_connection.request(SubSignal::DA, request, [](const Result<v1::Result> &) {});
}

void DeviceActivity::onOnline()
{
    PARLEY_ASSERT_OWN_THREAD();
    if (m_active)
        tell();
}

void DeviceActivity::onOffline()
{
    PARLEY_ASSERT_OWN_THREAD();
    if (m_others.isEmpty())
        return;
    m_others.clear(); // unknown while offline: notifications are not held back for devices that may be gone
    m_expiry->stop();
    Q_EMIT othersActiveChanged(false);
}

void DeviceActivity::onPush(const v1::ActivityNotice &notice)
{
    PARLEY_ASSERT_OWN_THREAD();
    const bool before = othersActive();
    const QString device = QString::fromStdString(notice.device_id());
    if (notice.active())
        m_others.insert(device, QDateTime::currentMSecsSinceEpoch() + limits::kActivityValidMs);
    else
        m_others.remove(device);
    prune();
    if (othersActive() != before)
        Q_EMIT othersActiveChanged(othersActive());
}

void DeviceActivity::prune()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_others.removeIf([now](const auto &it) { return it.value() <= now; });
    if (!m_others.isEmpty()) {
        const qint64 next = *std::min_element(m_others.cbegin(), m_others.cend());
        m_expiry->start(int(next - now));
    } else {
        m_expiry->stop();
    }
}

} // namespace parley
