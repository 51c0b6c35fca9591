#pragma once

#include <QSqlDatabase>
#include <QString>

namespace parley {

// What differs between the SQL engines Parley's statements run on. parleyd's schema ladder and statements are
// written once, in the subset SQLite and PostgreSQL share, with SQLite's spelling of column types; a
// statement of the ladder is rewritten for PostgreSQL here, by rules a reader can check against the ladder:
// INTEGER is 64-bit there too (BIGINT), an INTEGER PRIMARY KEY takes its values from an identity, BLOB is
// BYTEA, and WITHOUT ROWID (SQLite's clustered table) has no counterpart and goes.
class SqlDialect {
public:
    enum class Engine { Sqlite, Postgres };

    static Engine engineOf(const QSqlDatabase &db);
    // A statement of a schema ladder (DDL and data migrations) as `engine` needs it.
    static QString schemaStatement(const char *statement, Engine engine);
};

} // namespace parley
