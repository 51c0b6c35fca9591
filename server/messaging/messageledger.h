#pragma once

#include "parley.pb.h"
#include "protocol/frame.h"
#include "protocol/result.h"
#include "server/authenticateduser.h"
#include "server/messaging/inboxwriter.h"
#include "server/storage/records.h"

#include <QList>

namespace parley::server {

class IClock;
class IStore;

// The storage-thread rules of messages: a message is stored once per (sender, client uuid) with the
// conversation's next sequence and a server timestamp, and lands in the inbox of every participant with
// that participant's next inbox sequence. A repeated send returns the original, stores nothing and
// delivers nothing. Fields the server assigns are never taken from the client.
class MessageLedger {
public:
    static constexpr int kUuidBytes = 16;
    // Pages of messages (MP, LRM) stop below this size, leaving room under the frame limit.
    static constexpr size_t kMaxPageBytes = kMaxPayloadSize / 2;
    static constexpr size_t kPageItemOverheadBytes = 8; // tag and length of each repeated item

    struct Appended {
        MessageRecord message;
        bool duplicate = false;
        QList<InboxDelivery> deliveries; // empty for a duplicate
    };
    struct Page {
        QList<InboxRecord> items;
        quint64 head = 0;
        bool hasMore = false;
        bool expired = false; // items after the asked sequence are gone (inbox retention)
    };

    explicit MessageLedger(const IClock &clock) : m_clock(clock) {}

    // `message` has passed MessageValidator. Private conversations only in this version. The sender's own
    // copy is not pushed to `sendingSession` (it gets the PUB_ACK).
    Result<Appended> append(IStore &store, const AuthenticatedUser &sender, const v1::Message &message,
                            quint64 sendingSession = 0) const;
    // Records that the asking device has synced up to afterSeq.
    Page pull(IStore &store, const AuthenticatedUser &user, quint64 afterSeq, int limit) const;

    // The idempotency key: client_uuid, or for peers that send none, 8 zero bytes + message_id (big-endian).
    static QByteArray clientKey(const v1::Message &message);
    static v1::Message toWire(const MessageRecord &record);

private:
    const IClock &m_clock;
};

} // namespace parley::server
