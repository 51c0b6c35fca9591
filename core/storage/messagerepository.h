#pragma once

#include "common/sqlstatements.h"
#include "core/storage/conversationids.h"
#include "core/storage/searchindex.h"
#include "core/types/changeset.h"
#include "core/types/chatmessage.h"
#include "core/types/mentionlist.h"
#include "parley.pb.h"
#include "protocol/result.h"

#include <QList>

#include <functional>
#include <optional>

namespace parley {

class LocalDatabase;

// Messages in the local cache. Every message is stored once: keyed by (sender, client uuid) and by server
// uid, so a re-pushed or re-synced message is recognised, and a message this device sent is matched with
// its copy from the server. Outgoing rows not yet acknowledged are the outbox. The state of an outgoing
// message is derived from the peer's horizons (delivered, read), so a receipt updates every earlier message
// at once. Messages that come from the server (sync, history) are stored by applyMessage/applyRecall inside
// the transaction of whoever applies them (InboxApplier, HistoryFetcher). Engine thread.
class MessageRepository {
public:
    MessageRepository(LocalDatabase &db, QString selfUserId);

    // Stores a new outgoing text message in state Sending (the local echo); a reply carries its quote.
    Result<ChatMessage> addOutgoing(const ConversationKey &conversation, const QByteArray &clientUuid,
                                    const QString &text, qint64 nowMs, const QStringList &mentioned = {},
                                    bool mentionEveryone = false, const std::optional<v1::Quote> &quote = {});
    // Stores a new outgoing picture, file, voice or video message in state Sending, with its upload queued:
    // `source` is the file to send. The outbox leaves it alone until attachFile.
    Result<ChatMessage> addOutgoingMedia(const ConversationKey &conversation, const QByteArray &clientUuid,
                                         int contentType, const Media &media, const QString &source, qint64 nowMs);
    // Stores a forwarded copy (content as `content` says: another message's, or a chat history) in state
    // Sending, ready for the outbox: a file it carries is on the server already, and its bytes on this device
    // (if any) are found by their SHA-256.
    Result<ChatMessage> addForwarded(const ConversationKey &conversation, const QByteArray &clientUuid,
                                     const v1::MessageContent &content, qint64 nowMs);
    // The upload is done: the message carries the stored file and is ready for the outbox.
    Result<ChatMessage> attachFile(qint64 localId, const QString &fileId);
    // The SHA-256 of a file sent while it was hashed, once known.
    Result<ChatMessage> setMediaSha256(qint64 localId, const QByteArray &sha256);
    // A file the user stopped sending before it was uploaded: the message goes (nobody else ever saw it).
    Result<std::optional<ChatMessage>> discardUpload(qint64 localId);
    // Deletes a message from this device only (it stays on the server and on other devices).
    Result<std::optional<ChatMessage>> deleteLocally(qint64 localId);
    // Messages whose text contains what was typed, newest first (the local search).
    QList<ChatMessage> search(const QString &typed, int limit);
    // Messages that mention me (or everyone), of every chat, newest first, not recalled ones; and which are
    // unread (after my read horizon in their chat, hidden chats too).
    MentionList mentions(int limit);
    SearchIndex &searchIndex() { return m_search; }
    // The content as stored (what the outbox sends).
    v1::MessageContent contentOf(qint64 localId);
    std::optional<ChatMessage> byLocalId(qint64 localId);
    std::optional<ChatMessage> byClientUuid(const QString &sender, const QByteArray &clientUuid);
    std::optional<ChatMessage> byServerUid(qint64 serverUid);
    Result<ChatMessage> markSent(qint64 localId, qint64 serverUid, quint64 conversationSeq, qint64 timestampMs);
    Result<ChatMessage> markFailed(qint64 localId, ErrorCode failure);
    Result<ChatMessage> markSending(qint64 localId);
    // Replaces a message by the recall notice (nothing if it is not cached or already recalled), and takes its
    // text out of the replies that quote it. Records what changed; false if storing failed.
    bool markRecalled(qint64 serverUid, qint64 recalledAtMs, ChangeSet &changes);
    // The sender changed a text message's text (nothing if it is not cached, not text, or has this edit
    // already): its search words follow. Records what changed; false if storing failed.
    bool markEdited(qint64 serverUid, const QString &text, qint64 editedAtMs, ChangeSet &changes);
    // A message's reactions, all of them as they are now (nothing if it is not cached or has them already).
    bool setReactions(qint64 serverUid, const google::protobuf::RepeatedPtrField<v1::Reaction> &reactions,
                      ChangeSet &changes);
    // Outgoing messages waiting to be sent (Sending, or Failed for a reason worth retrying), oldest first.
    QList<ChatMessage> pendingOutgoing();

    // A message from the server (pushed, pulled or a page of history), inside the caller's transaction: stored
    // once, or completing my own local echo. Records what changed.
    bool applyMessage(const v1::Message &message, ChangeSet &changes);
    // A recall notice, inside the caller's transaction.
    bool applyRecall(const v1::RecallNotice &recall, ChangeSet &changes);
    // An edit notice, inside the caller's transaction.
    bool applyEdit(const v1::EditNotice &edit, ChangeSet &changes);
    // A reaction notice, inside the caller's transaction.
    bool applyReaction(const v1::ReactionNotice &reaction, ChangeSet &changes);

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
    struct OutgoingRow {
        QByteArray clientUuid;
        QString text; // what search and the list show
        v1::MessageContent content;
        qint64 nowMs = 0;
        QVariant mediaSha256; // null for text
        bool clearsDraft = false;
    };
    // A new outgoing row and its conversation's activity, in one transaction with `alongside` (if any).
    Result<ChatMessage> storeOutgoing(const ConversationKey &conversation, const OutgoingRow &row,
                                      const std::function<bool(qint64 localId)> &alongside = {});
    Result<ChatMessage> reload(qint64 localId);
    QList<ChatMessage> query(const char *sql, std::initializer_list<QVariant> values);
    // Remembers a conversation's newest message time; written once per transaction, just before its commit.
    void noteActivity(qint64 conversationRow, qint64 timestampMs);
    bool flushActivity();

    LocalDatabase &m_db;
    QString m_self;
    SqlStatements m_sql;
    ConversationIds m_conversations;
    QHash<qint64, qint64> m_activity; // conversation row → newest message time in the current transaction
    SearchIndex m_search;
};

} // namespace parley
