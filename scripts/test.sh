#!/bin/sh
# Installs what is missing, builds twice (plain, and ASan+UBSan with the
# arena's debug mode) and runs the whole test suite in both builds; then
# builds the optimised binary and runs the golden and error cases on it.
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
# The optimised build users run (link-time and profile-guided optimisation,
# scripts/build-release.sh) against every golden file and error case: an
# optimiser's mistake would show there.
echo "== release build ==" >&2
./scripts/build-release.sh build-test-release
(cd build-test-release && ctest --output-on-failure -j"$jobs" -L 'golden|errors')
