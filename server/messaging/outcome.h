#pragma once

#include "parley.pb.h"
#include "server/messaging/inboxwriter.h"
#include "server/requestcontext.h"
#include "server/storage/storeexecutor.h"

#include <functional>

namespace parley::server {

// What a storage job of a request produces: the reply, and the inbox items to push once committed.
struct Outcome {
    v1::Result result;
    QList<InboxDelivery> deliveries;

    Outcome() = default;
    Outcome(const Error &error) : result(errorResult(error)) {} // NOLINT: errors convert implicitly
    Outcome(v1::Result r, QList<InboxDelivery> d = {}) : result(std::move(r)), deliveries(std::move(d)) {}
};

// Runs `work` on the storage thread; after its commit replies and pushes (in commit order). A failed
// commit replies the storage error and pushes nothing.
inline void runOutcome(StoreExecutor &store, SessionRegistry &registry, Reply reply,
                       std::function<Outcome(IStore &)> work)
{
    SessionRegistry *pushTo = &registry;
    store.submit<Outcome>(
        std::move(work),
        [reply, pushTo](Outcome outcome) {
            reply(std::move(outcome.result));
            InboxWriter::pushAll(*pushTo, outcome.deliveries);
        },
        [reply](const Error &error) { reply(errorResult(error)); });
}

} // namespace parley::server
