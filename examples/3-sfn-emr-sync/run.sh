#!/usr/bin/env bash
# Example 3: a state machine runs the whole pipeline on EMR with the optimized integrations:
# createCluster.sync -> the Python and the Java word count as concurrent steps (addStep.sync in a
# Parallel, StepConcurrencyLevel 2) -> terminateCluster.sync; once the cluster exists, a failure
# anywhere is caught and terminates it (TerminateOnFailure) before the execution fails.
#
#   examples/3-sfn-emr-sync/run.sh [URL]     # no URL, no $JOBFLOW_URL: starts a server
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../lib/common.sh
source "$here/../lib/common.sh"

start_jobflow "$@"
build_wordcount_jar

cat >"$WORK/input.json" <<JSON
{"corpus": "$CORPUS", "script": "$WORDCOUNT_PY", "jar": "$JAR", "output": "$WORK/out"}
JSON
echo "== jobflow run wordcount_pipeline.asl.json"
"$JOBFLOW" run "$here/wordcount_pipeline.asl.json" --url "$URL" --input-file "$WORK/input.json" \
  | tee "$WORK/execution.txt"    # the status (SUCCEEDED), then the output; progress lines on stderr

# The execution's output names the cluster and its steps: show what each step printed.
steps=$(sed 1d "$WORK/execution.txt" | "$PYTHON" -c '
import json, sys
out = json.load(sys.stdin)
print(*(out["ClusterId"] + "/" + s["StepId"] for s in out["Steps"]))')
for step in $steps; do
  echo "-- jobflow logs $step --file stdout"
  "$JOBFLOW" logs "$step" --file stdout --url "$URL"
done
"$PYTHON" "$EXAMPLES/lib/show_wordcounts.py" "$WORK/out/python.tsv" "$WORK/out/java.tsv"
