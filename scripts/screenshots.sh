#!/bin/sh
# Screenshots of the desktop client's main screens with realistic data, in English and Simplified
# Chinese, into screenshots/ (or the folder given). Needs a display: runs under xvfb-run, with the CJK
# fonts installed (scripts/install-deps.sh installs both).
set -eu
cd "$(dirname "$0")/.."
out=${1:-screenshots}

./scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build -j2 --target parley-screenshots

for lang in en zh_CN; do
    LANG=C.UTF-8 QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x800x24" \
        build/tests/parley-screenshots "$out/$lang" "$lang"
done
echo "screenshots in $out/"
