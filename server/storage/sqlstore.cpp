#include "server/storage/sqlstore.h"

#include "common/securerandom.h"
#include "common/sqlitefile.h"
#include "server/logging.h"
#include "server/storage/serverschema.h"

#include <QAtomicInteger>
#include <QSqlError>

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

QAtomicInteger<int> g_connectionCounter;

constexpr char kSelectMessageColumns[] =
    "m.uid, m.conversation_id, m.conversation_seq, m.conversation_type, m.sender_id, u.uid, m.target, "
    "m.client_uuid, m.sender_message_id, m.content, m.created_at";

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
    return m;
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

Result<Done> SqlStore::open(const QString &path)
{
    Result<QSqlDatabase> db = SqliteFile::open(m_connectionName, path, serverSchemaSteps());
    if (!db)
        return db.error();
    m_db = db.value();
    m_sql.setDatabase(m_db);
    qCInfo(lcStore) << "database" << path << "at schema version" << serverSchemaSteps().size();
    return Done{};
}

bool SqlStore::beginTransaction()
{
    if (m_db.transaction())
        return true;
    qCCritical(lcStore) << "cannot begin a transaction:" << m_db.lastError().text();
    m_sql.setFailed();
    return false;
}

bool SqlStore::commitTransaction()
{
    for (const qint64 id : std::as_const(m_dirtyConversations))
        m_sql.exec("UPDATE conversations SET last_seq = ? WHERE id = ?", {qint64(m_conversationSeq.value(id)), id});
    for (const qint64 id : std::as_const(m_dirtyInboxes))
        m_sql.exec("UPDATE users SET inbox_seq = ? WHERE id = ?", {qint64(m_inboxSeq.value(id)), id});
    m_dirtyConversations.clear();
    m_dirtyInboxes.clear();
    if (m_sql.failed())
        return false;
    if (m_db.commit()) {
        if (m_usersByUid.size() + m_conversationSeq.size() + m_inboxSeq.size() > kMaxCachedEntries)
            forgetCaches();
        return true;
    }
    qCCritical(lcStore) << "commit failed:" << m_db.lastError().text();
    m_sql.setFailed();
    return false;
}

void SqlStore::rollbackTransaction()
{
    if (!m_db.rollback())
        qCWarning(lcStore) << "rollback failed:" << m_db.lastError().text();
    forgetCaches();
}

void SqlStore::forgetCaches()
{
    m_usersByUid.clear();
    m_privateConversations.clear();
    m_conversationSeq.clear();
    m_inboxSeq.clear();
    m_dirtyConversations.clear();
    m_dirtyInboxes.clear();
}

std::optional<quint64> SqlStore::counter(QHash<qint64, quint64> &cache, const char *sql, qint64 id)
{
    if (const auto it = cache.constFind(id); it != cache.cend())
        return *it;
    const QVariant value = m_sql.value(sql, {id});
    if (!value.isValid())
        return std::nullopt;
    cache.insert(id, value.toULongLong());
    return value.toULongLong();
}

QByteArray SqlStore::secret(const QString &name, int bytes)
{
    QSqlQuery &select = m_sql.get("SELECT value FROM server_secrets WHERE name = ?");
    if (m_sql.exec(select, {name}) && select.next()) {
        const QByteArray value = select.value(0).toByteArray();
        select.finish();
        return value;
    }
    const QByteArray value = secureRandomBytes(bytes);
    QSqlQuery &insert = m_sql.get("INSERT INTO server_secrets (name, value) VALUES (?, ?)");
    m_sql.exec(insert, {name, value});
    return value;
}

std::optional<CodeRecord> SqlStore::code(const QString &phone)
{
    QSqlQuery &q = m_sql.get("SELECT code_hash, expires_at, tries FROM verification_codes WHERE phone = ?");
    if (!m_sql.exec(q, {phone}) || !q.next())
        return std::nullopt;
    CodeRecord c{q.value(0).toByteArray(), q.value(1).toLongLong(), q.value(2).toInt()};
    q.finish();
    return c;
}

void SqlStore::putCode(const QString &phone, const CodeRecord &code, qint64 nowMs)
{
    QSqlQuery &q = m_sql.get(
        "INSERT INTO verification_codes (phone, code_hash, expires_at, tries, created_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (phone) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at, "
        "tries = excluded.tries, created_at = excluded.created_at");
    m_sql.exec(q, {phone, code.codeHash, code.expiresAtMs, code.tries, nowMs});
}

void SqlStore::setCodeTries(const QString &phone, int tries)
{
    m_sql.exec(m_sql.get("UPDATE verification_codes SET tries = ? WHERE phone = ?"), {tries, phone});
}

void SqlStore::deleteCode(const QString &phone)
{
    m_sql.exec(m_sql.get("DELETE FROM verification_codes WHERE phone = ?"), {phone});
}

void SqlStore::recordCodeRequest(const QString &phone, const QString &address, qint64 nowMs)
{
    m_sql.exec(m_sql.get("INSERT INTO code_requests (phone, address, requested_at) VALUES (?, ?, ?)"),
               {phone, address, nowMs});
}

QList<qint64> SqlStore::times(const char *sql, const QString &key, qint64 sinceMs)
{
    QList<qint64> times;
    QSqlQuery &q = m_sql.get(sql);
    if (!m_sql.exec(q, {key, sinceMs}))
        return times;
    while (q.next())
        times.append(q.value(0).toLongLong());
    q.finish();
    return times;
}

QList<qint64> SqlStore::codeRequestTimesForPhone(const QString &phone, qint64 sinceMs)
{
    return times("SELECT requested_at FROM code_requests WHERE phone = ? AND requested_at > ? ORDER BY requested_at",
                 phone, sinceMs);
}

QList<qint64> SqlStore::codeRequestTimesForAddress(const QString &address, qint64 sinceMs)
{
    return times("SELECT requested_at FROM code_requests WHERE address = ? AND requested_at > ? ORDER BY requested_at",
                 address, sinceMs);
}

void SqlStore::pruneCodeRequests(qint64 beforeMs)
{
    m_sql.exec(m_sql.get("DELETE FROM code_requests WHERE requested_at < ?"), {beforeMs});
    m_sql.exec(m_sql.get("DELETE FROM verification_codes WHERE expires_at < ?"), {beforeMs});
}

std::optional<UserRecord> SqlStore::userWhere(const char *sql, const QVariant &value)
{
    QSqlQuery &q = m_sql.get(sql);
    if (!m_sql.exec(q, {value}) || !q.next())
        return std::nullopt;
    UserRecord u{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toLongLong()};
    q.finish();
    return u;
}

std::optional<UserRecord> SqlStore::userByPhone(const QString &phone)
{
    return userWhere("SELECT id, uid, phone, created_at FROM users WHERE phone = ?", phone);
}

std::optional<UserRecord> SqlStore::userByUid(const QString &uid)
{
    if (const auto it = m_usersByUid.constFind(uid); it != m_usersByUid.cend())
        return *it;
    std::optional<UserRecord> user = userWhere("SELECT id, uid, phone, created_at FROM users WHERE uid = ?", uid);
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
    m_inboxSeq.insert(user.id, 0);
    return user;
}

std::optional<qint64> SqlStore::createSession(qint64 userId, const QString &deviceId, const QString &platform,
                                              const QString &deviceName, const QByteArray &tokenHash, qint64 nowMs)
{
    m_sql.exec(
        m_sql.get("UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND device_id = ? AND revoked_at IS NULL"),
        {nowMs, userId, deviceId});
    QSqlQuery &q = m_sql.get(
        "INSERT INTO sessions (user_id, device_id, platform, device_name, token_hash, created_at, last_seen_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!m_sql.exec(q, {userId, deviceId, platform, deviceName, tokenHash, nowMs, nowMs}))
        return std::nullopt;
    return q.lastInsertId().toLongLong();
}

std::optional<SessionRecord> SqlStore::sessionByTokenHash(const QByteArray &tokenHash)
{
    QSqlQuery &q = m_sql.get("SELECT s.id, s.user_id, u.uid, s.device_id, s.platform, s.revoked_at IS NOT NULL "
                             "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?");
    if (!m_sql.exec(q, {tokenHash}) || !q.next())
        return std::nullopt;
    SessionRecord s{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
                    q.value(3).toString(),   q.value(4).toString(),   q.value(5).toBool()};
    q.finish();
    return s;
}

void SqlStore::touchSession(qint64 sessionId, qint64 nowMs)
{
    m_sql.exec(m_sql.get("UPDATE sessions SET last_seen_at = ? WHERE id = ?"), {nowMs, sessionId});
}

void SqlStore::revokeSession(qint64 sessionId, qint64 nowMs)
{
    m_sql.exec(m_sql.get("UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"), {nowMs, sessionId});
}

std::optional<MessageRecord> SqlStore::messageByClientUuid(qint64 senderId, const QByteArray &clientUuid)
{
    // Nearly every send is new: answer that from the unique index alone, then read the full row.
    const QVariant uid =
        m_sql.value("SELECT uid FROM messages WHERE sender_id = ? AND client_uuid = ?", {senderId, clientUuid});
    if (!uid.isValid())
        return std::nullopt;
    static const QByteArray sql = QByteArray("SELECT ") + kSelectMessageColumns +
                                  " FROM messages m JOIN users u ON u.id = m.sender_id WHERE m.uid = ?";
    QSqlQuery &q = m_sql.get(sql.constData());
    if (!m_sql.exec(q, {uid}) || !q.next())
        return std::nullopt;
    MessageRecord m = readMessage(q, 0);
    q.finish();
    return m;
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
            m_conversationSeq.insert(id, 0);
        }
        m_privateConversations.insert(key, id);
    }
    const std::optional<quint64> lastSeq =
        counter(m_conversationSeq, "SELECT last_seq FROM conversations WHERE id = ?", id);
    if (!lastSeq)
        return std::nullopt;
    return ConversationRecord{id, *lastSeq};
}

bool SqlStore::insertMessage(MessageRecord &m)
{
    const std::optional<quint64> last =
        counter(m_conversationSeq, "SELECT last_seq FROM conversations WHERE id = ?", m.conversationId);
    if (!last) {
        m_sql.setFailed();
        return false;
    }
    m.conversationSeq = *last + 1;
    QSqlQuery &insert =
        m_sql.get("INSERT INTO messages (conversation_id, conversation_seq, conversation_type, sender_id, client_uuid, "
                  "sender_message_id, target, content, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!m_sql.exec(insert, {m.conversationId, m.conversationSeq, m.conversationType, m.senderId, m.clientUuid,
                             qint64(m.senderMessageId), m.target, m.content, m.timestampMs}))
        return false;
    m.uid = insert.lastInsertId().toLongLong();
    m_conversationSeq[m.conversationId] = m.conversationSeq;
    m_dirtyConversations.insert(m.conversationId);
    return true;
}

quint64 SqlStore::appendToInbox(qint64 userId, qint64 messageUid)
{
    const std::optional<quint64> last = counter(m_inboxSeq, "SELECT inbox_seq FROM users WHERE id = ?", userId);
    if (!last) {
        m_sql.setFailed();
        return 0;
    }
    const quint64 seq = *last + 1;
    if (!m_sql.exec("INSERT INTO inbox (user_id, seq, message_uid) VALUES (?, ?, ?)",
                    {userId, qint64(seq), messageUid}))
        return 0;
    m_inboxSeq[userId] = seq;
    m_dirtyInboxes.insert(userId);
    return seq;
}

QList<InboxRecord> SqlStore::inboxAfter(qint64 userId, quint64 afterSeq, int limit)
{
    static const QByteArray sql = QByteArray("SELECT i.seq, ") + kSelectMessageColumns +
                                  " FROM inbox i JOIN messages m ON m.uid = i.message_uid "
                                  "JOIN users u ON u.id = m.sender_id "
                                  "WHERE i.user_id = ? AND i.seq > ? ORDER BY i.seq LIMIT ?";
    QList<InboxRecord> items;
    QSqlQuery &q = m_sql.get(sql.constData());
    if (!m_sql.exec(q, {userId, qint64(afterSeq), limit}))
        return items;
    while (q.next())
        items.append(InboxRecord{q.value(0).toULongLong(), readMessage(q, 1)});
    q.finish();
    return items;
}

quint64 SqlStore::inboxHead(qint64 userId)
{
    return counter(m_inboxSeq, "SELECT inbox_seq FROM users WHERE id = ?", userId).value_or(0);
}

} // namespace parley::server
