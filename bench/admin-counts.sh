#!/bin/bash
# What `parleyd admin counts` costs the users on a large database: a parleyd on SQLite with MESSAGES messages
# (5,000,000 by default; 200,000 users, 300,000 device sessions, 100,000 conversations, 10,000 groups, 50,000
# files, written straight into its file), then per round, with the OS caches dropped (as root) so that the counts
# read from disk: `admin counts` in the background and, while it runs, `admin user` asked back to back, a request
# that needs the storage thread for a moment. Printed: how long counts took, and the slowest `user` answer during
# it against the median `user` answer alone right after (the reference of the same round).
#
#   bench/admin-counts.sh                                   # 5,000,000 messages, 3 rounds, build-test's parleyd
#   PARLEYD=build-package/bin/parleyd MESSAGES=1000000 ROUNDS=5 bench/admin-counts.sh
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PARLEYD=${PARLEYD:-$ROOT/build-test/bin/parleyd}
MESSAGES=${MESSAGES:-5000000}
ROUNDS=${ROUNDS:-3}
dir=$(mktemp -d)
data=$dir/data
trap 'kill $(cat "$dir/pid" 2> /dev/null) 2> /dev/null || true; rm -rf "$dir"' EXIT

ms() { echo $(($(date +%s%N) / 1000000)); }
admin() { "$PARLEYD" admin --data-dir "$data" "$@" > /dev/null; }
serve() {
    "$PARLEYD" --data-dir "$data" --tls-port 0 --ws-port 0 --files-port 0 --ops-port off > "$dir/log" 2>&1 &
    echo $! > "$dir/pid"
    until grep -q "parleyd ready" "$dir/log"; do
        kill -0 "$(cat "$dir/pid")" || { cat "$dir/log"; exit 1; }
        sleep 0.2
    done
}

serve # makes the schema
kill "$(cat "$dir/pid")" && wait "$(cat "$dir/pid")" || true
sqlite3 "$data/parleyd.sqlite" > /dev/null <<EOF
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000)
INSERT INTO users (id, uid, phone, nickname, created_at) SELECT i, 'u' || i, '+86139' || printf('%08d', i), 'user ' || i, 1 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000)
INSERT INTO sessions (id, user_id, device_id, platform, device_name, token_hash, created_at, last_seen_at, revoked_at)
SELECT i, 1 + (i % 200000), 'dev' || i, 'linux', 'host', randomblob(32), 1, 1, CASE WHEN i % 3 = 0 THEN 5 END FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO conversations (id, type, user_a, user_b, last_seq) SELECT i, 0, i, i + 1, 50 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
INSERT INTO chat_groups (id, gid, conversation_id, name, owner_id, created_at) SELECT i, 'g' || i, 100000 + i, 'group ' || i, i, 1 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000)
INSERT INTO files (id, sha256, size, mime_type, file_name, uploader_id, created_at) SELECT 'f' || i, randomblob(32), 1000 * i, 'image/png', 'p.png', i, 1 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $MESSAGES)
INSERT INTO messages (uid, conversation_id, conversation_seq, conversation_type, sender_id, client_uuid, target, content, created_at)
SELECT i, 1 + (i % 100000), 1 + (i / 100000), 0, 1 + (i % 100000), randomblob(16), 'u' || (2 + (i % 100000)), randomblob(120), i FROM n;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
EOF
serve
echo "admin counts on $MESSAGES messages ($(du -h "$data/parleyd.sqlite" | cut -f1)), $PARLEYD, commit $(git -C "$ROOT" rev-parse --short HEAD), $(date -u +%F)"
printf "%-6s %10s %18s %14s %7s\n" round counts-ms user-during-max user-alone-p50 ratio
for round in $(seq "$ROUNDS"); do
    sync
    [ "$(id -u)" = 0 ] && echo 3 > /proc/sys/vm/drop_caches
    start=$(ms)
    admin counts &
    counts=$!
    during=0
    while kill -0 "$counts" 2> /dev/null; do
        t=$(ms)
        admin user +8613900000001
        took=$(($(ms) - t))
        ((took > during)) && during=$took
    done
    wait "$counts"
    countsMs=$(($(ms) - start))
    alone=()
    for _ in 1 2 3 4 5; do
        t=$(ms)
        admin user +8613900000001
        alone+=($(($(ms) - t)))
    done
    median=$(printf "%s\n" "${alone[@]}" | sort -n | sed -n 3p)
    printf "%-6s %10s %18s %14s %7s\n" "$round" "$countsMs" "$during" "$median" \
        "$(awk "BEGIN { printf \"%.2f\", $during / $median }")"
done
