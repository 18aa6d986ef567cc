"""Step Functions' JSONata mode through boto3 and the server: a JSONata state machine that calls a
real function (Arguments, $states.result, Assign, Output, Catch with $states.errorOutput), the
EvaluationFailed event of a failing expression, validation answers, and TestState."""

import io
import json
import time
import unittest
import zipfile

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from harness import REGION, JobflowServer

ROLE = "arn:aws:iam::123456789012:role/sfn"
LAMBDA = "arn:aws:states:::lambda:invoke"

APP = """
def handler(event, context):
    if event.get("fail"):
        raise ValueError("asked to fail")
    return {"sum": sum(event["numbers"])}
"""


def zip_bytes(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, text in files.items():
            z.writestr(name, text)
    return buffer.getvalue()


class SfnJsonataTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = JobflowServer()
        config = Config(inject_host_prefix=False, retries={"max_attempts": 1})
        cls.sfn = boto3.client("stepfunctions", endpoint_url=cls.server.endpoint, region_name=REGION,
                               aws_access_key_id="testing", aws_secret_access_key="testing", config=config)
        cls.functions = boto3.client("lambda", endpoint_url=cls.server.endpoint, region_name=REGION,
                                     aws_access_key_id="testing", aws_secret_access_key="testing", config=config)
        cls.functions.create_function(FunctionName="adder", Runtime="python3.12", Role=ROLE, Handler="app.handler",
                                      Timeout=60, Code={"ZipFile": zip_bytes({"app.py": APP})})

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def knows(self, shape, member):
        """Whether this botocore's model has the member (1.26 drops what it does not know)."""
        return member in self.sfn.meta.service_model.shape_for(shape).members

    def run_machine(self, name, definition, execution_input):
        arn = self.sfn.create_state_machine(name=name, definition=json.dumps(definition), roleArn=ROLE)["stateMachineArn"]
        execution = self.sfn.start_execution(stateMachineArn=arn, input=json.dumps(execution_input))["executionArn"]
        deadline = time.time() + 60
        while True:
            d = self.sfn.describe_execution(executionArn=execution)
            if d["status"] != "RUNNING" or time.time() > deadline:
                break
            time.sleep(0.05)
        events = self.sfn.get_execution_history(executionArn=execution, maxResults=1000)["events"]
        return d, events

    def test_a_function_called_with_arguments_and_its_result_shaped_by_output(self):
        definition = {
            "QueryLanguage": "JSONata",
            "StartAt": "Prepare",
            "States": {
                "Prepare": {"Type": "Pass", "Assign": {"scale": "{% $states.input.scale %}"}, "Next": "Add"},
                "Add": {"Type": "Task", "Resource": LAMBDA,
                        "Arguments": {"FunctionName": "adder", "Payload": {"numbers": "{% $states.input.numbers %}"}},
                        "Assign": {"raw": "{% $states.result.Payload.sum %}"},
                        "Output": {"scaled": "{% $states.result.Payload.sum * $scale %}"},
                        "Next": "Report"},
                "Report": {"Type": "Succeed",
                           "Output": "{% 'sum ' & $raw & ', scaled ' & $states.input.scaled %}"},
            },
        }
        d, events = self.run_machine("jsonata-add", definition, {"numbers": [1, 2, 3], "scale": 10})
        self.assertEqual(d["status"], "SUCCEEDED", d)
        self.assertEqual(json.loads(d["output"]), "sum 6, scaled 60")
        scheduled = [e for e in events if e["type"] == "TaskScheduled"][0]["taskScheduledEventDetails"]
        self.assertEqual(json.loads(scheduled["parameters"]),
                         {"FunctionName": "adder", "Payload": {"numbers": [1, 2, 3]}})
        exited = [e for e in events if e["type"] == "TaskStateExited"][0]["stateExitedEventDetails"]
        if self.knows("StateExitedEventDetails", "assignedVariables"):
            self.assertEqual(exited["assignedVariables"], {"raw": "6"})

    def test_a_function_error_caught_with_the_error_output(self):
        definition = {
            "QueryLanguage": "JSONata",
            "StartAt": "Add",
            "States": {
                "Add": {"Type": "Task", "Resource": LAMBDA,
                        "Arguments": {"FunctionName": "adder", "Payload": {"fail": True}},
                        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recover",
                                   "Output": {"error": "{% $states.errorOutput.Error %}",
                                              "from": "{% $states.input.tag %}"}}],
                        "End": True},
                "Recover": {"Type": "Pass", "End": True},
            },
        }
        d, _ = self.run_machine("jsonata-catch", definition, {"tag": "t1"})
        self.assertEqual(d["status"], "SUCCEEDED", d)
        self.assertEqual(json.loads(d["output"]), {"error": "ValueError", "from": "t1"})

    def test_an_expression_that_returns_nothing_fails_with_evaluation_failed(self):
        definition = {"QueryLanguage": "JSONata", "StartAt": "P",
                      "States": {"P": {"Type": "Pass", "Output": {"v": "{% $states.input.missing %}"}, "End": True}}}
        d, events = self.run_machine("jsonata-undefined", definition, {})
        self.assertEqual(d["status"], "FAILED")
        self.assertEqual(d["error"], "States.QueryEvaluationError")
        cause = ("An error occurred while executing the state 'P' (entered at the event id #2). The JSONata "
                 "expression '$states.input.missing' specified for the field 'Output/v' returned nothing (undefined).")
        self.assertEqual(d["cause"], cause)
        self.assertEqual([e["type"] for e in events],
                         ["ExecutionStarted", "PassStateEntered", "EvaluationFailed", "ExecutionFailed"])
        if not self.knows("HistoryEvent", "evaluationFailedEventDetails"):
            return
        details = events[2]["evaluationFailedEventDetails"]
        self.assertEqual(details, {"error": "States.QueryEvaluationError", "cause": cause, "location": "Output/v",
                                   "state": "P"})

    def test_definitions_are_refused_with_aws_diagnostics(self):
        downgrade = {"QueryLanguage": "JSONata", "StartAt": "X",
                     "States": {"X": {"Type": "Pass", "QueryLanguage": "JSONPath", "End": True}}}
        with self.assertRaises(ClientError) as raised:
            self.sfn.create_state_machine(name="bad", definition=json.dumps(downgrade), roleArn=ROLE)
        self.assertEqual(raised.exception.response["Error"]["Code"], "InvalidDefinition")
        self.assertIn("SCHEMA_VALIDATION_FAILED: 'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole "
                      "state machine at /States/X", raised.exception.response["Error"]["Message"])
        if not hasattr(self.sfn, "validate_state_machine_definition"):
            return
        paths = {"QueryLanguage": "JSONata", "StartAt": "X",
                 "States": {"X": {"Type": "Pass", "InputPath": "$.a", "Output": "{% phone %}", "End": True}}}
        r = self.sfn.validate_state_machine_definition(definition=json.dumps(paths))
        self.assertEqual(r["result"], "FAIL")
        self.assertEqual([(d["code"], d["message"], d["location"]) for d in r["diagnostics"]], [
            ("SCHEMA_VALIDATION_FAILED",
             "The QueryLanguage is set to 'JSONata', but field 'InputPath' is only supported for the 'JSONPath' "
             "QueryLanguage", "/States/X"),
            ("UNSUPPORTED_JSONATA_EXPRESSION", "Reference to 'phone' at the top level is not supported.",
             "/States/X/Output"),
        ])

    def test_kill9_inside_a_jsonata_map_resumes_with_its_variables(self):
        definition = {
            "QueryLanguage": "JSONata",
            "StartAt": "Init",
            "States": {
                "Init": {"Type": "Pass", "Assign": {"factor": 3}, "Next": "M"},
                "M": {"Type": "Map", "Items": "{% $states.input.xs %}", "MaxConcurrency": 1,
                      "ItemSelector": {"v": "{% $states.context.Map.Item.Value %}"},
                      "ItemProcessor": {"StartAt": "W", "States": {
                          "W": {"Type": "Wait", "Seconds": "{% $states.input.v %}",
                                "Output": "{% $states.input.v * $factor %}", "End": True}}},
                      "Output": "{% $sum($states.result) %}", "End": True},
            },
        }
        arn = self.sfn.create_state_machine(name="jsonata-restart", definition=json.dumps(definition),
                                            roleArn=ROLE)["stateMachineArn"]
        execution = self.sfn.start_execution(stateMachineArn=arn, input=json.dumps({"xs": [1, 2]}))["executionArn"]
        deadline = time.time() + 30
        while not any(e["type"] == "WaitStateEntered"
                      for e in self.sfn.get_execution_history(executionArn=execution)["events"]):
            self.assertLess(time.time(), deadline, "the first iteration's Wait")
            time.sleep(0.05)
        self.server.kill9()
        self.server.start()
        if hasattr(self.sfn, "close"):
            self.sfn.close()
        config = Config(inject_host_prefix=False, retries={"max_attempts": 1})
        self.__class__.sfn = boto3.client("stepfunctions", endpoint_url=self.server.endpoint, region_name=REGION,
                                          aws_access_key_id="testing", aws_secret_access_key="testing", config=config)
        deadline = time.time() + 30
        while self.sfn.describe_execution(executionArn=execution)["status"] == "RUNNING":
            self.assertLess(time.time(), deadline, "the execution to end after the restart")
            time.sleep(0.05)
        d = self.sfn.describe_execution(executionArn=execution)
        self.assertEqual(d["status"], "SUCCEEDED", d)
        self.assertEqual(json.loads(d["output"]), 9)

    def test_test_state_runs_a_jsonata_task_with_a_mock(self):
        if not hasattr(self.sfn, "test_state"):
            self.skipTest("this botocore has no TestState")
        if "mock" not in self.sfn.meta.service_model.operation_model("TestState").input_shape.members:
            self.skipTest("this botocore has no TestState mock")
        state = {"Type": "Task", "QueryLanguage": "JSONata", "Resource": LAMBDA,
                 "Arguments": {"FunctionName": "adder", "Payload": "{% $states.input %}"},
                 "Output": "{% $states.result.Payload.sum %}", "Next": "After"}
        r = self.sfn.test_state(definition=json.dumps(state), roleArn=ROLE, input=json.dumps({"numbers": [4]}),
                                inspectionLevel="DEBUG", mock={"result": json.dumps({"Payload": {"sum": 4}})})
        self.assertEqual(r["status"], "SUCCEEDED", r)
        self.assertEqual(r["nextState"], "After")
        self.assertEqual(json.loads(r["output"]), 4)
        self.assertEqual(json.loads(r["inspectionData"]["afterArguments"]),
                         {"FunctionName": "adder", "Payload": {"numbers": [4]}})


if __name__ == "__main__":
    unittest.main()
