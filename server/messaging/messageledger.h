#pragma once

#include "parley.pb.h"
#include "protocol/frame.h"
#include "protocol/limits.h"
#include "protocol/result.h"
#include "server/authenticateduser.h"
#include "server/messaging/inboxwriter.h"
#include "server/routing/call.h"
#include "server/routing/outcome.h"
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
    static constexpr int kUuidBytes = limits::kClientUuidBytes;
    // Pages of messages (MP, LRM) stop below this size, leaving room under the frame limit.
    static constexpr size_t kMaxPageBytes = kMaxPayloadSize / 2;
    static constexpr size_t kPageItemOverheadBytes = 8; // tag and length of each repeated item
    static constexpr int kDefaultPullPage = 100;
    static constexpr int kMaxPullPage = 200;

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
        // The asking device's session was revoked (then nothing else is read): this node missed the word.
        RevokeReason revoked = RevokeReason::None;
    };

    // allowStrangers: one-to-one messages between users who are neither friends nor in a group together.
    MessageLedger(const IClock &clock, bool allowStrangers) : m_clock(clock), m_allowStrangers(allowStrangers) {}

    // `message` has passed MessageValidator. One-to-one: the sender must not be blocked by the peer, and they
    // must be friends or co-members unless strangers may talk. Group: the sender must be a member; @all is for
    // the owner and admins, and mentioned users must be members. A reply quotes a message the sender may read
    // in the same conversation; what the quote says comes from the server's copy, not from the sender. Every device of
    // every participant is pushed the message, the sending one too (after its PUB_ACK).
    Result<Appended> append(IStore &store, const AuthenticatedUser &sender, const v1::Message &message) const;
    // A notice the server writes into the one-to-one conversation of `sender` and `peer` as from `sender` (a call's
    // record), with a fresh key: none of the checks of a message sent, which were made when what it records began.
    Result<Appended> appendNotice(IStore &store, const AuthenticatedUser &sender, qint64 peerId, const QString &peerUid,
                                  const v1::MessageContent &content) const;
    // Why `sender` may not write to `peer` one-to-one, in these words (nothing for oneself): the peer deleted the
    // account, blocked the sender (`refused`), or they are neither friends nor in a group together unless strangers
    // may talk (`notFriends`). Messages and calls alike.
    std::optional<Error> privateRefusal(IStore &store, qint64 senderId, const UserRecord &peer, const QString &refused,
                                        const QString &notFriends) const;
    // Records that the asking device has synced up to afterSeq.
    Page pull(IStore &store, const AuthenticatedUser &user, quint64 afterSeq, int limit) const;

    // The rules of the requests: MS (the acknowledgement, and the message pushed to every other device of every
    // participant) and MP (a page of the asker's inbox that fits in a frame).
    Outcome send(IStore &store, const Call &call, const v1::Message &message) const;
    Outcome pullInbox(IStore &store, const Call &call, const v1::PullRequest &request) const;

    // The idempotency key: client_uuid, or for peers that send none, 8 zero bytes + message_id (big-endian).
    static QByteArray clientKey(const v1::Message &message);
    static v1::Message toWire(const MessageRecord &record);

private:
    // The conversation and the users who receive the message, or why the sender may not send it.
    struct Route {
        qint64 conversationId = 0;
        QList<qint64> recipients; // the sender included
        quint64 visibleFrom = 0;  // the first message of the conversation the sender may read
    };
    // A reply's quote, filled from the original (which must be a message of the same conversation the sender
    // may read, not a notice); returns the original's uid.
    static Result<qint64> fillQuote(IStore &store, const Route &route, v1::Quote &quote);
    static Outcome revokedOutcome(const Call &call, RevokeReason reason);
    Result<Route> privateRoute(IStore &store, const AuthenticatedUser &sender, const QString &target) const;
    // Stores the message and writes it to each recipient's inbox, the deliveries into `appended`.
    static Result<Done> write(IStore &store, const Route &route, Appended &appended);
    // A group message: also refused while the group or the sender is muted.
    static Result<Route> groupRoute(IStore &store, const AuthenticatedUser &sender, const QString &target,
                                    const v1::MessageContent &content, qint64 nowMs);

    const IClock &m_clock;
    bool m_allowStrangers = false;
};

} // namespace parley::server
