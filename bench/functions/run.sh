#!/usr/bin/env bash
# jobflow's functions (Lambda API) benchmark. Builds nothing: takes an existing server binary.
#   bench/functions/run.sh [--quick] [--json FILE] [more options: bench/functions/run.sh --help]
# Env: JOBFLOW_BIN (default <repo>/build/jobflow), PYTHON (default python3; the client uses only
#      the standard library, plus boto3 for one optional row).
# Starts jobflow on a free loopback port with a temporary data directory, creates python3.11
# functions and measures warm invoke latency, cold starts (with where their time goes),
# invocations/s and memory; runs the same handlers through the peer, serverless-offline 13.9.0
# on the Serverless Framework 3.40.0 (npm, installed into a temporary directory unless
# --peer-dir), and a fresh python3 process per invocation; checks what moto_server's Invoke does;
# prints one side-by-side table with MET/MISSED targets, and stops everything it started.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export JOBFLOW_BIN=${JOBFLOW_BIN:-$ROOT/build/jobflow}
# PATH as the caller's shell has it: a pyenv shim running this script's Python puts its version's
# bin first, which the servers started here would otherwise inherit instead of the shims.
export FUNCTIONS_BENCH_PATH=$PATH
exec "${PYTHON:-python3}" "$HERE/functions_bench.py" "$@"
