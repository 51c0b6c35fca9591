#pragma once

#include "parley.pb.h"
#include "protocol/result.h"
#include "server/authenticateduser.h"
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

    struct Delivery {
        qint64 userId = 0;
        quint64 seq = 0;
    };
    struct Appended {
        MessageRecord message;
        bool duplicate = false;
        QList<Delivery> deliveries; // empty for a duplicate
    };
    struct Page {
        QList<InboxRecord> items;
        quint64 head = 0;
        bool hasMore = false;
    };

    explicit MessageLedger(const IClock &clock) : m_clock(clock) {}

    // `message` has passed MessageValidator. Private conversations only in this version.
    Result<Appended> append(IStore &store, const AuthenticatedUser &sender, const v1::Message &message) const;
    Page pull(IStore &store, qint64 userId, quint64 afterSeq, int limit) const;

    // The idempotency key: client_uuid, or for peers that send none, 8 zero bytes + message_id (big-endian).
    static QByteArray clientKey(const v1::Message &message);
    static v1::Message toWire(const MessageRecord &record);

private:
    const IClock &m_clock;
};

} // namespace parley::server
