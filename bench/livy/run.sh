#!/usr/bin/env bash
# jobflow's Apache Livy REST API benchmark. Builds nothing: takes an existing server binary.
#   bench/livy/run.sh [--quick] [--json FILE] [more options: bench/livy/run.sh --help]
# Env: JOBFLOW_BIN (default <repo>/build/jobflow), PYTHON (default python3; only the standard
#      library is used).
# Starts jobflow on a free loopback port with a temporary data directory, measures statement
# round trips, batch start overhead and 500 concurrent batches, prints a table with Livy's
# published figure beside ours (no Livy runs here), and stops everything it started (also the
# batch and interpreter processes).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export JOBFLOW_BIN=${JOBFLOW_BIN:-$ROOT/build/jobflow}
exec "${PYTHON:-python3}" "$HERE/livy_bench.py" "$@"
