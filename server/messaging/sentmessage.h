#pragma once

#include "parley.pb.h"
#include "protocol/result.h"
#include "server/authenticateduser.h"
#include "server/storage/records.h"

#include <QList>

namespace parley::server {

class IStore;

// A message someone acts on (recall, edit, reaction), as the ledgers of those requests check it: it exists and
// the asker can read it (a current member of its conversation, and in a group not from before joining — the
// same answer as no message at all when not); for a recall or an edit, the asker sent it.
struct SentMessage {
    MessageRecord message;
    // The conversation's current members who may read the message (in a group, not those who joined after
    // it): who hear of the change.
    QList<UserRecord> members;

    static Result<SentMessage> readable(IStore &store, const AuthenticatedUser &asker, qint64 messageUid);
    static Result<SentMessage> find(IStore &store, const AuthenticatedUser &asker, qint64 messageUid,
                                    const QString &onlyTheSender);
    // The content of a message others are to hear a change to (an edit, a reaction): not a recalled one
    // (NotFound), nor, one-to-one, when the peer blocked `asker` (Refused, as any refused message), nor in a
    // group where `asker` may not write now (Muted).
    Result<v1::MessageContent> changeableContent(IStore &store, const AuthenticatedUser &asker, qint64 nowMs) const;
    // Whether the change comes within `limitMs` of sending (limitMs <= 0: never).
    bool inTime(qint64 limitMs, qint64 nowMs) const;
    // The conversation as `member` sees it: one-to-one, the side that is not the member's; a group by its id.
    std::string targetSeenBy(const UserRecord &member) const;
};

} // namespace parley::server
