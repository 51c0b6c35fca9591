#pragma once

#include "core/types/chatmessage.h"

#include <QList>
#include <QMetaType>
#include <QSet>

namespace parley {

// The messages that mention me, newest first (at most as many as asked for), which of them are after my read
// horizon in their chat, and how many unread ones there are in all (also beyond those listed).
struct MentionList {
    QList<ChatMessage> messages;
    QSet<qint64> unread; // local ids
    int unreadTotal = 0;
};

} // namespace parley

Q_DECLARE_METATYPE(parley::MentionList)
