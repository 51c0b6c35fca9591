#!/bin/sh
# Builds the libFuzzer targets of tests/fuzz with clang, AddressSanitizer and UndefinedBehaviorSanitizer
# (into build-fuzz/), and runs each for SECONDS (default 600) on its seed corpus.
#   scripts/fuzz.sh [SECONDS [TARGET...]]
# New inputs that reach new code go to build-fuzz/corpus/<target>/ (the seeds in the tree stay as they are;
# copy the interesting ones there by hand), crashes to build-fuzz/findings/<target>/. Exits non-zero if any
# target found something.
set -eu
cd "$(dirname "$0")/.."

seconds=${1:-600}
[ $# -gt 0 ] && shift
targets=${*:-fuzz_framedecoder fuzz_jsoncodec fuzz_payload fuzz_router fuzz_transfers fuzz_inboxpage}

CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPARLEY_FUZZ=ON \
    >/dev/null
cmake --build build-fuzz -j2

failed=""
for target in $targets; do
    mkdir -p "build-fuzz/corpus/$target" "build-fuzz/findings/$target"
    echo "fuzz: $target for ${seconds}s"
    if ! "./build-fuzz/tests/fuzz/$target" -max_total_time="$seconds" -print_final_stats=1 \
        -artifact_prefix="build-fuzz/findings/$target/" \
        "build-fuzz/corpus/$target" "tests/fuzz/corpus/$target" 2>"build-fuzz/$target.log"; then
        tail -40 "build-fuzz/$target.log"
        failed="$failed $target"
    else
        grep -E "^stat::(number_of_executed_units|peak_rss_mb)|cov:" "build-fuzz/$target.log" | tail -3
    fi
done
if [ -n "$failed" ]; then
    echo "fuzz: findings in$failed (inputs in build-fuzz/findings/)"
    exit 1
fi
echo "fuzz: no findings"
