#pragma once

#include "parley.pb.h"
#include "protocol/result.h"
#include "server/authenticateduser.h"

#include <QStringList>

namespace parley::server {

class IStore;

// Forwarding, for MS. A forwarded copy (MessageContent.forwarded_uid) gets its content from the server's copy
// of the original. A chat history (CONTENT_CHAT_HISTORY) names messages of one conversation and gets its
// messages written from the server's copies, in conversation order: who sent each (and the nickname now),
// when, and the content as stored. Either way the originals must be messages the sender may read (NotFound
// otherwise, the same as no message), not recalled (NotFound) and not notices (MalformedRequest); copies keep
// no quote or mentions, and a chat history inside a chat history keeps its title only. Storage thread, inside
// the send's transaction.
class Forwarding {
public:
    // The content of a forwarded copy of `originalUid`.
    static Result<v1::MessageContent> copyOf(IStore &store, const AuthenticatedUser &sender, qint64 originalUid);
    // Fills `history`. If the whole is larger than a message may be, the pictures' inline previews go first, then
    // TooLarge.
    static Result<Done> fillHistory(IStore &store, const AuthenticatedUser &sender, v1::ChatHistory &history);
    // The files a chat history's messages carry: whoever may read a message with it may fetch them.
    static QStringList filesOf(const v1::ChatHistory &history);
};

} // namespace parley::server
