#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

namespace parley::server {

// Counts open links per peer address and refuses more than the limit. Thread-safe.
class AddressLimiter {
public:
    explicit AddressLimiter(int maxPerAddress) : m_max(maxPerAddress) {}

    bool tryAcquire(const QString &address);
    void release(const QString &address);
    int count(const QString &address) const;

private:
    const int m_max;
    mutable QMutex m_mutex;
    QHash<QString, int> m_open;
};

} // namespace parley::server
