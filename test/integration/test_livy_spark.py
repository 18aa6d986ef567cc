"""Livy with Spark installed: the server finds spark-submit through SPARK_HOME (a fake Spark from
test/data/fake_spark_home, since no Spark is packaged for this machine), builds Livy's spark-submit
command line for batches, and gives pyspark sessions a SparkSession (the stub pyspark under
$SPARK_HOME/python), through which sql statements run."""

import json
import os
import unittest

from harness import REPO, JobflowServer, wait_until

FAKE_SPARK_HOME = os.path.join(REPO, "test", "data", "fake_spark_home")


def call(server, method, path, body=None):
    data = json.dumps(body) if body is not None else None
    status, headers, raw = server.http(method, path, body=data,
                                       headers={"Content-Type": "application/json"} if data else {})
    return status, json.loads(raw) if raw else None


class LivyWithSparkTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        saved = os.environ.get("SPARK_HOME")
        os.environ["SPARK_HOME"] = FAKE_SPARK_HOME
        try:
            cls.server = JobflowServer(args=["--spark-master", "spark://127.0.0.1:7077"])
        finally:
            if saved is None:
                os.environ.pop("SPARK_HOME", None)
            else:
                os.environ["SPARK_HOME"] = saved

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def wait_state(self, path, states, timeout=60):
        return wait_until(lambda: (lambda s: s if s["state"] in states else None)(call(self.server, "GET", path)[1]),
                          timeout=timeout, message=f"{path} in {states}")

    def test_batches_run_the_spark_submit_command_livy_builds(self):
        app = os.path.join(self.server.scratch, "app.py")
        with open(app, "w") as f:
            f.write("import sys\nprint('hello from the app', sys.argv[1:])\n")
        dep = os.path.join(self.server.scratch, "dep.py")
        open(dep, "w").close()
        status, batch = call(self.server, "POST", "/batches", {
            "file": app, "className": "Main", "args": ["in", "out"], "name": "nightly",
            "executorMemory": "2g", "numExecutors": 3, "driverCores": 2, "pyFiles": [dep], "queue": "q1",
            "conf": {"spark.sql.shuffle.partitions": "8"}})
        self.assertEqual(status, 201, batch)
        done = self.wait_state(f"/batches/{batch['id']}", {"success", "dead", "killed"})
        self.assertEqual(done["state"], "success")
        _, log = call(self.server, "GET", f"/batches/{batch['id']}/log?size=-1")
        lines = log["log"]
        argv_line = next(l for l in lines if l.startswith("fake spark-submit argv: "))
        argv = json.loads(argv_line[len("fake spark-submit argv: "):])
        # Livy's order: --name, --class, then the conf entries (spark.submit.pyFiles as --py-files),
        # --queue, then the application and its arguments.
        self.assertEqual(argv[:4], ["--name", "nightly", "--class", "Main"])
        self.assertEqual(argv[-3:], ["file://" + app, "in", "out"])
        self.assertEqual(argv[-5:-3], ["--queue", "q1"])
        confs = [argv[i + 1] for i, a in enumerate(argv) if a == "--conf"]
        for expected in ["spark.sql.shuffle.partitions=8", "spark.master=spark://127.0.0.1:7077",
                         "spark.executor.memory=2g", "spark.executor.instances=3", "spark.driver.cores=2"]:
            self.assertIn(expected, confs)
        self.assertEqual(argv[argv.index("--py-files") + 1], "file://" + dep)
        self.assertNotIn("--master", argv)
        self.assertIn("hello from the app ['in', 'out']", lines)
        # With Spark every field applies: no "not applied" note.
        self.assertFalse([l for l in lines if "not applied" in l], lines)

    def test_pyspark_sessions_get_a_spark_session_and_run_sql(self):
        status, session = call(self.server, "POST", "/sessions", {"kind": "pyspark", "driverMemory": "1g"})
        self.assertEqual(status, 201, session)
        sid = session["id"]
        idle = self.wait_state(f"/sessions/{sid}", {"idle"})
        self.assertEqual(idle["appId"], "local-1700000000000")  # the SparkContext's applicationId

        def run(code, kind=None):
            body = {"code": code}
            if kind:
                body["kind"] = kind
            status, st = call(self.server, "POST", f"/sessions/{sid}/statements", body)
            self.assertEqual(status, 201, st)
            done = self.wait_state(f"/sessions/{sid}/statements/{st['id']}", {"available", "cancelled"})
            return done["output"]

        self.assertEqual(run("spark")["data"]["text/plain"], "<fake SparkSession>")
        conf = run("%json spark.conf_seen")["data"]["application/json"]
        self.assertEqual(conf["spark.app.name"], f"livy-session-{sid}")
        self.assertEqual(conf["spark.driver.memory"], "1g")
        self.assertEqual(conf["spark.master"], "spark://127.0.0.1:7077")
        sql = run("SELECT a, b FROM t", kind="sql")
        self.assertEqual(sql["status"], "ok", sql)
        table = sql["data"]["application/json"]
        self.assertEqual(table["data"], [[1, "x"], [2, "y"]])
        self.assertEqual([f["name"] for f in table["schema"]["fields"]], ["a", "b"])
        self.assertEqual(call(self.server, "DELETE", f"/sessions/{sid}")[0], 200)

    def test_sql_and_scala_sessions_run_where_spark_is_installed(self):
        status, session = call(self.server, "POST", "/sessions", {"kind": "sql"})
        self.assertEqual(status, 201, session)
        self.assertEqual(session["kind"], "sql")
        self.wait_state(f"/sessions/{session['id']}", {"idle"})
        status, st = call(self.server, "POST", f"/sessions/{session['id']}/statements", {"code": "SELECT 1"})
        self.assertEqual(status, 201)
        done = self.wait_state(f"/sessions/{session['id']}/statements/{st['id']}", {"available"})
        self.assertEqual(done["output"]["status"], "ok", done)

        # Scala runs in spark-shell (here the fake one, which understands integer arithmetic).
        status, scala = call(self.server, "POST", "/sessions", {"kind": "scala"})
        self.assertEqual(status, 201, scala)
        self.assertEqual(scala["kind"], "spark")
        self.wait_state(f"/sessions/{scala['id']}", {"idle"})
        status, st = call(self.server, "POST", f"/sessions/{scala['id']}/statements", {"code": "1 + 1"})
        self.assertEqual(status, 201, st)
        done = self.wait_state(f"/sessions/{scala['id']}/statements/{st['id']}", {"available"}, timeout=90)
        self.assertEqual(done["output"]["status"], "ok", done)
        self.assertEqual(done["output"]["data"]["text/plain"], "res0: Int = 2\n")  # Livy keeps the newline
        status, st = call(self.server, "POST", f"/sessions/{scala['id']}/statements", {"code": "1 / 0"})
        done = self.wait_state(f"/sessions/{scala['id']}/statements/{st['id']}", {"available"}, timeout=90)
        self.assertEqual(done["output"]["status"], "error", done)
        self.assertEqual(done["output"]["ename"], "Error")  # Livy's name for every Scala failure
        self.assertEqual(done["output"]["evalue"], "java.lang.ArithmeticException: / by zero")
        # R is not supported, Spark or not.
        status, body = call(self.server, "POST", "/sessions", {"kind": "sparkr"})
        self.assertEqual(status, 400)
        self.assertIn("R (kind sparkr) is not supported", body["msg"])

if __name__ == "__main__":
    unittest.main()
