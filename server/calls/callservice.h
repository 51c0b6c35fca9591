#pragma once

#include "server/calls/callledger.h"
#include "server/calls/iceservers.h"

namespace parley::server {

class RequestRouter;

// The routes of calls: CLI (invite), CLA (accept, decline, busy, hang up, keep alive) and CLS (signals between
// the two devices of an answered call), with their shapes checked on the network thread and their rules
// (CallLedger) on the storage thread, under the locks of the call and of the conversation its record goes to.
class CallService {
public:
    CallService(const IClock &clock, const SessionRegistry &registry, IceServers::Config ice,
                CallLedger::Options options)
        : m_ice(std::move(ice)), m_ledger(clock, registry, m_ice, options)
    {
    }

    void addRoutes(RequestRouter &router);
    const CallLedger &ledger() const { return m_ledger; }

private:
    IceServers m_ice;
    CallLedger m_ledger;
};

} // namespace parley::server
