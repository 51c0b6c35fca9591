# Shell functions the comparison scripts share (sourced, not run).

# "msg/s cpu-us p50 p99" from a parley-bench or parley-mqtt-bench load run's output.
figures() {
    awk '/acknowledged in/ { for (i = 1; i <= NF; ++i) if ($i == "msg/s") rate = $(i - 1) }
         /latency:/ { for (i = 1; i <= NF; ++i) { if ($i == "p50") p50 = $(i + 1); if ($i == "p99") p99 = $(i + 1) } }
         /server CPU:/ { for (i = 1; i <= NF; ++i) if ($i == "us") cpu = $(i - 1) }
         END { printf "%s %s %s %s\n", rate, cpu, p50, p99 }'
}

# The median of the numbers on stdin, one per line.
median() { sort -g | awk '{ v[NR] = $1 } END { print NR == 0 ? "-" : (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The settings every load comparison takes from the environment (CLIENTS defaults to $1); ROOT is set first.
load_settings() {
    BUILD=${BUILD:-$ROOT/build-rel}
    ROUNDS=${ROUNDS:-3}
    CLIENTS=${CLIENTS:-$1}
    MESSAGES=${MESSAGES:-300}
    WINDOW=${WINDOW:-32}
    PARLEYD=${PARLEYD:-$BUILD/bin/parleyd}
}

# A Release build of the given targets in BUILD (configured first if it is not).
build_release() {
    [ -f "$BUILD/CMakeCache.txt" ] || cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release
    cmake --build "$BUILD" -j2 --target "$@"
}

# Throwaway servers for a comparison in a new directory $work, removed with it when the script exits: PostgreSQL
# (fsync on; its URL in server_url) and, with "redis", Redis too (redis_url).
start_throwaway_servers() {
    work=$(mktemp -d)
    trap stop_throwaway_servers EXIT
    FSYNC=on "$ROOT/scripts/throwaway-postgres.sh" start "$work/pg.url" > /dev/null
    server_url=$(cat "$work/pg.url")
    if [ "${1:-}" = redis ]; then
        "$ROOT/scripts/throwaway-redis.sh" start "$work/redis.url" > /dev/null
        redis_url=$(cat "$work/redis.url")
    fi
}

stop_throwaway_servers() {
    "$ROOT/scripts/throwaway-postgres.sh" stop "$work/pg.url" > /dev/null 2>&1 || true
    [ ! -f "$work/redis.url" ] || "$ROOT/scripts/throwaway-redis.sh" stop "$work/redis.url" > /dev/null 2>&1 || true
    rm -rf "$work"
}
