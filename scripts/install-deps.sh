#!/bin/sh
# Installs the Debian packages typelayout builds and tests with.
# Idempotent: packages already present are left alone; nothing runs when all are there.
set -eu
PKGS="cmake gcc make pkg-config libyaml-dev libclang-dev clang libcmocka-dev libjansson-dev python3 python3-jsonschema valgrind linux-libc-dev libc6-dev-arm64-cross linux-libc-dev-arm64-cross libgcc-12-dev-arm64-cross zlib1g-dev libsqlite3-dev libssl-dev"
# The C front end parses for aarch64 too: its libc and kernel headers, and
# libgcc-12-dev-arm64-cross, through which clang finds that sysroot. zlib,
# sqlite3 and openssl headers are the corpus of tests/cdiff/real_headers.sh.
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
