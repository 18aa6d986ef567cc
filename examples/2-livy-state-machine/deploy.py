#!/usr/bin/env python3
"""Deploys functions/livy_batch.py as the functions `livy-submit` and `livy-track`.

Usage: deploy.py URL

Both come from one zip, with different handlers; LIVY_URL in their environment is URL (jobflow
serves Livy on the same port as its AWS APIs).
"""

import io
import os
import sys
import zipfile

import boto3

HERE = os.path.dirname(os.path.abspath(__file__))
FUNCTIONS = {"livy-submit": "livy_batch.submit", "livy-track": "livy_batch.track"}


def main(url):
    # Old boto3 (Debian's 1.26) ignores AWS_ENDPOINT_URL: the endpoint is passed explicitly.
    lam = boto3.client("lambda", endpoint_url=url, region_name="us-east-1",
                       aws_access_key_id="example", aws_secret_access_key="example")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(os.path.join(HERE, "functions", "livy_batch.py"), "livy_batch.py")
    for name, handler in FUNCTIONS.items():
        try:
            lam.delete_function(FunctionName=name)  # from an earlier run on the same server
        except lam.exceptions.ResourceNotFoundException:
            pass
        arn = lam.create_function(FunctionName=name, Runtime="python3.11", Handler=handler,
                                  Role="arn:aws:iam::123456789012:role/example", Timeout=60,
                                  Code={"ZipFile": buffer.getvalue()},
                                  Environment={"Variables": {"LIVY_URL": url}})["FunctionArn"]
        print(f"== function {arn} ({handler})")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        sys.exit(2)
    sys.exit(main(sys.argv[1].rstrip("/")))
