"""Invoking functions with boto3: warm instances, errors, timeouts, Event and DryRun, LogType Tail,
boto3 inside a function reaching jobflow, a `provided` runtime whose bootstrap speaks the Runtime
API itself; and Step Functions' Lambda integrations."""

import base64
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import unittest
import zipfile

import boto3

from harness import JOBFLOW_BIN, JobflowServer

APP = """
import os
import boto3
COUNT = 0

def handler(event, context):
    global COUNT
    COUNT += 1
    print("event", json_dump(event))
    if event.get("fail"):
        raise ValueError("boom")
    if event.get("sleep"):
        import time
        time.sleep(event["sleep"])
    if event.get("emr"):
        # No endpoint in the code: the function's environment points boto3 at jobflow.
        emr = boto3.client("emr")
        return {"clusters": len(emr.list_clusters()["Clusters"])}
    return {"echo": event, "count": COUNT, "pid": os.getpid(), "remaining": context.get_remaining_time_in_millis() > 0}

def json_dump(value):
    import json
    return json.dumps(value, sort_keys=True)
"""

BOOTSTRAP = """#!/bin/sh
# A `provided` runtime: the Runtime API with curl, as in AWS's custom runtime tutorial.
set -eu
while true; do
  headers=$(mktemp)
  event=$(curl -sS -D "$headers" "http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/next")
  id=$(grep -i Lambda-Runtime-Aws-Request-Id "$headers" | tr -d '[:space:]' | cut -d: -f2)
  curl -sS -X POST "http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/$id/response" \\
       -d "{\\"shell\\": true, \\"got\\": $event}" > /dev/null
done
"""


def zip_bytes(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, (content, mode) in files.items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (0o100000 | mode) << 16
            z.writestr(info, content)
    return buffer.getvalue()


class FunctionsInvokeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = JobflowServer()
        cls.client = cls.server.client("lambda")
        cls.client.create_function(FunctionName="app", Runtime="python3.12", Role="arn:aws:iam::123456789012:role/r",
                                   Handler="app.handler", Timeout=60, Code={"ZipFile": zip_bytes({"app.py": (APP, 0o644)})})

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def invoke(self, name, event, **extra):
        r = self.client.invoke(FunctionName=name, Payload=json.dumps(event), **extra)
        body = r["Payload"].read()
        return r, json.loads(body) if body else None

    def test_warm_instances_are_reused(self):
        first, a = self.invoke("app", {"n": 1})
        self.assertEqual(first["StatusCode"], 200)
        self.assertEqual(first["ExecutedVersion"], "$LATEST")
        self.assertNotIn("FunctionError", first)
        self.assertEqual(a["echo"], {"n": 1})
        self.assertTrue(a["remaining"])
        _, b = self.invoke("app", {"n": 2})
        self.assertEqual(b["pid"], a["pid"])
        self.assertEqual(b["count"], a["count"] + 1)

    def test_errors_log_tail_event_and_dry_run(self):
        r, error = self.invoke("app", {"fail": True}, LogType="Tail")
        self.assertEqual(r["FunctionError"], "Unhandled")
        self.assertEqual((error["errorType"], error["errorMessage"]), ("ValueError", "boom"))
        log = base64.b64decode(r["LogResult"]).decode()
        self.assertIn("START RequestId: ", log)
        self.assertIn('event {"fail": true}', log)
        self.assertIn("REPORT RequestId: ", log)
        self.assertEqual(self.client.invoke(FunctionName="app", InvocationType="Event", Payload=b"{}")["StatusCode"], 202)
        self.assertEqual(self.client.invoke(FunctionName="app", InvocationType="DryRun")["StatusCode"], 204)
        with self.assertRaises(self.client.exceptions.ResourceNotFoundException):
            self.client.invoke(FunctionName="nobody", Payload=b"{}")
        with self.assertRaises(self.client.exceptions.InvalidRequestContentException):
            self.client.invoke(FunctionName="app", Payload=b"{not json")

    def test_boto3_inside_a_function_reaches_jobflow(self):
        _, out = self.invoke("app", {"emr": True})
        self.assertEqual(out, {"clusters": 0})

    def test_a_timeout_kills_the_instance_and_the_next_call_gets_a_new_one(self):
        self.client.create_function(FunctionName="slow", Runtime="python3.12", Role="arn:aws:iam::123456789012:role/r",
                                    Handler="app.handler", Timeout=1,
                                    Code={"ZipFile": zip_bytes({"app.py": (APP, 0o644)})})
        _, before = self.invoke("slow", {})
        r, error = self.invoke("slow", {"sleep": 30})
        self.assertEqual(r["FunctionError"], "Unhandled")
        self.assertRegex(error["errorMessage"], r"Task timed out after 1\.00 seconds$")
        _, after = self.invoke("slow", {})
        self.assertNotEqual(after["pid"], before["pid"])

    def test_an_import_error_fails_the_invocation_with_aws_init_error(self):
        self.client.create_function(FunctionName="broken", Runtime="python3.12", Role="arn:aws:iam::123456789012:role/r",
                                    Handler="missing.handler", Code={"ZipFile": zip_bytes({"app.py": (APP, 0o644)})})
        r, error = self.invoke("broken", {})
        self.assertEqual(r["FunctionError"], "Unhandled")
        self.assertEqual(error["errorType"], "Runtime.ImportModuleError")
        self.assertIn("Unable to import module 'missing'", error["errorMessage"])

    def test_a_provided_runtime_runs_its_own_bootstrap(self):
        self.client.create_function(FunctionName="shell", Runtime="provided.al2023", Role="arn:aws:iam::123456789012:role/r",
                                    Handler="unused", Code={"ZipFile": zip_bytes({"bootstrap": (BOOTSTRAP, 0o755)})})
        _, out = self.invoke("shell", {"x": 1})
        self.assertEqual(out, {"shell": True, "got": {"x": 1}})


TOKEN_APP = """
import json
import boto3

def handler(event, context):
    # Answers the waiting task itself, through jobflow's Step Functions API (no endpoint in code).
    boto3.client("stepfunctions").send_task_success(taskToken=event["token"], output=json.dumps({"done": event["n"]}))
    return "sent"
"""


class LambdaIntegrationTest(unittest.TestCase):
    """Step Functions' lambda:invoke, lambda:invoke.waitForTaskToken and function-ARN tasks."""

    @classmethod
    def setUpClass(cls):
        cls.server = JobflowServer()
        cls.lam = cls.server.client("lambda")
        cls.sfn = cls.server.client("stepfunctions")
        role = "arn:aws:iam::123456789012:role/r"
        cls.lam.create_function(FunctionName="app", Runtime="python3.12", Role=role, Handler="app.handler",
                                Timeout=60, Code={"ZipFile": zip_bytes({"app.py": (APP, 0o644)})})
        cls.lam.create_function(FunctionName="answer", Runtime="python3.12", Role=role, Handler="app.handler",
                                Timeout=60, Code={"ZipFile": zip_bytes({"app.py": (TOKEN_APP, 0o644)})})

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def run_machine(self, definition, machine_input):
        arn = self.sfn.create_state_machine(name=f"m{time.monotonic_ns()}", definition=json.dumps(definition),
                                            roleArn="arn:aws:iam::123456789012:role/r")["stateMachineArn"]
        execution = self.sfn.start_execution(stateMachineArn=arn, input=json.dumps(machine_input))["executionArn"]
        deadline = time.monotonic() + 60
        while True:
            d = self.sfn.describe_execution(executionArn=execution)
            if d["status"] != "RUNNING" or time.monotonic() > deadline:
                return d
            time.sleep(0.05)

    def test_invoke_returns_the_payload_in_aws_shape(self):
        d = self.run_machine({"StartAt": "Call", "States": {"Call": {
            "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "app", "Payload.$": "$"}, "End": True}}}, {"n": 7})
        self.assertEqual(d["status"], "SUCCEEDED", d)
        out = json.loads(d["output"])
        self.assertEqual(out["StatusCode"], 200)
        self.assertEqual(out["ExecutedVersion"], "$LATEST")
        self.assertEqual(out["Payload"]["echo"], {"n": 7})
        self.assertIn("RequestId", out["SdkResponseMetadata"])

    def test_a_function_arn_resource_returns_the_answer_itself(self):
        d = self.run_machine({"StartAt": "Call", "States": {"Call": {
            "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:app", "End": True}}}, {"n": 1})
        self.assertEqual(d["status"], "SUCCEEDED", d)
        self.assertEqual(json.loads(d["output"])["echo"], {"n": 1})

    def test_a_function_error_is_caught_by_its_error_type(self):
        d = self.run_machine({"StartAt": "Call", "States": {
            "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                     "Parameters": {"FunctionName": "app", "Payload": {"fail": True}},
                     "Catch": [{"ErrorEquals": ["ValueError"], "Next": "Caught"}], "End": True},
            "Caught": {"Type": "Pass", "End": True}}}, {})
        self.assertEqual(d["status"], "SUCCEEDED", d)
        caught = json.loads(d["output"])
        self.assertEqual(caught["Error"], "ValueError")
        self.assertEqual(json.loads(caught["Cause"])["errorMessage"], "boom")
        missing = self.run_machine({"StartAt": "Call", "States": {"Call": {
            "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "nobody", "Payload": {}}, "End": True}}}, {})
        self.assertEqual(missing["status"], "FAILED")
        self.assertEqual(missing["error"], "Lambda.ResourceNotFoundException")

    def test_wait_for_task_token_is_answered_by_the_function(self):
        d = self.run_machine({"StartAt": "Call", "States": {"Call": {
            "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
            "Parameters": {"FunctionName": "answer", "Payload": {"token.$": "$$.Task.Token", "n.$": "$.n"}},
            "End": True}}}, {"n": 5})
        self.assertEqual(d["status"], "SUCCEEDED", d)
        self.assertEqual(json.loads(d["output"]), {"done": 5})


class PortZeroTest(unittest.TestCase):
    """`--port 0`: the server binds a free port first, so what jobs and functions are told is the
    real address (it used to be http://127.0.0.1:0)."""

    def test_functions_are_told_the_port_the_server_bound(self):
        root = tempfile.mkdtemp(prefix="jobflow-port0-")
        log_path = os.path.join(root, "server.log")
        with open(log_path, "wb") as log:
            proc = subprocess.Popen([JOBFLOW_BIN, "server", "--host", "127.0.0.1", "--port", "0", "--data-dir",
                                     os.path.join(root, "data")], stdout=log, stderr=subprocess.STDOUT,
                                    start_new_session=True)
        try:
            port = None
            deadline = time.monotonic() + 20
            while port is None and time.monotonic() < deadline:
                with open(log_path) as f:
                    m = re.search(r"event=server_started .*port=(\d+)", f.read())
                port = m and m.group(1)
                time.sleep(0.05)
            self.assertIsNotNone(port, "the server did not start")
            endpoint = f"http://127.0.0.1:{port}"
            client = boto3.client("lambda", endpoint_url=endpoint, region_name="us-east-1",
                                  aws_access_key_id="x", aws_secret_access_key="x")
            code = "import os\ndef handler(event, context):\n    return os.environ['AWS_ENDPOINT_URL']\n"
            client.create_function(FunctionName="where", Runtime="python3.12", Role="arn:aws:iam::123456789012:role/r",
                                   Handler="app.handler", Code={"ZipFile": zip_bytes({"app.py": (code, 0o644)})})
            answer = json.loads(client.invoke(FunctionName="where")["Payload"].read())
            self.assertEqual(answer, endpoint)
        finally:
            proc.terminate()
            proc.wait(timeout=15)
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
