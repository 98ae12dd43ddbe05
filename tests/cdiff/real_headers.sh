#!/bin/sh
# Real headers laid out by typelayout's C engine and compared with clang's
# own layouts, for x86_64-linux-gnu and aarch64-linux-gnu (one parse per
# target). Prints the corpus and the counts; exit 1 on any disagreement.
#
#   tests/cdiff/real_headers.sh [BUILD_DIR]      (default: build)
#
# Corpus:
#  1. Linux UAPI: every header under /usr/include/linux, each its own
#     translation unit, with every record they reach (--all: glibc and asm
#     headers included). Headers that need userspace types first get a
#     second try with a userspace prelude; the few that still fail (they
#     need headers from other packages) are listed.
#  2. Library headers as one translation unit: clang-c/Index.h,
#     clang-c/CXCompilationDatabase.h, yaml.h, zlib.h, sqlite3.h and every
#     openssl/*.h (except the obsolete asn1_mac.h, which is an #error).
# Needs: linux-libc-dev, linux-libc-dev-arm64-cross, libc6-dev-arm64-cross,
# libgcc-12-dev-arm64-cross (clang finds the aarch64 sysroot through it),
# libclang-dev, libyaml-dev, zlib1g-dev, libsqlite3-dev, libssl-dev.
set -eu
build=${1:-build}
cverify="$build/tests/cverify"
[ -x "$cverify" ] || { echo "real_headers: $cverify not built" >&2; exit 2; }
work=$(mktemp -d /tmp/tl_real_XXXXXX)
trap 'rm -rf "$work"' EXIT
status=0

# run cverify, keep its output in $1 and show it; any failure (a
# disagreement, a crash) fails the script
run() {
	out=$1
	shift
	"$cverify" "$@" > "$out" 2>&1 || status=1
	cat "$out"
	grep -q '^record layouts compared' "$out" || status=1
}

echo "== Linux UAPI headers (/usr/include/linux, $(find /usr/include/linux -name '*.h' | wc -l) files)"
find /usr/include/linux -name '*.h' | sort > "$work/uapi.list"
# shellcheck disable=SC2046
run "$work/uapi1.out" --all --failed "$work/failed1" $(cat "$work/uapi.list")
echo "-- second try with a userspace prelude: $(wc -l < "$work/failed1") headers"
if [ -s "$work/failed1" ]; then
	# shellcheck disable=SC2046
	run "$work/uapi2.out" --all --failed "$work/failed2" $(cat "$work/failed1") -- \
		-include stddef.h -include stdint.h -include sys/types.h \
		-include sys/socket.h -include sys/time.h -include netinet/in.h \
		-include net/if.h
	echo "-- headers that need other packages or cannot be included alone:"
	sed 's/^/   /' "$work/failed2"
fi

echo "== library headers (one translation unit)"
# aarch64 has no libssl-dev here: lend it x86_64's two configuration
# headers (identical for the two LP64 targets), after every real directory
mkdir -p "$work/cfg/openssl"
for f in /usr/include/x86_64-linux-gnu/openssl/*.h; do
	ln -s "$f" "$work/cfg/openssl/"
done
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
echo "   $(grep -c include "$work/libs.c") headers"
run "$work/libs.out" --all "$work/libs.c" -- -I"$(llvm-config --includedir)" \
	-idirafter "$work/cfg"

total=$(cat "$work/uapi1.out" "$work/uapi2.out" "$work/libs.out" 2>/dev/null |
	awk -F'[;:] *' '/record layouts compared/ { r += $2; a += $4; d += $6 }
		END { printf "%d record layouts and %d layouts in all compared, %d disagreements", r, a, d }')
echo "== total: $total"
exit $status
