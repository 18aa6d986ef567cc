"""Step Functions driving jobflow's EMR through the optimized integration, against the real
server: a state machine creates a cluster (createCluster.sync), runs steps in a Parallel state
with addStep.sync (one of them failing and caught), and terminates the cluster
(terminateCluster.sync). The steps really run; .sync tasks end when the steps and the cluster do."""

import json
import time
import unittest

from harness import JobflowServer, wait_until

ROLE = "arn:aws:iam::123456789012:role/sfn"

PIPELINE = {
    "Comment": "EMR cluster, two steps in parallel, terminate",
    "StartAt": "CreateCluster",
    "States": {
        "CreateCluster": {
            "Type": "Task",
            "Resource": "arn:aws:states:::elasticmapreduce:createCluster.sync",
            "Parameters": {
                "Name": "sfn-pipeline",
                "ReleaseLabel": "emr-7.1.0",
                "Applications": [{"Name": "Spark"}],
                "ServiceRole": "EMR_DefaultRole",
                "JobFlowRole": "EMR_EC2_DefaultRole",
                "Instances": {
                    "KeepJobFlowAliveWhenNoSteps": True,
                    "InstanceGroups": [
                        {"Name": "Primary", "InstanceRole": "MASTER", "InstanceType": "m5.xlarge", "InstanceCount": 1}
                    ],
                },
            },
            "ResultSelector": {"ClusterId.$": "$.ClusterId"},
            "ResultPath": "$.cluster",
            "Next": "Steps",
        },
        "Steps": {
            "Type": "Parallel",
            "ResultPath": "$.steps",
            "Next": "Terminate",
            "Branches": [
                {
                    "StartAt": "Ok",
                    "States": {
                        "Ok": {
                            "Type": "Task",
                            "Resource": "arn:aws:states:::elasticmapreduce:addStep.sync",
                            "Parameters": {
                                "ClusterId.$": "$.cluster.ClusterId",
                                "Step": {
                                    "Name": "ok",
                                    "ActionOnFailure": "CONTINUE",
                                    "HadoopJarStep": {"Jar": "command-runner.jar", "Args": ["sh", "-c", "sleep 0.3; echo done"]},
                                },
                            },
                            "ResultSelector": {"State.$": "$.Step.Status.State", "Name.$": "$.Step.Name"},
                            "End": True,
                        }
                    },
                },
                {
                    "StartAt": "Fails",
                    "States": {
                        "Fails": {
                            "Type": "Task",
                            "Resource": "arn:aws:states:::elasticmapreduce:addStep.sync",
                            "Parameters": {
                                "ClusterId.$": "$.cluster.ClusterId",
                                "Step": {
                                    "Name": "fails",
                                    "ActionOnFailure": "CONTINUE",
                                    "HadoopJarStep": {"Jar": "command-runner.jar", "Args": ["sh", "-c", "exit 3"]},
                                },
                            },
                            "Catch": [{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.error", "Next": "Caught"}],
                            "End": True,
                        },
                        "Caught": {"Type": "Pass", "Parameters": {"Error.$": "$.error.Error"}, "End": True},
                    },
                },
            ],
        },
        "Terminate": {
            "Type": "Task",
            "Resource": "arn:aws:states:::elasticmapreduce:terminateCluster.sync",
            "Parameters": {"ClusterId.$": "$.cluster.ClusterId"},
            "ResultPath": None,
            "End": True,
        },
    },
}


class SfnEmrTest(unittest.TestCase):
    def setUp(self):
        self.server = JobflowServer()
        self.sfn = self.server.client("stepfunctions")
        self.emr = self.server.client("emr")

    def tearDown(self):
        self.server.close()

    def machine(self, name, definition):
        return self.sfn.create_state_machine(name=name, definition=json.dumps(definition), roleArn=ROLE)[
            "stateMachineArn"]

    def finished(self, arn, timeout=60):
        return wait_until(lambda: (d := self.sfn.describe_execution(executionArn=arn))["status"] != "RUNNING" and d,
                          timeout=timeout, interval=0.1, message="the execution to end")

    def history(self, arn):
        events, token = [], None
        while True:
            kwargs = {"executionArn": arn, "maxResults": 1000}
            if token:
                kwargs["nextToken"] = token
            page = self.sfn.get_execution_history(**kwargs)
            events += page["events"]
            token = page.get("nextToken")
            if not token:
                return events

    def test_cluster_parallel_steps_and_termination(self):
        arn = self.machine("emr-pipeline", PIPELINE)
        execution = self.sfn.start_execution(stateMachineArn=arn, name="run1", input="{}")["executionArn"]
        done = self.finished(execution)
        self.assertEqual(done["status"], "SUCCEEDED", done)
        output = json.loads(done["output"])
        cluster_id = output["cluster"]["ClusterId"]
        self.assertTrue(cluster_id.startswith("j-"))
        self.assertEqual(output["steps"][0], {"State": "COMPLETED", "Name": "ok"})
        self.assertEqual(output["steps"][1], {"Error": "States.TaskFailed"})

        # The steps really ran on the cluster, and the cluster is gone.
        cluster = self.emr.describe_cluster(ClusterId=cluster_id)["Cluster"]
        self.assertIn(cluster["Status"]["State"], ("TERMINATED", "TERMINATED_WITH_ERRORS"))
        states = {s["Name"]: s["Status"]["State"] for s in self.emr.list_steps(ClusterId=cluster_id)["Steps"]}
        self.assertEqual(states, {"ok": "COMPLETED", "fails": "FAILED"})

        types = [e["type"] for e in self.history(execution)]
        self.assertEqual(types.count("TaskSubmitted"), 4)  # cluster, two steps, termination
        self.assertIn("TaskFailed", types)
        failed = next(e for e in self.history(execution) if e["type"] == "TaskFailed")
        details = failed["taskFailedEventDetails"]
        self.assertEqual(details["error"], "States.TaskFailed")
        self.assertEqual(json.loads(details["cause"])["Step"]["Status"]["State"], "FAILED")

    def test_emr_errors_surface_as_task_failures(self):
        definition = {"StartAt": "Add", "States": {"Add": {
            "Type": "Task", "Resource": "arn:aws:states:::elasticmapreduce:addStep",
            "Parameters": {"ClusterId": "j-NOSUCHCLUSTER1", "Step": {
                "Name": "x", "ActionOnFailure": "CONTINUE",
                "HadoopJarStep": {"Jar": "command-runner.jar", "Args": ["true"]}}},
            "End": True}}}
        arn = self.machine("emr-bad", definition)
        execution = self.sfn.start_execution(stateMachineArn=arn)["executionArn"]
        done = self.finished(execution)
        self.assertEqual(done["status"], "FAILED")
        last = self.history(execution)[-1]["executionFailedEventDetails"]
        self.assertTrue(last["error"].startswith("EMR."), last)
        self.assertIn("Service: AmazonElasticMapReduce", last["cause"])

    def test_instance_groups_and_fleets_are_modified_by_name(self):
        cluster = self.emr.run_job_flow(
            Name="groups", ReleaseLabel="emr-7.1.0",
            Instances={"KeepJobFlowAliveWhenNoSteps": True, "InstanceGroups": [
                {"Name": "Primary", "InstanceRole": "MASTER", "InstanceType": "m5.xlarge", "InstanceCount": 1},
                {"Name": "Workers", "InstanceRole": "CORE", "InstanceType": "m5.xlarge", "InstanceCount": 2}]},
            ServiceRole="EMR_DefaultRole", JobFlowRole="EMR_EC2_DefaultRole")["JobFlowId"]
        definition = {"StartAt": "Grow", "States": {
            "Grow": {"Type": "Task", "Resource": "arn:aws:states:::elasticmapreduce:modifyInstanceGroupByName",
                     "Parameters": {"ClusterId.$": "$.cluster", "InstanceGroupName": "Workers",
                                    "InstanceGroup": {"InstanceCount": 5}},
                     "ResultPath": None, "Next": "Unknown"},
            "Unknown": {"Type": "Task", "Resource": "arn:aws:states:::elasticmapreduce:modifyInstanceGroupByName",
                        "Parameters": {"ClusterId.$": "$.cluster", "InstanceGroupName": "Nope",
                                       "InstanceGroup": {"InstanceCount": 1}},
                        "Catch": [{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.error", "Next": "Done"}],
                        "End": True},
            "Done": {"Type": "Pass", "End": True}}}
        arn = self.machine("emr-modify", definition)
        execution = self.sfn.start_execution(stateMachineArn=arn, input=json.dumps({"cluster": cluster}))["executionArn"]
        done = self.finished(execution)
        self.assertEqual(done["status"], "SUCCEEDED", done)
        self.assertIn("Nope", json.loads(done["output"])["error"]["Cause"])
        groups = {g["Name"]: g["RequestedInstanceCount"] for g in self.emr.list_instance_groups(ClusterId=cluster)["InstanceGroups"]}
        self.assertEqual(groups, {"Primary": 1, "Workers": 5})
        with self.assertRaises(Exception):  # the master group keeps its size
            primary = next(g["Id"] for g in self.emr.list_instance_groups(ClusterId=cluster)["InstanceGroups"]
                           if g["Name"] == "Primary")
            self.emr.modify_instance_groups(ClusterId=cluster, InstanceGroups=[{"InstanceGroupId": primary, "InstanceCount": 3}])

    def test_a_sync_step_survives_a_server_kill(self):
        definition = {"StartAt": "Add", "States": {"Add": {
            "Type": "Task", "Resource": "arn:aws:states:::elasticmapreduce:addStep.sync",
            "Parameters": {"ClusterId.$": "$.cluster", "Step": {
                "Name": "slow", "ActionOnFailure": "CONTINUE",
                "HadoopJarStep": {"Jar": "command-runner.jar", "Args": ["sleep", "2"]}}},
            "ResultSelector": {"State.$": "$.Step.Status.State"},
            "End": True}}}
        cluster = self.emr.run_job_flow(
            Name="kept", ReleaseLabel="emr-7.1.0",
            Instances={"KeepJobFlowAliveWhenNoSteps": True, "InstanceGroups": [
                {"Name": "Primary", "InstanceRole": "MASTER", "InstanceType": "m5.xlarge", "InstanceCount": 1}]},
            ServiceRole="EMR_DefaultRole", JobFlowRole="EMR_EC2_DefaultRole")["JobFlowId"]
        arn = self.machine("emr-kill", definition)
        execution = self.sfn.start_execution(stateMachineArn=arn, input=json.dumps({"cluster": cluster}))["executionArn"]
        wait_until(lambda: any(e["type"] == "TaskSubmitted" for e in self.history(execution)), timeout=20,
                   message="the step to be submitted")
        self.server.kill9()
        self.server.restart()
        self.sfn = self.server.client("stepfunctions")
        done = self.finished(execution)
        self.assertEqual(done["status"], "SUCCEEDED", done)
        self.assertEqual(json.loads(done["output"]), {"State": "COMPLETED"})
        events = self.history(execution)
        self.assertEqual([e["id"] for e in events], list(range(1, len(events) + 1)))
        self.assertEqual(sum(1 for e in events if e["type"] == "TaskSubmitted"), 1)  # re-attached, not re-run


if __name__ == "__main__":
    unittest.main()
