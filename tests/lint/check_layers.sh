#!/bin/sh
# Fails when a file includes a header of a layer above its own.
# Layers, lowest first: util, model, front|layout, analyze, report, emit
# (cmd/ may include anything public). Includes of "typelayout/..." are the
# public API and allowed everywhere except util.
set -eu
cd "$(dirname "$0")/../.."
rank() {
    case "$1" in
    util) echo 0 ;; model) echo 1 ;; front|layout) echo 2 ;;
    verify) echo 3 ;; analyze) echo 3 ;; report) echo 4 ;; emit) echo 5 ;;
    *) echo 9 ;;
    esac
}
status=0
for f in $(find src -name '*.c' -o -name '*.h'); do
    layer=$(echo "$f" | cut -d/ -f2)
    mine=$(rank "$layer")
    for inc in $(grep -o '#include "[a-z_]*/' "$f" | sed 's/#include "//; s,/,,'); do
        [ "$inc" = typelayout ] && continue
        theirs=$(rank "$inc")
        if [ "$theirs" -gt "$mine" ] || { [ "$layer" = front ] && [ "$inc" = layout ]; } \
            || { [ "$layer" = layout ] && [ "$inc" = front ]; }; then
            echo "$f: includes $inc/ (layer $layer may not depend on $inc)"
            status=1
        fi
    done
done
[ $status -eq 0 ] && echo "layers: ok"
exit $status
