#pragma once

#include "protocol/result.h"

#include <QString>

namespace parley::server {

// Moves a server from its SQLite file to PostgreSQL (`parleyd --copy-to URL`, with parleyd stopped): both are
// migrated to the newest schema, then every table is copied row by row, ids and sequences as they are, in one
// PostgreSQL transaction — all of it or nothing. The target must hold no Parley data yet. Identities continue
// after the highest id copied. Files stay where they are (the files directory is not in the database).
class StoreCopier {
public:
    struct Report {
        int tables = 0;
        qint64 rows = 0;
    };

    static Result<Report> copy(const QString &sqlitePath, const QString &postgresUrl);
};

} // namespace parley::server
