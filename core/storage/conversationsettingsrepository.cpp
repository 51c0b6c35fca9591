#include "core/storage/conversationsettingsrepository.h"

#include "core/logging.h"
#include "core/storage/localdatabase.h"
#include "parley.pb.h"

#include <QSqlQuery>

namespace parley {

namespace {

// The statement that changes one field here: the column, and its flag among the fields waiting for the server.
#define PARLEY_CHANGE(column, flag)                                                                                    \
    "UPDATE conversations SET " column " = ?, settings_dirty = settings_dirty | " #flag ", "                           \
    "settings_rev = settings_rev + 1 WHERE id = ? AND " column " IS NOT ?"

constexpr char kSelect[] =
    "SELECT pinned, muted_until, marked_unread, draft, settings_dirty, settings_rev FROM conversations WHERE id = ?";

ConversationSettings readSettings(const QSqlQuery &q)
{
    return ConversationSettings{q.value(0).toBool(), q.value(1).toLongLong(), q.value(2).toBool(),
                                q.value(3).toString()};
}

// `server`'s values, except the fields pending here, which keep `local`'s.
ConversationSettings merged(const ConversationSettings &local, const ConversationSettings &server, int dirty)
{
    using R = ConversationSettingsRepository;
    ConversationSettings out = server;
    if (dirty & R::Pinned)
        out.pinned = local.pinned;
    if (dirty & R::MutedUntil)
        out.mutedUntilMs = local.mutedUntilMs;
    if (dirty & R::MarkedUnread)
        out.markedUnread = local.markedUnread;
    if (dirty & R::Draft)
        out.draft = local.draft;
    return out;
}

} // namespace

ConversationSettingsRepository::ConversationSettingsRepository(LocalDatabase &db)
    : m_db(db), m_sql(lcDb), m_ids(db, m_sql)
{
    m_sql.setDatabase(db.db());
}

ConversationKey ConversationSettingsRepository::keyOf(const v1::ConversationSettings &wire)
{
    return ConversationKey{ConversationKey::Type(int(wire.conversation_type())), QString::fromStdString(wire.target())};
}

ConversationSettings ConversationSettingsRepository::fromWire(const v1::ConversationSettings &wire)
{
    return ConversationSettings{wire.pinned(), wire.muted_until(), wire.marked_unread(),
                                QString::fromStdString(wire.draft())};
}

std::optional<ConversationSettings> ConversationSettingsRepository::settings(const ConversationKey &conversation)
{
    const std::optional<qint64> id = m_ids.find(conversation);
    if (!id)
        return std::nullopt;
    QSqlQuery &q = m_sql.get(kSelect);
    if (!m_sql.exec(q, {*id}) || !q.next())
        return std::nullopt;
    const ConversationSettings s = readSettings(q);
    q.finish();
    return s;
}

bool ConversationSettingsRepository::change(const ConversationKey &conversation, Field field, const QVariant &value)
{
    const std::optional<qint64> id = m_ids.findOrCreate(conversation);
    if (!id)
        return false;
    static_assert(Pinned == 1 && MutedUntil == 2 && MarkedUnread == 4 && Draft == 8, "the flags in PARLEY_CHANGE");
    const char *sql = field == Pinned         ? PARLEY_CHANGE("pinned", 1)
                      : field == MutedUntil   ? PARLEY_CHANGE("muted_until", 2)
                      : field == MarkedUnread ? PARLEY_CHANGE("marked_unread", 4)
                                              : PARLEY_CHANGE("draft", 8);
    const QVariant stored = field == Draft        ? SqlStatements::text(value.toString())
                            : field == MutedUntil ? QVariant(value.toLongLong())
                                                  : QVariant(int(value.toBool()));
    QSqlQuery &q = m_sql.get(sql);
    return m_sql.exec(q, {stored, *id, stored}) && q.numRowsAffected() > 0;
}

QList<ConversationSettingsRepository::Pending> ConversationSettingsRepository::pending()
{
    QList<Pending> out;
    QSqlQuery &q =
        m_sql.get("SELECT pinned, muted_until, marked_unread, draft, settings_dirty, settings_rev, type, target "
                  "FROM conversations WHERE settings_dirty != 0");
    if (!m_sql.exec(q))
        return out;
    while (q.next())
        out.append(Pending{ConversationKey{ConversationKey::Type(q.value(6).toInt()), q.value(7).toString()},
                           q.value(4).toInt(), q.value(5).toLongLong(), readSettings(q)});
    q.finish();
    return out;
}

void ConversationSettingsRepository::sent(const ConversationKey &conversation, qint64 revision)
{
    if (const std::optional<qint64> id = m_ids.find(conversation))
        m_sql.exec("UPDATE conversations SET settings_dirty = 0 WHERE id = ? AND settings_rev = ?", {*id, revision});
}

bool ConversationSettingsRepository::write(qint64 id, const ConversationSettings &s)
{
    return m_sql.exec("UPDATE conversations SET pinned = ?, muted_until = ?, marked_unread = ?, draft = ? WHERE id = ?",
                      {int(s.pinned), s.mutedUntilMs, int(s.markedUnread), SqlStatements::text(s.draft), id});
}

bool ConversationSettingsRepository::apply(const ConversationKey &conversation, const ConversationSettings &server)
{
    // A conversation this device does not have appears only for settings that show (a pin, a draft, …).
    const std::optional<qint64> id =
        server == ConversationSettings{} ? m_ids.find(conversation) : m_ids.findOrCreate(conversation);
    if (!id)
        return false;
    QSqlQuery &q = m_sql.get(kSelect);
    if (!m_sql.exec(q, {*id}) || !q.next())
        return false;
    const ConversationSettings local = readSettings(q);
    const int dirty = q.value(4).toInt();
    q.finish();
    const ConversationSettings next = merged(local, server, dirty);
    return next != local && write(*id, next);
}

QList<ConversationKey> ConversationSettingsRepository::resetAllBut(const QSet<ConversationKey> &listed)
{
    QList<ConversationKey> changed;
    const QList<ConversationKey> candidates =
        keys("SELECT type, target FROM conversations WHERE pinned != 0 OR muted_until != 0 OR marked_unread != 0 "
             "OR draft != ''");
    for (const ConversationKey &key : candidates)
        if (!listed.contains(key) && apply(key, ConversationSettings{}))
            changed.append(key);
    return changed;
}

QList<ConversationKey> ConversationSettingsRepository::keys(const char *sql, std::initializer_list<QVariant> values)
{
    QList<ConversationKey> out;
    QSqlQuery &q = m_sql.get(sql);
    if (!m_sql.exec(q, values))
        return out;
    while (q.next())
        out.append(ConversationKey{ConversationKey::Type(q.value(0).toInt()), q.value(1).toString()});
    q.finish();
    return out;
}

QList<ConversationKey> ConversationSettingsRepository::mutesEnded(qint64 afterMs, qint64 upToMs)
{
    return keys("SELECT type, target FROM conversations WHERE muted_until > ? AND muted_until <= ?", {afterMs, upToMs});
}

qint64 ConversationSettingsRepository::nextMuteEnd(qint64 afterMs)
{
    return m_sql.value("SELECT MIN(muted_until) FROM conversations WHERE muted_until > ?", {afterMs}).toLongLong();
}

} // namespace parley
