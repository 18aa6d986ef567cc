"""Cluster lifecycle: transient clusters, bootstrap actions, ActionOnFailure, termination,
termination protection, KeepJobFlowAliveWhenNoSteps and auto-termination policies."""

import os
import re
import time
import unittest

from botocore.exceptions import WaiterError

from harness import (EmrTestCase, gate_script, pid_alive, read_text, run_job_flow, sh_step, step, touch, wait_until)


class TransientClusterTest(EmrTestCase):

    def test_bootstrap_then_steps_then_terminated(self):
        s = self.server
        marker = s.scratch_path("bootstrapped")
        s.put_s3("s3://my-bucket/bootstrap/setup.sh",
                 '#!/bin/sh\necho "bootstrap $1" > "$2"\necho setting up\n', mode=0o755)
        out1, out2 = s.scratch_path("out1"), s.scratch_path("out2")
        cid = run_job_flow(
            self.emr, name="transient", keep_alive=False,
            BootstrapActions=[{"Name": "setup",
                               "ScriptBootstrapAction": {"Path": "s3://my-bucket/bootstrap/setup.sh",
                                                         "Args": ["arg1", marker]}}],
            steps=[
                # the steps only succeed if the bootstrap action ran before them
                sh_step("first", f"cat '{marker}' > '{out1}'"),
                sh_step("second", f"test -s '{out1}' && echo second > '{out2}'"),
            ])
        self.assertRegex(cid, r"^j-[0-9A-Z]{12,13}$")
        self.wait_cluster_terminated(cid)

        c = self.cluster(cid)
        self.assertEqual(c["Status"]["State"], "TERMINATED")
        self.assertEqual(c["Status"]["StateChangeReason"]["Code"], "ALL_STEPS_COMPLETED")
        self.assertTrue(c["AutoTerminate"])
        tl = c["Status"]["Timeline"]
        self.assertLessEqual(tl["CreationDateTime"], tl["ReadyDateTime"])
        self.assertLessEqual(tl["ReadyDateTime"], tl["EndDateTime"])

        with open(marker) as f:
            self.assertEqual(f.read().strip(), "bootstrap arg1")
        with open(out2) as f:
            self.assertEqual(f.read().strip(), "second")

        steps = list(reversed(self.all_steps(cid)))  # ListSteps is newest first
        self.assertEqual([x["Name"] for x in steps], ["first", "second"])
        for x in steps:
            self.assertEqual(x["Status"]["State"], "COMPLETED")
            self.wait_step_complete(cid, x["Id"])  # the waiter's first poll succeeds
        # in order, one at a time (StepConcurrencyLevel 1)
        self.assertLessEqual(steps[0]["Status"]["Timeline"]["EndDateTime"],
                             steps[1]["Status"]["Timeline"]["StartDateTime"])
        self.assertGreaterEqual(steps[0]["Status"]["Timeline"]["StartDateTime"], tl["ReadyDateTime"])

        actions = self.emr.list_bootstrap_actions(ClusterId=cid)["BootstrapActions"]
        self.assertEqual(actions, [{"Name": "setup", "ScriptPath": "s3://my-bucket/bootstrap/setup.sh",
                                    "Args": ["arg1", marker]}])

    def test_transient_cluster_without_steps_ends_by_itself(self):
        cid = run_job_flow(self.emr, keep_alive=False)
        self.wait_cluster_terminated(cid)
        c = self.cluster(cid)
        self.assertEqual(c["Status"]["State"], "TERMINATED")
        self.assertEqual(c["Status"]["StateChangeReason"]["Code"], "ALL_STEPS_COMPLETED")

    def test_api_default_is_transient(self):
        # KeepJobFlowAliveWhenNoSteps defaults to false in the API (the CLI sends true)
        cid = self.emr.run_job_flow(Name="default", ReleaseLabel="emr-7.1.0", ServiceRole="EMR_DefaultRole",
                                    Instances={"MasterInstanceType": "m5.xlarge", "InstanceCount": 1})["JobFlowId"]
        self.assertTrue(self.cluster(cid)["AutoTerminate"])
        self.wait_cluster_terminated(cid)

    def test_keep_alive_true_waits_after_steps(self):
        cid = run_job_flow(self.emr, keep_alive=True, steps=[step("echo", ["echo", "hi"])])
        sid = self.emr.list_steps(ClusterId=cid)["Steps"][0]["Id"]
        self.wait_step_complete(cid, sid)
        c = self.wait_cluster_state(cid, "WAITING")
        self.assertFalse(c["AutoTerminate"])
        self.assertEqual(c["Status"]["StateChangeReason"].get("Message"), "Cluster ready after last step completed.")
        self.emr.get_waiter("cluster_running").wait(ClusterId=cid, WaiterConfig={"Delay": 1, "MaxAttempts": 60})

        # a WAITING cluster accepts more steps and runs them
        (sid2,) = self.emr.add_job_flow_steps(JobFlowId=cid, Steps=[step("again", ["true"])])["StepIds"]
        self.wait_step_complete(cid, sid2)
        self.wait_cluster_state(cid, "WAITING")

        # made transient, a WAITING cluster has nothing left to run and ends
        self.server.set_keep_alive([cid], False)  # raw: botocore 1.29 lacks this operation
        self.wait_cluster_terminated(cid)
        self.assertEqual(self.cluster(cid)["Status"]["StateChangeReason"]["Code"], "ALL_STEPS_COMPLETED")

    def test_keep_alive_without_steps_is_waiting(self):
        cid = run_job_flow(self.emr, keep_alive=True)
        self.emr.get_waiter("cluster_running").wait(ClusterId=cid, WaiterConfig={"Delay": 1, "MaxAttempts": 60})
        c = self.wait_cluster_state(cid, "WAITING")
        self.assertEqual(c["Status"]["StateChangeReason"].get("Message"), "Cluster ready to run steps.")
        self.assertIn("ReadyDateTime", c["Status"]["Timeline"])
        self.emr.terminate_job_flows(JobFlowIds=[cid])
        self.wait_cluster_terminated(cid)

    def test_keep_alive_false_set_while_running_ends_after_the_steps(self):
        gate = self.server.scratch_path("keepalive-gate")
        cid = run_job_flow(self.emr, keep_alive=True, steps=[sh_step("gated", gate_script(gate))])
        sid = self.emr.list_steps(ClusterId=cid)["Steps"][0]["Id"]
        self.wait_step_state(cid, sid, "RUNNING")
        self.server.set_keep_alive([cid], False)  # raw: botocore 1.29 lacks this operation
        self.assertEqual(self.cluster_state(cid), "RUNNING")  # the running step is not affected
        touch(gate)
        self.wait_step_complete(cid, sid)
        self.wait_cluster_terminated(cid)


class ActionOnFailureTest(EmrTestCase):

    def _failing_cluster(self, action, keep_alive=True, protected=False):
        ran = self.server.scratch_path(f"ran-{action}-{protected}")
        cid = run_job_flow(self.emr, keep_alive=keep_alive, protected=protected, steps=[
            sh_step("fails", "echo boom >&2; exit 7", action=action),
            sh_step("next1", f"echo 1 >> '{ran}'"),
            sh_step("next2", f"echo 2 >> '{ran}'"),
        ])
        ids = [x["Id"] for x in reversed(self.emr.list_steps(ClusterId=cid)["Steps"])]
        return cid, ids, ran

    def _assert_terminated_with_step_failure(self, action):
        cid, ids, ran = self._failing_cluster(action)
        with self.assertRaises(WaiterError):  # TERMINATED_WITH_ERRORS is the waiter's failure state
            self.wait_cluster_terminated(cid)
        c = self.wait_cluster_state(cid, "TERMINATED_WITH_ERRORS")
        self.assertEqual(c["Status"]["StateChangeReason"], {"Code": "STEP_FAILURE", "Message": "Shut down as step failed"})
        self.assertIn("EndDateTime", c["Status"]["Timeline"])
        failed = self.step_info(cid, ids[0])
        self.assertEqual(failed["Status"]["State"], "FAILED")
        self.assertEqual(failed["ActionOnFailure"], action)
        for sid in ids[1:]:
            info = self.step_info(cid, sid)
            self.assertEqual(info["Status"]["State"], "CANCELLED")
            self.assertNotIn("StartDateTime", info["Status"]["Timeline"])
        self.assertFalse(os.path.exists(ran), "a cancelled step ran")
        with self.assertRaises(WaiterError):
            self.wait_step_complete(cid, ids[1])

    def test_terminate_cluster(self):
        self._assert_terminated_with_step_failure("TERMINATE_CLUSTER")

    def test_terminate_job_flow(self):
        self._assert_terminated_with_step_failure("TERMINATE_JOB_FLOW")

    def test_cancel_and_wait(self):
        cid, ids, ran = self._failing_cluster("CANCEL_AND_WAIT")
        self.wait_step_state(cid, ids[0], "FAILED")
        self.wait_cluster_state(cid, "WAITING")
        self.assertEqual([self.step_state(cid, s) for s in ids[1:]], ["CANCELLED", "CANCELLED"])
        self.assertFalse(os.path.exists(ran))
        # the cluster is still usable
        (sid,) = self.emr.add_job_flow_steps(JobFlowId=cid, Steps=[step("after", ["true"])])["StepIds"]
        self.wait_step_complete(cid, sid)
        self.emr.terminate_job_flows(JobFlowIds=[cid])
        self.wait_cluster_terminated(cid)

    def test_continue(self):
        cid, ids, ran = self._failing_cluster("CONTINUE")
        for sid in ids[1:]:
            self.wait_step_complete(cid, sid)
        self.assertEqual(self.step_state(cid, ids[0]), "FAILED")
        with open(ran) as f:
            self.assertEqual(f.read().split(), ["1", "2"])
        self.wait_cluster_state(cid, "WAITING")
        self.emr.terminate_job_flows(JobFlowIds=[cid])
        self.wait_cluster_terminated(cid)

    def test_continue_on_transient_cluster_ends_terminated(self):
        cid, ids, ran = self._failing_cluster("CONTINUE", keep_alive=False)
        self.wait_cluster_terminated(cid)  # TERMINATED, not TERMINATED_WITH_ERRORS
        self.assertEqual(self.cluster(cid)["Status"]["StateChangeReason"]["Code"], "ALL_STEPS_COMPLETED")
        self.assertEqual([self.step_state(cid, s) for s in ids], ["FAILED", "COMPLETED", "COMPLETED"])

    def test_default_action_is_terminate_cluster(self):
        cid = run_job_flow(self.emr, keep_alive=True, steps=[
            {"Name": "no-action", "HadoopJarStep": {"Jar": "command-runner.jar", "Args": ["false"]}},
            step("never", ["true"]),
        ])
        steps = self.emr.list_steps(ClusterId=cid)["Steps"]
        self.assertEqual(steps[1]["ActionOnFailure"], "TERMINATE_CLUSTER")
        c = self.wait_cluster_state(cid, "TERMINATED_WITH_ERRORS")
        self.assertEqual(c["Status"]["StateChangeReason"]["Code"], "STEP_FAILURE")
        self.assertEqual(self.step_state(cid, steps[0]["Id"]), "CANCELLED")


class TerminationProtectionTest(EmrTestCase):

    def test_step_failure_does_not_terminate_protected_cluster(self):
        ran = self.server.scratch_path("protected-ran")
        cid = run_job_flow(self.emr, keep_alive=True, protected=True, steps=[
            sh_step("fails", "exit 1", action="TERMINATE_CLUSTER"),
            sh_step("pending", f"touch '{ran}'"),
        ])
        ids = [x["Id"] for x in reversed(self.emr.list_steps(ClusterId=cid)["Steps"])]
        self.wait_step_state(cid, ids[0], "FAILED")
        c = self.wait_cluster_state(cid, "WAITING")
        self.assertTrue(c["TerminationProtected"])
        self.assertEqual(self.step_state(cid, ids[1]), "CANCELLED")
        self.assertFalse(os.path.exists(ran))
        # still alive and usable afterwards
        (sid,) = self.emr.add_job_flow_steps(JobFlowId=cid, Steps=[step("ok", ["true"])])["StepIds"]
        self.wait_step_complete(cid, sid)
        self.assertEqual(self.wait_cluster_state(cid, "WAITING")["Status"]["State"], "WAITING")
        self.emr.set_termination_protection(JobFlowIds=[cid], TerminationProtected=False)
        self.emr.terminate_job_flows(JobFlowIds=[cid])
        self.wait_cluster_terminated(cid)

    def test_terminate_job_flows_mixed_protected_and_unprotected(self):
        protected = run_job_flow(self.emr, keep_alive=True, protected=True)
        unprotected = run_job_flow(self.emr, keep_alive=True)
        self.wait_cluster_state(protected, "WAITING")
        self.wait_cluster_state(unprotected, "WAITING")
        self.assert_client_error(
            "ValidationException", self.emr.terminate_job_flows, JobFlowIds=[protected, unprotected],
            message="Could not shut down one or more job flows since they are termination protected.")
        self.wait_cluster_terminated(unprotected)
        c = self.cluster(unprotected)
        self.assertEqual(c["Status"]["StateChangeReason"]["Code"], "USER_REQUEST")
        self.assertEqual(self.cluster_state(protected), "WAITING")

        # protection can be turned off, then the cluster terminates
        self.emr.set_termination_protection(JobFlowIds=[protected], TerminationProtected=False)
        self.assertFalse(self.cluster(protected)["TerminationProtected"])
        self.emr.terminate_job_flows(JobFlowIds=[protected])
        self.wait_cluster_terminated(protected)

    def test_set_termination_protection_on(self):
        cid = run_job_flow(self.emr, keep_alive=True)
        self.emr.set_termination_protection(JobFlowIds=[cid], TerminationProtected=True)
        self.assertTrue(self.cluster(cid)["TerminationProtected"])
        self.assert_client_error("ValidationException", self.emr.terminate_job_flows, JobFlowIds=[cid])
        self.assertIn(self.cluster_state(cid), ("STARTING", "BOOTSTRAPPING", "WAITING"))
        self.emr.set_termination_protection(JobFlowIds=[cid], TerminationProtected=False)
        self.emr.terminate_job_flows(JobFlowIds=[cid])
        self.wait_cluster_terminated(cid)


class TerminateJobFlowsTest(EmrTestCase):

    def test_terminate_running_cluster_cancels_steps(self):
        pidfile = self.server.scratch_path("terminate.pid")
        ran = self.server.scratch_path("terminate-ran")
        cid = run_job_flow(self.emr, keep_alive=True, steps=[
            sh_step("long", f"echo $$ > '{pidfile}'; exec sleep 60"),
            sh_step("pending1", f"touch '{ran}'"),
            sh_step("pending2", f"touch '{ran}'"),
        ])
        ids = [x["Id"] for x in reversed(self.emr.list_steps(ClusterId=cid)["Steps"])]
        self.wait_step_state(cid, ids[0], "RUNNING")
        pid = int(wait_until(lambda: read_text(pidfile).strip(), message="step pid file"))
        self.assertTrue(pid_alive(pid))
        self.assertEqual(self.cluster_state(cid), "RUNNING")

        self.emr.terminate_job_flows(JobFlowIds=[cid])
        started = time.monotonic()
        with self.assertRaises(WaiterError):  # CANCELLED is a failure state for step_complete
            self.wait_step_complete(cid, ids[0])
        self.assertLess(time.monotonic() - started, 15, "step_complete should fail fast")
        self.wait_cluster_terminated(cid)

        c = self.cluster(cid)
        self.assertEqual(c["Status"]["StateChangeReason"], {"Code": "USER_REQUEST", "Message": "Terminated by user request"})
        self.assertEqual([self.step_state(cid, s) for s in ids], ["CANCELLED"] * 3)
        wait_until(lambda: not pid_alive(pid), timeout=15, message="the step's process to be gone")
        self.assertFalse(os.path.exists(ran))

        # a terminated cluster takes no more steps; terminating again is a no-op
        self.assert_client_error(
            "ValidationException", self.emr.add_job_flow_steps, JobFlowId=cid, Steps=[step("late", ["true"])],
            message="A job flow that is shutting down, terminated, or finished may not be modified.")
        self.emr.terminate_job_flows(JobFlowIds=[cid])
        self.assertEqual(self.cluster_state(cid), "TERMINATED")

    def test_terminate_rejects_empty_and_unknown(self):
        self.assert_client_error("ValidationException", self.emr.terminate_job_flows, JobFlowIds=[])
        self.assert_client_error("ValidationException", self.emr.terminate_job_flows, JobFlowIds=["j-NOSUCHCLUSTER1"])


class BootstrapFailureTest(EmrTestCase):

    def test_failing_bootstrap_action(self):
        s = self.server
        s.put_s3("s3://boot/ok.sh", "#!/bin/sh\nexit 0\n", mode=0o755)
        s.put_s3("s3://boot/fail.sh", "echo cannot bootstrap >&2\nexit 3\n")  # not executable: run with sh
        ran = s.scratch_path("bootstrap-step-ran")
        cid = run_job_flow(
            self.emr, keep_alive=True,
            BootstrapActions=[
                {"Name": "ok", "ScriptBootstrapAction": {"Path": "s3://boot/ok.sh"}},
                {"Name": "fail", "ScriptBootstrapAction": {"Path": "s3://boot/fail.sh", "Args": ["x"]}},
            ],
            steps=[sh_step("s1", f"touch '{ran}'"), sh_step("s2", f"touch '{ran}'")])
        with self.assertRaises(WaiterError):  # never reaches RUNNING/WAITING
            self.emr.get_waiter("cluster_running").wait(ClusterId=cid, WaiterConfig={"Delay": 1, "MaxAttempts": 60})
        c = self.wait_cluster_state(cid, "TERMINATED_WITH_ERRORS")
        reason = c["Status"]["StateChangeReason"]
        self.assertEqual(reason["Code"], "BOOTSTRAP_FAILURE")
        self.assertRegex(reason["Message"],
                         r"^On the master instance \(i-[0-9a-z]+\), bootstrap action 2 returned a non-zero return code$")
        self.assertNotIn("ReadyDateTime", c["Status"]["Timeline"])
        for x in self.emr.list_steps(ClusterId=cid)["Steps"]:
            self.assertEqual(x["Status"]["State"], "CANCELLED")
            self.assertNotIn("StartDateTime", x["Status"]["Timeline"])
        self.assertFalse(os.path.exists(ran), "a step ran although bootstrapping failed")

    def test_missing_bootstrap_script(self):
        cid = run_job_flow(
            self.emr, keep_alive=True,
            BootstrapActions=[{"Name": "missing", "ScriptBootstrapAction": {"Path": "s3://boot/nope.sh"}}],
            steps=[step("s1", ["true"])])
        c = self.wait_cluster_state(cid, "TERMINATED_WITH_ERRORS")
        self.assertEqual(c["Status"]["StateChangeReason"]["Code"], "BOOTSTRAP_FAILURE")
        self.assertEqual(self.emr.list_steps(ClusterId=cid)["Steps"][0]["Status"]["State"], "CANCELLED")


class AutoTerminationPolicyTest(EmrTestCase):

    def test_put_get_remove(self):
        cid = run_job_flow(self.emr, keep_alive=True)
        self.assertNotIn("AutoTerminationPolicy", self.emr.get_auto_termination_policy(ClusterId=cid))
        self.emr.put_auto_termination_policy(ClusterId=cid, AutoTerminationPolicy={"IdleTimeout": 60})
        self.assertEqual(self.emr.get_auto_termination_policy(ClusterId=cid)["AutoTerminationPolicy"],
                         {"IdleTimeout": 60})
        self.emr.put_auto_termination_policy(ClusterId=cid, AutoTerminationPolicy={"IdleTimeout": 604800})
        self.assertEqual(self.emr.get_auto_termination_policy(ClusterId=cid)["AutoTerminationPolicy"]["IdleTimeout"],
                         604800)
        self.emr.remove_auto_termination_policy(ClusterId=cid)
        self.assertNotIn("AutoTerminationPolicy", self.emr.get_auto_termination_policy(ClusterId=cid))
        self.emr.terminate_job_flows(JobFlowIds=[cid])
        self.wait_cluster_terminated(cid)

    def test_idle_timeout_out_of_range(self):
        cid = run_job_flow(self.emr, keep_alive=True)
        for bad in (59, 604801):
            resp = self.assert_client_error(
                "ValidationException", self.emr.put_auto_termination_policy,
                ClusterId=cid, AutoTerminationPolicy={"IdleTimeout": bad})
            self.assertIn(str(bad), resp["Error"]["Message"])
        self.assertNotIn("AutoTerminationPolicy", self.emr.get_auto_termination_policy(ClusterId=cid))
        self.assert_client_error(
            "ValidationException", run_job_flow, self.emr, AutoTerminationPolicy={"IdleTimeout": 59})
        self.assert_client_error(
            "InvalidRequestException", self.emr.get_auto_termination_policy, ClusterId="j-NOSUCHCLUSTER1")

    def test_policy_given_at_creation(self):
        cid = run_job_flow(self.emr, keep_alive=True, AutoTerminationPolicy={"IdleTimeout": 3600})
        self.assertEqual(self.emr.get_auto_termination_policy(ClusterId=cid)["AutoTerminationPolicy"],
                         {"IdleTimeout": 3600})
        self.wait_cluster_state(cid, "WAITING")
        self.emr.terminate_job_flows(JobFlowIds=[cid])
        self.wait_cluster_terminated(cid)


if __name__ == "__main__":
    unittest.main()
