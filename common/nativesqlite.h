#pragma once

#include <QHash>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QVariant>

#include <initializer_list>

struct sqlite3;
struct sqlite3_stmt;

namespace parley {

// Statements run on SQLite's own API, on the connection a QSqlDatabase opened: binding through QtSql costs
// more than the statement itself for short writes (QSqlResult names every positional placeholder with
// QString::arg, then looks it up in a hash). Only where QtSql's SQLite driver and this program share one
// SQLite library — the Linux distributions' Qt — else handleOf() gives nothing and callers stay on QtSql.
// Values bind and read as QtSql's driver does them (text as UTF-16, a null QString or QByteArray as NULL, a
// NULL column as a null QString), except a quint64, which binds as an integer where QtSql makes it text. Used on the
// connection's thread only; destroyed before the database closes.
class NativeSqlite {
public:
    using Category = const QLoggingCategory &(*)();

    // The connection behind `db` if it is QtSql's SQLite driver on the same SQLite library as this program.
    static sqlite3 *handleOf(const QSqlDatabase &db);

    NativeSqlite(sqlite3 *db, Category category) : m_db(db), m_category(category) {}
    ~NativeSqlite();
    NativeSqlite(const NativeSqlite &) = delete;
    NativeSqlite &operator=(const NativeSqlite &) = delete;

    enum class Outcome {
        Done,
        Failed,      // logged (the statement, never the values)
        Unsupported, // a value of a type not bound here: nothing ran, the caller runs it through QtSql
    };
    // Binds `values` by position to `sql` (a string with static storage: its address is the key), runs it to
    // its first row, puts that row's columns into `row` when asked (left empty without a row), and resets the
    // statement.
    Outcome exec(const char *sql, std::initializer_list<QVariant> values, QVariantList *row = nullptr);
    // The rowid of the last row inserted on this connection.
    qint64 lastInsertRowId() const;

private:
    sqlite3_stmt *statement(const char *sql);

    sqlite3 *m_db;
    Category m_category;
    QHash<const char *, sqlite3_stmt *> m_statements;
};

} // namespace parley
