#pragma once

#include "core/types/chatmessage.h"
#include "protocol/error.h"

#include <QList>

namespace parley {

// A page of a conversation's history, as the chat view asks for it (older: pull-down; newer: scrolling
// back down a window). From the cache, and from the server where the cache does not reach.
struct HistoryPage {
    QList<ChatMessage> messages; // in conversation order
    // Older pages: the conversation's first message is in this page or an earlier one. Newer pages: the page
    // ends with the conversation's newest message.
    bool reachedEnd = false;
    // The server could not be asked (offline, or it failed): the page is what the cache has, maybe short.
    Error serverError;
};

} // namespace parley
