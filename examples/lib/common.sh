# shellcheck shell=bash disable=SC2034  # the variables are for the scripts that source this
# Sourced by examples/*/run.sh: what the three examples share.
#
#   start_jobflow [URL]   uses URL (or $JOBFLOW_URL) if given; otherwise starts `jobflow server` on a
#                         free port of 127.0.0.1 (--port 0) with a temporary data dir, stopped when
#                         the script exits. Sets URL.
#   build_wordcount_jar   compiles examples/jobs/WordCount.java into $WORK/wordcount.jar. Sets JAR.
#
# Also sets EXAMPLES (this folder's parent), JOBFLOW (the binary: $JOBFLOW_BIN, else build/jobflow),
# PYTHON ($PYTHON, else python3: runs the deploy scripts, which need boto3), WORK (a temporary
# directory, removed at exit unless the example failed or $KEEP_WORK is set), CORPUS and WORDCOUNT_PY.
# The jobs read and write local paths: the server must run on this machine (it does, by default).

EXAMPLES=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JOBFLOW=${JOBFLOW_BIN:-$EXAMPLES/../build/jobflow}
PYTHON=${PYTHON:-python3}
CORPUS=$EXAMPLES/data/corpus
WORDCOUNT_PY=$EXAMPLES/jobs/wordcount.py
WORK=$(mktemp -d "${TMPDIR:-/tmp}/jobflow-example.XXXXXX")
SERVER_PID=

if [ ! -x "$JOBFLOW" ]; then
  echo "jobflow binary not found at $JOBFLOW: build it (scripts/build.sh) or set JOBFLOW_BIN" >&2
  exit 2
fi

cleanup() {
  local status=$?
  if [ -n "$SERVER_PID" ]; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] || [ -n "${KEEP_WORK:-}" ]; then
    echo "work dir kept: $WORK${SERVER_PID:+ (server log: $WORK/server.log)}" >&2
  else
    rm -rf "$WORK"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_jobflow() {
  URL=${1:-${JOBFLOW_URL:-}}
  if [ -n "$URL" ]; then
    URL=${URL%/}
    echo "== jobflow at $URL"
    return
  fi
  # --port 0: the server binds a free port itself and logs it (event=server_started ... port=N).
  "$JOBFLOW" server --host 127.0.0.1 --port 0 --data-dir "$WORK/data" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  local port _i
  for _i in $(seq 400); do
    port=$(sed -n 's/.*event=server_started .*port=\([0-9]*\).*/\1/p' "$WORK/server.log" | head -n 1)
    if [ -n "$port" ]; then
      URL=http://127.0.0.1:$port
      echo "== jobflow server started at $URL (data dir $WORK/data)"
      return
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.05
  done
  echo "jobflow server did not start; its log:" >&2
  cat "$WORK/server.log" >&2
  exit 1
}

build_wordcount_jar() {
  mkdir -p "$WORK/classes"
  javac --release 11 -d "$WORK/classes" "$EXAMPLES/jobs/WordCount.java"
  jar --create --file "$WORK/wordcount.jar" -C "$WORK/classes" .
  JAR=$WORK/wordcount.jar
  echo "== built $JAR (javac + jar from examples/jobs/WordCount.java)"
}
