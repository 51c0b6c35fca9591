#pragma once

#include "common/migrationstep.h"
#include "common/sqldialect.h"
#include "protocol/result.h"

#include <QList>
#include <QSqlDatabase>

namespace parley {

// Brings a database up to the newest schema with a version ladder: each missing step runs in its own
// transaction, so an interrupted upgrade leaves the last complete version. A database newer than the code is
// refused and left untouched. Used by both the client cache and parleyd. On SQLite the version is PRAGMA
// user_version; on PostgreSQL (parleyd's store for several nodes) it is a one-row table, each step's statements
// are rewritten by SqlDialect, and a step takes an advisory lock first, so nodes starting together apply each
// step once.
class SqlMigrator {
public:
    SqlMigrator(QSqlDatabase db, QList<MigrationStep> steps);

    int currentVersion() const;
    int latestVersion() const;

    // Applies the steps above the current version up to `target` (default: all). Returns the version
    // the database is at afterwards.
    Result<int> migrate(int target = -1);

private:
    int versionInTransaction() const;
    bool setVersion(int version);

    QSqlDatabase m_db;
    QList<MigrationStep> m_steps;
    SqlDialect::Engine m_engine;
};

} // namespace parley
