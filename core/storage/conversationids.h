#pragma once

#include "common/sqlstatements.h"
#include "core/types/conversationkey.h"

#include <QHash>

#include <optional>

namespace parley {

class LocalDatabase;

// Row ids of conversations in the cache by key, created on demand and remembered. An id learnt inside a
// transaction is forgotten if that transaction is rolled back (its row may be gone). Engine thread.
class ConversationIds {
public:
    ConversationIds(LocalDatabase &db, SqlStatements &sql) : m_db(db), m_sql(sql) {}

    std::optional<qint64> find(const ConversationKey &key) { return lookup(key, false); }
    std::optional<qint64> findOrCreate(const ConversationKey &key) { return lookup(key, true); }

private:
    std::optional<qint64> lookup(const ConversationKey &key, bool create);
    qint64 remember(const ConversationKey &key, qint64 id);

    LocalDatabase &m_db;
    SqlStatements &m_sql;
    QHash<ConversationKey, qint64> m_ids;
};

} // namespace parley
