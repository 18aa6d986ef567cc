"""`jobflow sfn validate` and `jobflow run` (also spelled `jobflow sfn run`; on the server and --local) as a
user runs them."""

import json
import os
import signal
import socket
import subprocess
import tempfile
import unittest

from harness import JOBFLOW_BIN, JobflowServer

CHAIN = {"StartAt": "A", "States": {
    "A": {"Type": "Pass", "Result": {"x": 1}, "ResultPath": "$.r", "Next": "W"},
    "W": {"Type": "Wait", "Seconds": 1, "Next": "C"},
    "C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "NumericEquals": 1, "Next": "Done"}], "Default": "F"},
    "F": {"Type": "Fail", "Error": "Oops", "Cause": "a was not 1"},
    "Done": {"Type": "Succeed"}}}


class SfnCliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = JobflowServer()
        cls.dir = tempfile.mkdtemp(prefix="jobflow-sfn-cli-")
        cls.definition = os.path.join(cls.dir, "chain.json")
        with open(cls.definition, "w") as f:
            json.dump(CHAIN, f)

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def jobflow(self, *args):
        return subprocess.run([JOBFLOW_BIN, "sfn", *args], capture_output=True, text=True, timeout=60)

    def run_command(self, *args):
        return subprocess.run([JOBFLOW_BIN, "run", *args], capture_output=True, text=True, timeout=60)

    def machine_names(self):
        sfn = self.server.client("stepfunctions")
        return [m["name"] for m in sfn.list_state_machines()["stateMachines"]]

    def test_validate_lists_every_problem_with_its_location(self):
        bad = os.path.join(self.dir, "bad.json")
        with open(bad, "w") as f:
            json.dump({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "C": {"Type": "Bogus"}}}, f)
        p = self.jobflow("validate", bad)
        self.assertEqual(p.returncode, 1)
        lines = p.stdout.strip().splitlines()
        self.assertIn("SCHEMA_VALIDATION_FAILED: The field 'Type' should have one of these values: "
                      "[Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map] at /States/C/Type", lines)
        self.assertIn("MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next", lines)
        ok = self.jobflow("validate", self.definition)
        self.assertEqual((ok.returncode, ok.stdout.strip()), (0, "OK"))
        # As ValidateStateMachineDefinition answers.
        as_json = self.jobflow("validate", bad, "-o", "json")
        self.assertEqual(as_json.returncode, 1)
        answer = json.loads(as_json.stdout)
        self.assertEqual((answer["result"], answer["truncated"]), ("FAIL", False))
        self.assertIn({"severity": "ERROR", "code": "MISSING_TRANSITION_TARGET",
                       "message": "Missing 'Next' target: B", "location": "/States/A/Next"}, answer["diagnostics"])
        self.assertEqual(json.loads(self.jobflow("validate", self.definition, "-o", "json").stdout),
                         {"result": "OK", "diagnostics": [], "truncated": False})

    def test_run_on_the_server_shows_each_state_and_the_output(self):
        p = self.jobflow("run", self.definition, "--input", '{"a": 1}', "--url", self.server.endpoint)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout.strip().splitlines(), ["SUCCEEDED", '{"a":1,"r":{"x":1}}'])
        for expected in ("PassStateEntered", "WaitStateExited", "ChoiceStateExited", "SucceedStateEntered",
                         "ExecutionSucceeded"):
            self.assertIn(expected, p.stderr)
        status, _, body = self.server.http("GET", "/metrics")
        metrics = body.decode()
        self.assertEqual(status, 200)
        self.assertRegex(metrics, r'jobflow_sfn_executions_ended\{status="SUCCEEDED"\} [1-9]')
        self.assertRegex(metrics, r"jobflow_sfn_transitions [1-9]")

    def test_run_reports_the_error_and_cause(self):
        before = self.machine_names()
        p = self.run_command(self.definition, "--input", '{"a": 2}', "--url", self.server.endpoint, "-o", "json")
        self.assertEqual(p.returncode, 1)
        result = json.loads(p.stdout)
        self.assertEqual((result["status"], result["error"], result["cause"]), ("FAILED", "Oops", "a was not 1"))
        self.assertEqual(result["events"][-1]["type"], "ExecutionFailed")
        # The machine made for the run was named after the file, and is gone again; its execution
        # stays readable.
        self.assertRegex(result["executionArn"], r":execution:chain-\d+:")
        self.assertEqual(self.machine_names(), before)
        sfn = self.server.client("stepfunctions")
        self.assertEqual(sfn.describe_execution(executionArn=result["executionArn"])["status"], "FAILED")

    def test_top_level_run_follows_the_execution_with_the_global_url(self):
        p = subprocess.run([JOBFLOW_BIN, "--url", self.server.endpoint, "run", self.definition, "--input", '{"a": 1}'],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout.strip().splitlines(), ["SUCCEEDED", '{"a":1,"r":{"x":1}}'])
        # Piped: one plain line per event, in order, and no terminal control characters.
        types = [line.split()[2] for line in p.stderr.splitlines()]
        self.assertEqual(types[0], "ExecutionStarted")
        self.assertEqual(types[-1], "ExecutionSucceeded")
        self.assertNotIn("\r", p.stderr)
        self.assertNotIn("\033", p.stderr)

    def test_ctrl_c_stops_the_execution_and_cleans_up(self):
        waits = os.path.join(self.dir, "waits.asl.json")
        with open(waits, "w") as f:
            json.dump({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 60, "End": True}}}, f)
        before = self.machine_names()
        p = subprocess.Popen([JOBFLOW_BIN, "run", waits, "--url", self.server.endpoint], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
        # Interrupt once the execution is under way (its Wait state entered).
        line = ""
        while "WaitStateEntered" not in line:
            line = p.stderr.readline()
            self.assertNotEqual(line, "", "jobflow run ended before its Wait state")
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=30)
        self.assertEqual(p.returncode, 1, err)
        self.assertEqual(out.splitlines()[:2], ["ABORTED", "error: jobflow.Interrupted"])
        self.assertIn("ExecutionAborted", err)
        self.assertEqual(self.machine_names(), before)

    def test_no_server_exits_5(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]  # bound, not listening: connections are refused
            p = self.run_command(self.definition, "--url", f"http://127.0.0.1:{port}")
        self.assertEqual(p.returncode, 5, p.stderr)
        self.assertIn("jobflow run:", p.stderr)

    def test_virtual_time_needs_local(self):
        p = self.run_command(self.definition, "--virtual-time", "--url", self.server.endpoint)
        self.assertEqual(p.returncode, 2)
        self.assertIn("--virtual-time needs --local", p.stderr)

    def test_invalid_definitions_are_refused_before_running(self):
        bad = os.path.join(self.dir, "refused.json")
        with open(bad, "w") as f:
            json.dump({"StartAt": "A", "States": {"A": {"Type": "Pass"}}}, f)
        p = self.jobflow("run", bad, "--url", self.server.endpoint)
        self.assertEqual(p.returncode, 2)
        self.assertIn("InvalidDefinition", p.stderr)

    def test_run_local_in_virtual_time(self):
        p = self.jobflow("run", self.definition, "--local", "--virtual-time", "--input", '{"a": 1}', "-q")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout.strip().splitlines(), ["SUCCEEDED", '{"a":1,"r":{"x":1}}'])


if __name__ == "__main__":
    unittest.main()
