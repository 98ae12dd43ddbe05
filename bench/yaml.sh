#!/bin/sh
# YAML front-end benchmark (issue: foundation): end-to-end
# `typelayout report --format json` against a bare libyaml event parse of
# the same file, on generated inputs of 10k, 100k and 1M types. Prints wall
# time, peak memory (max RSS) and the ratio; the goal is ratio <= 1.5 and
# memory that grows with the type model, not with the YAML text.
#   bench/yaml.sh [BUILD_DIR] [SIZES...]
# Each command runs RUNS times (default 3), alternating with the other.
# Shown: the fastest wall time of each and their ratio (on a shared machine
# the slow runs measure the neighbours), the largest max RSS, and the
# median of the per-pair ratios (a report run over the event parse run
# just before it: the host's speed drifts less within a pair), with the
# report's CPU time (user + sys) of its fastest run.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
[ $# -gt 0 ] && shift
sizes=${*:-10000 100000 1000000}
tmp=${TMPDIR:-/tmp}/tl-bench-yaml
mkdir -p "$tmp"
# the release build (scripts/build-release.sh: link-time and, with GCC,
# profile-guided optimisation), and the bare parser beside it
"$root/scripts/build-release.sh" "$build"
cmake --build "$build" --target tl_bench_yaml_events >/dev/null
runs=${RUNS:-3}
measure() { # prints "seconds maxrss_kb cpu_seconds"
    # the wall time from the clock in ns (time's %e has 10 ms steps,
    # too coarse for 10k types); max RSS and CPU time from time
    start=$(date +%s%N)
    out=$(/usr/bin/time -f '%M %U %S' "$@" 2>&1 >/dev/null | tail -n 1)
    end=$(date +%s%N)
    echo "$out" | awk -v ns=$((end - start)) \
        '{ printf "%.3f %s %.2f\n", ns / 1e9, $1, $2 + $3 }'
}
printf '%-9s %8s %10s %10s %10s %10s %7s %10s %8s\n' types yaml_MB events_s \
    events_MB report_s report_MB ratio pair_ratio cpu_s
for n in $sizes; do
    f=$tmp/types-$n.yaml
    [ -f "$f" ] || python3 "$root/bench/gen_yaml.py" "$n" 1 >"$f"
    mb=$(du -m "$f" | cut -f1)
    pairs=$tmp/pairs.$$
    : >"$pairs"
    i=0
    while [ $i -lt "$runs" ]; do
        ev=$(measure "$build/tl_bench_yaml_events" "$f")
        rep=$(measure "$build/typelayout" report --format json "$f")
        echo "$ev $rep" >>"$pairs"
        i=$((i + 1))
    done
    # columns: ev_s ev_kb ev_cpu rep_s rep_kb rep_cpu
    sort -n -k1,1 "$pairs" | head -n 1 | awk '{ print $1, $2 }' >"$pairs.ev"
    sort -n -k4,4 "$pairs" | head -n 1 | awk '{ print $4, $6 }' >"$pairs.rep"
    read -r es em <"$pairs.ev"
    read -r rs rc <"$pairs.rep"
    em=$(awk '{ if ($2 > m) m = $2 } END { print m }' "$pairs")
    rm_=$(awk '{ if ($5 > m) m = $5 } END { print m }' "$pairs")
    ratio=$(echo "$rs $es" | awk '{ if ($2 > 0) printf "%.2f", $1 / $2; else print "-" }')
    pair=$(awk '$1 > 0 { print $4 / $1 }' "$pairs" | sort -n |
        awk '{ r[NR] = $1 } END { if (NR) printf "%.2f", r[int((NR + 1) / 2)]; else print "-" }')
    rm -f "$pairs" "$pairs.ev" "$pairs.rep"
    printf '%-9s %8s %10s %10s %10s %10s %7s %10s %8s\n' "$n" "$mb" "$es" \
        "$((em / 1024))" "$rs" "$((rm_ / 1024))" "$ratio" "$pair" "$rc"
done
