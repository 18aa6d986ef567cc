"""Step Functions activities and callbacks against the real server, through boto3 `stepfunctions`:
GetActivityTask long polls (answered by worker threads, empty after the poll, not holding the
server's two threads), SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat, heartbeat expiry
(States.Timeout), a kill -9 while an activity task waits (the worker completes it after the
restart with the same token), nested states:startExecution.sync:2 and
states:startExecution.waitForTaskToken with the child passing the token back.

The server runs with --sfn-activity-poll-seconds 2 so that an empty long poll takes 2 s, not 60."""

import json
import threading
import time
import unittest

from botocore.exceptions import ClientError

from harness import REGION, JobflowServer, wait_until
from test_sfn_executions import ROLE, TERMINAL, definition, sfn_client

ACCOUNT = "123456789012"
POLL_ARGS = ("--sfn-activity-poll-seconds", "2")


def activity_machine(activity_arn, **task):
    state = {"Type": "Task", "Resource": activity_arn, "End": True}
    state.update(task)
    return definition("A", {"A": state})


class Worker(threading.Thread):
    """Polls one activity until stopped and answers each task with `handle(input) -> (ok, payload)`."""

    def __init__(self, server, activity_arn, handle, name="worker-1"):
        super().__init__(daemon=True)
        self.sfn = sfn_client(server)
        self.activity_arn = activity_arn
        self.handle = handle
        self.worker_name = name
        self.stopping = threading.Event()
        self.tokens = []
        self.errors = []

    def run(self):
        while not self.stopping.is_set():
            try:
                task = self.sfn.get_activity_task(activityArn=self.activity_arn, workerName=self.worker_name)
            except Exception as e:  # noqa: BLE001 - reported by the test
                self.errors.append(e)
                return
            token = task.get("taskToken")
            if not token:
                continue
            self.tokens.append(token)
            ok, payload = self.handle(json.loads(task["input"]))
            if ok:
                self.sfn.send_task_success(taskToken=token, output=json.dumps(payload))
            else:
                self.sfn.send_task_failure(taskToken=token, **payload)

    def stop(self):
        self.stopping.set()
        self.join(timeout=10)


class SfnActivitiesTest(unittest.TestCase):
    server = None

    @classmethod
    def setUpClass(cls):
        cls.server = JobflowServer(args=POLL_ARGS)
        cls.sfn = sfn_client(cls.server)

    @classmethod
    def tearDownClass(cls):
        if cls.server:
            cls.server.close()

    def assert_error(self, code, fn, message=None, **kwargs):
        with self.assertRaises(ClientError) as cm:
            fn(**kwargs)
        err = cm.exception.response["Error"]
        self.assertEqual(err["Code"], code, cm.exception.response)
        self.assertEqual(cm.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)
        if message is not None:
            self.assertEqual(err["Message"], message)
        return err

    def create(self, name, text):
        return self.sfn.create_state_machine(name=name, definition=text, roleArn=ROLE)["stateMachineArn"]

    def activity(self, name):
        return self.sfn.create_activity(name=name)["activityArn"]

    def wait_done(self, arn, timeout=30, sfn=None):
        sfn = sfn or self.sfn
        return wait_until(lambda: (lambda d: d if d["status"] in TERMINAL else None)(
            sfn.describe_execution(executionArn=arn)), timeout=timeout, message=f"{arn} to end")

    def history_types(self, arn):
        return [e["type"] for e in self.sfn.get_execution_history(executionArn=arn, maxResults=1000)["events"]]

    def test_a_worker_answers_success_and_failure(self):
        act = self.activity("doubler")
        worker = Worker(self.server, act, lambda i: (True, {"double": i["n"] * 2}) if i["n"] >= 0
                        else (False, {"error": "Worker.Negative", "cause": "n < 0"}))
        worker.start()
        try:
            sm = self.create("doubler", activity_machine(act))
            ok = self.sfn.start_execution(stateMachineArn=sm, input=json.dumps({"n": 21}))["executionArn"]
            bad = self.sfn.start_execution(stateMachineArn=sm, input=json.dumps({"n": -1}))["executionArn"]
            d = self.wait_done(ok)
            self.assertEqual(d["status"], "SUCCEEDED")
            self.assertEqual(json.loads(d["output"]), {"double": 42})
            self.assertEqual(self.history_types(ok), [
                "ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted",
                "ActivitySucceeded", "TaskStateExited", "ExecutionSucceeded"])
            started = [e for e in self.sfn.get_execution_history(executionArn=ok)["events"]
                       if e["type"] == "ActivityStarted"][0]
            self.assertEqual(started["activityStartedEventDetails"]["workerName"], "worker-1")
            d = self.wait_done(bad)
            self.assertEqual(d["status"], "FAILED")
            self.assertEqual(d["error"], "Worker.Negative")
            self.assertEqual(d["cause"], "n < 0")
            # A token answered once is closed.
            self.assert_error("TaskTimedOut", self.sfn.send_task_success,
                              "Task Timed Out: 'Provided task does not exist anymore'",
                              taskToken=worker.tokens[0], output="{}")
        finally:
            worker.stop()
        self.assertEqual(worker.errors, [])

    def test_an_empty_long_poll_answers_after_the_poll_without_holding_threads(self):
        act = self.activity("idle")
        # More waiting polls than the server has threads: it must still answer other calls.
        results = []

        def poll():
            t0 = time.monotonic()
            task = sfn_client(self.server).get_activity_task(activityArn=act, workerName="idle-worker")
            results.append((time.monotonic() - t0, task))

        threads = [threading.Thread(target=poll) for _ in range(4)]
        for t in threads:
            t.start()
        time.sleep(0.5)
        t0 = time.monotonic()
        self.sfn.list_activities()
        self.assertLess(time.monotonic() - t0, 1.0, "a long poll held a server thread")
        for t in threads:
            t.join(timeout=15)
        self.assertEqual(len(results), 4)
        for took, task in results:
            self.assertGreaterEqual(took, 1.5)
            self.assertLess(took, 10)
            self.assertFalse(task.get("taskToken"))
            self.assertNotIn("input", task)

    def test_unknown_activities_and_tokens_are_refused(self):
        missing = f"arn:aws:states:{REGION}:{ACCOUNT}:activity:nope"
        self.assert_error("ActivityDoesNotExist", self.sfn.get_activity_task,
                          f"Activity Does Not Exist: '{missing}'", activityArn=missing)
        self.assert_error("InvalidToken", self.sfn.send_task_success, taskToken="garbage", output="{}")
        self.assert_error("InvalidToken", self.sfn.send_task_heartbeat, taskToken="garbage")
        self.assert_error("TaskDoesNotExist", self.sfn.send_task_failure, taskToken="AQCE" + "0" * 48)

    def test_missed_heartbeats_fail_the_execution_with_states_timeout(self):
        act = self.activity("sleepy")
        sm = self.create("sleepy", activity_machine(act, HeartbeatSeconds=1))
        arn = self.sfn.start_execution(stateMachineArn=sm, input="{}")["executionArn"]
        task = self.sfn.get_activity_task(activityArn=act, workerName="sleepy-worker")
        self.assertTrue(task["taskToken"])
        self.sfn.send_task_heartbeat(taskToken=task["taskToken"])  # keeps it alive a little longer
        d = self.wait_done(arn, timeout=15)
        self.assertEqual(d["status"], "FAILED")
        self.assertEqual(d["error"], "States.Timeout")
        self.assertIn("ActivityTimedOut", self.history_types(arn))
        self.assert_error("TaskTimedOut", self.sfn.send_task_success, taskToken=task["taskToken"], output="{}")

    def test_send_task_failure_without_error_or_cause(self):
        act = self.activity("silent")
        sm = self.create("silent", definition("A", {
            "A": {"Type": "Task", "Resource": act, "End": True,
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}]},
            "Caught": {"Type": "Pass", "End": True}}))
        arn = self.sfn.start_execution(stateMachineArn=sm, input="{}")["executionArn"]
        task = self.sfn.get_activity_task(activityArn=act)
        self.sfn.send_task_failure(taskToken=task["taskToken"])
        d = self.wait_done(arn)
        self.assertEqual(d["status"], "SUCCEEDED")
        failed = [e for e in self.sfn.get_execution_history(executionArn=arn)["events"]
                  if e["type"] == "ActivityFailed"][0]
        self.assertEqual(failed["activityFailedEventDetails"], {})

    def test_nested_start_execution_sync2(self):
        child = self.create("child-sync", definition("P", {"P": {"Type": "Pass", "Parameters": {"got.$": "$.v"}, "End": True}}))
        parent = self.create("parent-sync", definition("S", {"S": {
            "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
            "Parameters": {"StateMachineArn": child, "Input": {"v.$": "$.value"}}, "End": True}}))
        arn = self.sfn.start_execution(stateMachineArn=parent, input=json.dumps({"value": 7}))["executionArn"]
        d = self.wait_done(arn)
        self.assertEqual(d["status"], "SUCCEEDED", d)
        out = json.loads(d["output"])
        self.assertEqual(out["Status"], "SUCCEEDED")
        self.assertEqual(out["Output"], {"got": 7})
        self.assertEqual(json.loads(out["Input"]), {"v": 7})
        self.assertIn("TaskSubmitted", self.history_types(arn))
        child_d = self.sfn.describe_execution(executionArn=out["ExecutionArn"])
        self.assertEqual(child_d["status"], "SUCCEEDED")

        failing = self.create("child-fails", definition("F", {"F": {"Type": "Fail", "Error": "Kid.Broke", "Cause": "no"}}))
        parent2 = self.create("parent-fails", definition("S", {"S": {
            "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync",
            "Parameters": {"StateMachineArn": failing}, "End": True}}))
        arn2 = self.sfn.start_execution(stateMachineArn=parent2)["executionArn"]
        d2 = self.wait_done(arn2)
        self.assertEqual(d2["status"], "FAILED")
        self.assertEqual(d2["error"], "Kid.Broke")
        self.assertEqual(json.loads(d2["cause"])["Status"], "FAILED")

    def test_wait_for_task_token_with_a_child_that_passes_the_token(self):
        child = self.create("token-child", definition("P", {"P": {"Type": "Pass", "End": True}}))
        parent = self.create("token-parent", definition("S", {"S": {
            "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.waitForTaskToken",
            "Parameters": {"StateMachineArn": child, "Name": "callback-child",
                           "Input": {"token.$": "$$.Task.Token"}},
            "HeartbeatSeconds": 30, "End": True}}))
        arn = self.sfn.start_execution(stateMachineArn=parent, input="{}")["executionArn"]
        child_arn = f"arn:aws:states:{REGION}:{ACCOUNT}:execution:token-child:callback-child"
        child_d = self.wait_done(child_arn)
        token = json.loads(child_d["output"])["token"]
        # The token is also in the TaskScheduled parameters.
        scheduled = [e for e in self.sfn.get_execution_history(executionArn=arn)["events"]
                     if e["type"] == "TaskScheduled"][0]
        self.assertEqual(json.loads(scheduled["taskScheduledEventDetails"]["parameters"])["Input"]["token"], token)
        time.sleep(0.2)
        self.assertEqual(self.sfn.describe_execution(executionArn=arn)["status"], "RUNNING")
        self.sfn.send_task_heartbeat(taskToken=token)
        self.sfn.send_task_success(taskToken=token, output=json.dumps({"answer": "from the child"}))
        d = self.wait_done(arn)
        self.assertEqual(d["status"], "SUCCEEDED")
        self.assertEqual(json.loads(d["output"]), {"answer": "from the child"})
        types = self.history_types(arn)
        self.assertLess(types.index("TaskSubmitted"), types.index("TaskSucceeded"))


class SfnActivityRestartTest(unittest.TestCase):
    def test_a_waiting_activity_task_survives_kill_9(self):
        with JobflowServer(args=POLL_ARGS) as server:
            sfn = sfn_client(server)
            act = sfn.create_activity(name="durable")["activityArn"]
            sm = sfn.create_state_machine(name="durable", definition=activity_machine(act), roleArn=ROLE)["stateMachineArn"]
            arn = sfn.start_execution(stateMachineArn=sm, input=json.dumps({"n": 3}))["executionArn"]
            task = sfn.get_activity_task(activityArn=act, workerName="before")
            token = task["taskToken"]
            self.assertTrue(token)
            self.assertEqual(json.loads(task["input"]), {"n": 3})
            server.kill9()
            server.start()
            sfn = sfn_client(server)
            self.assertEqual(sfn.describe_execution(executionArn=arn)["status"], "RUNNING")
            sfn.send_task_heartbeat(taskToken=token)
            sfn.send_task_success(taskToken=token, output=json.dumps({"after": "restart"}))
            d = wait_until(lambda: (lambda x: x if x["status"] in TERMINAL else None)(
                sfn.describe_execution(executionArn=arn)), timeout=20)
            self.assertEqual(d["status"], "SUCCEEDED")
            self.assertEqual(json.loads(d["output"]), {"after": "restart"})


if __name__ == "__main__":
    unittest.main()
