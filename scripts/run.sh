#!/bin/sh
# Installs what is missing, builds Parley, and runs it: a local parleyd on 127.0.0.1 (SQLite, a
# self-signed certificate it creates on first start) and the desktop client connected to it.
#
#   PARLEY_HOME   where the local server and client keep their data (default: ~/.local/share/parley-local)
#
# The server keeps running after the client window closes; stop it with:
#   kill "$(cat "${PARLEY_HOME:-$HOME/.local/share/parley-local}/parleyd.pid")"
set -eu
cd "$(dirname "$0")/.."

./scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPARLEY_BUILD_TESTS=OFF -DPARLEY_BUILD_BENCH=OFF
cmake --build build -j2 --target parleyd parley

home="${PARLEY_HOME:-$HOME/.local/share/parley-local}"
mkdir -p "$home/server" "$home/client"
pidfile="$home/parleyd.pid"
ready="$home/parleyd.ready"

if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && [ -s "$ready" ]; then
    echo "parleyd is already running (pid $(cat "$pidfile"))."
else
    rm -f "$ready"
    # setsid: the server outlives this script and its terminal.
    setsid build/bin/parleyd --data-dir "$home/server" >"$ready" 2>"$home/parleyd.log" </dev/null &
    echo $! >"$pidfile"
    tries=0
    until grep -q '^parleyd ready' "$ready" 2>/dev/null; do
        tries=$((tries + 1))
        if [ "$tries" -gt 100 ] || ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
            echo "parleyd did not start; its log:" >&2
            cat "$home/parleyd.log" >&2
            exit 1
        fi
        sleep 0.1
    done
fi

line=$(grep '^parleyd ready' "$ready")
server=$(echo "$line" | sed 's/.* tls=\([^ ]*\) .*/\1/')
fingerprint=$(echo "$line" | sed 's/.* fingerprint=\([0-9a-f]*\).*/\1/')
echo "$line"
echo "Verification codes (to log in, and to confirm deleting an account) appear in: $home/server/verification-codes.log"
echo "Server log: $home/parleyd.log    Stop the server: kill \$(cat $pidfile)"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "There is no display here (DISPLAY and WAYLAND_DISPLAY are unset), so the desktop client cannot open"
    echo "a window. parleyd keeps running on $server; start the client where there is a display with:"
    echo "  build/bin/parley --server $server --pin $fingerprint --data-dir $home/client"
    exit 0
fi
exec build/bin/parley --server "$server" --pin "$fingerprint" --data-dir "$home/client"
