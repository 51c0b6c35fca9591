#!/bin/sh
# Installs what Parley needs to build, run and test, from Debian bookworm packages only.
# Idempotent: packages already present are skipped; nothing is downloaded outside apt.
set -eu

PACKAGES="
build-essential cmake ninja-build pkg-config git openssl ca-certificates
qt6-base-dev qt6-base-dev-tools qt6-websockets-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
qt6-svg-dev qt6-qpa-plugins libqt6svg6 libqt6sql6-sqlite libqt6sql6-psql libgl-dev qt6-translations-l10n
libprotobuf-dev protobuf-compiler libssl-dev libcurl4-openssl-dev qtkeychain-qt6-dev libboost-dev libicu-dev
qt6-multimedia-dev libqt6multimedia6 gstreamer1.0-plugins-base gstreamer1.0-plugins-good
libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev libgstreamer-plugins-bad1.0-dev gstreamer1.0-plugins-bad
gstreamer1.0-nice gstreamer1.0-alsa gstreamer1.0-pulseaudio coturn
clang-14 libclang-rt-14-dev sqlite3 libsqlite3-dev libjemalloc-dev postgresql libhiredis-dev redis-server xvfb xauth fonts-noto-cjk fonts-noto-color-emoji dbus dbus-x11 gnome-keyring libsecret-tools
dpkg-dev lintian desktop-file-utils appstream
"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    echo "install-deps: everything is installed"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    SUDO=sudo
else
    SUDO=
fi

echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
