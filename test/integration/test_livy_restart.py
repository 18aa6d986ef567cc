"""Livy across a kill -9 of the server: batches and session interpreters outlive it; after the
restart a running batch is still running (its log keeps flowing), batches that ended meanwhile
report their real state, sessions reconnect with their statements (also one that finished while
no server ran), a session whose interpreter died meanwhile is dead with the reason in its log,
and batch, session and statement ids are never reused (src/engine/livy/README.md, Invariants)."""

import os
import shutil
import signal
import tempfile
import threading
import unittest

from harness import JobflowServer, pid_alive, touch, wait_until
from livy_client import (LivyClient, gated_python, job_exit_recorded, not_found, open_gate, repl_pid, wait_gone,
                         wait_pids, write_file)

TICKER_PY = """import os, sys, time
gate, pids = sys.argv[1], sys.argv[2]
with open(pids + ".tmp", "w") as f:
    f.write(str(os.getpid()))
os.rename(pids + ".tmp", pids)
i = 0
while not os.path.exists(gate):
    print(f"tick {i}", flush=True)
    i += 1
    time.sleep(0.02)
print("released", flush=True)
"""


def gated_sh(gate, pids, code, before=""):
    return f"""#!/bin/sh
echo $$ > '{pids}.tmp' && mv '{pids}.tmp' '{pids}'
{before}
while [ ! -e '{gate}' ]; do sleep 0.05; done
echo "exiting with {code}"
exit {code}
"""


def ticks(lines):
    return [int(x.split()[1]) for x in lines if x.startswith("tick ")]


class LivyRestartTest(unittest.TestCase):
    """A fresh server per test (these tests kill it)."""

    def setUp(self):
        self.start_server()

    def start_server(self, env=None):
        self.server = JobflowServer(env=env)
        self.addCleanup(self.server.close)
        self.livy = LivyClient(self.server)

    def scratch(self, name):
        return self.server.scratch_path(name)

    def test_kill9_with_running_batches_and_sessions(self):
        s, livy = self.server, self.livy
        gate_a, gate_b, gate_c, gate_f = (self.scratch(f"gate-{x}") for x in "abcf")
        pids_a, pids_b, pids_c, pids_f = (self.scratch(f"{x}.pids") for x in "abcf")
        ticker = write_file(self.scratch("ticker.py"), TICKER_PY)

        # A: keeps logging until released, then succeeds; B: exits 3 while the server is down;
        # C: exits 0 while the server is down; F: deleted after the restart; E: deleted before
        def sh_batch(name, text):
            return livy.create_batch({"file": write_file(self.scratch(name), text, executable=True)})["id"]
        a = livy.create_batch({"file": ticker, "args": [gate_a, pids_a], "name": "ticker"})["id"]
        b = sh_batch("b.sh", gated_sh(gate_b, pids_b, 3))
        c = sh_batch("c.sh", gated_sh(gate_c, pids_c, 0))
        f = sh_batch("f.sh", gated_sh(gate_f, pids_f, 0, before="sleep 300 &"))
        e = sh_batch("e.sh", "#!/bin/sh\nsleep 300\n")
        self.assertEqual(livy.delete(f"/batches/{e}"), {"msg": "deleted"})
        pid = {x: wait_pids(p)[0] for x, p in (("a", pids_a), ("b", pids_b), ("c", pids_c), ("f", pids_f))}
        for x in (a, b, c, f):
            self.assertEqual(livy.batch_state(x), "running")

        # S1: a statement done, and one that finishes while the server is down; S2: its
        # interpreter is killed while the server is down
        s1 = livy.start_session({"kind": "pyspark", "name": "survivor"})
        self.assertEqual(s1["state"], "idle", livy.session_log_text(s1["id"]))
        s1 = s1["id"]
        s2 = livy.start_session({"kind": "pyspark"})
        self.assertEqual(s2["state"], "idle", livy.session_log_text(s2["id"]))
        s2 = s2["id"]
        first = livy.run(s1, "x = 41\nx + 1")
        self.assertEqual(first["output"]["data"], {"text/plain": "42"})
        st_gate, st_mark = self.scratch("st-gate"), self.scratch("st-mark")
        late = livy.post_statement(s1, f"import os, time\nwhile not os.path.exists({st_gate!r}): time.sleep(0.02)\n"
                                       f"open({st_mark!r}, 'w').close()\nx + 2")
        livy.wait_statement(s1, late["id"], {"running"})
        repl1, repl2 = repl_pid(s, s1), repl_pid(s, s2)
        doomed = livy.post_statement(s2, "import time; time.sleep(300)")
        livy.wait_statement(s2, doomed["id"], {"running"})

        wait_until(lambda: len(ticks(livy.batch_log(a, size=-1)["log"])) >= 5, message="ticker output")
        log_before = livy.batch_log(a, size=-1)

        s.kill9()
        for name, p in list(pid.items()) + [("repl1", repl1), ("repl2", repl2)]:
            self.assertTrue(pid_alive(p), f"{name} died with the server")
        touch(gate_b)
        touch(gate_c)
        touch(st_gate)
        os.kill(repl2, signal.SIGKILL)
        wait_gone([pid["b"], pid["c"], repl2])
        wait_until(lambda: os.path.exists(st_mark), message="the statement to finish while the server is down")
        for kind, ident in (("batch", b), ("batch", c), ("session", s2)):
            wait_until(lambda: job_exit_recorded(s, kind, ident), timeout=30, message=f"exit record of {kind} {ident}")
        self.assertTrue(pid_alive(pid["a"]) and pid_alive(pid["f"]) and pid_alive(repl1))

        s.restart()
        livy = self.livy = LivyClient(s)

        # batches: A still running, its old log intact and new lines arriving
        self.assertEqual(livy.batch_state(a), "running")
        old = log_before["log"][:-1]  # without the trailing "\nstderr: " header
        wait_until(lambda: livy.batch_log(a, size=-1)["total"] > log_before["total"] + 5, timeout=30,
                   message="new log lines of the running batch after the restart")
        now = livy.batch_log(a, size=-1)["log"]
        self.assertEqual(now[:len(old)], old, "the log before the restart changed")
        self.assertEqual(ticks(now), list(range(len(ticks(now)))))
        # B and C ended while the server was down: their real final states
        self.assertEqual(livy.wait_batch(b)["state"], "dead")
        self.assertEqual(livy.wait_batch(c)["state"], "success")
        self.assertIn("exiting with 3", livy.batch_log(b, size=-1)["log"])
        self.assert_status(404, not_found(e), "GET", f"/batches/{e}")
        # ids continue after every id handed out before (E's too)
        ok = write_file(self.scratch("ok.sh"), "#!/bin/sh\necho fine\n", executable=True)
        g = livy.create_batch({"file": ok})["id"]
        self.assertEqual(g, e + 1)
        self.assertEqual(livy.wait_batch(g)["state"], "success")
        # F (started by the previous server) is killed with its whole tree by DELETE
        self.assertEqual(livy.delete(f"/batches/{f}"), {"msg": "deleted"})
        self.assertFalse(pid_alive(pid["f"]))
        self.assert_status(404, not_found(f), "GET", f"/batches/{f}")
        # A succeeds once released
        touch(gate_a)
        self.assertEqual(livy.wait_batch("ticker")["state"], "success")
        self.assertEqual(livy.batch_log(a, size=-1)["log"][-2], "released")

        # S1: idle again, its statements readable, the late one's result arrived, ids continue
        self.assertEqual(livy.wait_session("survivor", {"idle", "dead", "error"})["state"], "idle")
        self.assertEqual(livy.statement(s1, first["id"])["output"], first["output"])
        done = livy.wait_statement(s1, late["id"])
        self.assertEqual(done["output"], {"status": "ok", "execution_count": late["id"], "data": {"text/plain": "43"}})
        third = livy.run(s1, "x + 3")
        self.assertEqual(third["id"], late["id"] + 1)
        self.assertEqual(third["output"]["data"], {"text/plain": "44"})
        self.assertEqual(repl_pid(s, s1), repl1, "the same interpreter")
        # S2: dead, its log saying why
        self.assertEqual(livy.wait_session(s2, {"dead", "error"}, timeout=30)["state"], "dead")
        log2 = livy.session_log_text(s2)
        self.assertIn("killed by signal 9 while the server was down", log2)
        # its running statement ended with the session
        died = livy.statement(s2, doomed["id"])
        self.assertEqual((died["state"], died["output"]["status"], died["output"]["ename"]),
                         ("available", "error", "SessionDead"), died)
        # new session ids continue too
        s3 = livy.create_session({"kind": "pyspark"})["id"]
        self.assertEqual(s3, s2 + 1)
        self.assertEqual(livy.delete(f"/sessions/{s3}"), {"msg": "deleted"})
        self.assertEqual(livy.delete(f"/sessions/{s1}"), {"msg": "deleted"})
        self.assertFalse(pid_alive(repl1))

    def test_graceful_restart_keeps_sessions(self):
        s, livy = self.server, self.livy
        sid = livy.start_session({"kind": "pyspark"})["id"]
        self.assertEqual(livy.run(sid, "y = 5; y")["output"]["data"], {"text/plain": "5"})
        pid = repl_pid(s, sid)
        s.restart()  # SIGTERM: jobs are left running
        livy = LivyClient(s)
        self.assertTrue(pid_alive(pid))
        self.assertEqual(livy.wait_session(sid, {"idle", "dead", "error"})["state"], "idle")
        st = livy.run(sid, "y * 2")
        self.assertEqual((st["id"], st["output"]["data"]), (1, {"text/plain": "10"}))

    def test_kill9_while_sessions_start(self):
        # interpreters held in `starting` by a gated PYSPARK_PYTHON (a fresh server for that)
        self.server.close()
        gate_root = tempfile.mkdtemp(prefix="jobflow-it-gates-", dir="/tmp")
        self.addCleanup(shutil.rmtree, gate_root, True)
        program, gates = gated_python(gate_root)
        self.start_server(env={"PYSPARK_PYTHON": program})
        s, livy = self.server, self.livy
        # U starts while the server is down, V only after the restart; both got a statement while
        # starting, which no interpreter has received yet
        u = livy.create_session({"kind": "pyspark"})["id"]
        v = livy.create_session({"kind": "pyspark"})["id"]
        su = livy.post_statement(u, "'u' * 2")
        sv = livy.post_statement(v, "'v' * 3")
        s.kill9()
        open_gate(gates, u)
        repl_pid(s, u)  # U's interpreter listens
        s.restart()
        livy = LivyClient(s)
        self.assertEqual(livy.session(v)["state"], "starting")
        self.assertEqual(livy.statement(v, sv["id"])["state"], "waiting")
        done = livy.wait_statement(u, su["id"])
        self.assertEqual(done["output"]["data"], {"text/plain": "'uu'"})
        self.assertEqual(livy.wait_session(u, {"idle", "dead", "error"})["state"], "idle")
        open_gate(gates, v)
        done = livy.wait_statement(v, sv["id"])
        self.assertEqual(done["output"]["data"], {"text/plain": "'vvv'"})
        self.assertEqual(livy.wait_session(v, {"idle", "dead", "error"})["state"], "idle")
        self.assertEqual(livy.run(v, "1+1")["id"], sv["id"] + 1)

    def test_delete_interrupted_by_kill9(self):
        # A DELETE under way when the server dies: the batch is stopped after the restart (a new
        # DELETE ends it) or, if it ended meanwhile, reports `killed` (README: Invariants).
        self.server.close()
        self.start_server()
        s, livy = self.server, self.livy
        s.args = ["--livy-kill-grace-ms", "60000"]  # no SIGKILL before the server dies
        s.restart()
        livy = LivyClient(s)
        gate_k = self.scratch("gate-k")
        scripts = {}
        for name, until in (("j", "false"), ("k", f"[ -e '{gate_k}' ]")):
            pids, term = self.scratch(f"{name}.pids"), self.scratch(f"{name}.term")
            scripts[name] = (pids, term, write_file(self.scratch(f"{name}.sh"), f"""#!/bin/sh
trap 'echo term > "{term}"' TERM
echo $$ > '{pids}.tmp' && mv '{pids}.tmp' '{pids}'
until {until}; do sleep 0.05; done
""", executable=True))
        ids = {n: livy.create_batch({"file": scripts[n][2]})["id"] for n in scripts}
        pid = {n: wait_pids(scripts[n][0])[0] for n in scripts}
        errors = []

        def delete(ident):
            try:
                errors.append(livy.call("DELETE", f"/batches/{ident}", timeout=60))
            except OSError as e:  # the server died under the request
                errors.append(e)
        threads = [threading.Thread(target=delete, args=(ids[n],)) for n in scripts]
        for t in threads:
            t.start()
        for n in scripts:  # the SIGTERM arrived: the DELETE is under way
            wait_until(lambda: os.path.exists(scripts[n][1]), message=f"SIGTERM to batch {n}")
        s.kill9()
        for t in threads:
            t.join(timeout=60)
        self.assertEqual(len(errors), 2)
        self.assertTrue(all(isinstance(e, OSError) for e in errors), errors)
        touch(gate_k)
        wait_gone([pid["k"]])
        wait_until(lambda: job_exit_recorded(s, "batch", ids["k"]), message="exit record of batch k")

        s.args = ["--livy-kill-grace-ms", "500"]
        s.restart()
        livy = self.livy = LivyClient(s)
        # k ended (exit 0) while its DELETE was under way: killed
        self.assertEqual(livy.wait_batch(ids["k"])["state"], "killed")
        # j still runs; a new DELETE stops it
        self.assertTrue(pid_alive(pid["j"]))
        try:  # a 500 ms grace: 15 s is plenty
            status, _, body = livy.call("DELETE", f"/batches/{ids['j']}", timeout=15)
        except TimeoutError:
            self.fail("DELETE after the restart hangs: the batch's kill was not resumed")
        self.assertEqual((status, body), (200, {"msg": "deleted"}))
        self.assertFalse(pid_alive(pid["j"]))
        self.assert_status(404, not_found(ids["j"]), "GET", f"/batches/{ids['j']}")

    def assert_status(self, expected_status, expected_body, method, path):
        status, _, got = self.livy.call(method, path)
        self.assertEqual((status, got), (expected_status, expected_body), f"{method} {path}")


if __name__ == "__main__":
    unittest.main()
