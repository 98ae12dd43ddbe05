#!/bin/sh
# Installs the Debian packages typelayout builds and tests with.
# Idempotent: packages already present are left alone; nothing runs when all are there.
set -eu
PKGS="cmake gcc make pkg-config libyaml-dev libclang-dev clang libcmocka-dev libjansson-dev python3 python3-jsonschema valgrind"
missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing:$missing" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y --no-install-recommends $missing || {
    $SUDO apt-get update
    $SUDO apt-get install -y --no-install-recommends $missing
}
