#pragma once

#include "parley.pb.h"
#include "protocol/error.h"
#include "server/routing/call.h"
#include "server/routing/outcome.h"

namespace parley::server {

class IStore;

// MRE: a member reacts to a message of the conversation with one of a few emoji (limits::kReactionEmoji), or
// takes the reaction back. Each user has one reaction per message, the newest. The message keeps them with
// it (history and pulls carry them), and every device of every participant gets a ReactionNotice with all
// of the message's reactions as they are now.
class ReactionLedger {
public:
    // The shape of the request, on the network thread.
    static Error check(const v1::ReactRequest &request);
    static Outcome react(IStore &store, const Call &call, const v1::ReactRequest &request);
};

} // namespace parley::server
