#include "server/storage/pendinginbox.h"

#include <algorithm>

namespace parley::server {

InboxSeq PendingInbox::add(qint64 userId, InboxEntry entry, qint64 nowMs)
{
    InboxSeq seq = InboxSeq::pending();
    m_items.push_back(Item{userId, std::move(entry), nowMs, seq});
    ++m_countByUser[userId];
    return seq;
}

void PendingInbox::clear()
{
    m_items.clear();
    m_countByUser.clear();
}

std::vector<PendingInbox::Item> PendingInbox::take(std::optional<qint64> onlyUser)
{
    std::vector<Item> taken;
    if (onlyUser) {
        const auto mine = std::stable_partition(m_items.begin(), m_items.end(),
                                                [user = *onlyUser](const Item &item) { return item.userId != user; });
        taken.assign(std::make_move_iterator(mine), std::make_move_iterator(m_items.end()));
        m_items.erase(mine, m_items.end());
        m_countByUser.remove(*onlyUser);
        return taken;
    }
    taken = std::exchange(m_items, {});
    m_countByUser.clear();
    std::stable_sort(taken.begin(), taken.end(), [](const Item &a, const Item &b) { return a.userId < b.userId; });
    return taken;
}

} // namespace parley::server
