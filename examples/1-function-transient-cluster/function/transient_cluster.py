"""A function that runs a transient EMR cluster with the two word-count steps and waits for them.

Event: {"corpus": DIR, "script": wordcount.py, "jar": wordcount.jar, "output": DIR}
Answer: the cluster id, each step's final state and run time, and the top ten words of each output.

There is no endpoint in this code: jobflow gives its functions AWS_ENDPOINT_URL, a region and dummy
credentials, so boto3 reaches jobflow's EMR as it would reach AWS's from a Lambda function.
"""

import time

import boto3

# No endpoint here: boto3 reads AWS_ENDPOINT_URL (jobflow's runtime makes boto3 older than 1.28, such
# as Debian 12's, read it too). On AWS the variable is unset and this is AWS's EMR.
emr = boto3.client("emr")

FINAL_STEP_STATES = {"COMPLETED", "CANCELLED", "FAILED", "INTERRUPTED"}


def steps(event):
    return [
        {   # command-runner.jar runs Args[0] from the cluster's PATH, without a shell
            "Name": "wordcount-python",
            "ActionOnFailure": "TERMINATE_CLUSTER",
            "HadoopJarStep": {"Jar": "command-runner.jar",
                              "Args": ["python3", event["script"],
                                       event["output"] + "/python.tsv", event["corpus"]]},
        },
        {   # a custom JAR with its MainClass: `hadoop jar`, or `java -cp JAR MainClass` without Hadoop
            "Name": "wordcount-java",
            "ActionOnFailure": "TERMINATE_CLUSTER",
            "HadoopJarStep": {"Jar": event["jar"], "MainClass": "WordCount",
                              "Args": [event["output"] + "/java.tsv", event["corpus"]]},
        },
    ]


def handler(event, context):
    cluster_id = emr.run_job_flow(
        Name="wordcount-transient",
        ReleaseLabel="emr-7.1.0",
        ServiceRole="EMR_DefaultRole",
        JobFlowRole="EMR_EC2_DefaultRole",
        # Transient: the cluster terminates by itself once its last step has ended.
        Instances={"MasterInstanceType": "m5.xlarge", "InstanceCount": 1, "KeepJobFlowAliveWhenNoSteps": False},
        Steps=steps(event),
    )["JobFlowId"]
    print(f"cluster {cluster_id} started")
    step_ids = [s["Id"] for s in reversed(emr.list_steps(ClusterId=cluster_id)["Steps"])]  # oldest first

    # Track every step to its end (describe_step, as a boto3 waiter would), then the cluster.
    states, results = {}, []
    for step_id in step_ids:
        while True:
            step = emr.describe_step(ClusterId=cluster_id, StepId=step_id)["Step"]
            state = step["Status"]["State"]
            if states.get(step_id) != state:
                print(f"step {step_id} {step['Name']}: {state}")
                states[step_id] = state
            if state in FINAL_STEP_STATES:
                break
            if context.get_remaining_time_in_millis() < 5000:
                raise TimeoutError(f"step {step_id} still {state}")
            time.sleep(0.5)
        timeline = step["Status"]["Timeline"]
        seconds = (timeline["EndDateTime"] - timeline["StartDateTime"]).total_seconds() \
            if "StartDateTime" in timeline and "EndDateTime" in timeline else None
        results.append({"id": step_id, "name": step["Name"], "state": state, "seconds": seconds,
                        "failure": step["Status"].get("FailureDetails", {}).get("Message")})

    while True:
        status = emr.describe_cluster(ClusterId=cluster_id)["Cluster"]["Status"]
        if status["State"].startswith("TERMINATED"):
            break
        time.sleep(0.5)
    print(f"cluster {cluster_id} {status['State']}: {status['StateChangeReason'].get('Message', '')}")

    failed = [r for r in results if r["state"] != "COMPLETED"]
    if failed:
        raise RuntimeError(f"steps did not complete: {failed}")
    return {"cluster": cluster_id, "clusterState": status["State"], "steps": results,
            "top": {lang: top_words(f"{event['output']}/{lang}.tsv") for lang in ("python", "java")}}


def top_words(path, n=10):
    with open(path, encoding="utf-8") as f:
        return [[word, int(count)] for word, count in (line.rstrip("\n").split("\t") for line in f)][:n]
