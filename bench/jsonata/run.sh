#!/usr/bin/env bash
# jobflow's JSONata engine in-process vs the reference implementation (npm jsonata 2.2.2 on node),
# same expressions (expressions.json), same input (make_input.py: an order with 1,000 items), same
# run. Prints one table: evaluations/s of each side, the ratio (target >= 10x), compile times, and
# whether the two results are equal (WRONG when not).
#   bench/jsonata/run.sh [--quick] [--json FILE] [--peer-dir DIR] [--wait-idle SECONDS] [--only NAME]
# Env: BUILD (default <repo>/build; bench_jsonata is built there), PYTHON (default python3).
# Needs node and npm: the peer is installed from the npm registry into a temporary directory, or
# into --peer-dir (kept, and reused when it already has it), never into the repository.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=${BUILD:-$ROOT/build}
PYTHON=${PYTHON:-python3}

usage() {
  cat <<EOF
usage: bench/jsonata/run.sh [options]
  --quick              shorter timing (0.2 s warm-up, 3 rounds of 0.1 s per expression and side)
                       instead of 0.5 s warm-up and 5 rounds of 0.3 s
  --json FILE          also write every figure (rounds, compile times, verdicts) to FILE
  --peer-dir DIR       install the peer into DIR and keep it (reused if already installed there)
  --wait-idle SECONDS  first wait up to SECONDS for the machine to be < 15% busy
  --only NAME          one expression of expressions.json
Env: BUILD (build directory, default <repo>/build), PYTHON (default python3).
EOF
}

args=()

peer_dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) args+=(--quick); ;;
    --json) args+=(--json "$(realpath -m "$2")"); shift ;;
    --peer-dir) peer_dir=$(realpath -m "$2"); shift ;;
    --wait-idle) args+=(--wait-idle "$2"); shift ;;
    --only) args+=(--only "$2"); shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

echo "building bench_jsonata in $BUILD..." >&2
cmake --build "$BUILD" -j2 --target bench_jsonata >/dev/null

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -z "$peer_dir" ]; then peer_dir="$tmp/peer"; fi
mkdir -p "$peer_dir"
if [ ! -f "$peer_dir/node_modules/jsonata/package.json" ] || ! cmp -s "$HERE/package.json" "$peer_dir/package.json"; then
  echo "installing the peer (npm jsonata, pinned in bench/jsonata/package.json) into $peer_dir..." >&2
  cp "$HERE/package.json" "$peer_dir/package.json"
  (cd "$peer_dir" && npm install --no-audit --no-fund --silent >/dev/null 2>&1)
fi

"$PYTHON" "$HERE/make_input.py" "$tmp/input.json"
exec_status=0
"$PYTHON" -B "$HERE/jsonata_bench.py" --bench "$BUILD/bench/bench_jsonata" --peer-dir "$peer_dir" \
  --expressions "$HERE/expressions.json" --input "$tmp/input.json" ${args[@]+"${args[@]}"} || exec_status=$?
exit $exec_status
