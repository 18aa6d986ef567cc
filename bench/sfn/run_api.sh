#!/usr/bin/env bash
# Step Functions through jobflow's API, durable Standard executions (see api_bench.py).
#   bench/sfn/run_api.sh [--seconds 5] [--waiting 10000]
# Env: JOBFLOW_BIN (default <repo>/build/jobflow). Needs wrk.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
exec "${PYTHON:-python3}" "$HERE/api_bench.py" "$@"
