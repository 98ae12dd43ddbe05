#!/bin/sh
# Runs one golden CLI case: testdata/cli/<case>/cmd holds the arguments (one
# line, run from the repository root); expected.stdout, expected.stderr and
# expected.exit (default 0) hold what must come out.
# TL_UPDATE_GOLDEN=1 rewrites the expectations (refused when CI is set).
set -u
bin=$1
case_dir=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
args=$(cat "$case_dir/cmd")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck disable=SC2086
eval "\"$bin\" $args" >"$tmp/stdout" 2>"$tmp/stderr"
echo $? >"$tmp/exit"
if [ "${TL_UPDATE_GOLDEN:-}" = 1 ]; then
    if [ -n "${CI:-}" ]; then
        echo "run_case: refusing to update golden files with CI set" >&2
        exit 1
    fi
    cp "$tmp/stdout" "$case_dir/expected.stdout"
    cp "$tmp/stderr" "$case_dir/expected.stderr"
    if [ "$(cat "$tmp/exit")" = 0 ]; then rm -f "$case_dir/expected.exit"
    else cp "$tmp/exit" "$case_dir/expected.exit"; fi
    echo "updated $case_dir"
    exit 0
fi
status=0
for f in stdout stderr; do
    if ! diff -u "$case_dir/expected.$f" "$tmp/$f"; then
        echo "golden: $case_dir: $f differs" >&2
        status=1
    fi
done
want=0
[ -f "$case_dir/expected.exit" ] && want=$(cat "$case_dir/expected.exit")
if [ "$want" != "$(cat "$tmp/exit")" ]; then
    echo "golden: $case_dir: exit $(cat "$tmp/exit"), expected $want" >&2
    status=1
fi
# JSON output is also validated against the schema
if grep -q -- '--format json\|-f json' "$case_dir/cmd" && [ -n "${TL_PYTHON:-}" ]; then
    "$TL_PYTHON" "$root/tests/golden/validate_json.py" \
        "$root/doc/schema/report-v1.json" "$tmp/stdout" || status=1
fi
exit $status
