#pragma once

#include "parley.pb.h"
#include "protocol/result.h"
#include "server/routing/call.h"
#include "server/routing/outcome.h"

namespace parley::server {

class IStore;

// LRM: a conversation's history, paged backwards from a point, for a new device or a cache that does not
// reach back far enough. Only participants may read it; the page also carries both sides' horizons so the
// reader can show receipts and unread counts for messages it never synced.
class HistoryLedger {
public:
    static constexpr int kDefaultPage = 50;
    static constexpr int kMaxPage = 100;

    // LRM.
    static Outcome history(IStore &store, const Call &call, const v1::HistoryRequest &request);

    static Result<v1::HistoryResult> apply(IStore &store, const AuthenticatedUser &user,
                                           const v1::HistoryRequest &request);

private:
    static Result<v1::HistoryResult> groupHistory(IStore &store, const AuthenticatedUser &user,
                                                  const v1::HistoryRequest &request);
    // Fills result with the page before request.before_seq (0: `end`), within [fromSeq, end).
    static void page(IStore &store, qint64 conversationId, const v1::HistoryRequest &request, quint64 end,
                     quint64 fromSeq, v1::HistoryResult &result);
};

} // namespace parley::server
