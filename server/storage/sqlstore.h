#pragma once

#include "common/sqlstatements.h"
#include "protocol/result.h"
#include "server/storage/istore.h"
#include "server/storage/pendinginbox.h"
#include "server/storage/sqlaccountstore.h"
#include "server/storage/sqlcallstore.h"
#include "server/storage/sqlcodestore.h"
#include "server/storage/sqlfilestore.h"
#include "server/storage/sqlgroupstore.h"
#include "server/storage/sqlsocialstore.h"

#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>

namespace parley::server {

// IStore on QtSql, with SQLite (WAL, synchronous=FULL: a commit is on disk before anything is acknowledged)
// or with PostgreSQL (commits synchronous as the server is configured; shared by several parleyd nodes).
// Statements are prepared once and reused. Storage thread only: the connection belongs to the thread that
// called open().
//
// On PostgreSQL another node may write between two batches: nothing that changes is cached (only what never
// does: a user's id for their uid, a pair's conversation), and a sequence is given out by incrementing its
// counter column in place (nextSeq), so two nodes writing to one inbox at once get consecutive sequences. A
// lost connection is opened again at the next batch.
class SqlStore final : public IStore {
public:
    SqlStore();
    ~SqlStore() override;
    SqlStore(const SqlStore &) = delete;
    SqlStore &operator=(const SqlStore &) = delete;

    // What open() looks at first: an SQLite file's integrity, or nothing (a second connection to a database that
    // was just opened and checked).
    enum class Check { Integrity, Skip };
    // Opens (creating if needed) and migrates the database: an SQLite file's path, or a PostgreSQL URL
    // (PostgresConnection).
    Result<Done> open(const QString &location, Check check = Check::Integrity);
    QSqlDatabase &database() { return m_db; }

    bool failed() const override { return m_sql.failed(); }
    bool failureIsTransient() const override { return m_sql.failureIsTransient(); }
    void clearFailure() override { m_sql.clearFailure(); }
    bool beginTransaction() override;
    bool commitTransaction() override;
    void rollbackTransaction() override;
    void takeLocks(const QList<qint64> &keys) override;
    bool takesLocks() const override { return m_shared; }
    std::size_t pendingWrites() const override { return m_pendingInbox.size(); }

    QByteArray secret(const QString &name, int bytes) override;

    std::optional<UserRecord> userByPhone(const QString &phone) override;
    std::optional<UserRecord> userByUid(const QString &uid) override;
    std::optional<UserRecord> createUser(const QString &phone, const QString &uid, qint64 nowMs) override;

    std::optional<qint64> createSession(qint64 userId, const QString &deviceId, const QString &platform,
                                        const QString &deviceName, const QByteArray &tokenHash, qint64 nowMs) override;
    std::optional<SessionRecord> sessionByTokenHash(const QByteArray &tokenHash) override;
    void touchSession(qint64 sessionId, qint64 nowMs) override;
    void revokeSession(qint64 sessionId, RevokeReason reason, qint64 nowMs) override;
    QList<SessionRecord> activeSessions(qint64 userId) override;
    QList<SessionRecord> sessionsRevokedSince(qint64 sinceMs) override;
    RevokeReason setSyncedSeq(qint64 sessionId, quint64 seq) override;

    std::optional<ConversationRecord> privateConversation(qint64 userA, qint64 userB) override;
    std::optional<ConversationRecord> findPrivateConversation(qint64 userA, qint64 userB) override;
    QList<UserRecord> conversationMembers(qint64 conversationId) override;
    quint64 lastSeq(qint64 conversationId) override;
    std::optional<MemberProgress> memberProgress(qint64 conversationId, qint64 userId) override;
    void setMemberProgress(const MemberProgress &progress) override;

    std::optional<MessageRecord> messageByClientUuid(qint64 senderId, const QByteArray &clientUuid) override;
    std::optional<MessageRecord> messageByUid(qint64 uid) override;
    bool insertMessage(MessageRecord &message) override;
    void markRecalled(qint64 uid, const QByteArray &noticeContent, qint64 nowMs) override;
    void markEdited(qint64 uid, const QByteArray &content, qint64 nowMs) override;
    void setReactions(qint64 uid, const QByteArray &reactions) override;
    std::optional<ConversationSettingsRecord> conversationSettings(qint64 userId, int type,
                                                                   const QString &target) override;
    void putConversationSettings(qint64 userId, const ConversationSettingsRecord &settings) override;
    int conversationSettingsCount(qint64 userId) override;
    QList<ConversationSettingsRecord> conversationSettingsAfter(qint64 userId, int afterType,
                                                                const QString &afterTarget, int limit) override;
    void forgetEditedTexts(qint64 uid) override;
    QList<MessageRecord> messagesQuoting(qint64 uid) override;
    void replaceContent(qint64 uid, const QByteArray &content) override;
    QList<MessageRecord> messagesBefore(qint64 conversationId, quint64 beforeSeq, int limit,
                                        quint64 fromSeq = 0) override;

    InboxSeq appendToInbox(qint64 userId, const InboxEntry &entry, qint64 nowMs) override;
    QList<InboxRecord> inboxAfter(qint64 userId, quint64 afterSeq, int limit) override;
    quint64 inboxHead(qint64 userId) override;
    quint64 writtenInboxHead(qint64 userId) override;
    quint64 oldestInboxSeq(qint64 userId) override;
    int pruneInbox(qint64 olderThanMs) override;

    ISocialStore &social() override { return m_social; }
    IGroupStore &groups() override { return m_groups; }
    IFileStore &files() override { return m_files; }
    IAccountStore &accounts() override { return m_accounts; }
    ICodeStore &codes() override { return m_codes; }
    ICallStore &calls() override { return m_calls; }

private:
    std::optional<UserRecord> userWhere(const char *sql, const QVariant &value);
    enum class Counter { Conversation, Inbox };
    Result<Done> openPostgres();
    // The head of a conversation or an inbox.
    std::optional<quint64> counter(QHash<qint64, quint64> &cache, Counter which, qint64 id);
    // Takes `count` sequences after the head (for rows about to be written) and returns the last. SQLite (the
    // only writer) counts on from the head kept in memory. PostgreSQL increments the counter column, which there
    // always is the head (every write comes here; StoreCopier raises the floors it copies to the heads): the
    // UPDATE holds the row's lock until the commit and, when it had to wait for it, reads what the previous
    // holder committed — no sequence is given out twice or skipped, whichever nodes write.
    std::optional<quint64> takeSeqs(Counter which, qint64 id, int count);
    // Writes the pending inbox items (at the commit); false when a statement failed.
    bool writePendingInbox();
    void forgetCaches();

    QString m_connectionName;
    QString m_location;
    bool m_shared = false; // PostgreSQL: other nodes write too
    QSqlDatabase m_db;
    SqlStatements m_sql;
    SqlSocialStore m_social{m_sql};
    SqlGroupStore m_groups{m_sql};
    SqlFileStore m_files{m_sql};
    SqlAccountStore m_accounts{m_sql, [this] { forgetCaches(); }};
    SqlCodeStore m_codes{m_sql};
    SqlCallStore m_calls{m_sql};

    static constexpr qsizetype kMaxCachedEntries = 200000; // then the caches start over at a batch boundary
    QHash<QString, UserRecord> m_usersByUid;
    QHash<std::pair<qint64, qint64>, qint64> m_privateConversations; // (smaller, larger user id) → id
    QHash<qint64, quint64> m_conversationSeq;                        // conversation id → last sequence
    QHash<qint64, quint64> m_inboxSeq;                               // user id → last inbox sequence
    PendingInbox m_pendingInbox;
};

} // namespace parley::server
