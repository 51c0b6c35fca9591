#include "core/storage/conversationids.h"

#include "core/storage/localdatabase.h"

#include <QSqlQuery>

namespace parley {

std::optional<qint64> ConversationIds::lookup(const ConversationKey &key, bool create)
{
    if (const auto it = m_ids.constFind(key); it != m_ids.cend())
        return *it;
    const QVariant id =
        m_sql.value("SELECT id FROM conversations WHERE type = ? AND target = ?", {int(key.type), key.target});
    if (id.isValid())
        return remember(key, id.toLongLong());
    if (!create)
        return std::nullopt;
    QSqlQuery &insert = m_sql.get("INSERT INTO conversations (type, target) VALUES (?, ?)");
    if (!m_sql.exec(insert, {int(key.type), key.target}))
        return std::nullopt;
    return remember(key, insert.lastInsertId().toLongLong());
}

qint64 ConversationIds::remember(const ConversationKey &key, qint64 id)
{
    m_ids.insert(key, id);
    if (m_db.isInTransaction())
        m_db.onRollback([this, key] { m_ids.remove(key); });
    return id;
}

} // namespace parley
