#!/usr/bin/env python3
"""jobflow vs moto: EMR API benchmark (run by bench/emr/run.sh; see bench/README.md).

Starts a jobflow server and a moto_server on free loopback ports with temporary data
directories, measures both in the same run, prints a side-by-side table and stops (and cleans
up) everything it started. Needs only the Python standard library, wrk and moto_server.

Sections:
  1. DescribeCluster / DescribeStep / ListSteps (first page of a 256-step cluster) with wrk,
     at 8 and 64 connections: req/s, p50, p99.
  2. Steps added AND completed per second (StepConcurrencyLevel 256, `true` steps, batches that
     respect the 256-active-step limit); moto never completes steps: its bare
     AddJobFlowSteps rate (wrk, 1 step per request) is shown for reference.
  3. AddJobFlowSteps -> COMPLETED latency of one `true` step (sequential, tight DescribeStep
     polling on a keep-alive connection), plus the server's EndDateTime - CreationDateTime.
  4. RunJobFlow -> WAITING latency (no bootstrap actions, KeepJobFlowAliveWhenNoSteps).
  5. Server process RSS (VmRSS) idle after startup and after the runs.
"""
from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import math
import os
import platform
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any, Callable

HERE = os.path.dirname(os.path.abspath(__file__))
LUA = os.path.join(HERE, "emr.lua")
HOST = "127.0.0.1"
AUTH = ("AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/elasticmapreduce/aws4_request, "
        "SignedHeaders=host, Signature=0")
ACTIVE_STATES = ["PENDING", "RUNNING", "CANCEL_PENDING"]
END_STATES = {"COMPLETED", "FAILED", "CANCELLED", "INTERRUPTED"}
MAX_ACTIVE = 256
WRK_CPU = 0.0  # CPU seconds used by wrk, for the "other load" estimate

TARGETS = {
    "describe_step_rps": 50_000,
    "describe_step_vs_moto": 100.0,
    "list_steps_rps": 20_000,
    "completed_per_s": 1_000,
    "step_overhead_p50_ms": 5.0,
    "run_to_waiting_ms": 20.0,
    "idle_rss_mb": 20.0,
}


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# A small keep-alive AWS JSON 1.1 client (http.client; SigV4 is not checked by the servers).
# --------------------------------------------------------------------------------------------
class EmrError(Exception):
    def __init__(self, op: str, status: int, body: bytes):
        super().__init__(f"{op}: HTTP {status}: {body[:300]!r}")
        self.status = status
        try:
            self.type = json.loads(body).get("__type", "")
        except ValueError:
            self.type = ""


class Emr:
    """One keep-alive connection. moto answers `Connection: close`: http.client then reopens
    the connection for the next request, as any SDK would."""

    def __init__(self, port: int):
        self.port = port
        self.conn = http.client.HTTPConnection(HOST, port, timeout=60)

    def call(self, op: str, body: dict[str, Any]) -> dict[str, Any]:
        data = json.dumps(body, separators=(",", ":")).encode()
        headers = {
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": "ElasticMapReduce." + op,
            "X-Amz-Date": "20260101T000000Z",
            "Authorization": AUTH,
        }
        try:
            self.conn.request("POST", "/", body=data, headers=headers)
            resp = self.conn.getresponse()
        except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
            # The server closed an idle keep-alive connection: reconnect once, as SDKs do.
            self.conn.close()
            self.conn.request("POST", "/", body=data, headers=headers)
            resp = self.conn.getresponse()
        raw = resp.read()
        if resp.status != 200:
            raise EmrError(op, resp.status, raw)
        return json.loads(raw) if raw else {}

    def close(self) -> None:
        self.conn.close()

    # Helpers
    def run_job_flow(self, name: str, concurrency: int | None = None) -> str:
        body: dict[str, Any] = dict(
            Name=name, ReleaseLabel="emr-6.15.0", ServiceRole="EMR_DefaultRole",
            JobFlowRole="EMR_EC2_DefaultRole", LogUri="s3://bench/logs/",
            Instances=dict(MasterInstanceType="m5.xlarge", SlaveInstanceType="m5.xlarge",
                           InstanceCount=3, KeepJobFlowAliveWhenNoSteps=True))
        if concurrency is not None:
            body["StepConcurrencyLevel"] = concurrency
        return self.call("RunJobFlow", body)["JobFlowId"]

    def add_true_steps(self, cluster: str, n: int, prefix: str = "s") -> list[str]:
        steps = [dict(Name=f"{prefix}-{i}", ActionOnFailure="CONTINUE",
                      HadoopJarStep=dict(Jar="command-runner.jar", Args=["true"]))
                 for i in range(n)]
        return self.call("AddJobFlowSteps", dict(JobFlowId=cluster, Steps=steps))["StepIds"]

    def list_all_steps(self, cluster: str, states: list[str] | None = None) -> list[dict]:
        out: list[dict] = []
        marker = None
        while True:
            body: dict[str, Any] = dict(ClusterId=cluster)
            if states:
                body["StepStates"] = states
            if marker:
                body["Marker"] = marker
            r = self.call("ListSteps", body)
            out += r.get("Steps", [])
            marker = r.get("Marker")
            if not marker:
                return out


# --------------------------------------------------------------------------------------------
# Processes
# --------------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def proc_start_time(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat") as f:
            text = f.read()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    return int(fields[19])  # field 22: starttime


def proc_pgid(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat") as f:
            text = f.read()
    except OSError:
        return None
    return int(text[text.rindex(")") + 2:].split()[2])


def vm_rss_kb(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


CLK_TCK = os.sysconf("SC_CLK_TCK")


def proc_cpu(pid: int | None, children: bool = False) -> float | None:
    """CPU seconds (user + system) of a process; with children, also of its waited-for
    descendants (for jobflow's spawner: every supervisor and step process it reaped)."""
    if not pid:
        return None
    try:
        with open(f"/proc/{pid}/stat") as f:
            text = f.read()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    if children:
        ticks += int(fields[13]) + int(fields[14])  # cutime, cstime
    return ticks / CLK_TCK


def machine_busy() -> float:
    """Busy CPU seconds of the whole machine so far (all cores), from /proc/stat."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    idle = v[3] + v[4]
    return (sum(v[:8]) - idle) / CLK_TCK


def busy_fraction(seconds: float = 1.0) -> float:
    """Share of the machine (0..1 over all cores) busy during the next `seconds`."""
    b0, t0 = machine_busy(), time.perf_counter()
    time.sleep(seconds)
    return (machine_busy() - b0) / ((time.perf_counter() - t0) * (os.cpu_count() or 1))


class OtherLoad:
    """Cores used, during a block, by processes other than `ours` (a callable giving their CPU
    seconds) and this Python process."""

    def __init__(self, ours: Callable[[], float]):
        self.ours = ours

    def __enter__(self) -> "OtherLoad":
        r = resource.getrusage(resource.RUSAGE_SELF)
        self.b0, self.o0, self.s0, self.t0 = machine_busy(), self.ours(), r.ru_utime + r.ru_stime, time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        r = resource.getrusage(resource.RUSAGE_SELF)
        used = (self.ours() - self.o0) + (r.ru_utime + r.ru_stime - self.s0)
        self.cores = max(0.0, machine_busy() - self.b0 - used) / (time.perf_counter() - self.t0)


def wait_port(port: int, timeout: float, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before listening on {port}")
        try:
            socket.create_connection((HOST, port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {HOST}:{port} after {timeout}s")


class Server:
    name = ""

    def __init__(self, workdir: str):
        self.workdir = workdir
        self.proc: subprocess.Popen | None = None
        self.port = 0

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def rss_kb(self) -> int | None:
        return vm_rss_kb(self.pid)

    def cpu(self) -> float:
        return proc_cpu(self.pid) or 0.0

    def stop(self) -> None:
        p = self.proc
        if p is None or p.poll() is not None:
            return
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(timeout=15)
        except subprocess.TimeoutExpired:
            log(f"{self.name} did not stop on SIGTERM; SIGKILL")
            p.kill()
            p.wait(timeout=5)


class Jobflow(Server):
    name = "jobflow"

    def __init__(self, workdir: str, binary: str, threads: int):
        super().__init__(workdir)
        self.binary = binary
        self.threads = threads
        self.data_dir = os.path.join(workdir, "data")
        self.log_path = os.path.join(workdir, "jobflow.log")
        self.spawner: tuple[int, int] | None = None  # pid, start time

    def start(self) -> None:
        cmd = [self.binary, "server", "--host", HOST, "--port", "0", "--data-dir", self.data_dir]
        if self.threads:
            cmd += ["--threads", str(self.threads)]
        self.logf = open(self.log_path, "wb")
        self.proc = subprocess.Popen(cmd, stdout=self.logf, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jobflow exited with {self.proc.returncode}; see {self.log_path}:\n"
                                   + open(self.log_path, errors="replace").read()[-2000:])
            text = open(self.log_path, errors="replace").read()
            m = re.search(r"spawner_pid=(\d+)", text)
            if m and self.spawner is None:
                sp = int(m.group(1))
                st = proc_start_time(sp)
                if st is not None:
                    self.spawner = (sp, st)
            m = re.search(r"event=server_started .*?port=(\d+)", text)
            if m:
                self.port = int(m.group(1))
                break
            time.sleep(0.02)
        else:
            raise RuntimeError(f"jobflow did not report its port; see {self.log_path}")
        wait_port(self.port, 10, self.proc)

    def spawner_pid(self) -> int | None:
        if self.spawner and proc_start_time(self.spawner[0]) == self.spawner[1]:
            return self.spawner[0]
        return None

    def cpu(self) -> float:
        """Server + spawner + every reaped supervisor and step process, CPU seconds."""
        return (proc_cpu(self.pid) or 0.0) + (proc_cpu(self.spawner_pid(), children=True) or 0.0)

    def cpu_parts(self) -> dict[str, float]:
        sp = self.spawner_pid()
        own = proc_cpu(sp) or 0.0
        return {"server": proc_cpu(self.pid) or 0.0, "spawner": own,
                "supervisors+steps": (proc_cpu(sp, children=True) or 0.0) - own}

    def spawner_rss_kb(self) -> int | None:
        if self.spawner and proc_start_time(self.spawner[0]) == self.spawner[1]:
            return vm_rss_kb(self.spawner[0])
        return None

    def cleanup(self) -> int:
        """Stops the server, then every process it left: the spawner and, from the run-dir
        records, each step's supervisor and job process group (they deliberately outlive the
        server). Processes are matched by pid AND start time, so a reused pid is never hit.
        Returns the number of process groups signalled."""
        self.stop()
        victims: dict[int, int] = {}  # pgid -> pid whose identity was checked
        if self.spawner and proc_start_time(self.spawner[0]) == self.spawner[1]:
            pg = proc_pgid(self.spawner[0])
            if pg == self.spawner[0]:
                victims[pg] = self.spawner[0]
        run_root = os.path.join(self.data_dir, "run")
        if os.path.isdir(run_root):
            for job in os.listdir(run_root):
                records = read_run_records(os.path.join(run_root, job))
                for rec in ("supervisor", "job"):
                    kv = records[rec]
                    if not kv:
                        continue
                    try:
                        pid, start = int(kv.get("pid", "0")), int(kv.get("start_time", "-1"))
                    except ValueError:
                        continue
                    if pid <= 0 or proc_start_time(pid) != start:
                        continue
                    pg = int(kv["pgid"]) if rec == "job" and kv.get("pgid", "").isdigit() else proc_pgid(pid)
                    if pg and pg > 1 and proc_pgid(pid) == pg:
                        victims[pg] = pid
        # Anything else still running with its working directory under our data dir.
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            pid = int(entry)
            try:
                cwd = os.readlink(f"/proc/{pid}/cwd")
            except OSError:
                continue
            if cwd == self.data_dir or cwd.startswith(self.data_dir + "/"):
                pg = proc_pgid(pid)
                if pg and pg > 1 and pg != os.getpgid(0):
                    victims[pg] = pid
        for pg in victims:
            try:
                os.killpg(pg, signal.SIGKILL)
            except ProcessLookupError:
                pass
        # The per-step cgroup leaves of steps that were killed (a supervisor removes its own
        # leaf when its step ends normally). Only leaves named in our own job records.
        if os.path.isdir(run_root):
            for job in os.listdir(run_root):
                cg = read_run_records(os.path.join(run_root, job))["job"].get("cgroup", "")
                if not cg.startswith("/sys/fs/cgroup/") or not os.path.isdir(cg):
                    continue
                for _ in range(50):
                    try:
                        os.rmdir(cg)
                        break
                    except FileNotFoundError:
                        break
                    except OSError:
                        time.sleep(0.02)  # still populated for a moment after SIGKILL
        return len(victims)


def read_kv(path: str) -> dict[str, str]:
    try:
        with open(path) as f:
            return dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line)
    except OSError:
        return {}


def read_run_records(run_dir: str) -> dict[str, dict[str, str]]:
    """jobflow's run-dir records of one job as {"supervisor": {...}, "job": {...}, "exit": {...}}.
    Two layouts exist: one `state` file of appended `supervisor.*` / `job.*` lines, or (older
    builds) separate `supervisor` and `job` files; `exit` is its own file in both."""
    out: dict[str, dict[str, str]] = {"supervisor": {}, "job": {}, "exit": read_kv(os.path.join(run_dir, "exit"))}
    for key, value in read_kv(os.path.join(run_dir, "state")).items():
        rec, _, field = key.partition(".")
        if rec in ("supervisor", "job") and field:
            out[rec][field] = value
    for rec in ("supervisor", "job"):
        if not out[rec]:
            out[rec] = read_kv(os.path.join(run_dir, rec))
    return out


class Moto(Server):
    name = "moto"

    def __init__(self, workdir: str, binary: str):
        super().__init__(workdir)
        self.binary = binary
        self.log_path = os.path.join(workdir, "moto.log")

    def start(self) -> None:
        self.port = free_port()
        self.logf = open(self.log_path, "wb")
        env = dict(os.environ, AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
                   AWS_DEFAULT_REGION="us-east-1")
        # moto_server (a pyenv shim) execs its Python: the Popen pid is the server's pid.
        self.proc = subprocess.Popen([self.binary, "-H", HOST, "-p", str(self.port)],
                                     stdout=self.logf, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     start_new_session=True, cwd=self.workdir, env=env)
        wait_port(self.port, 30, self.proc)

    def cleanup(self) -> int:
        self.stop()
        try:
            os.killpg(self.pid, signal.SIGKILL)  # its own session: anything it forked
            return 1
        except (ProcessLookupError, AssertionError):
            return 0


# --------------------------------------------------------------------------------------------
# Measurements
# --------------------------------------------------------------------------------------------
def pct(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    if not values:
        return float("nan")
    s = sorted(values)
    return s[max(0, min(len(s) - 1, math.ceil(p / 100 * len(s)) - 1))]


def wrk(port: int, target: str, body: str, conns: int, dur: float, threads: int) -> dict[str, float]:
    env = dict(os.environ, TARGET=target, BODY=body)
    cmd = ["wrk", f"-t{threads}", f"-c{conns}", f"-d{int(dur)}s", "--timeout", "5s", "--latency",
           "-s", LUA, f"http://{HOST}:{port}/"]
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=dur + 60)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    global WRK_CPU
    WRK_CPU += (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    m = re.search(r"^RESULT (.*)$", out.stdout, re.M)
    if not m:
        raise RuntimeError(f"wrk printed no RESULT: {out.stdout}\n{out.stderr}")
    return {k: (v if k == "target" else float(v)) for k, v in re.findall(r"(\w+)=(\S+)", m.group(1))}


NOISY_CORES = 0.25  # a wrk run during which other processes used more than this is "noisy"


def wrk_median(server: "Server", target: str, body: str, conns: int, dur: float, runs: int, threads: int,
               extra: int = 0) -> dict:
    """Median of `runs` wrk runs that other processes left alone: a run during which processes
    other than the server and wrk used more than NOISY_CORES is discarded and repeated, at most
    `extra` times in all (if no run was quiet, the median of all runs is taken). Also the server
    process's CPU time per request over the kept runs."""
    kept, noisy = [], []
    attempts = 0
    while len(kept) < runs and attempts < runs + extra:
        attempts += 1
        c0, b0, w0, t0 = proc_cpu(server.pid) or 0.0, machine_busy(), WRK_CPU, time.perf_counter()
        row = wrk(server.port, target, body, conns, dur, threads)
        row["cpu"] = (proc_cpu(server.pid) or 0.0) - c0
        row["other"] = max(0.0, machine_busy() - b0 - row["cpu"] - (WRK_CPU - w0)) / (time.perf_counter() - t0)
        (kept if row["other"] <= NOISY_CORES else noisy).append(row)
    rows = kept or noisy
    med = lambda k: statistics.median(r[k] for r in rows)
    requests = int(sum(r["requests"] for r in rows))
    return dict(rps=med("rps"), p50=med("p50_ms"), p99=med("p99_ms"), errors=int(sum(r["errors"] for r in rows)),
                requests=requests, runs=[r["rps"] for r in rows], kept=len(kept), discarded=len(noisy) if kept else 0,
                cpu_us=sum(r["cpu"] for r in rows) / requests * 1e6 if requests else float("nan"),
                other_cores=statistics.mean(r["other"] for r in rows))


def wait_no_active(c: Emr, cluster: str, timeout: float) -> float:
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        if not c.list_all_steps(cluster, ACTIVE_STATES):
            return time.perf_counter() - t0
        time.sleep(0.05)
    raise RuntimeError(f"steps of {cluster} still active after {timeout}s")


def setup_read_cluster(c: Emr, wait: bool) -> dict[str, str]:
    """A keep-alive cluster with exactly 256 `true` steps (4 x 64, as the moto peer's
    setup_bench.py), default StepConcurrencyLevel; jobflow runs them: wait until all ended."""
    big = c.run_job_flow("bench")
    ids: list[str] = []
    for chunk in range(4):
        ids += c.add_true_steps(big, 64, prefix=f"step{chunk}")
    assert len(ids) == 256
    info = dict(cluster=big, step=ids[0])
    if wait:
        secs = wait_no_active(c, big, 300)
        states: dict[str, int] = {}
        for s in c.list_all_steps(big):
            states[s["Status"]["State"]] = states.get(s["Status"]["State"], 0) + 1
        info["settle"] = f"256 steps ended in {secs:.1f}s: {states}"
    else:
        states = {}
        for s in c.list_all_steps(big):
            states[s["Status"]["State"]] = states.get(s["Status"]["State"], 0) + 1
        info["settle"] = f"steps never run: {states}"
    return info


def read_bodies(info: dict[str, str]) -> dict[str, str]:
    return {
        "DescribeCluster": json.dumps({"ClusterId": info["cluster"]}),
        "DescribeStep": json.dumps({"ClusterId": info["cluster"], "StepId": info["step"]}),
        "ListSteps": json.dumps({"ClusterId": info["cluster"]}),
    }


def response_size(c: Emr, op: str, body: str) -> int:
    return len(json.dumps(c.call(op, json.loads(body)), separators=(",", ":")))


def add_and_complete(c: Emr, n: int) -> dict[str, Any]:
    """Adds n `true` steps to a StepConcurrencyLevel-256 cluster in batches that keep
    PENDING+RUNNING <= 256, until all n have ended. Returns the client-observed rate and the
    server-timeline rate."""
    cluster = c.run_job_flow("bench-throughput", concurrency=256)
    wait_cluster(c, cluster, {"WAITING"}, 30)
    added = 0
    calls = 0
    limit_errors = 0
    polls = 0
    t0 = time.perf_counter()
    active = 0
    while True:
        room = MAX_ACTIVE - active
        if added < n and room > 0:
            k = min(room, n - added)
            try:
                c.add_true_steps(cluster, k, prefix="t")
                added += k
                active += k
                calls += 1
            except EmrError as e:  # raced a stale count: poll again
                if e.status != 400:
                    raise
                limit_errors += 1
        active = len(c.list_all_steps(cluster, ACTIVE_STATES))
        polls += 1
        if added == n and active == 0:
            break
        if active >= MAX_ACTIVE or added == n:
            time.sleep(0.002)  # nothing to add: let the server's cores run the steps
    elapsed = time.perf_counter() - t0
    steps = c.list_all_steps(cluster)
    states: dict[str, int] = {}
    for s in steps:
        states[s["Status"]["State"]] = states.get(s["Status"]["State"], 0) + 1
    done = [s for s in steps if s["Status"]["State"] == "COMPLETED"]
    created = min(s["Status"]["Timeline"]["CreationDateTime"] for s in steps)
    ended = max(s["Status"]["Timeline"].get("EndDateTime", 0) for s in steps)
    return dict(n=n, elapsed=elapsed, rate=len(done) / elapsed, completed=len(done), states=states,
                server_rate=len(done) / (ended - created) if ended > created else float("nan"),
                calls=calls, limit_errors=limit_errors, polls=polls)


def wait_cluster(c: Emr, cluster: str, states: set[str], timeout: float) -> dict:
    deadline = time.perf_counter() + timeout
    while True:
        cl = c.call("DescribeCluster", dict(ClusterId=cluster))["Cluster"]
        if cl["Status"]["State"] in states:
            return cl
        if time.perf_counter() > deadline:
            raise RuntimeError(f"{cluster} still {cl['Status']['State']} after {timeout}s")


def step_latency(c: Emr, n: int) -> dict[str, Any]:
    """n sequential single `true` steps: time from sending AddJobFlowSteps to the first
    DescribeStep answer that says COMPLETED (tight polling, same keep-alive connection)."""
    cluster = c.run_job_flow("bench-latency")
    wait_cluster(c, cluster, {"WAITING"}, 30)
    client_ms, server_ms, queue_ms, run_ms, polls, records = [], [], [], [], [], []
    for i in range(n + 3):  # 3 warm-up steps, not counted
        wall0 = time.time()
        t0 = time.perf_counter()
        sid = c.add_true_steps(cluster, 1, prefix=f"l{i}")[0]
        k = 0
        while True:
            st = c.call("DescribeStep", dict(ClusterId=cluster, StepId=sid))["Step"]["Status"]
            k += 1
            if st["State"] in END_STATES:
                break
        t1 = time.perf_counter()
        if st["State"] != "COMPLETED":
            raise RuntimeError(f"step {sid} ended {st['State']}: {st}")
        if i < 3:
            continue
        tl = st["Timeline"]
        client_ms.append((t1 - t0) * 1000)
        server_ms.append((tl["EndDateTime"] - tl["CreationDateTime"]) * 1000)
        queue_ms.append((tl["StartDateTime"] - tl["CreationDateTime"]) * 1000)
        run_ms.append((tl["EndDateTime"] - tl["StartDateTime"]) * 1000)
        polls.append(k)
        records.append(dict(id=sid, sent=wall0 * 1000, seen=(wall0 + t1 - t0) * 1000,
                            created=tl["CreationDateTime"] * 1000, start=tl["StartDateTime"] * 1000,
                            end=tl["EndDateTime"] * 1000))
    return dict(n=n, client=client_ms, server=server_ms, queue=queue_ms, run=run_ms, polls=polls, records=records)


def step_phases(lat: dict, data_dir: str) -> dict[str, list[float]]:
    """Where one step's time goes, from the server timeline and jobflow's run-dir records
    (<data>/run/<step id>/{state,exit} or, older builds, {supervisor,job,exit}; all wall-clock
    milliseconds):
      api     client sends AddJobFlowSteps -> CreationDateTime (HTTP, decode, commit)
      spawn   StartDateTime -> supervisor record (server -> spawner -> fork -> supervisor setup)
      prep    supervisor -> job record's started_ms (log files, work dir, cgroup, before fork)
      job     job started_ms -> exit ended_ms (clone, exec `true`, its run, waitpid)
      finish  exit ended_ms -> EndDateTime (supervisor wrap-up and exit, server's pidfd wake-up,
              reading the records, task queue, commit)
      poll    EndDateTime -> the client's first DescribeStep that says COMPLETED"""
    out: dict[str, list[float]] = {k: [] for k in ("api", "spawn", "prep", "job", "finish", "poll")}
    for r in lat["records"]:
        run = os.path.join(data_dir, "run", r["id"])
        rr = read_run_records(run)
        sup, job, ex = rr["supervisor"], rr["job"], rr["exit"]
        try:
            sup_ms, job_ms, end_ms = int(sup["started_ms"]), int(job["started_ms"]), int(ex["ended_ms"])
        except (KeyError, ValueError):
            continue
        out["api"].append(r["created"] - r["sent"])
        out["spawn"].append(sup_ms - r["start"])
        out["prep"].append(job_ms - sup_ms)
        out["job"].append(end_ms - job_ms)
        out["finish"].append(r["end"] - end_ms)
        out["poll"].append(r["seen"] - r["end"])
    return out


def cluster_latency(c: Emr, n: int) -> dict[str, Any]:
    """n sequential RunJobFlow calls: time from sending RunJobFlow to the first DescribeCluster
    answer that says WAITING, and the server's ReadyDateTime - CreationDateTime."""
    client_ms, server_ms, rjf_ms, ids = [], [], [], []
    for i in range(n + 3):
        t0 = time.perf_counter()
        cid = c.run_job_flow(f"bench-rjf-{i}")
        t_rjf = time.perf_counter()
        cl = wait_cluster(c, cid, {"WAITING", "TERMINATED_WITH_ERRORS", "TERMINATED"}, 60)
        t1 = time.perf_counter()
        ids.append(cid)
        if cl["Status"]["State"] != "WAITING":
            raise RuntimeError(f"{cid} ended {cl['Status']}")
        if i < 3:
            continue
        tl = cl["Status"]["Timeline"]
        client_ms.append((t1 - t0) * 1000)
        rjf_ms.append((t_rjf - t0) * 1000)
        if "ReadyDateTime" in tl:
            server_ms.append((tl["ReadyDateTime"] - tl["CreationDateTime"]) * 1000)
    for k in range(0, len(ids), 50):  # not timed
        try:
            c.call("TerminateJobFlows", dict(JobFlowIds=ids[k:k + 50]))
        except EmrError as e:
            log(f"TerminateJobFlows: {e}")
    return dict(n=n, client=client_ms, server=server_ms, rjf=rjf_ms)


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------
def fnum(v: float | None, digits: int = 0) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "n/a"
    if digits == 0:
        return f"{v:,.0f}"
    return f"{v:,.{digits}f}"


def ratio(a: float | None, b: float | None, invert: bool = False) -> str:
    if not a or not b or math.isnan(a) or math.isnan(b):
        return "n/a"
    r = b / a if invert else a / b
    return f"{r:,.1f}x" if r < 100 else f"{r:,.0f}x"


def mark(ok: bool) -> str:
    return "MET   " if ok else "MISSED"


def machine_line() -> str:
    model = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({model}), Linux {platform.release()}"


def file_create_us(root: str, n: int = 1000) -> float:
    """Microseconds to create (and close) one empty file under root: jobflow creates about ten
    files and directories per step, so this is a floor under its per-step cost. The files are
    left for the final removal of the temporary directory."""
    d = os.path.join(root, "fs-probe")
    os.makedirs(d)
    t0 = time.perf_counter()
    for i in range(n):
        os.close(os.open(os.path.join(d, f"f{i}"), os.O_CREAT | os.O_WRONLY, 0o644))
    return (time.perf_counter() - t0) / n * 1e6


def default_data_root() -> str:
    """tmpfs when there is one: jobflow creates ~10 files and directories per step, and on this
    project's shared ext4 root, file creation costs anywhere from 15 us to over 1 ms, depending
    on how many files other test runs deleted in the last minutes (ext4 skips recently freed
    inodes). tmpfs makes the step figures measure jobflow, and our cleanup slows nobody down."""
    if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) and "tmpfs" in fs_of("/dev/shm"):
        return "/dev/shm"
    return os.environ.get("TMPDIR", "/tmp")


def yardsticks() -> dict[str, float]:
    """How fast this machine is right now, to compare runs (the VM's speed varies with its host):
    a fixed pure-Python loop (ms, best of 3) and a bare posix_spawn + waitpid of `true`
    (us per process, best of 3 rounds of 100; no jobflow involved)."""
    loop = []
    for _ in range(3):
        t0 = time.perf_counter()
        x = 0
        for i in range(1_000_000):
            x += i & 7
        loop.append((time.perf_counter() - t0) * 1000)
    true = shutil.which("true") or "/bin/true"
    spawn = []
    for _ in range(3):
        t0 = time.perf_counter()
        for _ in range(100):
            pid = os.posix_spawn(true, [true], {})
            os.waitpid(pid, 0)
        spawn.append((time.perf_counter() - t0) / 100 * 1e6)
    return {"python_loop_ms": min(loop), "spawn_true_us": min(spawn)}


def binary_id(path: str) -> str:
    """Size, modification time and sha256 prefix of the server binary, and the source tree's
    commit (read-only git), so a table can be tied to the build it measured."""
    import hashlib
    st = os.stat(path)
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:12]
    mtime = dt.datetime.fromtimestamp(st.st_mtime).astimezone().isoformat(timespec="seconds")
    tree = ""
    try:
        root = os.path.dirname(os.path.dirname(HERE))
        head = subprocess.run(["git", "-C", root, "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", root, "status", "--porcelain", "--", "src"], capture_output=True,
                               text=True, timeout=10).stdout.strip()
        if head:
            tree = f", tree {head}{' + uncommitted src changes' if dirty else ''}"
    except (OSError, subprocess.SubprocessError):
        pass
    return f"built {mtime}, sha256 {digest}{tree}"


def fs_of(path: str) -> str:
    """'<path> (<fs type> on <device>)' from the longest matching mount point."""
    best = ("", "?", "?")
    try:
        for line in open("/proc/mounts"):
            dev, mnt, fstype = line.split()[:3]
            if (path == mnt or path.startswith(mnt.rstrip("/") + "/")) and len(mnt) >= len(best[0]):
                best = (mnt, fstype, dev)
    except OSError:
        pass
    return f"{path} ({best[1]} on {best[2]})"


def loadavg() -> str:
    try:
        return open("/proc/loadavg").read().split()[0]
    except OSError:
        return "?"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="short run (under ~2 minutes)")
    ap.add_argument("--jobflow-bin", default=os.environ.get("JOBFLOW_BIN", "build/jobflow"))
    ap.add_argument("--moto-bin", default=os.environ.get("MOTO_SERVER", "moto_server"))
    ap.add_argument("--jobflow-threads", type=int, default=0, help="jobflow --threads (0: its default, one per core)")
    ap.add_argument("--wrk-threads", type=int, default=1, help="wrk -t (default 1: on 2 cores a second wrk thread takes CPU from the server)")
    ap.add_argument("--duration", type=int, help="seconds per wrk run (quick 3, full 5)")
    ap.add_argument("--runs", type=int, help="wrk runs per figure, median taken (quick 1, full 3)")
    ap.add_argument("--steps", type=int, help="steps to complete in section 2 (quick 1000, full 5000)")
    ap.add_argument("--latency-steps", type=int, help="sequential steps in section 3 (quick 50, full 200)")
    ap.add_argument("--clusters", type=int, help="clusters in section 4 (quick 30, full 100)")
    ap.add_argument("--retries", type=int, help="extra wrk runs allowed per figure to replace runs disturbed by "
                    "other processes (quick 1, full 3)")
    ap.add_argument("--wait-idle", type=float, default=0, metavar="SECONDS",
                    help="first wait up to SECONDS for the machine to be < 15%% busy (other builds, tests)")
    ap.add_argument("--data-root", default=default_data_root(),
                    help="parent of the temporary data directories (default: /dev/shm if it is a tmpfs, "
                         "else $TMPDIR or /tmp). Use a disk directory (e.g. /var/tmp) to include the disk's "
                         "file-creation cost in the step figures")
    ap.add_argument("--no-moto", action="store_true", help="jobflow only")
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    a = ap.parse_args()
    q = a.quick
    dur = a.duration or (3 if q else 5)
    runs = a.runs or (1 if q else 3)
    n_steps = a.steps or (1000 if q else 5000)
    n_lat = a.latency_steps or (50 if q else 200)
    n_clusters = a.clusters or (30 if q else 100)
    if a.retries is None:
        a.retries = 1 if q else 3

    if not shutil.which("wrk"):
        sys.exit("wrk not found (apt-get install -y wrk)")
    jf_bin = os.path.abspath(a.jobflow_bin)
    if not os.access(jf_bin, os.X_OK):
        sys.exit(f"{jf_bin} is not an executable; build it first or set JOBFLOW_BIN")
    use_moto = not a.no_moto
    if use_moto and not shutil.which(a.moto_bin):
        sys.exit(f"{a.moto_bin} not found; install moto[server] or pass --no-moto")

    tmp = tempfile.mkdtemp(prefix="jobflow-emr-bench-", dir=a.data_root)
    jf = Jobflow(os.path.join(tmp, "jobflow"), jf_bin, a.jobflow_threads)
    os.makedirs(jf.workdir)
    mo = Moto(os.path.join(tmp, "moto"), a.moto_bin) if use_moto else None
    if mo:
        os.makedirs(mo.workdir)

    def on_signal(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")
    signal.signal(signal.SIGTERM, on_signal)

    servers = [s for s in (jf, mo) if s]
    busy = busy_fraction(1.0)
    if a.wait_idle > 0:
        deadline = time.monotonic() + a.wait_idle
        while busy > 0.15 and time.monotonic() < deadline:
            log(f"machine {busy:.0%} busy; waiting for it to calm down")
            time.sleep(4.0)
            busy = busy_fraction(1.0)
    R: dict[str, Any] = dict(date=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                             machine=machine_line(), mode="quick" if q else "full",
                             load_start=loadavg(), busy_before=busy, data_fs=fs_of(tmp),
                             binary=binary_id(jf_bin))
    R["file_create_us"] = file_create_us(tmp)
    R["yardsticks"] = yardsticks()
    t_start = time.perf_counter()
    busy0, self0 = machine_busy(), resource.getrusage(resource.RUSAGE_SELF)
    try:
        for s in servers:
            log(f"starting {s.name}")
            s.start()
            log(f"{s.name}: pid {s.pid}, port {s.port}")
        time.sleep(1.0)
        R["rss_idle"] = {s.name: s.rss_kb() for s in servers}
        R["spawner_rss_idle"] = jf.spawner_rss_kb()
        cli = {s.name: Emr(s.port) for s in servers}

        # ---- setup for section 1
        info = {}
        for s in servers:
            log(f"{s.name}: creating the 256-step cluster")
            info[s.name] = setup_read_cluster(cli[s.name], wait=(s is jf))
            log(f"{s.name}: {info[s.name]['settle']}")
        R["setup"] = {k: v["settle"] for k, v in info.items()}
        R["sizes"] = {s.name: {op: response_size(cli[s.name], op, b) for op, b in read_bodies(info[s.name]).items()}
                      for s in servers}

        # ---- 1. reads with wrk
        R["reads"] = {}
        for op in ("DescribeCluster", "DescribeStep", "ListSteps"):
            for conns in (8, 64):
                for s in servers:
                    th = a.wrk_threads
                    log(f"wrk {s.name} {op} c={conns} {runs}x{dur}s")
                    R["reads"].setdefault(f"{op}/{conns}", {})[s.name] = wrk_median(
                        s, op, read_bodies(info[s.name])[op], conns, dur, runs, th, extra=a.retries)

        # ---- 3. add -> COMPLETED latency (jobflow only; moto never completes a step)
        log(f"jobflow: {n_lat} sequential steps, add -> COMPLETED")
        with OtherLoad(jf.cpu) as ol:
            R["step_latency"] = step_latency(cli["jobflow"], n_lat)
        R["step_latency"]["other_cores"] = ol.cores
        R["step_latency"]["phases"] = step_phases(R["step_latency"], jf.data_dir)

        # ---- 4. RunJobFlow -> WAITING
        R["cluster_latency"] = {}
        for s in servers:
            log(f"{s.name}: {n_clusters} sequential RunJobFlow -> WAITING")
            R["cluster_latency"][s.name] = cluster_latency(cli[s.name], n_clusters)

        # ---- 2. steps added and completed per second
        log(f"jobflow: add and complete {n_steps} steps (StepConcurrencyLevel 256)")
        c0 = jf.cpu_parts()
        with OtherLoad(jf.cpu) as ol:
            R["throughput"] = add_and_complete(cli["jobflow"], n_steps)
        c1 = jf.cpu_parts()
        R["throughput"]["other_cores"] = ol.cores
        parts = {k: (c1[k] - c0[k]) / n_steps * 1000 for k in c0}
        R["throughput"]["cpu_ms_per_step"] = sum(parts.values())
        R["throughput"]["cpu_parts_ms"] = parts
        if mo:
            add_cluster = cli["moto"].run_job_flow("bench-add", concurrency=256)
            body = json.dumps({"JobFlowId": add_cluster, "Steps": [{
                "Name": "s", "ActionOnFailure": "CONTINUE",
                "HadoopJarStep": {"Jar": "command-runner.jar", "Args": ["true"]}}]})
            log(f"wrk moto AddJobFlowSteps c=8 {runs}x{dur}s")
            R["moto_add"] = wrk_median(mo, "AddJobFlowSteps", body, 8, dur, runs, a.wrk_threads)

        # ---- 5. RSS after the runs
        for c in cli.values():
            c.close()
        time.sleep(2.0)
        R["rss_after"] = {s.name: s.rss_kb() for s in servers}
        R["spawner_rss_after"] = jf.spawner_rss_kb()
        R["load_end"] = loadavg()
        R["elapsed_s"] = time.perf_counter() - t_start
        self1 = resource.getrusage(resource.RUSAGE_SELF)
        ours = (self1.ru_utime - self0.ru_utime) + (self1.ru_stime - self0.ru_stime) + WRK_CPU
        ours += sum(s.cpu() for s in servers)
        R["cpu_ours_s"] = ours
        R["cpu_other_s"] = max(0.0, machine_busy() - busy0 - ours)
    finally:
        for s in servers:
            try:
                k = s.cleanup()
                log(f"{s.name} stopped ({k} process group(s) cleaned up)")
            except Exception as e:  # keep cleaning the others
                log(f"cleanup of {s.name}: {e}")
        if a.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    report(R, a, dur, runs, use_moto)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(R, f, indent=1, default=str)
    return 0


def report(R: dict, a, dur: float, runs: int, use_moto: bool) -> None:
    P = print
    ncpu = os.cpu_count() or 1
    other = R["cpu_other_s"] / R["elapsed_s"]
    P()
    P(f"jobflow vs moto -- EMR API benchmark ({R['mode']}), {R['date']}")
    P(f"machine: {R['machine']}")
    P(f"other load: machine {R['busy_before']:.0%} busy just before the run; during it, processes other than "
      f"this benchmark used {other:.2f} of {ncpu} cores (load average {R['load_start']} -> {R['load_end']})")
    if other > 0.3 or R["busy_before"] > 0.15:
        P("  WARNING: the machine was not quiet; every figure below is depressed by that load")
    P(f"jobflow: {os.path.abspath(a.jobflow_bin)} ({R['binary']})")
    P(f"jobflow --threads {a.jobflow_threads or 'default = 1 per core'}; "
      f"moto: {'moto_server (Werkzeug dev server, answers Connection: close)' if use_moto else 'not run'}")
    y = R["yardsticks"]
    P(f"machine speed now (to compare runs; this VM's speed varies with its host): a fixed Python loop "
      f"{y['python_loop_ms']:.0f} ms; bare posix_spawn+waitpid of `true` {y['spawn_true_us']:.0f} us "
      f"(= {1e6 / y['spawn_true_us']:,.0f}/s sequential)")
    P(f"data dirs: {R['data_fs']}; creating an empty file there takes {R['file_create_us']:.0f} us")
    if R["file_create_us"] > 50:
        P("  WARNING: file creation is slow there (ext4 after mass deletions, e.g. other test runs' temp dirs);")
        P("  jobflow creates ~10 files and directories per step, so sections 2 and 3 mostly measure the disk")
    P("setup: " + "; ".join(f"{k}: {v}" for k, v in R["setup"].items()))
    P()
    disc = sum(r[n].get("discarded", 0) for r in R["reads"].values() for n in r)
    P(f"1. Reads with wrk ({runs} x {dur:g} s per figure, median; wrk -t{a.wrk_threads}; server and wrk share the cores;")
    P(f"   runs during which other processes used > {NOISY_CORES} cores are repeated (up to {a.retries} extra per figure;"
      f" {disc} discarded in all);")
    P("   cpu us/req = the server process's own CPU time per request; other load = cores used meanwhile by")
    P("   processes other than the server and wrk, jobflow / moto: above ~0.2 the req/s figure is depressed)")
    hdr = (f"{'operation':16s} {'conns':>5s} | {'jobflow req/s':>13s} {'p50 ms':>7s} {'p99 ms':>7s} {'cpu us/req':>10s} | "
           f"{'moto req/s':>10s} {'p50 ms':>7s} {'p99 ms':>7s} {'cpu us/req':>10s} | {'ratio':>6s} | other load")
    P(hdr)
    P("-" * len(hdr))
    errs = []
    for key, row in R["reads"].items():
        op, conns = key.split("/")
        j = row["jobflow"]
        m = row.get("moto")
        if j["errors"] or (m and m["errors"]):
            errs.append(f"{op} c={conns}: jobflow {j['errors']}, moto {m['errors'] if m else '-'} of "
                        f"{j['requests']:,} / {m['requests'] if m else 0:,} requests")
        mpart = (f"{fnum(m['rps']):>10s} {m['p50']:7.2f} {m['p99']:7.2f} {fnum(m['cpu_us']):>10s} | "
                 f"{ratio(j['rps'], m['rps']):>6s}") if m else f"{'-':>10s} {'-':>7s} {'-':>7s} {'-':>10s} | {'-':>6s}"
        noise = f" | {j['other_cores']:.2f}" + (f" / {m['other_cores']:.2f}" if m else "")
        P(f"{op:16s} {conns:>5s} | {fnum(j['rps']):>13s} {j['p50']:7.2f} {j['p99']:7.2f} {fnum(j['cpu_us'], 1):>10s} | " + mpart + noise)
    if errs:
        P("errors (non-2xx, timeouts, resets): " + "; ".join(errs))
    sz = R["sizes"]
    P("response bytes: " + "; ".join(f"{n} " + ", ".join(f"{op} {b:,}" for op, b in v.items()) for n, v in sz.items()))
    P()
    t = R["throughput"]
    P("2. Steps added AND completed per second (StepConcurrencyLevel 256, `true` steps, <= 256 active)")
    col = lambda x, w=26: f"{x:>{w}s}"
    P(f"{'':38s} | {col('jobflow')} | {col('moto', 30)}")
    P(f"{'completed steps/s (client clock)':38s} | {col(fnum(t['rate']))} | {col('n/a - never completes', 30)}")
    P(f"{'completed steps/s (server timeline)':38s} | {col(fnum(t['server_rate']))} | {col('n/a', 30)}")
    done_s = f"{t['completed']:,} in {t['elapsed']:.2f} s"
    cpu_s = f"{t['cpu_ms_per_step']:.2f} ms"
    P(f"{'steps completed, wall time':38s} | {col(done_s)} | {col('-', 30)}")
    P(f"{'CPU per step (server+spawner+steps)':38s} | {col(cpu_s)} | {col('-', 30)}")
    P(f"{'  = server + spawner + superv./steps':38s} | "
      f"{col(' + '.join(format(v, '.2f') for v in t['cpu_parts_ms'].values()))} | {col('', 30)}")
    cap = 1000 * ncpu / t["cpu_ms_per_step"] if t["cpu_ms_per_step"] > 0 else float("nan")
    P(f"{'  => CPU-bound ceiling on these cores':38s} | {col(fnum(cap) + ' steps/s')} | {col('-', 30)}")
    if "moto_add" in R:
        ma = R["moto_add"]
        P(f"{'bare AddJobFlowSteps, 1 step/req, c=8':38s} | {col('- (bounded by 256 active)')} | "
          f"{col(fnum(ma['rps']) + ' req/s, p50 ' + format(ma['p50'], '.1f') + ' ms', 30)}")
    P(f"  jobflow: {t['calls']} AddJobFlowSteps calls, {t['polls']} polls (ListSteps PENDING/RUNNING, all pages), "
      f"{t['limit_errors']} limit errors; end states {t['states']}; other load {t['other_cores']:.2f} cores")
    P()
    s = R["step_latency"]
    P(f"3. AddJobFlowSteps -> COMPLETED of one `true` step at a time ({s['n']} steps, tight DescribeStep polling, jobflow only)")
    P(f"{'':46s} | {'p50 ms':>8s} {'p99 ms':>8s}")
    P(f"{'client: send Add -> first COMPLETED answer':46s} | {pct(s['client'], 50):8.2f} {pct(s['client'], 99):8.2f}")
    P(f"{'server: EndDateTime - CreationDateTime':46s} | {pct(s['server'], 50):8.0f} {pct(s['server'], 99):8.0f}")
    ph = s.get("phases", {})
    labels = dict(api="api: send -> CreationDateTime", spawn="spawn: StartDateTime -> supervisor up",
                  prep="prep: supervisor -> fork of the job", job="job: fork -> exit seen (exec + run true)",
                  finish="finish: exit -> EndDateTime", poll="poll: EndDateTime -> client sees it")
    if not any(ph.values()):
        P("  (no phase breakdown: this jobflow build left no readable run-dir records)")
    for k, label in labels.items():
        if ph.get(k):
            P(f"{'  ' + label:46s} | {pct(ph[k], 50):8.0f} {pct(ph[k], 99):8.0f}")
    P(f"  (phases from the server timeline and run-dir records, wall clock at 1 ms resolution; "
      f"{pct(s['polls'], 50):.0f} DescribeStep polls per step at p50; other load {s['other_cores']:.2f} cores)")
    P(f"{'moto':46s} | n/a - its steps never complete")
    P()
    cl = R["cluster_latency"]
    P(f"4. RunJobFlow -> WAITING ({cl['jobflow']['n']} clusters, sequential, no bootstrap actions)")
    P(f"{'':42s} | {'jobflow p50':>11s} {'p99':>7s} | {'moto p50':>9s} {'p99':>7s} | ratio p50")
    for label, key in (("client: send RunJobFlow -> WAITING seen", "client"), ("  the RunJobFlow call alone", "rjf"),
                       ("server: ReadyDateTime - CreationDateTime", "server")):
        j = cl["jobflow"][key]
        m = cl["moto"][key] if "moto" in cl else []
        P(f"{label:42s} | {pct(j, 50):11.2f} {pct(j, 99):7.2f} | "
          + (f"{pct(m, 50):9.2f} {pct(m, 99):7.2f} | {ratio(pct(j, 50), pct(m, 50), invert=True) if key != 'server' else '':>9s}"
             if m else f"{'n/a':>9s} {'':>7s} |"))
    if use_moto:
        P("  (moto's RunJobFlow is synchronous: its cluster is WAITING at the first DescribeCluster)")
    P()
    P("5. Server process RSS (VmRSS)")
    mb = lambda kb: f"{kb / 1024:.1f} MB" if kb else "n/a"
    P(f"{'':34s} | {'jobflow':>10s} | {'moto':>10s} | jobflow smaller by")
    for label, key in (("idle, 1 s after startup", "rss_idle"), ("after the runs (then idle 2 s)", "rss_after")):
        j = R[key]["jobflow"]
        m = R[key].get("moto")
        P(f"{label:34s} | {mb(j):>10s} | {mb(m):>10s} | {ratio(j, m, invert=True) if m else '-'}")
    P(f"  jobflow's step spawner is a separate process (started with the server): {mb(R['spawner_rss_idle'])} idle, "
      f"{mb(R['spawner_rss_after'])} after; not counted above")
    P()
    P("Targets (from the issue)")
    rd = R["reads"]
    best = lambda op: max((rd[f"{op}/{c}"]["jobflow"]["rps"], c) for c in (8, 64))
    ds, ds_c = best("DescribeStep")
    ls, ls_c = best("ListSteps")
    rows = [(f"DescribeStep >= {TARGETS['describe_step_rps']:,} req/s (best of 8/64 conns)",
             f"{ds:,.0f} req/s at c={ds_c}", ds >= TARGETS["describe_step_rps"])]
    if use_moto:
        mds = rd[f"DescribeStep/{ds_c}"]["moto"]["rps"]
        rows.append((f"DescribeStep >= {TARGETS['describe_step_vs_moto']:.0f}x moto (same conns)",
                     f"{ds / mds:,.1f}x", ds / mds >= TARGETS["describe_step_vs_moto"]))
    sl = R["step_latency"]
    cj = R["cluster_latency"]["jobflow"]
    rows += [
        (f"ListSteps >= {TARGETS['list_steps_rps']:,} req/s (best of 8/64 conns)", f"{ls:,.0f} req/s at c={ls_c}",
         ls >= TARGETS["list_steps_rps"]),
        (f">= {TARGETS['completed_per_s']:,} steps completed/s", f"{t['rate']:,.0f}/s",
         t["rate"] >= TARGETS["completed_per_s"]),
        (f"step overhead <= {TARGETS['step_overhead_p50_ms']:g} ms p50 (client add -> COMPLETED)",
         f"{pct(sl['client'], 50):.2f} ms (server timeline {pct(sl['server'], 50):.0f} ms)",
         pct(sl["client"], 50) <= TARGETS["step_overhead_p50_ms"]),
        (f"RunJobFlow -> WAITING <= {TARGETS['run_to_waiting_ms']:g} ms (client, p50)",
         f"{pct(cj['client'], 50):.2f} ms (p99 {pct(cj['client'], 99):.2f} ms)",
         pct(cj["client"], 50) <= TARGETS["run_to_waiting_ms"]),
        (f"idle RSS <= {TARGETS['idle_rss_mb']:g} MB (server process, after startup)",
         mb(R["rss_idle"]["jobflow"]), R["rss_idle"]["jobflow"] / 1024 <= TARGETS["idle_rss_mb"]),
    ]
    for label, value, ok in rows:
        P(f"  {mark(ok)}  {label:60s} {value}")
    P()
    P(f"total run time {R['elapsed_s']:.0f} s")


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        log("interrupted")
        sys.exit(130)
