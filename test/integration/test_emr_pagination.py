"""Pagination and filters: ListSteps (newest first, 50 a page, Marker) and ListClusters
(ClusterStates, CreatedAfter/CreatedBefore, Marker)."""

import datetime
import math
import time
import unittest

from harness import EmrTestCase, gate_script, run_job_flow, sh_step, step, touch, wait_until


class ListStepsPaginationTest(EmrTestCase):

    def test_120_steps(self):
        gate = self.server.scratch_path("pages-gate")
        cid = run_job_flow(self.emr, keep_alive=True, steps=[sh_step("gated", gate_script(gate))])
        first = self.emr.list_steps(ClusterId=cid)["Steps"][0]["Id"]
        self.wait_step_state(cid, first, "RUNNING")
        added = [first]
        for chunk in range(7):  # 119 more, over several calls
            n = 17
            added += self.emr.add_job_flow_steps(
                JobFlowId=cid, Steps=[step(f"s{chunk}-{i}", ["true"]) for i in range(n)])["StepIds"]
        self.assertEqual(len(added), 120)
        self.assertEqual(len(set(added)), 120)
        newest_first = list(reversed(added))

        p1 = self.emr.list_steps(ClusterId=cid)
        self.assertEqual(len(p1["Steps"]), 50)
        self.assertIn("Marker", p1)
        self.assertEqual([x["Id"] for x in p1["Steps"]], newest_first[:50])
        p2 = self.emr.list_steps(ClusterId=cid, Marker=p1["Marker"])
        self.assertEqual([x["Id"] for x in p2["Steps"]], newest_first[50:100])
        p3 = self.emr.list_steps(ClusterId=cid, Marker=p2["Marker"])
        self.assertEqual([x["Id"] for x in p3["Steps"]], newest_first[100:])
        self.assertNotIn("Marker", p3)

        pages = list(self.emr.get_paginator("list_steps").paginate(ClusterId=cid))
        self.assertEqual([len(p["Steps"]) for p in pages], [50, 50, 20])
        self.assertEqual([x["Id"] for p in pages for x in p["Steps"]], newest_first)

        # filters
        running = self.emr.list_steps(ClusterId=cid, StepStates=["RUNNING"])["Steps"]
        self.assertEqual([x["Id"] for x in running], [first])
        pending = [x["Id"] for p in self.emr.get_paginator("list_steps").paginate(ClusterId=cid, StepStates=["PENDING"])
                   for x in p["Steps"]]
        self.assertEqual(pending, newest_first[:-1])
        some = [added[3], added[77], added[119]]
        by_ids = self.emr.list_steps(ClusterId=cid, StepIds=some)["Steps"]
        self.assertEqual(sorted(x["Id"] for x in by_ids), sorted(some))
        self.assert_client_error("InvalidRequestException", self.emr.list_steps, ClusterId=cid, Marker="garbage")
        self.assert_client_error("InvalidRequestException", self.emr.list_steps, ClusterId="j-NOSUCHCLUSTER1")

        touch(gate)
        wait_until(lambda: self.cluster_state(cid) == "WAITING", timeout=60, message="all 120 steps done")
        done = [x["Status"]["State"] for x in self.all_steps(cid)]
        self.assertEqual(done, ["COMPLETED"] * 120)


class ListClustersTest(EmrTestCase):
    """Own server (setUpClass), so the cluster list holds only what this class created."""

    @staticmethod
    def _next_whole_second():
        """A boundary between two generations of clusters. botocore sends CreatedAfter/Before as whole
        epoch seconds (it drops the milliseconds), so the boundary is a whole second, and the next
        generation is created only once the clock has passed it."""
        boundary = math.floor(time.time()) + 1
        wait_until(lambda: time.time() > boundary + 0.01, timeout=3, interval=0.01, message="the next second")
        return datetime.datetime.fromtimestamp(boundary, datetime.timezone.utc)

    def test_filters_and_pages(self):
        # generation A: transient, no steps -> TERMINATED
        gen_a = [run_job_flow(self.emr, name=f"a{i}", keep_alive=False) for i in range(3)]
        boundary_1 = self._next_whole_second()
        # generation B: long-running -> WAITING
        gen_b = [run_job_flow(self.emr, name=f"b{i}", keep_alive=True) for i in range(4)]
        boundary_2 = self._next_whole_second()
        # generation C: 60 more transient ones, for pagination
        gen_c = [run_job_flow(self.emr, name=f"c{i}", keep_alive=False) for i in range(60)]
        for cid in gen_a + gen_c:
            self.wait_cluster_state(cid, "TERMINATED")
        for cid in gen_b:
            self.wait_cluster_state(cid, "WAITING")
        everything = gen_a + gen_b + gen_c

        def listed(**kwargs):
            out = []
            for page in self.emr.get_paginator("list_clusters").paginate(**kwargs):
                out.extend(page["Clusters"])
            return out

        all_clusters = listed()
        self.assertEqual([c["Id"] for c in all_clusters], list(reversed(everything)))  # newest first
        summary = all_clusters[0]
        self.assertEqual(set(summary), {"Id", "Name", "Status", "NormalizedInstanceHours", "ClusterArn"})
        self.assertTrue(summary["ClusterArn"].endswith(f":cluster/{summary['Id']}"))
        self.assertEqual(summary["Name"], "c59")

        p1 = self.emr.list_clusters()
        self.assertEqual(len(p1["Clusters"]), 50)
        p2 = self.emr.list_clusters(Marker=p1["Marker"])
        self.assertEqual(len(p2["Clusters"]), 17)
        self.assertNotIn("Marker", p2)

        waiting = listed(ClusterStates=["WAITING"])
        self.assertEqual(sorted(c["Id"] for c in waiting), sorted(gen_b))
        active = listed(ClusterStates=["STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING", "TERMINATING"])
        self.assertEqual(sorted(c["Id"] for c in active), sorted(gen_b))
        terminated = listed(ClusterStates=["TERMINATED"])
        self.assertEqual(sorted(c["Id"] for c in terminated), sorted(gen_a + gen_c))
        self.assertEqual(listed(ClusterStates=["TERMINATED_WITH_ERRORS"]), [])

        self.assertEqual(sorted(c["Id"] for c in listed(CreatedBefore=boundary_1)), sorted(gen_a))
        self.assertEqual(sorted(c["Id"] for c in listed(CreatedAfter=boundary_1, CreatedBefore=boundary_2)),
                         sorted(gen_b))
        self.assertEqual(sorted(c["Id"] for c in listed(CreatedAfter=boundary_2)), sorted(gen_c))
        # epoch numbers work as well as datetimes
        self.assertEqual(sorted(c["Id"] for c in listed(CreatedAfter=boundary_2.timestamp())), sorted(gen_c))
        self.assertEqual(listed(CreatedAfter=time.time() + 3600), [])
        both = listed(CreatedAfter=boundary_1, ClusterStates=["TERMINATED"])
        self.assertEqual(sorted(c["Id"] for c in both), sorted(gen_c))

        for cid in gen_b:
            self.emr.terminate_job_flows(JobFlowIds=[cid])


if __name__ == "__main__":
    unittest.main()
