#!/bin/sh
# On-demand real-world check of the .rs front end against rustc, on crates
# Debian ships as librust-*-dev packages (installed under
# /usr/share/cargo/registry). Offline: cargo reads that directory as its
# registry. Not part of the test suite (it builds each crate with cargo).
#
#   tests/realcrates/check_crate.sh [--typelayout BIN] [--keep DIR] CRATE...
#   tests/realcrates/check_crate.sh regex-syntax semver serde_json http url toml log
#
# Packages: apt-get install librust-regex-syntax-dev librust-semver-dev \
#   librust-serde-json-dev librust-http-dev librust-url-dev librust-toml-dev \
#   librust-log-dev
# See check_crate.py for what is compared and the exit status.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
exec python3 "$here/check_crate.py" "$@"
