#pragma once

#include "common/migrationstep.h"

#include <QList>

namespace parley::server {

// parleyd's schema as a migration ladder, in SQLite's spelling (SqlMigrator runs it on PostgreSQL too, through
// SqlDialect). Append steps; never change what a shipped one does (its spelling may change, to one both
// engines accept).
const QList<MigrationStep> &serverSchemaSteps();

// Raise inbox_heads and conversations.last_seq to the heads of their rows (StoreCopier: on PostgreSQL these
// counters are the heads).
QList<const char *> raiseFloorsToHeads();
// Raise inbox_heads to the newest item of each inbox (on SQLite, before pruning takes items away).
const char *raiseInboxFloors();

} // namespace parley::server
