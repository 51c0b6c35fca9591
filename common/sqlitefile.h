#pragma once

#include "common/migrationstep.h"
#include "protocol/result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace parley {

// Opens an SQLite file the way Parley keeps its data: WAL journal, synchronous=FULL (a commit is on
// disk when it returns), foreign keys on, a busy timeout, optionally an integrity check, and the schema
// migrated to the newest step. Both the client cache and parleyd open their files through it.
class SqliteFile {
public:
    static constexpr int kBusyTimeoutMs = 5000;

    // PRAGMA quick_check reads the whole file: parleyd's store is worth refusing to serve from when it is
    // damaged; the client's cache is checked later, in the background (LocalDatabase), so that a big
    // cache does not hold up the window.
    enum class Check { AtOpen, Skip };

    // Adds the connection `connectionName` on the calling thread (which then owns it). `pragmas`: the caller's
    // own settings for the connection (PRAGMA statements), run after the ones above, before the migration.
    static Result<QSqlDatabase> open(const QString &connectionName, const QString &path,
                                     const QList<MigrationStep> &schema, Check check = Check::AtOpen,
                                     const QStringList &pragmas = {});

    // Runs PRAGMA quick_check on its own read-only connection: true if the file is damaged, false if it is
    // sound or could not be checked (gone, busy). Any thread.
    static bool isDamaged(const QString &path);
};

} // namespace parley
