#pragma once

#include <QString>

namespace parley {

// How I keep a conversation, the same on each of my devices (the server keeps it, CSS).
struct ConversationSettings {
    bool pinned = false;     // shown first
    qint64 mutedUntilMs = 0; // no count in the total and no notification until then (0: not muted)
    bool markedUnread = false;
    QString draft; // what I started writing and left

    bool mutedAt(qint64 nowMs) const { return mutedUntilMs > nowMs; }
    friend bool operator==(const ConversationSettings &, const ConversationSettings &) = default;
};

} // namespace parley
