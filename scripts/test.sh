#!/usr/bin/env bash
# The whole test suite: installs dependencies, builds, runs unit and integration tests (ctest).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
ctest --test-dir build --output-on-failure -j2 --timeout 900
