#pragma once

#include "core/types/chatmessage.h"
#include "core/types/conversationkey.h"

#include <QMetaType>

namespace parley {

// A conversation as the conversation list shows it. Unread counts come from the read horizon, which all of
// a user's devices share, so every device shows the same number.
struct ConversationSummary {
    static constexpr int kUnreadCap = 1000; // counted up to here; shown as "999+"

    ConversationKey key;
    ChatMessage lastMessage;      // localId 0 if the conversation has no message in the cache
    int unreadCount = 0;          // others' messages after my read horizon (notices do not count), capped
    quint64 readSeq = 0;          // my read horizon
    quint64 peerDeliveredSeq = 0; // one-to-one: the peer's horizons
    quint64 peerReadSeq = 0;
    qint64 lastActivityMs = 0;
    bool mentionedMe = false; // an unread message mentions me
    bool pinned = false;      // shown first
    qint64 mutedUntilMs = 0;  // no count in the total, no notification until then (limits::kMutedForever)
    bool muted = false;       // now, when the summary was read
    bool markedUnread = false; // shown as unread although read; counts as one in the total
    QString draft;            // what I started writing and left
    QString title;            // the peer's remark or nickname, or the group's name (id if unknown)

    friend bool operator==(const ConversationSummary &, const ConversationSummary &) = default;
};

} // namespace parley

Q_DECLARE_METATYPE(parley::ConversationSummary)
