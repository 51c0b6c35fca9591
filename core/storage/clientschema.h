#pragma once

#include "common/migrationstep.h"

#include <QList>

namespace parley {

// The local cache's SQLite schema as a migration ladder (PRAGMA user_version). Append steps; never
// edit one that has shipped.
const QList<MigrationStep> &clientSchemaSteps();

} // namespace parley
