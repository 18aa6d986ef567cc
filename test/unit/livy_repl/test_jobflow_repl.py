"""Tests for src/engine/livy/repl/jobflow_repl.py.

Each test starts the interpreter as a subprocess (with the Python running the tests) and drives
it over TCP on 127.0.0.1 with the newline-delimited JSON protocol. Waits are on events with
timeouts, never fixed sleeps.

    cd test/unit/livy_repl && python3 -m unittest -v test_jobflow_repl
"""

import importlib.util
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import unittest

REPL = os.path.normpath(os.path.join(
    os.path.dirname(os.path.abspath(__file__)),
    "..", "..", "..", "src", "engine", "livy", "repl", "jobflow_repl.py"))
TOKEN = "test-token-6f1c"
WAIT_S = 10.0  # upper bound for one wait; tests normally finish far sooner


def _poll(predicate, timeout=WAIT_S, interval=0.01):
    """Polls something with no event to wait on (a file, a process), up to `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(interval)


class Client:
    """One connection to the REPL; a thread collects every event it sends."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=WAIT_S)
        self.sock.settimeout(None)
        self._file = self.sock.makefile("rb")
        self._cond = threading.Condition()
        self.events = []
        self.closed = False
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        try:
            for line in self._file:
                message = json.loads(line)
                with self._cond:
                    self.events.append(message)
                    self._cond.notify_all()
        except (OSError, ValueError):
            pass
        finally:
            with self._cond:
                self.closed = True
                self._cond.notify_all()

    def send(self, **message):
        self.send_raw((json.dumps(message) + "\n").encode("utf-8"))

    def send_raw(self, data):
        self.sock.sendall(data)

    def close(self):
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()

    def wait_for(self, predicate, timeout=WAIT_S, what="event"):
        with self._cond:
            found = []

            def ready():
                found[:] = [e for e in self.events if predicate(e)]
                return bool(found) or self.closed

            self._cond.wait_for(ready, timeout)
            if not found:
                raise AssertionError("no %s within %ss; got %r" % (what, timeout, self.events))
            return found[0]

    def wait_closed(self, timeout=WAIT_S):
        with self._cond:
            return self._cond.wait_for(lambda: self.closed, timeout)

    def hello(self, token=TOKEN):
        self.send(op="hello", token=token)
        return self.wait_for(lambda e: e.get("event") == "hello", what="hello")

    def states(self, statement_id):
        with self._cond:
            return [e["statement"]["state"] for e in self.events
                    if e.get("event") == "statement" and e["statement"]["id"] == statement_id]

    def statement_events(self, statement_id):
        with self._cond:
            return [e["statement"] for e in self.events
                    if e.get("event") == "statement" and e["statement"]["id"] == statement_id]

    def wait_state(self, statement_id, state, timeout=WAIT_S):
        event = self.wait_for(
            lambda e: e.get("event") == "statement" and e["statement"]["id"] == statement_id
            and e["statement"]["state"] == state,
            timeout, what="statement %d %s" % (statement_id, state))
        return event["statement"]

    def execute(self, statement_id, code, kind=None):
        message = {"op": "execute", "id": statement_id, "code": code}
        if kind is not None:
            message["kind"] = kind
        self.send(**message)

    def run(self, statement_id, code, kind=None):
        """Executes and returns the statement's output once available."""
        self.execute(statement_id, code, kind)
        return self.wait_state(statement_id, "available")["output"]

    def text(self, statement_id, code):
        output = self.run(statement_id, code)
        assert output["status"] == "ok", output
        return output["data"]["text/plain"]


class ReplProcess:
    """The interpreter under test, in its own temp dir; killed at cleanup."""

    def __init__(self, test, *args, kind="pyspark", env=None, token=TOKEN):
        self.dir = tempfile.mkdtemp(prefix="jobflow-repl-test-")
        test.addCleanup(shutil.rmtree, self.dir, True)
        self.connection_file = os.path.join(self.dir, "connection.json")
        self.log_path = os.path.join(self.dir, "session.log")
        full_env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        full_env["JOBFLOW_REPL_TOKEN"] = token
        for key, value in (env or {}).items():  # None removes a variable
            if value is None:
                full_env.pop(key, None)
            else:
                full_env[key] = value
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-u", REPL, "--connection-file", self.connection_file,
                 "--kind", kind, *args],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.PIPE, cwd=self.dir,
                env=full_env)
        self._stderr = []
        self._stderr_cond = threading.Condition()
        self._stderr_thread = threading.Thread(target=self._drain_stderr, daemon=True)
        self._stderr_thread.start()
        test.addCleanup(self.kill)
        self.clients = []
        test.addCleanup(lambda: [c.close() for c in self.clients])

    def _drain_stderr(self):
        for line in self.proc.stderr:
            with self._stderr_cond:
                self._stderr.append(line.decode("utf-8", "replace"))
                self._stderr_cond.notify_all()

    def stderr(self):
        with self._stderr_cond:
            return "".join(self._stderr)

    def wait_log(self, text, timeout=WAIT_S):
        """Waits until the session log (the REPL's stderr) contains `text`."""
        with self._stderr_cond:
            if not self._stderr_cond.wait_for(lambda: text in "".join(self._stderr), timeout):
                raise AssertionError("%r not logged; stderr:\n%s" % (text, "".join(self._stderr)))

    def port(self):
        ready = _poll(lambda: os.path.exists(self.connection_file) or self.proc.poll() is not None)
        if not ready or not os.path.exists(self.connection_file):
            raise AssertionError("REPL not ready; exit %r, stderr:\n%s"
                                 % (self.proc.poll(), self.stderr()))
        with open(self.connection_file) as f:
            info = json.load(f)
        assert info["pid"] == self.proc.pid, info
        return info["port"]

    def connect(self):
        client = Client(self.port())
        self.clients.append(client)
        return client

    def session(self):
        """A connected, authenticated client."""
        client = self.connect()
        client.hello()
        return client

    def wait_exit(self, timeout=WAIT_S):
        code = self.proc.wait(timeout)
        self._stderr_thread.join(timeout)
        return code

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        # A child (spark-shell) may hold the pipe a moment longer; closing it under the
        # draining thread would break that thread's read.
        self._stderr_thread.join(WAIT_S)
        self.proc.stderr.close()


class HandshakeTest(unittest.TestCase):

    def test_hello_reports_the_interpreter(self):
        repl = ReplProcess(self)
        hello = repl.connect().hello()
        self.assertEqual(hello["pid"], repl.proc.pid)
        self.assertEqual(hello["python"], "%d.%d.%d" % sys.version_info[:3])
        self.assertIs(hello["spark"], False)
        self.assertIn("pyspark cannot be imported", hello["spark_error"])
        self.assertEqual(hello["statements"], [])
        self.assertFalse(os.path.exists(repl.connection_file + ".tmp"))
        repl.wait_log("Spark unavailable: pyspark cannot be imported")

    def test_bad_first_messages_are_rejected(self):
        repl = ReplProcess(self)
        for bad in (b'{"op":"hello","token":"wrong"}\n', b"not json\n",
                    b'{"op":"execute","id":0,"code":"1"}\n', b'["hello"]\n'):
            client = repl.connect()
            client.send_raw(bad)
            self.assertTrue(client.wait_closed(), bad)
            self.assertEqual(client.events, [], bad)
        self.assertIsNone(repl.proc.poll())
        repl.wait_log("wrong token")
        self.assertEqual(repl.session().text(0, "1 + 1"), "2")

    def test_token_is_hidden_from_user_code(self):
        client = ReplProcess(self).session()
        self.assertEqual(client.text(0, "import os\n'JOBFLOW_REPL_TOKEN' in os.environ"),
                         "False")

    def test_sparkr_kind_is_refused(self):
        repl = ReplProcess(self, kind="sparkr")
        self.assertEqual(repl.wait_exit(), 2)
        self.assertIn("sparkr", repl.stderr())
        self.assertFalse(os.path.exists(repl.connection_file))


class ExecuteTest(unittest.TestCase):

    def setUp(self):
        self.client = ReplProcess(self).session()

    def test_text_output_follows_livy(self):
        c = self.client
        self.assertEqual(c.text(0, "1 + 1"), "2")
        self.assertEqual(c.text(1, "print('a')"), "a")
        self.assertEqual(c.text(2, "x = 1"), "")
        self.assertEqual(c.text(3, "\nx = 1\n\ny = 2\n\nx + y\n"), "3")
        self.assertEqual(c.text(4, "print('1')\nprint('2')"), "1\n2")
        # Livy appends stderr after stdout; the repr goes through stdout.
        self.assertEqual(c.text(5, "import sys\nprint('out')\nprint('err', file=sys.stderr)\n"
                                   "'value'"), "out\n'value'\nerr")
        self.assertEqual(c.text(6, "None"), "")
        self.assertEqual(c.text(7, "for i in range(3): i"), "0\n1\n2")
        self.assertEqual(c.text(8, "  "), "")

    def test_output_shape_and_execution_count(self):
        output = self.client.run(5, "21 * 2")
        self.assertEqual(output, {"status": "ok", "execution_count": 5,
                                  "data": {"text/plain": "42"}})

    def test_errors_show_only_user_frames(self):
        c = self.client
        output = c.run(0, "1/0")
        self.assertEqual(output, {
            "status": "error", "execution_count": 0, "ename": "ZeroDivisionError",
            "evalue": "division by zero",
            "traceback": ["Traceback (most recent call last):\n",
                          "ZeroDivisionError: division by zero\n"]})
        output = c.run(1, "x")
        self.assertEqual((output["ename"], output["evalue"], output["traceback"]),
                         ("NameError", "name 'x' is not defined",
                          ["Traceback (most recent call last):\n",
                           "NameError: name 'x' is not defined\n"]))
        output = c.run(2, "def f():\n    raise ValueError('bad')\n\nf()")
        self.assertEqual(output["traceback"], ["Traceback (most recent call last):\n",
                                               '  File "<stdin>", line 2, in f\n',
                                               "ValueError: bad\n"])
        self.assertNotIn("jobflow_repl", json.dumps(output))

    def test_syntax_error_runs_nothing(self):
        c = self.client
        output = c.run(0, "x = 1\n'\n")
        self.assertEqual(output["ename"], "SyntaxError")
        self.assertTrue(output["evalue"].startswith("unterminated string literal"))
        self.assertTrue(output["traceback"][-1].startswith(
            "SyntaxError: unterminated string literal"))
        self.assertEqual(c.run(1, "x")["ename"], "NameError")

    def test_magics(self):
        c = self.client
        c.run(0, "x = [[1, 'a'], [3, 'b']]")
        self.assertEqual(c.run(1, "%json x")["data"],
                         {"application/json": [[1, "a"], [3, "b"]]})
        self.assertEqual(c.run(2, "%table x")["data"], {
            "application/vnd.livy.table.v1+json": {
                "headers": [{"name": "0", "type": "INT_TYPE"},
                            {"name": "1", "type": "STRING_TYPE"}],
                "data": [[1, "a"], [3, "b"]]}})
        self.assertEqual(c.run(3, 'y = [{"a": None, "b": None}, {"a": "2", "b": 2}]\n'
                                  "%table y")["data"], {
            "application/vnd.livy.table.v1+json": {
                "headers": [{"name": "a", "type": "STRING_TYPE"},
                            {"name": "b", "type": "INT_TYPE"}],
                "data": [[None, None], ["2", 2]]}})
        # A magic in the middle: the last node decides the output.
        self.assertEqual(c.run(4, "%table x\n1 + 2")["data"], {"text/plain": "3"})
        self.assertEqual(c.run(5, "%json {'k': len(x)}")["data"],
                         {"application/json": {"k": 2}})

    def test_magic_errors(self):
        c = self.client
        self.assertEqual(c.run(0, "%foo"), {
            "status": "error", "execution_count": 0, "ename": "UnknownMagic",
            "evalue": "unknown magic command 'foo'",
            "traceback": ["UnknownMagic: unknown magic command 'foo'\n"]})
        self.assertEqual(c.run(1, "%")["evalue"], "magic command not specified")
        output = c.run(2, "%json missing")
        self.assertEqual((output["ename"], output["evalue"]), ("KeyError", "'missing'"))
        output = c.run(3, "s = {1, 2}\n%json s")
        self.assertEqual((output["status"], output["ename"]), ("error", "TypeError"))
        output = c.run(4, "t = [[1], ['a']]\n%table t")
        self.assertEqual((output["ename"], output["evalue"]),
                         ("Exception", "table rows have different types"))

    @unittest.skipIf(importlib.util.find_spec("matplotlib") is not None,
                     "matplotlib is installed")
    def test_matplot_without_matplotlib(self):
        output = self.client.run(0, "plt = None\n%matplot plt")
        self.assertEqual(output["status"], "error")
        self.assertIn("matplotlib", output["evalue"])

    def test_system_exit_is_an_error_and_the_repl_lives_on(self):
        c = self.client
        output = c.run(0, "import sys\nsys.exit(3)")
        self.assertEqual((output["status"], output["ename"], output["evalue"]),
                         ("error", "SystemExit", "3"))
        self.assertEqual(c.text(1, "'alive'"), "'alive'")

    def test_stdin_reads_see_end_of_file(self):
        c = self.client
        self.assertEqual(c.text(0, "import sys\nsys.stdin.read()"), "''")
        self.assertEqual(c.run(1, "input()")["ename"], "EOFError")

    def test_namespace_is_clean_and_persistent(self):
        c = self.client
        self.assertEqual(c.text(0, "sorted(globals())"),
                         "['__builtins__', '__name__', 'sc', 'spark', 'sqlContext']")
        self.assertEqual(c.text(1, "__name__"), "'__main__'")
        c.run(2, "class Point:\n    pass\n\nimport pickle\np = pickle.loads(pickle.dumps(Point()))")
        self.assertEqual(c.text(3, "type(p).__name__"), "'Point'")

    def test_statements_run_in_order(self):
        c = self.client
        c.execute(0, "import time\nseen = []\ntime.sleep(0.2)\nseen.append(0)")
        for i in range(1, 5):
            c.execute(i, "seen.append(%d)" % i)
        c.execute(5, "seen")
        self.assertEqual(c.wait_state(5, "available")["output"]["data"]["text/plain"],
                         "[0, 1, 2, 3, 4]")
        order = [e["statement"]["id"] for e in c.events
                 if e.get("event") == "statement" and e["statement"]["state"] == "available"]
        self.assertEqual(order, [0, 1, 2, 3, 4, 5])

    def test_state_events(self):
        c = self.client
        c.run(0, "x = 1")
        events = c.statement_events(0)
        self.assertEqual([e["state"] for e in events], ["waiting", "running", "available"])
        waiting, running, available = events
        self.assertEqual((waiting["output"], waiting["progress"], waiting["started"],
                          waiting["completed"]), (None, 0.0, 0, 0))
        self.assertGreater(running["started"], 0)
        self.assertEqual((running["progress"], running["completed"]), (0.0, 0))
        self.assertEqual(available["progress"], 1.0)
        self.assertGreaterEqual(available["completed"], available["started"])
        self.assertEqual(available["started"], running["started"])

    def test_known_ids_are_ignored(self):
        c = self.client
        c.run(0, "n = 1")
        c.execute(0, "n = 100")
        self.assertEqual(c.text(1, "n"), "1")
        self.assertEqual(c.states(0), ["waiting", "running", "available"])

    def test_spark_placeholders(self):
        c = self.client
        for i, name in enumerate(("spark", "sc", "sqlContext")):
            text = c.text(i, name)
            self.assertIn("Spark is not installed on this server", text)
            self.assertIn("'%s' is unavailable" % name, text)
        output = c.run(3, "spark.range(1)")
        self.assertEqual(output["ename"], "RuntimeError")
        self.assertIn("Spark is not installed on this jobflow server", output["evalue"])
        self.assertIn("spark.range", output["evalue"])
        self.assertNotIn("jobflow_repl", json.dumps(output))
        self.assertEqual(c.run(4, "sc()")["ename"], "RuntimeError")
        output = c.run(5, "select 1", kind="sql")
        self.assertEqual((output["status"], output["ename"]), ("error", "RuntimeError"))
        self.assertIn("Spark is not installed", output["evalue"])

    def test_unsupported_statement_kind(self):
        output = self.client.run(0, "1 + 1", kind="sparkr")
        self.assertEqual((output["status"], output["ename"]), ("error", "InterpreterError"))


class CancelTest(unittest.TestCase):

    def test_cancel_waiting_and_running(self):
        c = ReplProcess(self).session()
        c.execute(0, "import time\ntime.sleep(60)")
        c.execute(1, "after_cancel = 1")
        c.wait_state(0, "running")
        c.send(op="cancel", id=1)
        cancelled = c.wait_state(1, "cancelled")
        self.assertEqual((cancelled["started"], cancelled["output"]), (0, None))
        self.assertGreater(cancelled["completed"], 0)
        started = time.monotonic()
        c.send(op="cancel", id=0)
        c.wait_state(0, "cancelling")
        cancelled = c.wait_state(0, "cancelled", timeout=5)
        self.assertLess(time.monotonic() - started, 5)
        self.assertIsNone(cancelled["output"])
        self.assertEqual(c.states(0), ["waiting", "running", "cancelling", "cancelled"])
        # Cancelling again, or an unknown id, changes nothing; statement 1 never ran.
        c.send(op="cancel", id=0)
        c.send(op="cancel", id=99)
        self.assertEqual(c.run(2, "'after_cancel' in globals()")["data"]["text/plain"], "False")
        self.assertEqual(c.states(0), ["waiting", "running", "cancelling", "cancelled"])
        self.assertEqual(c.states(1), ["waiting", "cancelled"])

    def test_cancel_timeout_marks_cancelled_while_code_still_runs(self):
        repl = ReplProcess(self, "--cancel-timeout", "0.5")
        c = repl.session()
        stop = os.path.join(repl.dir, "stop")
        c.execute(0, textwrap.dedent("""\
            import os, time
            swallowed = 0

            def wait_for_stop():
                global swallowed
                try:
                    while not os.path.exists(%r):
                        try:
                            time.sleep(0.01)
                        except KeyboardInterrupt:
                            swallowed += 1
                except KeyboardInterrupt:
                    swallowed += 1
                    wait_for_stop()

            wait_for_stop()
            """ % stop))
        c.execute(1, "swallowed")
        c.wait_state(0, "running")
        started = time.monotonic()
        c.send(op="cancel", id=0)
        cancelled = c.wait_state(0, "cancelled")
        self.assertGreaterEqual(time.monotonic() - started, 0.4)
        self.assertIsNone(cancelled["output"])
        self.assertEqual(c.states(1), ["waiting"])  # still behind the uncancellable code
        open(stop, "w").close()
        output = c.wait_state(1, "available")["output"]
        self.assertGreaterEqual(int(output["data"]["text/plain"]), 2)  # interrupted repeatedly
        self.assertEqual(c.states(0), ["waiting", "running", "cancelling", "cancelled"])
        repl.wait_log("marked cancelled")


class CompletionTest(unittest.TestCase):

    def test_completion_answers_while_a_statement_runs(self):
        repl = ReplProcess(self)
        c = repl.session()
        c.run(0, "import os\nmy_value = 1\nmy_other = 2\nclass K:\n    alpha = 1\n    _beta = 2")
        c.execute(1, "import time\ntime.sleep(60)")
        c.wait_state(1, "running")

        def complete(request, code, cursor=None, kind="pyspark"):
            message = {"op": "complete", "request": request, "code": code, "kind": kind,
                       "cursor": len(code) if cursor is None else cursor}
            c.send(**message)
            return c.wait_for(lambda e: e.get("event") == "completion"
                              and e["request"] == request)["candidates"]

        self.assertEqual(complete(1, "x = my_"), ["my_other", "my_value"])
        self.assertIn("path", complete(2, "os.pa"))
        self.assertEqual(complete(3, "K."), ["alpha"])
        self.assertEqual(complete(4, "K._b"), ["_beta"])
        self.assertEqual(complete(5, "my_value + 1", cursor=4), ["my_value"])
        self.assertIn("print", complete(6, "pri"))
        self.assertIn("while", complete(7, "wh"))
        self.assertEqual(complete(8, "nothing.at"), [])
        self.assertEqual(complete(9, "spark.ra"), [])
        self.assertEqual(complete(10, "SEL", kind="sql"), [])
        self.assertEqual(c.states(1), ["waiting", "running"])
        c.send(op="cancel", id=1)
        c.wait_state(1, "cancelled")


class ConnectionTest(unittest.TestCase):

    def test_reconnect_syncs_with_the_statement_list(self):
        repl = ReplProcess(self)
        go = os.path.join(repl.dir, "go")
        first = repl.session()
        first.execute(0, "import os, time\nwhile not os.path.exists(%r):\n    time.sleep(0.01)\n"
                         "41 + 1" % go)
        first.wait_state(0, "running")
        first.close()
        open(go, "w").close()  # statement 0 finishes while no server is connected

        def reconnect():
            client = repl.connect()
            statements = client.hello()["statements"]
            client.close()
            return statements if statements[0]["state"] == "available" else None

        statements = _poll(reconnect, interval=0.05)
        self.assertTrue(statements, "statement 0 did not finish")
        self.assertEqual(len(statements), 1)
        self.assertEqual(statements[0]["output"]["data"], {"text/plain": "42"})
        self.assertEqual(statements[0]["progress"], 1.0)
        again = repl.session()
        self.assertEqual(again.text(1, "'still here'"), "'still here'")

    def test_new_connection_replaces_the_old_one(self):
        repl = ReplProcess(self)
        old = repl.session()
        old.run(0, "x = 1")
        new = repl.connect()
        hello = new.hello()
        self.assertEqual([s["id"] for s in hello["statements"]], [0])
        self.assertTrue(old.wait_closed())
        self.assertEqual(new.text(1, "x + 1"), "2")
        self.assertIsNone(repl.proc.poll())

    def test_orphan_timeout_counts_from_start(self):
        repl = ReplProcess(self, "--orphan-timeout", "0.3")
        self.assertEqual(repl.wait_exit(), 3)
        self.assertIn("no server connected for 0.3 s; exiting", repl.stderr())

    def test_orphan_timeout_counts_from_disconnect(self):
        repl = ReplProcess(self, "--orphan-timeout", "0.5")
        c = repl.session()
        # Connected for longer than the orphan timeout: the REPL must stay.
        self.assertEqual(c.text(0, "import time\ntime.sleep(0.8)\n'ok'"), "'ok'")
        self.assertIsNone(repl.proc.poll())
        c.close()
        self.assertEqual(repl.wait_exit(), 3)

    def test_shutdown_exits_promptly_even_while_running(self):
        repl = ReplProcess(self)
        c = repl.session()
        c.execute(0, "import time\ntime.sleep(60)")
        c.wait_state(0, "running")
        started = time.monotonic()
        c.send(op="shutdown")
        self.assertEqual(repl.wait_exit(), 0)
        self.assertLess(time.monotonic() - started, 5)

    def test_malformed_messages_are_ignored(self):
        c = ReplProcess(self).session()
        c.send_raw(b"not json\n\n")
        c.send(op="teleport")
        c.send(op="execute", id="zero", code="1")
        c.send(op="cancel")
        self.assertEqual(c.text(0, "'fine'"), "'fine'")


# The stub pyspark of test/data/fake_spark_home (also the integration tests' fake Spark).
FAKE_PYSPARK_PATH = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                                 "data", "fake_spark_home", "python")


class FakePysparkTest(unittest.TestCase):
    """With a stub `pyspark` on PYTHONPATH, the REPL takes the real-Spark path."""

    def start(self, *args, kind="pyspark"):
        root = tempfile.mkdtemp(prefix="jobflow-fake-pyspark-")
        self.addCleanup(shutil.rmtree, root, True)
        conf = os.path.join(root, "spark-conf.json")
        with open(conf, "w") as f:
            json.dump({"spark.app.name": "livy-session-7", "spark.master": "local[2]",
                       "spark.dynamicAllocation.enabled": True}, f)
        self.stop_marker = os.path.join(root, "stopped")
        return ReplProcess(self, "--spark-conf", conf, *args, kind=kind,
                           env={"PYTHONPATH": FAKE_PYSPARK_PATH, "FAKE_SPARK_STOP_MARKER": self.stop_marker})

    def test_spark_session_statements_sql_progress_and_cancel(self):
        repl = self.start()
        c = repl.connect()
        hello = c.hello()
        self.assertEqual((hello["spark"], hello["spark_error"]), (True, None))
        self.assertEqual((hello["app_id"], hello["spark_ui_url"]),
                         ("local-1700000000000", "http://127.0.0.1:4040"))
        repl.wait_log("Spark available (pyspark 3.5.0-fake)")
        self.assertEqual(c.text(0, "spark"), "<fake SparkSession>")
        self.assertEqual(c.text(1, "sc is spark.sparkContext, sqlContext"),
                         "(True, <fake SQLContext>)")
        self.assertEqual(c.text(2, "sorted(spark.conf_seen.items())"),
                         "[('spark.app.name', 'livy-session-7'), "
                         "('spark.dynamicAllocation.enabled', 'true'), "
                         "('spark.master', 'local[2]')]")
        self.assertEqual(c.text(3, "import pyspark\npyspark.STATE['job_groups'][-1]"),
                         "('3', 'Job group for statement 3')")

        output = c.run(4, "SELECT a, b FROM t", kind="sql")
        self.assertEqual(output, {"status": "ok", "execution_count": 4, "data": {
            "application/json": {
                "schema": {"type": "struct", "fields": [
                    {"name": "a", "type": "integer", "nullable": True, "metadata": {}},
                    {"name": "b", "type": "string", "nullable": True, "metadata": {}}]},
                "data": [[1, "x"], [2, "y"]]}}})
        output = c.run(5, "SELECT * FROM missing_table", kind="sql")
        self.assertEqual((output["status"], output["ename"], output["evalue"]),
                         ("error", "Error", "[TABLE_OR_VIEW_NOT_FOUND] missing_table"))

        # Progress: completed / total tasks of the statement's job group, sampled while running.
        go = os.path.join(repl.dir, "go")
        c.execute(6, "pyspark.STATE['tasks_done'] = 2\nimport os, time\n"
                     "while not os.path.exists(%r):\n    time.sleep(0.01)\n"
                     "pyspark.STATE['tasks_done'] = 4" % go)
        half = c.wait_for(lambda e: e.get("event") == "statement" and e["statement"]["id"] == 6
                          and e["statement"]["progress"] == 0.5, what="progress 0.5")
        self.assertEqual(half["statement"]["state"], "running")
        open(go, "w").close()
        self.assertEqual(c.wait_state(6, "available")["progress"], 1.0)

        c.execute(7, "time.sleep(60)")
        c.wait_state(7, "running")
        c.send(op="cancel", id=7)
        c.wait_state(7, "cancelled")
        self.assertIn("'7'", c.text(8, "pyspark.STATE['cancelled_groups']"))

        c.send(op="shutdown")
        self.assertEqual(repl.wait_exit(), 0)
        self.assertTrue(os.path.exists(self.stop_marker), "spark.stop() was not called")

    def test_sql_session_runs_sql_by_default(self):
        repl = self.start(kind="sql")
        output = repl.session().run(0, "SELECT 1")
        self.assertEqual(output["data"]["application/json"]["data"], [[1, "x"], [2, "y"]])


FAKE_SPARK_HOME = os.path.normpath(os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "fake_spark_home"))


def _load_repl_module():
    spec = importlib.util.spec_from_file_location("jobflow_repl_under_test", REPL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class ScalaTest(unittest.TestCase):
    """Scala statements through test/data/fake_spark_home/bin/spark-shell, a fake that prints
    the Scala 2.12 REPL's transcript format (see its docstring)."""

    def start(self, *args, kind="spark", env=None):
        root = tempfile.mkdtemp(prefix="jobflow-fake-scala-")
        self.addCleanup(shutil.rmtree, root, True)
        conf = os.path.join(root, "spark-conf.json")
        with open(conf, "w") as f:
            json.dump({"spark.app.name": "livy-session-7", "spark.master": "local[2]",
                       "spark.dynamicAllocation.enabled": True}, f)
        self.args_file = os.path.join(root, "shell-args.json")
        self.pid_file = os.path.join(root, "shell-pid")
        full_env = {"SPARK_HOME": FAKE_SPARK_HOME, "FAKE_SPARK_SHELL_ARGS": self.args_file,
                    "FAKE_SPARK_SHELL_PID": self.pid_file}
        full_env.update(env or {})
        return ReplProcess(self, "--spark-conf", conf, *args, kind=kind, env=full_env)

    def assert_scala_statements(self, c, first_id=0):
        i = first_id
        self.assertEqual(c.run(i, "1+1"), {"status": "ok", "execution_count": i,
                                           "data": {"text/plain": "res0: Int = 2\n"}})
        self.assertEqual(c.text(i + 1, "val x = 3"), "x: Int = 3\n")
        self.assertEqual(c.text(i + 2, "x * 2"), "res1: Int = 6\n")
        self.assertEqual(c.text(i + 3, 'println("hello scala")'), "hello scala\n")
        self.assertEqual(c.text(i + 4, "val a = 1\n\nval b = 2\n// sum\na + b"),
                         "a: Int = 1\nb: Int = 2\nres2: Int = 3\n")
        self.assertEqual(c.text(i + 5, ""), "")
        # A compile error: Livy's "Error", first line as evalue, the rest as traceback.
        self.assertEqual(c.run(i + 6, "foo + 1"), {
            "status": "error", "execution_count": i + 6, "ename": "Error",
            "evalue": "<console>:24: error: not found: value foo",
            "traceback": ["       foo + 1\n", "       ^\n"]})
        # An uncaught exception, after the statement printed a line (that goes to the log).
        self.assertEqual(c.run(i + 7, 'println("before")\n1/0'), {
            "status": "error", "execution_count": i + 7, "ename": "Error",
            "evalue": "java.lang.ArithmeticException: / by zero",
            "traceback": ["  at .<init>(<console>:24)\n", "  at .<clinit>(<console>)\n",
                          "  ... 32 elided\n"]})
        self.assertEqual(c.text(i + 8, "x + 1"), "res3: Int = 4\n")

    def test_spark_session_runs_scala(self):
        repl = self.start()
        c = repl.session()
        self.assert_scala_statements(c)
        with open(self.args_file) as f:
            self.assertEqual(json.load(f), [
                "--conf", "spark.app.name=livy-session-7", "--conf", "spark.master=local[2]",
                "--conf", "spark.dynamicAllocation.enabled=true"])
        with open(repl.log_path) as f:
            log = f.read()
        self.assertIn("Spark session available as 'spark'.", log)  # the banner
        self.assertIn("before\n", log)
        # Python statements run too; a session kind "scala" is the same as "spark".
        self.assertEqual(c.run(9, "1 + 1", kind="pyspark")["data"]["text/plain"], "2")
        with open(self.pid_file) as f:
            shell_pid = int(f.read())
        c.send(op="shutdown")
        self.assertEqual(repl.wait_exit(), 0)
        self.assertTrue(_poll(lambda: not os.path.exists("/proc/%d" % shell_pid)
                              or open("/proc/%d/stat" % shell_pid).read().split()[2] == "Z"),
                        "spark-shell still runs after shutdown")

    def test_echoing_shell_gives_the_same_outputs(self):
        c = self.start(kind="scala", env={"FAKE_SPARK_SHELL_ECHO": "1"}).session()
        self.assert_scala_statements(c)

    def test_shared_session_starts_the_shell_on_the_first_scala_statement(self):
        c = self.start(kind="shared").session()
        self.assertEqual(c.text(0, "x = 40\nx + 2"), "42")
        self.assertFalse(os.path.exists(self.args_file))
        self.assertEqual(c.run(1, "1+1", kind="scala")["data"]["text/plain"],
                         "res0: Int = 2\n")
        self.assertEqual(c.text(2, "x"), "40")
        self.assertEqual(c.run(3, "val x = 5", kind="spark")["data"]["text/plain"],
                         "x: Int = 5\n")

    def test_shell_exit_is_an_error_and_the_next_statement_restarts_it(self):
        c = self.start().session()
        self.assertEqual(c.text(0, "val x = 1"), "x: Int = 1\n")
        output = c.run(1, "sys.exit(3)")
        self.assertEqual((output["status"], output["ename"]), ("error", "RuntimeError"))
        self.assertIn("spark-shell exited with code 3 while running this statement",
                      output["evalue"])
        self.assertEqual(c.text(2, "2+3"), "res0: Int = 5\n")
        self.assertEqual(c.run(3, "x")["evalue"], "<console>:24: error: not found: value x")

    def test_cancel_of_a_running_scala_statement_times_out(self):
        c = self.start("--cancel-timeout", "0.3").session()
        self.assertEqual(c.text(0, "1+1"), "res0: Int = 2\n")
        c.execute(1, "Thread.sleep(1500)\n2+2")
        c.wait_state(1, "running")
        c.send(op="cancel", id=1)
        c.wait_state(1, "cancelling")
        self.assertIsNone(c.wait_state(1, "cancelled")["output"])
        c.execute(2, "3+3")
        # The cancelled code ran to its end; its output is dropped, the next one is in sync.
        self.assertEqual(c.wait_state(2, "available")["output"]["data"]["text/plain"],
                         "res2: Int = 6\n")

    def test_without_spark_home_scala_statements_fail_clearly(self):
        for env in ({"SPARK_HOME": None}, {"SPARK_HOME": os.path.dirname(REPL)}):
            repl = self.start(env=env)
            c = repl.session()
            output = c.run(0, "1+1")
            self.assertEqual((output["status"], output["ename"]), ("error", "RuntimeError"))
            self.assertIn("Spark is not installed", output["evalue"])
            self.assertIn("Scala statements need $SPARK_HOME/bin/spark-shell", output["evalue"])
            self.assertEqual(c.run(1, "1 + 1", kind="pyspark")["data"]["text/plain"], "2")
            repl.wait_log("Scala statements cannot run")

    def test_output_mapping_of_other_transcripts(self):
        module = _load_repl_module()
        module._LOG_STDOUT = io.StringIO()  # what a failing statement printed goes there
        scala_output = module.scala_output
        self.assertEqual(scala_output("res0: Array[Int] = Array(1, 2)\n"),
                         {"status": "ok",
                          "data": {"text/plain": "res0: Array[Int] = Array(1, 2)\n"}})
        # Scala 2.12 paste labels, and Scala 2.13's caret-first form.
        for text, evalue in (
                ("<pastie>:3: error: type mismatch;\n found   : Int\n required: String\n",
                 "<pastie>:3: error: type mismatch;"),
                ("/tmp/jobflow-scala-x/statement-1.scala:1: error: not found: value y\ny\n^\n",
                 "/tmp/jobflow-scala-x/statement-1.scala:1: error: not found: value y"),
                ("       y\n       ^\n       error: not found: value y\n",
                 "error: not found: value y")):
            output = scala_output(text)
            self.assertEqual((output["status"], output["ename"], output["evalue"]),
                             ("error", "Error", evalue), text)
        output = scala_output("The pasted code is incomplete!\n\n<pastie>:2: error: ...\n")
        self.assertEqual(output, {"status": "error", "ename": "Error",
                                  "evalue": "incomplete statement", "traceback": []})
        output = scala_output(
            "org.apache.spark.SparkException: Job aborted due to stage failure: boom\n"
            "Driver stacktrace:\n"
            "  at org.apache.spark.scheduler.DAGScheduler.x(DAGScheduler.scala:1)\n"
            "  ... 47 elided\n"
            "Caused by: java.lang.RuntimeException: boom\n"
            "  at $anonfun$1(<console>:1)\n")
        self.assertEqual(output["evalue"],
                         "org.apache.spark.SparkException: Job aborted due to stage failure: boom")
        self.assertEqual(output["traceback"][0], "Driver stacktrace:\n")
        # A printed line that merely looks like an exception is ordinary output.
        self.assertEqual(scala_output("java.lang.Exception: just text\n")["status"], "ok")


if __name__ == "__main__":
    unittest.main()
