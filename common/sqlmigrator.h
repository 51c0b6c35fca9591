#pragma once

#include "common/migrationstep.h"
#include "protocol/result.h"

#include <QList>
#include <QSqlDatabase>

namespace parley {

// Brings an SQLite database up to the newest schema with a PRAGMA user_version ladder: each missing step
// runs in its own transaction, so an interrupted upgrade leaves the last complete version. A database
// newer than the code is refused and left untouched. Used by both the client cache and parleyd.
class SqlMigrator {
public:
    SqlMigrator(QSqlDatabase db, QList<MigrationStep> steps);

    int currentVersion() const;
    int latestVersion() const;

    // Applies the steps above the current version up to `target` (default: all). Returns the version
    // the database is at afterwards.
    Result<int> migrate(int target = -1);

private:
    QSqlDatabase m_db;
    QList<MigrationStep> m_steps;
};

} // namespace parley
