#pragma once

#include "common/sqlstatements.h"
#include "core/chatmessage.h"
#include "parley.pb.h"
#include "protocol/result.h"

#include <QHash>
#include <QList>

#include <optional>

namespace parley {

class LocalDatabase;

// Messages and conversations in the local cache. Every message is stored once: keyed by (sender,
// client uuid) and by server uid, so a re-pushed or re-synced message is recognised, and a message this
// device sent is matched with its copy from the server. Outgoing rows not yet acknowledged are the
// outbox. The inbox sync position is written in the same transaction as the items it covers.
// Engine thread.
class MessageRepository {
public:
    struct Applied {
        QList<ChatMessage> added;   // new rows
        QList<ChatMessage> updated; // rows that changed (an own message acknowledged through sync)
    };

    MessageRepository(LocalDatabase &db, QString selfUserId);

    // Stores a new outgoing text message in state Sending (the local echo).
    Result<ChatMessage> addOutgoing(const ConversationKey &conversation, const QByteArray &clientUuid,
                                    const QString &text, qint64 nowMs);
    std::optional<ChatMessage> byLocalId(qint64 localId);
    std::optional<ChatMessage> byClientUuid(const QString &sender, const QByteArray &clientUuid);
    Result<ChatMessage> markSent(qint64 localId, qint64 serverUid, quint64 conversationSeq, qint64 timestampMs);
    Result<ChatMessage> markFailed(qint64 localId, ErrorCode failure);
    Result<ChatMessage> markSending(qint64 localId);
    // Outgoing messages waiting to be sent (Sending, or Failed for a reason worth retrying), oldest first.
    QList<ChatMessage> pendingOutgoing();

    // Applies pulled or pushed inbox items and moves the sync position to `syncSeq`, atomically.
    Result<Applied> applyInbox(const QList<v1::InboxItem> &items, quint64 syncSeq);
    quint64 syncSeq();

    // The newest `limit` messages of a conversation in conversation order (unsent ones last).
    QList<ChatMessage> latest(const ConversationKey &conversation, int limit);

    // Failures that a later attempt may overcome (network, server busy); others need the user.
    static bool isRetryable(ErrorCode failure);
    // Derives what the client stores from a message of the wire.
    static ConversationKey conversationOf(const v1::Message &message, const QString &selfUserId);

private:
    std::optional<qint64> conversationId(const ConversationKey &key, bool create);
    Result<ChatMessage> reload(qint64 localId);
    bool applyMessage(const v1::Message &message, Applied &applied);
    QList<ChatMessage> query(const char *sql, std::initializer_list<QVariant> values);

    LocalDatabase &m_db;
    QString m_self;
    SqlStatements m_sql;
    QHash<ConversationKey, qint64> m_conversationIds;
};

} // namespace parley
