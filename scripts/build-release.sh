#!/bin/sh
# Builds the optimised `typelayout` (and the C front end's module) in
# BUILD_DIR (default: build): with GCC, profile-guided. A first build with
# instrumentation (BUILD_DIR/pgo-train) runs a training set, and the real
# build is optimised from the profile it wrote (BUILD_DIR/pgo-data). The
# training set is general input, not the benchmark's files: every YAML and
# Rust input under testdata/, and 20,000 generated YAML types (another
# seed than bench/yaml.sh's). The profile is made anew on every run, so it
# always matches the sources. Other compilers: a plain optimised build.
#   scripts/build-release.sh [BUILD_DIR]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
mkdir -p "$build"
build=$(cd "$build" && pwd)
jobs=$(nproc)
# both builds must be configured alike, or the profile does not fit
clang=${TL_WITH_CLANG:-ON}
pgo="" data=""
# the compiler CMake will pick takes GCC's profile options (clang does not)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo 'int main(void) { return 0; }' >"$tmp/probe.c"
"${CC:-cc}" -fprofile-generate="$tmp" -fprofile-prefix-path="$tmp" \
    -o "$tmp/probe" "$tmp/probe.c" >/dev/null 2>&1 && pgo=use
if [ "$pgo" = use ]; then
    train=$build/pgo-train
    data=$build/pgo-data
    rm -rf "$data"
    cmake -S "$root" -B "$train" -DCMAKE_BUILD_TYPE=Release \
        -DTL_WITH_CLANG="$clang" -DTL_PGO=generate -DTL_PGO_DATA="$data" >/dev/null
    cmake --build "$train" -j"$jobs" --target typelayout >/dev/null
    run() { "$train/typelayout" "$@" >/dev/null 2>&1 || true; }
    if python3 "$root/bench/gen_yaml.py" 20000 7 >"$tmp/train.yaml"; then
        run report --format json "$tmp/train.yaml"
        run report "$tmp/train.yaml"
    fi
    find "$root/testdata" -name '*.yaml' | sort | while read -r f; do
        run report --format json "$f"
    done
    find "$root/testdata/rust" -name '*.rs' | sort | while read -r f; do
        run report --format json "$f"
    done
fi
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release \
    -DTL_WITH_CLANG="$clang" -DTL_PGO="$pgo" \
    ${data:+-DTL_PGO_DATA="$data"} >/dev/null
targets="--target typelayout"
[ "$clang" = ON ] && targets="$targets --target typelayout_cfront"
cmake --build "$build" -j"$jobs" $targets >/dev/null
