#!/bin/sh
# Installs what is missing, builds, and runs `typelayout report` on the
# bundled example (the types of the seed article).
set -eu
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target typelayout >/dev/null
./build/typelayout report testdata/seed.yaml "$@"
