#pragma once

#include "common/migrationstep.h"

#include <QList>

namespace parley::server {

// parleyd's schema as a migration ladder, in SQLite's spelling (SqlMigrator runs it on PostgreSQL too, through
// SqlDialect). Append steps; never change what a shipped one does (its spelling may change, to one both
// engines accept).
const QList<MigrationStep> &serverSchemaSteps();

// Raise users.inbox_seq and conversations.last_seq to the heads of their rows (schema 13; and StoreCopier:
// on PostgreSQL these counters are the heads).
QList<const char *> raiseFloorsToHeads();

} // namespace parley::server
