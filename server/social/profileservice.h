#pragma once

namespace parley::server {

class PresenceLedger;
class RequestRouter;

// The routes of profiles and presence: US, UPUI, MMI (rules in ProfileLedger) and PS (PresenceLedger), with
// the lengths and counts checked on the network thread. Searching draws on the lookup budget.
class ProfileService {
public:
    static constexpr int kMaxInfoIds = 100;

    static void addRoutes(RequestRouter &router, const PresenceLedger &presence);
};

} // namespace parley::server
