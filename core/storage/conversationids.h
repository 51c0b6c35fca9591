#pragma once

#include "common/sqlstatements.h"
#include "core/conversationkey.h"

#include <QHash>

#include <optional>

namespace parley {

// Row ids of conversations in the cache by key, created on demand and remembered. Forget() after a
// rollback: a remembered id may belong to a row that no longer exists.
class ConversationIds {
public:
    explicit ConversationIds(SqlStatements &sql) : m_sql(sql) {}

    std::optional<qint64> find(const ConversationKey &key) { return lookup(key, false); }
    std::optional<qint64> findOrCreate(const ConversationKey &key) { return lookup(key, true); }
    void forget() { m_ids.clear(); }

private:
    std::optional<qint64> lookup(const ConversationKey &key, bool create);

    SqlStatements &m_sql;
    QHash<ConversationKey, qint64> m_ids;
};

} // namespace parley
