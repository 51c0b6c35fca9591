#pragma once

#include "parley.pb.h"
#include "protocol/result.h"
#include "server/messaging/inboxwriter.h"
#include "server/routing/call.h"
#include "server/routing/outcome.h"
#include "server/storage/records.h"

namespace parley::server {

class IStore;

// MDR and MRD: each member's delivered and read horizons per conversation. Horizons only move forward
// and never past the conversation's last message; reading implies delivery. A change reaches the other
// participants as a receipt and, for read state, the member's own devices — both as inbox items,
// so offline devices get them by sync. In a group a member's horizons stay within the history he may read.
// The storage-thread rules of MDR and MRD.
class ReceiptLedger {
public:
    enum class Kind { Delivered, Read };
    // A group read receipt goes to the senders of the messages it covers, at most this many per report.
    static constexpr int kMaxReceiptSenders = 500;

    // MDR (Delivered) and MRD (Read).
    static Outcome report(IStore &store, const Call &call, Kind kind, const v1::ProgressReport &report);
    // The storage-thread rule: applies the report and returns what to push.
    static QList<InboxDelivery> apply(IStore &store, const AuthenticatedUser &user, Kind kind,
                                      const v1::ProgressReport &report, qint64 nowMs);

private:
    // The horizons after a report of `kind` up to `seq`: forward only, and reading implies delivery.
    static MemberProgress advanced(MemberProgress progress, Kind kind, quint64 seq);
    // Groups: my devices learn my read horizon; the senders of the messages I read learn it for read
    // counts. Delivery in groups is recorded, not announced.
    static void applyGroup(IStore &store, InboxWriter &inbox, const AuthenticatedUser &user, Kind kind,
                           const v1::ConversationPoint &point);
};

} // namespace parley::server
