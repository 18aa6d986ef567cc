"""Step Functions executions against the real server, through boto3 `stepfunctions`: StartExecution,
StartSyncExecution, DescribeExecution, DescribeStateMachineForExecution, StopExecution,
ListExecutions and GetExecutionHistory, on Pass/Choice/Wait/Parallel/Map/Fail machines, with the
failure paths, plus a kill -9 in the middle of a Wait (the execution resumes and ends once) and one
AWS CLI v2 round trip."""

import json
import os
import subprocess
import time
import unittest

from botocore.config import Config
from botocore.exceptions import ClientError

import boto3

from harness import HOST, REGION, JobflowServer, wait_until

ACCOUNT = "123456789012"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/sfn"
AWS_V2 = "/usr/bin/aws"
TERMINAL = ("SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED")


def definition(start, states, **top):
    d = {"StartAt": start, "States": states}
    d.update(top)
    return json.dumps(d)


PASS = definition("P", {"P": {"Type": "Pass", "End": True}})
CHOICE = definition("C", {
    "C": {"Type": "Choice",
          "Choices": [{"Variable": "$.x", "NumericGreaterThan": 10, "Next": "Big"}],
          "Default": "Small"},
    "Big": {"Type": "Pass", "Result": "big", "End": True},
    "Small": {"Type": "Pass", "Result": "small", "End": True},
})
WAIT_1 = definition("W", {"W": {"Type": "Wait", "Seconds": 1, "Next": "Done"},
                          "Done": {"Type": "Pass", "Result": {"waited": True}, "End": True}})
WAIT_60 = definition("W", {"W": {"Type": "Wait", "Seconds": 60, "End": True}})
PARALLEL = definition("Par", {"Par": {"Type": "Parallel", "End": True, "Branches": [
    {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": "a", "End": True}}},
    {"StartAt": "B", "States": {"B": {"Type": "Pass", "InputPath": "$.v", "End": True}}},
]}})
MAP = definition("M", {"M": {"Type": "Map", "ItemsPath": "$.items", "End": True, "Iterator": {
    "StartAt": "Double", "States": {"Double": {"Type": "Pass", "Parameters": {"v.$": "$"}, "End": True}}}}})
FAIL = definition("F", {"F": {"Type": "Fail", "Error": "Custom.Broken", "Cause": "it broke on purpose"}})
CHAIN = definition("S0", {f"S{i}": ({"Type": "Pass", "Next": f"S{i + 1}"} if i < 4 else {"Type": "Pass", "End": True})
                          for i in range(5)})


def sm_arn(name):
    return f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:{name}"


def exec_arn(machine, name):
    return f"arn:aws:states:{REGION}:{ACCOUNT}:execution:{machine}:{name}"


def sfn_client(server):
    """A client that leaves the `sync-` host prefix of StartSyncExecution out (the server answers on
    any Host, but `sync-127.0.0.1` does not resolve)."""
    kwargs = dict(retries={"mode": "standard", "max_attempts": 1}, connect_timeout=5, read_timeout=90)
    try:
        config = Config(inject_host_prefix=False, **kwargs)
    except TypeError:
        config = Config(**kwargs)
    return boto3.client("stepfunctions", endpoint_url=server.endpoint, region_name=REGION,
                        aws_access_key_id="testing", aws_secret_access_key="testing", config=config)


class SfnCase(unittest.TestCase):
    server = None

    @classmethod
    def setUpClass(cls):
        cls.server = JobflowServer()
        cls.sfn = sfn_client(cls.server)
        # Debian's botocore (1.29) predates versions/aliases, redrive fields and includedData.
        cls.modern = hasattr(cls.sfn, "publish_state_machine_version")

    @classmethod
    def tearDownClass(cls):
        if cls.server:
            cls.server.close()

    def require_modern(self):
        if not self.modern:
            self.skipTest("this botocore lacks the members this test reads")

    def assert_error(self, code, fn, message=None, contains=None, **kwargs):
        with self.assertRaises(ClientError) as cm:
            fn(**kwargs)
        err = cm.exception.response["Error"]
        self.assertEqual(err["Code"], code, cm.exception.response)
        self.assertEqual(cm.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)
        if message is not None:
            self.assertEqual(err["Message"], message)
        if contains is not None:
            self.assertIn(contains, err["Message"])
        return err

    def create(self, name, text, type="STANDARD"):
        return self.sfn.create_state_machine(name=name, definition=text, roleArn=ROLE, type=type)["stateMachineArn"]

    def start(self, machine_arn, input=None, **kwargs):
        if input is not None:
            kwargs["input"] = input if isinstance(input, str) else json.dumps(input)
        return self.sfn.start_execution(stateMachineArn=machine_arn, **kwargs)["executionArn"]

    def wait_done(self, arn, timeout=30):
        return wait_until(lambda: (lambda d: d if d["status"] in TERMINAL else None)(
            self.sfn.describe_execution(executionArn=arn)), timeout=timeout, message=f"{arn} to end")

    def history(self, arn, **kwargs):
        events, token = [], None
        while True:
            page = self.sfn.get_execution_history(executionArn=arn, **kwargs, **({"nextToken": token} if token else {}))
            events.extend(page["events"])
            token = page.get("nextToken")
            if not token:
                return events

    def types(self, arn):
        return [e["type"] for e in self.history(arn)]

    def assert_well_formed_history(self, events):
        ids = [e["id"] for e in events]
        self.assertEqual(ids, list(range(1, len(events) + 1)), "event ids are 1..n without gaps or repeats")
        self.assertEqual(events[0]["type"], "ExecutionStarted")
        for e in events:
            self.assertIn("timestamp", e)
            self.assertIn("previousEventId", e)
            self.assertEqual(len([k for k in e if k.endswith("EventDetails")]) <= 1, True, e)


class SfnExecutionsTest(SfnCase):

    # --- state types -----------------------------------------------------------------------------

    def test_pass_start_describe_history(self):
        machine = self.create("pass", PASS)
        started = self.sfn.start_execution(stateMachineArn=machine, name="first", input='{"a": 1}',
                                           traceHeader="Root=1-abc")
        arn = started["executionArn"]
        self.assertEqual(arn, exec_arn("pass", "first"))
        self.assertIn("startDate", started)
        d = self.wait_done(arn)
        self.assertEqual(d["status"], "SUCCEEDED")
        self.assertEqual(d["name"], "first")
        self.assertEqual(d["stateMachineArn"], machine)
        self.assertEqual(json.loads(d["input"]), {"a": 1})
        self.assertEqual(json.loads(d["output"]), {"a": 1})
        self.assertEqual(d["inputDetails"], {"included": True})
        self.assertEqual(d["outputDetails"], {"included": True})
        self.assertEqual(d["startDate"], started["startDate"])
        self.assertGreaterEqual(d["stopDate"], d["startDate"])
        self.assertEqual(d.get("traceHeader"), "Root=1-abc")
        self.assertNotIn("error", d)
        self.assertNotIn("stateMachineVersionArn", d)
        if self.modern:
            self.assertEqual(d["redriveCount"], 0)
            self.assertEqual(d["redriveStatus"], "NOT_REDRIVABLE")
            self.assertEqual(d["redriveStatusReason"], "Execution is SUCCEEDED and cannot be redriven")
        events = self.history(arn)
        self.assert_well_formed_history(events)
        self.assertEqual([e["type"] for e in events],
                         ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
        self.assertEqual(json.loads(events[0]["executionStartedEventDetails"]["input"]), {"a": 1})
        self.assertEqual(events[0]["executionStartedEventDetails"]["roleArn"], ROLE)
        self.assertEqual(events[1]["stateEnteredEventDetails"]["name"], "P")
        self.assertEqual(json.loads(events[3]["executionSucceededEventDetails"]["output"]), {"a": 1})

        sm = self.sfn.describe_state_machine_for_execution(executionArn=arn)
        self.assertEqual(sm["stateMachineArn"], machine)
        self.assertEqual(sm["name"], "pass")
        self.assertEqual(sm["definition"], PASS)
        self.assertEqual(sm["roleArn"], ROLE)
        self.assertIn("updateDate", sm)
        self.assertEqual(sm["loggingConfiguration"]["level"], "OFF")
        self.assertEqual(sm["tracingConfiguration"], {"enabled": False})

    def test_default_name_and_input(self):
        machine = self.create("defaults", PASS)
        arn = self.start(machine)
        d = self.wait_done(arn)
        self.assertRegex(d["name"], r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
        self.assertEqual(json.loads(d["input"]), {})
        self.assertEqual(arn, exec_arn("defaults", d["name"]))

    def test_definition_as_it_was_at_start(self):
        machine = self.create("updated-later", PASS)
        arn = self.start(machine, name="before")
        self.wait_done(arn)
        new = definition("Q", {"Q": {"Type": "Pass", "Result": 1, "End": True}})
        self.sfn.update_state_machine(stateMachineArn=machine, definition=new)
        self.assertEqual(self.sfn.describe_state_machine_for_execution(executionArn=arn)["definition"], PASS)
        arn2 = self.start(machine, name="after")
        self.assertEqual(json.loads(self.wait_done(arn2)["output"]), 1)
        self.assertEqual(self.sfn.describe_state_machine_for_execution(executionArn=arn2)["definition"], new)

    def test_choice(self):
        machine = self.create("choice", CHOICE)
        big = self.start(machine, {"x": 11})
        small = self.start(machine, {"x": 3})
        self.assertEqual(json.loads(self.wait_done(big)["output"]), "big")
        self.assertEqual(json.loads(self.wait_done(small)["output"]), "small")
        self.assertEqual(self.types(big), ["ExecutionStarted", "ChoiceStateEntered", "ChoiceStateExited",
                                           "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
        entered = [e for e in self.history(big) if e["type"] == "PassStateEntered"][0]
        self.assertEqual(entered["stateEnteredEventDetails"]["name"], "Big")

    def test_wait(self):
        machine = self.create("wait", WAIT_1)
        arn = self.start(machine, {"k": "v"})
        self.assertEqual(self.sfn.describe_execution(executionArn=arn)["status"], "RUNNING")
        running = self.sfn.describe_execution(executionArn=arn)
        self.assertNotIn("stopDate", running)
        self.assertNotIn("output", running)
        if self.modern:
            self.assertEqual(running["redriveStatus"], "NOT_REDRIVABLE")
        d = self.wait_done(arn, timeout=15)
        self.assertEqual(d["status"], "SUCCEEDED")
        self.assertEqual(json.loads(d["output"]), {"waited": True})
        self.assertGreaterEqual((d["stopDate"] - d["startDate"]).total_seconds(), 0.9)
        self.assertEqual(self.types(arn), ["ExecutionStarted", "WaitStateEntered", "WaitStateExited",
                                           "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])

    def test_parallel(self):
        machine = self.create("parallel", PARALLEL)
        arn = self.start(machine, {"v": [1, 2]})
        d = self.wait_done(arn)
        self.assertEqual(d["status"], "SUCCEEDED", d)
        self.assertEqual(json.loads(d["output"]), ["a", [1, 2]])
        events = self.history(arn)
        self.assert_well_formed_history(events)
        types = [e["type"] for e in events]
        self.assertEqual(types[:3], ["ExecutionStarted", "ParallelStateEntered", "ParallelStateStarted"])
        self.assertEqual(types[-3:], ["ParallelStateSucceeded", "ParallelStateExited", "ExecutionSucceeded"])
        self.assertEqual(types.count("PassStateEntered"), 2)

    def test_map(self):
        machine = self.create("map", MAP)
        arn = self.start(machine, {"items": [1, 2, 3]})
        d = self.wait_done(arn)
        self.assertEqual(d["status"], "SUCCEEDED", d)
        self.assertEqual(json.loads(d["output"]), [{"v": 1}, {"v": 2}, {"v": 3}])
        events = self.history(arn)
        self.assert_well_formed_history(events)
        types = [e["type"] for e in events]
        self.assertEqual(types[:3], ["ExecutionStarted", "MapStateEntered", "MapStateStarted"])
        self.assertEqual(events[2]["mapStateStartedEventDetails"], {"length": 3})
        self.assertEqual(types.count("MapIterationStarted"), 3)
        self.assertEqual(types.count("MapIterationSucceeded"), 3)
        self.assertEqual(types[-3:], ["MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"])
        indexes = sorted(e["mapIterationStartedEventDetails"]["index"] for e in events
                         if e["type"] == "MapIterationStarted")
        self.assertEqual(indexes, [0, 1, 2])

    def test_fail(self):
        machine = self.create("fail", FAIL)
        arn = self.start(machine)
        d = self.wait_done(arn)
        self.assertEqual(d["status"], "FAILED")
        self.assertNotIn("output", d)
        if self.modern:  # botocore 1.29's DescribeExecution has no error/cause
            self.assertEqual(d["error"], "Custom.Broken")
            self.assertEqual(d["cause"], "it broke on purpose")
            self.assertEqual(d["redriveStatus"], "REDRIVABLE")
        events = self.history(arn)
        self.assertEqual([e["type"] for e in events], ["ExecutionStarted", "FailStateEntered", "ExecutionFailed"])
        self.assertEqual(events[-1]["executionFailedEventDetails"],
                         {"error": "Custom.Broken", "cause": "it broke on purpose"})

    # --- StopExecution ---------------------------------------------------------------------------

    def test_stop_wait(self):
        machine = self.create("stoppable", WAIT_60)
        arn = self.start(machine, name="to-stop")
        wait_until(lambda: "WaitStateEntered" in self.types(arn), message="the Wait state to be entered")
        stopped = self.sfn.stop_execution(executionArn=arn, error="Operator.Stop", cause="not needed")
        self.assertIn("stopDate", stopped)
        d = self.sfn.describe_execution(executionArn=arn)
        self.assertEqual(d["status"], "ABORTED")
        self.assertEqual(d["stopDate"], stopped["stopDate"])
        if self.modern:
            self.assertEqual(d["error"], "Operator.Stop")
            self.assertEqual(d["cause"], "not needed")
        events = self.history(arn)
        self.assert_well_formed_history(events)
        self.assertEqual(events[-1]["type"], "ExecutionAborted")
        self.assertEqual(events[-1]["executionAbortedEventDetails"], {"error": "Operator.Stop", "cause": "not needed"})
        # The timer of the aborted Wait must not move the execution on.
        self.assertEqual(self.sfn.describe_execution(executionArn=arn)["status"], "ABORTED")

    def test_stop_without_error(self):
        machine = self.create("stoppable-bare", WAIT_60)
        arn = self.start(machine)
        self.sfn.stop_execution(executionArn=arn)
        self.assertEqual(self.sfn.describe_execution(executionArn=arn)["status"], "ABORTED")
        self.assertEqual(self.history(arn)[-1]["type"], "ExecutionAborted")

    # --- start: idempotency and errors -----------------------------------------------------------

    def test_idempotent_start_by_name(self):
        machine = self.create("idem", WAIT_60)
        a = self.sfn.start_execution(stateMachineArn=machine, name="same", input='{"n": 1}')
        b = self.sfn.start_execution(stateMachineArn=machine, name="same", input='{"n": 1}')
        self.assertEqual(a["executionArn"], b["executionArn"])
        self.assertEqual(a["startDate"], b["startDate"])
        self.assert_error("ExecutionAlreadyExists", self.sfn.start_execution, stateMachineArn=machine,
                          name="same", input='{"n": 2}',
                          message=f"Execution Already Exists: '{exec_arn('idem', 'same')}'")
        self.sfn.stop_execution(executionArn=a["executionArn"])
        # Closed: the name stays taken, even with the same input.
        self.assert_error("ExecutionAlreadyExists", self.sfn.start_execution, stateMachineArn=machine,
                          name="same", input='{"n": 1}')
        self.assertEqual(len(self.sfn.list_executions(stateMachineArn=machine)["executions"]), 1)

    def test_invalid_input(self):
        machine = self.create("bad-input", PASS)
        self.assert_error("InvalidExecutionInput", self.sfn.start_execution, stateMachineArn=machine,
                          input="{not json", contains="Invalid State Machine Execution Input: '")
        self.assertEqual(self.sfn.list_executions(stateMachineArn=machine)["executions"], [])

    def test_start_errors(self):
        self.assert_error("StateMachineDoesNotExist", self.sfn.start_execution, stateMachineArn=sm_arn("nope"),
                          message=f"State Machine Does Not Exist: '{sm_arn('nope')}'")
        self.assert_error("InvalidArn", self.sfn.start_execution, stateMachineArn="not-an-arn")
        machine = self.create("names", PASS)
        self.assert_error("InvalidName", self.sfn.start_execution, stateMachineArn=machine, name="has space")
        self.assert_error("ValidationException", self.sfn.start_execution, stateMachineArn=machine, name="n" * 81,
                          contains="at 'name' failed to satisfy constraint: Member must have length less than or "
                                   "equal to 80")

    def test_unknown_execution(self):
        missing = exec_arn("pass-missing", "nobody")
        message = f"Execution Does Not Exist: '{missing}'"
        self.assert_error("ExecutionDoesNotExist", self.sfn.describe_execution, executionArn=missing, message=message)
        self.assert_error("ExecutionDoesNotExist", self.sfn.get_execution_history, executionArn=missing,
                          message=message)
        self.assert_error("ExecutionDoesNotExist", self.sfn.stop_execution, executionArn=missing, message=message)
        self.assert_error("ExecutionDoesNotExist", self.sfn.describe_state_machine_for_execution,
                          executionArn=missing, message=message)
        self.assert_error("InvalidArn", self.sfn.describe_execution, executionArn="arn:aws:nope")

    # --- GetExecutionHistory ---------------------------------------------------------------------

    def test_history_pagination_and_order(self):
        machine = self.create("chain", CHAIN)
        arn = self.start(machine, {"i": 0})
        self.wait_done(arn)
        everything = self.sfn.get_execution_history(executionArn=arn)["events"]
        self.assertEqual(len(everything), 12)  # started, 5 x (entered, exited), succeeded
        self.assert_well_formed_history(everything)

        pages, token = [], None
        while True:
            kw = {"nextToken": token} if token else {}
            page = self.sfn.get_execution_history(executionArn=arn, maxResults=5, **kw)
            pages.append(page["events"])
            token = page.get("nextToken")
            if not token:
                break
        self.assertEqual([len(p) for p in pages], [5, 5, 2])
        self.assertEqual([e["id"] for p in pages for e in p], list(range(1, 13)))

        reverse = self.history(arn, reverseOrder=True, maxResults=4)
        self.assertEqual([e["id"] for e in reverse], list(range(12, 0, -1)))
        self.assertEqual(reverse[0]["type"], "ExecutionSucceeded")

        lean = self.sfn.get_execution_history(executionArn=arn, includeExecutionData=False)["events"]
        self.assertEqual([e["type"] for e in lean], [e["type"] for e in everything])
        self.assertNotIn("input", lean[0]["executionStartedEventDetails"])

        self.assert_error("ValidationException", self.sfn.get_execution_history, executionArn=arn, maxResults=1001,
                          message="1 validation error detected: Value '1001' at 'maxResults' failed to satisfy "
                                  "constraint: Member must have value less than or equal to 1000")
        self.assert_error("InvalidToken", self.sfn.get_execution_history, executionArn=arn, nextToken="garbage")

    # --- ListExecutions --------------------------------------------------------------------------

    def test_list_filter_and_pages(self):
        machine = self.create("listed", WAIT_60)
        arns = [self.start(machine, name=f"e{i}") for i in range(5)]
        for arn in arns[:2]:
            self.sfn.stop_execution(executionArn=arn)
        listed = self.sfn.list_executions(stateMachineArn=machine)["executions"]
        self.assertEqual([e["executionArn"] for e in listed], list(reversed(arns)))  # newest first
        first = listed[0]
        self.assertEqual(first["stateMachineArn"], machine)
        self.assertEqual(first["name"], "e4")
        self.assertEqual(first["status"], "RUNNING")
        self.assertNotIn("stopDate", first)
        aborted = self.sfn.list_executions(stateMachineArn=machine, statusFilter="ABORTED")["executions"]
        self.assertEqual(sorted(e["executionArn"] for e in aborted), sorted(arns[:2]))
        self.assertTrue(all("stopDate" in e for e in aborted))
        running = self.sfn.list_executions(stateMachineArn=machine, statusFilter="RUNNING")["executions"]
        self.assertEqual(len(running), 3)
        self.assertEqual(self.sfn.list_executions(stateMachineArn=machine, statusFilter="FAILED")["executions"], [])

        seen, token, sizes = [], None, []
        while True:
            kw = {"nextToken": token} if token else {}
            page = self.sfn.list_executions(stateMachineArn=machine, maxResults=2, **kw)
            sizes.append(len(page["executions"]))
            seen.extend(e["executionArn"] for e in page["executions"])
            token = page.get("nextToken")
            if not token:
                break
        self.assertEqual(sizes, [2, 2, 1])
        self.assertEqual(seen, list(reversed(arns)))
        paginated = [e["executionArn"] for p in self.sfn.get_paginator("list_executions").paginate(
            stateMachineArn=machine, PaginationConfig={"PageSize": 3}) for e in p["executions"]]
        self.assertEqual(paginated, list(reversed(arns)))

        self.assert_error("ValidationException", self.sfn.list_executions, stateMachineArn=machine, maxResults=1001,
                          message="1 validation error detected: Value '1001' at 'maxResults' failed to satisfy "
                                  "constraint: Member must have value less than or equal to 1000")
        self.assert_error("StateMachineDoesNotExist", self.sfn.list_executions, stateMachineArn=sm_arn("nope"))
        self.assert_error("InvalidToken", self.sfn.list_executions, stateMachineArn=machine, nextToken="garbage")
        for arn in arns[2:]:
            self.sfn.stop_execution(executionArn=arn)

    def test_list_status_filter_enum(self):
        status, _, body = self.raw("ListExecutions", {"stateMachineArn": sm_arn("x"), "statusFilter": "DONE"})
        self.assertEqual(status, 400)
        self.assertEqual(body["__type"], "ValidationException")
        self.assertIn("at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set",
                      body["message"])

    # --- Express and StartSyncExecution ----------------------------------------------------------

    def test_start_sync_express(self):
        machine = self.create("express", definition("P", {"P": {"Type": "Pass", "Parameters": {"got.$": "$.x"},
                                                                 "End": True}}), type="EXPRESS")
        r = self.sfn.start_sync_execution(stateMachineArn=machine, name="sync1", input='{"x": 7}')
        self.assertEqual(r["status"], "SUCCEEDED")
        self.assertEqual(json.loads(r["output"]), {"got": 7})
        self.assertEqual(json.loads(r["input"]), {"x": 7})
        self.assertEqual(r["inputDetails"], {"included": True})
        self.assertEqual(r["outputDetails"], {"included": True})
        self.assertEqual(r["name"], "sync1")
        self.assertEqual(r["stateMachineArn"], machine)
        self.assertTrue(r["executionArn"].startswith(f"arn:aws:states:{REGION}:{ACCOUNT}:express:express:sync1:"),
                        r["executionArn"])
        self.assertGreaterEqual(r["stopDate"], r["startDate"])
        self.assertEqual(r["billingDetails"]["billedMemoryUsedInMB"], 64)
        self.assertGreaterEqual(r["billingDetails"]["billedDurationInMilliseconds"], 100)
        # Express executions have no history to read back.
        self.assert_error("InvalidArn", self.sfn.describe_execution, executionArn=r["executionArn"],
                          message="Invalid Arn: 'Resource type not valid in this context: express'")
        self.assert_error("StateMachineTypeNotSupported", self.sfn.list_executions, stateMachineArn=machine,
                          message="This operation is not supported by this type of state machine")

    def test_start_sync_express_failure(self):
        machine = self.create("express-fail", FAIL, type="EXPRESS")
        r = self.sfn.start_sync_execution(stateMachineArn=machine, input="{}")
        self.assertEqual(r["status"], "FAILED")
        self.assertEqual(r["error"], "Custom.Broken")
        self.assertEqual(r["cause"], "it broke on purpose")
        self.assertNotIn("output", r)

    def test_start_sync_on_standard(self):
        machine = self.create("standard-no-sync", PASS)
        self.assert_error("StateMachineTypeNotSupported", self.sfn.start_sync_execution, stateMachineArn=machine,
                          message="This operation is not supported by this type of state machine")

    def test_start_sync_through_sync_host(self):
        """What SDKs with host prefixes send: the same request to `sync-<host>`."""
        machine = self.create("express-host", PASS, type="EXPRESS")
        status, _, body = self.raw("StartSyncExecution", {"stateMachineArn": machine, "input": '{"h": 1}'},
                                   host=f"sync-{HOST}:{self.server.port}")
        self.assertEqual(status, 200, body)
        self.assertEqual(body["status"], "SUCCEEDED")
        self.assertEqual(json.loads(body["output"]), {"h": 1})

    # --- versions and aliases --------------------------------------------------------------------

    def test_start_on_version_and_alias(self):
        self.require_modern()
        created = self.sfn.create_state_machine(name="versioned", definition=PASS, roleArn=ROLE, publish=True)
        version = created["stateMachineVersionArn"]
        alias = self.sfn.create_state_machine_alias(
            name="live", routingConfiguration=[{"stateMachineVersionArn": version, "weight": 100}])["stateMachineAliasArn"]
        on_version = self.start(version, name="on-version")
        on_alias = self.start(alias, name="on-alias")
        self.assertEqual(on_version, exec_arn("versioned", "on-version"))
        dv = self.wait_done(on_version)
        self.assertEqual(dv["stateMachineArn"], created["stateMachineArn"])
        self.assertEqual(dv["stateMachineVersionArn"], version)
        self.assertNotIn("stateMachineAliasArn", dv)
        da = self.wait_done(on_alias)
        self.assertEqual(da["stateMachineVersionArn"], version)
        self.assertEqual(da["stateMachineAliasArn"], alias)
        listed = {e["name"]: e for e in self.sfn.list_executions(stateMachineArn=created["stateMachineArn"])["executions"]}
        self.assertEqual(listed["on-alias"]["stateMachineAliasArn"], alias)
        self.assertEqual(listed["on-version"]["stateMachineVersionArn"], version)

    # --- wire ------------------------------------------------------------------------------------

    def raw(self, operation, body, host=None):
        headers = {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": f"AWSStepFunctions.{operation}"}
        if host:
            headers["Host"] = host
        status, hdrs, data = self.server.http("POST", "/", body=json.dumps(body).encode(), headers=headers, timeout=60)
        return status, hdrs, json.loads(data) if data else None

    def test_missing_and_ill_typed_members(self):
        for op in ("StartExecution", "StartSyncExecution"):
            status, _, body = self.raw(op, {})
            self.assertEqual((status, body["__type"]), (400, "ValidationException"), body)
            self.assertIn("at 'stateMachineArn' failed to satisfy constraint: Member must not be null", body["message"])
        for op in ("DescribeExecution", "StopExecution", "GetExecutionHistory", "DescribeStateMachineForExecution"):
            status, _, body = self.raw(op, {})
            self.assertEqual((status, body["__type"]), (400, "ValidationException"), body)
            self.assertIn("'executionArn'", body["message"])
        status, _, body = self.raw("StartExecution", {"stateMachineArn": sm_arn("x"), "input": {"a": 1}})
        self.assertEqual((status, body["__type"]), (400, "SerializationException"), body)
        status, _, body = self.raw("GetExecutionHistory", {"executionArn": exec_arn("x", "y"), "reverseOrder": "yes"})
        self.assertEqual((status, body["__type"]), (400, "SerializationException"), body)
        status, _, body = self.raw("ListExecutions", {})
        self.assertEqual((status, body["__type"]), (400, "ValidationException"), body)
        status, _, body = self.raw("DescribeExecution", {"executionArn": exec_arn("x", "y"), "includedData": "SOME"})
        self.assertEqual((status, body["__type"]), (400, "ValidationException"), body)

    def test_wire_members(self):
        machine = self.create("wire", PASS)
        status, _, body = self.raw("StartExecution", {"stateMachineArn": machine, "input": '{"secret": 1}'})
        arn = body["executionArn"]
        self.wait_done(arn)
        status, _, body = self.raw("DescribeExecution", {"executionArn": arn, "includedData": "METADATA_ONLY"})
        self.assertEqual(status, 200, body)
        self.assertNotIn("input", body)
        self.assertNotIn("output", body)
        self.assertEqual(body["inputDetails"], {"included": False})
        status, _, body = self.raw("ListExecutions", {"stateMachineArn": machine, "redriveFilter": "REDRIVEN"})
        self.assertEqual((status, body), (200, {"executions": []}))
        status, _, body = self.raw("ListExecutions", {"stateMachineArn": machine, "redriveFilter": "NOT_REDRIVEN"})
        self.assertEqual([e["executionArn"] for e in body["executions"]], [arn])
        status, _, body = self.raw("ListExecutions", {})
        self.assertEqual((status, body["__type"], body["message"]),
                         (400, "ValidationException", "Must provide a StateMachine ARN or MapRun ARN"))
        status, _, body = self.raw("ListExecutions", {"mapRunArn": machine + "/run:1"})
        self.assertEqual((status, body["__type"]), (400, "ResourceNotFound"), body)
        status, _, body = self.raw("StartExecution", {"stateMachineArn": machine, "input": " " * 262145})
        self.assertEqual((status, body["__type"]), (400, "ValidationException"), body)
        self.assertIn("Member must have length less than or equal to 262144", body["message"])
        self.assertNotIn("   ", body["message"])  # the sensitive value is not echoed
        status, _, body = self.raw("StartExecution", {"stateMachineArn": machine, "traceHeader": "caf\u00e9"})
        self.assertEqual((status, body["__type"]), (400, "ValidationException"), body)
        status, _, body = self.raw("StopExecution", {"executionArn": arn, "error": "e" * 257})
        self.assertEqual((status, body["__type"]), (400, "ValidationException"), body)

    def test_epoch_second_timestamps(self):
        machine = self.create("stamps", PASS)
        status, _, body = self.raw("StartExecution", {"stateMachineArn": machine})
        self.assertEqual(status, 200, body)
        self.assertIsInstance(body["startDate"], (int, float))
        self.assertLess(abs(body["startDate"] - time.time()), 60)
        arn = body["executionArn"]
        self.wait_done(arn)
        _, _, history = self.raw("GetExecutionHistory", {"executionArn": arn})
        self.assertIsInstance(history["events"][0]["timestamp"], (int, float))
        self.assertNotIn("nextToken", history)

    # --- AWS CLI v2 ------------------------------------------------------------------------------

    def test_aws_cli_v2(self):
        if not os.access(AWS_V2, os.X_OK):
            self.skipTest(f"{AWS_V2} (AWS CLI v2) is not installed")
        env = dict(os.environ, AWS_PAGER="", AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
                   AWS_MAX_ATTEMPTS="1")

        def aws(*args):
            cmd = [AWS_V2, "stepfunctions", *args, "--endpoint-url", self.server.endpoint, "--region", REGION,
                   "--output", "json"]
            return subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env)

        machine = self.create("cli", PASS)
        r = aws("start-execution", "--state-machine-arn", machine, "--name", "from-cli", "--input", '{"cli": true}')
        self.assertEqual(r.returncode, 0, r.stderr)
        arn = json.loads(r.stdout)["executionArn"]
        self.assertEqual(arn, exec_arn("cli", "from-cli"))
        self.wait_done(arn)
        r = aws("describe-execution", "--execution-arn", arn)
        self.assertEqual(r.returncode, 0, r.stderr)
        d = json.loads(r.stdout)
        self.assertEqual(d["status"], "SUCCEEDED")
        self.assertEqual(json.loads(d["output"]), {"cli": True})
        r = aws("get-execution-history", "--execution-arn", arn)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual([e["type"] for e in json.loads(r.stdout)["events"]],
                         ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
        r = aws("describe-execution", "--execution-arn", exec_arn("cli", "missing"))
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("ExecutionDoesNotExist", r.stderr)


class SfnExecutionRestartTest(SfnCase):
    """kill -9 while an execution sits in a Wait: after the restart it resumes from its last
    committed step and ends once, with no event written twice."""

    def restart_hard(self):
        self.server.kill9()
        self.server.start()
        if hasattr(self.sfn, "close"):
            self.sfn.close()
        self.__class__.sfn = sfn_client(self.server)

    def test_kill9_during_wait(self):
        machine = self.create("survivor", definition("Before", {
            "Before": {"Type": "Pass", "Result": {"step": 1}, "Next": "W"},
            "W": {"Type": "Wait", "Seconds": 3, "Next": "After"},
            "After": {"Type": "Pass", "Parameters": {"done.$": "$.step"}, "End": True}}))
        done_before = self.start(self.create("finished-before", PASS), name="done")
        self.wait_done(done_before)
        stopped_before = self.start(self.create("stopped-before", WAIT_60), name="stopped")
        self.sfn.stop_execution(executionArn=stopped_before)

        arn = self.start(machine, {"in": 1}, name="resume-me")
        wait_until(lambda: "WaitStateEntered" in self.types(arn), message="the Wait state to be entered")
        before = self.history(arn)
        self.restart_hard()

        d = self.wait_done(arn, timeout=30)
        self.assertEqual(d["status"], "SUCCEEDED", d)
        self.assertEqual(json.loads(d["output"]), {"done": 1})
        events = self.history(arn)
        self.assert_well_formed_history(events)
        self.assertEqual([e["type"] for e in events],
                         ["ExecutionStarted", "PassStateEntered", "PassStateExited", "WaitStateEntered",
                          "WaitStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
        # What was committed before the kill is unchanged.
        self.assertEqual(events[:len(before)], before)
        self.assertGreaterEqual((d["stopDate"] - d["startDate"]).total_seconds(), 2.9)

        # Ended executions are left as they were.
        self.assertEqual(self.sfn.describe_execution(executionArn=done_before)["status"], "SUCCEEDED")
        self.assertEqual(self.sfn.describe_execution(executionArn=stopped_before)["status"], "ABORTED")
        self.assertEqual(self.types(stopped_before)[-1], "ExecutionAborted")

    def test_kill9_running_wait_then_stop(self):
        """A restored execution can still be stopped, and its old timer does not fire afterwards."""
        machine = self.create("restored-stop", definition("W", {"W": {"Type": "Wait", "Seconds": 2, "End": True}}))
        arn = self.start(machine, name="stop-after-restart")
        wait_until(lambda: "WaitStateEntered" in self.types(arn), message="the Wait state to be entered")
        self.restart_hard()
        self.assertEqual(self.sfn.describe_execution(executionArn=arn)["status"], "RUNNING")
        self.sfn.stop_execution(executionArn=arn)
        time.sleep(2.5)  # past the Wait's end: the re-armed timer must find the execution closed
        self.assertEqual(self.sfn.describe_execution(executionArn=arn)["status"], "ABORTED")
        events = self.history(arn)
        self.assert_well_formed_history(events)
        self.assertEqual([e["type"] for e in events], ["ExecutionStarted", "WaitStateEntered", "ExecutionAborted"])


if __name__ == "__main__":
    unittest.main()
