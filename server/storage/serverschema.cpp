#include "server/storage/serverschema.h"

namespace parley::server {

namespace {

// Version 1: accounts, codes, device sessions, one-to-one messages and the per-user inbox.
// SQL reads best as written:
// clang-format off
const MigrationStep kMigrateTo1{1, {
    R"(CREATE TABLE server_secrets (
           name TEXT PRIMARY KEY,
           value BLOB NOT NULL))",
    R"(CREATE TABLE users (
           id INTEGER PRIMARY KEY,
           uid TEXT NOT NULL UNIQUE,
           phone TEXT NOT NULL UNIQUE,
           nickname TEXT NOT NULL DEFAULT '',
           inbox_seq INTEGER NOT NULL DEFAULT 0,
           created_at INTEGER NOT NULL))",
    R"(CREATE TABLE verification_codes (
           phone TEXT PRIMARY KEY,
           code_hash BLOB NOT NULL,
           expires_at INTEGER NOT NULL,
           tries INTEGER NOT NULL DEFAULT 0,
           created_at INTEGER NOT NULL))",
    R"(CREATE TABLE code_requests (
           phone TEXT NOT NULL,
           address TEXT NOT NULL,
           requested_at INTEGER NOT NULL))",
    "CREATE INDEX code_requests_by_phone ON code_requests (phone, requested_at)",
    "CREATE INDEX code_requests_by_address ON code_requests (address, requested_at)",
    R"(CREATE TABLE sessions (
           id INTEGER PRIMARY KEY,
           user_id INTEGER NOT NULL REFERENCES users (id),
           device_id TEXT NOT NULL,
           platform TEXT NOT NULL DEFAULT '',
           device_name TEXT NOT NULL DEFAULT '',
           token_hash BLOB NOT NULL UNIQUE,
           created_at INTEGER NOT NULL,
           last_seen_at INTEGER NOT NULL,
           revoked_at INTEGER))",
    "CREATE INDEX sessions_by_user_device ON sessions (user_id, device_id)",
    R"(CREATE TABLE conversations (
           id INTEGER PRIMARY KEY,
           type INTEGER NOT NULL,
           user_a INTEGER NOT NULL,
           user_b INTEGER NOT NULL,
           last_seq INTEGER NOT NULL DEFAULT 0,
           UNIQUE (type, user_a, user_b)))",
    R"(CREATE TABLE messages (
           uid INTEGER PRIMARY KEY,
           conversation_id INTEGER NOT NULL REFERENCES conversations (id),
           conversation_seq INTEGER NOT NULL,
           conversation_type INTEGER NOT NULL,
           sender_id INTEGER NOT NULL REFERENCES users (id),
           client_uuid BLOB NOT NULL,
           sender_message_id INTEGER NOT NULL DEFAULT 0,
           target TEXT NOT NULL,
           content BLOB NOT NULL,
           created_at INTEGER NOT NULL,
           UNIQUE (sender_id, client_uuid),
           UNIQUE (conversation_id, conversation_seq)))",
    R"(CREATE TABLE inbox (
           user_id INTEGER NOT NULL,
           seq INTEGER NOT NULL,
           message_uid INTEGER NOT NULL,
           PRIMARY KEY (user_id, seq)) WITHOUT ROWID)",
}};

// Version 2: each member's delivered/read horizon per conversation; recalled messages; why and how far a
// device session got; inbox items other than messages (progress, recall notices) and their age.
const MigrationStep kMigrateTo2{2, {
    R"(CREATE TABLE conversation_members (
           conversation_id INTEGER NOT NULL REFERENCES conversations (id),
           user_id INTEGER NOT NULL REFERENCES users (id),
           delivered_seq INTEGER NOT NULL DEFAULT 0,
           read_seq INTEGER NOT NULL DEFAULT 0,
           PRIMARY KEY (conversation_id, user_id)) WITHOUT ROWID)",
    "CREATE INDEX conversation_members_by_user ON conversation_members (user_id)",
    "INSERT INTO conversation_members (conversation_id, user_id) SELECT id, user_a FROM conversations WHERE true "
    "ON CONFLICT DO NOTHING",
    "INSERT INTO conversation_members (conversation_id, user_id) SELECT id, user_b FROM conversations WHERE true "
    "ON CONFLICT DO NOTHING",
    "ALTER TABLE messages ADD COLUMN recalled_at INTEGER",
    "ALTER TABLE sessions ADD COLUMN revoked_reason INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE sessions ADD COLUMN synced_seq INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE inbox ADD COLUMN kind INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE inbox ADD COLUMN payload BLOB",
    "ALTER TABLE inbox ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0",
    "CREATE INDEX inbox_by_age ON inbox (created_at)",
}};

// Version 3: people and groups. Profiles on users; my relation to another user (friend, remark, block) as
// one row per direction; friend requests; groups, whose conversation members gain a role and the window
// of the group's history they may read (from the message that added them, to the one that removed them).
const MigrationStep kMigrateTo3{3, {
    "ALTER TABLE users ADD COLUMN avatar TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE users ADD COLUMN signature TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE users ADD COLUMN findable_by_phone INTEGER NOT NULL DEFAULT 1",
    R"(CREATE TABLE contacts (
           user_id INTEGER NOT NULL REFERENCES users (id),
           other_id INTEGER NOT NULL REFERENCES users (id),
           is_friend INTEGER NOT NULL DEFAULT 0,
           remark TEXT NOT NULL DEFAULT '',
           friends_since INTEGER NOT NULL DEFAULT 0,
           blocked INTEGER NOT NULL DEFAULT 0,
           PRIMARY KEY (user_id, other_id)) WITHOUT ROWID)",
    R"(CREATE TABLE friend_requests (
           id INTEGER PRIMARY KEY,
           from_id INTEGER NOT NULL REFERENCES users (id),
           to_id INTEGER NOT NULL REFERENCES users (id),
           greeting TEXT NOT NULL DEFAULT '',
           status INTEGER NOT NULL DEFAULT 0,
           created_at INTEGER NOT NULL,
           updated_at INTEGER NOT NULL,
           expires_at INTEGER NOT NULL,
           notified_at INTEGER NOT NULL))",
    "CREATE INDEX friend_requests_by_pair ON friend_requests (from_id, to_id, status)",
    "CREATE INDEX friend_requests_to ON friend_requests (to_id, updated_at)",
    "CREATE INDEX friend_requests_from ON friend_requests (from_id, updated_at)",
    R"(CREATE TABLE chat_groups (
           id INTEGER PRIMARY KEY,
           gid TEXT NOT NULL UNIQUE,
           conversation_id INTEGER NOT NULL UNIQUE,
           name TEXT NOT NULL,
           announcement TEXT NOT NULL DEFAULT '',
           owner_id INTEGER NOT NULL REFERENCES users (id),
           created_at INTEGER NOT NULL,
           dismissed_at INTEGER))",
    "ALTER TABLE conversation_members ADD COLUMN role INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE conversation_members ADD COLUMN visible_from INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE conversation_members ADD COLUMN left_seq INTEGER",
    "ALTER TABLE conversation_members ADD COLUMN joined_at INTEGER NOT NULL DEFAULT 0",
}};

// Version 4: files. Uploads in progress (tus), stored files (content kept once per SHA-256 on disk), and which
// messages carry which file: who may fetch a file follows from the conversations it was sent in.
const MigrationStep kMigrateTo4{4, {
    R"(CREATE TABLE uploads (
           id TEXT PRIMARY KEY,
           user_id INTEGER NOT NULL REFERENCES users (id),
           size INTEGER NOT NULL,
           sha256 BLOB NOT NULL,
           mime_type TEXT NOT NULL,
           file_name TEXT NOT NULL,
           upload_offset INTEGER NOT NULL DEFAULT 0,
           created_at INTEGER NOT NULL,
           updated_at INTEGER NOT NULL))",
    "CREATE INDEX uploads_by_user ON uploads (user_id)",
    "CREATE INDEX uploads_by_update ON uploads (updated_at)",
    R"(CREATE TABLE files (
           id TEXT PRIMARY KEY,
           sha256 BLOB NOT NULL,
           size INTEGER NOT NULL,
           mime_type TEXT NOT NULL,
           file_name TEXT NOT NULL,
           uploader_id INTEGER NOT NULL REFERENCES users (id),
           created_at INTEGER NOT NULL))",
    "CREATE INDEX files_by_content ON files (sha256, size)",
    "CREATE INDEX files_by_uploader ON files (uploader_id)",
    R"(CREATE TABLE file_refs (
           file_id TEXT NOT NULL REFERENCES files (id),
           conversation_id INTEGER NOT NULL REFERENCES conversations (id),
           conversation_seq INTEGER NOT NULL,
           message_uid INTEGER NOT NULL,
           PRIMARY KEY (file_id, conversation_id, conversation_seq)) WITHOUT ROWID)",
    "CREATE INDEX file_refs_by_message ON file_refs (message_uid)",
}};

// Version 5: avatars. A group's picture, and the indexes that let a file be found as someone's avatar (who may
// fetch it, and that it is not garbage). An avatar of before was any text a user typed; one that is not a
// picture the user uploaded goes (it could name a file of someone else's chat, which would become public).
const MigrationStep kMigrateTo5{5, {
    "UPDATE users SET avatar = '' WHERE avatar <> '' AND NOT EXISTS (SELECT 1 FROM files f WHERE f.id = users.avatar "
    "AND f.uploader_id = users.id AND f.mime_type IN ('image/jpeg', 'image/png'))",
    "ALTER TABLE chat_groups ADD COLUMN avatar TEXT NOT NULL DEFAULT ''",
    "CREATE INDEX users_by_avatar ON users (avatar)",
    "CREATE INDEX chat_groups_by_avatar ON chat_groups (avatar)",
}};
// Version 6: an upload may be sent while its sender hashes it; GQNUT then asks whether any stored file has its
// size (when one has, the sender hashes first, for instant send). Its SHA-256 comes with its last bytes.
const MigrationStep kMigrateTo6{6, {
    "CREATE INDEX files_by_size ON files (size)",
}};
// Version 7: replies. A reply's content quotes its original; recalling the original finds the replies by this
// column and takes the quoted text out of them too.
const MigrationStep kMigrateTo7{7, {
    "ALTER TABLE messages ADD COLUMN quoted_uid INTEGER",
    "CREATE INDEX messages_quoting ON messages (quoted_uid) WHERE quoted_uid IS NOT NULL",
}};
// Version 8: edited messages: when the sender last changed the text (the content holds the new one).
const MigrationStep kMigrateTo8{8, {
    "ALTER TABLE messages ADD COLUMN edited_at INTEGER",
    // A recall finds the message's edit items still in inboxes, to take their text out.
    "CREATE INDEX inbox_edits ON inbox (message_uid) WHERE kind = 5",
}};
// Version 9: reactions, kept with their message (a serialized ReactionList: who chose which emoji).
const MigrationStep kMigrateTo9{9, {
    "ALTER TABLE messages ADD COLUMN reactions BLOB",
}};
// Version 10: presence. When the user's last device went offline (or the last came online), and who may see it
// (v1::PresenceAudience).
const MigrationStep kMigrateTo10{10, {
    "ALTER TABLE users ADD COLUMN last_seen_at INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE users ADD COLUMN presence_audience INTEGER NOT NULL DEFAULT 0",
}};

// Version 11: how each user keeps each conversation — pinned, muted until, marked unread, the draft — the same
// on every device of the user (CSS); a row only while something differs from the defaults.
const MigrationStep kMigrateTo11{11, {
    R"(CREATE TABLE conversation_settings (
           user_id INTEGER NOT NULL REFERENCES users (id),
           conversation_type INTEGER NOT NULL,
           target TEXT NOT NULL,
           pinned INTEGER NOT NULL DEFAULT 0,
           muted_until INTEGER NOT NULL DEFAULT 0,
           marked_unread INTEGER NOT NULL DEFAULT 0,
           draft TEXT NOT NULL DEFAULT '',
           updated_at INTEGER NOT NULL,
           PRIMARY KEY (user_id, conversation_type, target)) WITHOUT ROWID)",
}};

// Version 12: muted groups and members, and joining with approval. Owners and admins may let only themselves
// write (mute_all) or keep one member quiet for a while (muted_until, ms); with join_approval, a member's
// invitation of someone no admin is friends with waits in group_join_requests until an admin decides.
const MigrationStep kMigrateTo12{12, {
    "ALTER TABLE chat_groups ADD COLUMN mute_all INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE chat_groups ADD COLUMN join_approval INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE conversation_members ADD COLUMN muted_until INTEGER NOT NULL DEFAULT 0",
    R"(CREATE TABLE group_join_requests (
           conversation_id INTEGER NOT NULL REFERENCES conversations (id),
           user_id INTEGER NOT NULL REFERENCES users (id),
           inviter_id INTEGER NOT NULL REFERENCES users (id),
           created_at INTEGER NOT NULL,
           PRIMARY KEY (conversation_id, user_id)) WITHOUT ROWID)",
}};

// Version 13: a commit no longer rewrites counters. The head of a conversation is its newest message, the
// head of an inbox its newest item; users.inbox_seq is the floor under it that pruning raises before it
// deletes, and conversations.last_seq is no longer needed. Both are set here to the heads of this moment.
constexpr char kRaiseInboxFloors[] =
    "UPDATE users SET inbox_seq = h.top FROM (SELECT user_id, MAX(seq) AS top FROM inbox GROUP BY user_id) AS h "
    "WHERE users.id = h.user_id AND users.inbox_seq < h.top";
constexpr char kRaiseConversationFloors[] =
    "UPDATE conversations SET last_seq = h.top FROM (SELECT conversation_id, MAX(conversation_seq) AS top "
    "FROM messages GROUP BY conversation_id) AS h WHERE conversations.id = h.conversation_id "
    "AND conversations.last_seq < h.top";
const MigrationStep kMigrateTo13{13, {kRaiseInboxFloors, kRaiseConversationFloors}};

// Version 14: an inbox's counter has a table of its own. Rows of users are written during a batch (profile, last
// seen; each under the user's lock, LockKey::ofUser), counters when it commits (in ascending user order); in
// one row, a batch on one node could hold the first while it waited for the second, held by another node's.
constexpr char kRaiseInboxHeads[] =
    "INSERT INTO inbox_heads (user_id, seq) SELECT user_id, MAX(seq) FROM inbox WHERE true GROUP BY user_id "
    "ON CONFLICT (user_id) DO UPDATE SET seq = excluded.seq WHERE inbox_heads.seq < excluded.seq";
const MigrationStep kMigrateTo14{14, {
    // NOT NULL keeps it a plain key on PostgreSQL (SqlDialect makes only `INTEGER PRIMARY KEY` an identity).
    R"(CREATE TABLE inbox_heads (
           user_id INTEGER NOT NULL PRIMARY KEY REFERENCES users (id),
           seq INTEGER NOT NULL))",
    "INSERT INTO inbox_heads (user_id, seq) SELECT id, inbox_seq FROM users WHERE inbox_seq > 0",
    "ALTER TABLE users DROP COLUMN inbox_seq",
    kRaiseInboxHeads, // past what an older node still wrote after the copy, before the drop waited it out
}};

// Version 15: an operator may suspend an account (`parleyd admin ban`): since when, 0 while it is not.
const MigrationStep kMigrateTo15{15, {
    "ALTER TABLE users ADD COLUMN suspended_at INTEGER NOT NULL DEFAULT 0",
}};
// Version 16: a deleted account keeps its row (its messages name it) with nothing of the person left: since when
// it is deleted, 0 while it is not. Its phone column holds "deleted:" and the user id, so the number is free.
const MigrationStep kMigrateTo16{16, {
    "ALTER TABLE users ADD COLUMN deleted_at INTEGER NOT NULL DEFAULT 0",
}};
// Version 17: codes are limited per block of numbers too (CodeBook::numberBlock: the number without its last
// four digits), which the requests of the last hour learn from their phone.
const MigrationStep kMigrateTo17{17, {
    "ALTER TABLE code_requests ADD COLUMN number_block TEXT NOT NULL DEFAULT ''",
    "UPDATE code_requests SET number_block = substr(phone, 1, length(phone) - 4) WHERE length(phone) > 4",
    "CREATE INDEX code_requests_by_block ON code_requests (number_block, requested_at)",
}};
// Version 18: a code confirms only what it was sent for (CodePurpose): logging in (0) or deleting the account (1).
// The codes of before carry no purpose and go: they live five minutes, and whoever waits for one asks again.
const MigrationStep kMigrateTo18{18, {
    "DELETE FROM verification_codes",
    "ALTER TABLE verification_codes ADD COLUMN purpose INTEGER NOT NULL DEFAULT 0",
}};
// Version 19: a number has a code per purpose, so that a login code asked for (by anyone, before logging in) does not
// replace the deletion code its owner is waiting for. The key cannot be altered in place; the table is made anew.
const MigrationStep kMigrateTo19{19, {
    R"(CREATE TABLE verification_codes_19 (
           phone TEXT NOT NULL,
           purpose INTEGER NOT NULL,
           code_hash BLOB NOT NULL,
           expires_at INTEGER NOT NULL,
           tries INTEGER NOT NULL DEFAULT 0,
           created_at INTEGER NOT NULL,
           PRIMARY KEY (phone, purpose)))",
    "INSERT INTO verification_codes_19 (phone, purpose, code_hash, expires_at, tries, created_at) "
    "SELECT phone, purpose, code_hash, expires_at, tries, created_at FROM verification_codes",
    "DROP TABLE verification_codes",
    "ALTER TABLE verification_codes_19 RENAME TO verification_codes",
}};
// Version 20: every node looks for the sessions revoked lately (RevocationWatch), by when.
const MigrationStep kMigrateTo20{20, {
    "CREATE INDEX sessions_by_revocation ON sessions (revoked_at)",
}};
// Version 21: calls that ring or are answered (CallLedger), seen alike by every node; gone once they end.
const MigrationStep kMigrateTo21{21, {
    R"(CREATE TABLE calls (
           id TEXT PRIMARY KEY,
           caller_id INTEGER NOT NULL,
           caller_uid TEXT NOT NULL,
           caller_device TEXT NOT NULL,
           callee_id INTEGER NOT NULL,
           callee_uid TEXT NOT NULL,
           callee_device TEXT NOT NULL,
           media INTEGER NOT NULL,
           created_at INTEGER NOT NULL,
           answered_at INTEGER NOT NULL,
           caller_alive_at INTEGER NOT NULL,
           callee_alive_at INTEGER NOT NULL,
           deadline INTEGER NOT NULL))",
    "CREATE INDEX calls_by_caller ON calls (caller_id)",
    "CREATE INDEX calls_by_callee ON calls (callee_id)",
    "CREATE INDEX calls_by_deadline ON calls (deadline)",
}};
// clang-format on

} // namespace

QList<const char *> raiseFloorsToHeads()
{
    return {kRaiseInboxHeads, kRaiseConversationFloors};
}

const char *raiseInboxFloors()
{
    return kRaiseInboxHeads;
}

const QList<MigrationStep> &serverSchemaSteps()
{
    static const QList<MigrationStep> steps{
        kMigrateTo1,  kMigrateTo2,  kMigrateTo3,  kMigrateTo4,  kMigrateTo5,  kMigrateTo6,  kMigrateTo7,
        kMigrateTo8,  kMigrateTo9,  kMigrateTo10, kMigrateTo11, kMigrateTo12, kMigrateTo13, kMigrateTo14,
        kMigrateTo15, kMigrateTo16, kMigrateTo17, kMigrateTo18, kMigrateTo19, kMigrateTo20, kMigrateTo21};
    return steps;
}

} // namespace parley::server
