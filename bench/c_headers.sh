#!/bin/sh
# Speed of the C front end + engine: wall time to lay out a header corpus
# for BOTH targets (x86_64 and aarch64, parsed in parallel, one parse per
# target), against `clang -fsyntax-only` for ONE target on the same input.
# Each side is timed RUNS times and the fastest run counts (the machine is
# shared; the minimum is the least noisy figure). Goal: ratio <= 1.3.
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

# fastest wall time of $runs runs of "$@", in seconds
best() {
	b=""
	i=0
	while [ $i -lt "$runs" ]; do
		t0=$(date +%s.%N)
		"$@" > /dev/null 2>&1 || true
		t1=$(date +%s.%N)
		b=$(echo "$t0 $t1 $b" | awk '{ d = $2 - $1; if ($3 == "" || d < $3) print d; else print $3 }')
		i=$((i + 1))
	done
	echo "$b"
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

ta=$(best "$cverify" --no-verify --all -j 2 "$work/libs.c" -- "$inc" -idirafter "$work/cfg")
ca=$(best clang -fsyntax-only -w -target x86_64-linux-gnu "$inc" -idirafter "$work/cfg" "$work/libs.c")
echo "A. library headers, one TU ($(grep -c include "$work/libs.c") headers):"
echo "   typelayout, both targets: ${ta}s   clang -fsyntax-only, x86_64: ${ca}s   ratio $(echo "$ta $ca" | awk '{ printf "%.2f", $1 / $2 }')"

find /usr/include/linux -name '*.h' | sort > "$work/uapi.list"
# shellcheck disable=SC2046
tb=$(best "$cverify" --no-verify -j 2 $(cat "$work/uapi.list"))
# shellcheck disable=SC2046
cb=$(best clang -fsyntax-only -w -target x86_64-linux-gnu -x c $(cat "$work/uapi.list"))
echo "B. Linux UAPI, $(wc -l < "$work/uapi.list") TUs:"
echo "   typelayout, both targets: ${tb}s   clang -fsyntax-only, x86_64: ${cb}s   ratio $(echo "$tb $cb" | awk '{ printf "%.2f", $1 / $2 }')"
