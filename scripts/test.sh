#!/bin/sh
# Installs what is missing, builds Parley with AddressSanitizer and UndefinedBehaviorSanitizer, and runs
# every test through ctest: unit tests, and integration tests against real parleyd processes on
# 127.0.0.1; then each fuzz target for a few seconds. The keychain tests use a real Secret Service: a
# private D-Bus session with an unlocked gnome-keyring.
set -eu
cd "$(dirname "$0")/.."

./scripts/install-deps.sh
cmake -S . -B build-test -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPARLEY_SANITIZE=ON
cmake --build build-test -j2

# A throwaway keyring (XDG_DATA_HOME/keyrings) in a private D-Bus session: tests never touch yours.
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
export PARLEY_REQUIRE_KEYCHAIN=1
XDG_DATA_HOME="$keyring_home" dbus-run-session -- sh -c '
    echo -n parley-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    cd build-test && ctest --output-on-failure -j2 "$@"' sh "$@"

# The fuzz targets, briefly, on their seed corpus (a whole run: no ctest arguments given): a finding fails
# the run as a failing test does. Longer runs: scripts/fuzz.sh SECONDS.
if [ $# -eq 0 ]; then
    ./scripts/fuzz.sh 15
fi
