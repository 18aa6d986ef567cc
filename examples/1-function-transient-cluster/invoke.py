#!/usr/bin/env python3
"""Deploys function/transient_cluster.py as the function `wordcount-transient-cluster` and invokes it.

Usage: invoke.py URL EVENT_JSON

Prints the function's log tail (LogType Tail) and its answer (the cluster, its steps, the top ten
words of each output); exits 1 if the function failed.
"""

import base64
import io
import json
import os
import sys
import zipfile

import boto3
from botocore.config import Config

NAME = "wordcount-transient-cluster"
HERE = os.path.dirname(os.path.abspath(__file__))


def code_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(os.path.join(HERE, "function", "transient_cluster.py"), "transient_cluster.py")
    return buffer.getvalue()


def main(url, event):
    # Old boto3 (Debian's 1.26) ignores AWS_ENDPOINT_URL: the endpoint is passed explicitly.
    # The invocation lasts as long as the cluster: read_timeout well above it (boto3's default is 60 s).
    lam = boto3.client("lambda", endpoint_url=url, region_name="us-east-1",
                       aws_access_key_id="example", aws_secret_access_key="example",
                       config=Config(read_timeout=3600, retries={"max_attempts": 1}))
    try:
        lam.delete_function(FunctionName=NAME)  # from an earlier run on the same server
    except lam.exceptions.ResourceNotFoundException:
        pass
    lam.create_function(
        FunctionName=NAME, Runtime="python3.11", Handler="transient_cluster.handler",
        Role="arn:aws:iam::123456789012:role/example", Code={"ZipFile": code_zip()},
        # Lambda caps Timeout at 900 s; jobflow has no cap, so a function can follow a cluster
        # through a job of any length.
        Timeout=3600)
    print(f"== function {NAME} created; invoking it")

    r = lam.invoke(FunctionName=NAME, Payload=json.dumps(event), LogType="Tail")
    answer = json.loads(r["Payload"].read())
    print("-- function log (LogResult tail):")
    print(base64.b64decode(r["LogResult"]).decode(errors="replace").rstrip())
    print("-- function answer:")
    print(json.dumps(answer))
    if "FunctionError" in r:
        print(f"the function failed: {answer.get('errorType')}: {answer.get('errorMessage')}")
        return 1
    print(f"cluster {answer['cluster']} {answer['clusterState']}; steps: " +
          ", ".join(f"{s['name']} {s['state']} ({s['seconds'] or 0:.1f} s)" for s in answer["steps"]))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        sys.exit(2)
    sys.exit(main(sys.argv[1].rstrip("/"), json.loads(sys.argv[2])))
