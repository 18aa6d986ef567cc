"""`jobflow ps`, `jobflow wait` and `jobflow logs` (the tracking commands) against a real server:
an EMR cluster with a gated step, Livy batches, and Step Functions executions of a Wait machine."""

import json
import os
import subprocess
import time
import unittest

from harness import JOBFLOW_BIN, EmrTestCase, gate_script, run_job_flow, sh_step, touch, wait_until

ROLE = "arn:aws:iam::123456789012:role/jobflow"


def wait_machine(seconds, fail=False):
    end = {"Type": "Fail", "Error": "Boom", "Cause": "told to fail"} if fail else {"Type": "Succeed"}
    return json.dumps({"StartAt": "Pause", "States": {
        "Pause": {"Type": "Wait", "Seconds": seconds, "Next": "End"}, "End": end}})


class CliTrackingTest(EmrTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sfn = cls.server.client("stepfunctions")

    def jobflow(self, *args, timeout=60):
        return subprocess.run([JOBFLOW_BIN, *args, "--url", self.server.endpoint], capture_output=True, text=True,
                              timeout=timeout)

    def machine(self, name, seconds, fail=False):
        return self.sfn.create_state_machine(name=name, definition=wait_machine(seconds, fail),
                                             roleArn=ROLE)["stateMachineArn"]

    def batch(self, script):
        status, _, body = self.server.livy("POST", "/batches", {"file": "/bin/sh", "args": ["-c", script]})
        self.assertEqual(status, 201, body)
        return body["id"]

    def ps(self, *args):
        p = self.jobflow("ps", "--output", "json", *args)
        self.assertEqual(p.returncode, 0, p.stderr)
        return {(i["kind"], i["id"]): i for i in json.loads(p.stdout)["items"]}

    # --- ps -----------------------------------------------------------------------------------

    def test_ps_lists_what_runs(self):
        gate = self.server.scratch_path("ps-gate")
        cid = run_job_flow(self.emr, name="ps-cluster", keep_alive=True,
                           steps=[sh_step("gated", gate_script(gate))])
        (sid,) = [s["Id"] for s in self.emr.list_steps(ClusterId=cid)["Steps"]]
        self.wait_step_state(cid, sid, "RUNNING")
        bid = self.batch(gate_script(gate))
        machine = self.machine("ps-waits", 30)
        arn = self.sfn.start_execution(stateMachineArn=machine, name="ps-run")["executionArn"]
        try:
            items = self.ps()
            self.assertEqual(items[("cluster", cid)]["name"], "ps-cluster")
            self.assertIn(items[("cluster", cid)]["state"], ("RUNNING", "WAITING"))
            step = items[("step", sid)]
            self.assertEqual((step["state"], step["clusterId"], step["name"]), ("RUNNING", cid, "gated"))
            self.assertIn(items[("batch", f"batch/{bid}")]["state"], ("starting", "running"))
            execution = items[("execution", arn)]
            self.assertEqual((execution["state"], execution["name"], execution["stateMachine"]),
                             ("RUNNING", "ps-run", "ps-waits"))
            self.assertGreaterEqual(execution["ageSeconds"], 0)
            # the text table has the same IDs
            table = self.jobflow("ps")
            self.assertEqual(table.returncode, 0, table.stderr)
            header = table.stdout.splitlines()[0].split()
            self.assertEqual(header, ["KIND", "ID", "NAME", "STATE", "AGE", "DETAIL"])
            for ident in (cid, sid, f"batch/{bid}", arn):
                self.assertIn(ident, table.stdout)
        finally:
            touch(gate)
            self.sfn.stop_execution(executionArn=arn)
        # once ended, only --all shows them
        self.wait_step_state(cid, sid, "COMPLETED")
        wait_until(lambda: self.sfn.describe_execution(executionArn=arn)["status"] == "ABORTED")
        wait_until(lambda: self.server.livy("GET", f"/batches/{bid}")[2]["state"] == "success")
        items = self.ps()
        self.assertNotIn(("step", sid), items)
        self.assertNotIn(("execution", arn), items)
        self.assertNotIn(("batch", f"batch/{bid}"), items)
        everything = self.ps("--all")
        self.assertEqual(everything[("step", sid)]["state"], "COMPLETED")
        self.assertEqual(everything[("execution", arn)]["state"], "ABORTED")
        self.assertEqual(everything[("batch", f"batch/{bid}")]["state"], "success")

    # --- wait ---------------------------------------------------------------------------------

    def test_wait_exit_codes(self):
        gate = self.server.scratch_path("wait-gate")
        cid = run_job_flow(self.emr, keep_alive=True, steps=[sh_step("gated", gate_script(gate)),
                                                             sh_step("fails", "exit 3")])
        ok_sid, bad_sid = [s["Id"] for s in reversed(self.emr.list_steps(ClusterId=cid)["Steps"])]
        self.wait_step_state(cid, ok_sid, "RUNNING")
        # 3: still running when --timeout expires
        started = time.monotonic()
        p = self.jobflow("wait", ok_sid, "--timeout", "1")
        self.assertEqual(p.returncode, 3, p.stderr)
        self.assertLess(time.monotonic() - started, 15)
        self.assertIn("RUNNING", p.stdout)
        # piped stderr: plain lines, one per change (no terminal control characters)
        self.assertIn(f"{ok_sid} RUNNING", p.stderr)
        self.assertNotIn("\r", p.stderr)
        # 0: ends well (the step is found without its cluster; j-/s- works too)
        waiter = subprocess.Popen([JOBFLOW_BIN, "wait", f"{cid}/{ok_sid}", "--output", "json", "--url",
                                   self.server.endpoint], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(0.5)
        self.assertIsNone(waiter.poll(), "wait returned while the step ran")
        touch(gate)
        out, err = waiter.communicate(timeout=30)
        self.assertEqual(waiter.returncode, 0, err)
        result = json.loads(out)
        self.assertEqual((result["state"], result["outcome"], result["exitCode"], result["clusterId"]),
                         ("COMPLETED", "succeeded", 0, cid))
        # 1: ends badly
        p = self.jobflow("wait", bad_sid)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("FAILED", p.stdout)
        # 4: not found; 2: an ID no form matches; 5: no server
        for ident in ("s-NOSUCHSTEP123", "j-NOSUCHCLUSTER1", "batch/999", "session/999", "no-such-execution",
                      "arn:aws:states:us-east-1:123456789012:execution:nope:nope"):
            p = self.jobflow("wait", ident)
            self.assertEqual(p.returncode, 4, f"{ident}: {p.stderr}")
        self.assertEqual(self.jobflow("wait", "17").returncode, 2)
        p = subprocess.run([JOBFLOW_BIN, "wait", "batch/0", "--url", "http://127.0.0.1:1"], capture_output=True,
                           text=True, timeout=60)
        self.assertEqual(p.returncode, 5, p.stderr)
        p = subprocess.run([JOBFLOW_BIN, "wait"], capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 2, p.stderr)

    def test_wait_for_batches_and_executions(self):
        ok = self.batch("echo fine")
        bad = self.batch("exit 3")
        self.assertEqual(self.jobflow("wait", f"batch/{ok}").returncode, 0)
        p = self.jobflow("wait", f"batch/{bad}")
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertEqual(p.stdout.split()[:2], [f"batch/{bad}", "dead"])

        succeeds = self.machine("wait-succeeds", 1)
        fails = self.machine("wait-fails", 1, fail=True)
        good = self.sfn.start_execution(stateMachineArn=succeeds, name="wait-good")["executionArn"]
        self.sfn.start_execution(stateMachineArn=fails, name="wait-bad")
        p = self.jobflow("wait", good)
        self.assertEqual((p.returncode, p.stdout.split()[1]), (0, "SUCCEEDED"), p.stderr)
        p = self.jobflow("wait", "wait-bad", "--output", "json")  # by its (unique) name
        self.assertEqual(p.returncode, 1, p.stderr)
        result = json.loads(p.stdout)
        self.assertEqual((result["state"], result["kind"]), ("FAILED", "execution"))
        self.assertIn("Boom", result["reason"])
        # a name two executions share is ambiguous: a usage error
        self.sfn.start_execution(stateMachineArn=succeeds, name="twice")
        self.sfn.start_execution(stateMachineArn=fails, name="twice")
        self.assertEqual(self.jobflow("wait", "twice").returncode, 2)

    # --- logs ---------------------------------------------------------------------------------

    def test_logs_follow_a_batch(self):
        gate = self.server.scratch_path("batch-gate")
        bid = self.batch(gate_script(gate, before="echo first-line", after="echo last-line"))
        proc = subprocess.Popen([JOBFLOW_BIN, "logs", "-f", f"batch/{bid}", "--url", self.server.endpoint],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            lines = []
            while "first-line" not in lines:
                line = proc.stdout.readline()
                self.assertTrue(line, "logs -f ended before the batch did")
                lines.append(line.strip())
            self.assertIsNone(proc.poll(), "logs -f exited while the batch still ran")
            touch(gate)
            out, err = proc.communicate(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        self.assertEqual(proc.returncode, 0, err)
        self.assertEqual(out.strip().splitlines(), ["last-line"])
        # printed once more without -f, as JSON lines
        p = self.jobflow("logs", f"batch/{bid}", "--output", "json")
        self.assertEqual(p.returncode, 0, p.stderr)
        lines = [json.loads(line) for line in p.stdout.splitlines()]
        self.assertEqual([x["line"] for x in lines][-2:], ["first-line", "last-line"])
        self.assertEqual({x["stream"] for x in lines}, {"stdout"})
        self.assertEqual(self.jobflow("logs", "batch/999").returncode, 4)

    def test_logs_follow_an_execution(self):
        machine = self.machine("logs-waits", 2, fail=True)
        arn = self.sfn.start_execution(stateMachineArn=machine, name="logs-run")["executionArn"]
        started = time.monotonic()
        p = self.jobflow("logs", "-f", arn, "--output", "json")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertGreater(time.monotonic() - started, 1.0, "returned before the execution ended")
        events = [json.loads(line) for line in p.stdout.splitlines()]
        self.assertEqual([e["type"] for e in events],
                         ["ExecutionStarted", "WaitStateEntered", "WaitStateExited", "FailStateEntered",
                          "ExecutionFailed"])
        self.assertEqual([e["id"] for e in events], [1, 2, 3, 4, 5])
        # text: one line per event, with the state name and the error
        p = self.jobflow("logs", "logs-run")
        self.assertEqual(p.returncode, 0, p.stderr)
        lines = p.stdout.splitlines()
        self.assertEqual(len(lines), 5)
        self.assertIn("WaitStateEntered  Pause", lines[1])
        self.assertIn("ExecutionFailed  error=Boom  cause=told to fail", lines[4])

    def test_logs_of_a_step_by_its_id_alone(self):
        cid = run_job_flow(self.emr, keep_alive=True, steps=[sh_step("talks", "echo hello-step")])
        (sid,) = [s["Id"] for s in self.emr.list_steps(ClusterId=cid)["Steps"]]
        p = self.jobflow("logs", "-f", sid, "--file", "stdout")
        self.assertEqual((p.returncode, p.stdout.strip()), (0, "hello-step"), p.stderr)
        old_form = self.jobflow("logs", cid, sid, "--file", "stdout")
        self.assertEqual((old_form.returncode, old_form.stdout.strip()), (0, "hello-step"), old_form.stderr)
        p = self.jobflow("logs", sid, "--file", "stdout", "--output", "json")
        self.assertEqual(json.loads(p.stdout.strip()), {"step": sid, "file": "stdout", "line": "hello-step"})


if __name__ == "__main__":
    unittest.main()
