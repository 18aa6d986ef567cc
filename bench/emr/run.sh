#!/usr/bin/env bash
# jobflow vs moto, EMR API benchmark. Builds nothing: takes an existing server binary.
#   bench/emr/run.sh [--quick] [--json FILE] [more options: bench/emr/run.sh --help]
# Env: JOBFLOW_BIN (default <repo>/build/jobflow), MOTO_SERVER (default moto_server on PATH),
#      PYTHON (default python3; only the standard library is used).
# Needs wrk. Starts jobflow and moto on free loopback ports with temporary directories, prints
# a side-by-side table, and stops everything it started (also jobflow's step processes).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export JOBFLOW_BIN=${JOBFLOW_BIN:-$ROOT/build/jobflow}
exec "${PYTHON:-python3}" "$HERE/emr_bench.py" "$@"
