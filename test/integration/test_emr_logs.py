"""Step logs on disk (live, under the mapped LogUri), FailureDetails.LogFile, `jobflow logs`,
and the script-runner.jar / command-runner.jar runners."""

import os
import shutil
import subprocess
import unittest

from harness import (JOBFLOW_BIN, EmrTestCase, gate_script, read_text, run_job_flow, sh_step, step, touch,
                     wait_until)

SCRIPT_RUNNER = "s3://us-east-1.elasticmapreduce/libs/script-runner/script-runner.jar"


class StepLogsTest(EmrTestCase):

    def log_dir(self, log_uri, cid, sid):
        return os.path.join(self.server.s3_path(log_uri.rstrip("/")), cid, "steps", sid)

    def test_logs_written_while_running(self):
        gate = self.server.scratch_path("logs-gate")
        log_uri = "s3://log-bucket/emr-logs/"
        cid = run_job_flow(self.emr, keep_alive=True, LogUri=log_uri, steps=[
            sh_step("chatty", gate_script(gate, before="echo out-line-1; echo err-line-1 >&2",
                                          after="echo out-line-2"))])
        (sid,) = [x["Id"] for x in self.emr.list_steps(ClusterId=cid)["Steps"]]
        d = self.log_dir(log_uri, cid, sid)
        wait_until(lambda: "out-line-1" in read_text(os.path.join(d, "stdout")), message="live stdout")
        wait_until(lambda: "err-line-1" in read_text(os.path.join(d, "stderr")), message="live stderr")
        self.assertEqual(self.step_state(cid, sid), "RUNNING")
        self.assertTrue(os.path.exists(os.path.join(d, "controller")))
        self.assertNotIn("out-line-2", read_text(os.path.join(d, "stdout")))

        # `jobflow logs` reads them through the server while the step runs
        out = self.jobflow_logs(cid, sid, "--file", "stdout")
        self.assertIn("out-line-1", out)

        touch(gate)
        self.wait_step_complete(cid, sid)
        self.assertEqual(read_text(os.path.join(d, "stdout")).split(), ["out-line-1", "out-line-2"])
        controller = read_text(os.path.join(d, "controller"))
        self.assertIn("INFO startExec", controller)
        self.assertIn("Step succeeded with exitCode 0", controller)

        out = self.jobflow_logs(cid, sid)
        self.assertIn("==> stdout <==", out)
        self.assertIn("==> stderr <==", out)
        self.assertIn("==> controller <==", out)
        self.assertIn("out-line-2", out)
        self.assertIn("err-line-1", out)
        self.assertEqual(self.jobflow_logs(cid, sid, "--file", "stderr").strip(), "err-line-1")
        # --follow returns once the step has ended and everything is printed
        self.assertIn("out-line-2", self.jobflow_logs(cid, sid, "--follow", "--file", "stdout"))

    def test_follow_waits_for_the_end(self):
        gate = self.server.scratch_path("follow-gate")
        cid = run_job_flow(self.emr, keep_alive=True, steps=[
            sh_step("follow", gate_script(gate, before="echo first", after="echo last"))])
        (sid,) = [x["Id"] for x in self.emr.list_steps(ClusterId=cid)["Steps"]]
        self.wait_step_state(cid, sid, "RUNNING")
        proc = subprocess.Popen([JOBFLOW_BIN, "logs", cid, sid, "--follow", "--file", "stdout",
                                 "--url", self.server.endpoint], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            first = proc.stdout.readline()
            self.assertEqual(first.strip(), b"first")
            self.assertIsNone(proc.poll(), "--follow exited while the step still ran")
            touch(gate)
            out, err = proc.communicate(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        self.assertEqual(proc.returncode, 0, err)
        self.assertEqual(out.strip(), b"last")

    def test_logs_command_errors(self):
        cid = run_job_flow(self.emr, keep_alive=True)
        r = subprocess.run([JOBFLOW_BIN, "logs", cid, "s-NOSUCHSTEP123", "--url", self.server.endpoint],
                           capture_output=True, timeout=30)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn(b"s-NOSUCHSTEP123", r.stderr)
        status, _, body = self.server.http("GET", f"/jobflow/v1/emr/clusters/{cid}/steps/s-NOSUCHSTEP123/logs/stdout")
        self.assertEqual(status, 404, body)

    def test_failure_details_log_file_with_log_uri(self):
        log_uri = "s3://log-bucket/failing"
        cid = run_job_flow(self.emr, keep_alive=True, LogUri=log_uri, steps=[
            sh_step("fails", "echo starting; echo 'java.lang.RuntimeException: something broke' >&2; exit 4")])
        (sid,) = [x["Id"] for x in self.emr.list_steps(ClusterId=cid)["Steps"]]
        info = self.wait_step_state(cid, sid, "FAILED")
        fd = info["Status"]["FailureDetails"]
        self.assertEqual(fd["LogFile"], f"{log_uri}/{cid}/steps/{sid}/stderr")
        self.assertIn("exitCode 4", fd["Message"])
        self.assertIn("something broke", fd["Reason"] + fd["Message"])
        # LogFile names a file that exists (through the s3:// mapping) and holds the error
        local = self.server.s3_path(fd["LogFile"])
        self.assertIn("something broke", read_text(local))
        self.assertIn("starting", read_text(os.path.join(os.path.dirname(local), "stdout")))
        self.assertIn("Step failed with exitCode 4", read_text(os.path.join(os.path.dirname(local), "controller")))

    def test_failure_details_log_file_without_log_uri(self):
        cid = run_job_flow(self.emr, keep_alive=True, steps=[sh_step("fails", "echo nope >&2; exit 1")])
        (sid,) = [x["Id"] for x in self.emr.list_steps(ClusterId=cid)["Steps"]]
        info = self.wait_step_state(cid, sid, "FAILED")
        log_file = info["Status"]["FailureDetails"]["LogFile"]
        expected = os.path.join(self.server.data_dir, "logs", cid, "steps", sid, "stderr")
        self.assertTrue(log_file.endswith(expected), log_file)
        self.assertIn("nope", read_text(expected))

    def test_bootstrap_action_logs(self):
        log_uri = "s3://log-bucket/with-bootstrap/"
        self.server.put_s3("s3://log-bucket/scripts/ba.sh", "echo bootstrap-out\necho bootstrap-err >&2\n")
        cid = run_job_flow(self.emr, keep_alive=True, LogUri=log_uri, BootstrapActions=[
            {"Name": "ba", "ScriptBootstrapAction": {"Path": "s3://log-bucket/scripts/ba.sh"}}])
        self.wait_cluster_state(cid, "WAITING")
        (master,) = self.emr.list_instances(ClusterId=cid, InstanceGroupTypes=["MASTER"])["Instances"]
        d = os.path.join(self.server.s3_path(log_uri.rstrip("/")), cid, "node", master["Ec2InstanceId"],
                         "bootstrap-actions", "1")
        self.assertEqual(read_text(os.path.join(d, "stdout")).strip(), "bootstrap-out")
        self.assertEqual(read_text(os.path.join(d, "stderr")).strip(), "bootstrap-err")

    def test_step_level_log_uri_overrides_cluster(self):
        cid = run_job_flow(self.emr, keep_alive=True, LogUri="s3://log-bucket/cluster-level")
        # raw: botocore 1.29 does not know StepMonitoringConfiguration
        (sid,) = self.server.emr_call("AddJobFlowSteps", {"JobFlowId": cid, "Steps": [step(
            "own-logs", ["sh", "-c", "echo mine; exit 2"],
            StepMonitoringConfiguration={"S3MonitoringConfiguration": {"LogUri": "s3://log-bucket/step-level/"}})]})["StepIds"]
        info = self.wait_step_state(cid, sid, "FAILED")
        self.assertEqual(info["Status"]["FailureDetails"]["LogFile"],
                         f"s3://log-bucket/step-level/{cid}/steps/{sid}/stderr")
        self.assertIn("mine", read_text(os.path.join(self.log_dir("s3://log-bucket/step-level", cid, sid), "stdout")))

    def jobflow_logs(self, cid, sid, *args):
        r = subprocess.run([JOBFLOW_BIN, "logs", cid, sid, "--url", self.server.endpoint, *args],
                           capture_output=True, timeout=30)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout.decode()


class RunnersTest(EmrTestCase):

    def test_script_runner_with_s3_script(self):
        out = self.server.scratch_path("script-out")
        # not executable: script-runner runs it with sh, like EMR after downloading it
        self.server.put_s3("s3://scripts-bucket/jobs/hello.sh", f'echo "args: $*" > "{out}"\necho printed\n')
        cid = run_job_flow(self.emr, keep_alive=True, steps=[
            step("script", ["s3://scripts-bucket/jobs/hello.sh", "one", "two words"], jar=SCRIPT_RUNNER)])
        (sid,) = [x["Id"] for x in self.emr.list_steps(ClusterId=cid)["Steps"]]
        self.wait_step_complete(cid, sid)
        self.assertEqual(read_text(out).strip(), "args: one two words")
        info = self.step_info(cid, sid)
        self.assertEqual(info["Config"]["Jar"], SCRIPT_RUNNER)
        self.assertEqual(info["Config"]["Args"], ["s3://scripts-bucket/jobs/hello.sh", "one", "two words"])

    def test_script_runner_missing_script(self):
        cid = run_job_flow(self.emr, keep_alive=True, steps=[
            step("missing", ["s3://scripts-bucket/nope.sh"], jar=SCRIPT_RUNNER)])
        (sid,) = [x["Id"] for x in self.emr.list_steps(ClusterId=cid)["Steps"]]
        info = self.wait_step_state(cid, sid, "FAILED")
        fd = info["Status"]["FailureDetails"]
        self.assertEqual(fd["Reason"], "Script not found.")
        self.assertIn("s3://scripts-bucket/nope.sh", fd["Message"])

    def test_command_runner_properties_and_empty_args(self):
        out = self.server.scratch_path("props-out")
        cid = run_job_flow(self.emr, keep_alive=True)
        (sid,) = self.emr.add_job_flow_steps(JobFlowId=cid, Steps=[{
            "Name": "props", "ActionOnFailure": "CONTINUE",
            "HadoopJarStep": {"Jar": "command-runner.jar",
                              "Args": ["sh", "", "-c", f'echo "$MY_SETTING" > "{out}"'],
                              "Properties": [{"Key": "MY_SETTING", "Value": "from-properties"}]}}])["StepIds"]
        self.wait_step_complete(cid, sid)
        self.assertEqual(read_text(out).strip(), "from-properties")
        # Properties: a list of {Key, Value} in requests, a map in responses
        self.assertEqual(self.step_info(cid, sid)["Config"]["Properties"], {"MY_SETTING": "from-properties"})

    def test_custom_jar_runs_with_java(self):
        javac, jar_tool = shutil.which("javac"), shutil.which("jar")
        if not (javac and jar_tool and shutil.which("java")):
            self.skipTest("no JDK (javac, jar, java) on PATH")
        src = self.server.scratch_path("jar-src")
        os.makedirs(os.path.join(src, "classes"))
        with open(os.path.join(src, "Hello.java"), "w") as f:
            f.write('public class Hello { public static void main(String[] a) {'
                    ' System.out.println(System.getProperty("greeting") + " " + String.join(",", a)); } }')
        subprocess.run([javac, "-d", os.path.join(src, "classes"), os.path.join(src, "Hello.java")], check=True,
                       timeout=120)
        jar_path = self.server.s3_path("s3://jars/hello.jar")
        os.makedirs(os.path.dirname(jar_path))
        subprocess.run([jar_tool, "--create", "--file", jar_path, "-C", os.path.join(src, "classes"), "."],
                       check=True, timeout=120)
        cid = run_job_flow(self.emr, keep_alive=True)
        (sid,) = self.emr.add_job_flow_steps(JobFlowId=cid, Steps=[{
            "Name": "custom-jar", "ActionOnFailure": "CONTINUE",
            "HadoopJarStep": {"Jar": "s3://jars/hello.jar", "MainClass": "Hello", "Args": ["a", "b"],
                              "Properties": [{"Key": "greeting", "Value": "hi"}]}}])["StepIds"]
        self.wait_step_complete(cid, sid)
        stdout = os.path.join(self.server.data_dir, "logs", cid, "steps", sid, "stdout")
        self.assertEqual(read_text(stdout).strip(), "hi a,b")
        # a JAR that does not exist fails the step with a reason
        (bad,) = self.emr.add_job_flow_steps(JobFlowId=cid, Steps=[step(
            "missing-jar", ["x"], jar="s3://jars/missing.jar")])["StepIds"]
        info = self.wait_step_state(cid, bad, "FAILED")
        self.assertEqual(info["Status"]["FailureDetails"]["Reason"], "JAR not found.")

    def test_command_runner_unknown_program_fails(self):
        cid = run_job_flow(self.emr, keep_alive=True, steps=[step("nope", ["no-such-program-jobflow", "x"])])
        (sid,) = [x["Id"] for x in self.emr.list_steps(ClusterId=cid)["Steps"]]
        info = self.wait_step_state(cid, sid, "FAILED")
        self.assertTrue(info["Status"]["FailureDetails"]["Reason"])


if __name__ == "__main__":
    unittest.main()
