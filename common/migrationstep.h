#pragma once

#include <QList>

namespace parley {

// One rung of a schema ladder: the statements that take a database from version `version - 1` to
// `version`. Applied in one transaction together with PRAGMA user_version = version.
struct MigrationStep {
    int version;
    QList<const char *> statements;
};

} // namespace parley
