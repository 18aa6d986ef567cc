"""Livy interactive sessions through the real server, as pylivy and sparkmagic drive them: create,
wait for idle, statements and their outputs, the session and statement shapes, logs, statement
lists, cancel, completion, magics, kinds, DELETE, heartbeat/idle/ttl timeouts, an interpreter
that dies, and statements posted while the session is still starting (queued, not 500)
(reference/livy.md §3-§7, §12; src/engine/livy/README.md; src/engine/livy/repl/README.md)."""

import os
import time
import unittest

from harness import pid_alive, wait_until
from livy_client import (SESSION_KEYS, STATEMENT_KEYS, VERSION_RE, LivyTestCase, gated_python, not_found, now_ms,
                         open_gate, rejected, repl_pid, wait_gone)

# pylivy's LivyClient.create_session body (fields it was not given are sent as null)
PYLIVY_FIELDS = ("proxyUser", "jars", "pyFiles", "files", "driverMemory", "driverCores", "executorMemory",
                 "executorCores", "numExecutors", "archives", "queue", "name", "conf", "heartbeatTimeoutInSecond")


class SessionsTest(LivyTestCase):
    """One server for the class; each test makes its own sessions."""

    def statement_ok(self, st, text):
        self.assertEqual(st["state"], "available", st)
        self.assertEqual(st["output"]["status"], "ok", st)
        self.assertEqual(st["output"]["data"], {"text/plain": text}, st)

    def sessions_total(self):
        return self.livy.get("/sessions?size=10000")["total"]

    # --- pylivy -------------------------------------------------------------------------------

    def test_pylivy_session(self):
        version = self.livy.get("/version")["version"]
        self.assertTrue(VERSION_RE.match(version), version)

        body = {"kind": "pyspark"}
        body.update({k: None for k in PYLIVY_FIELDS})
        created = self.livy.create_session(body)
        self.assert_keys(created, SESSION_KEYS)
        self.assertEqual(created["state"], "starting")
        self.assertEqual(created["kind"], "pyspark")
        sid = created["id"]

        session = self.livy.wait_session(sid, {"idle", "dead", "error"})
        self.assertEqual(session["state"], "idle", self.livy.session_log_text(sid))
        self.assert_keys(session, SESSION_KEYS)
        for key in ("proxyUser", "appId", "owner", "name", "ttl", "idleTimeout", "driverMemory", "executorMemory",
                    "queue"):
            self.assertIsNone(session[key], key)
        self.assertEqual(session["id"], sid)
        self.assertEqual(session["kind"], "pyspark")
        self.assertEqual(session["driverCores"], 0)
        self.assertEqual(session["heartbeatTimeoutInSecond"], 0)
        self.assertIsInstance(session["appInfo"], dict)
        self.assertIsInstance(session["log"], list)
        self.assertEqual(self.livy.get(f"/sessions/{sid}/state"), {"id": sid, "state": "idle"})

        st = self.livy.post_statement(sid, "1+1")
        self.assert_keys(st, STATEMENT_KEYS)
        self.assertEqual((st["code"], st["state"], st["output"]), ("1+1", "waiting", None))
        done = self.livy.wait_statement(sid, st["id"])
        self.assert_keys(done, STATEMENT_KEYS)
        self.assertEqual(done["id"], st["id"])
        self.assertEqual(done["output"], {"status": "ok", "execution_count": st["id"], "data": {"text/plain": "2"}})
        self.assertEqual(done["progress"], 1.0)
        self.assertGreater(done["started"], 0)
        self.assertGreaterEqual(done["completed"], done["started"])

        err = self.livy.run(sid, "1/0")
        self.assertEqual(err["state"], "available")
        self.assertEqual(err["output"], {
            "status": "error", "execution_count": err["id"], "ename": "ZeroDivisionError", "evalue": "division by zero",
            "traceback": ["Traceback (most recent call last):\n", "ZeroDivisionError: division by zero\n"]})

        # a process a statement started, also one in a session of its own, goes with the session
        children = []
        for argv in (["sleep", "300"], ["setsid", "sleep", "300"]):
            st = self.livy.run(sid, f"import subprocess; subprocess.Popen({argv!r}).pid")
            children.append(int(st["output"]["data"]["text/plain"]))
        pid = repl_pid(self.server, sid)
        self.assertTrue(pid_alive(pid))
        wait_until(lambda: all(pid_alive(c) for c in children), message="the statements' children")
        status, _, body = self.livy.call("DELETE", f"/sessions/{sid}", timeout=120)
        alive = [p for p in [pid] + children if pid_alive(p)]
        self.assertEqual((status, body), (200, {"msg": "deleted"}))
        self.assertEqual(alive, [], "DELETE answered while the interpreter or its children still ran")
        self.assert_status(404, not_found(sid), "GET", f"/sessions/{sid}")
        self.assert_status(404, not_found(sid), "GET", f"/sessions/{sid}/statements/0")
        self.assert_status(404, not_found(sid), "DELETE", f"/sessions/{sid}")

    # --- sparkmagic ---------------------------------------------------------------------------

    def test_sparkmagic_session(self):
        created = self.livy.create_session({"kind": "pyspark", "heartbeatTimeoutInSecond": 60})
        sid = created["id"]
        self.assertEqual(created["heartbeatTimeoutInSecond"], 60)
        session = self.livy.wait_session(sid, {"idle", "dead", "error"})
        self.assertEqual(session["state"], "idle", self.livy.session_log_text(sid))
        self.assertIsNone(session.get("appId"))

        # sparkmagic's probe: `spark`, then `sqlContext`, must be ok
        probe = self.livy.run(sid, "spark")
        self.assertEqual(probe["output"]["status"], "ok", probe)
        self.assertIn("Spark is not installed", probe["output"]["data"]["text/plain"])
        self.assertEqual(self.livy.run(sid, "sqlContext")["output"]["status"], "ok")
        # using the placeholder raises
        use = self.livy.run(sid, "spark.range(1)")
        self.assertEqual(use["output"]["status"], "error", use)
        self.assertEqual(use["output"]["ename"], "RuntimeError")
        self.assertIn("Spark is not installed", use["output"]["evalue"])

        log = self.livy.session_log(sid, **{"from": 0})
        self.assertEqual(set(log), {"id", "from", "total", "log"})
        self.assertEqual((log["id"], log["from"]), (sid, 0))
        self.assertEqual(log["log"][0], "stdout: ")
        self.assertTrue(any(x.startswith("jobflow: ") for x in log["log"]), log)

        self.statement_ok(self.livy.run(sid, 'print("hello")'), "hello")
        self.statement_ok(self.livy.run(sid, 'print("h\u00e9llo \u2713 \U0001F600")'), "h\u00e9llo \u2713 \U0001F600")
        self.statement_ok(self.livy.run(sid, 'import sys; print("err", file=sys.stderr); print("out")'), "out\nerr")
        self.statement_ok(self.livy.run(sid, 'x = {"a": 1, "b": [1, 2]}'), "")
        magic = self.livy.run(sid, "%json x")
        self.assertEqual(magic["output"]["status"], "ok", magic)
        self.assertEqual(magic["output"]["data"], {"application/json": {"a": 1, "b": [1, 2]}})
        self.livy.run(sid, 'rows = [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]')
        table = self.livy.run(sid, "%table rows")
        self.assertEqual(table["output"]["data"], {"application/vnd.livy.table.v1+json": {
            "headers": [{"name": "a", "type": "INT_TYPE"}, {"name": "b", "type": "STRING_TYPE"}],
            "data": [[1, "x"], [2, "y"]]}})

        listing = self.livy.get(f"/sessions/{sid}/statements")
        self.assertEqual(set(listing), {"total_statements", "statements"})
        ids = [s["id"] for s in listing["statements"]]
        self.assertEqual(ids, list(range(len(ids))))
        self.assertEqual(listing["total_statements"], len(ids))
        for s in listing["statements"]:
            self.assert_keys(s, STATEMENT_KEYS)
        self.assertEqual([s["code"] for s in listing["statements"]][:2], ["spark", "sqlContext"])
        desc = self.livy.get(f"/sessions/{sid}/statements?order=desc")
        self.assertEqual([s["id"] for s in desc["statements"]], ids[::-1])
        page = self.livy.get(f"/sessions/{sid}/statements?from=1&size=2")
        self.assertEqual((page["total_statements"], [s["id"] for s in page["statements"]]), (len(ids), [1, 2]))

        # completion (the interpreter answers from the session's namespace)
        self.livy.run(sid, "import os")
        code = "import os\nos.pa"
        completion = self.livy.post(f"/sessions/{sid}/completion",
                                    {"code": code, "kind": "pyspark", "cursor": len(code)})
        self.assertEqual(completion, {"candidates": ["pardir", "path", "pathconf", "pathconf_names", "pathsep"]})

        # cancel a running statement; the session is busy meanwhile
        long = self.livy.post_statement(sid, "import time; time.sleep(60)")
        self.livy.wait_statement(sid, long["id"], {"running"}, timeout=30)
        self.assertEqual(self.livy.session(sid)["state"], "busy")
        self.assertEqual(self.livy.get(f"/sessions/{sid}/state"), {"id": sid, "state": "busy"})
        # completion is answered while a statement runs
        completion = self.livy.post(f"/sessions/{sid}/completion",
                                    {"code": "os.pathse", "kind": "pyspark", "cursor": 9})
        self.assertEqual(completion, {"candidates": ["pathsep"]})
        # a statement waiting behind it is cancelled at once and never runs
        queued = self.livy.post_statement(sid, "never_ran = True")
        self.assertEqual(self.livy.post(f"/sessions/{sid}/statements/{queued['id']}/cancel", {}), {"msg": "canceled"})
        self.assertEqual(self.livy.wait_statement(sid, queued["id"], timeout=20)["state"], "cancelled")
        began = time.monotonic()
        self.assertEqual(self.livy.post(f"/sessions/{sid}/statements/{long['id']}/cancel", {}), {"msg": "canceled"})
        cancelled = self.livy.wait_statement(sid, long["id"], {"cancelled", "available"}, timeout=20)
        self.assertEqual(cancelled["state"], "cancelled", cancelled)
        self.assertLess(time.monotonic() - began, 15, "cancel should interrupt the sleep, not wait for it")
        self.assertIsNone(cancelled["output"])
        self.statement_ok(self.livy.run(sid, "1+1"), "2")
        self.statement_ok(self.livy.run(sid, "'never_ran' in globals()"), "False")
        self.assertEqual(self.livy.session(sid)["state"], "idle")
        # cancelling a finished or unknown statement is ignored, as in Livy
        self.assertEqual(self.livy.post(f"/sessions/{sid}/statements/{long['id']}/cancel", {}), {"msg": "canceled"})
        self.assertEqual(self.livy.post(f"/sessions/{sid}/statements/9999/cancel", {}), {"msg": "canceled"})

        self.assert_status(404, "Statement not found", "GET", f"/sessions/{sid}/statements/9999")
        self.assertEqual(self.livy.delete(f"/sessions/{sid}"), {"msg": "deleted"})

    # --- kinds --------------------------------------------------------------------------------

    def test_kinds(self):
        total = self.sessions_total()
        for kind in ("sql", "spark", "sparkr", "cobol"):
            status, _, body = self.livy.call("POST", "/sessions", {"kind": kind})
            self.assertEqual(status, 400, (kind, body))
            if kind in ("sql", "spark"):
                self.assertIsInstance(body, dict, body)
                self.assertIn("Spark is not installed", body["msg"])
        self.assertEqual(self.sessions_total(), total, "a rejected session was registered")

        py = self.livy.create_session({"kind": "python", "name": "py-named"})
        self.assertEqual(py["kind"], "pyspark")
        shared = self.livy.create_session({})
        self.assertEqual(shared["kind"], "shared")
        self.assertEqual(self.livy.wait_session("py-named", {"idle", "dead", "error"})["state"], "idle")
        self.assertEqual(self.livy.session("py-named")["id"], py["id"])
        self.statement_ok(self.livy.run("py-named", "6*7"), "42")

        sid = shared["id"]
        self.assertEqual(self.livy.wait_session(sid, {"idle", "dead", "error"})["state"], "idle")
        self.assert_status(400, {"msg": "Code type should be specified if session kind is shared"},
                           "POST", f"/sessions/{sid}/statements", {"code": "1+1"})
        status, _, body = self.livy.call("POST", f"/sessions/{sid}/statements", {"code": "select 1", "kind": "sql"})
        self.assertEqual(status, 400, body)
        self.statement_ok(self.livy.run(sid, "1+1", kind="pyspark"), "2")
        # the rejected statements took no statement id
        self.assertEqual(self.livy.get(f"/sessions/{sid}/statements")["total_statements"], 1)
        self.assertEqual(self.livy.delete(f"/sessions/{sid}"), {"msg": "deleted"})
        self.assertEqual(self.livy.delete("/sessions/py-named"), {"msg": "deleted"})

    def test_the_job_api_is_refused_clearly(self):
        sid = self.livy.create_session({"kind": "pyspark"})["id"]
        for method, route in (("POST", "submit-job"), ("POST", "run-job"), ("GET", "jobs/1"), ("POST", "upload-file"),
                              ("POST", "add-jar"), ("POST", "interrupt")):
            status, _, body = self.livy.call(method, f"/sessions/{sid}/{route}", {} if method == "POST" else None)
            self.assertEqual(status, 400, (route, body))
            self.assertIn("jobflow does not support Livy's Job API", body["msg"])
        self.assertEqual(self.livy.delete(f"/sessions/{sid}"), {"msg": "deleted"})

    def test_session_errors(self):
        total = self.sessions_total()
        self.assert_status(404, not_found(999), "GET", "/sessions/999")
        self.assert_status(404, not_found(999), "GET", "/sessions/999/state")
        self.assert_status(404, not_found(999), "GET", "/sessions/999/log")
        self.assert_status(404, not_found(999), "DELETE", "/sessions/999")
        self.assert_status(404, not_found(999), "POST", "/sessions/999/statements", {"code": "1"})
        self.assert_status(404, not_found("nobody"), "GET", "/sessions/nobody")
        self.assert_status(404, not_found(999), "POST", "/sessions/999/submit-job", {"job": "", "jobType": "pickle"})
        self.assert_status(400, rejected("Invalid time string: abc"),
                           "POST", "/sessions", {"kind": "pyspark", "ttl": "abc"})
        self.assert_status(400, rejected("Blacklisted configuration values in session config: spark.master"),
                           "POST", "/sessions", {"kind": "pyspark", "conf": {"spark.master": "yarn"}})
        for body in ({"kind": "pyspark", "bogus": True}, {"kind": "pyspark", "jars": "x.jar"}):
            status, _, got = self.livy.call("POST", "/sessions", body)
            self.assertEqual(status, 400, (body, got))
            self.assertIsInstance(got, str, (body, got))
        self.assert_status(400, rejected("Invalid session name: 42"),
                           "POST", "/sessions", {"kind": "pyspark", "name": "42"})
        self.assertEqual(self.sessions_total(), total)
        status, _, body = self.livy.call("GET", "/sessions?from=z")
        self.assertEqual(status, 400, body)

        # names are unique among sessions (a batch may have the same name); the duplicate takes an id
        first = self.livy.create_session({"kind": "pyspark", "name": "twin"})["id"]
        self.assert_status(400, rejected(f"Duplicate session name: Some(twin) for session {first + 1}"),
                           "POST", "/sessions", {"kind": "pyspark", "name": "twin"})
        self.assertEqual(self.sessions_total(), total + 1)
        batch = self.livy.create_batch({"file": "/bin/true", "name": "twin"})
        self.assertEqual(self.livy.batch("twin")["id"], batch["id"])
        self.assertEqual(self.livy.session("twin")["id"], first)
        self.assertEqual(self.livy.delete("/sessions/twin"), {"msg": "deleted"})
        self.assertEqual(self.livy.delete("/batches/twin"), {"msg": "deleted"})
        self.assertEqual(self.sessions_total(), total)

    # --- timeouts and death -------------------------------------------------------------------

    def test_timeouts_end_sessions_as_dead(self):
        heartbeat = self.livy.create_session({"kind": "pyspark", "heartbeatTimeoutInSecond": 1})["id"]
        idle = self.livy.create_session({"kind": "pyspark", "idleTimeout": "3s"})["id"]
        ttl = self.livy.create_session({"kind": "pyspark", "ttl": "3s"})["id"]

        # idleTimeout counts from the last statement (GETs do not reset it); the statement is posted
        # at once (queued while the session starts), so a slow start does not eat the 3 s
        posted = self.livy.post_statement(idle, "1+1")
        st = self.livy.wait_statement(idle, posted["id"])
        self.statement_ok(st, "2")
        self.livy.wait_session(idle, "dead", timeout=30)
        self.assertGreaterEqual(now_ms(), st["completed"] + 3000 - 50, "ended before 3 s without statements")
        self.assertIn("inactive for more than 3 s", self.livy.session_log_text(idle))

        # heartbeat: nothing but GET /sessions (which is no heartbeat) until it is gone
        self.livy.wait_session_listed(heartbeat, "dead", timeout=30)
        self.assertEqual(self.livy.session(heartbeat)["state"], "dead")
        self.assertIn("no heartbeat for 1 s", self.livy.session_log_text(heartbeat))

        self.livy.wait_session(ttl, "dead", timeout=30)
        self.assertIn("older than its ttl (3s)", self.livy.session_log_text(ttl))

        # dead sessions stay listed and their statements readable
        listed = {s["id"]: s["state"] for s in self.livy.get("/sessions?size=10000")["sessions"]}
        self.assertEqual([listed.get(x) for x in (heartbeat, idle, ttl)], ["dead"] * 3)
        self.assertEqual(self.livy.statement(idle, st["id"])["output"], st["output"])
        self.assert_status(400, {"msg": "requirement failed: Session isn't active."},
                           "POST", f"/sessions/{idle}/statements", {"code": "1"})

    def test_interpreter_death(self):
        sid = self.livy.start_session()["id"]
        pid = repl_pid(self.server, sid)
        st = self.livy.post_statement(sid, "import os; os._exit(3)")
        session = self.livy.wait_session(sid, {"dead", "error"}, timeout=30)
        self.assertEqual(session["state"], "dead")
        wait_gone([pid])
        log = self.livy.session_log_text(sid)
        self.assertIn("the interpreter exited with code 3", log)
        died = self.livy.wait_statement(sid, st["id"], timeout=10)
        self.assertEqual(died["state"], "available", died)
        self.assertEqual(died["output"]["status"], "error", died)
        self.assertEqual(died["output"]["ename"], "SessionDead", died)
        self.assertIn("exited with code 3", died["output"]["evalue"])
        listing = self.livy.get(f"/sessions/{sid}/statements")
        self.assertEqual(listing["total_statements"], 1)
        self.assert_status(400, {"msg": "requirement failed: Session isn't active."},
                           "POST", f"/sessions/{sid}/statements", {"code": "1"})
        self.assert_status(400, {"msg": "requirement failed: Session isn't active."},
                           "POST", f"/sessions/{sid}/statements/{st['id']}/cancel", {})
        self.assertEqual(self.livy.delete(f"/sessions/{sid}"), {"msg": "deleted"})
        self.assert_status(404, not_found(sid), "GET", f"/sessions/{sid}")


class StartingSessionsTest(LivyTestCase):
    """Interpreters held in `starting` by a gated PYSPARK_PYTHON until the test opens the gate."""

    @classmethod
    def setUpClass(cls):
        import tempfile
        cls.gate_root = tempfile.mkdtemp(prefix="jobflow-it-gates-", dir="/tmp")
        program, cls.gates = gated_python(cls.gate_root)
        cls.server_env = {"PYSPARK_PYTHON": program}
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        import shutil
        shutil.rmtree(cls.gate_root, ignore_errors=True)

    def test_statements_posted_while_starting_are_queued(self):
        sid = self.livy.create_session({"kind": "pyspark"})["id"]
        first = self.livy.post_statement(sid, "x = 20")
        second = self.livy.post_statement(sid, "x * 2 + 2")
        third = self.livy.post_statement(sid, "x = 0")
        self.assertEqual([first["id"], second["id"], third["id"]], [0, 1, 2])
        self.assertEqual([s["state"] for s in (first, second, third)], ["waiting"] * 3)
        # cancelling a statement that was never sent: cancelled at once, it never runs
        self.assertEqual(self.livy.post(f"/sessions/{sid}/statements/2/cancel", {}), {"msg": "canceled"})
        self.assertEqual(self.livy.statement(sid, 2)["state"], "cancelled")
        self.assertEqual(self.livy.session(sid)["state"], "starting")
        self.assertEqual(self.livy.statement(sid, 0)["state"], "waiting")

        open_gate(self.gates, sid)
        done = self.livy.wait_statement(sid, 1)
        self.assertEqual(done["output"], {"status": "ok", "execution_count": 1, "data": {"text/plain": "42"}})
        self.assertEqual(self.livy.statement(sid, 0)["state"], "available")
        self.assertEqual(self.livy.statement(sid, 2)["state"], "cancelled")
        self.assertEqual(self.livy.wait_session(sid, {"idle"})["state"], "idle")
        # x = 0 never ran
        self.assertEqual(self.livy.run(sid, "x")["output"]["data"], {"text/plain": "20"})
        self.assertEqual(self.livy.delete(f"/sessions/{sid}"), {"msg": "deleted"})

    def test_statements_end_with_a_session_that_dies(self):
        sid = self.livy.create_session({"kind": "pyspark"})["id"]
        st = self.livy.post_statement(sid, "1+1")  # queued: the interpreter is held at its gate
        with open(os.path.join(self.gates, str(sid)), "w") as f:
            f.write("fail")  # the wrapper then exits 3 instead of starting Python
        self.assertEqual(self.livy.wait_session(sid, {"idle", "dead", "error"}, timeout=30)["state"], "dead")
        self.assertIn("jobflow: session ended: the interpreter exited with code 3", self.livy.session_log_text(sid))
        status, _, body = self.livy.call("GET", f"/sessions/{sid}/statements/{st['id']}")
        self.assertEqual(status, 200)
        self.assertIsInstance(body, dict, f"not JSON: {body!r}")
        self.assertEqual((body["state"], body["output"]["status"], body["output"]["ename"]),
                         ("available", "error", "SessionDead"))
        self.assertIn("exited with code 3", body["output"]["evalue"])
        self.assertEqual(body["progress"], 1.0)
        status, _, listing = self.livy.call("GET", f"/sessions/{sid}/statements")
        self.assertIsInstance(listing, dict, f"not JSON: {listing!r}")
        self.assertEqual(listing["total_statements"], 1)

    def test_delete_while_starting(self):
        sid = self.livy.create_session({"kind": "pyspark"})["id"]
        self.assertEqual(self.livy.session(sid)["state"], "starting")
        self.assertEqual(self.livy.delete(f"/sessions/{sid}"), {"msg": "deleted"})
        self.assert_status(404, not_found(sid), "GET", f"/sessions/{sid}")
        open_gate(self.gates, sid)  # nothing is left to start
        self.assertFalse(os.path.exists(os.path.join(self.server.data_dir, "livy", "sessions", str(sid), "repl.json")))


class MissingInterpreterTest(LivyTestCase):
    """PYSPARK_PYTHON names a program that does not exist: sessions end `dead` at once, saying why."""

    server_env = {"PYSPARK_PYTHON": "/nonexistent/jobflow-it-python"}

    def test_session_dead_with_reason(self):
        # The interpreter fails at once, so the session may be dead before any statement could be
        # posted: statements closed by a session's end are covered by the unit tests and by
        # StartingSessionsTest.test_statements_end_with_a_session_that_dies.
        sid = self.livy.create_session({"kind": "pyspark"})["id"]
        self.assertEqual(self.livy.wait_session(sid, {"idle", "dead", "error"}, timeout=30)["state"], "dead")
        log = self.livy.session_log_text(sid)
        self.assertIn("jobflow: session ended: the interpreter could not be started", log)
        self.assertIn("/nonexistent/jobflow-it-python", log)
        status, _, body = self.livy.call("POST", f"/sessions/{sid}/statements", {"code": "1+1"})
        self.assertEqual((status, body), (400, {"msg": "requirement failed: Session isn't active."}))

if __name__ == "__main__":
    unittest.main()
