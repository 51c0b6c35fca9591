#include "server/net/addresslimiter.h"

namespace parley::server {

bool AddressLimiter::tryAcquire(const QString &address)
{
    QMutexLocker lock(&m_mutex);
    int &n = m_open[address];
    if (n >= m_max) {
        if (n == 0)
            m_open.remove(address);
        return false;
    }
    ++n;
    return true;
}

void AddressLimiter::release(const QString &address)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_open.find(address);
    if (it == m_open.end())
        return;
    if (--*it <= 0)
        m_open.erase(it);
}

int AddressLimiter::count(const QString &address) const
{
    QMutexLocker lock(&m_mutex);
    return m_open.value(address);
}

} // namespace parley::server
