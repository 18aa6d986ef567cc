"""Steps: StepConcurrencyLevel, ModifyCluster, the 256 active-step limit and CancelSteps."""

import os
import unittest

from botocore.exceptions import WaiterError

from harness import (EmrTestCase, gate_script, pid_alive, read_text, run_job_flow, sh_step, step, touch,
                     wait_until)

TOO_MANY_ACTIVE = ("Maximum number of active steps(State = 'Running', 'Pending' or 'Cancel_Pending') "
                   "for cluster exceeded.")


def max_overlap(steps):
    """Largest number of steps whose [StartDateTime, EndDateTime) intervals overlap."""
    events = []
    for x in steps:
        tl = x["Status"]["Timeline"]
        events.append((tl["StartDateTime"], 1))
        events.append((tl["EndDateTime"], -1))
    events.sort(key=lambda e: (e[0], e[1]))  # an end at the same instant as a start comes first
    best = current = 0
    for _, delta in events:
        current += delta
        best = max(best, current)
    return best


class ConcurrencyTest(EmrTestCase):

    def test_level_3_with_6_steps(self):
        cid = run_job_flow(self.emr, keep_alive=True, level=3)
        self.assertEqual(self.cluster(cid)["StepConcurrencyLevel"], 3)
        ids = self.emr.add_job_flow_steps(
            JobFlowId=cid, Steps=[step(f"sleep{i}", ["sleep", "1"]) for i in range(6)])["StepIds"]
        self.assertEqual(len(set(ids)), 6)
        seen_running = 0

        def done():
            nonlocal seen_running
            states = [x["Status"]["State"] for x in self.emr.list_steps(ClusterId=cid)["Steps"]]
            running = states.count("RUNNING")
            self.assertLessEqual(running, 3, states)
            seen_running = max(seen_running, running)
            return all(s == "COMPLETED" for s in states)

        wait_until(done, timeout=30, interval=0.02, message="all steps completed")
        self.assertEqual(seen_running, 3)
        steps = self.all_steps(cid)
        self.assertEqual(len(steps), 6)
        self.assertEqual(max_overlap(steps), 3)
        # FIFO: the last three start only after one of the first three ended
        by_id = {x["Id"]: x["Status"]["Timeline"] for x in steps}
        first_end = min(by_id[i]["EndDateTime"] for i in ids[:3])
        for i in ids[3:]:
            self.assertGreaterEqual(by_id[i]["StartDateTime"], first_end)
        self.wait_cluster_state(cid, "WAITING")

    def test_non_continue_rejected_when_level_above_1(self):
        cid = run_job_flow(self.emr, keep_alive=True, level=2)
        for action in ("TERMINATE_CLUSTER", "TERMINATE_JOB_FLOW", "CANCEL_AND_WAIT"):
            resp = self.assert_client_error(
                "ValidationException", self.emr.add_job_flow_steps, JobFlowId=cid,
                Steps=[step("ok", ["true"]), step("bad", ["true"], action=action)])
            self.assertIn("ActionOnFailure", resp["Error"]["Message"])
        self.assertEqual(self.emr.list_steps(ClusterId=cid)["Steps"], [], "a rejected call added steps")
        self.assert_client_error(
            "ValidationException", run_job_flow, self.emr, level=4,
            steps=[step("bad", ["true"], action="CANCEL_AND_WAIT")])
        # CONTINUE is fine
        (sid,) = self.emr.add_job_flow_steps(JobFlowId=cid, Steps=[step("ok", ["true"])])["StepIds"]
        self.wait_step_complete(cid, sid)

    def test_modify_cluster_raises_level_and_queued_steps_start(self):
        gate = self.server.scratch_path("modify-gate")
        cid = run_job_flow(self.emr, keep_alive=True)
        self.wait_cluster_state(cid, "WAITING")
        ids = self.emr.add_job_flow_steps(
            JobFlowId=cid, Steps=[sh_step(f"gated{i}", gate_script(gate)) for i in range(3)])["StepIds"]
        self.assertEqual(self.cluster_state(cid), "RUNNING")  # a WAITING cluster flips at once
        self.wait_step_state(cid, ids[0], "RUNNING")
        self.assertEqual([self.step_state(cid, s) for s in ids[1:]], ["PENDING", "PENDING"])

        resp = self.emr.modify_cluster(ClusterId=cid, StepConcurrencyLevel=3)
        self.assertEqual(resp["StepConcurrencyLevel"], 3)
        self.assertEqual(self.cluster(cid)["StepConcurrencyLevel"], 3)
        wait_until(lambda: all(self.step_state(cid, s) == "RUNNING" for s in ids), message="all three running")
        touch(gate)
        for s in ids:
            self.wait_step_complete(cid, s)
        # without a level, ModifyCluster reports the current one
        self.assertEqual(self.emr.modify_cluster(ClusterId=cid)["StepConcurrencyLevel"], 3)

    def test_raising_the_level_disables_action_on_failure(self):
        # EMR: after the level is raised above 1 while steps run, a failing CANCEL_AND_WAIT step
        # cancels nothing and a failing TERMINATE_CLUSTER step does not terminate the cluster.
        gate = self.server.scratch_path("raise-gate")
        cid = run_job_flow(self.emr, keep_alive=True, steps=[
            sh_step("terminate", gate_script(gate, after="exit 1"), action="TERMINATE_CLUSTER"),
            sh_step("cancel", gate_script(gate, after="exit 1"), action="CANCEL_AND_WAIT"),
            step("pending", ["true"])])
        ids = [x["Id"] for x in reversed(self.emr.list_steps(ClusterId=cid)["Steps"])]
        self.wait_step_state(cid, ids[0], "RUNNING")
        self.emr.modify_cluster(ClusterId=cid, StepConcurrencyLevel=2)
        self.wait_step_state(cid, ids[1], "RUNNING")
        self.assertEqual(self.step_state(cid, ids[2]), "PENDING")
        touch(gate)
        self.wait_step_complete(cid, ids[2])
        self.assertEqual([self.step_state(cid, s) for s in ids[:2]], ["FAILED", "FAILED"])
        self.wait_cluster_state(cid, "WAITING")

    def test_level_out_of_range(self):
        cid = run_job_flow(self.emr, keep_alive=True)
        for bad in (0, 257):
            self.assert_client_error("ValidationException", self.emr.modify_cluster, ClusterId=cid,
                                     StepConcurrencyLevel=bad)
            self.assert_client_error("ValidationException", run_job_flow, self.emr, level=bad)
        self.assertEqual(self.cluster(cid)["StepConcurrencyLevel"], 1)
        self.assertEqual(self.emr.modify_cluster(ClusterId=cid, StepConcurrencyLevel=256)["StepConcurrencyLevel"], 256)
        self.assert_client_error("InvalidRequestException", self.emr.modify_cluster, ClusterId="j-NOSUCHCLUSTER1",
                                 StepConcurrencyLevel=2)


class ActiveStepLimitTest(EmrTestCase):

    def test_256_active_steps(self):
        gate = self.server.scratch_path("limit-gate")
        cid = run_job_flow(self.emr, keep_alive=True, steps=[sh_step("gated", gate_script(gate))])
        first = self.emr.list_steps(ClusterId=cid)["Steps"][0]["Id"]
        self.wait_step_state(cid, first, "RUNNING")
        self.emr.add_job_flow_steps(JobFlowId=cid, Steps=[step(f"p{i}", ["true"]) for i in range(254)])
        self.assertEqual(len(self.all_steps(cid)), 255)

        # 255 active + 2 would exceed 256: the whole call is rejected, nothing is added
        self.assert_client_error("ValidationException", self.emr.add_job_flow_steps, JobFlowId=cid,
                                 Steps=[step("x", ["true"]), step("y", ["true"])], message=TOO_MANY_ACTIVE)
        self.assertEqual(len(self.all_steps(cid)), 255)

        (last,) = self.emr.add_job_flow_steps(JobFlowId=cid, Steps=[step("256th", ["true"])])["StepIds"]
        self.assertEqual(len(self.all_steps(cid)), 256)
        self.assert_client_error("ValidationException", self.emr.add_job_flow_steps, JobFlowId=cid,
                                 Steps=[step("257th", ["true"])], message=TOO_MANY_ACTIVE)
        self.assertEqual(len(self.all_steps(cid)), 256)

        # cancelling frees slots
        self.emr.cancel_steps(ClusterId=cid, StepIds=[last])
        self.wait_step_state(cid, last, "CANCELLED")
        self.emr.add_job_flow_steps(JobFlowId=cid, Steps=[step("fits-again", ["true"])])

        # finished steps do not count: after all ran, another 256 fit
        touch(gate)
        wait_until(lambda: self.cluster_state(cid) == "WAITING", timeout=60, message="all steps done")
        self.emr.add_job_flow_steps(JobFlowId=cid, Steps=[step(f"q{i}", ["true"]) for i in range(256)])
        self.emr.terminate_job_flows(JobFlowIds=[cid])
        self.wait_cluster_terminated(cid)

    def test_run_job_flow_with_257_steps_rejected(self):
        self.assert_client_error("ValidationException", run_job_flow, self.emr,
                                 steps=[step(f"s{i}", ["true"]) for i in range(257)], message=TOO_MANY_ACTIVE)


class CancelStepsTest(EmrTestCase):

    def test_cancel_pending_step(self):
        gate = self.server.scratch_path("cancel-pending-gate")
        ran = self.server.scratch_path("cancel-pending-ran")
        cid = run_job_flow(self.emr, keep_alive=True, steps=[
            sh_step("gated", gate_script(gate)), sh_step("victim", f"touch '{ran}'"), step("after", ["true"])])
        ids = [x["Id"] for x in reversed(self.emr.list_steps(ClusterId=cid)["Steps"])]
        self.wait_step_state(cid, ids[0], "RUNNING")
        resp = self.emr.cancel_steps(ClusterId=cid, StepIds=[ids[1]])
        self.assertEqual(resp["CancelStepsInfoList"], [{"StepId": ids[1], "Status": "SUBMITTED"}])
        info = self.wait_step_state(cid, ids[1], "CANCELLED")
        self.assertNotIn("StartDateTime", info["Status"]["Timeline"])
        self.assertEqual(self.step_state(cid, ids[0]), "RUNNING")
        self.assertEqual(self.step_state(cid, ids[2]), "PENDING")
        touch(gate)
        self.wait_step_complete(cid, ids[0])
        self.wait_step_complete(cid, ids[2])
        self.assertFalse(os.path.exists(ran))

        # a finished step cannot be cancelled: FAILED with a reason, and it stays COMPLETED
        resp = self.emr.cancel_steps(ClusterId=cid, StepIds=[ids[0]])
        (info,) = resp["CancelStepsInfoList"]
        self.assertEqual((info["StepId"], info["Status"]), (ids[0], "FAILED"))
        self.assertTrue(info.get("Reason"))
        self.assertEqual(self.step_state(cid, ids[0]), "COMPLETED")

    def test_send_interrupt_cancels_running_step(self):
        pidfile = self.server.scratch_path("interrupt.pid")
        ran = self.server.scratch_path("interrupt-next")
        # TERMINATE_CLUSTER: cancelling must not trigger ActionOnFailure
        cid = run_job_flow(self.emr, keep_alive=True, steps=[
            sh_step("sleeper", f"echo $$ > '{pidfile}'; exec sleep 60", action="TERMINATE_CLUSTER"),
            sh_step("next", f"touch '{ran}'")])
        ids = [x["Id"] for x in reversed(self.emr.list_steps(ClusterId=cid)["Steps"])]
        self.wait_step_state(cid, ids[0], "RUNNING")
        pid = int(wait_until(lambda: read_text(pidfile).strip(), message="pid file"))
        self.assertTrue(pid_alive(pid))

        resp = self.emr.cancel_steps(ClusterId=cid, StepIds=[ids[0]], StepCancellationOption="SEND_INTERRUPT")
        self.assertEqual(resp["CancelStepsInfoList"][0]["Status"], "SUBMITTED")
        with self.assertRaises(WaiterError):  # CANCELLED: the waiter fails at once
            self.wait_step_complete(cid, ids[0])
        info = self.wait_step_state(cid, ids[0], "CANCELLED")
        self.assertIn("EndDateTime", info["Status"]["Timeline"])
        wait_until(lambda: not pid_alive(pid), timeout=10, message="the sleep process to be gone")

        # jobflow frees the slot once the cancelled step has ended, so the next step runs. (EMR's
        # "canceling a running step does not allow a pending step to start running" is read as: not
        # before the cancelled step is gone.)
        self.wait_step_complete(cid, ids[1])
        self.assertTrue(os.path.exists(ran))
        c = self.wait_cluster_state(cid, "WAITING")
        self.assertNotEqual(c["Status"]["StateChangeReason"].get("Code"), "STEP_FAILURE")

    def test_terminate_process_kills_step_that_traps_sigterm(self):
        pidfile = self.server.scratch_path("trap.pid")
        got_term = self.server.scratch_path("trap.got-term")
        script = (f"trap 'echo term >> \"{got_term}\"' TERM; echo $$ > '{pidfile}'; "
                  "while :; do sleep 0.1; done")
        cid = run_job_flow(self.emr, keep_alive=True, steps=[sh_step("stubborn", script)])
        (sid,) = [x["Id"] for x in self.emr.list_steps(ClusterId=cid)["Steps"]]
        self.wait_step_state(cid, sid, "RUNNING")
        pid = int(wait_until(lambda: read_text(pidfile).strip(), message="pid file"))

        # SIGTERM is caught and survived: the step stays CANCEL_PENDING
        self.emr.cancel_steps(ClusterId=cid, StepIds=[sid], StepCancellationOption="SEND_INTERRUPT")
        wait_until(lambda: "term" in read_text(got_term), timeout=10, message="the trap to run")
        self.assertTrue(pid_alive(pid))
        self.assertEqual(self.step_state(cid, sid), "CANCEL_PENDING")

        resp = self.emr.cancel_steps(ClusterId=cid, StepIds=[sid], StepCancellationOption="TERMINATE_PROCESS")
        self.assertEqual(resp["CancelStepsInfoList"][0]["Status"], "SUBMITTED")
        self.wait_step_state(cid, sid, "CANCELLED", timeout=10)
        wait_until(lambda: not pid_alive(pid), timeout=10, message="the trapping shell to be killed")
        self.wait_cluster_state(cid, "WAITING")

    def test_cancel_errors(self):
        cid = run_job_flow(self.emr, keep_alive=True)
        self.assert_client_error("InvalidRequestException", self.emr.cancel_steps, ClusterId="j-NOSUCHCLUSTER1",
                                 StepIds=["s-NOSUCHSTEP123"])
        resp = self.emr.cancel_steps(ClusterId=cid, StepIds=["s-NOSUCHSTEP123"])
        (info,) = resp["CancelStepsInfoList"]
        self.assertEqual((info["StepId"], info["Status"]), ("s-NOSUCHSTEP123", "FAILED"))


if __name__ == "__main__":
    unittest.main()
