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

void PendingInbox::rewrite(qint64 messageUid, InboxEntry::Kind kind, const std::function<void(InboxEntry &)> &change)
{
    for (Item &item : m_items) {
        if (item.entry.messageUid == messageUid && item.entry.kind == kind)
            change(item.entry);
    }
}

std::vector<PendingInbox::Item> PendingInbox::take()
{
    std::vector<Item> taken = std::exchange(m_items, {});
    m_countByUser.clear();
    std::stable_sort(taken.begin(), taken.end(), [](const Item &a, const Item &b) { return a.userId < b.userId; });
    return taken;
}

} // namespace parley::server
