#!/usr/bin/env python3
"""Step Functions through jobflow's API with durable Standard executions (bench/sfn/run_api.sh).

1. Transitions per second: wrk sends StartExecution of the 100-state Pass chain (the peer
   benchmark's def_pass_chain_100) with a new name per request, at 8 and 32 connections. A
   Standard execution of Pass states runs to its end inside StartExecution, its 202 history events
   and its record committed to SQLite before the answer, so transitions/s = requests/s x 100.
   The run is checked afterwards: every execution SUCCEEDED, each with 202 events.
2. Executions waiting in a Wait state: N executions of a Wait(3600 s) machine are started; the
   server's RSS before and after gives the memory per waiting execution; ListExecutions counts
   them RUNNING.
Only the standard library and wrk are used.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
HOST = "127.0.0.1"
AUTH = "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/states/aws4_request, SignedHeaders=host, Signature=0"
ROLE = "arn:aws:iam::123456789012:role/bench"


class Sfn:
    def __init__(self, port: int):
        self.conn = http.client.HTTPConnection(HOST, port, timeout=60)

    def call(self, op: str, body: dict) -> dict:
        self.conn.request("POST", "/", json.dumps(body), {
            "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": f"AWSStepFunctions.{op}",
            "Authorization": AUTH})
        r = self.conn.getresponse()
        data = r.read()
        if r.status != 200:
            raise RuntimeError(f"{op}: {r.status} {data[:300]!r}")
        return json.loads(data) if data else {}


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def start_server(binary: str, data_dir: str):
    log = open(os.path.join(data_dir, "server.log"), "w")
    proc = subprocess.Popen([binary, "server", "--host", HOST, "--port", "0", "--data-dir", os.path.join(data_dir, "d")],
                            stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 20
    while time.time() < deadline:
        text = open(os.path.join(data_dir, "server.log")).read()
        m = re.search(r"listening[^\n]*?:(\d+)", text) or re.search(r"port=(\d+)", text)
        if m:
            return proc, int(m.group(1))
        time.sleep(0.05)
    proc.kill()
    raise RuntimeError("the server did not start:\n" + open(os.path.join(data_dir, "server.log")).read())


def wrk(port: int, arn: str, conns: int, seconds: int) -> dict:
    env = dict(os.environ, ARN=arn, RUN=f"c{conns}")
    out = subprocess.run(["wrk", "-t1", f"-c{conns}", f"-d{seconds}s", "-s", os.path.join(HERE, "start_execution.lua"),
                          f"http://{HOST}:{port}/"], capture_output=True, text=True, env=env).stdout
    m = re.search(r"RESULT requests=(\d+) rps=([\d.]+) p50_ms=([\d.]+) p99_ms=([\d.]+) errors=(\d+)", out)
    if not m:
        raise RuntimeError("wrk: " + out)
    return dict(requests=int(m.group(1)), rps=float(m.group(2)), p50=float(m.group(3)), p99=float(m.group(4)),
                errors=int(m.group(5)))


def count(sfn: Sfn, arn: str, status: str | None) -> int:
    n, token = 0, None
    while True:
        body = {"stateMachineArn": arn, "maxResults": 1000}
        if status:
            body["statusFilter"] = status
        if token:
            body["nextToken"] = token
        page = sfn.call("ListExecutions", body)
        n += len(page.get("executions", []))
        token = page.get("nextToken")
        if not token:
            return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jobflow-bin", default=os.environ.get("JOBFLOW_BIN", os.path.join(ROOT, "build", "jobflow")))
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--waiting", type=int, default=10_000)
    ap.add_argument("--data-root", default="/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir())
    a = ap.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk not found (apt-get install -y wrk)")
    peer = os.path.join(ROOT, "..", "shared", "peers", "sfn-aws-local-stepfunctions", "def_pass_chain_100.asl.json")
    chain = open(peer).read()
    tmp = tempfile.mkdtemp(prefix="jobflow-sfn-bench-", dir=a.data_root)
    proc, port = start_server(a.jobflow_bin, tmp)
    try:
        sfn = Sfn(port)
        time.sleep(0.5)
        idle = rss_kb(proc.pid)
        arn = sfn.call("CreateStateMachine", {"name": "chain", "definition": chain, "roleArn": ROLE})["stateMachineArn"]
        print(f"jobflow {a.jobflow_bin}; data in {tmp} ({'tmpfs' if tmp.startswith('/dev/shm') else 'disk'}); idle RSS {idle / 1024:.1f} MB")
        print("\n1. Durable Standard executions through the API: StartExecution of pass_chain_100 (100 transitions,")
        print("   202 history events committed per execution), wrk -t1, new name per request")
        print(f"{'conns':>6} | {'executions/s':>13} | {'transitions/s':>14} | {'p50 ms':>7} | {'p99 ms':>7} | errors")
        total = 0
        for conns in (8, 32):
            r = wrk(port, arn, conns, a.seconds)
            total += r["requests"]
            print(f"{conns:>6} | {r['rps']:>13,.0f} | {r['rps'] * 100:>14,.0f} | {r['p50']:>7.2f} | {r['p99']:>7.2f} | {r['errors']}")
        succeeded = count(sfn, arn, "SUCCEEDED")
        sample = sfn.call("ListExecutions", {"stateMachineArn": arn, "maxResults": 1})["executions"][0]["executionArn"]
        events = sfn.call("GetExecutionHistory", {"executionArn": sample, "maxResults": 1000})["events"]
        print(f"   check: {succeeded:,} executions SUCCEEDED (of {total:,} requests sent); a sample has {len(events)} events")

        print(f"\n2. {a.waiting:,} executions waiting in a Wait state (3600 s)")
        wait = json.dumps({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": True}}})
        warn = sfn.call("CreateStateMachine", {"name": "waits", "definition": wait, "roleArn": ROLE})["stateMachineArn"]
        before = rss_kb(proc.pid)
        t0 = time.perf_counter()
        for i in range(a.waiting):
            sfn.call("StartExecution", {"stateMachineArn": warn, "name": f"w{i}", "input": "{}"})
        dt = time.perf_counter() - t0
        time.sleep(1.0)
        after = rss_kb(proc.pid)
        running = count(sfn, warn, "RUNNING")
        print(f"   started in {dt:.1f} s ({a.waiting / dt:,.0f}/s, one client); RUNNING: {running:,}")
        print(f"   server RSS {before / 1024:.1f} MB -> {after / 1024:.1f} MB: {(after - before) * 1024 / a.waiting:,.0f} bytes per waiting execution")
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
