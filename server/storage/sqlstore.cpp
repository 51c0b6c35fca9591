#include "server/storage/sqlstore.h"

#include "common/securerandom.h"
#include "common/sqlitefile.h"
#include "common/sqlmigrator.h"
#include "parley.pb.h"
#include "protocol/protobufbytes.h"
#include "server/logging.h"
#include "server/storage/postgresconnection.h"
#include "server/storage/serverschema.h"

#include <QAtomicInteger>
#include <QElapsedTimer>
#include <QSqlError>

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

// The head of a conversation is its newest message (messages are never deleted) and the head of an inbox its
// newest item, or the user's floor when pruning took them all (pruneInbox raises the floors first), so a
// commit writes no counter. SQLite's two-argument MAX is PostgreSQL's GREATEST.
constexpr char kConversationHead[] = "SELECT MAX(c.last_seq, COALESCE((SELECT MAX(m.conversation_seq) FROM messages m "
                                     "WHERE m.conversation_id = c.id), 0)) FROM conversations c WHERE c.id = ?";
constexpr char kInboxHead[] =
    "SELECT MAX(COALESCE(h.seq, 0), COALESCE((SELECT MAX(i.seq) FROM inbox i WHERE i.user_id = u.id), 0)) "
    "FROM users u LEFT JOIN inbox_heads h ON h.user_id = u.id WHERE u.id = ?";
constexpr char kConversationHeadPg[] =
    "SELECT GREATEST(c.last_seq, COALESCE((SELECT MAX(m.conversation_seq) FROM messages m "
    "WHERE m.conversation_id = c.id), 0)) FROM conversations c WHERE c.id = ?";
constexpr char kInboxHeadPg[] =
    "SELECT GREATEST(COALESCE(h.seq, 0), COALESCE((SELECT MAX(i.seq) FROM inbox i WHERE i.user_id = u.id), 0)) "
    "FROM users u LEFT JOIN inbox_heads h ON h.user_id = u.id WHERE u.id = ?";
// Where several nodes share the database (PostgreSQL), the counter columns are the heads, and the next
// sequence is taken by incrementing one in place (takeSeqs).
constexpr char kNextConversationSeq[] =
    "UPDATE conversations SET last_seq = last_seq + ? WHERE id = ? RETURNING last_seq";
constexpr char kNextInboxSeq[] = "INSERT INTO inbox_heads (user_id, seq) VALUES (?, ?) ON CONFLICT (user_id) "
                                "DO UPDATE SET seq = inbox_heads.seq + excluded.seq RETURNING seq";

QAtomicInteger<int> g_connectionCounter;

// SQLite checkpoints the WAL into the database inside the commit that takes it past this many pages (its default
// is 1,000). A busy server's commit carries hundreds of pages, so at the default every third commit or so also
// wrote the database and waited for its fsync, and a page changed by every commit (an index's newest leaf) was
// written once per checkpoint. At 10,000 (about 40 MB) one checkpoint takes the place of ten and writes each such
// page once: 100 users sending 300,000 messages, 32 in flight each, went from 18-23k to 30-32k messages/s
// (docs/BENCHMARKS.md). What a crash leaves in the WAL is replayed at the next open as before, now about 40 MB
// of it (more while a long read on the reports connection holds a checkpoint back).
constexpr int kWalCheckpointPages = 10000;
// The WAL file keeps its size when a checkpoint lets SQLite start it over; one that swelled past this (a long
// read holding checkpoints back, a huge transaction) is cut back to it then.
constexpr qint64 kWalSizeLimitBytes = 64LL * 1024 * 1024;
// A commit that takes this long is logged (at debug level: QT_LOGGING_RULES="parleyd.store.debug=true"), to tell
// the WAL's checkpoints, which run inside commits, from the rest in a latency's tail.
constexpr qint64 kSlowCommitMs = 5;
// SQLite's page cache per connection, in KiB (its default is 2,000 KiB). A full batch (StoreExecutor) changes
// each busy sender's, conversation's and recipient's newest index leaves and the pages above them; in 2 MiB they
// did not fit, so SQLite wrote dirty pages to the WAL mid-transaction (and again at the commit) and read evicted
// pages back. 100 users sending 300,000 messages, 32 in flight each, in rounds: 24-36k messages/s with 2 MiB,
// 30-42k with 4, 30-46k with 8 (each round faster than 2 MiB's), no more with 16 or 32 (docs/BENCHMARKS.md,
// 2026-12-05); the peak memory grew by 7.5 MB. The reports connection's cache fills only as far as its reads.
constexpr int kPageCacheKiB = 8 * 1024;

constexpr char kSelectMessageColumns[] =
    "m.uid, m.conversation_id, m.conversation_seq, m.conversation_type, m.sender_id, u.uid, m.target, "
    "m.client_uuid, m.sender_message_id, m.content, m.created_at, m.recalled_at, m.edited_at, m.reactions";

constexpr char kSelectSessionColumns[] =
    "s.id, s.user_id, u.uid, s.device_id, s.platform, s.device_name, s.revoked_at IS NOT NULL, s.revoked_reason, "
    "s.created_at, s.last_seen_at, s.synced_seq";

MessageRecord readMessage(const QSqlQuery &q, int first)
{
    MessageRecord m;
    m.uid = q.value(first + 0).toLongLong();
    m.conversationId = q.value(first + 1).toLongLong();
    m.conversationSeq = q.value(first + 2).toULongLong();
    m.conversationType = q.value(first + 3).toInt();
    m.senderId = q.value(first + 4).toLongLong();
    m.senderUid = q.value(first + 5).toString();
    m.target = q.value(first + 6).toString();
    m.clientUuid = q.value(first + 7).toByteArray();
    m.senderMessageId = quint64(q.value(first + 8).toLongLong());
    m.content = q.value(first + 9).toByteArray();
    m.timestampMs = q.value(first + 10).toLongLong();
    m.recalledAtMs = q.value(first + 11).toLongLong();
    m.editedAtMs = q.value(first + 12).toLongLong();
    m.reactions = q.value(first + 13).toByteArray();
    return m;
}

SessionRecord readSession(const QSqlQuery &q)
{
    SessionRecord s;
    s.id = q.value(0).toLongLong();
    s.userId = q.value(1).toLongLong();
    s.userUid = q.value(2).toString();
    s.deviceId = q.value(3).toString();
    s.platform = q.value(4).toString();
    s.deviceName = q.value(5).toString();
    s.revoked = q.value(6).toBool();
    s.revokeReason = RevokeReason(q.value(7).toInt());
    s.createdAtMs = q.value(8).toLongLong();
    s.lastSeenAtMs = q.value(9).toLongLong();
    s.syncedSeq = q.value(10).toULongLong();
    return s;
}

} // namespace

SqlStore::SqlStore()
    : m_connectionName(u"parleyd-store-%1"_s.arg(g_connectionCounter.fetchAndAddRelaxed(1))), m_sql(lcStore)
{
}

SqlStore::~SqlStore()
{
    m_sql.clear();
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    if (QSqlDatabase::contains(m_connectionName))
        QSqlDatabase::removeDatabase(m_connectionName);
}

Result<Done> SqlStore::open(const QString &location, Check check)
{
    m_sql.clear(); // its statements go before the connection they were prepared on
    m_location = location;
    m_shared = PostgresConnection::isUrl(location);
    if (m_shared)
        return openPostgres();
    Result<QSqlDatabase> db = SqliteFile::open(
        m_connectionName, location, serverSchemaSteps(),
        check == Check::Integrity ? SqliteFile::Check::AtOpen : SqliteFile::Check::Skip,
        {u"PRAGMA wal_autocheckpoint = %1"_s.arg(kWalCheckpointPages),
         u"PRAGMA journal_size_limit = %1"_s.arg(kWalSizeLimitBytes), u"PRAGMA cache_size = -%1"_s.arg(kPageCacheKiB)});
    if (!db)
        return db.error();
    m_db = db.value();
    m_sql.setDatabase(m_db, SqlStatements::Engine::NativeWhereShared);
    qCInfo(lcStore) << "database" << location << "at schema version" << serverSchemaSteps().size();
    return Done{};
}

Result<Done> SqlStore::openPostgres()
{
    m_sql.clear();
    m_db = QSqlDatabase();
    if (QSqlDatabase::contains(m_connectionName))
        QSqlDatabase::removeDatabase(m_connectionName);
    Result<QSqlDatabase> db = PostgresConnection::open(m_connectionName, m_location);
    if (!db)
        return db.error();
    m_db = db.value();
    if (const Result<int> version = SqlMigrator(m_db, serverSchemaSteps()).migrate(); !version) {
        m_db.close(); // the next batch tries again from the start
        return version.error();
    }
    m_sql.setDatabase(m_db);
    m_social.setShared(true);
    qCInfo(lcStore) << "PostgreSQL database" << m_db.databaseName() << "at schema version"
                    << serverSchemaSteps().size();
    return Done{};
}

bool SqlStore::beginTransaction()
{
    if (m_db.transaction())
        return true;
    // A lost connection to PostgreSQL (a restarted server, a failed migration) shows only when a statement fails
    // on it: connect again and begin once more.
    if (m_shared && !PostgresConnection::isAlive(m_db)) {
        qCWarning(lcStore) << "the connection to PostgreSQL was lost; connecting again";
        if (const Result<Done> reopened = openPostgres(); !reopened) {
            qCCritical(lcStore) << "cannot connect to PostgreSQL:" << reopened.error().message;
            m_sql.setFailed();
            return false;
        }
        if (m_db.transaction())
            return true;
    }
    qCCritical(lcStore) << "cannot begin a transaction:" << m_db.lastError().text();
    m_sql.setFailed();
    return false;
}

bool SqlStore::commitTransaction()
{
    if (m_sql.failed() || !writePendingInbox())
        return false;
    QElapsedTimer took;
    took.start();
    const bool committed = m_db.commit();
    if (const qint64 ms = took.elapsed(); ms >= kSlowCommitMs)
        qCDebug(lcStore) << "a commit took" << ms << "ms";
    if (committed) {
        if (m_usersByUid.size() + m_conversationSeq.size() + m_inboxSeq.size() > kMaxCachedEntries)
            forgetCaches();
        return true;
    }
    qCCritical(lcStore) << "commit failed:" << m_db.lastError().text();
    m_sql.noteTransient(m_db.lastError());
    m_sql.setFailed();
    return false;
}

void SqlStore::rollbackTransaction()
{
    if (!m_db.rollback())
        qCWarning(lcStore) << "rollback failed:" << m_db.lastError().text();
    m_pendingInbox.clear();
    forgetCaches();
}

void SqlStore::takeLocks(const QList<qint64> &keys)
{
    if (!m_shared || keys.isEmpty())
        return;
    Q_ASSERT(std::is_sorted(keys.cbegin(), keys.cend()));
    QStringList literals;
    literals.reserve(keys.size());
    for (const qint64 key : keys)
        literals.append(QString::number(key));
    // One round trip: unnest gives the keys in the array's order, and each row takes its lock in turn.
    m_sql.exec("SELECT pg_advisory_xact_lock(k) FROM unnest(CAST(? AS bigint[])) AS k",
               {u"{%1}"_s.arg(literals.join(u','))});
}

void SqlStore::forgetCaches()
{
    m_social.forgetCaches();
    m_usersByUid.clear();
    m_privateConversations.clear();
    m_conversationSeq.clear();
    m_inboxSeq.clear();
}

std::optional<quint64> SqlStore::counter(QHash<qint64, quint64> &cache, Counter which, qint64 id)
{
    if (const auto it = cache.constFind(id); it != cache.cend())
        return *it;
    const bool conversation = which == Counter::Conversation;
    const char *head =
        conversation ? (m_shared ? kConversationHeadPg : kConversationHead) : (m_shared ? kInboxHeadPg : kInboxHead);
    const QVariant value = m_sql.value(head, {id});
    if (!value.isValid())
        return std::nullopt;
    if (!m_shared) // shared, another node may move it at any time
        cache.insert(id, value.toULongLong());
    return value.toULongLong();
}

std::optional<quint64> SqlStore::takeSeqs(Counter which, qint64 id, int count)
{
    Q_ASSERT(count > 0);
    const bool conversation = which == Counter::Conversation;
    if (m_shared) {
        const QVariant last = conversation ? m_sql.value(kNextConversationSeq, {count, id})
                                           : m_sql.value(kNextInboxSeq, {id, count});
        if (!last.isValid())
            return std::nullopt;
        return last.toULongLong();
    }
    QHash<qint64, quint64> &cache = conversation ? m_conversationSeq : m_inboxSeq;
    const std::optional<quint64> last = counter(cache, which, id);
    if (!last)
        return std::nullopt;
    cache[id] = *last + quint64(count); // a failed insert fails the batch, whose rollback forgets the caches
    return *last + quint64(count);
}

QByteArray SqlStore::secret(const QString &name, int bytes)
{
    static constexpr char kSelect[] = "SELECT value FROM server_secrets WHERE name = ?";
    if (const QVariant value = m_sql.value(kSelect, {name}); value.isValid())
        return value.toByteArray();
    // Nodes starting together on one database each make one; the first committed is everyone's.
    m_sql.exec("INSERT INTO server_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
               {name, secureRandomBytes(bytes)});
    return m_sql.value(kSelect, {name}).toByteArray();
}

std::optional<UserRecord> SqlStore::userWhere(const char *sql, const QVariant &value)
{
    QSqlQuery &q = m_sql.get(sql);
    if (!m_sql.exec(q, {value}) || !q.next())
        return std::nullopt;
    UserRecord u{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toLongLong(),
                 q.value(4).toLongLong() > 0};
    q.finish();
    return u;
}

std::optional<UserRecord> SqlStore::userByPhone(const QString &phone)
{
    return userWhere("SELECT id, uid, phone, created_at, deleted_at FROM users WHERE phone = ?", phone);
}

std::optional<UserRecord> SqlStore::userByUid(const QString &uid)
{
    if (const auto it = m_usersByUid.constFind(uid); it != m_usersByUid.cend())
        return *it;
    std::optional<UserRecord> user =
        userWhere("SELECT id, uid, phone, created_at, deleted_at FROM users WHERE uid = ?", uid);
    if (user)
        m_usersByUid.insert(uid, *user);
    return user;
}

std::optional<UserRecord> SqlStore::createUser(const QString &phone, const QString &uid, qint64 nowMs)
{
    QSqlQuery &q = m_sql.get("INSERT INTO users (uid, phone, created_at) VALUES (?, ?, ?)");
    if (!m_sql.exec(q, {uid, phone, nowMs}))
        return std::nullopt;
    const UserRecord user{q.lastInsertId().toLongLong(), uid, phone, nowMs};
    m_usersByUid.insert(uid, user);
    if (!m_shared)
        m_inboxSeq.insert(user.id, 0);
    return user;
}

std::optional<qint64> SqlStore::createSession(qint64 userId, const QString &deviceId, const QString &platform,
                                              const QString &deviceName, const QByteArray &tokenHash, qint64 nowMs)
{
    m_sql.exec("UPDATE sessions SET revoked_at = ?, revoked_reason = ? "
               "WHERE user_id = ? AND device_id = ? AND revoked_at IS NULL",
               {nowMs, int(RevokeReason::Replaced), userId, deviceId});
    QSqlQuery &q = m_sql.get(
        "INSERT INTO sessions (user_id, device_id, platform, device_name, token_hash, created_at, last_seen_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!m_sql.exec(q, {userId, deviceId, platform, deviceName, tokenHash, nowMs, nowMs}))
        return std::nullopt;
    return q.lastInsertId().toLongLong();
}

std::optional<SessionRecord> SqlStore::sessionByTokenHash(const QByteArray &tokenHash)
{
    static const QByteArray sql = QByteArray("SELECT ") + kSelectSessionColumns +
                                  " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?";
    QSqlQuery &q = m_sql.get(sql.constData());
    if (!m_sql.exec(q, {tokenHash}) || !q.next())
        return std::nullopt;
    const SessionRecord session = readSession(q);
    q.finish();
    return session;
}

QList<SessionRecord> SqlStore::activeSessions(qint64 userId)
{
    static const QByteArray sql = QByteArray("SELECT ") + kSelectSessionColumns +
                                  " FROM sessions s JOIN users u ON u.id = s.user_id "
                                  "WHERE s.user_id = ? AND s.revoked_at IS NULL ORDER BY s.created_at, s.id";
    QList<SessionRecord> sessions;
    QSqlQuery &q = m_sql.get(sql.constData());
    if (!m_sql.exec(q, {userId}))
        return sessions;
    while (q.next())
        sessions.append(readSession(q));
    q.finish();
    return sessions;
}

QList<SessionRecord> SqlStore::sessionsRevokedSince(qint64 sinceMs)
{
    static const QByteArray sql = QByteArray("SELECT ") + kSelectSessionColumns +
                                  " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.revoked_at >= ?";
    QList<SessionRecord> sessions;
    QSqlQuery &q = m_sql.get(sql.constData());
    if (!m_sql.exec(q, {sinceMs}))
        return sessions;
    while (q.next())
        sessions.append(readSession(q));
    q.finish();
    return sessions;
}

void SqlStore::touchSession(qint64 sessionId, qint64 nowMs)
{
    m_sql.exec("UPDATE sessions SET last_seen_at = ? WHERE id = ?", {nowMs, sessionId});
}

void SqlStore::revokeSession(qint64 sessionId, RevokeReason reason, qint64 nowMs)
{
    m_sql.exec("UPDATE sessions SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL",
               {nowMs, int(reason), sessionId});
}

RevokeReason SqlStore::setSyncedSeq(qint64 sessionId, quint64 seq)
{
    // A session revoked before reasons were kept (0) was logged out (1); one that is gone, too.
    static_assert(int(RevokeReason::LoggedOut) == 1);
    const QVariant reason = m_sql.value(
        m_shared ? "UPDATE sessions SET synced_seq = GREATEST(synced_seq, ?) WHERE id = ? "
                   "RETURNING CASE WHEN revoked_at IS NULL THEN 0 ELSE COALESCE(NULLIF(revoked_reason, 0), 1) END"
                 : "UPDATE sessions SET synced_seq = MAX(synced_seq, ?) WHERE id = ? "
                   "RETURNING CASE WHEN revoked_at IS NULL THEN 0 ELSE COALESCE(NULLIF(revoked_reason, 0), 1) END",
        {qint64(seq), sessionId});
    if (!reason.isValid())
        return failed() ? RevokeReason::None : RevokeReason::LoggedOut;
    return RevokeReason(reason.toInt());
}

std::optional<MessageRecord> SqlStore::messageByClientUuid(qint64 senderId, const QByteArray &clientUuid)
{
    // Nearly every send is new: answer that from the unique index alone, then read the full row.
    const QVariant uid =
        m_sql.value("SELECT uid FROM messages WHERE sender_id = ? AND client_uuid = ?", {senderId, clientUuid});
    if (!uid.isValid())
        return std::nullopt;
    return messageByUid(uid.toLongLong());
}

std::optional<MessageRecord> SqlStore::messageByUid(qint64 uid)
{
    static const QByteArray sql = QByteArray("SELECT ") + kSelectMessageColumns +
                                  " FROM messages m JOIN users u ON u.id = m.sender_id WHERE m.uid = ?";
    QSqlQuery &q = m_sql.get(sql.constData());
    if (!m_sql.exec(q, {uid}) || !q.next())
        return std::nullopt;
    MessageRecord m = readMessage(q, 0);
    q.finish();
    return m;
}

void SqlStore::markRecalled(qint64 uid, const QByteArray &noticeContent, qint64 nowMs)
{
    m_sql.exec("UPDATE messages SET content = ?, recalled_at = ? WHERE uid = ?", {noticeContent, nowMs, uid});
}

void SqlStore::markEdited(qint64 uid, const QByteArray &content, qint64 nowMs)
{
    m_sql.exec("UPDATE messages SET content = ?, edited_at = ? WHERE uid = ?", {content, nowMs, uid});
}

void SqlStore::forgetEditedTexts(qint64 uid)
{
    m_pendingInbox.rewrite(uid, InboxEntry::Edit, [](InboxEntry &entry) {
        v1::EditNotice notice;
        notice.ParseFromArray(entry.payload.constData(), int(entry.payload.size()));
        notice.clear_text();
        entry.payload = toBytes(notice);
    });
    QSqlQuery &q = m_sql.get("SELECT user_id, seq, payload FROM inbox WHERE message_uid = ? AND kind = ?");
    if (!m_sql.exec(q, {uid, int(InboxEntry::Edit)}))
        return;
    QList<std::tuple<qint64, qint64, QByteArray>> rows;
    while (q.next())
        rows.append({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toByteArray()});
    q.finish();
    for (const auto &[user, seq, payload] : rows) {
        v1::EditNotice notice;
        notice.ParseFromArray(payload.constData(), int(payload.size()));
        notice.clear_text();
        m_sql.exec("UPDATE inbox SET payload = ? WHERE user_id = ? AND seq = ?", {toBytes(notice), user, seq});
    }
}

void SqlStore::setReactions(qint64 uid, const QByteArray &reactions)
{
    m_sql.exec("UPDATE messages SET reactions = ? WHERE uid = ?",
               {reactions.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(reactions), uid});
}

namespace {

constexpr char kSettingsColumns[] =
    "SELECT conversation_type, target, pinned, muted_until, marked_unread, draft, updated_at FROM conversation_settings ";

ConversationSettingsRecord readSettings(const QSqlQuery &q)
{
    ConversationSettingsRecord s;
    s.conversationType = q.value(0).toInt();
    s.target = q.value(1).toString();
    s.pinned = q.value(2).toBool();
    s.mutedUntilMs = q.value(3).toLongLong();
    s.markedUnread = q.value(4).toBool();
    s.draft = q.value(5).toString();
    s.updatedAtMs = q.value(6).toLongLong();
    return s;
}

} // namespace

std::optional<ConversationSettingsRecord> SqlStore::conversationSettings(qint64 userId, int type, const QString &target)
{
    static const QByteArray sql =
        QByteArray(kSettingsColumns) + "WHERE user_id = ? AND conversation_type = ? AND target = ?";
    QSqlQuery &q = m_sql.get(sql.constData());
    if (!m_sql.exec(q, {userId, type, target}) || !q.next())
        return std::nullopt;
    ConversationSettingsRecord s = readSettings(q);
    q.finish();
    return s;
}

void SqlStore::putConversationSettings(qint64 userId, const ConversationSettingsRecord &s)
{
    if (s.isDefault()) {
        m_sql.exec("DELETE FROM conversation_settings WHERE user_id = ? AND conversation_type = ? AND target = ?",
                   {userId, s.conversationType, s.target});
        return;
    }
    m_sql.exec("INSERT INTO conversation_settings (user_id, conversation_type, target, pinned, muted_until, "
               "marked_unread, draft, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
               "ON CONFLICT (user_id, conversation_type, target) DO UPDATE SET pinned = excluded.pinned, "
               "muted_until = excluded.muted_until, marked_unread = excluded.marked_unread, draft = excluded.draft, "
               "updated_at = excluded.updated_at",
               {userId, s.conversationType, s.target, s.pinned, s.mutedUntilMs, s.markedUnread,
                SqlStatements::text(s.draft), s.updatedAtMs});
}

int SqlStore::conversationSettingsCount(qint64 userId)
{
    return m_sql.value("SELECT COUNT(*) FROM conversation_settings WHERE user_id = ?", {userId}).toInt();
}

QList<ConversationSettingsRecord> SqlStore::conversationSettingsAfter(qint64 userId, int afterType,
                                                                      const QString &afterTarget, int limit)
{
    static const QByteArray sql = QByteArray(kSettingsColumns) +
                                  "WHERE user_id = ? AND (conversation_type, target) > (?, ?) "
                                  "ORDER BY conversation_type, target LIMIT ?";
    QList<ConversationSettingsRecord> out;
    QSqlQuery &q = m_sql.get(sql.constData());
    if (!m_sql.exec(q, {userId, afterType, afterTarget, limit}))
        return out;
    while (q.next())
        out.append(readSettings(q));
    q.finish();
    return out;
}

QList<MessageRecord> SqlStore::messagesQuoting(qint64 uid)
{
    QList<MessageRecord> replies;
    QSqlQuery &q = m_sql.get("SELECT uid, content FROM messages WHERE quoted_uid = ? AND recalled_at IS NULL");
    if (!m_sql.exec(q, {uid}))
        return replies;
    while (q.next()) {
        MessageRecord m;
        m.uid = q.value(0).toLongLong();
        m.content = q.value(1).toByteArray();
        m.quotedUid = uid;
        replies.append(m);
    }
    q.finish();
    return replies;
}

void SqlStore::replaceContent(qint64 uid, const QByteArray &content)
{
    m_sql.exec("UPDATE messages SET content = ? WHERE uid = ?", {content, uid});
}

QList<MessageRecord> SqlStore::messagesBefore(qint64 conversationId, quint64 beforeSeq, int limit, quint64 fromSeq)
{
    static const QByteArray sql = QByteArray("SELECT ") + kSelectMessageColumns +
                                  " FROM messages m JOIN users u ON u.id = m.sender_id "
                                  "WHERE m.conversation_id = ? AND m.conversation_seq < ? AND m.conversation_seq >= ? "
                                  "ORDER BY m.conversation_seq DESC LIMIT ?";
    QList<MessageRecord> messages;
    QSqlQuery &q = m_sql.get(sql.constData());
    if (!m_sql.exec(q,
                    {conversationId, qint64(std::min<quint64>(beforeSeq, quint64(INT64_MAX))), qint64(fromSeq), limit}))
        return messages;
    while (q.next())
        messages.append(readMessage(q, 0));
    q.finish();
    return messages;
}

std::optional<ConversationRecord> SqlStore::findPrivateConversation(qint64 userA, qint64 userB)
{
    const std::pair key{std::min(userA, userB), std::max(userA, userB)};
    qint64 id = m_privateConversations.value(key);
    if (id == 0) {
        constexpr int kPrivate = 0;
        const QVariant found = m_sql.value("SELECT id FROM conversations WHERE type = ? AND user_a = ? AND user_b = ?",
                                           {kPrivate, key.first, key.second});
        if (!found.isValid())
            return std::nullopt;
        id = found.toLongLong();
        m_privateConversations.insert(key, id);
    }
    const std::optional<quint64> lastSeq = counter(m_conversationSeq, Counter::Conversation, id);
    if (!lastSeq)
        return std::nullopt;
    return ConversationRecord{id, *lastSeq};
}

QList<UserRecord> SqlStore::conversationMembers(qint64 conversationId)
{
    QList<UserRecord> members;
    QSqlQuery &q = m_sql.get("SELECT u.id, u.uid, u.phone, u.created_at FROM conversation_members c "
                             "JOIN users u ON u.id = c.user_id WHERE c.conversation_id = ? AND c.left_seq IS NULL "
                             "ORDER BY u.id");
    if (!m_sql.exec(q, {conversationId}))
        return members;
    while (q.next())
        members.append(
            UserRecord{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toLongLong()});
    q.finish();
    return members;
}

quint64 SqlStore::lastSeq(qint64 conversationId)
{
    return counter(m_conversationSeq, Counter::Conversation, conversationId).value_or(0);
}

std::optional<MemberProgress> SqlStore::memberProgress(qint64 conversationId, qint64 userId)
{
    const QVariantList row =
        m_sql.row("SELECT delivered_seq, read_seq FROM conversation_members WHERE conversation_id = ? AND user_id = ?",
                  {conversationId, userId});
    if (row.isEmpty())
        return std::nullopt;
    return MemberProgress{conversationId, userId, row[0].toULongLong(), row[1].toULongLong()};
}

void SqlStore::setMemberProgress(const MemberProgress &p)
{
    m_sql.exec(
        "UPDATE conversation_members SET delivered_seq = ?, read_seq = ? WHERE conversation_id = ? AND user_id = ?",
        {qint64(p.deliveredSeq), qint64(p.readSeq), p.conversationId, p.userId});
}

std::optional<ConversationRecord> SqlStore::privateConversation(qint64 userA, qint64 userB)
{
    const std::pair key{std::min(userA, userB), std::max(userA, userB)};
    constexpr int kPrivate = 0;
    qint64 id = m_privateConversations.value(key);
    if (id == 0) {
        const QVariant found = m_sql.value("SELECT id FROM conversations WHERE type = ? AND user_a = ? AND user_b = ?",
                                           {kPrivate, key.first, key.second});
        if (m_sql.failed())
            return std::nullopt;
        if (found.isValid()) {
            id = found.toLongLong();
        } else {
            QSqlQuery &insert =
                m_sql.get("INSERT INTO conversations (type, user_a, user_b, last_seq) VALUES (?, ?, ?, 0)");
            if (!m_sql.exec(insert, {kPrivate, key.first, key.second}))
                return std::nullopt;
            id = insert.lastInsertId().toLongLong();
            if (!m_shared)
                m_conversationSeq.insert(id, 0);
            QSqlQuery &member = m_sql.get(
                "INSERT INTO conversation_members (conversation_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING");
            m_sql.exec(member, {id, key.first});
            m_sql.exec(member, {id, key.second});
        }
        m_privateConversations.insert(key, id);
    }
    const std::optional<quint64> lastSeq = counter(m_conversationSeq, Counter::Conversation, id);
    if (!lastSeq)
        return std::nullopt;
    return ConversationRecord{id, *lastSeq};
}

bool SqlStore::insertMessage(MessageRecord &m)
{
    const std::optional<quint64> seq = takeSeqs(Counter::Conversation, m.conversationId, 1);
    if (!seq) {
        m_sql.setFailed();
        return false;
    }
    m.conversationSeq = *seq;
    const std::initializer_list<QVariant> values{
        m.conversationId,   m.conversationSeq,
        m.conversationType, m.senderId,
        m.clientUuid,       qint64(m.senderMessageId),
        m.target,           m.content,
        m.timestampMs,      m.quotedUid == 0 ? QVariant(QMetaType(QMetaType::LongLong)) : QVariant(m.quotedUid)};
    // SQLite gives the new row's id through its own API; PostgreSQL's driver would ask with another round trip.
    const qint64 uid =
        m_shared
            ? m_sql
                  .value("INSERT INTO messages (conversation_id, conversation_seq, conversation_type, sender_id, "
                         "client_uuid, sender_message_id, target, content, created_at, quoted_uid) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING uid",
                         values)
                  .toLongLong()
            : m_sql.insert("INSERT INTO messages (conversation_id, conversation_seq, conversation_type, sender_id, "
                           "client_uuid, sender_message_id, target, content, created_at, quoted_uid) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           values);
    if (uid == 0)
        return false;
    m.uid = uid;
    return true;
}

InboxSeq SqlStore::appendToInbox(qint64 userId, const InboxEntry &entry, qint64 nowMs)
{
    return m_pendingInbox.add(userId, entry, nowMs);
}

bool SqlStore::writePendingInbox()
{
    std::vector<PendingInbox::Item> items = m_pendingInbox.take();
    for (size_t first = 0; first < items.size();) {
        const qint64 userId = items[first].userId;
        size_t end = first;
        while (end < items.size() && items[end].userId == userId)
            ++end;
        const std::optional<quint64> last = takeSeqs(Counter::Inbox, userId, int(end - first));
        if (!last) {
            m_sql.setFailed();
            return false;
        }
        for (quint64 seq = *last - (end - first) + 1; first < end; ++first, ++seq) {
            const PendingInbox::Item &item = items[first];
            const QByteArray &payload = item.entry.payload;
            if (!m_sql.exec("INSERT INTO inbox (user_id, seq, message_uid, kind, payload, created_at) "
                            "VALUES (?, ?, ?, ?, ?, ?)",
                            {userId, qint64(seq), item.entry.messageUid, int(item.entry.kind),
                             payload.isNull() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(payload),
                             item.nowMs}))
                return false;
            item.seq.set(seq);
        }
    }
    return true;
}

QList<InboxRecord> SqlStore::inboxAfter(qint64 userId, quint64 afterSeq, int limit)
{
    static const QByteArray sql = QByteArray("SELECT i.seq, i.kind, i.payload, ") + kSelectMessageColumns +
                                  " FROM inbox i LEFT JOIN messages m ON i.kind = ? AND m.uid = i.message_uid "
                                  "LEFT JOIN users u ON u.id = m.sender_id "
                                  "WHERE i.user_id = ? AND i.seq > ? ORDER BY i.seq LIMIT ?";
    QList<InboxRecord> items;
    QSqlQuery &q = m_sql.get(sql.constData());
    if (!m_sql.exec(q, {int(InboxEntry::Message), userId, qint64(afterSeq), limit}))
        return items;
    while (q.next()) {
        InboxRecord r;
        r.seq = q.value(0).toULongLong();
        r.kind = InboxEntry::Kind(q.value(1).toInt());
        r.payload = q.value(2).toByteArray();
        if (r.kind == InboxEntry::Message)
            r.message = readMessage(q, 3);
        items.append(r);
    }
    q.finish();
    return items;
}

quint64 SqlStore::inboxHead(qint64 userId)
{
    return writtenInboxHead(userId) + quint64(m_pendingInbox.countFor(userId));
}

quint64 SqlStore::writtenInboxHead(qint64 userId)
{
    return counter(m_inboxSeq, Counter::Inbox, userId).value_or(0);
}

quint64 SqlStore::oldestInboxSeq(qint64 userId)
{
    return m_sql.value("SELECT MIN(seq) FROM inbox WHERE user_id = ?", {userId}).toULongLong();
}

int SqlStore::pruneInbox(qint64 olderThanMs)
{
    // First the floors rise to the heads, which the deletions may take away (kInboxHead). Driven by the inbox
    // (its rows are read by the deletions anyway), not by every account. On PostgreSQL the counters are the heads.
    if (!m_shared)
        m_sql.exec(raiseInboxFloors());
    QSqlQuery &synced = m_sql.get("DELETE FROM inbox WHERE seq <= (SELECT MIN(s.synced_seq) FROM sessions s "
                                  "WHERE s.user_id = inbox.user_id AND s.revoked_at IS NULL)");
    int removed = m_sql.exec(synced) ? synced.numRowsAffected() : 0;
    // ... and what came for a deleted account after it went (a peer's read receipt, a group notice).
    QSqlQuery &old = m_sql.get("DELETE FROM inbox WHERE created_at < ? OR user_id IN (SELECT id FROM users "
                               "WHERE deleted_at > 0)");
    removed += m_sql.exec(old, {olderThanMs}) ? old.numRowsAffected() : 0;
    return removed;
}

} // namespace parley::server
