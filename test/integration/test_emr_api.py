"""Describe/list shapes, tags, DescribeJobFlows, /health and /metrics."""

import re
import unittest

from harness import EmrTestCase, run_job_flow, sh_step, step, wait_until


class TagsTest(EmrTestCase):

    def test_add_overwrite_remove(self):
        cid = run_job_flow(self.emr, keep_alive=True, Tags=[{"Key": "team", "Value": "data"},
                                                            {"Key": "env", "Value": "test"}])
        self.assertEqual(sorted((t["Key"], t["Value"]) for t in self.cluster(cid)["Tags"]),
                         [("env", "test"), ("team", "data")])
        self.emr.add_tags(ResourceId=cid, Tags=[{"Key": "env", "Value": "prod"}, {"Key": "cost", "Value": ""}])
        self.assertEqual(sorted((t["Key"], t["Value"]) for t in self.cluster(cid)["Tags"]),
                         [("cost", ""), ("env", "prod"), ("team", "data")])
        self.emr.remove_tags(ResourceId=cid, TagKeys=["team", "not-there"])
        self.assertEqual(sorted((t["Key"], t["Value"]) for t in self.cluster(cid)["Tags"]),
                         [("cost", ""), ("env", "prod")])

    def test_tag_errors(self):
        cid = run_job_flow(self.emr, keep_alive=True)
        long_key = "k" * 129
        self.assert_client_error(
            "InvalidRequestException", self.emr.add_tags, ResourceId=cid, Tags=[{"Key": long_key, "Value": "v"}],
            message=f"Invalid tag key: '{long_key}'. Tag keys must be between 1 and 128 characters in length.")
        self.assert_client_error(
            "InvalidRequestException", self.emr.add_tags, ResourceId=cid, Tags=[{"Key": "", "Value": "v"}],
            message="Invalid tag key: ''. Tag keys must be between 1 and 128 characters in length.")
        self.assert_client_error("InvalidRequestException", self.emr.add_tags, ResourceId=cid,
                                 Tags=[{"Key": "ok", "Value": "v" * 257}])
        self.assertEqual(self.cluster(cid)["Tags"], [])
        self.emr.add_tags(ResourceId=cid, Tags=[{"Key": "k" * 128, "Value": "v" * 256}])  # the limits themselves

        self.emr.terminate_job_flows(JobFlowIds=[cid])
        self.wait_cluster_terminated(cid)
        self.assert_client_error("InvalidRequestException", self.emr.add_tags, ResourceId=cid,
                                 Tags=[{"Key": "late", "Value": "v"}],
                                 message="Tags cannot be modified on terminated clusters.")
        self.assert_client_error("InvalidRequestException", self.emr.remove_tags, ResourceId=cid,
                                 TagKeys=["k" * 128], message="Tags cannot be modified on terminated clusters.")
        self.assert_client_error("ValidationException", run_job_flow, self.emr,
                                 Tags=[{"Key": long_key, "Value": "v"}])


class InstanceShapesTest(EmrTestCase):

    def test_instance_groups_instances_bootstrap_actions(self):
        self.server.put_s3("s3://shapes/ba.sh", "exit 0\n")
        cid = run_job_flow(
            self.emr, keep_alive=True,
            Instances={"KeepJobFlowAliveWhenNoSteps": True, "InstanceGroups": [
                {"Name": "Primary", "InstanceRole": "MASTER", "InstanceType": "m5.xlarge", "InstanceCount": 1},
                {"Name": "Workers", "InstanceRole": "CORE", "InstanceType": "r5.2xlarge", "InstanceCount": 2,
                 "Market": "SPOT", "BidPrice": "0.50"}]},
            BootstrapActions=[
                {"Name": "one", "ScriptBootstrapAction": {"Path": "s3://shapes/ba.sh", "Args": ["a", "b"]}},
                {"Name": "two", "ScriptBootstrapAction": {"Path": "s3://shapes/ba.sh"}}])
        c = self.wait_cluster_state(cid, "WAITING")
        self.assertEqual(c["InstanceCollectionType"], "INSTANCE_GROUP")

        groups = self.emr.list_instance_groups(ClusterId=cid)["InstanceGroups"]
        self.assertEqual(len(groups), 2)
        by_type = {g["InstanceGroupType"]: g for g in groups}
        master, core = by_type["MASTER"], by_type["CORE"]
        for g in groups:
            self.assertRegex(g["Id"], r"^ig-[0-9A-Z]+$")
            self.assertEqual(g["Status"]["State"], "RUNNING")
            self.assertEqual(g["RunningInstanceCount"], g["RequestedInstanceCount"])
        self.assertNotEqual(master["Id"], core["Id"])
        self.assertEqual((master["Name"], master["InstanceType"], master["RequestedInstanceCount"], master["Market"]),
                         ("Primary", "m5.xlarge", 1, "ON_DEMAND"))
        self.assertEqual((core["Name"], core["InstanceType"], core["RequestedInstanceCount"], core["Market"],
                          core["BidPrice"]), ("Workers", "r5.2xlarge", 2, "SPOT", "0.50"))

        instances = self.emr.list_instances(ClusterId=cid)["Instances"]
        self.assertEqual(len(instances), 3)
        self.assertEqual(len({i["Id"] for i in instances}), 3)
        self.assertEqual(len({i["Ec2InstanceId"] for i in instances}), 3)
        for i in instances:
            self.assertEqual(i["Status"]["State"], "RUNNING")
            self.assertIn(i["InstanceGroupId"], (master["Id"], core["Id"]))
            self.assertTrue(i["PrivateIpAddress"])
            self.assertNotIn("_Role", i)
        cores = self.emr.list_instances(ClusterId=cid, InstanceGroupTypes=["CORE"])["Instances"]
        self.assertEqual([i["InstanceGroupId"] for i in cores], [core["Id"]] * 2)
        self.assertEqual({i["InstanceType"] for i in cores}, {"r5.2xlarge"})
        by_group = self.emr.list_instances(ClusterId=cid, InstanceGroupId=master["Id"])["Instances"]
        self.assertEqual(len(by_group), 1)
        self.assertEqual(self.emr.list_instances(ClusterId=cid, InstanceStates=["TERMINATED"])["Instances"], [])

        actions = self.emr.list_bootstrap_actions(ClusterId=cid)["BootstrapActions"]
        self.assertEqual(actions, [{"Name": "one", "ScriptPath": "s3://shapes/ba.sh", "Args": ["a", "b"]},
                                   {"Name": "two", "ScriptPath": "s3://shapes/ba.sh", "Args": []}])

        self.emr.terminate_job_flows(JobFlowIds=[cid])
        self.wait_cluster_terminated(cid)
        groups = self.emr.list_instance_groups(ClusterId=cid)["InstanceGroups"]
        self.assertEqual({g["Status"]["State"] for g in groups}, {"TERMINATED"})
        self.assertEqual({i["Status"]["State"] for i in self.emr.list_instances(ClusterId=cid)["Instances"]},
                         {"TERMINATED"})

    def test_instance_fleets(self):
        cid = run_job_flow(self.emr, keep_alive=True, Instances={"KeepJobFlowAliveWhenNoSteps": True, "InstanceFleets": [
            {"Name": "primary", "InstanceFleetType": "MASTER", "TargetOnDemandCapacity": 1,
             "InstanceTypeConfigs": [{"InstanceType": "m5.xlarge"}]},
            {"Name": "core", "InstanceFleetType": "CORE", "TargetOnDemandCapacity": 1, "TargetSpotCapacity": 2,
             "InstanceTypeConfigs": [{"InstanceType": "r5.xlarge", "WeightedCapacity": 1}]}]})
        c = self.wait_cluster_state(cid, "WAITING")
        self.assertEqual(c["InstanceCollectionType"], "INSTANCE_FLEET")
        fleets = {f["InstanceFleetType"]: f for f in self.emr.list_instance_fleets(ClusterId=cid)["InstanceFleets"]}
        self.assertEqual(set(fleets), {"MASTER", "CORE"})
        core = fleets["CORE"]
        self.assertRegex(core["Id"], r"^if-[0-9A-Z]+$")
        self.assertEqual((core["Name"], core["TargetOnDemandCapacity"], core["TargetSpotCapacity"]), ("core", 1, 2))
        self.assertEqual((core["ProvisionedOnDemandCapacity"], core["ProvisionedSpotCapacity"]), (1, 2))
        self.assertEqual(core["InstanceTypeSpecifications"][0]["InstanceType"], "r5.xlarge")
        self.assertEqual(core["Status"]["State"], "RUNNING")
        resp = self.assert_client_error("InvalidRequestException", self.emr.list_instance_groups, ClusterId=cid)
        self.assertIn("mutually exclusive", resp["Error"]["Message"])
        core_instances = self.emr.list_instances(ClusterId=cid, InstanceFleetType="CORE")["Instances"]
        self.assertEqual(len(core_instances), 3)
        self.assertEqual({i["InstanceFleetId"] for i in core_instances}, {core["Id"]})
        self.assertEqual(sorted(i["Market"] for i in core_instances), ["ON_DEMAND", "SPOT", "SPOT"])
        self.emr.terminate_job_flows(JobFlowIds=[cid])

    def test_simple_instances_form_makes_groups(self):
        cid = run_job_flow(self.emr, keep_alive=True,
                           Instances={"MasterInstanceType": "m5.xlarge", "SlaveInstanceType": "m5.2xlarge",
                                      "InstanceCount": 3, "KeepJobFlowAliveWhenNoSteps": True})
        groups = {g["InstanceGroupType"]: g for g in self.emr.list_instance_groups(ClusterId=cid)["InstanceGroups"]}
        self.assertEqual(groups["MASTER"]["RequestedInstanceCount"], 1)
        self.assertEqual(groups["CORE"]["RequestedInstanceCount"], 2)
        self.assertEqual(groups["CORE"]["InstanceType"], "m5.2xlarge")
        self.emr.terminate_job_flows(JobFlowIds=[cid])

    def test_describe_cluster_shape(self):
        cid = run_job_flow(self.emr, name="shape", keep_alive=True, LogUri="s3://logs/x/",
                           Applications=[{"Name": "Spark"}, {"Name": "Hadoop"}],
                           Configurations=[{"Classification": "spark-defaults",
                                            "Properties": {"spark.executor.memory": "2g"}}])
        c = self.wait_cluster_state(cid, "WAITING")
        self.assertEqual(c["Id"], cid)
        self.assertEqual(c["Name"], "shape")
        self.assertEqual(c["ReleaseLabel"], "emr-7.1.0")
        self.assertEqual(c["LogUri"], "s3://logs/x/")
        self.assertEqual(c["ServiceRole"], "EMR_DefaultRole")
        self.assertEqual(c["Ec2InstanceAttributes"]["IamInstanceProfile"], "EMR_EC2_DefaultRole")
        self.assertEqual([a["Name"] for a in c["Applications"]], ["Spark", "Hadoop"])
        self.assertEqual(c["Configurations"][0]["Properties"], {"spark.executor.memory": "2g"})
        self.assertRegex(c["ClusterArn"], rf"^arn:aws:elasticmapreduce:us-east-1:\d{{12}}:cluster/{cid}$")
        self.assertFalse(c["AutoTerminate"])
        self.assertTrue(c["VisibleToAllUsers"])
        self.assertEqual(c["StepConcurrencyLevel"], 1)
        self.emr.set_visible_to_all_users(JobFlowIds=[cid], VisibleToAllUsers=False)
        self.assertFalse(self.cluster(cid)["VisibleToAllUsers"])
        self.emr.terminate_job_flows(JobFlowIds=[cid])


class DescribeJobFlowsTest(EmrTestCase):

    def test_describe_job_flows(self):
        self.server.put_s3("s3://djf/ba.sh", "exit 0\n")
        done = run_job_flow(self.emr, name="done", keep_alive=False,
                            BootstrapActions=[{"Name": "ba", "ScriptBootstrapAction": {"Path": "s3://djf/ba.sh",
                                                                                       "Args": ["z"]}}],
                            steps=[step("echo", ["echo", "hi"]), sh_step("fail", "exit 1")])
        waiting = run_job_flow(self.emr, name="waiting", keep_alive=True)
        self.wait_cluster_terminated(done)
        self.wait_cluster_state(waiting, "WAITING")

        flows = {f["JobFlowId"]: f for f in self.emr.describe_job_flows(JobFlowIds=[done, waiting])["JobFlows"]}
        self.assertEqual(set(flows), {done, waiting})
        d = flows[done]
        self.assertEqual(d["Name"], "done")
        self.assertEqual(d["ExecutionStatusDetail"]["State"], "COMPLETED")  # TERMINATED + ALL_STEPS_COMPLETED
        self.assertIn("EndDateTime", d["ExecutionStatusDetail"])
        self.assertEqual([s["StepConfig"]["Name"] for s in d["Steps"]], ["echo", "fail"])  # oldest first
        self.assertEqual([s["ExecutionStatusDetail"]["State"] for s in d["Steps"]], ["COMPLETED", "FAILED"])
        self.assertEqual(d["Steps"][0]["StepConfig"]["HadoopJarStep"]["Args"], ["echo", "hi"])
        self.assertEqual(d["BootstrapActions"][0]["BootstrapActionConfig"],
                         {"Name": "ba", "ScriptBootstrapAction": {"Path": "s3://djf/ba.sh", "Args": ["z"]}})
        self.assertFalse(d["Instances"]["KeepJobFlowAliveWhenNoSteps"])
        self.assertEqual(d["Instances"]["MasterInstanceType"], "m5.xlarge")
        self.assertEqual(flows[waiting]["ExecutionStatusDetail"]["State"], "WAITING")
        self.assertTrue(flows[waiting]["Instances"]["KeepJobFlowAliveWhenNoSteps"])

        only_waiting = self.emr.describe_job_flows(JobFlowStates=["WAITING"])["JobFlows"]
        self.assertEqual([f["JobFlowId"] for f in only_waiting], [waiting])
        self.assertEqual({f["JobFlowId"] for f in self.emr.describe_job_flows()["JobFlows"]}, {done, waiting})
        self.emr.terminate_job_flows(JobFlowIds=[waiting])


class HealthAndMetricsTest(EmrTestCase):

    def test_health(self):
        status, headers, body = self.server.http("GET", "/health")
        self.assertEqual(status, 200)
        self.assertIn("application/json", headers.get("content-type", ""))
        self.assertIn(b'"ok"', body)

    def test_metrics(self):
        cid = run_job_flow(self.emr, keep_alive=False, steps=[step("ok", ["true"]), sh_step("bad", "exit 1")])
        self.wait_cluster_terminated(cid)
        self.assert_client_error("InvalidRequestException", self.emr.describe_cluster, ClusterId="j-X")
        status, headers, body = self.server.http("GET", "/metrics")
        self.assertEqual(status, 200)
        self.assertTrue(headers.get("content-type", "").startswith("text/plain"))
        text = body.decode()

        def gauge(name, **labels):
            label_text = ",".join(f'{k}="{v}"' for k, v in labels.items())
            m = re.search(rf"^{re.escape(name)}\{{{re.escape(label_text)}\}} (\S+)$", text, re.M)
            self.assertIsNotNone(m, f"{name}{{{label_text}}} missing from /metrics")
            return float(m.group(1))

        self.assertEqual(gauge("jobflow_emr_steps", state="COMPLETED"), 1)
        self.assertEqual(gauge("jobflow_emr_steps", state="FAILED"), 1)
        self.assertEqual(gauge("jobflow_emr_steps", state="RUNNING"), 0)
        self.assertEqual(gauge("jobflow_emr_clusters", state="TERMINATED"), 1)
        self.assertEqual(gauge("jobflow_emr_clusters", state="WAITING"), 0)
        self.assertGreaterEqual(
            gauge("jobflow_aws_requests_total", service="ElasticMapReduce", operation="RunJobFlow", status="200"), 1)
        self.assertGreaterEqual(
            gauge("jobflow_aws_requests_total", service="ElasticMapReduce", operation="DescribeCluster", status="400"), 1)
        self.assertIn("# TYPE jobflow_emr_steps gauge", text)


if __name__ == "__main__":
    unittest.main()
