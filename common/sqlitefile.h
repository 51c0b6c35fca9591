#pragma once

#include "common/migrationstep.h"
#include "protocol/result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace parley {

// Opens an SQLite file the way Parley keeps its data: WAL journal, synchronous=FULL (a commit is on
// disk when it returns), foreign keys on, a busy timeout, an integrity check, and the schema migrated
// to the newest step. Both the client cache and parleyd open their files through it.
class SqliteFile {
public:
    static constexpr int kBusyTimeoutMs = 5000;

    // Adds the connection `connectionName` on the calling thread (which then owns it).
    static Result<QSqlDatabase> open(const QString &connectionName, const QString &path,
                                     const QList<MigrationStep> &schema);
};

} // namespace parley
