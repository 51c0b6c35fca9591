#pragma once

#include "protocol/result.h"
#include "server/authenticateduser.h"
#include "server/storage/records.h"

#include <QList>

namespace parley::server {

class IStore;

// A message its sender asks to change (recall, edit), as the ledgers of those requests check it: it exists,
// the asker can see it (the same answer as no message at all when not), and the asker sent it.
struct SentMessage {
    MessageRecord message;
    QList<UserRecord> members; // the conversation's current members: who hear of the change

    static Result<SentMessage> find(IStore &store, const AuthenticatedUser &asker, qint64 messageUid,
                                    const QString &onlyTheSender);
    // Whether the change comes within `limitMs` of sending (limitMs <= 0: never).
    bool inTime(qint64 limitMs, qint64 nowMs) const;
    // The conversation as `member` sees it: one-to-one, the side that is not the member's; a group by its id.
    std::string targetSeenBy(const UserRecord &member) const;
};

} // namespace parley::server
