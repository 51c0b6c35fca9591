#pragma once

#include "parley.pb.h"
#include "server/messaging/editledger.h"
#include "server/messaging/messageledger.h"
#include "server/messaging/recallledger.h"
#include "server/messaging/typingledger.h"

namespace parley::server {

class RequestRouter;

// The routes of messaging: sending and the inbox (MS, MP: MessageLedger), receipts and read state (MDR,
// MRD: ReceiptLedger), recall (MR: RecallLedger), editing (ME: EditLedger), reactions (MRE: ReactionLedger),
// typing (MT: TypingLedger) and history (LRM: HistoryLedger). The shape of a message is
// checked on the network thread (MessageValidator); the rules run on the storage thread, the acknowledgement
// follows the commit, and what a request stored in others' inboxes is pushed in commit order (fan-out runs
// on the storage thread, so pushes to one session keep inbox order).
class MessageService {
public:
    // recallLimitMs, editLimitMs <= 0: recall, editing is switched off.
    MessageService(const IClock &clock, bool allowStrangers, qint64 recallLimitMs, qint64 editLimitMs)
        : m_ledger(clock, allowStrangers), m_recalls(recallLimitMs), m_edits(editLimitMs), m_typing(allowStrangers)
    {
    }

    void addRoutes(RequestRouter &router);

private:
    MessageLedger m_ledger;
    RecallLedger m_recalls;
    EditLedger m_edits;
    TypingLedger m_typing;
};

} // namespace parley::server
