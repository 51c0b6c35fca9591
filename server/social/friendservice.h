#pragma once

#include "parley.pb.h"
#include "server/messaging/outcome.h"
#include "server/requestcontext.h"

namespace parley::server {

class IClock;
class IStore;
class SessionRegistry;
class StoreExecutor;

// Friends: requests (FAR, FRP, FHR), the contact list (FP), remarks (FRM), deleting (FDL) and blocking
// (BLK). Every change reaches both sides' devices as inbox items (friend_request, contact), so offline
// devices catch up by sync. Rules: no request to oneself or to a friend; a request repeated while pending
// renews the same request and notifies again only after `repeatMs`; a request that crosses a pending one
// from the other side makes both friends at once; requests expire after `expiryMs`; a user who blocked the
// sender gets nothing from him, and he only learns that it was refused. A rejection is not announced to
// the sender: his request stays pending to him until it expires.
class FriendService {
public:
    static constexpr int kMaxGreetingLength = 100;
    static constexpr int kMaxRemarkLength = 32;
    static constexpr int kMaxListedRequests = 200;

    struct Policy {
        qint64 expiryMs = 0;
        qint64 repeatMs = 0;
    };

    FriendService(Policy policy, const IClock &clock, StoreExecutor &store, SessionRegistry &registry)
        : m_policy(policy), m_clock(clock), m_store(store), m_registry(registry)
    {
    }

    void request(const RequestContext &context, const v1::AddFriendRequest &request, Reply reply);
    void listRequests(const RequestContext &context, Reply reply);
    void handle(const RequestContext &context, const v1::HandleFriendRequest &request, Reply reply);
    void listContacts(const RequestContext &context, Reply reply);
    void remove(const RequestContext &context, const v1::UserRef &request, Reply reply);
    void setRemark(const RequestContext &context, const v1::SetRemarkRequest &request, Reply reply);
    void block(const RequestContext &context, const v1::BlockRequest &request, Reply reply);

    // The storage-thread rules, one per request (public for tests).
    static Outcome requestIn(IStore &store, const Policy &policy, const AuthenticatedUser &user, const QString &target,
                             const QString &greeting, quint64 sessionId, qint64 nowMs);
    static Outcome listRequestsIn(IStore &store, const Policy &policy, const AuthenticatedUser &user, qint64 nowMs);
    static Outcome handleIn(IStore &store, const AuthenticatedUser &user, qint64 requestId, bool accept,
                            const QString &remark, quint64 sessionId, qint64 nowMs);

private:
    void run(const RequestContext &context, Reply reply,
             std::function<Outcome(IStore &, const AuthenticatedUser &, quint64 sessionId, qint64 nowMs)> work);

    Policy m_policy;
    const IClock &m_clock;
    StoreExecutor &m_store;
    SessionRegistry &m_registry;
};

} // namespace parley::server
