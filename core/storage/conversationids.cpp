#include "core/storage/conversationids.h"

#include <QSqlQuery>

namespace parley {

std::optional<qint64> ConversationIds::lookup(const ConversationKey &key, bool create)
{
    if (const auto it = m_ids.constFind(key); it != m_ids.cend())
        return *it;
    const QVariant id =
        m_sql.value("SELECT id FROM conversations WHERE type = ? AND target = ?", {int(key.type), key.target});
    if (id.isValid()) {
        m_ids.insert(key, id.toLongLong());
        return id.toLongLong();
    }
    if (!create)
        return std::nullopt;
    QSqlQuery &insert = m_sql.get("INSERT INTO conversations (type, target) VALUES (?, ?)");
    if (!m_sql.exec(insert, {int(key.type), key.target}))
        return std::nullopt;
    const qint64 created = insert.lastInsertId().toLongLong();
    m_ids.insert(key, created);
    return created;
}

} // namespace parley
