#!/bin/bash
# The reconnect storm after a node dies, with the admission pacing parleyd uses by default (handshakes at once,
# accept rate) and without it,
# alternated (at least 3 rounds): three nodes share a PostgreSQL and a Redis; CLIENTS users on the first node
# each miss MESSAGES messages, the node is SIGKILLed, and all of them move to the other two at once. Reports
# the time from the kill until all are connected and until all are back in sync, and the two nodes' peak
# memory. PostgreSQL (fsync on) and Redis are throwaway servers started here; every run gets a new database.
#
# The first node holds every user's link, and parley-bench holds them all too: CLIENTS is bounded by the open
# files a process may have (`ulimit -Hn`; 20,000 in this project's containers, hence 19,000 by default).
#
#   bench/compare-storm.sh                     # 19,000 users x 10 messages, 3 rounds
#   CLIENTS=2000 ROUNDS=1 bench/compare-storm.sh
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/figures.sh"
load_settings 19000
MESSAGES=${MESSAGES_PER_USER:-10}
build_release parleyd parley-bench
ulimit -n "$(ulimit -Hn)"

start_throwaway_servers redis

storm=(--scenario storm --nodes 3 --clients "$CLIENTS" --messages "$MESSAGES" --parleyd "$PARLEYD"
    --parleyd-arg=--redis --parleyd-arg="$redis_url")
# "unpaced": a rate and a number of handshakes at once that no storm here reaches.
declare -A pacing=([paced]=""
    [unpaced]="--parleyd-arg=--accept-rate --parleyd-arg=10000000 --parleyd-arg=--max-handshakes --parleyd-arg=10000000")

echo "storm after a node dies, paced vs unpaced: ${storm[*]}, $ROUNDS rounds, commit $(git -C "$ROOT" rev-parse --short HEAD), $(date -u +%F)"
printf "%-6s %-9s %12s %12s %12s %9s %14s %14s\n" round accept connected-s in-sync-s p50-sync-s reopened \
    node1-peak-MB node2-peak-MB
for mode in paced unpaced; do
    : > "$work/$mode.sync"
    : > "$work/$mode.half"
    : > "$work/$mode.peak"
done
for round in $(seq "$ROUNDS"); do
    for mode in paced unpaced; do
        database="parley_storm_${round}_${mode}"
        psql -q "$server_url" -c "CREATE DATABASE $database" > /dev/null
        url=${server_url/\/postgres\?//$database?}
        # shellcheck disable=SC2086 # the pacing arguments are words
        if ! out=$("$BUILD/bin/parley-bench" "${storm[@]}" --parleyd-arg=--database --parleyd-arg="$url" \
            ${pacing[$mode]} 2>&1); then
            printf "%-6s %-9s failed: %s\n" "$round" "$mode" "$(grep "^parley-bench" <<< "$out" | tail -1)"
            continue
        fi
        read -r connected insync half reopened peak1 peak2 <<< "$(awk '
            /all [0-9]+ reconnected/ { for (i = 1; i <= NF; ++i) if ($i == "s") c = $(i - 1) }
            /all back in sync/ { for (i = 1; i <= NF; ++i) if ($i == "s") s = $(i - 1) }
            /users in sync after/ { for (i = 1; i <= NF; ++i) if ($i == "p50") h = $(i + 1) }
            /reopened after/ { r = $NF }
            /^  node 1 peak/ { p1 = $6 } /^  node 2 peak/ { p2 = $6 }
            END { printf "%s %s %s %s %s %s\n", c, s, h, r, p1, p2 }' <<< "$out")"
        printf "%-6s %-9s %12s %12s %12s %9s %14s %14s\n" "$round" "$mode" "$connected" "$insync" "$half" "$reopened" \
            "$peak1" "$peak2"
        echo "$half" >> "$work/$mode.half"
        echo "$insync" >> "$work/$mode.sync"
        echo "$peak1" >> "$work/$mode.peak"
    done
done
echo
printf "%-9s %12s %12s %14s\n" median in-sync-s p50-sync-s node1-peak-MB
for mode in paced unpaced; do
    printf "%-9s %12s %12s %14s\n" "$mode" "$(median < "$work/$mode.sync")" "$(median < "$work/$mode.half")" \
        "$(median < "$work/$mode.peak")"
done
