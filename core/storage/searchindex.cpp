#include "core/storage/searchindex.h"

#include "protocol/contenttypes.h"

#include "core/logging.h"
#include "core/storage/localdatabase.h"
#include "core/storage/searchterms.h"

namespace parley {

using namespace Qt::StringLiterals;

namespace {

QString likePattern(const QString &typed)
{
    QString escaped = typed.trimmed();
    escaped.replace(u"\\"_s, u"\\\\"_s).replace(u"%"_s, u"\\%"_s).replace(u"_"_s, u"\\_"_s);
    return u"%"_s + escaped + u"%"_s;
}

} // namespace

SearchIndex::SearchIndex(LocalDatabase &db) : m_db(db), m_sql(lcDb)
{
    m_sql.setDatabase(m_db.db());
}

bool SearchIndex::indexed(int contentType, const QString &text)
{
    return contentType < content::kFirstNotice && !text.isEmpty(); // notices and recalls are not searched
}

bool SearchIndex::add(qint64 messageId, int contentType, const QString &text)
{
    if (!indexed(contentType, text))
        return true;
    return m_sql.exec("INSERT INTO message_search (rowid, terms) VALUES (?, ?)", {messageId, SearchTerms::of(text)});
}

qint64 SearchIndex::indexedUpTo()
{
    if (m_indexedUpTo < 0)
        m_indexedUpTo = m_sql.value("SELECT value FROM sync_state WHERE name = 'search_indexed'").toLongLong();
    return m_indexedUpTo;
}

bool SearchIndex::remove(qint64 messageId, int contentType, const QString &text)
{
    if (!indexed(contentType, text) || messageId > indexedUpTo())
        return true; // not in the index (yet): the indexer will read the new text
    // A contentless index forgets a row given the words it was indexed with.
    return m_sql.exec("INSERT INTO message_search (message_search, rowid, terms) VALUES ('delete', ?, ?)",
                      {messageId, SearchTerms::of(text)});
}

bool SearchIndex::replace(qint64 messageId, int contentType, const QString &oldText, const QString &newText)
{
    if (messageId > indexedUpTo())
        return true; // the indexer will read the new text
    return remove(messageId, contentType, oldText) && add(messageId, contentType, newText);
}

QList<qint64> SearchIndex::find(const QString &typed, int limit)
{
    QList<qint64> ids;
    const std::optional<QString> match = SearchTerms::query(typed);
    if (!match)
        return ids;
    // The index narrows it down by words; the text itself decides (pairs of characters may match apart).
    QSqlQuery &q = m_sql.get("SELECT s.rowid FROM message_search s JOIN messages m ON m.id = s.rowid "
                             "WHERE message_search MATCH ? AND m.text LIKE ? ESCAPE '\\' "
                             "ORDER BY s.rowid DESC LIMIT ?");
    if (!m_sql.exec(q, {*match, likePattern(typed), limit}))
        return ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    q.finish();
    return ids;
}

bool SearchIndex::catchUp()
{
    const qint64 done = indexedUpTo();
    const qint64 until = m_sql.value("SELECT MAX(id) FROM messages").toLongLong();
    if (done >= until)
        return false;
    qint64 last = done;
    const bool ok = m_db.inTransaction([&] {
        QSqlQuery &q =
            m_sql.get("SELECT id, content_type, text FROM messages WHERE id > ? AND id <= ? ORDER BY id LIMIT ?");
        if (!m_sql.exec(q, {done, until, kCatchUpBatch}))
            return false;
        QList<std::tuple<qint64, int, QString>> rows;
        while (q.next())
            rows.append({q.value(0).toLongLong(), q.value(1).toInt(), q.value(2).toString()});
        q.finish();
        for (const auto &[id, type, text] : std::as_const(rows)) {
            if (!add(id, type, text))
                return false;
            last = id;
        }
        if (rows.isEmpty())
            last = until;
        return m_sql.exec("UPDATE sync_state SET value = ? WHERE name = 'search_indexed'", {last});
    });
    if (!ok) {
        qCWarning(lcDb) << "could not index messages for search";
        m_indexedUpTo = -1;
        return false;
    }
    m_indexedUpTo = last;
    return last < until;
}

} // namespace parley
