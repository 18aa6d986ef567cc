"""`jobflow sfn validate` and `jobflow sfn run` (on the server and --local) as a user runs them."""

import json
import os
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
        p = self.jobflow("run", self.definition, "--input", '{"a": 2}', "--url", self.server.endpoint, "--json")
        self.assertEqual(p.returncode, 1)
        result = json.loads(p.stdout)
        self.assertEqual((result["status"], result["error"], result["cause"]), ("FAILED", "Oops", "a was not 1"))
        self.assertEqual(result["events"][-1]["type"], "ExecutionFailed")
        # The machine made for the run is gone again.
        sfn = self.server.client("stepfunctions")
        self.assertEqual([m["name"] for m in sfn.list_state_machines()["stateMachines"]
                          if m["name"].startswith("jobflow-sfn-run-")], [])

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
