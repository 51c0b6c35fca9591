#pragma once

#include <QtGlobal>

#include <memory>

namespace parley::server {

// An inbox item's sequence, handed out when the item is appended and known once the batch has written its
// inbox items (PendingInbox): before the commit, so to everything that runs after it (pushes). Copies share
// the value.
class InboxSeq {
public:
    InboxSeq() = default;
    explicit InboxSeq(quint64 known) : m_value(std::make_shared<quint64>(known)) {}

    static InboxSeq pending() { return InboxSeq(0); }
    // 0 until the item is written.
    quint64 value() const { return m_value ? *m_value : 0; }
    void set(quint64 value) const
    {
        Q_ASSERT(m_value && *m_value == 0 && value != 0);
        *m_value = value;
    }

private:
    std::shared_ptr<quint64> m_value;
};

} // namespace parley::server
