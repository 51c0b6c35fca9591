#!/bin/sh
# Builds the Debian packages parleyd and parley (Release, stripped) into build-package/, then checks them with
# lintian. Install with: sudo apt install ./build-package/parleyd_*.deb ./build-package/parley_*.deb
#
#   scripts/package.sh            build, package, lintian
#   BUILD_DIR=dir scripts/package.sh
#
# The installed-package smoke run of these very packages (as root; install, start the packaged parleyd with its
# unit's command line, log a client in, remove and keep the data), with a test build at hand:
#   PARLEY_PACKAGES_DIR=build-package build-test/tests/tst_package
set -eu
cd "$(dirname "$0")/.."

./scripts/install-deps.sh
build="${BUILD_DIR:-build-package}"
# Debian's hardening flags (fortify, stack protector, relro, bindnow), as a Debian package build would use.
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
CXXFLAGS="$(dpkg-buildflags --get CXXFLAGS) $(dpkg-buildflags --get CPPFLAGS)"
LDFLAGS="$(dpkg-buildflags --get LDFLAGS)"
export CXXFLAGS LDFLAGS
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPARLEY_BUILD_TESTS=OFF -DPARLEY_BUILD_BENCH=OFF
cmake --build "$build" -j2
(cd "$build" && cpack -G DEB)
ls -l "$build"/*.deb
# Errors fail the script; warnings are printed (each one left is explained in packaging/lintian/ or in
# docs/PORTABILITY.md).
lintian --fail-on error --info "$build"/parleyd_*.deb "$build"/parley_*.deb
