#include "core/storage/clientschema.h"

namespace parley {

namespace {

// Version 1: conversations, messages (with the outbox as outgoing rows not yet sent), sync position.
// SQL reads best as written:
// clang-format off
const MigrationStep kMigrateTo1{1, {
    R"(CREATE TABLE sync_state (
           name TEXT PRIMARY KEY,
           value INTEGER NOT NULL))",
    R"(CREATE TABLE conversations (
           id INTEGER PRIMARY KEY,
           type INTEGER NOT NULL,
           target TEXT NOT NULL,
           last_activity_ms INTEGER NOT NULL DEFAULT 0,
           UNIQUE (type, target)))",
    R"(CREATE TABLE messages (
           id INTEGER PRIMARY KEY,
           conversation_id INTEGER NOT NULL REFERENCES conversations (id),
           sender TEXT NOT NULL,
           client_uuid BLOB NOT NULL,
           server_uid INTEGER UNIQUE,
           conversation_seq INTEGER,
           outgoing INTEGER NOT NULL,
           state INTEGER NOT NULL,
           failure INTEGER NOT NULL DEFAULT 0,
           content_type INTEGER NOT NULL,
           text TEXT NOT NULL DEFAULT '',
           content BLOB NOT NULL,
           timestamp_ms INTEGER NOT NULL,
           UNIQUE (sender, client_uuid)))",
    "CREATE INDEX messages_by_conversation ON messages (conversation_id, conversation_seq)",
    "CREATE INDEX messages_outbox ON messages (id) WHERE outgoing = 1 AND state IN (0, 2)",
}};

// Version 2: read state and receipts as horizons per conversation (mine, synced across my devices; the
// peer's, from receipts), what this device has reported as delivered, whether the cache reaches back to
// the conversation's first message, and recalled messages.
const MigrationStep kMigrateTo2{2, {
    "ALTER TABLE conversations ADD COLUMN read_seq INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE conversations ADD COLUMN peer_delivered_seq INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE conversations ADD COLUMN peer_read_seq INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE conversations ADD COLUMN reported_delivered_seq INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE conversations ADD COLUMN reported_read_seq INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE conversations ADD COLUMN history_complete INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE messages ADD COLUMN recalled_at INTEGER",
    // Unread counts and delivery reports read only this index (content_type tells notices apart).
    "CREATE INDEX messages_incoming ON messages (conversation_id, conversation_seq, content_type) WHERE outgoing = 0",
}};
// clang-format on

} // namespace

const QList<MigrationStep> &clientSchemaSteps()
{
    static const QList<MigrationStep> steps{kMigrateTo1, kMigrateTo2};
    return steps;
}

} // namespace parley
