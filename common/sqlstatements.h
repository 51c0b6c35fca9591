#pragma once

#include <QHash>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "common/nativesqlite.h"
#include "common/sqldialect.h"
#include "common/threadaffinity.h"

#include <initializer_list>
#include <memory>
#include <optional>

namespace parley {

// Prepared statements of one connection, prepared once and reused, and execution that records the
// first failure instead of making every caller check every call. Logs the failing statement, never the
// bound values (they can be message text or secrets). Used on the connection's thread only (asserted).
class SqlStatements {
public:
    using Category = const QLoggingCategory &(*)();

    explicit SqlStatements(Category category);
    ~SqlStatements();

    // Where the statements run by exec(const char *), insert(), value() and row() go; get() is always QtSql.
    enum class Engine {
        QtSql,
        NativeWhereShared, // SQLite's own API where QtSql's driver shares this program's SQLite (NativeSqlite)
    };
    void setDatabase(const QSqlDatabase &db, Engine engine = Engine::QtSql);
    // Before the database closes.
    void clear();

    // The prepared statement for `sql`, which must be a string with static storage (its address is the key).
    QSqlQuery &get(const char *sql);
    // Binds the values by position and executes; false (and failed()) on error.
    bool exec(QSqlQuery &query, std::initializer_list<QVariant> values = {});
    // The same for a statement whose rows are not read, on the chosen engine.
    bool exec(const char *sql, std::initializer_list<QVariant> values = {});
    // Runs an INSERT; the new row's id, or 0 on error.
    qint64 insert(const char *sql, std::initializer_list<QVariant> values = {});
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
    // The first column of the first row, or an invalid QVariant; on the chosen engine.
    QVariant value(const char *sql, std::initializer_list<QVariant> values = {});
    // The first row's columns, or none; on the chosen engine.
    QVariantList row(const char *sql, std::initializer_list<QVariant> values = {});

    bool failed() const { return m_failed; }
    // Whether the failure was a race lost to another writer (PostgreSQL: a deadlock it broke, a serialization
    // failure, a unique key committed first), after which the whole transaction may be run again.
    bool failureIsTransient() const { return m_failed && m_transient; }
    void clearFailure()
    {
        m_failed = false;
        m_transient = false;
    }
    void setFailed() { m_failed = true; }
    // Records whether `error` was such a race (for failures seen outside exec(), such as a commit's).
    void noteTransient(const QSqlError &error);

private:
    // Runs `sql` on the native engine if there is one and it binds these values: whether it succeeded; nothing
    // when it did not run there.
    std::optional<bool> runNative(const char *sql, std::initializer_list<QVariant> values, QVariantList *row = nullptr);

    Category m_category;
    QSqlDatabase m_db;
    QHash<const char *, QSqlQuery> m_statements;
    std::unique_ptr<NativeSqlite> m_native;
    QSqlQuery m_unprepared; // what get() returns for a statement that failed to prepare: it does not run
    ThreadAffinity m_thread;
    bool m_failed = false;
    bool m_transient = false;
    bool m_postgres = false; // bools bound as 0/1, NUL taken out of texts
};

} // namespace parley
