#pragma once

#include "parley.pb.h"
#include "protocol/result.h"
#include "server/messaging/inboxwriter.h"
#include "server/routing/call.h"
#include "server/routing/outcome.h"
#include "server/storage/records.h"

namespace parley::server {

class IStore;

// MR: the sender takes a message back within the time limit. The message keeps its id and its place in
// the conversation; its content becomes the "recalled" notice (the text is gone from the server too),
// and every device of every participant gets a RecallNotice in its inbox.
class RecallLedger {
public:
    struct Recalled {
        MessageRecord message;
        QList<InboxDelivery> deliveries;
    };

    // limitMs <= 0: recall is switched off.
    explicit RecallLedger(qint64 limitMs) : m_limitMs(limitMs) {}

    // MR.
    Outcome recall(IStore &store, const Call &call, const v1::RecallRequest &request) const;
    static Result<Recalled> apply(IStore &store, const AuthenticatedUser &user, qint64 messageUid, qint64 limitMs,
                                  qint64 nowMs);

private:
    qint64 m_limitMs;
};

} // namespace parley::server
