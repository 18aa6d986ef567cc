#!/usr/bin/env bash
# Installs dependencies, builds, and runs the demo on the embedded default (SQLite in a temp data
# dir): a transient cluster with a bootstrap action and three steps, one failing with CONTINUE.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
data=$(mktemp -d /tmp/jobflow-demo.XXXXXX)
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
build/jobflow server --host 127.0.0.1 --port "$port" --data-dir "$data/data" >"$data/server.log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
/usr/bin/python3 examples/demo/emr_demo.py "http://127.0.0.1:$port" "$data"
echo "server log: $data/server.log"
