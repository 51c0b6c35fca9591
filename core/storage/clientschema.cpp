#include "core/storage/clientschema.h"

#include "core/storage/sqlvalues.h"
#include "protocol/limits.h"

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
    "CREATE INDEX messages_outbox ON messages (id) WHERE " PARLEY_SQL_UNSENT(""),
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

// Version 3: people and groups. Profiles of users I have seen, my contacts (friends, remarks, blocks),
// friend requests to and from me, my groups and their members with their read horizons (read counts),
// and which messages mention me.
const MigrationStep kMigrateTo3{3, {
    R"(CREATE TABLE profiles (
           user_id TEXT PRIMARY KEY,
           nickname TEXT NOT NULL DEFAULT '',
           avatar TEXT NOT NULL DEFAULT '',
           signature TEXT NOT NULL DEFAULT ''))",
    R"(CREATE TABLE contacts (
           user_id TEXT PRIMARY KEY,
           is_friend INTEGER NOT NULL DEFAULT 0,
           remark TEXT NOT NULL DEFAULT '',
           friends_since INTEGER NOT NULL DEFAULT 0,
           blocked INTEGER NOT NULL DEFAULT 0))",
    R"(CREATE TABLE friend_requests (
           id INTEGER PRIMARY KEY,
           from_id TEXT NOT NULL,
           to_id TEXT NOT NULL,
           greeting TEXT NOT NULL DEFAULT '',
           status INTEGER NOT NULL,
           created_at INTEGER NOT NULL,
           updated_at INTEGER NOT NULL,
           expires_at INTEGER NOT NULL))",
    R"(CREATE TABLE chat_groups (
           group_id TEXT PRIMARY KEY,
           name TEXT NOT NULL DEFAULT '',
           announcement TEXT NOT NULL DEFAULT '',
           owner_id TEXT NOT NULL DEFAULT '',
           member_count INTEGER NOT NULL DEFAULT 0,
           created_at INTEGER NOT NULL DEFAULT 0,
           my_role INTEGER NOT NULL DEFAULT 0,
           is_member INTEGER NOT NULL DEFAULT 1,
           dismissed INTEGER NOT NULL DEFAULT 0))",
    R"(CREATE TABLE group_members (
           group_id TEXT NOT NULL,
           user_id TEXT NOT NULL,
           role INTEGER NOT NULL DEFAULT 0,
           joined_at INTEGER NOT NULL DEFAULT 0,
           read_seq INTEGER NOT NULL DEFAULT 0,
           PRIMARY KEY (group_id, user_id)) WITHOUT ROWID)",
    "ALTER TABLE messages ADD COLUMN mentions_me INTEGER NOT NULL DEFAULT 0",
    // Group notices: whom they are about (user ids, comma-separated) and, for role changes, the new role.
    "ALTER TABLE messages ADD COLUMN notice_users TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE messages ADD COLUMN notice_role INTEGER NOT NULL DEFAULT 0",
}};

// Version 4: how I keep my conversation list on this device — pinned first, muted (no badge count, no
// notification), removed from the list until the next message — and the draft I left in each.
const MigrationStep kMigrateTo4{4, {
    "ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE conversations ADD COLUMN muted INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE conversations ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE conversations ADD COLUMN draft TEXT NOT NULL DEFAULT ''",
}};

// Version 5: local full-text search of message texts. The index is contentless (the words are in
// messages.text) and follows the messages in the background: 'search_indexed' is the last row indexed.
const MigrationStep kMigrateTo5{5, {
    "CREATE VIRTUAL TABLE message_search USING fts5(terms, content = '', tokenize = 'unicode61')",
    "INSERT INTO sync_state (name, value) VALUES ('search_indexed', 0)",
    // "@you" in the list asks for an unread message that mentions me: without this index it read every
    // unread message of the conversation (measured: sync of 100,000 messages 3x slower).
    "CREATE INDEX messages_mentioning_me ON messages (conversation_id, conversation_seq) WHERE mentions_me = 1",
}};

// Version 6: pictures, files, voice and video. A media message names the content it carries (its SHA-256),
// so a copy on this device is found by content, whichever message brought it; transfers in progress keep
// their state here so they resume after a restart (an upload's tus URL and confirmed offset; a download's
// bytes are its partial file); the media cache knows its files, their sizes and when each was last used.
const MigrationStep kMigrateTo6{6, {
    "ALTER TABLE messages ADD COLUMN media_sha256 BLOB",
    "CREATE INDEX messages_by_media ON messages (media_sha256) WHERE media_sha256 IS NOT NULL",
    R"(CREATE TABLE transfers (
           message_id INTEGER PRIMARY KEY REFERENCES messages (id),
           direction INTEGER NOT NULL,
           state INTEGER NOT NULL,
           source TEXT NOT NULL DEFAULT '',
           upload_url TEXT NOT NULL DEFAULT '',
           done INTEGER NOT NULL DEFAULT 0,
           total INTEGER NOT NULL,
           error INTEGER NOT NULL DEFAULT 0,
           updated_at INTEGER NOT NULL))",
    R"(CREATE TABLE media_cache (
           sha256 BLOB PRIMARY KEY,
           path TEXT NOT NULL,
           size INTEGER NOT NULL,
           owned INTEGER NOT NULL,
           last_used_ms INTEGER NOT NULL))",
    "CREATE INDEX media_cache_by_use ON media_cache (owned, last_used_ms)",
}};

// Version 7: a group's picture (the file id of its avatar; people's are in people.avatar since version 3).
const MigrationStep kMigrateTo7{7, {
    "ALTER TABLE chat_groups ADD COLUMN avatar TEXT NOT NULL DEFAULT ''",
}};

// Version 8: replies. What a reply shows of the message it answers, as the server said it; a recall of the
// original finds the replies quoting it by quote_uid and takes the quoted text out of them.
const MigrationStep kMigrateTo8{8, {
    "ALTER TABLE messages ADD COLUMN quote_uid INTEGER",
    "ALTER TABLE messages ADD COLUMN quote_seq INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE messages ADD COLUMN quote_sender TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE messages ADD COLUMN quote_type INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE messages ADD COLUMN quote_excerpt TEXT NOT NULL DEFAULT ''",
    "CREATE INDEX messages_quoting ON messages (quote_uid) WHERE quote_uid IS NOT NULL",
}};

// Version 9: edited messages: when the sender last changed the text (text and content hold the new one).
const MigrationStep kMigrateTo9{9, {
    "ALTER TABLE messages ADD COLUMN edited_at INTEGER NOT NULL DEFAULT 0",
}};

// Version 10: reactions, kept with their message (a serialized ReactionList; NULL: none).
const MigrationStep kMigrateTo10{10, {
    "ALTER TABLE messages ADD COLUMN reactions BLOB",
}};

// Version 11: pin, mute, marked unread and draft follow me to my other devices (the server keeps them, CSS). A
// mute has an end (muted_until, ms; limits::kMutedForever: none); what changed here and the server has not
// taken yet is flagged per field (settings_dirty) with the row's revision, so a later change is never
// mistaken for one the server confirmed. What this device kept before is offered to the server once.
static_assert(limits::kMutedForever == 9223372036854775807, "the mute without end in step 11");
const MigrationStep kMigrateTo11{11, {
    "ALTER TABLE conversations ADD COLUMN muted_until INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE conversations ADD COLUMN marked_unread INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE conversations ADD COLUMN settings_dirty INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE conversations ADD COLUMN settings_rev INTEGER NOT NULL DEFAULT 0",
    "UPDATE conversations SET muted_until = 9223372036854775807 WHERE muted != 0", // kMutedForever
    "UPDATE conversations SET settings_dirty = (pinned != 0) | ((muted != 0) << 1) | ((draft != '') << 3)",
    "ALTER TABLE conversations DROP COLUMN muted",
}};

// Version 12: muted groups and members, and joining with approval, as the server says them: whether only the
// owner and admins may write, until when I may not, whether invitations wait for approval and (for owners and
// admins) how many do; each member's mute.
const MigrationStep kMigrateTo12{12, {
    "ALTER TABLE chat_groups ADD COLUMN mute_all INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE chat_groups ADD COLUMN my_muted_until INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE chat_groups ADD COLUMN join_approval INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE chat_groups ADD COLUMN pending_joins INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE group_members ADD COLUMN muted_until INTEGER NOT NULL DEFAULT 0",
}};

// Version 13: accounts that were deleted; their messages stay, shown as from "Deleted account".
const MigrationStep kMigrateTo13{13, {
    "ALTER TABLE profiles ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0",
}};
// clang-format on

} // namespace

const QList<MigrationStep> &clientSchemaSteps()
{
    static const QList<MigrationStep> steps{kMigrateTo1,  kMigrateTo2,  kMigrateTo3, kMigrateTo4, kMigrateTo5,
                                            kMigrateTo6,  kMigrateTo7,  kMigrateTo8, kMigrateTo9, kMigrateTo10,
                                            kMigrateTo11, kMigrateTo12, kMigrateTo13};
    return steps;
}

} // namespace parley
