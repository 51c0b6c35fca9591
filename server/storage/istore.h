#pragma once

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
    virtual void clearFailure() = 0;

    // The batch transaction, driven by StoreExecutor.
    virtual bool beginTransaction() = 0;
    virtual bool commitTransaction() = 0;
    virtual void rollbackTransaction() = 0;

    // Server secrets (the keyed-hash key for codes), created on first use.
    virtual QByteArray secret(const QString &name, int bytes) = 0;

    // Verification codes: at most one live code per phone.
    virtual std::optional<CodeRecord> code(const QString &phone) = 0;
    virtual void putCode(const QString &phone, const CodeRecord &code, qint64 nowMs) = 0;
    virtual void setCodeTries(const QString &phone, int tries) = 0;
    virtual void deleteCode(const QString &phone) = 0;
    virtual void recordCodeRequest(const QString &phone, const QString &address, qint64 nowMs) = 0;
    // When codes were requested for a phone / from an address after sinceMs, oldest first.
    virtual QList<qint64> codeRequestTimesForPhone(const QString &phone, qint64 sinceMs) = 0;
    virtual QList<qint64> codeRequestTimesForAddress(const QString &address, qint64 sinceMs) = 0;
    virtual void pruneCodeRequests(qint64 beforeMs) = 0;

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
    virtual void revokeSession(qint64 sessionId, qint64 nowMs) = 0;

    // Messages and conversations.
    virtual std::optional<MessageRecord> messageByClientUuid(qint64 senderId, const QByteArray &clientUuid) = 0;
    virtual std::optional<ConversationRecord> privateConversation(qint64 userA, qint64 userB) = 0; // get or create
    // Stores the message with the conversation's next sequence; fills uid and conversationSeq.
    virtual bool insertMessage(MessageRecord &message) = 0;
    // Appends the message to a user's inbox with the user's next sequence; returns it (0 on failure).
    virtual quint64 appendToInbox(qint64 userId, qint64 messageUid) = 0;
    virtual QList<InboxRecord> inboxAfter(qint64 userId, quint64 afterSeq, int limit) = 0;
    virtual quint64 inboxHead(qint64 userId) = 0;
};

} // namespace parley::server
