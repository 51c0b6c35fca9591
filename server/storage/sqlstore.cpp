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
    if (m_db.commit())
        return true;
    qCCritical(lcStore) << "commit failed:" << m_db.lastError().text();
    m_sql.setFailed();
    return false;
}

void SqlStore::rollbackTransaction()
{
    if (!m_db.rollback())
        qCWarning(lcStore) << "rollback failed:" << m_db.lastError().text();
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
    return userWhere("SELECT id, uid, phone, created_at FROM users WHERE uid = ?", uid);
}

std::optional<UserRecord> SqlStore::createUser(const QString &phone, const QString &uid, qint64 nowMs)
{
    QSqlQuery &q = m_sql.get("INSERT INTO users (uid, phone, created_at) VALUES (?, ?, ?)");
    if (!m_sql.exec(q, {uid, phone, nowMs}))
        return std::nullopt;
    return UserRecord{q.lastInsertId().toLongLong(), uid, phone, nowMs};
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
    static const QByteArray sql = QByteArray("SELECT ") + kSelectMessageColumns +
                                  " FROM messages m JOIN users u ON u.id = m.sender_id "
                                  "WHERE m.sender_id = ? AND m.client_uuid = ?";
    QSqlQuery &q = m_sql.get(sql.constData());
    if (!m_sql.exec(q, {senderId, clientUuid}) || !q.next())
        return std::nullopt;
    MessageRecord m = readMessage(q, 0);
    q.finish();
    return m;
}

std::optional<ConversationRecord> SqlStore::privateConversation(qint64 userA, qint64 userB)
{
    const qint64 a = std::min(userA, userB);
    const qint64 b = std::max(userA, userB);
    constexpr int kPrivate = 0;
    QSqlQuery &select =
        m_sql.get("SELECT id, last_seq FROM conversations WHERE type = ? AND user_a = ? AND user_b = ?");
    if (!m_sql.exec(select, {kPrivate, a, b}))
        return std::nullopt;
    if (select.next()) {
        ConversationRecord c{select.value(0).toLongLong(), select.value(1).toULongLong()};
        select.finish();
        return c;
    }
    QSqlQuery &insert = m_sql.get("INSERT INTO conversations (type, user_a, user_b, last_seq) VALUES (?, ?, ?, 0)");
    if (!m_sql.exec(insert, {kPrivate, a, b}))
        return std::nullopt;
    return ConversationRecord{insert.lastInsertId().toLongLong(), 0};
}

bool SqlStore::insertMessage(MessageRecord &m)
{
    QSqlQuery &next = m_sql.get("UPDATE conversations SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq");
    if (!m_sql.exec(next, {m.conversationId}) || !next.next()) {
        m_sql.setFailed();
        return false;
    }
    m.conversationSeq = next.value(0).toULongLong();
    next.finish();
    QSqlQuery &insert =
        m_sql.get("INSERT INTO messages (conversation_id, conversation_seq, conversation_type, sender_id, client_uuid, "
                  "sender_message_id, target, content, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!m_sql.exec(insert, {m.conversationId, m.conversationSeq, m.conversationType, m.senderId, m.clientUuid,
                             qint64(m.senderMessageId), m.target, m.content, m.timestampMs}))
        return false;
    m.uid = insert.lastInsertId().toLongLong();
    return true;
}

quint64 SqlStore::appendToInbox(qint64 userId, qint64 messageUid)
{
    QSqlQuery &next = m_sql.get("UPDATE users SET inbox_seq = inbox_seq + 1 WHERE id = ? RETURNING inbox_seq");
    if (!m_sql.exec(next, {userId}) || !next.next()) {
        m_sql.setFailed();
        return 0;
    }
    const quint64 seq = next.value(0).toULongLong();
    next.finish();
    if (!m_sql.exec(m_sql.get("INSERT INTO inbox (user_id, seq, message_uid) VALUES (?, ?, ?)"),
                    {userId, qint64(seq), messageUid}))
        return 0;
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
    QSqlQuery &q = m_sql.get("SELECT inbox_seq FROM users WHERE id = ?");
    if (!m_sql.exec(q, {userId}) || !q.next())
        return 0;
    const quint64 head = q.value(0).toULongLong();
    q.finish();
    return head;
}

} // namespace parley::server
