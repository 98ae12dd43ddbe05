#!/bin/sh
# Layout benchmark (issue: Rust engine): 100,000 random types (structs,
# tuples, enums sharing subtypes), laid out for both targets; the layout
# phase alone must take well under a second, and grow linearly.
#   bench/layout.sh [BUILD_DIR] [SIZES...]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-rel}
[ $# -gt 0 ] && shift
sizes=${*:-10000 100000}
tmp=${TMPDIR:-/tmp}/tl-bench-yaml
mkdir -p "$tmp"
cmake --build "$build" --target tl_bench_layout >/dev/null
for n in $sizes; do
    f=$tmp/types-$n.yaml
    [ -f "$f" ] || python3 "$root/bench/gen_yaml.py" "$n" 1 >"$f"
    "$build/tl_bench_layout" "$f"
done
