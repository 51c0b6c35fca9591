#pragma once

#include "parley.pb.h"
#include "server/routing/call.h"
#include "server/routing/outcome.h"

namespace parley::server {

class IStore;

// MT: "I am writing (or recording) in our one-to-one chat", or "stopped". Nothing is stored: the notice (MTN)
// goes to the peer's online devices after the answer, if the peer would accept a message from the sender; a
// peer who blocked the sender hears nothing, and the sender is not told so.
class TypingLedger {
public:
    // allowStrangers: as for messages (--allow-stranger-messages).
    explicit TypingLedger(bool allowStrangers) : m_allowStrangers(allowStrangers) {}

    Outcome typing(IStore &store, const Call &call, const v1::TypingRequest &request) const;

private:
    bool m_allowStrangers;
};

} // namespace parley::server
