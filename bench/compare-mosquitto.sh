#!/bin/bash
# parleyd against mosquitto, the same one-to-one load, runs alternated: N users each send M messages to
# random others (closed loop, W in flight each; or open loop at RATE msg/s in all). Prints, per round and as
# medians, messages/s and server CPU-µs per message for mosquitto QoS 1, mosquitto QoS 0 and parleyd, and
# parleyd's ratios to mosquitto QoS 1. mosquitto keeps nothing on disk and speaks plain TCP here; parleyd
# commits every message to SQLite (fsync) before acknowledging it, over TLS.
#
#   bench/compare-mosquitto.sh                         # 100 users x 3,000 messages, window 32, 3 rounds
#   MESSAGES=300 bench/compare-mosquitto.sh            # a one-second run: parleyd's database still small
#   ROUNDS=5 CLIENTS=10 WINDOW=1 bench/compare-mosquitto.sh
#   RATE=10000 MESSAGES=300 bench/compare-mosquitto.sh  # open loop
#   MODE=idle CLIENTS=19900 bench/compare-mosquitto.sh  # idle TLS connections: memory, connect time and CPU
#   PARLEYD=/tmp/parleyd-old bench/compare-mosquitto.sh  # another parleyd binary (an earlier commit's)
#   PARLEYD="/tmp/parleyd-old build-rel/bin/parleyd" bench/compare-mosquitto.sh  # two, alternated in each round
#
# MODE=idle: CLIENTS connect over TLS, 50 handshakes at a time, and stay; mosquitto gets a P-256 certificate
# like parleyd's self-signed one. Printed at every 5,000 connections: wall ms and server CPU ms per connection
# since the previous checkpoint, and server KB per connection so far.
#
# Installs mosquitto and libmosquitto-dev (Debian packages; not needed to build or test Parley) when missing,
# and builds parleyd, parley-bench and parley-mqtt-bench in BUILD (default build-rel, Release).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build-rel}
ROUNDS=${ROUNDS:-3}
CLIENTS=${CLIENTS:-100}
MESSAGES=${MESSAGES:-3000} # ~10 s a run: parleyd past many checkpoints of its WAL, ~1.4 GB written
WINDOW=${WINDOW:-32}
RATE=${RATE:-0}
MODE=${MODE:-load}
PARLEYD=${PARLEYD:-$BUILD/bin/parleyd}
PORT=${PORT:-18830}

need=""
for p in mosquitto libmosquitto-dev; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need="$need $p"
done
if [ -n "$need" ]; then
    SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y $need
fi

if [ ! -f "$BUILD/CMakeCache.txt" ]; then
    cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release
else
    cmake "$BUILD" > /dev/null # finds libmosquitto if it was just installed
fi
cmake --build "$BUILD" -j2 --target parleyd parley-bench parley-mqtt-bench

work=$(mktemp -d)
broker=""
cleanup() {
    [ -n "$broker" ] && kill "$broker" 2> /dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=127.0.0.1 \
    -keyout "$work/key.pem" -out "$work/cert.pem" 2> /dev/null
cat > "$work/mosquitto.conf" << EOF
listener $PORT 127.0.0.1
allow_anonymous true
persistence false
set_tcp_nodelay true
max_inflight_messages 100
max_queued_messages 100000
max_connections -1
log_dest none
user $(id -un)
EOF
if [ "$MODE" = idle ]; then
    printf "certfile %s\nkeyfile %s\n" "$work/cert.pem" "$work/key.pem" >> "$work/mosquitto.conf"
fi
start_broker() {
    mosquitto -c "$work/mosquitto.conf" &
    broker=$!
    for _ in $(seq 50); do
        (exec 3<> "/dev/tcp/127.0.0.1/$PORT") 2> /dev/null && return
        sleep 0.1
    done
}

# Several parleyd binaries, separated by spaces (one path alone may contain spaces).
read -ra binaries <<< "$PARLEYD"
[ -x "$PARLEYD" ] && binaries=("$PARLEYD")
if [ "$MODE" = idle ] && [ "${#binaries[@]}" -gt 1 ]; then
    echo "MODE=idle takes one parleyd binary" >&2
    exit 2
fi
if [ "$MODE" = idle ]; then
    echo "idle TLS connections, parleyd vs mosquitto: $CLIENTS clients, $ROUNDS rounds, commit $(git -C "$ROOT" rev-parse --short HEAD), $(date -u +%F)"
    for round in $(seq "$ROUNDS"); do
        echo "== round $round: mosquitto (TLS)"
        printf "  %11s %14s %14s %12s\n" connections "wall ms/conn" "cpu ms/conn" "KB/conn"
        start_broker # a fresh broker each round, as parley-bench starts a fresh parleyd
        # libmosquitto takes three descriptors per client: 5,000 clients per process, each holding its
        # connections while the next connects; each prints the figures of its own 5,000.
        holders=()
        rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$broker/status"; }
        rss_before=$(rss)
        for ((done = 0; done < CLIENTS; done += 5000)); do
            n=$((CLIENTS - done < 5000 ? CLIENTS - done : 5000))
            out="$work/holder-$done"
            "$BUILD/bin/parley-mqtt-bench" --idle --hold --port "$PORT" --ca "$work/cert.pem" \
                --broker-pid "$broker" --clients "$n" > "$out" &
            holders+=($!)
            until grep -q "^ *$n " "$out" 2> /dev/null; do
                kill -0 "${holders[-1]}" 2> /dev/null || { cat "$out"; exit 1; }
                sleep 0.2
            done
            printf "  %11d %14s %14s %12.1f\n" $((done + n)) $(grep "^ *$n " "$out" | awk '{ print $2, $3 }') \
                "$(awk -v a="$(rss)" -v b="$rss_before" -v n=$((done + n)) 'BEGIN { print (a - b) / n }')"
        done
        kill "${holders[@]}" "$broker"
        wait "${holders[@]}" "$broker" 2> /dev/null || true
        broker=""
        echo "== round $round: parleyd"
        "$BUILD/bin/parley-bench" --scenario idle --clients "$CLIENTS" --parleyd "$PARLEYD" | tail -n +2
    done
    exit 0
fi
start_broker

load=(--clients "$CLIENTS" --messages "$MESSAGES" --window "$WINDOW")
[ "$RATE" -gt 0 ] && load+=(--rate "$RATE")

. "$ROOT/bench/figures.sh"

# Each parleyd binary is a system of its own, named "parleyd" when there is one, else after its file; in
# every other round they run in the reverse order.
parleyds=()
declare -A binary_of
if [ "${#binaries[@]}" -eq 1 ]; then
    parleyds=(parleyd)
    binary_of[parleyd]=$PARLEYD
else
    for b in "${binaries[@]}"; do
        name="parleyd:$(basename "$b")"
        if [ -n "${binary_of[$name]:-}" ]; then
            echo "two parleyd binaries named $(basename "$b"): copy one under another name" >&2
            exit 2
        fi
        parleyds+=("$name")
        binary_of[$name]=$b
    done
fi

echo "parleyd vs mosquitto: ${load[*]}, $ROUNDS rounds, commit $(git -C "$ROOT" rev-parse --short HEAD), $(date -u +%F), $PARLEYD"
printf "%-6s %-24s %10s %12s %9s %9s\n" round system msg/s cpu-us/msg p50-ms p99-ms
for round in $(seq "$ROUNDS"); do
    systems=(mosquitto-qos1 mosquitto-qos0 "${parleyds[@]}")
    if ((round % 2 == 0)); then
        for ((i = 0; i < ${#parleyds[@]}; i++)); do systems[2 + i]=${parleyds[-1 - i]}; done
    fi
    for system in "${systems[@]}"; do
        case $system in
        mosquitto-qos1) out=$("$BUILD/bin/parley-mqtt-bench" --port "$PORT" --broker-pid "$broker" --qos 1 "${load[@]}") ;;
        mosquitto-qos0) out=$("$BUILD/bin/parley-mqtt-bench" --port "$PORT" --broker-pid "$broker" --qos 0 "${load[@]}") ;;
        *) out=$("$BUILD/bin/parley-bench" --scenario load "${load[@]}" --parleyd "${binary_of[$system]}") ;;
        esac
        read -r rate cpu p50 p99 <<< "$(figures <<< "$out")"
        printf "%-6s %-24s %10s %12s %9s %9s\n" "$round" "$system" "$rate" "$cpu" "$p50" "$p99"
        echo "$rate" >> "$work/$system.rate"
        echo "$cpu" >> "$work/$system.cpu"
    done
done
echo
printf "%-24s %10s %12s\n" median msg/s cpu-us/msg
for system in mosquitto-qos1 mosquitto-qos0 "${parleyds[@]}"; do
    printf "%-24s %10s %12s\n" "$system" "$(median < "$work/$system.rate")" "$(median < "$work/$system.cpu")"
done
q1rate=$(median < "$work/mosquitto-qos1.rate")
q1cpu=$(median < "$work/mosquitto-qos1.cpu")
for system in "${parleyds[@]}"; do
    awk -v s="$system" -v pr="$(median < "$work/$system.rate")" -v pc="$(median < "$work/$system.cpu")" \
        -v qr="$q1rate" -v qc="$q1cpu" 'BEGIN {
        printf "%s / mosquitto QoS 1: throughput %.2fx (goal >= 1.5x), CPU per message %.2fx (goal <= 1.0x)\n",
            s, pr / qr, pc / qc }'
done
