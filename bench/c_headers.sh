#!/bin/sh
# Speed of the C front end + engine: wall time to lay out a header corpus
# for BOTH targets (x86_64 and aarch64, parsed in parallel, one parse per
# target), against `clang -fsyntax-only` for ONE target on the same input.
# The two sides are timed RUNS times, interleaved so both see the same
# load; printed: the ratio of the fastest runs and the median of the paired
# ratios (the machine may be shared). Goal: ratio <= 1.3. Use a Release
# build of the project for BUILD_DIR.
#
#   bench/c_headers.sh [BUILD_DIR] [RUNS]        (default: build 5)
#
# Corpora (as in tests/cdiff/real_headers.sh):
#  A. library headers in one translation unit: clang-c/Index.h,
#     clang-c/CXCompilationDatabase.h, yaml.h, zlib.h, sqlite3.h and every
#     openssl/*.h; typelayout with --all (every record of every header
#     walked, mapped and laid out: the most work it can be asked for);
#  B. the Linux UAPI headers, each its own translation unit (-j 2), against
#     one clang invocation given the same list of files.
set -eu
build=${1:-build}
runs=${2:-5}
cverify="$build/tests/cverify"
[ -x "$cverify" ] || { echo "c_headers: $cverify not built" >&2; exit 2; }
work=$(mktemp -d /tmp/tl_bench_XXXXXX)
trap 'rm -rf "$work"' EXIT

# wall time of one run of "$@", in seconds
wall() {
	t0=$(date +%s.%N)
	"$@" > /dev/null 2>&1 || true
	t1=$(date +%s.%N)
	echo "$t0 $t1" | awk '{ printf "%.4f", $2 - $1 }'
}

# compare NAME :: typelayout-command :: clang-command: runs both $runs times,
# interleaved so both see the same load; prints the fastest run of each,
# their ratio, and the median of the paired ratios
compare() {
	name=$1
	shift 2
	tl=""
	while [ "$1" != "::" ]; do tl="$tl $1"; shift; done
	shift
	: > "$work/times"
	i=0
	while [ $i -lt "$runs" ]; do
		# shellcheck disable=SC2086
		a=$(wall $tl)
		b=$(wall "$@")
		echo "$a $b" >> "$work/times"
		i=$((i + 1))
	done
	med=$(awk '{ print $1 / $2 }' "$work/times" | sort -n |
		awk '{ r[NR] = $1 } END { printf "%.2f", NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2 }')
	awk -v name="$name" -v med="$med" '
		NR == 1 || $1 < mt { mt = $1 }
		NR == 1 || $2 < mc { mc = $2 }
		END {
			printf "%s\n   typelayout, both targets: %.3fs   clang -fsyntax-only, x86_64: %.3fs   ratio %.2f (fastest runs), %s (median of %d paired runs)\n", name, mt, mc, mt / mc, med, NR
		}' "$work/times"
}

mkdir -p "$work/cfg/openssl"
for f in /usr/include/x86_64-linux-gnu/openssl/*.h; do ln -s "$f" "$work/cfg/openssl/"; done
{
	echo '#include <clang-c/Index.h>'
	echo '#include <clang-c/CXCompilationDatabase.h>'
	echo '#include <yaml.h>'
	echo '#include <zlib.h>'
	echo '#include <sqlite3.h>'
	for f in /usr/include/openssl/*.h; do
		case $f in */asn1_mac.h) continue ;; esac
		echo "#include <openssl/${f##*/}>"
	done
} > "$work/libs.c"
inc="-I$(llvm-config --includedir)"

compare "A. library headers, one TU ($(grep -c include "$work/libs.c") headers):" \
	:: "$cverify" --no-verify --all -j 2 "$work/libs.c" -- "$inc" -idirafter "$work/cfg" \
	:: clang -fsyntax-only -w -target x86_64-linux-gnu "$inc" -idirafter "$work/cfg" "$work/libs.c"

find /usr/include/linux -name '*.h' | sort > "$work/uapi.list"
# shellcheck disable=SC2046
compare "B. Linux UAPI, $(wc -l < "$work/uapi.list") TUs:" \
	:: "$cverify" --no-verify -j 2 $(cat "$work/uapi.list") \
	:: clang -fsyntax-only -w -target x86_64-linux-gnu -x c $(cat "$work/uapi.list")
