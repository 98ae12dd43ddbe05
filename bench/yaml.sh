#!/bin/sh
# YAML front-end benchmark (issue: foundation): end-to-end
# `typelayout report --format json` against a bare libyaml event parse of the
# same file, on generated inputs of 10k, 100k and 1M types. Prints wall
# time, peak memory (max RSS) and the ratio; the goal is ratio <= 1.5 and
# memory that grows with the type model, not with the YAML text.
#   bench/yaml.sh [BUILD_DIR] [SIZES...]
# Each command runs RUNS times (default 3), alternating with the other;
# the fastest wall time of each is shown (on a shared machine the slow
# runs measure the neighbours), with the largest max RSS.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
[ $# -gt 0 ] && shift
sizes=${*:-10000 100000 1000000}
tmp=${TMPDIR:-/tmp}/tl-bench-yaml
mkdir -p "$tmp"
cmake --build "$build" --target typelayout tl_bench_yaml_events >/dev/null
runs=${RUNS:-3}
measure() { # prints "seconds maxrss_kb"
    /usr/bin/time -f '%e %M' "$@" 2>&1 >/dev/null | tail -n 1
}
best() { # "s kb" "s kb" -> the smaller s, the larger kb
    echo "$1 $2" | awk '{ print ($1 < $3 ? $1 : $3), ($2 > $4 ? $2 : $4) }'
}
printf '%-9s %8s %10s %10s %10s %10s %7s\n' types yaml_MB events_s events_MB report_s report_MB ratio
for n in $sizes; do
    f=$tmp/types-$n.yaml
    [ -f "$f" ] || python3 "$root/bench/gen_yaml.py" "$n" 1 >"$f"
    mb=$(du -m "$f" | cut -f1)
    ev="999 0" rep="999 0"
    i=0
    while [ $i -lt "$runs" ]; do
        ev=$(best "$ev" "$(measure "$build/tl_bench_yaml_events" "$f")")
        rep=$(best "$rep" "$(measure "$build/typelayout" report --format json "$f")")
        i=$((i + 1))
    done
    set -- $ev
    es=$1 em=$2
    set -- $rep
    rs=$1 rm=$2
    ratio=$(echo "$rs $es" | awk '{ if ($2 > 0) printf "%.2f", $1 / $2; else print "-" }')
    printf '%-9s %8s %10s %10s %10s %10s %7s\n' "$n" "$mb" "$es" "$((em / 1024))" "$rs" "$((rm / 1024))" "$ratio"
done
