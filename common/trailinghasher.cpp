#include "common/trailinghasher.h"

#include <QFile>

#include <algorithm>

namespace parley {

TrailingHasher::TrailingHasher(QString path, Post post) : m_path(std::move(path)), m_post(std::move(post))
{
}

void TrailingHasher::extendTo(quint64 offset)
{
    {
        std::lock_guard guard(m_mutex);
        if (offset <= m_target || m_spent)
            return;
        m_target = offset;
        if (m_working || m_queued || m_failed)
            return; // the running slice goes on to the new target
        m_queued = true;
    }
    m_post([self = shared_from_this()] { self->runSlice(); });
}

quint64 TrailingHasher::target() const
{
    std::lock_guard guard(m_mutex);
    return m_target;
}

void TrailingHasher::runSlice()
{
    quint64 from = 0, to = 0;
    {
        std::lock_guard guard(m_mutex);
        m_queued = false;
        if (m_working || m_spent || m_failed || m_hashed >= m_target)
            return;
        m_working = true;
        from = m_hashed;
        to = std::min(m_target, m_hashed + kSliceBytes);
    }
    const bool ok = hashRange(from, to);
    bool again = false;
    {
        std::lock_guard guard(m_mutex);
        m_working = false;
        m_failed = m_failed || !ok;
        if (ok)
            m_hashed = to;
        again = !m_failed && !m_spent && m_hashed < m_target && !m_queued;
        m_queued = again;
    }
    m_idle.notify_all();
    if (again) // behind the other uploads' slices
        m_post([self = shared_from_this()] { self->runSlice(); });
}

bool TrailingHasher::hashRange(quint64 from, quint64 to)
{
    if (to <= from)
        return true;
    QFile file(m_path);
    return file.open(QIODevice::ReadOnly | QIODevice::Unbuffered) && file.seek(qint64(from)) &&
           m_hash.addFrom(file, qint64(to - from));
}

QByteArray TrailingHasher::result()
{
    quint64 from = 0, to = 0;
    {
        std::unique_lock lock(m_mutex);
        m_idle.wait(lock, [this] { return !m_working; });
        if (m_spent)
            return {};
        m_spent = true;
        if (m_failed)
            return {};
        from = m_hashed;
        to = m_target;
    }
    if (!hashRange(from, to))
        return {};
    return m_hash.result();
}

} // namespace parley
