#pragma once

#include "common/migrationstep.h"

#include <QList>

namespace parley::server {

// parleyd's SQLite schema as a migration ladder (PRAGMA user_version). Append steps; never edit one
// that has shipped.
const QList<MigrationStep> &serverSchemaSteps();

} // namespace parley::server
