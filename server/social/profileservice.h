#pragma once

namespace parley::server {

class RequestRouter;

// The routes of profiles: US, UPUI and MMI, with the lengths and counts checked on the network thread and
// the rules in ProfileLedger. Searching draws on the lookup budget.
class ProfileService {
public:
    static constexpr int kMaxInfoIds = 100;

    static void addRoutes(RequestRouter &router);
};

} // namespace parley::server
