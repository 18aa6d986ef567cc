"""RedriveExecution through boto3 (recent botocore only): an aborted execution runs again from
the state where it stopped, survives a server kill on the way, and cannot be redriven twice."""

import json
import unittest

from botocore.exceptions import ClientError

from harness import JobflowServer, wait_until

ROLE = "arn:aws:iam::123456789012:role/sfn"
MACHINE = {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"n": 1}, "Next": "W"},
                                      "W": {"Type": "Wait", "Seconds": 2, "End": True}}}


class SfnRedriveTest(unittest.TestCase):
    def setUp(self):
        self.server = JobflowServer()
        self.sfn = self.server.client("stepfunctions")
        if not hasattr(self.sfn, "redrive_execution"):
            self.server.close()
            self.skipTest("this botocore has no RedriveExecution")

    def tearDown(self):
        self.server.close()

    def test_redrive_after_stop(self):
        arn = self.sfn.create_state_machine(name="redrive", definition=json.dumps(MACHINE), roleArn=ROLE)[
            "stateMachineArn"]
        ex = self.sfn.start_execution(stateMachineArn=arn, name="e1")["executionArn"]
        self.sfn.stop_execution(executionArn=ex, error="Stopped", cause="by the test")
        d = self.sfn.describe_execution(executionArn=ex)
        self.assertEqual((d["status"], d["redriveStatus"]), ("ABORTED", "REDRIVABLE"))

        r = self.sfn.redrive_execution(executionArn=ex)
        self.assertIn("redriveDate", r)
        self.server.kill9()  # the redriven execution waits; it must resume after a restart
        self.server.restart()
        self.sfn = self.server.client("stepfunctions")
        done = wait_until(lambda: (d := self.sfn.describe_execution(executionArn=ex))["status"] != "RUNNING" and d,
                          timeout=30, message="the redriven execution to end")
        self.assertEqual(done["status"], "SUCCEEDED")
        self.assertEqual(done["redriveCount"], 1)
        self.assertEqual(json.loads(done["output"]), {"n": 1})
        types = [e["type"] for e in self.sfn.get_execution_history(executionArn=ex)["events"]]
        self.assertEqual(types[-4:], ["ExecutionRedriven", "WaitStateEntered", "WaitStateExited", "ExecutionSucceeded"])

        with self.assertRaises(ClientError) as e:
            self.sfn.redrive_execution(executionArn=ex)
        self.assertEqual(e.exception.response["Error"]["Code"], "ExecutionNotRedrivable")


if __name__ == "__main__":
    unittest.main()
