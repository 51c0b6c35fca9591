#pragma once

#include "parley.pb.h"
#include "protocol/result.h"
#include "server/messaging/inboxwriter.h"
#include "server/requestcontext.h"

namespace parley::server {

class IClock;
class IStore;
class StoreExecutor;
class SessionRegistry;

// MDR and MRD: each member's delivered and read horizons per conversation. Horizons only move forward
// and never past the conversation's last message; reading implies delivery. A change reaches the other
// participants as a receipt and, for read state, the member's own other devices — both as inbox items,
// so offline devices get them by sync.
class ReceiptService {
public:
    enum class Kind { Delivered, Read };
    static constexpr int kMaxPointsPerReport = 100;

    ReceiptService(const IClock &clock, StoreExecutor &store, SessionRegistry &registry);

    void report(const RequestContext &context, Kind kind, const v1::ProgressReport &report, Reply reply);

    // The storage-thread rule: applies the report and returns what to push.
    static QList<InboxDelivery> apply(IStore &store, const AuthenticatedUser &user, Kind kind,
                                      const v1::ProgressReport &report, quint64 sessionId, qint64 nowMs);

private:
    const IClock &m_clock;
    StoreExecutor &m_store;
    SessionRegistry &m_registry;
};

} // namespace parley::server
