#pragma once

#include "server/storage/iaccountstore.h"
#include "server/storage/icallstore.h"
#include "server/storage/icodestore.h"
#include "server/storage/ifilestore.h"
#include "server/storage/igroupstore.h"
#include "server/storage/inboxseq.h"
#include "server/storage/isocialstore.h"
#include "server/storage/records.h"

#include <QList>

#include <optional>

namespace parley::server {

// The storage operations parleyd's services are written against. Implementations are synchronous and
// are used only on the storage thread (StoreExecutor), inside the transaction of the current batch.
// A failed statement sets failed(); the executor then rolls back and retries the batch's jobs one by
// one, so an operation can return an empty value on failure without the caller checking each call.
//
// SqlStore implements it on QtSql with SQLite; a PostgreSQL store implements the same interface, so no
// service changes when the backend does.
class IStore {
public:
    virtual ~IStore() = default;

    virtual bool failed() const = 0;
    // The failure was a race lost to another node's transaction: the batch may be run again as it was.
    virtual bool failureIsTransient() const { return false; }
    virtual void clearFailure() = 0;

    // The batch transaction, driven by StoreExecutor.
    virtual bool beginTransaction() = 0;
    virtual bool commitTransaction() = 0;
    virtual void rollbackTransaction() = 0;

    // Takes the locks of `keys` (ascending, each once) for the rest of the transaction, in that order (StoreJob::
    // lockKeys). PostgreSQL: advisory transaction locks. SQLite, whose writer is alone, has nothing to take.
    virtual void takeLocks(const QList<qint64> &keys) = 0;
    // Whether takeLocks takes anything: if not, a batch's lock keys do not limit its size.
    virtual bool takesLocks() const = 0;
    // Rows the batch's jobs so far have left to write at the commit (inbox items: a group message has one per
    // member).
    virtual std::size_t pendingWrites() const = 0;

    // Server secrets (the keyed-hash key for codes), created on first use.
    virtual QByteArray secret(const QString &name, int bytes) = 0;

    // Users.
    virtual std::optional<UserRecord> userByPhone(const QString &phone) = 0;
    virtual std::optional<UserRecord> userByUid(const QString &uid) = 0;
    virtual std::optional<UserRecord> createUser(const QString &phone, const QString &uid, qint64 nowMs) = 0;

    // Device sessions. Creating one revokes earlier sessions of the same user and device id.
    virtual std::optional<qint64> createSession(qint64 userId, const QString &deviceId, const QString &platform,
                                                const QString &deviceName, const QByteArray &tokenHash,
                                                qint64 nowMs) = 0;
    virtual std::optional<SessionRecord> sessionByTokenHash(const QByteArray &tokenHash) = 0;
    virtual void touchSession(qint64 sessionId, qint64 nowMs) = 0;
    virtual void revokeSession(qint64 sessionId, RevokeReason reason, qint64 nowMs) = 0;
    // The user's sessions that are not revoked, oldest first.
    virtual QList<SessionRecord> activeSessions(qint64 userId) = 0;
    // Sessions revoked at or after sinceMs, by any node (RevocationWatch).
    virtual QList<SessionRecord> sessionsRevokedSince(qint64 sinceMs) = 0;
    // How far a device has synced its inbox (it asked for items after this sequence). Returns why the session
    // was revoked, or None: a node that missed the word of it (Redis away) still has the device's link.
    virtual RevokeReason setSyncedSeq(qint64 sessionId, quint64 seq) = 0;

    // Conversations and their members' horizons.
    virtual std::optional<ConversationRecord> privateConversation(qint64 userA, qint64 userB) = 0; // get or create
    virtual std::optional<ConversationRecord> findPrivateConversation(qint64 userA, qint64 userB) = 0;
    // Current members (for a group: not those who left or were removed).
    virtual QList<UserRecord> conversationMembers(qint64 conversationId) = 0;
    virtual quint64 lastSeq(qint64 conversationId) = 0;
    virtual std::optional<MemberProgress> memberProgress(qint64 conversationId, qint64 userId) = 0;
    virtual void setMemberProgress(const MemberProgress &progress) = 0;

    // Messages. They are never deleted: a conversation's newest one is its head (a recall replaces content).
    virtual std::optional<MessageRecord> messageByClientUuid(qint64 senderId, const QByteArray &clientUuid) = 0;
    virtual std::optional<MessageRecord> messageByUid(qint64 uid) = 0;
    // Stores the message with the conversation's next sequence; fills uid and conversationSeq.
    virtual bool insertMessage(MessageRecord &message) = 0;
    // Replaces a message's content by the recall notice.
    virtual void markRecalled(qint64 uid, const QByteArray &noticeContent, qint64 nowMs) = 0;
    // A recalled message's edit items (still in inboxes) keep no text.
    virtual void forgetEditedTexts(qint64 uid) = 0;
    // Replaces a message's reactions (a serialized ReactionList).
    virtual void setReactions(qint64 uid, const QByteArray &reactions) = 0;
    // Replaces an edited message's content.
    virtual void markEdited(qint64 uid, const QByteArray &content, qint64 nowMs) = 0;
    // The replies that quote a message (uid and content are filled), and a reply's content rewritten.
    virtual QList<MessageRecord> messagesQuoting(qint64 uid) = 0;
    virtual void replaceContent(qint64 uid, const QByteArray &content) = 0;
    // Up to `limit` messages of the conversation before `beforeSeq` and from `fromSeq` on, newest first.
    virtual QList<MessageRecord> messagesBefore(qint64 conversationId, quint64 beforeSeq, int limit,
                                                quint64 fromSeq = 0) = 0;

    // How the user keeps conversations; putting the defaults deletes the row.
    virtual std::optional<ConversationSettingsRecord> conversationSettings(qint64 userId, int type,
                                                                           const QString &target) = 0;
    virtual void putConversationSettings(qint64 userId, const ConversationSettingsRecord &settings) = 0;
    virtual int conversationSettingsCount(qint64 userId) = 0;
    // Up to `limit` rows after (afterType, afterTarget) in that order.
    virtual QList<ConversationSettingsRecord> conversationSettingsAfter(qint64 userId, int afterType,
                                                                        const QString &afterTarget, int limit) = 0;

    // Inbox: each entry gets the user's next sequence, known once the batch writes its inbox items as it
    // commits — each user's in the order appended, users in ascending id order, so that nodes' batches take the
    // users' counters in one order. Until then the items are not in the reads below (except inboxHead).
    virtual InboxSeq appendToInbox(qint64 userId, const InboxEntry &entry, qint64 nowMs) = 0;
    virtual QList<InboxRecord> inboxAfter(qint64 userId, quint64 afterSeq, int limit) = 0;
    // The head the inbox will at least have once this batch commits: what is written, and what this batch
    // appended for the user (on PostgreSQL another node may add more before). A device told it at CONNECT
    // pulls what this batch appended before its link was there to be pushed to.
    virtual quint64 inboxHead(qint64 userId) = 0;
    // The head of what is written.
    virtual quint64 writtenInboxHead(qint64 userId) = 0;
    // The smallest sequence still in the user's inbox, or 0 if it is empty.
    virtual quint64 oldestInboxSeq(qint64 userId) = 0;
    // Deletes items every active device of their user has synced, and items older than `olderThanMs`; the
    // inbox heads stay as they were.
    virtual int pruneInbox(qint64 olderThanMs) = 0;

    // People and groups, in the same transaction.
    virtual ISocialStore &social() = 0;
    virtual IGroupStore &groups() = 0;
    virtual IFileStore &files() = 0;
    virtual IAccountStore &accounts() = 0;
    virtual ICodeStore &codes() = 0;
    virtual ICallStore &calls() = 0;
};

} // namespace parley::server
