#include "server/files/uploadhashes.h"

#include <algorithm>

namespace parley::server {

std::unique_ptr<Sha256> UploadHashes::take(const QString &id, quint64 offset)
{
    {
        std::lock_guard guard(m_mutex);
        if (const auto it = m_entries.find(id); it != m_entries.end()) {
            Entry entry = std::move(it->second);
            m_entries.erase(it);
            if (entry.offset == offset)
                return std::move(entry.hash);
        }
    }
    return offset == 0 ? std::make_unique<Sha256>() : nullptr;
}

void UploadHashes::put(const QString &id, quint64 offset, std::unique_ptr<Sha256> hash)
{
    std::lock_guard guard(m_mutex);
    if (m_entries.size() >= kMaxEntries && !m_entries.count(id)) {
        const auto oldest = std::min_element(m_entries.begin(), m_entries.end(), [](const auto &a, const auto &b) {
            return a.second.stamp < b.second.stamp;
        });
        m_entries.erase(oldest);
    }
    m_entries[id] = Entry{offset, std::move(hash), ++m_stamp};
}

void UploadHashes::drop(const QString &id)
{
    std::lock_guard guard(m_mutex);
    m_entries.erase(id);
}

} // namespace parley::server
