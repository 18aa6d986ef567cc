"""The AWS CLIs against jobflow: Debian's AWS CLI v2 (/usr/bin/aws) for the usual EMR workflow, and
the AWS CLI v1 on PATH (pyenv) for a few calls. Both get --endpoint-url and --region explicitly."""

import json
import os
import shutil
import subprocess
import unittest

from harness import REGION, EmrTestCase, read_text, wait_until

AWS_V2 = "/usr/bin/aws"


def find_aws_v1():
    candidates = [shutil.which("aws"), os.path.expanduser("~/.pyenv/shims/aws")]
    for path in candidates:
        if not path or not os.access(path, os.X_OK) or os.path.realpath(path) == AWS_V2:
            continue
        try:
            version = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=60)
        except OSError:
            continue
        if (version.stdout + version.stderr).startswith("aws-cli/1."):
            return path
    return None


class AwsCliTest(EmrTestCase):

    def aws(self, binary, *args, check=True):
        env = dict(os.environ, AWS_PAGER="", AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
                   AWS_MAX_ATTEMPTS="1")
        cmd = [binary, *args, "--endpoint-url", self.server.endpoint, "--region", REGION, "--output", "json"]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env)
        if check:
            self.assertEqual(r.returncode, 0, f"{' '.join(cmd)}\nstdout: {r.stdout}\nstderr: {r.stderr}")
            return json.loads(r.stdout) if r.stdout.strip() else None
        return r

    def aws2(self, *args, **kwargs):
        if not os.access(AWS_V2, os.X_OK):
            self.skipTest(f"{AWS_V2} (AWS CLI v2) is not installed")
        return self.aws(AWS_V2, "emr", *args, **kwargs)

    def test_cli_v2_workflow(self):
        created = self.aws2("create-cluster", "--name", "cli-cluster", "--release-label", "emr-7.1.0",
                            "--instance-type", "m5.xlarge", "--instance-count", "1", "--use-default-roles")
        cid = created["ClusterId"]
        self.assertRegex(cid, r"^j-[0-9A-Z]+$")
        self.assertTrue(created["ClusterArn"].endswith(cid))

        self.wait_cluster_state(cid, "WAITING")  # first, so the CLI waiter's immediate first poll succeeds
        self.aws2("wait", "cluster-running", "--cluster-id", cid)

        described = self.aws2("describe-cluster", "--cluster-id", cid)["Cluster"]
        self.assertEqual(described["Id"], cid)
        self.assertEqual(described["Name"], "cli-cluster")
        self.assertEqual(described["Status"]["State"], "WAITING")
        self.assertFalse(described["AutoTerminate"])  # create-cluster keeps the cluster alive by default
        self.assertEqual(described["ServiceRole"], "EMR_DefaultRole")
        self.assertEqual(described["ReleaseLabel"], "emr-7.1.0")
        # the CLI merges ListInstanceGroups and ListBootstrapActions into describe-cluster
        groups = described["InstanceGroups"]
        self.assertEqual([g["InstanceGroupType"] for g in groups], ["MASTER"])
        self.assertEqual(groups[0]["InstanceType"], "m5.xlarge")
        self.assertEqual(described["BootstrapActions"], [])

        added = self.aws2("add-steps", "--cluster-id", cid, "--steps",
                          "Type=CUSTOM_JAR,Name=echo-step,Jar=command-runner.jar,Args=[echo,hi]",
                          "Type=Spark,Name=spark-step,Args=[--deploy-mode,cluster,s3://my-bucket/job.py]")
        echo_id, spark_id = added["StepIds"]

        def finished(sid):
            return self.step_state(cid, sid) in ("COMPLETED", "FAILED", "CANCELLED")

        wait_until(lambda: finished(echo_id) and finished(spark_id), message="both CLI steps to finish")
        self.aws2("wait", "step-complete", "--cluster-id", cid, "--step-id", echo_id)
        failed_wait = self.aws2("wait", "step-complete", "--cluster-id", cid, "--step-id", spark_id, check=False)
        self.assertNotEqual(failed_wait.returncode, 0, "step-complete must fail for a FAILED step")

        steps = self.aws2("list-steps", "--cluster-id", cid)["Steps"]
        self.assertEqual([x["Id"] for x in steps], [spark_id, echo_id])  # newest first
        by_id = {x["Id"]: x for x in steps}
        echo, spark = by_id[echo_id], by_id[spark_id]
        self.assertEqual(echo["Status"]["State"], "COMPLETED")
        self.assertEqual(echo["ActionOnFailure"], "CONTINUE")  # the CLI shorthand's default
        self.assertEqual(echo["Config"]["Args"], ["echo", "hi"])
        self.assertEqual(spark["Status"]["State"], "FAILED")
        self.assertEqual(spark["Config"]["Jar"], "command-runner.jar")
        self.assertEqual(spark["Config"]["Args"][0], "spark-submit")
        self.assertIn("s3://my-bucket/job.py", spark["Config"]["Args"])
        details = spark["Status"]["FailureDetails"]
        self.assertEqual(details["Reason"], "Spark is not installed.")
        self.assertIn("spark-submit", details["Message"])

        described_step = self.aws2("describe-step", "--cluster-id", cid, "--step-id", echo_id)["Step"]
        self.assertEqual(described_step["Name"], "echo-step")
        log_dir = os.path.join(self.server.data_dir, "logs", cid, "steps", echo_id)
        self.assertEqual(read_text(os.path.join(log_dir, "stdout")).strip(), "hi")

        self.aws2("terminate-clusters", "--cluster-ids", cid)
        self.wait_cluster_state(cid, "TERMINATED")
        self.aws2("wait", "cluster-terminated", "--cluster-id", cid)
        final = self.aws2("describe-cluster", "--cluster-id", cid)["Cluster"]
        self.assertEqual(final["Status"]["StateChangeReason"]["Code"], "USER_REQUEST")

    def test_cli_v2_auto_terminate_and_list(self):
        created = self.aws2("create-cluster", "--name", "cli-transient", "--release-label", "emr-7.1.0",
                            "--instance-type", "m5.xlarge", "--instance-count", "1", "--use-default-roles",
                            "--auto-terminate", "--steps",
                            "Type=CUSTOM_JAR,Name=one,Jar=command-runner.jar,Args=[sh,-c,exit 0]")
        cid = created["ClusterId"]
        self.wait_cluster_terminated(cid)
        self.assertEqual(self.cluster(cid)["Status"]["StateChangeReason"]["Code"], "ALL_STEPS_COMPLETED")
        listed = self.aws2("list-clusters")["Clusters"]
        self.assertIn(cid, [c["Id"] for c in listed])
        active = self.aws2("list-clusters", "--active")["Clusters"]
        self.assertNotIn(cid, [c["Id"] for c in active])
        # errors come back as the CLI's client errors, not as crashes or retries
        r = self.aws2("describe-cluster", "--cluster-id", "j-NOSUCHCLUSTER1", check=False)
        self.assertEqual(r.returncode, 254, r.stderr)
        self.assertIn("InvalidRequestException", r.stderr)

    def test_cli_v1(self):
        v1 = find_aws_v1()
        if not v1:
            self.skipTest("no AWS CLI v1 on PATH")
        created = self.aws(v1, "emr", "create-cluster", "--name", "cli-v1", "--release-label", "emr-7.1.0",
                           "--instance-type", "m5.xlarge", "--instance-count", "1", "--use-default-roles")
        cid = created["ClusterId"]
        added = self.aws(v1, "emr", "add-steps", "--cluster-id", cid, "--steps",
                         "Type=CUSTOM_JAR,Name=v1-step,Jar=command-runner.jar,Args=[echo,from-v1]")
        (sid,) = added["StepIds"]
        self.wait_step_state(cid, sid, "COMPLETED")
        step = self.aws(v1, "emr", "describe-step", "--cluster-id", cid, "--step-id", sid)["Step"]
        self.assertEqual(step["Status"]["State"], "COMPLETED")
        listed = self.aws(v1, "emr", "list-clusters", "--active")["Clusters"]
        self.assertIn(cid, [c["Id"] for c in listed])
        self.aws(v1, "emr", "terminate-clusters", "--cluster-ids", cid)
        self.wait_cluster_terminated(cid)


if __name__ == "__main__":
    unittest.main()
