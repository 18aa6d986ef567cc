"""Livy server options: --livy-csrf (livy.server.csrf-protection.enabled), --livy-local-dir
(livy.file.local-dir-whitelist), --livy-max-creation (livy.server.session.max-creation),
--livy-retain-seconds (livy.server.session.state-retain.sec) and --livy-session-timeout-seconds
(livy.server.session.timeout) (reference/livy.md §4, §7-§9; src/engine/livy/README.md)."""

import os
import shutil
import tempfile
import unittest

from harness import wait_until
from livy_client import (LivyTestCase, gated_python, not_found, open_gate, rejected, write_file)

CSRF = {"X-Requested-By": "ambari"}


class CsrfTest(LivyTestCase):
    server_args = ("--livy-csrf",)

    def test_csrf_header_required_for_changes(self):
        ok = write_file(self.scratch("ok.py"), 'print("ok")\n')
        before = self.livy.get("/batches")["total"]
        status, _, body = self.livy.call("POST", "/batches", {"file": ok})
        self.assertEqual(status, 400, body)
        self.assertEqual(body, {"msg": "Missing Required Header for CSRF protection."})
        status, _, body = self.livy.call("POST", "/sessions", {"kind": "pyspark"})
        self.assertEqual(status, 400, body)
        self.assertEqual(self.livy.get("/batches")["total"], before)
        self.assertEqual(self.livy.get("/sessions")["total"], 0)

        status, headers, batch = self.livy.call("POST", "/batches", {"file": ok}, headers=CSRF)
        self.assertEqual(status, 201, batch)
        bid = batch["id"]
        self.assertEqual(headers["location"], f"/batches/{bid}")
        # reads need no header
        self.assertEqual(self.livy.wait_batch(bid)["state"], "success")
        self.assertEqual(self.livy.get(f"/batches/{bid}/state"), {"id": bid, "state": "success"})
        self.assertEqual(self.livy.get("/sessions"), {"from": 0, "total": 0, "sessions": []})
        status, _, body = self.livy.call("DELETE", f"/batches/{bid}")
        self.assertEqual((status, body), (400, {"msg": "Missing Required Header for CSRF protection."}))
        self.assertEqual(self.livy.batch(bid)["state"], "success")
        status, _, body = self.livy.call("DELETE", f"/batches/{bid}", headers=CSRF)
        self.assertEqual((status, body), (200, {"msg": "deleted"}))
        self.assert_status(404, not_found(bid), "GET", f"/batches/{bid}")


class LocalDirAllowListTest(LivyTestCase):

    @classmethod
    def setUpClass(cls):
        cls.allowed = tempfile.mkdtemp(prefix="jobflow-it-allowed-", dir="/tmp")
        cls.outside = tempfile.mkdtemp(prefix="jobflow-it-outside-", dir="/tmp")
        cls.server_args = ("--livy-local-dir", cls.allowed)
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(cls.allowed, ignore_errors=True)
        shutil.rmtree(cls.outside, ignore_errors=True)

    def test_only_files_under_the_allowed_dirs(self):
        inside = write_file(os.path.join(self.allowed, "job.py"), 'print("inside")\n')
        outside = write_file(os.path.join(self.outside, "job.py"), 'print("outside")\n')
        sneaky = os.path.join(self.allowed, "..", os.path.basename(self.outside), "job.py")

        for body, shown in (({"file": outside}, outside),
                            ({"file": sneaky}, sneaky),
                            ({"file": inside, "pyFiles": [outside]}, outside)):
            self.assert_status(
                400, rejected(f"requirement failed: Local path {shown} cannot be added to user sessions."),
                "POST", "/batches", body)
        self.assert_status(400, rejected(f"requirement failed: Local path {outside} cannot be added to user sessions."),
                           "POST", "/sessions", {"kind": "pyspark", "pyFiles": [outside]})
        self.assertEqual(self.livy.get("/batches")["total"], 0)
        self.assertEqual(self.livy.get("/sessions")["total"], 0)

        batch = self.livy.create_batch({"file": inside})
        self.assertEqual(batch["id"], 0)
        self.assertEqual(self.livy.wait_batch(0)["state"], "success")
        self.assertIn("inside", self.livy.batch_log(0, size=-1)["log"])
        batch = self.livy.create_batch({"file": "file://" + inside})
        self.assertEqual(self.livy.wait_batch(batch["id"])["state"], "success")


class MaxCreationTest(LivyTestCase):
    """--livy-max-creation 1, with interpreters held in `starting` by a gated PYSPARK_PYTHON."""

    @classmethod
    def setUpClass(cls):
        cls.gate_root = tempfile.mkdtemp(prefix="jobflow-it-gates-", dir="/tmp")
        program, cls.gates = gated_python(cls.gate_root)
        cls.server_env = {"PYSPARK_PYTHON": program}
        cls.server_args = ("--livy-max-creation", "1")
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(cls.gate_root, ignore_errors=True)

    def test_one_creation_at_a_time(self):
        too_many = {"msg": "Rejected, too many sessions are being created!"}
        ok = write_file(self.scratch("ok.sh"), "#!/bin/sh\necho ok\n", executable=True)
        first = self.livy.create_session({"kind": "pyspark"})
        self.assertEqual(first["state"], "starting")
        self.assert_status(400, too_many, "POST", "/sessions", {"kind": "pyspark"})
        self.assert_status(400, too_many, "POST", "/batches", {"file": ok})  # batches share the cap
        self.assertEqual(self.livy.get("/sessions")["total"], 1)
        self.assertEqual(self.livy.get("/batches")["total"], 0)
        self.assertEqual(self.livy.session(first["id"])["state"], "starting")

        open_gate(self.gates, first["id"])
        self.assertEqual(self.livy.wait_session(first["id"], {"idle", "dead", "error"})["state"], "idle")
        second = self.livy.create_session({"kind": "pyspark"})
        self.assertEqual(second["id"], first["id"] + 1, "the rejected requests took no id")
        self.assert_status(400, too_many, "POST", "/sessions", {"kind": "pyspark"})
        open_gate(self.gates, second["id"])
        self.assertEqual(self.livy.wait_session(second["id"], {"idle", "dead", "error"})["state"], "idle")
        # a batch holds its slot only until its program has been started
        for _ in range(3):
            bid = self.livy.create_batch({"file": ok})["id"]
            self.assertEqual(self.livy.wait_batch(bid)["state"], "success")
        # a session that ends while starting gives its slot back
        third = self.livy.create_session({"kind": "pyspark"})
        self.assertEqual(self.livy.delete(f"/sessions/{third['id']}"), {"msg": "deleted"})
        fourth = self.livy.create_session({"kind": "pyspark"})
        open_gate(self.gates, fourth["id"])
        self.assertEqual(self.livy.wait_session(fourth["id"], {"idle", "dead", "error"})["state"], "idle")


class RetentionTest(LivyTestCase):
    server_args = ("--livy-retain-seconds", "1")

    def test_finished_batches_expire_and_ids_stay_unique(self):
        ok = write_file(self.scratch("ok.sh"), "#!/bin/sh\necho ok\n", executable=True)
        gate = self.scratch("gate")
        held = write_file(self.scratch("held.sh"), f"#!/bin/sh\nwhile [ ! -e '{gate}' ]; do sleep 0.05; done\n",
                          executable=True)
        running = self.livy.create_batch({"file": held, "name": "held"})["id"]
        done = self.livy.create_batch({"file": ok, "name": "short"})["id"]
        self.assertEqual(self.livy.wait_batch(done)["state"], "success")
        wait_until(lambda: self.livy.call("GET", f"/batches/{done}")[0] == 404, timeout=20,
                   message="the finished batch to be forgotten")
        self.assert_status(404, not_found(done), "GET", f"/batches/{done}")
        self.assert_status(404, not_found("short"), "GET", "/batches/short")
        # the running one stays
        self.assertEqual(self.livy.batch_state(running), "running")
        listing = self.livy.get("/batches")
        self.assertEqual((listing["total"], [b["id"] for b in listing["sessions"]]), (1, [running]))
        # ids are never reused, and the name is free again
        again = self.livy.create_batch({"file": ok, "name": "short"})["id"]
        self.assertEqual(again, done + 1)
        with open(gate, "w"):
            pass
        self.assertEqual(self.livy.wait_batch(running)["state"], "success")

    def test_dead_sessions_expire(self):
        sid = self.livy.create_session({"kind": "pyspark", "heartbeatTimeoutInSecond": 1})["id"]
        # GET /sessions is no heartbeat: the session ends, then is forgotten after a second
        wait_until(lambda: sid not in [s["id"] for s in self.livy.get("/sessions")["sessions"]], timeout=30,
                   message="the timed-out session to be forgotten")
        self.assert_status(404, not_found(sid), "GET", f"/sessions/{sid}")


class ServerSessionTimeoutTest(LivyTestCase):
    server_args = ("--livy-session-timeout-seconds", "2")

    def test_idle_sessions_end(self):
        short = self.livy.create_session({"kind": "pyspark"})["id"]
        kept = self.livy.create_session({"kind": "pyspark", "idleTimeout": "1h"})["id"]
        self.livy.wait_session(short, "dead", timeout=30)
        self.assertIn("inactive for more than 2 s", self.livy.session_log_text(short))
        # its own idleTimeout wins over the server's
        self.assertEqual(self.livy.wait_session(kept, {"idle", "dead", "error"})["state"], "idle")
        self.assertEqual(self.livy.run(kept, "1+1")["output"]["data"], {"text/plain": "2"})


if __name__ == "__main__":
    unittest.main()
