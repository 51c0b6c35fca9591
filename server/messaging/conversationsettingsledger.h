#pragma once

#include "parley.pb.h"
#include "protocol/error.h"
#include "server/routing/call.h"
#include "server/routing/outcome.h"

namespace parley::server {

class IStore;

// CSS and CSL: how a user keeps each conversation — pinned, muted until, marked unread, the draft — kept by the
// server so that every device of the user shows the same. A change names only the fields it changes (one
// device's pin does not undo another's draft); the answer is the conversation's settings as they are now, and
// the user's other online devices get the same as a CSN push. Not inbox items: a device asks for the whole
// list (CSL, in pages) each time it connects, so a push missed while offline costs nothing.
class ConversationSettingsLedger {
public:
    // The shape of the request, on the network thread.
    static Error check(const v1::ConversationSettingsRequest &request);
    static Outcome set(IStore &store, const Call &call, const v1::ConversationSettingsRequest &request);
    static Outcome list(IStore &store, const Call &call, const v1::ConversationSettingsListRequest &request);
};

} // namespace parley::server
