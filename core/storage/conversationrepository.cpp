#include "core/storage/conversationrepository.h"

#include "core/logging.h"
#include "core/storage/localdatabase.h"
#include "core/storage/sqlvalues.h"

#include <QDateTime>
#include <QSqlQuery>

namespace parley {

namespace {

// Others' messages after my read horizon; notices (recalls, group events) do not count. Counted up to
// ConversationSummary::kUnreadCap, so that a summary costs the same after 100,000 unread messages as after 10.
#define PARLEY_UNREAD_OF(conversation)                                                                                 \
    "(SELECT COUNT(*) FROM (SELECT 1 FROM messages u WHERE u.conversation_id = " conversation " AND u.outgoing = 0 "   \
    "AND u.conversation_seq > c.read_seq AND " PARLEY_SQL_COUNTS_AS_UNREAD("u.") " LIMIT 1000))"
static_assert(ConversationSummary::kUnreadCap == 1000, "the LIMIT in PARLEY_UNREAD_OF");

constexpr char kSummarySelect[] =
    "SELECT c.type, c.target, c.read_seq, c.peer_delivered_seq, c.peer_read_seq, c.last_activity_ms, " PARLEY_UNREAD_OF(
        "c.id") ", "
                // The last message: the newest unsent one, else the one with the highest sequence (both from an index).
                "COALESCE((SELECT m.id FROM messages m WHERE m.conversation_id = c.id AND m.conversation_seq IS NULL "
                "          ORDER BY m.id DESC LIMIT 1), "
                "         (SELECT m.id FROM messages m WHERE m.conversation_id = c.id "
                "          ORDER BY m.conversation_seq DESC LIMIT 1)), "
                // An unread message mentions me ("@you" in the list).
                "EXISTS (SELECT 1 FROM messages x WHERE x.conversation_id = c.id AND x.outgoing = 0 "
                "        AND x.conversation_seq > c.read_seq AND x.mentions_me = 1), "
                "c.pinned, c.muted_until, c.draft, c.marked_unread "
                "FROM conversations c ";

ConversationSummary readSummary(const QSqlQuery &q, qint64 nowMs)
{
    ConversationSummary s;
    s.key = ConversationKey{ConversationKey::Type(q.value(0).toInt()), q.value(1).toString()};
    s.readSeq = q.value(2).toULongLong();
    s.peerDeliveredSeq = q.value(3).toULongLong();
    s.peerReadSeq = q.value(4).toULongLong();
    s.lastActivityMs = q.value(5).toLongLong();
    s.unreadCount = q.value(6).toInt();
    s.lastMessage.localId = q.value(7).toLongLong();
    s.mentionedMe = q.value(8).toBool();
    s.pinned = q.value(9).toBool();
    s.mutedUntilMs = q.value(10).toLongLong();
    s.muted = s.mutedUntilMs > nowMs;
    s.draft = q.value(11).toString();
    s.markedUnread = q.value(12).toBool();
    s.lastMessage.conversation = s.key;
    return s;
}

} // namespace

ConversationRepository::ConversationRepository(LocalDatabase &db, QString selfUserId)
    : m_db(db), m_self(std::move(selfUserId)), m_sql(lcDb), m_ids(db, m_sql)
{
    m_sql.setDatabase(db.db());
}

std::optional<ConversationSummary> ConversationRepository::summary(const ConversationKey &conversation)
{
    const std::optional<qint64> id = m_ids.find(conversation);
    if (!id)
        return std::nullopt;
    static const QByteArray sql = QByteArray(kSummarySelect) + "WHERE c.id = ?";
    QSqlQuery &q = m_sql.get(sql.constData());
    if (!m_sql.exec(q, {*id}) || !q.next())
        return std::nullopt;
    const ConversationSummary s = readSummary(q, QDateTime::currentMSecsSinceEpoch());
    q.finish();
    return s;
}

QList<ConversationSummary> ConversationRepository::summaries()
{
    static const QByteArray sql =
        QByteArray(kSummarySelect) + "WHERE c.hidden = 0 ORDER BY c.pinned DESC, c.last_activity_ms DESC, c.id DESC";
    QList<ConversationSummary> out;
    QSqlQuery &q = m_sql.get(sql.constData());
    if (!m_sql.exec(q))
        return out;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    while (q.next())
        out.append(readSummary(q, now));
    q.finish();
    return out;
}

int ConversationRepository::totalUnread()
{
    // A chat marked unread counts as one.
    return m_sql
        .value("SELECT TOTAL(MAX(" PARLEY_UNREAD_OF("c.id") ", c.marked_unread)) FROM conversations c "
                                                            "WHERE c.muted_until <= ?",
               {QDateTime::currentMSecsSinceEpoch()})
        .toInt();
}

quint64 ConversationRepository::lastSeq(const ConversationKey &conversation)
{
    const std::optional<qint64> id = m_ids.find(conversation);
    return id ? m_sql.value("SELECT MAX(conversation_seq) FROM messages WHERE conversation_id = ?", {*id}).toULongLong()
              : 0;
}

quint64 ConversationRepository::oldestSeq(const ConversationKey &conversation)
{
    const std::optional<qint64> id = m_ids.find(conversation);
    return id ? m_sql.value("SELECT MIN(conversation_seq) FROM messages WHERE conversation_id = ?", {*id}).toULongLong()
              : 0;
}

bool ConversationRepository::historyComplete(const ConversationKey &conversation)
{
    const std::optional<qint64> id = m_ids.find(conversation);
    return id && m_sql.value("SELECT history_complete FROM conversations WHERE id = ?", {*id}).toBool();
}

bool ConversationRepository::markHistoryComplete(const ConversationKey &conversation)
{
    const std::optional<qint64> id = m_ids.findOrCreate(conversation);
    return id && m_sql.exec("UPDATE conversations SET history_complete = 1 WHERE id = ?", {*id});
}

bool ConversationRepository::applyProgress(const v1::ConversationProgress &progress, ChangeSet &changes)
{
    Q_ASSERT(m_db.isInTransaction());
    const ConversationKey key{ConversationKey::Type(int(progress.conversation_type())),
                              QString::fromStdString(progress.target())};
    const std::optional<qint64> id = m_ids.findOrCreate(key);
    if (!id)
        return false;
    const bool mine = QString::fromStdString(progress.user()) == m_self;
    const bool ok = mine ? m_sql.exec("UPDATE conversations SET read_seq = MAX(read_seq, ?), "
                                      "reported_read_seq = MAX(reported_read_seq, ?) WHERE id = ?",
                                      {qint64(progress.read_seq()), qint64(progress.read_seq()), *id})
                         : m_sql.exec("UPDATE conversations SET peer_delivered_seq = MAX(peer_delivered_seq, ?), "
                                      "peer_read_seq = MAX(peer_read_seq, ?) WHERE id = ?",
                                      {qint64(progress.delivered_seq()), qint64(progress.read_seq()), *id});
    changes.conversations.insert(key);
    return ok;
}

void ConversationRepository::markAllHistoryIncomplete()
{
    m_sql.exec("UPDATE conversations SET history_complete = 0");
}

bool ConversationRepository::setHidden(const ConversationKey &conversation, bool hidden)
{
    const std::optional<qint64> id = m_ids.findOrCreate(conversation);
    return id && m_sql.exec("UPDATE conversations SET hidden = ? WHERE id = ?", {int(hidden), *id});
}

bool ConversationRepository::markRead(const ConversationKey &conversation, quint64 upToSeq)
{
    const std::optional<qint64> id = m_ids.find(conversation);
    if (!id)
        return false;
    QSqlQuery &q = m_sql.get("UPDATE conversations SET read_seq = ? WHERE id = ? AND read_seq < ?");
    return m_sql.exec(q, {qint64(upToSeq), *id, qint64(upToSeq)}) && q.numRowsAffected() > 0;
}

QList<ConversationRepository::Point> ConversationRepository::points(const char *sql)
{
    QList<Point> points;
    QSqlQuery &q = m_sql.get(sql);
    if (!m_sql.exec(q))
        return points;
    while (q.next())
        points.append(Point{ConversationKey{ConversationKey::Type(q.value(0).toInt()), q.value(1).toString()},
                            q.value(2).toULongLong()});
    q.finish();
    return points;
}

QList<ConversationRepository::Point> ConversationRepository::pendingDeliveryReports()
{
    // The newest incoming message per conversation comes from the end of the messages_incoming index.
    return points("SELECT type, target, newest FROM ("
                  "  SELECT c.type, c.target, c.reported_delivered_seq AS reported, "
                  "  (SELECT MAX(m.conversation_seq) FROM messages m WHERE m.conversation_id = c.id AND "
                  "m.outgoing = 0) AS newest "
                  "  FROM conversations c) WHERE newest > reported");
}

void ConversationRepository::setReportedDelivered(const ConversationKey &conversation, quint64 seq)
{
    if (const std::optional<qint64> id = m_ids.find(conversation))
        m_sql.exec("UPDATE conversations SET reported_delivered_seq = MAX(reported_delivered_seq, ?) WHERE id = ?",
                   {qint64(seq), *id});
}

QList<ConversationRepository::Point> ConversationRepository::pendingReadReports()
{
    return points("SELECT type, target, read_seq FROM conversations WHERE read_seq > reported_read_seq");
}

void ConversationRepository::setReportedRead(const ConversationKey &conversation, quint64 seq)
{
    if (const std::optional<qint64> id = m_ids.find(conversation))
        m_sql.exec("UPDATE conversations SET reported_read_seq = MAX(reported_read_seq, ?) WHERE id = ?",
                   {qint64(seq), *id});
}

QList<ConversationRepository::Gap> ConversationRepository::gaps(const ConversationKey &conversation)
{
    QList<Gap> gaps;
    const std::optional<qint64> id = m_ids.find(conversation);
    if (!id)
        return gaps;
    QSqlQuery &q =
        m_sql.get("SELECT previous + 1, conversation_seq - 1 FROM ("
                  "  SELECT conversation_seq, LAG(conversation_seq) OVER (ORDER BY conversation_seq) AS previous "
                  "  FROM messages WHERE conversation_id = ? AND conversation_seq IS NOT NULL) "
                  "WHERE conversation_seq - previous > 1");
    if (!m_sql.exec(q, {*id}))
        return gaps;
    while (q.next())
        gaps.append(Gap{q.value(0).toULongLong(), q.value(1).toULongLong()});
    q.finish();
    return gaps;
}

} // namespace parley
