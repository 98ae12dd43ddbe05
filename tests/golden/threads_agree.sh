#!/bin/sh
# The report's threaded stream (a second thread takes the entries, from
# 512 types on: report_each.c) must write what the serial one writes:
# JSON of generated types with -j 1 and with -j 2, byte for byte.
set -eu
bin=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"${TL_PYTHON:-python3}" "$root/bench/gen_yaml.py" 3000 11 >"$tmp/types.yaml"
"$bin" report --format json -j 1 "$tmp/types.yaml" >"$tmp/serial.json"
"$bin" report --format json -j 2 "$tmp/types.yaml" >"$tmp/threaded.json"
if ! cmp -s "$tmp/serial.json" "$tmp/threaded.json"; then
    echo "threads_agree: -j 1 and -j 2 differ:" >&2
    diff "$tmp/serial.json" "$tmp/threaded.json" | cut -c 1-200 | head -n 10 >&2
    exit 1
fi
# and something was reported: 3000 types, two targets each
n=$(grep -c '"target":' "$tmp/serial.json")
[ "$n" -ge 6000 ] || { echo "threads_agree: only $n entries" >&2; exit 1; }
