#!/bin/bash
# Three parleyd nodes against one, the same one-to-one load, runs alternated (at least 3 rounds): messages/s,
# CPU-µs per message (every parleyd's, plus every PostgreSQL and Redis process's), latency and the deadlocks
# PostgreSQL broke. One node runs on PostgreSQL alone; three nodes share it and a Redis, and on three nodes every
# message goes to a user on another node (parley-bench --nodes). PostgreSQL (fsync on) and Redis are throwaway
# servers started here; every run gets a new, empty database.
#
#   bench/compare-nodes.sh                                  # 99 users x 300 messages, window 32, 3 rounds
#   CLIENTS=9 WINDOW=1 MESSAGES=100 bench/compare-nodes.sh  # light load
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/figures.sh"
load_settings 99
build_release parleyd parley-bench

start_throwaway_servers redis

load=(--scenario load --clients "$CLIENTS" --messages "$MESSAGES" --window "$WINDOW" --parleyd "$PARLEYD"
    --count-cpu-of postgres,redis-server)

echo "one parleyd node vs three: ${load[*]}, $ROUNDS rounds, commit $(git -C "$ROOT" rev-parse --short HEAD), $(date -u +%F)"
printf "%-6s %-7s %10s %12s %9s %9s %9s\n" round nodes msg/s cpu-us/msg p50-ms p99-ms deadlocks
for round in $(seq "$ROUNDS"); do
    for nodes in 1 3; do
        database="parley_nodes_${round}_${nodes}"
        psql -q "$server_url" -c "CREATE DATABASE $database" > /dev/null
        url=${server_url/\/postgres\?//$database?}
        more=()
        [ "$nodes" -gt 1 ] && more=(--nodes "$nodes" --parleyd-arg=--redis --parleyd-arg="$redis_url")
        out=$("$BUILD/bin/parley-bench" "${load[@]}" --parleyd-arg=--database --parleyd-arg="$url" "${more[@]}")
        read -r rate cpu p50 p99 <<< "$(figures <<< "$out")"
        # Counted by each PostgreSQL backend, reported by the time it has gone with its node.
        for _ in $(seq 100); do
            [ "$(psql -qtA "$server_url" -c "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = '$database'")" = 0 ] && break
            sleep 0.1
        done
        deadlocks=$(psql -qtA "$server_url" -c "SELECT deadlocks FROM pg_stat_database WHERE datname = '$database'")
        printf "%-6s %-7s %10s %12s %9s %9s %9s\n" "$round" "$nodes" "$rate" "$cpu" "$p50" "$p99" "$deadlocks"
        echo "$rate" >> "$work/$nodes.rate"
        echo "$cpu" >> "$work/$nodes.cpu"
    done
done
echo
printf "%-7s %10s %12s\n" median msg/s cpu-us/msg
for nodes in 1 3; do
    printf "%-7s %10s %12s\n" "$nodes" "$(median < "$work/$nodes.rate")" "$(median < "$work/$nodes.cpu")"
done
