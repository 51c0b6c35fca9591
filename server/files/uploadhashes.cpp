#include "server/files/uploadhashes.h"

#include <algorithm>

namespace parley::server {

UploadHashes::UploadHashes(TrailingHasher::Post post) : m_post(std::move(post))
{
}

std::shared_ptr<TrailingHasher> UploadHashes::take(const QString &id, quint64 offset, const QString &path)
{
    {
        std::lock_guard guard(m_mutex);
        if (const auto it = m_entries.find(id); it != m_entries.end()) {
            Entry entry = std::move(it->second);
            m_entries.erase(it);
            if (entry.hasher->target() == offset)
                return std::move(entry.hasher);
        }
    }
    return offset == 0 ? std::make_shared<TrailingHasher>(path, m_post) : nullptr;
}

void UploadHashes::put(const QString &id, std::shared_ptr<TrailingHasher> hasher)
{
    std::lock_guard guard(m_mutex);
    if (m_entries.size() >= kMaxEntries && !m_entries.count(id)) {
        const auto oldest = std::min_element(m_entries.begin(), m_entries.end(), [](const auto &a, const auto &b) {
            return a.second.stamp < b.second.stamp;
        });
        m_entries.erase(oldest);
    }
    m_entries[id] = Entry{std::move(hasher), ++m_stamp};
}

void UploadHashes::drop(const QString &id)
{
    std::lock_guard guard(m_mutex);
    m_entries.erase(id);
}

} // namespace parley::server
