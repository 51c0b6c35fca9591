#pragma once

#include "core/types/chatmessage.h"
#include "core/types/conversationkey.h"
#include "core/types/userprofile.h"

#include <QList>
#include <QSet>
#include <QString>

namespace parley {

// What applying items from the server (a sync batch, a page of history) changed in the cache: plain data,
// which the owners of models turn into signals once the transaction is committed.
struct ChangeSet {
    QList<ChatMessage> added;            // new messages
    QList<ChatMessage> updated;          // messages that changed (acknowledged through sync, recalled)
    QSet<ConversationKey> conversations; // conversations whose messages, receipts or read state changed
    QSet<QString> groupsNoticed;         // groups with a new notice (members, name, roles changed)
    QSet<QString> groupsRead;            // groups where another member's read horizon moved
    bool contactsChanged = false;        // contacts or my own profile
    QList<UserProfile> profiles;         // profiles a contact item brought: a name, a picture, a deleted account
    bool requestsChanged = false;        // friend requests
};

} // namespace parley
