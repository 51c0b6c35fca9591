#pragma once

#include "server/social/friendledger.h"

namespace parley::server {

class CallLedger;
class PresenceLedger;
class RequestRouter;

// The routes of friends: FAR, FRP, FHR, FP, FDL, FRM and BLK. Greetings and remarks are checked for length
// on the network thread; the rules are FriendLedger's. Searching and requesting draw on the lookup budget. A
// friendship accepted or deleted, or a block, changes what the two see of each other's presence: both are told.
// A block also ends a call between the two (CallLedger::endCallWith), in the same transaction.
class FriendService {
public:
    explicit FriendService(FriendLedger::Policy policy) : m_ledger(policy) {}

    void addRoutes(RequestRouter &router, const PresenceLedger &presence, const CallLedger &calls);

private:
    FriendLedger m_ledger;
};

} // namespace parley::server
