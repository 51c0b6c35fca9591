#pragma once

#include "parley.pb.h"
#include "server/authenticateduser.h"
#include "server/routing/outcome.h"

namespace parley::server {

class IStore;

// The storage-thread rules of friends: requests (FAR, FRP, FHR), the contact list (FP), remarks (FRM),
// deleting (FDL) and blocking (BLK). Every change reaches both sides' devices as inbox items
// (friend_request, contact), so offline devices catch up by sync. No request to oneself or to a friend; a
// request repeated while pending renews the same request and notifies again only after `repeatMs`; a
// request that crosses a pending one from the other side makes both friends at once; requests expire after
// `expiryMs`; a user who blocked the sender gets nothing from him, and he only learns that it was refused.
// A rejection is not announced to the sender: his request stays pending to him until it expires.
class FriendLedger {
public:
    static constexpr int kMaxListedRequests = 200;

    struct Policy {
        qint64 expiryMs = 0;
        qint64 repeatMs = 0;
    };

    explicit FriendLedger(Policy policy) : m_policy(policy) {}

    Outcome request(IStore &store, const AuthenticatedUser &user, const QString &target, const QString &greeting,
                    qint64 nowMs) const;
    Outcome listRequests(IStore &store, const AuthenticatedUser &user, qint64 nowMs) const;
    Outcome handle(IStore &store, const AuthenticatedUser &user, qint64 requestId, bool accept, const QString &remark,
                   qint64 nowMs) const;
    Outcome contacts(IStore &store, const AuthenticatedUser &user) const;
    Outcome remove(IStore &store, const AuthenticatedUser &user, const QString &uid, qint64 nowMs) const;
    Outcome setRemark(IStore &store, const AuthenticatedUser &user, const QString &uid, const QString &remark,
                      qint64 nowMs) const;
    Outcome block(IStore &store, const AuthenticatedUser &user, const QString &uid, bool blocked, qint64 nowMs) const;

private:
    Policy m_policy;
};

} // namespace parley::server
