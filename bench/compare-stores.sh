#!/bin/bash
# parleyd on SQLite against parleyd on PostgreSQL, the same one-to-one load, runs alternated (at least 3
# rounds): messages/s, server CPU-µs per message (parleyd's own, and on PostgreSQL parleyd's plus every
# PostgreSQL process's) and latency. PostgreSQL is a throwaway server started here (scripts/throwaway-postgres.sh)
# with fsync on, as parleyd's SQLite commits are; each PostgreSQL round gets a new, empty database.
#
#   bench/compare-stores.sh                                       # 100 users x 300 messages, window 32, 3 rounds
#   ROUNDS=5 CLIENTS=10 WINDOW=1 bench/compare-stores.sh          # light load
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/figures.sh"
load_settings 100
build_release parleyd parley-bench

start_throwaway_servers

load=(--scenario load --clients "$CLIENTS" --messages "$MESSAGES" --window "$WINDOW" --parleyd "$PARLEYD")

echo "parleyd on SQLite vs on PostgreSQL: ${load[*]}, $ROUNDS rounds, commit $(git -C "$ROOT" rev-parse --short HEAD), $(date -u +%F)"
printf "%-6s %-11s %10s %12s %9s %9s\n" round store msg/s cpu-us/msg p50-ms p99-ms
for round in $(seq "$ROUNDS"); do
    for store in sqlite postgresql; do
        case $store in
        sqlite) out=$("$BUILD/bin/parley-bench" "${load[@]}") ;;
        postgresql)
            database="parley_bench_${round}"
            psql -q "$server_url" -c "CREATE DATABASE $database" > /dev/null
            url=${server_url/\/postgres\?//$database?}
            out=$("$BUILD/bin/parley-bench" "${load[@]}" --parleyd-arg=--database --parleyd-arg="$url" \
                --count-cpu-of postgres)
            ;;
        esac
        read -r rate cpu p50 p99 <<< "$(figures <<< "$out")"
        printf "%-6s %-11s %10s %12s %9s %9s\n" "$round" "$store" "$rate" "$cpu" "$p50" "$p99"
        echo "$rate" >> "$work/$store.rate"
        echo "$cpu" >> "$work/$store.cpu"
    done
done
echo
printf "%-11s %10s %12s\n" median msg/s cpu-us/msg
for store in sqlite postgresql; do
    printf "%-11s %10s %12s\n" "$store" "$(median < "$work/$store.rate")" "$(median < "$work/$store.cpu")"
done
