"""Wire errors: every error type with its HTTP status, x-amzn-ErrorType header and JSON __type,
checked over raw HTTP for what boto3 cannot send, and through boto3 for the rest. A client error
must never be answered with a 5xx (botocore retries those)."""

import json
import unittest

from harness import EmrTestCase, run_job_flow, step

UNKNOWN_CLUSTER = "j-X"


class RawErrorsTest(EmrTestCase):

    def assert_error(self, status, headers, body, error_type, message=None):
        self.assertEqual(status, 400, body)
        self.assertEqual(headers.get("x-amzn-errortype"), error_type)
        self.assertIsInstance(body, dict, "the error body must be JSON")
        self.assertEqual(body.get("__type"), error_type, body)
        self.assertTrue(body.get("Message"), body)
        if message is not None:
            self.assertEqual(body["Message"], message)

    def test_unknown_target(self):
        status, headers, body = self.server.emr_raw("ElasticMapReduce.NoSuchOperation", {})
        self.assert_error(status, headers, body, "UnknownOperationException")
        status, headers, body = self.server.emr_raw("ElasticMapReduce.", {})
        self.assert_error(status, headers, body, "UnknownOperationException")
        # A target of a service jobflow does not serve is an unknown operation too.
        status, headers, body = self.server.emr_raw("NoSuchService.ListClusters", {})
        self.assert_error(status, headers, body, "UnknownOperationException")

    def test_malformed_json(self):
        for bad in ('{"Name": ', "not json at all", '{"Name": "x",}'):
            status, headers, body = self.server.emr_raw("ElasticMapReduce.RunJobFlow", bad)
            self.assert_error(status, headers, body, "SerializationException")
        status, headers, body = self.server.emr_raw("ElasticMapReduce.ListClusters", "[1, 2]")
        self.assert_error(status, headers, body, "SerializationException")

    def test_wrong_member_type(self):
        cases = [
            ("DescribeCluster", {"ClusterId": 42}),
            ("ListClusters", {"ClusterStates": "WAITING"}),
            ("RunJobFlow", {"Name": "x", "Instances": "big", "ServiceRole": "r"}),
            ("AddJobFlowSteps", {"JobFlowId": "j-X", "Steps": {"Name": "x"}}),
            ("ModifyCluster", {"ClusterId": "j-X", "StepConcurrencyLevel": "three"}),
            ("SetTerminationProtection", {"JobFlowIds": ["j-X"], "TerminationProtected": "yes"}),
        ]
        for op, params in cases:
            with self.subTest(op=op):
                status, headers, body = self.server.emr_raw(f"ElasticMapReduce.{op}", params)
                self.assert_error(status, headers, body, "SerializationException")

    def test_missing_required_member(self):
        cases = [
            ("DescribeCluster", {}),
            ("RunJobFlow", {"Instances": {"InstanceCount": 1}, "ServiceRole": "r"}),
            ("AddJobFlowSteps", {"JobFlowId": "j-X"}),
            ("DescribeStep", {"ClusterId": "j-X"}),
            ("TerminateJobFlows", {}),
        ]
        for op, params in cases:
            with self.subTest(op=op):
                status, headers, body = self.server.emr_raw(f"ElasticMapReduce.{op}", params)
                self.assert_error(status, headers, body, "ValidationException")
        status, headers, body = self.server.emr_raw("ElasticMapReduce.DescribeCluster", {})
        self.assertIn("Member must not be null", body["Message"])
        self.assertIn("clusterId", body["Message"])

    def test_invalid_enum_value(self):
        for op, params in [("ListClusters", {"ClusterStates": ["SLEEPING"]}),
                           ("ListSteps", {"ClusterId": "j-X", "StepStates": ["DONE"]}),
                           ("CancelSteps", {"ClusterId": "j-X", "StepIds": ["s-X"],
                                            "StepCancellationOption": "KILL_IT"})]:
            with self.subTest(op=op):
                status, headers, body = self.server.emr_raw(f"ElasticMapReduce.{op}", params)
                self.assert_error(status, headers, body, "ValidationException")

    def test_describe_cluster_unknown_id(self):
        status, headers, body = self.server.emr_raw("ElasticMapReduce.DescribeCluster", {"ClusterId": UNKNOWN_CLUSTER})
        self.assert_error(status, headers, body, "InvalidRequestException", message="Cluster id 'j-X' is not valid.")
        self.assertEqual(body.get("ErrorCode"), "NoSuchCluster")

    def test_empty_body_is_empty_input(self):
        status, headers, body = self.server.emr_raw("ElasticMapReduce.ListClusters", "")
        self.assertEqual(status, 200, body)
        self.assertEqual(body, {"Clusters": []})


class Boto3ErrorsTest(EmrTestCase):

    def test_describe_cluster_unknown(self):
        resp = self.assert_client_error("InvalidRequestException", self.emr.describe_cluster, ClusterId=UNKNOWN_CLUSTER,
                                        message="Cluster id 'j-X' is not valid.")
        self.assertEqual(resp["ErrorCode"], "NoSuchCluster")
        self.assertEqual(resp["ResponseMetadata"]["RetryAttempts"], 0)

    def test_add_job_flow_steps_unknown_cluster(self):
        self.assert_client_error("ValidationException", self.emr.add_job_flow_steps, JobFlowId=UNKNOWN_CLUSTER,
                                 Steps=[step("x", ["true"])])

    def test_describe_step_unknown_step(self):
        cid = run_job_flow(self.emr, keep_alive=True)
        self.assert_client_error("InvalidRequestException", self.emr.describe_step, ClusterId=cid,
                                 StepId="s-NOSUCHSTEP123", message="Step id 's-NOSUCHSTEP123' is not valid.")
        self.assert_client_error("InvalidRequestException", self.emr.describe_step, ClusterId=UNKNOWN_CLUSTER,
                                 StepId="s-NOSUCHSTEP123")
        # a real step id, but of another cluster
        other = run_job_flow(self.emr, keep_alive=True, steps=[step("x", ["true"])])
        (sid,) = [x["Id"] for x in self.emr.list_steps(ClusterId=other)["Steps"]]
        self.assert_client_error("InvalidRequestException", self.emr.describe_step, ClusterId=cid, StepId=sid,
                                 message=f"Step id '{sid}' is not valid.")
        self.emr.terminate_job_flows(JobFlowIds=[cid, other])

    def test_other_unknown_ids(self):
        for fn, kwargs in [
            (self.emr.list_steps, {"ClusterId": UNKNOWN_CLUSTER}),
            (self.emr.list_instance_groups, {"ClusterId": UNKNOWN_CLUSTER}),
            (self.emr.list_instances, {"ClusterId": UNKNOWN_CLUSTER}),
            (self.emr.list_bootstrap_actions, {"ClusterId": UNKNOWN_CLUSTER}),
            (self.emr.add_tags, {"ResourceId": UNKNOWN_CLUSTER, "Tags": [{"Key": "k", "Value": "v"}]}),
            (self.emr.remove_tags, {"ResourceId": UNKNOWN_CLUSTER, "TagKeys": ["k"]}),
        ]:
            with self.subTest(op=fn.__name__):
                self.assert_client_error("InvalidRequestException", fn, **kwargs)
        for fn, kwargs in [
            (self.emr.terminate_job_flows, {"JobFlowIds": [UNKNOWN_CLUSTER]}),
            (self.emr.set_termination_protection, {"JobFlowIds": [UNKNOWN_CLUSTER], "TerminationProtected": True}),
            (self.emr.set_visible_to_all_users, {"JobFlowIds": [UNKNOWN_CLUSTER], "VisibleToAllUsers": True}),
        ]:
            with self.subTest(op=fn.__name__):
                self.assert_client_error("ValidationException", fn, **kwargs)

    def test_run_job_flow_validation(self):
        base = {"Name": "v", "ReleaseLabel": "emr-7.1.0", "ServiceRole": "EMR_DefaultRole",
                "Instances": {"MasterInstanceType": "m5.xlarge", "InstanceCount": 1}}

        def run(**changes):
            req = dict(base)
            req.update(changes)
            return self.emr.run_job_flow(**{k: v for k, v in req.items() if v is not None})

        before = len(self.emr.list_clusters()["Clusters"])
        self.assert_client_error("ValidationException", run, ServiceRole=None,
                                 message="ServiceRole is required for creating cluster.")
        self.assert_client_error(
            "ValidationException", run, AmiVersion="3.11.0",
            message="Only one AMI version and release label may be specified. Provided AMI: 3.11.0, "
                    "release label: emr-7.1.0.")
        self.assert_client_error(
            "ValidationException", run,
            Instances={"InstanceCount": 1, "InstanceGroups": [
                {"InstanceRole": "MASTER", "InstanceType": "m5.xlarge", "InstanceCount": 1}]},
            message="Please configure instances using one and only one of the following: instance groups; "
                    "instance fleets; instance count, master and slave instance type.")
        self.assert_client_error(
            "ValidationException", run,
            Instances={"InstanceGroups": [{"InstanceRole": "CORE", "InstanceType": "m5.xlarge", "InstanceCount": 2}]},
            message="Zero master instance groups supplied, you must specify exactly one master instance group")
        self.assert_client_error(
            "ValidationException", run,
            Instances={"InstanceGroups": [
                {"InstanceRole": "MASTER", "InstanceType": "m5.xlarge", "InstanceCount": 1},
                {"InstanceRole": "TASK", "InstanceType": "m5.xlarge", "InstanceCount": 2}]},
            message="Clusters with task nodes must also define core nodes.")
        self.assertEqual(len(self.emr.list_clusters()["Clusters"]), before, "a rejected RunJobFlow created a cluster")


if __name__ == "__main__":
    unittest.main()
