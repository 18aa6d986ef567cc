"""Shared helpers of the Livy integration tests (test_livy_*.py).

`LivyClient` talks plain HTTP to a harness `JobflowServer` (through its `livy()` method) the way
pylivy, sparkmagic and Airflow's LivyHook do, and polls with deadlines (`wait_until`): no fixed
sleeps. Besides it: the key sets of Livy's response objects (reference/livy.md §5), script
writers, and an interpreter wrapper that holds sessions in `starting` until a test opens a gate.
"""

import json
import os
import re
import stat
import sys
import time
import unittest

from harness import JobflowServer, pid_alive, read_text, wait_until

# reference/livy.md §5
BATCH_KEYS = {"id", "name", "owner", "proxyUser", "state", "appId", "appInfo", "log"}
SESSION_KEYS = {"id", "name", "appId", "owner", "proxyUser", "state", "kind", "appInfo", "log", "ttl", "idleTimeout",
                "driverMemory", "driverCores", "executorMemory", "executorCores", "conf", "archives", "files",
                "heartbeatTimeoutInSecond", "jars", "numExecutors", "pyFiles", "queue"}
STATEMENT_KEYS = {"id", "code", "state", "output", "progress", "started", "completed"}
LOG_KEYS = {"id", "from", "total", "log"}
PAGE_KEYS = {"from", "total", "sessions"}

# Clients' terminal states (Airflow / pylivy: batches; sparkmagic: sessions and statements)
BATCH_FINAL = {"success", "dead", "killed", "error"}
SESSION_FINAL = {"dead", "error", "killed", "success"}
STATEMENT_FINAL = {"available", "cancelled", "error"}

# pylivy's check of GET /version
VERSION_RE = re.compile(r"\d+\.\d+\.\d+\S*")

# Generous deadlines for a loaded 2-core machine; the happy path returns as soon as it can.
START_TIMEOUT = 60      # a session's interpreter to answer
RUN_TIMEOUT = 60        # a statement or a short batch to finish


def not_found(ident):
    return {"msg": f"Session '{ident}' not found."}


def rejected(reason):
    return {"msg": f"Rejected, Reason: {reason}"}


class LivyError(AssertionError):
    pass


class LivyClient:
    """Plain-HTTP Livy client over a harness JobflowServer. Every call checks the status it expects
    and returns the parsed body; `call` returns (status, headers, body) unchecked."""

    def __init__(self, server, headers=None):
        self.server = server
        self.headers = dict(headers or {})

    # --- raw ----------------------------------------------------------------------------------

    def call(self, method, path, body=None, headers=None, timeout=60):
        merged = dict(self.headers)
        merged.update(headers or {})
        return self.server.livy(method, path, body=body, headers=merged, timeout=timeout)

    def expect(self, status, method, path, body=None, headers=None, timeout=60):
        got, _, parsed = self.call(method, path, body=body, headers=headers, timeout=timeout)
        if got != status:
            raise LivyError(f"{method} {path} {json.dumps(body) if isinstance(body, dict) else body!r}: "
                            f"expected HTTP {status}, got {got} {parsed!r}")
        return parsed

    def get(self, path, status=200):
        return self.expect(status, "GET", path)

    def post(self, path, body, status=200):
        return self.expect(status, "POST", path, body)

    def delete(self, path, status=200):
        return self.expect(status, "DELETE", path, timeout=120)

    # --- batches ------------------------------------------------------------------------------

    def create_batch(self, body):
        status, headers, parsed = self.call("POST", "/batches", body)
        if status != 201:
            raise LivyError(f"POST /batches {body!r}: expected 201, got {status} {parsed!r}")
        if headers.get("location") != f"/batches/{parsed['id']}":
            raise LivyError(f"POST /batches: Location {headers.get('location')!r} for batch {parsed['id']}")
        return parsed

    def batch(self, ident):
        return self.get(f"/batches/{ident}")

    def batch_state(self, ident):
        body = self.get(f"/batches/{ident}/state")
        return body["state"]

    def wait_batch(self, ident, states=BATCH_FINAL, timeout=RUN_TIMEOUT):
        """Airflow's poll: GET /batches/{id}/state until one of `states`; then the whole batch."""
        states = {states} if isinstance(states, str) else set(states)
        wait_until(lambda: self.batch_state(ident) in states, timeout=timeout, interval=0.05,
                   message=f"batch {ident} in {sorted(states)}")
        return self.batch(ident)

    def batch_log(self, ident, **query):
        return self.get(f"/batches/{ident}/log" + _query(query))

    def airflow_dump_logs(self, ident, page=100):
        """Airflow's LivyHook.dump_batch_logs: from = 0, page, 2*page, ... while from <= total."""
        lines, start, end, pages = [], 0, 0, []
        while start <= end:
            body = self.batch_log(ident, **{"from": start, "size": page})
            pages.append(body)
            end = body["total"]
            start += page
            lines.extend(body["log"])
        return lines, pages

    # --- sessions -----------------------------------------------------------------------------

    def create_session(self, body):
        status, headers, parsed = self.call("POST", "/sessions", body)
        if status != 201:
            raise LivyError(f"POST /sessions {body!r}: expected 201, got {status} {parsed!r}")
        if headers.get("location") != f"/sessions/{parsed['id']}":
            raise LivyError(f"POST /sessions: Location {headers.get('location')!r} for session {parsed['id']}")
        return parsed

    def session(self, ident):
        return self.get(f"/sessions/{ident}")

    def wait_session(self, ident, states, timeout=START_TIMEOUT):
        """sparkmagic's poll: GET /sessions/{id} (which is also a heartbeat) until one of `states`."""
        states = {states} if isinstance(states, str) else set(states)
        return wait_until(lambda: (lambda s: s if s["state"] in states else None)(self.session(ident)),
                          timeout=timeout, interval=0.05, message=f"session {ident} in {sorted(states)}")

    def wait_session_listed(self, ident, states, timeout=START_TIMEOUT):
        """Polls GET /sessions (no heartbeat) until session `ident` is in one of `states`."""
        states = {states} if isinstance(states, str) else set(states)

        def listed():
            for s in self.get("/sessions?size=1000")["sessions"]:
                if s["id"] == ident and s["state"] in states:
                    return s
            return None
        return wait_until(listed, timeout=timeout, interval=0.05, message=f"session {ident} listed in {sorted(states)}")

    def start_session(self, body=None, timeout=START_TIMEOUT):
        created = self.create_session(body if body is not None else {"kind": "pyspark"})
        return self.wait_session(created["id"], {"idle"} | SESSION_FINAL, timeout=timeout)

    def session_log(self, ident, **query):
        return self.get(f"/sessions/{ident}/log" + _query(query))

    def session_log_text(self, ident):
        return "\n".join(self.session_log(ident, size=-1)["log"])

    def post_statement(self, session_id, code, kind=None):
        body = {"code": code}
        if kind is not None:
            body["kind"] = kind
        status, headers, parsed = self.call("POST", f"/sessions/{session_id}/statements", body)
        if status != 201:
            raise LivyError(f"POST /sessions/{session_id}/statements {body!r}: expected 201, got {status} {parsed!r}")
        # Livy's Location names the session by its id, also when the request named it
        numeric = session_id if str(session_id).isdigit() else self.session(session_id)["id"]
        expected = f"/sessions/{numeric}/statements/{parsed['id']}"
        if headers.get("location") != expected:
            raise LivyError(f"statement Location {headers.get('location')!r}, expected {expected!r}")
        return parsed

    def statement(self, session_id, statement_id):
        return self.get(f"/sessions/{session_id}/statements/{statement_id}")

    def wait_statement(self, session_id, statement_id, states=STATEMENT_FINAL, timeout=RUN_TIMEOUT):
        states = {states} if isinstance(states, str) else set(states)
        return wait_until(
            lambda: (lambda st: st if st["state"] in states else None)(self.statement(session_id, statement_id)),
            timeout=timeout, interval=0.05, message=f"statement {session_id}/{statement_id} in {sorted(states)}")

    def run(self, session_id, code, kind=None, timeout=RUN_TIMEOUT):
        """pylivy's Session.run: post, then poll the statement until it is no longer waiting/running."""
        st = self.post_statement(session_id, code, kind)
        return self.wait_statement(session_id, st["id"], timeout=timeout)


def _query(params):
    if not params:
        return ""
    return "?" + "&".join(f"{k}={v}" for k, v in params.items())


# --- files ------------------------------------------------------------------------------------

def write_file(path, text, executable=False):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    if executable:
        os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def wait_pids(path, count=1, timeout=30):
    """The integers a job wrote to `path` (written to a temp file and renamed, so never partial)."""
    text = wait_until(lambda: len(read_text(path).split()) >= count and read_text(path), timeout=timeout,
                      message=f"pid file {path}")
    return [int(x) for x in text.split()]


def wait_gone(pids, timeout=30):
    wait_until(lambda: not any(pid_alive(p) for p in pids), timeout=timeout, message=f"processes {pids} to end")


def session_dir(server, session_id):
    return os.path.join(server.data_dir, "livy", "sessions", str(session_id))


def repl_pid(server, session_id, timeout=START_TIMEOUT):
    """The interpreter's pid, from the connection file it writes once it listens."""
    path = os.path.join(session_dir(server, session_id), "repl.json")
    text = wait_until(lambda: read_text(path), timeout=timeout, message=f"{path}")
    return json.loads(text)["pid"]


def job_exit_recorded(server, kind, ident):
    """Whether the executor recorded the exit of a Livy job (<data>/run/livy-<kind>-<id>-<tag>/exit)."""
    run = os.path.join(server.data_dir, "run")
    prefix = f"livy-{kind}-{ident}-"
    try:
        names = os.listdir(run)
    except FileNotFoundError:
        return False
    return any(n.startswith(prefix) and os.path.exists(os.path.join(run, n, "exit")) for n in names)


def gated_python(directory):
    """An interpreter program for PYSPARK_PYTHON: for a session's interpreter (it gets
    `--connection-file <livy>/sessions/<id>/repl.json`) it waits until `<directory>/gates/<id>`
    exists, then execs this Python (or exits 3 if the gate file says `fail`); anything else (a
    batch's .py file) runs at once.
    Returns (program, gates dir)."""
    gates = os.path.join(directory, "gates")
    os.makedirs(gates, exist_ok=True)
    program = os.path.join(directory, "gated-python")
    write_file(program, f"""#!/bin/sh
conn=""
prev=""
for a in "$@"; do
  [ "$prev" = "--connection-file" ] && conn="$a"
  prev="$a"
done
if [ -n "$conn" ]; then
  id=$(basename "$(dirname "$conn")")
  while [ ! -e '{gates}'/"$id" ]; do sleep 0.05; done
  if [ "$(cat '{gates}'/"$id")" = fail ]; then echo 'gated-python: told to "fail"' >&2; exit 3; fi
fi
exec '{sys.executable}' "$@"
""", executable=True)
    return program, gates


def open_gate(gates, session_id):
    with open(os.path.join(gates, str(session_id)), "w"):
        pass


def now_ms():
    return int(time.time() * 1000)


class LivyTestCase(unittest.TestCase):
    """One server per test class (setUpClass), started with `server_args`; `self.livy` talks to it."""

    server = None
    livy = None
    server_args = ()
    server_env = None

    @classmethod
    def setUpClass(cls):
        cls.server = JobflowServer(args=cls.server_args, env=cls.server_env)
        cls.livy = LivyClient(cls.server)

    @classmethod
    def tearDownClass(cls):
        if cls.server:
            cls.server.close()

    def scratch(self, name):
        return self.server.scratch_path(name)

    def assert_keys(self, obj, keys):
        self.assertIsInstance(obj, dict)
        self.assertEqual(set(obj), set(keys), obj)

    def assert_status(self, expected_status, expected_body, method, path, body=None, headers=None):
        status, _, got = self.livy.call(method, path, body, headers=headers)
        self.assertEqual((status, got), (expected_status, expected_body), f"{method} {path} {body!r}")
        return got
