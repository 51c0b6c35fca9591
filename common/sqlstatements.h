#pragma once

#include <QHash>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

#include "common/threadaffinity.h"

#include <initializer_list>

namespace parley {

// Prepared statements of one connection, prepared once and reused, and execution that records the
// first failure instead of making every caller check every call. Logs the failing statement, never the
// bound values (they can be message text or secrets). Used on the connection's thread only (asserted).
class SqlStatements {
public:
    using Category = const QLoggingCategory &(*)();

    explicit SqlStatements(Category category) : m_category(category) {}

    void setDatabase(const QSqlDatabase &db);
    void clear();

    // The prepared statement for `sql`, which must be a string with static storage (its address is the key).
    QSqlQuery &get(const char *sql);
    // Binds the values by position and executes; false (and failed()) on error.
    bool exec(QSqlQuery &query, std::initializer_list<QVariant> values = {});
    bool exec(const char *sql, std::initializer_list<QVariant> values = {}) { return exec(get(sql), values); }
    // Text for a NOT NULL column: a null QString would bind as NULL.
    static QVariant text(const QString &value)
    {
        return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
    }
    // Bytes for a NOT NULL column: a null QByteArray would bind as NULL.
    static QVariant blob(const QByteArray &value)
    {
        return value.isNull() ? QVariant(QByteArray("", 0)) : QVariant(value);
    }
    // The first column of the first row, or an invalid QVariant.
    QVariant value(const char *sql, std::initializer_list<QVariant> values = {});

    bool failed() const { return m_failed; }
    void clearFailure() { m_failed = false; }
    void setFailed() { m_failed = true; }

private:
    Category m_category;
    QSqlDatabase m_db;
    QHash<const char *, QSqlQuery> m_statements;
    ThreadAffinity m_thread;
    bool m_failed = false;
};

} // namespace parley
