"""Restarts: kill -9 of the server with running and pending steps, jobs that end while no server
runs, re-attaching to jobs that outlive the server, and ids that are never reused."""

import datetime
import os
import unittest

from harness import (JobflowServer, EmrTestCase, gate_script, pid_alive, read_text, run_job_flow, sh_step, step,
                     touch, wait_until)


class RestartTest(EmrTestCase):
    """A fresh server per test (these tests kill it)."""

    @classmethod
    def setUpClass(cls):
        pass

    @classmethod
    def tearDownClass(cls):
        pass

    def setUp(self):
        self.server = JobflowServer()
        self.addCleanup(self.server.close)
        self.emr = self.server.client()

    def step_ids(self, cid):
        return [x["Id"] for x in reversed(self.all_steps(cid))]

    def wait_pid(self, path):
        return int(wait_until(lambda: read_text(path).strip(), message=f"pid file {path}"))

    def test_kill9_with_running_and_pending_steps(self):
        s = self.server
        gate, gate_c = s.scratch_path("gate"), s.scratch_path("gate-c")
        pid_a, pid_b, pid_c = s.scratch_path("a.pid"), s.scratch_path("b.pid"), s.scratch_path("c.pid")
        out_a2, out_b2 = s.scratch_path("a2.out"), s.scratch_path("b2.out")

        # A: the running step fails (exit 3) while the server is down; CONTINUE lets the rest run
        a = run_job_flow(self.emr, name="A", keep_alive=True, steps=[
            sh_step("a1", gate_script(gate, before=f"echo $$ > '{pid_a}'", after="echo bye >&2; exit 3")),
            sh_step("a2", f"echo two > '{out_a2}'"),
            sh_step("a3", "exit 5"),
            step("a4", ["true"]),
        ])
        # B: transient; its running step succeeds while the server is down
        b = run_job_flow(self.emr, name="B", keep_alive=False, steps=[
            sh_step("b1", gate_script(gate, before=f"echo $$ > '{pid_b}'")),
            sh_step("b2", f"echo two > '{out_b2}'"),
        ])
        # C: its running step outlives the server and is still running after the restart
        c = run_job_flow(self.emr, name="C", keep_alive=True, steps=[
            sh_step("c1", gate_script(gate_c, before=f"echo $$ > '{pid_c}'")),
            step("c2", ["true"]),
        ])
        a_ids, b_ids, c_ids = self.step_ids(a), self.step_ids(b), self.step_ids(c)
        for cid, ids in ((a, a_ids), (b, b_ids), (c, c_ids)):
            self.wait_step_state(cid, ids[0], "RUNNING")
        pids = {name: self.wait_pid(p) for name, p in (("a", pid_a), ("b", pid_b), ("c", pid_c))}
        clusters_before = {x["Id"] for x in self.emr.list_clusters()["Clusters"]}
        steps_before = set(a_ids + b_ids + c_ids)

        s.kill9()
        # jobs outlive the server
        for name, pid in pids.items():
            self.assertTrue(pid_alive(pid), f"step {name} died with the server")
        touch(gate)
        wait_until(lambda: not pid_alive(pids["a"]) and not pid_alive(pids["b"]), timeout=15,
                   message="a1 and b1 to end while the server is down")
        # ... and until their supervisors recorded how they ended (the local executor's run dir,
        # <data>/run/<job id>/exit), which is what the next server reads
        for sid in (a_ids[0], b_ids[0]):
            exit_record = os.path.join(s.data_dir, "run", sid, "exit")
            wait_until(lambda: os.path.exists(exit_record), timeout=15, message=f"exit record of {sid}")
        ended_before_restart = datetime.datetime.now(datetime.timezone.utc)
        self.assertFalse(os.path.exists(out_a2), "a pending step ran without a server")
        self.assertTrue(pid_alive(pids["c"]))

        s.start()
        self.emr = s.client()

        # A: a1's real exit code is recorded, then the pending steps run in order
        wait_until(lambda: self.cluster_state(a) == "WAITING", message="cluster A to finish its steps")
        states = [self.step_state(a, x) for x in a_ids]
        self.assertEqual(states, ["FAILED", "COMPLETED", "FAILED", "COMPLETED"])
        a1 = self.step_info(a, a_ids[0])
        self.assertIn("exitCode 3", a1["Status"]["FailureDetails"]["Message"])
        self.assertLessEqual(a1["Status"]["Timeline"]["EndDateTime"], ended_before_restart,
                             "EndDateTime should be when the step ended, not when the server noticed")
        self.assertIn("exitCode 5", self.step_info(a, a_ids[2])["Status"]["FailureDetails"]["Message"])
        self.assertEqual(read_text(out_a2).strip(), "two")
        a2 = self.step_info(a, a_ids[1])
        self.assertGreaterEqual(a2["Status"]["Timeline"]["StartDateTime"], a1["Status"]["Timeline"]["EndDateTime"])

        # B: completed while down, then the transient cluster finishes
        self.wait_cluster_terminated(b)
        self.assertEqual([self.step_state(b, x) for x in b_ids], ["COMPLETED", "COMPLETED"])
        self.assertEqual(self.cluster(b)["Status"]["StateChangeReason"]["Code"], "ALL_STEPS_COMPLETED")
        self.assertEqual(read_text(out_b2).strip(), "two")

        # C: re-attached to the job that is still running
        self.assertEqual(self.step_state(c, c_ids[0]), "RUNNING")
        self.assertEqual(self.step_state(c, c_ids[1]), "PENDING")
        self.assertEqual(self.cluster_state(c), "RUNNING")
        touch(gate_c)
        self.wait_step_complete(c, c_ids[0])
        self.wait_step_complete(c, c_ids[1])
        self.wait_cluster_state(c, "WAITING")

        # ids are never reused
        d = run_job_flow(self.emr, name="D", keep_alive=True)
        self.assertNotIn(d, clusters_before)
        new_steps = self.emr.add_job_flow_steps(JobFlowId=a, Steps=[step(f"n{i}", ["true"]) for i in range(5)])["StepIds"]
        new_steps += self.emr.add_job_flow_steps(JobFlowId=d, Steps=[step("d1", ["true"])])["StepIds"]
        self.assertEqual(len(set(new_steps)), len(new_steps))
        self.assertFalse(set(new_steps) & steps_before, "a step id was reused after the restart")
        for x in new_steps[:5]:
            self.wait_step_complete(a, x)
        all_ids = [x["Id"] for cid in (a, b, c, d) for x in self.all_steps(cid)]
        self.assertEqual(len(all_ids), len(set(all_ids)))
        self.assertEqual(len(all_ids), 4 + 2 + 2 + 5 + 1)

    def test_kill9_twice_and_terminate_after_restart(self):
        s = self.server
        gate, pidfile = s.scratch_path("gate"), s.scratch_path("pid")
        cid = run_job_flow(self.emr, keep_alive=True, steps=[
            sh_step("long", gate_script(gate, before=f"echo $$ > '{pidfile}'")), step("pending", ["true"])])
        ids = self.step_ids(cid)
        self.wait_step_state(cid, ids[0], "RUNNING")
        pid = self.wait_pid(pidfile)
        for _ in range(2):
            s.kill9()
            s.start()
            self.emr = s.client()
            self.assertEqual(self.step_state(cid, ids[0]), "RUNNING")
            self.assertTrue(pid_alive(pid))
        # the restarted server can still stop the job it did not start
        self.emr.terminate_job_flows(JobFlowIds=[cid])
        self.wait_cluster_terminated(cid)
        self.assertEqual([self.step_state(cid, x) for x in ids], ["CANCELLED", "CANCELLED"])
        wait_until(lambda: not pid_alive(pid), timeout=15, message="the job to be killed")

    def test_kill9_during_bootstrap(self):
        s = self.server
        gate, pidfile, second = s.scratch_path("gate"), s.scratch_path("ba.pid"), s.scratch_path("second-ran")
        s.put_s3("s3://boot/slow.sh", gate_script(gate, before=f"echo $$ > '{pidfile}'"))
        s.put_s3("s3://boot/second.sh", f"touch '{second}'\n")
        cid = run_job_flow(self.emr, keep_alive=True, steps=[step("after-bootstrap", ["true"])], BootstrapActions=[
            {"Name": "slow", "ScriptBootstrapAction": {"Path": "s3://boot/slow.sh"}},
            {"Name": "second", "ScriptBootstrapAction": {"Path": "s3://boot/second.sh"}}])
        self.wait_cluster_state(cid, "BOOTSTRAPPING")
        pid = self.wait_pid(pidfile)
        s.kill9()
        self.assertTrue(pid_alive(pid), "the bootstrap action died with the server")
        touch(gate)
        wait_until(lambda: not pid_alive(pid), timeout=15, message="the bootstrap action to end")
        self.assertFalse(os.path.exists(second), "the next bootstrap action ran without a server")
        s.start()
        self.emr = s.client()
        (sid,) = self.step_ids(cid)
        self.wait_step_complete(cid, sid)
        self.wait_cluster_state(cid, "WAITING")
        self.assertTrue(os.path.exists(second), "the second bootstrap action did not run after the restart")

    def test_kill9_while_terminating_still_kills_the_step(self):
        # The step ignores SIGTERM, so only the SIGKILL after the grace period (10 s) ends it; the
        # restarted server must re-arm that deadline.
        s = self.server
        pidfile, got_term = s.scratch_path("pid"), s.scratch_path("got-term")
        script = f"trap 'echo term >> \"{got_term}\"' TERM; echo $$ > '{pidfile}'; while :; do sleep 0.1; done"
        cid = run_job_flow(self.emr, keep_alive=True, steps=[sh_step("stubborn", script), step("pending", ["true"])])
        ids = self.step_ids(cid)
        self.wait_step_state(cid, ids[0], "RUNNING")
        pid = self.wait_pid(pidfile)
        self.emr.terminate_job_flows(JobFlowIds=[cid])
        wait_until(lambda: "term" in read_text(got_term), timeout=10, message="SIGTERM to reach the step")
        self.assertEqual(self.cluster_state(cid), "TERMINATING")
        self.assertEqual(self.step_state(cid, ids[0]), "CANCEL_PENDING")
        self.assertEqual(self.step_state(cid, ids[1]), "CANCELLED")
        s.kill9()
        self.assertTrue(pid_alive(pid))
        s.start()
        self.emr = s.client()
        self.emr.get_waiter("cluster_terminated").wait(ClusterId=cid, WaiterConfig={"Delay": 1, "MaxAttempts": 40})
        self.assertEqual(self.step_state(cid, ids[0]), "CANCELLED")
        self.assertEqual(self.cluster(cid)["Status"]["StateChangeReason"]["Code"], "USER_REQUEST")
        wait_until(lambda: not pid_alive(pid), timeout=10, message="the stubborn step to be killed")

    def test_graceful_stop_keeps_jobs_running(self):
        s = self.server
        gate, pidfile = s.scratch_path("gate"), s.scratch_path("pid")
        cid = run_job_flow(self.emr, keep_alive=False, steps=[
            sh_step("long", gate_script(gate, before=f"echo $$ > '{pidfile}'", after="echo done")),
            step("next", ["true"])])
        ids = self.step_ids(cid)
        self.wait_step_state(cid, ids[0], "RUNNING")
        pid = self.wait_pid(pidfile)
        s.stop()  # SIGTERM
        self.assertTrue(pid_alive(pid), "a graceful stop must not kill jobs")
        s.start()
        self.emr = s.client()
        touch(gate)
        self.wait_cluster_terminated(cid)
        self.assertEqual([self.step_state(cid, x) for x in ids], ["COMPLETED", "COMPLETED"])


if __name__ == "__main__":
    unittest.main()
