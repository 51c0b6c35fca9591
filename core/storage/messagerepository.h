#pragma once

#include "common/sqlstatements.h"
#include "core/chatmessage.h"
#include "core/storage/conversationids.h"
#include "core/storage/searchindex.h"
#include "parley.pb.h"
#include "protocol/result.h"

#include <QList>
#include <QSet>

#include <functional>
#include <optional>

namespace parley {

class LocalDatabase;

// Messages in the local cache, and everything sync writes. Every message is stored once: keyed by
// (sender, client uuid) and by server uid, so a re-pushed or re-synced message is recognised, and a
// message this device sent is matched with its copy from the server. Outgoing rows not yet acknowledged
// are the outbox. Inbox items (messages, receipts, read state, recalls) are applied together with the
// sync position in one transaction. The state of an outgoing message is derived from the peer's
// horizons (delivered, read), so a receipt updates every earlier message at once. Engine thread.
class MessageRepository {
public:
    struct Applied {
        QList<ChatMessage> added;            // new rows
        QList<ChatMessage> updated;          // rows that changed (acknowledged through sync, recalled)
        QSet<ConversationKey> conversations; // conversations whose messages, receipts or read state changed
        QSet<QString> groupsNoticed;         // groups with a new notice (members, name, roles changed)
        QSet<QString> groupsRead;            // groups where another member's read horizon moved
        bool contactsChanged = false;
        bool requestsChanged = false;
    };
    // Applies inbox items about people and groups (contacts, friend requests, other members' read horizons
    // in groups) in the same transaction as the rest.
    using ItemHandler = std::function<bool(const v1::InboxItem &item, Applied &applied)>;

    static constexpr int kMentionSome = 1; // MessageContent.mentioned_type
    static constexpr int kMentionEveryone = 2;

    MessageRepository(LocalDatabase &db, QString selfUserId);
    void setPeopleItemHandler(ItemHandler handler) { m_peopleItems = std::move(handler); }

    // Stores a new outgoing text message in state Sending (the local echo).
    Result<ChatMessage> addOutgoing(const ConversationKey &conversation, const QByteArray &clientUuid,
                                    const QString &text, qint64 nowMs, const QStringList &mentioned = {},
                                    bool mentionEveryone = false);
    // Deletes a message from this device only (it stays on the server and on other devices).
    Result<std::optional<ChatMessage>> deleteLocally(qint64 localId);
    // Messages whose text contains what was typed, newest first (the local search).
    QList<ChatMessage> search(const QString &typed, int limit);
    SearchIndex &searchIndex() { return m_search; }
    // The content as stored (what the outbox sends).
    v1::MessageContent contentOf(qint64 localId);
    std::optional<ChatMessage> byLocalId(qint64 localId);
    std::optional<ChatMessage> byClientUuid(const QString &sender, const QByteArray &clientUuid);
    std::optional<ChatMessage> byServerUid(qint64 serverUid);
    Result<ChatMessage> markSent(qint64 localId, qint64 serverUid, quint64 conversationSeq, qint64 timestampMs);
    Result<ChatMessage> markFailed(qint64 localId, ErrorCode failure);
    Result<ChatMessage> markSending(qint64 localId);
    // Replaces a message by the recall notice; nothing if it is not cached or already recalled.
    Result<std::optional<ChatMessage>> markRecalled(qint64 serverUid, qint64 recalledAtMs);
    // Outgoing messages waiting to be sent (Sending, or Failed for a reason worth retrying), oldest first.
    QList<ChatMessage> pendingOutgoing();

    // Applies pulled or pushed inbox items and moves the sync position to `syncSeq`, atomically.
    Result<Applied> applyInbox(const QList<v1::InboxItem> &items, quint64 syncSeq);
    quint64 syncSeq();
    // Stores a page of older history (LRM); the sync position does not move. reachedStart: the server has
    // nothing older, so the cache now holds the conversation from its first message.
    Result<Applied> storeHistory(const ConversationKey &conversation, const v1::HistoryResult &page, bool reachedStart);

    // The newest `limit` messages of a conversation in conversation order (unsent ones last).
    QList<ChatMessage> latest(const ConversationKey &conversation, int limit);
    // Up to `limit` cached messages after `afterSeq`, in conversation order; unsent ones end the last page.
    QList<ChatMessage> newer(const ConversationKey &conversation, quint64 afterSeq, int limit);
    // Up to `limit` cached messages before `beforeSeq`, in conversation order.
    QList<ChatMessage> older(const ConversationKey &conversation, quint64 beforeSeq, int limit);

    // Failures that a later attempt may overcome (network, server busy); others need the user.
    static bool isRetryable(ErrorCode failure);
    // Derives what the client stores from a message of the wire.
    static ConversationKey conversationOf(const v1::Message &message, const QString &selfUserId);

private:
    Result<ChatMessage> reload(qint64 localId);
    bool applyMessage(const v1::Message &message, Applied &applied);
    bool applyProgress(const v1::ConversationProgress &progress, Applied &applied);
    bool applyRecall(const v1::RecallNotice &recall, Applied &applied);
    // Runs `work` in a transaction; on failure rolls back and forgets cached ids.
    bool inTransaction(const std::function<bool()> &work);
    QList<ChatMessage> query(const char *sql, std::initializer_list<QVariant> values);
    // Writes the newest message time per conversation gathered by applyMessage (once per batch, not per message).
    bool flushActivity();

    LocalDatabase &m_db;
    QString m_self;
    SqlStatements m_sql;
    ConversationIds m_conversations;
    QHash<qint64, qint64> m_activity; // conversation row → newest message time in the current batch
    ItemHandler m_peopleItems;
    SearchIndex m_search;
};

} // namespace parley
