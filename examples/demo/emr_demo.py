#!/usr/bin/env python3
"""jobflow demo: an EMR transient cluster through boto3, with real steps.

Usage: emr_demo.py ENDPOINT_URL WORK_DIR
Creates a cluster with a bootstrap action and three steps (the second fails, with ActionOnFailure
CONTINUE), follows them to the end, prints each step's state and log, and waits for the cluster to
terminate by itself (KeepJobFlowAliveWhenNoSteps=False).
"""
import os
import sys
import time
import urllib.request

import boto3

endpoint, work = sys.argv[1], sys.argv[2]
# Old boto3 (Debian's 1.26) ignores AWS_ENDPOINT_URL: pass the endpoint explicitly.
emr = boto3.client("emr", endpoint_url=endpoint, region_name="us-east-1",
                   aws_access_key_id="demo", aws_secret_access_key="demo")

for _ in range(100):  # wait for the server
    try:
        urllib.request.urlopen(endpoint + "/health", timeout=1)
        break
    except OSError:
        time.sleep(0.1)

bootstrap = os.path.join(work, "bootstrap.sh")
with open(bootstrap, "w") as f:
    f.write("#!/bin/sh\necho \"bootstrapping $JOBFLOW_CLUSTER_ID on $(hostname)\"\n")
os.chmod(bootstrap, 0o755)


def step(name, args):
    return {"Name": name, "ActionOnFailure": "CONTINUE",
            "HadoopJarStep": {"Jar": "command-runner.jar", "Args": args}}


cluster = emr.run_job_flow(
    Name="jobflow-demo", ReleaseLabel="emr-7.1.0", LogUri="s3://demo-logs/",
    ServiceRole="EMR_DefaultRole", JobFlowRole="EMR_EC2_DefaultRole",
    Instances={"MasterInstanceType": "m5.xlarge", "SlaveInstanceType": "m5.xlarge",
               "InstanceCount": 3, "KeepJobFlowAliveWhenNoSteps": False},
    BootstrapActions=[{"Name": "hello", "ScriptBootstrapAction": {"Path": bootstrap}}],
    Steps=[step("count words", ["sh", "-c", "echo the quick brown fox jumps over the lazy dog | wc -w"]),
           step("fails", ["sh", "-c", "echo 'something went wrong' >&2; exit 3"]),
           step("python", ["python3", "-c", "import sys; print('python', sys.version.split()[0])"])],
)["JobFlowId"]
print(f"cluster {cluster} created")

last = None
while True:
    state = emr.describe_cluster(ClusterId=cluster)["Cluster"]["Status"]
    if state["State"] != last:
        print(f"cluster {cluster}: {state['State']} {state.get('StateChangeReason', {}).get('Message', '')}")
        last = state["State"]
    if state["State"].startswith("TERMINATED"):
        break
    time.sleep(0.2)

for s in reversed(emr.list_steps(ClusterId=cluster)["Steps"]):
    st = s["Status"]
    print(f"\nstep {s['Id']} {s['Name']!r}: {st['State']}")
    if "FailureDetails" in st:
        print(f"  failure: {st['FailureDetails']['Message']} (log {st['FailureDetails']['LogFile']})")
    for name in ("stdout", "stderr"):
        with urllib.request.urlopen(f"{endpoint}/jobflow/v1/emr/clusters/{cluster}/steps/{s['Id']}/logs/{name}") as r:
            text = r.read().decode().rstrip()
        if text:
            print(f"  {name}: {text}")
print(f"\ncluster ended {last}: {state['StateChangeReason']}")
