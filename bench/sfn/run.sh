#!/usr/bin/env bash
# jobflow's ASL engine in-process vs aws-local-stepfunctions (../shared/peers), same run, same
# definitions and inputs, transitions counted the same way (states entered).
#   bench/sfn/run.sh [RUNS=9] [SCALE=4]
# Env: BUILD (default <repo>/build; bench_sfn_engine is built there), PEER_DIR (default
# <repo>/../shared/peers/sfn-aws-local-stepfunctions). Needs node and npm (the peer is installed
# from the npm registry into a temporary directory, never into the repository).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=${BUILD:-$ROOT/build}
PEER_DIR=${PEER_DIR:-$ROOT/../shared/peers/sfn-aws-local-stepfunctions}
RUNS=${1:-9}
SCALE=${2:-4}

cmake --build "$BUILD" -j2 --target bench_sfn_engine >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$PEER_DIR"/bench.mjs "$PEER_DIR"/defs.mjs "$PEER_DIR"/package.json "$tmp"/
(cd "$tmp" && npm install --no-audit --no-fund --silent >/dev/null 2>&1)

echo "jobflow engine (in-process, no history kept: the Express path)..." >&2
"$BUILD/bench/bench_sfn_engine" "$PEER_DIR" "$RUNS" "$SCALE" >"$tmp/ours.jsonl"
echo "aws-local-stepfunctions $(node -p "require('$tmp/node_modules/aws-local-stepfunctions/package.json').version") on node $(node --version)..." >&2
(cd "$tmp" && node bench.mjs "$RUNS" "$SCALE" >"$tmp/peer.txt")

python3 - "$tmp" <<'PY'
import json, sys, os
tmp = sys.argv[1]
ours = {}
for line in open(os.path.join(tmp, "ours.jsonl")):
    d = json.loads(line); ours[d["case"]] = d
peer = json.load(open(os.path.join(tmp, "results.json")))["cases"]
targets = {"pass_chain_100": 5e6, "pass_chain_100_10KB_input": 1e6, "choice_loop_1000": 2e6, "map_1000_pass": 2e6}
# The peer has no JSONata mode: its JSONPath loop is the figure a user moving to JSONata leaves.
peer_of = {"choice_loop_1000_jsonata": "choice_loop_1000"}
print("%-28s | %16s %9s | %16s %9s | %7s | %s" % ("case", "jobflow trans/s", "us/exec", "peer trans/s", "ms/exec", "ratio", "target"))
print("-" * 112)
for name, o in ours.items():
    p = peer.get(peer_of.get(name, name), {})
    pr = p.get("median_transitions_per_s", 0)
    ratio = o["median_transitions_per_s"] / pr if pr else float("nan")
    t = targets.get(name)
    if t is None:
        verdict = "(no target; peer figure: its JSONPath loop)"
    else:
        verdict = ("MET  >= %s" % f"{t:,.0f}") if o["median_transitions_per_s"] >= t else ("MISSED >= %s" % f"{t:,.0f}")
    print("%-28s | %16s %9.2f | %16s %9.3f | %6.0fx | %s" % (
        name, f"{o['median_transitions_per_s']:,.0f}", o["median_us_per_exec"],
        f"{pr:,.0f}", p.get("median_ms_per_exec", float('nan')), ratio, verdict))
print("(medians of the timed runs; jobflow's spread min-max: " + ", ".join(
    "%s %s-%s" % (n, f"{o['min']/1e6:.1f}M", f"{o['max']/1e6:.1f}M") for n, o in ours.items()) + ")")
PY
