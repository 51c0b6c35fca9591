#pragma once

#include "parley.pb.h"
#include "server/requestcontext.h"
#include "server/routing/inboxdelivery.h"

#include <functional>

namespace parley::server {

class SessionRegistry;

// What a request's rule produces: the reply, the inbox items to push, and what else the request causes once
// its transaction is committed. RequestRouter carries it out after the commit, in commit order: the reply,
// then the pushes, then afterCommit. A failed commit replies the storage error and does nothing else.
struct Outcome {
    v1::Result result;
    QList<InboxDelivery> deliveries;
    // After the reply and the pushes: links to close (a revoked device, a logout), on the storage thread.
    std::function<void(SessionRegistry &)> afterCommit;
    // For an answer that comes later than the commit (a code handed to the SMS sender): it gets the reply and
    // sends it itself; `result` is not sent.
    std::function<void(Reply)> replyLater;

    Outcome() = default;
    Outcome(const Error &error) : result(errorResult(error)) {} // NOLINT: errors convert implicitly
    Outcome(v1::Result r, QList<InboxDelivery> d = {}) : result(std::move(r)), deliveries(std::move(d)) {}
};

} // namespace parley::server
