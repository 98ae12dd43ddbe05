#!/bin/sh
# Runs one error case: testdata/errors/<name>.yaml (or .rs) through `typelayout
# report`, which must exit 2 and print exactly the `path:line:col: error:`
# (and note) lines of <name>.stderr; the source and caret lines the CLI
# draws under each are left out of the comparison.
# TL_UPDATE_GOLDEN=1 rewrites the .stderr file (refused when CI is set).
set -u
bin=$1
input=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
rel=${input#"$root"/}
want=${rel%.*}.stderr
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$bin" report "$rel" >/dev/null 2>"$tmp.all"
code=$?
grep -E '^[^ ].*: (error|warning|note): ' "$tmp.all" >"$tmp"
status=$?
rm -f "$tmp.all"
if [ "${TL_UPDATE_GOLDEN:-}" = 1 ]; then
    if [ -n "${CI:-}" ]; then
        echo "run_error_case: refusing to update golden files with CI set" >&2
        exit 1
    fi
    cp "$tmp" "$want"
    echo "updated $want"
    exit 0
fi
[ $status -le 1 ] || exit 1
fail=0
if ! diff -u "$want" "$tmp"; then
    echo "error case $rel: diagnostics differ" >&2
    fail=1
fi
if [ "$code" != 2 ]; then
    echo "error case $rel: exit $code, expected 2" >&2
    fail=1
fi
exit $fail
