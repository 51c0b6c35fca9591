#!/bin/sh
# A throwaway PostgreSQL server (Debian's postgresql package), for the tests' PostgreSQL variants (a CTest
# fixture) and the benchmarks:
#   throwaway-postgres.sh start URL_FILE   initdb in a new temporary directory, start the server on a Unix
#                                          socket there (no TCP port), write its URL to URL_FILE
#   throwaway-postgres.sh restart URL_FILE restart it (clients see their connections dropped)
#   throwaway-postgres.sh stop URL_FILE    stop it and remove its directory
# The server runs as an unprivileged user (postgres when started as root). FSYNC=off (the default) is for the
# tests, which kill parleyd, never this server; benchmarks say FSYNC=on, so that a commit is on disk as
# parleyd's SQLite commits are.
set -eu
action=$1
url_file=$2
bin=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "throwaway-postgres: PostgreSQL's server is not installed (scripts/install-deps.sh installs it)" >&2
    exit 1
fi
as_server() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
port=5432

case "$action" in
start)
    [ -f "$url_file.dir" ] && "$0" stop "$url_file" || true
    dir=$(mktemp -d /tmp/parley-pg.XXXXXX)
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    echo "$dir" > "$url_file.dir"
    as_server "$bin/initdb" -D "$dir/data" -U parley --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync > "$dir/initdb.log"
    as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-k $dir -p $port -c listen_addresses='' -c fsync=${FSYNC:-off} -c full_page_writes=${FSYNC:-off} -c deadlock_timeout=100ms -c max_connections=200" \
        start > /dev/null
    echo "postgresql://parley@/postgres?host=$dir&port=$port" > "$url_file"
    echo "throwaway-postgres: PostgreSQL at $dir"
    ;;
restart)
    dir=$(cat "$url_file.dir")
    as_server "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 restart > /dev/null
    ;;
stop)
    [ -f "$url_file.dir" ] || exit 0
    dir=$(cat "$url_file.dir")
    if [ -d "$dir/data" ]; then
        as_server "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop > /dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    rm -f "$url_file" "$url_file.dir"
    ;;
*)
    echo "usage: $0 start|restart|stop URL_FILE" >&2
    exit 2
    ;;
esac
