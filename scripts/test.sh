#!/bin/sh
# Installs what is missing, builds twice (plain, and ASan+UBSan with the
# arena's debug mode) and runs the whole test suite in both builds.
set -eu
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
jobs=$(nproc)
export TL_REQUIRE_COMPILERS="${TL_REQUIRE_COMPILERS:-1}"
for variant in plain asan; do
    dir=build-test-$variant
    flags="-DCMAKE_BUILD_TYPE=Debug"
    [ "$variant" = asan ] && flags="$flags -DTL_SANITIZE=ON"
    echo "== $variant build ==" >&2
    cmake -S . -B "$dir" $flags >/dev/null
    cmake --build "$dir" -j"$jobs" >/dev/null
    (cd "$dir" && ctest --output-on-failure -j"$jobs")
done
