#!/bin/sh
# A throwaway Redis server (Debian's redis-server), for the cluster tests (a CTest fixture) and benchmarks:
#   throwaway-redis.sh start URL_FILE    start one in a new temporary directory, on a Unix socket there (no TCP
#                                        port), persistence off; write its URL (unix:/…/redis.sock) to URL_FILE
#   throwaway-redis.sh down URL_FILE     stop it, keeping its directory (clients see their connections drop)
#   throwaway-redis.sh up URL_FILE       start it again on the same socket
#   throwaway-redis.sh restart URL_FILE  down, then up
#   throwaway-redis.sh stop URL_FILE     stop it and remove its directory
set -eu
action=$1
url_file=$2
if ! command -v redis-server > /dev/null || ! command -v redis-cli > /dev/null; then
    echo "throwaway-redis: Redis is not installed (scripts/install-deps.sh installs it)" >&2
    exit 1
fi

# Waits, bounded (10 s), until `redis-cli -s SOCKET ping` answers (want=yes) or no longer does (want=no).
wait_for() {
    socket=$1
    want=$2
    tries=0
    while :; do
        if redis-cli -s "$socket" ping > /dev/null 2>&1; then answers=yes; else answers=no; fi
        [ "$answers" = "$want" ] && return 0
        tries=$((tries + 1))
        if [ $tries -gt 200 ]; then
            echo "throwaway-redis: Redis did not $3; see $(dirname "$socket")/redis.log" >&2
            exit 1
        fi
        sleep 0.05
    done
}

up() {
    dir=$1
    redis-server --port 0 --unixsocket "$dir/redis.sock" --unixsocketperm 700 --save '' --appendonly no \
        --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir"
    wait_for "$dir/redis.sock" yes start
}

down() {
    dir=$1
    [ -f "$dir/redis.pid" ] || return 0
    # Through its socket, not a pid that may have been reused; then wait, bounded, for the socket to go.
    redis-cli -s "$dir/redis.sock" shutdown nosave > /dev/null 2>&1 || true
    wait_for "$dir/redis.sock" no stop
    rm -f "$dir/redis.pid" "$dir/redis.sock"
}

case "$action" in
start)
    [ -f "$url_file.dir" ] && sh "$0" stop "$url_file" || true
    dir=$(mktemp -d /tmp/parley-redis.XXXXXX)
    echo "$dir" > "$url_file.dir"
    up "$dir"
    echo "unix:$dir/redis.sock" > "$url_file"
    echo "throwaway-redis: Redis at $dir/redis.sock"
    ;;
down) down "$(cat "$url_file.dir")" ;;
up) up "$(cat "$url_file.dir")" ;;
restart)
    down "$(cat "$url_file.dir")"
    up "$(cat "$url_file.dir")"
    ;;
stop)
    [ -f "$url_file.dir" ] || exit 0
    dir=$(cat "$url_file.dir")
    down "$dir"
    rm -rf "$dir"
    rm -f "$url_file" "$url_file.dir"
    ;;
*)
    echo "usage: $0 start|down|up|restart|stop URL_FILE" >&2
    exit 2
    ;;
esac
