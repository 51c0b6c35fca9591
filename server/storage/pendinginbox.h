#pragma once

#include "server/storage/inboxseq.h"
#include "server/storage/records.h"

#include <QHash>

#include <functional>
#include <vector>

namespace parley::server {

// The inbox items a batch's jobs append, kept until the batch commits and then written together: each user's
// items in the order they came, users in ascending id order.
// On PostgreSQL a user's next sequence comes from the user's row, locked until the commit; taking those rows
// in one order on every node means no batch waits for one that waits for it — a deadlock PostgreSQL would
// break by failing one of them after deadlock_timeout. Storage thread only.
class PendingInbox {
public:
    struct Item {
        qint64 userId = 0;
        InboxEntry entry;
        qint64 nowMs = 0;
        InboxSeq seq;
    };

    InboxSeq add(qint64 userId, InboxEntry entry, qint64 nowMs);
    bool isEmpty() const { return m_items.empty(); }
    std::size_t size() const { return m_items.size(); }
    // How many items the user has here.
    int countFor(qint64 userId) const { return m_countByUser.value(userId); }
    // Lets `change` rewrite the entries of a message's items of one kind (a recall forgetting an edit's text).
    void rewrite(qint64 messageUid, InboxEntry::Kind kind, const std::function<void(InboxEntry &)> &change);
    // Removes and returns the items, grouped by user in ascending id order, each user's in the order added.
    std::vector<Item> take();
    void clear();

private:
    std::vector<Item> m_items;
    QHash<qint64, int> m_countByUser;
};

} // namespace parley::server
