"""The idle timer of an auto-termination policy, for real. IdleTimeout cannot be below 60 s, so this
takes about a minute; it is the only slow test (ctest label `slow`; exclude it with `-LE slow`)."""

import datetime
import unittest

from harness import EmrTestCase, run_job_flow, sh_step

IDLE = 60


class IdleTimeoutTest(EmrTestCase):

    def test_slow_auto_termination_idle_timer(self):
        # Z: its policy is removed again, so it must stay up
        z = run_job_flow(self.emr, name="Z", keep_alive=True, AutoTerminationPolicy={"IdleTimeout": IDLE})
        self.emr.remove_auto_termination_policy(ClusterId=z)
        # X: idle from the start
        x = run_job_flow(self.emr, name="X", keep_alive=True, AutoTerminationPolicy={"IdleTimeout": IDLE})
        # Y: busy with a step for a few seconds first; the idle clock starts only once it is WAITING
        y = run_job_flow(self.emr, name="Y", keep_alive=True, steps=[sh_step("busy", "sleep 3")])
        self.emr.put_auto_termination_policy(ClusterId=y, AutoTerminationPolicy={"IdleTimeout": IDLE})

        self.wait_cluster_state(x, "WAITING")
        self.wait_cluster_state(z, "WAITING")
        (step,) = self.emr.list_steps(ClusterId=y)["Steps"]
        self.wait_step_complete(y, step["Id"])
        self.wait_cluster_state(y, "WAITING")

        for cid in (x, y):
            self.emr.get_waiter("cluster_terminated").wait(
                ClusterId=cid, WaiterConfig={"Delay": 1, "MaxAttempts": IDLE + 40})
        self.assertEqual(self.cluster_state(z), "WAITING", "a removed policy still terminated the cluster")

        cx, cy = self.cluster(x), self.cluster(y)
        for c in (cx, cy):
            self.assertEqual(c["Status"]["State"], "TERMINATED")
            self.assertEqual(c["Status"]["StateChangeReason"]["Code"], "ALL_STEPS_COMPLETED")
        idle = datetime.timedelta(seconds=IDLE)
        slack = datetime.timedelta(seconds=15)
        x_idle_since = cx["Status"]["Timeline"]["ReadyDateTime"]
        x_end = cx["Status"]["Timeline"]["EndDateTime"]
        self.assertGreaterEqual(x_end - x_idle_since, idle)
        self.assertLess(x_end - x_idle_since, idle + slack)
        y_idle_since = self.step_info(y, step["Id"])["Status"]["Timeline"]["EndDateTime"]
        y_end = cy["Status"]["Timeline"]["EndDateTime"]
        self.assertGreaterEqual(y_end - y_idle_since, idle, "the idle clock must start when the cluster is idle")
        self.assertLess(y_end - y_idle_since, idle + slack)

        self.emr.terminate_job_flows(JobFlowIds=[z])
        self.wait_cluster_terminated(z)


if __name__ == "__main__":
    unittest.main()
