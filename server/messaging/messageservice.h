#pragma once

#include "parley.pb.h"
#include "server/messaging/messageledger.h"
#include "server/requestcontext.h"

namespace parley::server {

class StoreExecutor;
class SessionRegistry;

// MS and MP: validates on the network thread, stores in a job (MessageLedger), acknowledges after the
// commit, and pushes the stored message to every other online device of every participant, in commit
// order (fan-out runs on the storage thread, so pushes to one session keep inbox order).
class MessageService {
public:
    static constexpr int kDefaultPullPage = 100;
    static constexpr int kMaxPullPage = 200;

    MessageService(const IClock &clock, bool allowStrangers, StoreExecutor &store, SessionRegistry &registry);

    void send(const RequestContext &context, const v1::Message &message, Reply reply);
    void pull(const RequestContext &context, const v1::PullRequest &request, Reply reply);

private:
    MessageLedger m_ledger;
    StoreExecutor &m_store;
    SessionRegistry &m_registry;
};

} // namespace parley::server
