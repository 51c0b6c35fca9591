#include "core/storage/messagerepository.h"

#include "core/logging.h"
#include "core/storage/localdatabase.h"
#include "protocol/protobufbytes.h"

#include <QSqlQuery>

namespace parley {

using namespace Qt::StringLiterals;

namespace {

constexpr char kInboxSeqName[] = "inbox";

#define PARLEY_MESSAGE_COLUMNS                                                                                         \
    "m.id, c.type, c.target, m.client_uuid, m.server_uid, m.conversation_seq, m.sender, m.outgoing, m.state, "         \
    "m.failure, m.content_type, m.text, m.timestamp_ms "                                                               \
    "FROM messages m JOIN conversations c ON c.id = m.conversation_id "

ChatMessage readMessage(const QSqlQuery &q)
{
    ChatMessage m;
    m.localId = q.value(0).toLongLong();
    m.conversation = ConversationKey{ConversationKey::Type(q.value(1).toInt()), q.value(2).toString()};
    m.clientUuid = q.value(3).toByteArray();
    m.serverUid = q.value(4).toLongLong();
    m.conversationSeq = q.value(5).toULongLong();
    m.sender = q.value(6).toString();
    m.outgoing = q.value(7).toBool();
    m.state = MessageState(q.value(8).toInt());
    m.failure = ErrorCode(q.value(9).toInt());
    m.contentType = q.value(10).toInt();
    m.text = q.value(11).toString();
    m.timestampMs = q.value(12).toLongLong();
    return m;
}

} // namespace

MessageRepository::MessageRepository(LocalDatabase &db, QString selfUserId)
    : m_db(db), m_self(std::move(selfUserId)), m_sql(lcDb)
{
    m_sql.setDatabase(m_db.db());
}

bool MessageRepository::isRetryable(ErrorCode failure)
{
    switch (failure) {
    case ErrorCode::NetworkUnreachable:
    case ErrorCode::TlsFailure:
    case ErrorCode::ConnectionLost:
    case ErrorCode::Timeout:
    case ErrorCode::RateLimited:
    case ErrorCode::Unavailable:
    case ErrorCode::Internal: return true;
    default: return false;
    }
}

ConversationKey MessageRepository::conversationOf(const v1::Message &message, const QString &selfUserId)
{
    const QString from = QString::fromStdString(message.from());
    const QString target = QString::fromStdString(message.target());
    if (message.conversation_type() == v1::CONVERSATION_GROUP)
        return ConversationKey{ConversationKey::Type::Group, target};
    return ConversationKey::withUser(from == selfUserId ? target : from);
}

std::optional<qint64> MessageRepository::conversationId(const ConversationKey &key, bool create)
{
    if (const auto it = m_conversationIds.constFind(key); it != m_conversationIds.cend())
        return *it;
    const QVariant id =
        m_sql.value("SELECT id FROM conversations WHERE type = ? AND target = ?", {int(key.type), key.target});
    if (id.isValid()) {
        m_conversationIds.insert(key, id.toLongLong());
        return id.toLongLong();
    }
    if (!create)
        return std::nullopt;
    QSqlQuery &insert = m_sql.get("INSERT INTO conversations (type, target) VALUES (?, ?)");
    if (!m_sql.exec(insert, {int(key.type), key.target}))
        return std::nullopt;
    const qint64 created = insert.lastInsertId().toLongLong();
    m_conversationIds.insert(key, created);
    return created;
}

QList<ChatMessage> MessageRepository::query(const char *sql, std::initializer_list<QVariant> values)
{
    QList<ChatMessage> out;
    QSqlQuery &q = m_sql.get(sql);
    if (!m_sql.exec(q, values))
        return out;
    while (q.next())
        out.append(readMessage(q));
    q.finish();
    return out;
}

std::optional<ChatMessage> MessageRepository::byLocalId(qint64 localId)
{
    const QList<ChatMessage> found = query("SELECT " PARLEY_MESSAGE_COLUMNS "WHERE m.id = ?", {localId});
    return found.isEmpty() ? std::nullopt : std::optional(found.first());
}

std::optional<ChatMessage> MessageRepository::byClientUuid(const QString &sender, const QByteArray &clientUuid)
{
    const QList<ChatMessage> found =
        query("SELECT " PARLEY_MESSAGE_COLUMNS "WHERE m.sender = ? AND m.client_uuid = ?", {sender, clientUuid});
    return found.isEmpty() ? std::nullopt : std::optional(found.first());
}

Result<ChatMessage> MessageRepository::reload(qint64 localId)
{
    if (std::optional<ChatMessage> m = byLocalId(localId))
        return *m;
    return Error(ErrorCode::StorageFailure, u"message %1 not found"_s.arg(localId));
}

Result<ChatMessage> MessageRepository::addOutgoing(const ConversationKey &conversation, const QByteArray &clientUuid,
                                                   const QString &text, qint64 nowMs)
{
    m_sql.clearFailure();
    if (!m_db.db().transaction())
        return Error(ErrorCode::StorageFailure, u"cannot begin a transaction"_s);
    const std::optional<qint64> conversationRow = conversationId(conversation, true);
    v1::MessageContent content;
    content.set_type(v1::CONTENT_TEXT);
    content.set_searchable_content(text.toStdString());
    QSqlQuery &insert = m_sql.get(
        "INSERT INTO messages (conversation_id, sender, client_uuid, outgoing, state, content_type, text, content, "
        "timestamp_ms) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?)");
    qint64 localId = 0;
    if (conversationRow && m_sql.exec(insert, {*conversationRow, m_self, clientUuid, int(MessageState::Sending),
                                               int(v1::CONTENT_TEXT), text, toBytes(content), nowMs})) {
        localId = insert.lastInsertId().toLongLong();
        m_sql.exec("UPDATE conversations SET last_activity_ms = ? WHERE id = ?", {nowMs, *conversationRow});
    }
    if (m_sql.failed() || !m_db.db().commit()) {
        m_db.db().rollback();
        m_conversationIds.clear();
        return Error(ErrorCode::StorageFailure, u"could not store the message"_s);
    }
    return reload(localId);
}

Result<ChatMessage> MessageRepository::markSent(qint64 localId, qint64 serverUid, quint64 conversationSeq,
                                                qint64 timestampMs)
{
    if (!m_sql.exec("UPDATE messages SET state = ?, failure = 0, server_uid = ?, conversation_seq = ?, "
                    "timestamp_ms = ? WHERE id = ?",
                    {int(MessageState::Sent), serverUid, qint64(conversationSeq), timestampMs, localId}))
        return Error(ErrorCode::StorageFailure, u"could not update the message"_s);
    return reload(localId);
}

Result<ChatMessage> MessageRepository::markFailed(qint64 localId, ErrorCode failure)
{
    if (!m_sql.exec("UPDATE messages SET state = ?, failure = ? WHERE id = ? AND state = ?",
                    {int(MessageState::Failed), int(failure), localId, int(MessageState::Sending)}))
        return Error(ErrorCode::StorageFailure, u"could not update the message"_s);
    return reload(localId);
}

Result<ChatMessage> MessageRepository::markSending(qint64 localId)
{
    if (!m_sql.exec("UPDATE messages SET state = ?, failure = 0 WHERE id = ? AND state = ?",
                    {int(MessageState::Sending), localId, int(MessageState::Failed)}))
        return Error(ErrorCode::StorageFailure, u"could not update the message"_s);
    return reload(localId);
}

QList<ChatMessage> MessageRepository::pendingOutgoing()
{
    QList<ChatMessage> pending =
        query("SELECT " PARLEY_MESSAGE_COLUMNS "WHERE m.outgoing = 1 AND m.state IN (0, 2) ORDER BY m.id", {});
    pending.removeIf([](const ChatMessage &m) { return m.state == MessageState::Failed && !isRetryable(m.failure); });
    return pending;
}

quint64 MessageRepository::syncSeq()
{
    return m_sql.value("SELECT value FROM sync_state WHERE name = ?", {QLatin1StringView(kInboxSeqName)}).toULongLong();
}

bool MessageRepository::applyMessage(const v1::Message &message, Applied &applied)
{
    const QString sender = QString::fromStdString(message.from());
    const QByteArray uuid(message.client_uuid().data(), qsizetype(message.client_uuid().size()));
    const bool outgoing = sender == m_self;
    const MessageState state = outgoing ? MessageState::Sent : MessageState::Received;

    if (std::optional<ChatMessage> existing = byClientUuid(sender, uuid)) {
        if (existing->serverUid != 0)
            return true; // already have it
        // Our own message whose acknowledgement was lost: the server's copy completes it.
        if (!m_sql.exec("UPDATE messages SET state = ?, failure = 0, server_uid = ?, conversation_seq = ?, "
                        "timestamp_ms = ? WHERE id = ?",
                        {int(state), qint64(message.message_uid()), qint64(message.conversation_seq()),
                         qint64(message.timestamp()), existing->localId}))
            return false;
        if (std::optional<ChatMessage> m = byLocalId(existing->localId))
            applied.updated.append(*m);
        return true;
    }

    const ConversationKey key = conversationOf(message, m_self);
    const std::optional<qint64> conversationRow = conversationId(key, true);
    if (!conversationRow)
        return false;
    QSqlQuery &insert = m_sql.get(
        "INSERT INTO messages (conversation_id, sender, client_uuid, server_uid, conversation_seq, outgoing, state, "
        "content_type, text, content, timestamp_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (server_uid) DO NOTHING");
    if (!m_sql.exec(insert, {*conversationRow, sender, uuid, qint64(message.message_uid()),
                             qint64(message.conversation_seq()), outgoing, int(state), message.content().type(),
                             QString::fromStdString(message.content().searchable_content()), toBytes(message.content()),
                             qint64(message.timestamp())}))
        return false;
    if (insert.numRowsAffected() == 0)
        return true; // the same server message under another key: already stored
    const qint64 localId = insert.lastInsertId().toLongLong();
    m_sql.exec("UPDATE conversations SET last_activity_ms = MAX(last_activity_ms, ?) WHERE id = ?",
               {qint64(message.timestamp()), *conversationRow});
    if (std::optional<ChatMessage> m = byLocalId(localId))
        applied.added.append(*m);
    return !m_sql.failed();
}

Result<MessageRepository::Applied> MessageRepository::applyInbox(const QList<v1::InboxItem> &items, quint64 syncSeq)
{
    m_sql.clearFailure();
    if (!m_db.db().transaction())
        return Error(ErrorCode::StorageFailure, u"cannot begin a transaction"_s);
    Applied applied;
    bool ok = true;
    for (const v1::InboxItem &item : items) {
        if (item.has_message() && !applyMessage(item.message(), applied)) {
            ok = false;
            break;
        }
    }
    ok = ok && m_sql.exec("INSERT INTO sync_state (name, value) VALUES (?, ?) "
                          "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                          {QLatin1StringView(kInboxSeqName), qint64(syncSeq)});
    if (!ok || m_sql.failed() || !m_db.db().commit()) {
        m_db.db().rollback();
        m_conversationIds.clear();
        return Error(ErrorCode::StorageFailure, u"could not store synced messages"_s);
    }
    return applied;
}

QList<ChatMessage> MessageRepository::latest(const ConversationKey &conversation, int limit)
{
    const std::optional<qint64> id = conversationId(conversation, false);
    if (!id)
        return {};
    // Newest first by (sent messages by sequence, then unsent by local id), reversed to reading order.
    QList<ChatMessage> newestFirst =
        query("SELECT " PARLEY_MESSAGE_COLUMNS "WHERE m.conversation_id = ? "
              "ORDER BY m.conversation_seq IS NULL DESC, m.conversation_seq DESC, m.id DESC LIMIT ?",
              {*id, limit});
    std::reverse(newestFirst.begin(), newestFirst.end());
    return newestFirst;
}

} // namespace parley
