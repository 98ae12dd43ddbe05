#!/bin/sh
# Installs what is missing, builds, and runs `typelayout report` on the
# bundled example (the types of the seed article).
set -eu
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build-release.sh build
./build/typelayout report testdata/seed.yaml "$@"
