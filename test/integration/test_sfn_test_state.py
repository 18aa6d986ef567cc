"""TestState through boto3: one state run alone, with its data flow (inspectionData), mocks for
Task states and the next state. Recent botocore only (1.26 has no TestState)."""

import json
import unittest

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from harness import REGION, JobflowServer

ROLE = "arn:aws:iam::123456789012:role/sfn"


class SfnTestStateTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = JobflowServer()
        # TestState carries the SDK's "sync-" host prefix; a local endpoint must not get it.
        cls.sfn = boto3.client("stepfunctions", endpoint_url=cls.server.endpoint, region_name=REGION,
                               aws_access_key_id="testing", aws_secret_access_key="testing",
                               config=Config(inject_host_prefix=False, retries={"max_attempts": 1}))
        if not hasattr(cls.sfn, "test_state"):
            raise unittest.SkipTest("this botocore has no TestState")

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def test_pass_state_with_debug_inspection(self):
        state = {"Type": "Pass", "InputPath": "$.in", "Parameters": {"v.$": "$.x"}, "ResultPath": "$.out",
                 "Next": "After"}
        r = self.sfn.test_state(definition=json.dumps(state), roleArn=ROLE, input=json.dumps({"in": {"x": 7}}),
                                inspectionLevel="DEBUG")
        self.assertEqual(r["status"], "SUCCEEDED")
        self.assertEqual(r["nextState"], "After")
        self.assertEqual(json.loads(r["output"]), {"in": {"x": 7}, "out": {"v": 7}})
        data = r["inspectionData"]
        self.assertEqual(json.loads(data["afterInputPath"]), {"x": 7})
        self.assertEqual(json.loads(data["afterParameters"]), {"v": 7})
        self.assertEqual(json.loads(data["afterResultPath"]), {"in": {"x": 7}, "out": {"v": 7}})

    def test_info_level_has_no_inspection_data(self):
        r = self.sfn.test_state(definition=json.dumps({"Type": "Pass", "End": True}), roleArn=ROLE, input="{}")
        self.assertEqual(r["status"], "SUCCEEDED")
        self.assertNotIn("inspectionData", r)
        self.assertNotIn("nextState", r)

    def test_task_with_a_mocked_error_is_caught(self):
        if "mock" not in self.sfn.meta.service_model.operation_model("TestState").input_shape.members:
            self.skipTest("this botocore has no TestState mock")
        state = {"Type": "Task", "Resource": "arn:aws:states:::elasticmapreduce:addStep.sync",
                 "Parameters": {"ClusterId": "j-1", "Step": {}},
                 "Catch": [{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.err", "Next": "Recover"}],
                 "End": True}
        r = self.sfn.test_state(definition=json.dumps(state), roleArn=ROLE, input="{}",
                                mock={"errorOutput": {"error": "States.TaskFailed", "cause": "step failed"}})
        self.assertEqual(r["status"], "CAUGHT_ERROR")
        self.assertEqual(r["nextState"], "Recover")
        self.assertEqual(json.loads(r["output"]), {"err": {"Error": "States.TaskFailed", "Cause": "step failed"}})

    def test_unmocked_task_calls_the_real_service(self):
        emr = self.server.client("emr")
        cluster = emr.run_job_flow(
            Name="ts", ReleaseLabel="emr-7.1.0",
            Instances={"KeepJobFlowAliveWhenNoSteps": True, "InstanceGroups": [
                {"Name": "Primary", "InstanceRole": "MASTER", "InstanceType": "m5.xlarge", "InstanceCount": 1}]},
            ServiceRole="EMR_DefaultRole", JobFlowRole="EMR_EC2_DefaultRole")["JobFlowId"]
        state = {"Type": "Task", "Resource": "arn:aws:states:::elasticmapreduce:addStep",
                 "Parameters": {"ClusterId": cluster, "Step": {
                     "Name": "from-teststate", "ActionOnFailure": "CONTINUE",
                     "HadoopJarStep": {"Jar": "command-runner.jar", "Args": ["true"]}}},
                 "End": True}
        r = self.sfn.test_state(definition=json.dumps(state), roleArn=ROLE, input="{}")
        self.assertEqual(r["status"], "SUCCEEDED", r)
        step_id = json.loads(r["output"])["StepId"]
        self.assertEqual(emr.describe_step(ClusterId=cluster, StepId=step_id)["Step"]["Name"], "from-teststate")
        # An EMR error is the task's failure, not an API error.
        state["Parameters"]["ClusterId"] = "j-NOSUCHCLUSTER1"
        r = self.sfn.test_state(definition=json.dumps(state), roleArn=ROLE, input="{}")
        self.assertEqual(r["status"], "FAILED")
        self.assertTrue(r["error"].startswith("EMR."), r)

    def test_sync_tasks_need_a_mock_and_bad_states_are_client_errors(self):
        task = {"Type": "Task", "Resource": "arn:aws:states:::elasticmapreduce:addStep.sync", "End": True}
        with self.assertRaises(ClientError) as e:
            self.sfn.test_state(definition=json.dumps(task), roleArn=ROLE, input="{}")
        self.assertEqual(e.exception.response["Error"]["Code"], "ValidationException")
        self.assertIn("mock", e.exception.response["Error"]["Message"])
        with self.assertRaises(ClientError) as e:
            self.sfn.test_state(definition=json.dumps({"Type": "Nope"}), roleArn=ROLE, input="{}")
        self.assertEqual(e.exception.response["Error"]["Code"], "InvalidDefinition")

if __name__ == "__main__":
    unittest.main()
