#pragma once

#include "parley.pb.h"
#include "protocol/result.h"
#include "server/messaging/inboxwriter.h"
#include "server/requestcontext.h"

namespace parley::server {

class IClock;
class IStore;
class StoreExecutor;
class SessionRegistry;

// MR: the sender takes a message back within the time limit. The message keeps its id and its place in
// the conversation; its content becomes the "recalled" notice (the text is gone from the server too),
// and every device of every participant gets a RecallNotice in its inbox.
class RecallService {
public:
    struct Recalled {
        MessageRecord message;
        QList<InboxDelivery> deliveries;
    };

    // limitMs <= 0: recall is switched off.
    RecallService(qint64 limitMs, const IClock &clock, StoreExecutor &store, SessionRegistry &registry);

    void recall(const RequestContext &context, const v1::RecallRequest &request, Reply reply);

    static Result<Recalled> apply(IStore &store, const AuthenticatedUser &user, qint64 messageUid, qint64 limitMs,
                                  quint64 sessionId, qint64 nowMs);

private:
    qint64 m_limitMs;
    const IClock &m_clock;
    StoreExecutor &m_store;
    SessionRegistry &m_registry;
};

} // namespace parley::server
