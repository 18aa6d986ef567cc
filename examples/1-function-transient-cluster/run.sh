#!/usr/bin/env bash
# Example 1: a function creates a transient EMR cluster with boto3, adds the two word-count steps
# (Python through command-runner.jar, Java as a JAR with its MainClass) and tracks them to the end.
#
#   examples/1-function-transient-cluster/run.sh [URL]     # no URL, no $JOBFLOW_URL: starts a server
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../lib/common.sh
source "$here/../lib/common.sh"

start_jobflow "$@"
build_wordcount_jar
mkdir -p "$WORK/out"

event=$(cat <<JSON
{"corpus": "$CORPUS", "script": "$WORDCOUNT_PY", "jar": "$JAR", "output": "$WORK/out"}
JSON
)
"$PYTHON" "$here/invoke.py" "$URL" "$event"
"$PYTHON" "$EXAMPLES/lib/show_wordcounts.py" "$WORK/out/python.tsv" "$WORK/out/java.tsv"
