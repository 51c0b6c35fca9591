#pragma once

#include "parley.pb.h"
#include "protocol/error.h"
#include "server/routing/call.h"
#include "server/routing/outcome.h"

namespace parley::server {

class IStore;

// ME: the sender changes the text of a text message within the time limit (--edit-limit). The message keeps
// its id, place, mentions and quote; its text is replaced on the server (search and history see only the new
// one) and every device of every participant gets an EditNotice in its inbox. A recalled message cannot be
// edited; replies keep the excerpt they quoted.
class EditLedger {
public:
    // limitMs <= 0: editing is switched off.
    explicit EditLedger(qint64 limitMs) : m_limitMs(limitMs) {}

    // The shape of the request, on the network thread.
    static Error check(const v1::EditRequest &request);
    Outcome edit(IStore &store, const Call &call, const v1::EditRequest &request) const;

private:
    qint64 m_limitMs;
};

} // namespace parley::server
