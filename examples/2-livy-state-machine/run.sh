#!/usr/bin/env bash
# Example 2: a state machine drives Livy batches through two functions: `livy-submit` posts a
# batch, then Wait 1 s -> `livy-track` reads its state -> Choice, until success (or a failure).
# The Python and the Java word count run as two batches, side by side (a Map state).
#
#   examples/2-livy-state-machine/run.sh [URL]     # no URL, no $JOBFLOW_URL: starts a server
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../lib/common.sh
source "$here/../lib/common.sh"

start_jobflow "$@"
build_wordcount_jar
"$PYTHON" "$here/deploy.py" "$URL"

cat >"$WORK/input.json" <<JSON
{"jobs": [
  {"name": "wordcount-python", "file": "$WORDCOUNT_PY", "args": ["$WORK/out/python.tsv", "$CORPUS"]},
  {"name": "wordcount-java", "file": "$JAR", "className": "WordCount",
   "args": ["$WORK/out/java.tsv", "$CORPUS"]}
]}
JSON
echo "== jobflow run livy_batches.asl.json"
"$JOBFLOW" run "$here/livy_batches.asl.json" --url "$URL" --input-file "$WORK/input.json" \
  | tee "$WORK/execution.txt"    # the status (SUCCEEDED), then the output; progress lines on stderr

# The execution's output is one {"id", "name", "state"} per batch: show each batch's log.
batches=$(sed 1d "$WORK/execution.txt" \
  | "$PYTHON" -c 'import json, sys; print(*(batch["id"] for batch in json.load(sys.stdin)))')
for id in $batches; do
  echo "-- jobflow logs batch/$id"
  "$JOBFLOW" logs "batch/$id" --url "$URL"
done
"$PYTHON" "$EXAMPLES/lib/show_wordcounts.py" "$WORK/out/python.tsv" "$WORK/out/java.tsv"
