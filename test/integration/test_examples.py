"""The runnable examples (examples/*/run.sh) as tests: each one command exits 0 and prints the right
word counts, computed here independently from examples/data/corpus.

The examples run against a harness server (run.sh URL), with this interpreter as their PYTHON (so
the deploy scripts run under both boto3 versions); one runs without a URL, starting its own server
as a user's first run does. The failure path of example 3 (a step fails: the cluster is terminated
by the Catch) runs through `jobflow sfn run` on its definition.
"""

import collections
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import unittest

from harness import JOBFLOW_BIN, REPO, JobflowServer

EXAMPLES = os.path.join(REPO, "examples")
CORPUS = os.path.join(EXAMPLES, "data", "corpus")
TIMEOUT = 120  # each example takes well under 30 s


def expected_counts():
    """(word, count) for every word of the corpus, most frequent first, ties alphabetical."""
    counts = collections.Counter()
    for name in os.listdir(CORPUS):
        with open(os.path.join(CORPUS, name), encoding="utf-8") as f:
            counts.update(re.findall(r"[a-z]+(?:'[a-z]+)*", f.read().lower()))
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


EXPECTED = expected_counts()
TOP10 = EXPECTED[:10]


def run_example(name, *args, env=None):
    """Runs examples/NAME/run.sh ARGS; returns (exit code, stdout + stderr). The script's process
    group (its own server too, if it started one) is killed if it overruns."""
    environment = {**os.environ, "PYTHON": sys.executable, "JOBFLOW_BIN": JOBFLOW_BIN, **(env or {})}
    environment.pop("JOBFLOW_URL", None)
    proc = subprocess.Popen(["bash", os.path.join(EXAMPLES, name, "run.sh"), *args], env=environment,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        raise AssertionError(f"{name}/run.sh did not finish in {TIMEOUT} s:\n{out.decode(errors='replace')}")
    return proc.returncode, out.decode(errors="replace")


def printed_table(output):
    """The side-by-side table show_wordcounts.py prints: ([(word, count)] python, [...] java)."""
    lines = output[output.index("Top 10 words"):].splitlines()[2:12]
    python, java = [], []
    for line in lines:
        m = re.fullmatch(r"\s*(\d+)\s+(\S+)\s+(\d+)\s+(\S+)\s*", line)
        assert m, f"not a table row: {line!r}"
        python.append((m.group(2), int(m.group(1))))
        java.append((m.group(4), int(m.group(3))))
    return python, java


def printed_top(output, job):
    """The ten `count  word` lines a job printed after its `wordcount (JOB): ...` line."""
    lines = output[output.index(f"wordcount ({job}): "):].splitlines()[1:11]
    return [(word, int(count)) for count, word in (line.split() for line in lines)]


class ExamplesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = JobflowServer()
        cls.emr = cls.server.client()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def run_ok(self, name, *args, **kwargs):
        code, out = run_example(name, *args, **kwargs)
        self.assertEqual(code, 0, f"{name}/run.sh failed:\n{out}\nserver log:\n{self.server.log_tail()}")
        self.assertEqual(printed_table(out), (TOP10, TOP10), out)
        self.assertIn(f"the Python and Java word counts agree ({len(EXPECTED)} distinct words)", out)
        return out

    def test_1_function_transient_cluster(self):
        out = self.run_ok("1-function-transient-cluster", self.server.endpoint)
        log = out[out.index("-- function log (LogResult tail):"):out.index("-- function answer:")]
        self.assertIn("START RequestId: ", log)
        self.assertRegex(log, r"step s-\w+ wordcount-python: COMPLETED")
        self.assertRegex(log, r"step s-\w+ wordcount-java: COMPLETED")
        self.assertRegex(log, r"cluster j-\w+ TERMINATED")
        answer = json.loads(out[out.index("-- function answer:"):].splitlines()[1])
        self.assertEqual(answer["clusterState"], "TERMINATED")
        self.assertEqual([(s["name"], s["state"]) for s in answer["steps"]],
                         [("wordcount-python", "COMPLETED"), ("wordcount-java", "COMPLETED")])
        for job in ("python", "java"):
            self.assertEqual([tuple(pair) for pair in answer["top"][job]], TOP10)

    def test_2_livy_state_machine(self):
        out = self.run_ok("2-livy-state-machine", self.server.endpoint)
        self.assertIn("\nSUCCEEDED\n", out)
        for job in ("python", "java"):
            self.assertEqual(printed_top(out, job), TOP10, out)  # from `jobflow logs batch/N`
        batches = self.server.livy("GET", "/batches")[2]["sessions"]
        succeeded = {b["name"] for b in batches if b["state"] == "success"}
        self.assertTrue({"wordcount-python", "wordcount-java"} <= succeeded, batches)

    def test_3_sfn_emr_sync(self):
        out = self.run_ok("3-sfn-emr-sync", self.server.endpoint)
        self.assertIn("\nSUCCEEDED\n", out)
        for job in ("python", "java"):
            self.assertEqual(printed_top(out, job), TOP10, out)  # from `jobflow logs CLUSTER/STEP`
        result = json.loads(out[out.index("\nSUCCEEDED\n"):].splitlines()[2])
        cluster = self.emr.describe_cluster(ClusterId=result["ClusterId"])["Cluster"]
        self.assertEqual(cluster["Status"]["State"], "TERMINATED")
        self.assertEqual(cluster["StepConcurrencyLevel"], 2)

    def test_3_a_failing_step_terminates_the_cluster(self):
        with tempfile.TemporaryDirectory(prefix="jobflow-it-example-") as work:
            bad = {"corpus": os.path.join(work, "no-such-corpus"), "jar": os.path.join(work, "no-such.jar"),
                   "script": os.path.join(EXAMPLES, "jobs", "wordcount.py"), "output": work}
            run = subprocess.run(
                [JOBFLOW_BIN, "run", os.path.join(EXAMPLES, "3-sfn-emr-sync", "wordcount_pipeline.asl.json"),
                 "--url", self.server.endpoint, "--input", json.dumps(bad)],
                stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=TIMEOUT)
        self.assertEqual(run.returncode, 1, run.stdout + run.stderr)
        self.assertTrue(run.stdout.startswith("FAILED\nerror: States.TaskFailed\n"), run.stdout)
        self.assertIn("TerminateOnFailure", run.stderr)  # the progress lines
        clusters = [c for c in self.emr.list_clusters()["Clusters"] if c["Name"] == "wordcount-pipeline"]
        failed = [c for c in clusters if c["Id"] in run.stdout + run.stderr]
        self.assertEqual(len(failed), 1, clusters)
        self.assertEqual(failed[0]["Status"]["State"], "TERMINATED")

    def test_run_sh_without_a_url_starts_its_own_server(self):
        self.run_ok("3-sfn-emr-sync")


if __name__ == "__main__":
    unittest.main()
