#!/usr/bin/env python3
"""jobflow's functions (Lambda API) benchmark (run by bench/functions/run.sh; see bench/README.md).

Starts one jobflow server on a free loopback port with a temporary data directory, creates
python3.11 functions through the Lambda REST API, measures them, runs the same handlers through the
peer and a naive baseline in the same run, prints one side-by-side table, and stops (and cleans up)
everything it started. The client is the standard library (http.client on one kept-alive
connection per thread); boto3, when importable, gives one more row.

Sections:
  1. Warm invoke latency: `POST /2015-03-31/functions/{name}/invocations` of a handler that returns
     its event, one after another on one connection, after warm-up; every answer is checked.
  2. Cold start: a new function per sample (so no instance is warm), then Invoke; timed from
     sending Invoke to the answer. Split with wall-clock stamps: Invoke -> instance process forked
     (run-dir record), -> handler module imported (stamp in the module), -> handler called (stamp),
     -> answer at the client. A few extra samples with PYTHONPROFILEIMPORTTIME split the start of
     Python itself (site, the runtime's imports, the handler's import). Floors measured in the same
     run: the bare interpreter (`-c pass`, `-S -c pass`). Repeated with a second interpreter
     (default /usr/bin/python3) put first on jobflow's PATH.
  3. Invocations/s: sequential on one connection (section 1), and N client threads (one connection
     each) against one function (at most 10 instances by default), and against N functions.
  4. Memory: server VmRSS idle and with the warm instances; per warm instance, the runtime's and its
     supervisor's PSS/RSS.

Peers, same run, same handler module, same client code:
  - serverless-offline 13.9.0 on the Serverless Framework 3.40.0 (npm; bench/functions/package.json),
    whose Lambda endpoint (`--lambdaPort`) takes the same Invoke request; it runs python handlers in
    long-lived `python3 invoke.py` child processes. Its `python3` is the same interpreter binary as
    jobflow's (a directory with that one link is put first on its PATH).
  - a fresh `python3` process per invocation running the same handler (what a naive runner does).
  - moto_server (5.x): it cannot run functions without docker; the run records what its Invoke
    answers.
"""
from __future__ import annotations

import argparse
import base64
import datetime as dt
import hashlib
import http.client
import io
import json
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import zipfile
from typing import Any, Callable

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.dont_write_bytecode = True  # leave no __pycache__ in bench/emr
sys.path.insert(0, os.path.join(HERE, "..", "emr"))
import emr_bench as eb  # noqa: E402  (server start/cleanup and /proc helpers shared with bench/emr)

HOST = eb.HOST
log = eb.log
pct = eb.pct

TARGETS = {"warm_ms": 2.0, "cold_ms": 50.0}
RUNTIME = "python3.11"
ROLE = "arn:aws:iam::123456789012:role/bench"

# One module for every function: `handler` for warm and throughput, `stamped` for cold starts.
APP_PY = """import time
T_IMPORT = time.time()


def handler(event, context):
    return event


def stamped(event, context):
    return {"event": event, "imported": T_IMPORT, "called": time.time()}
"""

# The naive baseline: one process per invocation, importing the handler and printing its answer.
NAIVE_PY = ("import sys, json; sys.path.insert(0, sys.argv[1]); import app; "
            "sys.stdout.write(json.dumps(app.handler(json.loads(sys.argv[2]), None)))")


def app_zip_b64() -> str:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("app.py", APP_PY)
    return base64.b64encode(buf.getvalue()).decode()


# --------------------------------------------------------------------------------------------
# A small keep-alive client of the Lambda REST API (jobflow and serverless-offline alike)
# --------------------------------------------------------------------------------------------
class Api:
    def __init__(self, port: int, timeout: float = 120):
        self.port = port
        self.conn = http.client.HTTPConnection(HOST, port, timeout=timeout)

    def call(self, method: str, path: str, body: bytes | None = None,
             headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        headers = headers or {}
        try:
            self.conn.request(method, path, body=body, headers=headers)
            resp = self.conn.getresponse()
        except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
            self.conn.close()  # an idle keep-alive connection the server closed: reconnect once
            self.conn.request(method, path, body=body, headers=headers)
            resp = self.conn.getresponse()
        raw = resp.read()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, raw

    def invoke(self, name: str, payload: bytes) -> tuple[int, bytes, str]:
        status, headers, raw = self.call("POST", f"/2015-03-31/functions/{name}/invocations", payload,
                                         {"Content-Type": "application/json"})
        return status, raw, headers.get("x-amz-function-error", "")

    def json(self, method: str, path: str, body: Any = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        status, _, raw = self.call(method, path, data, {"Content-Type": "application/json"} if data else {})
        if status >= 300:
            raise RuntimeError(f"{method} {path}: HTTP {status}: {raw[:300]!r}")
        return json.loads(raw) if raw else None

    def close(self) -> None:
        self.conn.close()


def create_function(api: Api, name: str, handler: str, env: dict[str, str] | None = None) -> None:
    body = {"FunctionName": name, "Runtime": RUNTIME, "Role": ROLE, "Handler": handler, "Timeout": 60,
            "Code": {"ZipFile": app_zip_b64()}}
    if env:
        body["Environment"] = {"Variables": env}
    api.json("POST", "/2015-03-31/functions", body)


def delete_function(api: Api, name: str) -> None:
    api.call("DELETE", f"/2015-03-31/functions/{name}")


# --------------------------------------------------------------------------------------------
# Processes
# --------------------------------------------------------------------------------------------
def proc_field(pid: int, key: str) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def pss_kb(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def all_procs() -> dict[int, tuple[int, str]]:
    """pid -> (ppid, cwd)"""
    out = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        pid = int(entry)
        try:
            with open(f"/proc/{pid}/stat") as f:
                text = f.read()
            ppid = int(text[text.rindex(")") + 2:].split()[1])
        except (OSError, ValueError):
            continue
        try:
            cwd = os.readlink(f"/proc/{pid}/cwd")
        except OSError:
            cwd = ""
        out[pid] = (ppid, cwd)
    return out


def descendants(root: int, procs: dict[int, tuple[int, str]] | None = None) -> list[int]:
    procs = procs if procs is not None else all_procs()
    kids: dict[int, list[int]] = {}
    for pid, (ppid, _) in procs.items():
        kids.setdefault(ppid, []).append(pid)
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        for k in kids.get(p, []):
            out.append(k)
            todo.append(k)
    return out


def tree_cpu(pids: list[int]) -> float:
    return sum(eb.proc_cpu(p, children=True) or 0.0 for p in pids)


def run_cpu(pid: int | None) -> float:
    """CPU seconds of a live process, all its threads, in nanoseconds' precision (schedstat), where
    /proc/<pid>/stat counts 10 ms ticks: a few hundred invocations are only a few ticks."""
    if not pid:
        return 0.0
    total = 0
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                    total += int(f.read().split()[0])
            except (OSError, ValueError, IndexError):
                pass
    except OSError:
        return 0.0
    return total / 1e9


def cwd_under(root: str, procs: dict[int, tuple[int, str]] | None = None) -> list[int]:
    procs = procs if procs is not None else all_procs()
    return [p for p, (_, cwd) in procs.items() if cwd == root or cwd.startswith(root + "/")]


def cmdline(pid: int) -> list[str]:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return [a.decode(errors="replace") for a in f.read().split(b"\0") if a]
    except OSError:
        return []


def binary_id(path: str) -> str:
    st = os.stat(path)
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:12]
    mtime = dt.datetime.fromtimestamp(st.st_mtime).astimezone().isoformat(timespec="seconds")
    head = ""
    try:  # read-only: the commit of the source tree
        head = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return f"built {mtime}, {st.st_size:,} bytes, sha256 {digest}" + (f", tree {head}" if head else "")


# --------------------------------------------------------------------------------------------
# Interpreters
# --------------------------------------------------------------------------------------------
def describe_python(name: str) -> dict[str, Any]:
    """What `name` is on PATH: its path, whether it is a script (a pyenv/asdf shim), and the
    interpreter it runs (sys.executable) with its version."""
    path = shutil.which(name) or name
    with open(path, "rb") as f:
        shim = f.read(2) == b"#!"
    out = subprocess.run([path, "-S", "-c", "import sys; print(sys.executable); print(sys.version.split()[0])"],
                         capture_output=True, text=True, timeout=60).stdout.split()
    return dict(name=name, path=path, shim=shim, executable=out[0] if out else path,
                version=out[1] if len(out) > 1 else "?")


def time_process(argv: list[str], n: int, env: dict[str, str] | None = None) -> list[float]:
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=env, check=True)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def naive_invoke(python: str, code_dir: str, i: int) -> float:
    """A fresh python3 process per invocation running the same handler: ms to its answer."""
    event = json.dumps({"n": i})
    t0 = time.perf_counter()
    out = subprocess.run([python, "-c", NAIVE_PY, code_dir, event], capture_output=True, text=True, check=True)
    ms = (time.perf_counter() - t0) * 1000
    if json.loads(out.stdout) != {"n": i}:
        raise RuntimeError(f"naive runner answered {out.stdout!r}")
    return ms


def interleaved(python: str, code_dir: str) -> dict[str, Callable[[int], float]]:
    return {"naive": lambda i: naive_invoke(python, code_dir, i),
            "pass": lambda i: time_process([python, "-c", "pass"], 1)[0],
            "no_site": lambda i: time_process([python, "-S", "-c", "pass"], 1)[0]}


# --------------------------------------------------------------------------------------------
# 1. Warm latency and sequential invocations/s
# --------------------------------------------------------------------------------------------
def warm_latency(api: Api, name: str, n: int, warm: int, cpu_of: Callable[[], dict[str, float]]) -> dict[str, Any]:
    for i in range(warm):
        status, raw, ferr = api.invoke(name, b'{"warm":%d}' % i)
        if status != 200 or ferr:
            raise RuntimeError(f"warm-up invoke of {name}: HTTP {status} {ferr}: {raw[:300]!r}")
    lat = []
    c0, r0 = cpu_of(), resource.getrusage(resource.RUSAGE_SELF)
    t_all = time.perf_counter()
    for i in range(n):
        payload = b'{"n":%d,"s":"warm"}' % i
        t0 = time.perf_counter()
        status, raw, ferr = api.invoke(name, payload)
        lat.append((time.perf_counter() - t0) * 1000)
        if status != 200 or ferr or json.loads(raw) != {"n": i, "s": "warm"}:
            raise RuntimeError(f"invoke of {name}: HTTP {status} {ferr}: {raw[:300]!r}")
    elapsed = time.perf_counter() - t_all
    c1, r1 = cpu_of(), resource.getrusage(resource.RUSAGE_SELF)
    cpu = {k: (c1[k] - c0[k]) / n * 1e6 for k in c0}
    cpu["client"] = ((r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)) / n * 1e6
    return dict(n=n, lat=lat, rate=n / elapsed, cpu_us=cpu)


def warm_latency_boto3(port: int, name: str, n: int, warm: int) -> dict[str, Any] | None:
    try:
        import boto3
        from botocore.config import Config
    except ImportError:
        return None
    client = boto3.client("lambda", endpoint_url=f"http://{HOST}:{port}", region_name="us-east-1",
                          aws_access_key_id="bench", aws_secret_access_key="bench",
                          config=Config(retries={"max_attempts": 1, "mode": "standard"}))
    lat = []
    for i in range(n + warm):
        t0 = time.perf_counter()
        r = client.invoke(FunctionName=name, Payload=b'{"n":%d}' % i)
        body = r["Payload"].read()
        if i >= warm:
            lat.append((time.perf_counter() - t0) * 1000)
        if r.get("FunctionError") or json.loads(body) != {"n": i}:
            raise RuntimeError(f"boto3 invoke of {name}: {r.get('FunctionError')} {body[:300]!r}")
    return dict(n=n, lat=lat)


# --------------------------------------------------------------------------------------------
# 2. Cold start
# --------------------------------------------------------------------------------------------
def instance_tokens(data_dir: str, name: str) -> list[str]:
    d = os.path.join(data_dir, "functions", name, "instances")
    return sorted(os.listdir(d)) if os.path.isdir(d) else []


def instance_records(data_dir: str, token: str) -> dict[str, dict[str, str]]:
    return eb.read_run_records(os.path.join(data_dir, "run", f"fn-{token}"))


def cold_jobflow(api: Api, data_dir: str, n: int, tag: str,
                 extras: dict[str, Callable[[int], float]] | None = None) -> dict[str, Any]:
    """n cold starts: a new function each time, Invoke timed to its answer, then DeleteFunction.
    `extras` (name -> a timed action) run once after each sample, interleaved, so that they see
    the same machine load: the interpreter's floor and the naive runner."""
    extras = extras or {}
    extra_lat: dict[str, list[float]] = {k: [] for k in extras}
    lat: list[float] = []
    phases: dict[str, list[float]] = {"spawn": [], "python": [], "ready": [], "back": []}
    for i in range(n):
        name = f"cold-{tag}-{i}"
        create_function(api, name, "app.stamped")
        w0 = time.time()
        t0 = time.perf_counter()
        status, raw, ferr = api.invoke(name, b'{"cold":%d}' % i)
        t1 = time.perf_counter()
        if status != 200 or ferr:
            raise RuntimeError(f"cold invoke of {name}: HTTP {status} {ferr}: {raw[:300]!r}")
        r = json.loads(raw)
        if r["event"] != {"cold": i}:
            raise RuntimeError(f"cold invoke of {name} answered {r}")
        lat.append((t1 - t0) * 1000)
        w1 = w0 + (t1 - t0)
        toks = instance_tokens(data_dir, name)
        rec = instance_records(data_dir, toks[0]) if len(toks) == 1 else {}
        try:
            job_ms = int(rec["job"]["started_ms"])
            phases["spawn"].append(job_ms - w0 * 1000)          # server, spawner, supervisor, fork
            phases["python"].append(r["imported"] * 1000 - job_ms)  # exec .. handler module imported
        except (KeyError, ValueError):
            pass
        phases["ready"].append((r["called"] - r["imported"]) * 1000)  # runtime ready, first /next
        phases["back"].append((w1 - r["called"]) * 1000)              # response posted .. client
        delete_function(api, name)
        for k, action in extras.items():
            extra_lat[k].append(action(i))
    return dict(n=n, lat=lat, phases=phases, extras=extra_lat)


def parse_importtime(text: str) -> dict[str, float]:
    """Top-level entries of `-X importtime` (ms, cumulative): before site, site, then the
    runtime's own imports until the handler module `app`, the handler module, and after it."""
    out = {"startup": 0.0, "site": 0.0, "runtime": 0.0, "handler": 0.0, "later": 0.0}
    stage = "startup"
    for line in text.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if not m or m.group(3) != " ":
            continue
        cum, name = int(m.group(2)) / 1000, m.group(4)
        if name == "site":
            out["site"] += cum
            stage = "runtime"
        elif name == "app":
            out["handler"] += cum
            stage = "later"
        else:
            out[stage] += cum
    return out


def cold_importtime(api: Api, data_dir: str, n: int, tag: str) -> dict[str, list[float]]:
    split: dict[str, list[float]] = {}
    for i in range(n):
        name = f"imp-{tag}-{i}"
        create_function(api, name, "app.stamped", env={"PYTHONPROFILEIMPORTTIME": "1"})
        status, raw, ferr = api.invoke(name, b'{"cold":%d}' % i)
        if status != 200 or ferr:
            raise RuntimeError(f"cold invoke of {name}: HTTP {status} {ferr}: {raw[:300]!r}")
        toks = instance_tokens(data_dir, name)
        if toks:
            path = os.path.join(data_dir, "functions", name, "instances", toks[0], "stdout")
            with open(path, errors="replace") as f:
                for k, v in parse_importtime(f.read()).items():
                    split.setdefault(k, []).append(v)
        delete_function(api, name)
    return split


# --------------------------------------------------------------------------------------------
# 3. Concurrent invocations
# --------------------------------------------------------------------------------------------
def concurrent(port: int, names: list[str], nthreads: int, seconds: float, warmup: float,
               cpu_of: Callable[[], dict[str, float]], base_path: str = "/2015-03-31/functions") -> dict[str, Any]:
    """nthreads client threads, each with its own connection, invoking names[k % len(names)] back to
    back for warmup + seconds; figures over the last `seconds`."""
    lock = threading.Lock()
    records: list[tuple[float, float, int]] = []  # (start, latency ms, status)
    stop = threading.Event()
    errors: list[str] = []

    def worker(k: int) -> None:
        api = Api(port)
        name = names[k % len(names)]
        mine = []
        i = 0
        try:
            while not stop.is_set():
                payload = b'{"t":%d,"i":%d}' % (k, i)
                t0 = time.perf_counter()
                status, raw, ferr = api.invoke(name, payload)
                t1 = time.perf_counter()
                if status == 200 and (ferr or json.loads(raw) != {"t": k, "i": i}):
                    status = -1
                    if len(errors) < 5:
                        errors.append(f"{name}: {ferr} {raw[:200]!r}")
                mine.append((t0, (t1 - t0) * 1000, status))
                i += 1
        except Exception as e:  # noqa: BLE001 - reported
            errors.append(f"{name}: {e}")
        finally:
            api.close()
            with lock:
                records.extend(mine)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(nthreads)]
    for t in threads:
        t.start()
    time.sleep(warmup)
    c0, r0 = cpu_of(), resource.getrusage(resource.RUSAGE_SELF)
    t_start = time.perf_counter()
    time.sleep(seconds)
    t_end = time.perf_counter()
    c1, r1 = cpu_of(), resource.getrusage(resource.RUSAGE_SELF)
    stop.set()
    for t in threads:
        t.join()
    window = [r for r in records if r[0] >= t_start and r[0] + r[1] / 1000 <= t_end]
    ok = [r[1] for r in window if r[0] and r[2] == 200]
    statuses: dict[int, int] = {}
    for r in window:
        statuses[r[2]] = statuses.get(r[2], 0) + 1
    n = max(1, len(window))
    cpu = {k: (c1[k] - c0[k]) / n * 1e6 for k in c0}
    cpu["client"] = ((r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)) / n * 1e6
    return dict(threads=nthreads, functions=len(names), seconds=t_end - t_start, ok=len(ok), lat=ok,
                rate=len(ok) / (t_end - t_start), statuses=statuses, errors=errors, cpu_us=cpu)


# --------------------------------------------------------------------------------------------
# jobflow
# --------------------------------------------------------------------------------------------
class PathFirst:
    """Puts a directory holding only `python3` -> `python` first on PATH while a server starts."""

    def __init__(self, workdir: str, python: str | None):
        self.python = python
        self.dir = os.path.join(workdir, "python-first")

    def __enter__(self) -> "PathFirst":
        self.saved = os.environ.get("PATH", "")
        if self.python:
            os.makedirs(self.dir, exist_ok=True)
            link = os.path.join(self.dir, "python3")
            if not os.path.lexists(link):
                os.symlink(self.python, link)
            os.environ["PATH"] = self.dir + os.pathsep + self.saved
        return self

    def __exit__(self, *exc) -> None:
        os.environ["PATH"] = self.saved


def jobflow_instances(jf: eb.Jobflow, name: str) -> list[dict[str, Any]]:
    out = []
    for tok in instance_tokens(jf.data_dir, name):
        rec = instance_records(jf.data_dir, tok)
        try:
            job, sup = int(rec["job"]["pid"]), int(rec["supervisor"]["pid"])
        except (KeyError, ValueError):
            continue
        if eb.proc_start_time(job) == int(rec["job"].get("start_time", -1)):
            out.append(dict(token=tok, job=job, supervisor=sup, argv=cmdline(job)))
    return out


def run_jobflow(a, jf_bin: str, workdir: str, n_warm: int, n_cold: int, n_imp: int, seconds: float,
                python: str, alt_python: str | None, code_dir: str) -> dict[str, Any]:
    R: dict[str, Any] = {}
    jf = eb.Jobflow(os.path.join(workdir, "jobflow"), jf_bin, a.jobflow_threads)
    os.makedirs(jf.workdir)
    try:
        log("starting jobflow")
        jf.start()
        log(f"jobflow: pid {jf.pid}, port {jf.port}")
        time.sleep(1.0)
        R["rss_idle_kb"] = jf.rss_kb()
        api = Api(jf.port)

        def cpu_of(name: str | None = None) -> Callable[[], dict[str, float]]:
            def f() -> dict[str, float]:
                procs = all_procs()
                inst = cwd_under(jf.data_dir, procs)
                return {"server": run_cpu(jf.pid), "instances": sum(run_cpu(p) for p in inst)}
            return f

        # ---- 1. warm
        create_function(api, "echo", "app.handler")
        log(f"warm: {n_warm} sequential invocations")
        with eb.OtherLoad(lambda: ours_cpu(jf)) as ol:
            R["warm"] = warm_latency(api, "echo", n_warm, 50, cpu_of())
        R["warm"]["other_cores"] = ol.cores
        inst = jobflow_instances(jf, "echo")
        R["instance_argv"] = inst[0]["argv"] if inst else []
        if not a.no_boto3:
            log("warm through boto3")
            R["warm_boto3"] = warm_latency_boto3(jf.port, "echo", min(n_warm, 1000), 20)

        # ---- 2. cold
        log(f"cold: {n_cold} new functions, one Invoke each")
        with eb.OtherLoad(lambda: ours_cpu(jf)) as ol:
            R["cold"] = cold_jobflow(api, jf.data_dir, n_cold, "a", interleaved(python, code_dir))
        R["cold"]["other_cores"] = ol.cores
        R["cold"]["python"] = python
        if n_imp:
            log(f"cold: {n_imp} more with PYTHONPROFILEIMPORTTIME=1")
            R["cold"]["importtime"] = cold_importtime(api, jf.data_dir, n_imp, "a")

        # ---- 3. concurrency
        log(f"{a.threads} threads -> 1 function, {seconds:.0f} s")
        with eb.OtherLoad(lambda: ours_cpu(jf)) as ol:
            R["conc_one"] = concurrent(jf.port, ["echo"], a.threads, seconds, a.warmup, cpu_of())
        R["conc_one"]["other_cores"] = ol.cores
        R["conc_one"]["instances"] = len(jobflow_instances(jf, "echo"))
        names = [f"conc-{k}" for k in range(a.threads)]
        for nm in names:
            create_function(api, nm, "app.handler")
        log(f"{a.threads} threads -> {len(names)} functions, {seconds:.0f} s")
        with eb.OtherLoad(lambda: ours_cpu(jf)) as ol:
            R["conc_many"] = concurrent(jf.port, names, a.threads, seconds, a.warmup, cpu_of())
        R["conc_many"]["other_cores"] = ol.cores

        # ---- 4. memory
        time.sleep(1.0)
        R["rss_end_kb"] = jf.rss_kb()
        live = jobflow_instances(jf, "echo") + [i for nm in names for i in jobflow_instances(jf, nm)]
        R["instances_live"] = len(live)
        R["instance_rss_kb"] = [proc_field(i["job"], "VmRSS") for i in live]
        R["instance_pss_kb"] = [pss_kb(i["job"]) for i in live]
        R["supervisor_pss_kb"] = [pss_kb(i["supervisor"]) for i in live]
        R["supervisor_rss_kb"] = [proc_field(i["supervisor"], "VmRSS") for i in live]
        R["spawner_rss_kb"] = jf.spawner_rss_kb()
        api.close()
    finally:
        k = jf.cleanup()
        log(f"jobflow stopped ({k} process group(s) cleaned up)")
        R["cleanup_groups"] = k

    if alt_python:
        jf2 = eb.Jobflow(os.path.join(workdir, "jobflow-alt"), jf_bin, a.jobflow_threads)
        os.makedirs(jf2.workdir)
        try:
            with PathFirst(jf2.workdir, alt_python):
                jf2.start()
            log(f"jobflow with {alt_python} first on PATH: pid {jf2.pid}, port {jf2.port}")
            time.sleep(0.5)
            api = Api(jf2.port)
            create_function(api, "echo", "app.handler")
            api.invoke("echo", b"{}")
            inst = jobflow_instances(jf2, "echo")
            R["alt_instance_argv"] = inst[0]["argv"] if inst else []
            log(f"cold with {alt_python}: {n_cold} new functions")
            with eb.OtherLoad(lambda: ours_cpu(jf2)) as ol:
                R["cold_alt"] = cold_jobflow(api, jf2.data_dir, n_cold, "b", interleaved(alt_python, code_dir))
            R["cold_alt"]["other_cores"] = ol.cores
            R["cold_alt"]["python"] = alt_python
            if n_imp:
                R["cold_alt"]["importtime"] = cold_importtime(api, jf2.data_dir, n_imp, "b")
            api.close()
        finally:
            k = jf2.cleanup()
            log(f"second jobflow stopped ({k} process group(s) cleaned up)")
    return R


def ours_cpu(jf: eb.Jobflow) -> float:
    """CPU seconds of jobflow, its spawner and reaped jobs, the live instances, and the processes
    this benchmark started and waited for (the floors and the naive runner)."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return jf.cpu() + tree_cpu(cwd_under(jf.data_dir)) + r.ru_utime + r.ru_stime


# --------------------------------------------------------------------------------------------
# serverless-offline
# --------------------------------------------------------------------------------------------
PEER_SERVICE = "jfbench"
PEER_STAGE = "dev"


def install_peer(peer_dir: str) -> dict[str, str]:
    os.makedirs(peer_dir, exist_ok=True)
    shutil.copy(os.path.join(HERE, "package.json"), os.path.join(peer_dir, "package.json"))
    want = json.load(open(os.path.join(HERE, "package.json")))["dependencies"]
    have = {}
    for pkg in want:
        try:
            have[pkg] = json.load(open(os.path.join(peer_dir, "node_modules", pkg, "package.json")))["version"]
        except (OSError, ValueError):
            pass
    if have != want:
        log(f"npm install {' '.join(f'{k}@{v}' for k, v in want.items())} into {peer_dir} (about a minute)")
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"], cwd=peer_dir, check=True,
                       stdout=subprocess.DEVNULL)
    versions = {}
    for pkg in want:
        versions[pkg] = json.load(open(os.path.join(peer_dir, "node_modules", pkg, "package.json")))["version"]
    versions["node"] = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    return versions


class Peer:
    """serverless-offline serving a generated service whose functions all use app.py."""

    def __init__(self, peer_dir: str, workdir: str, functions: dict[str, str], python: str):
        self.peer_dir = peer_dir
        self.svc = os.path.join(workdir, "service")
        self.functions = functions
        self.python = python
        self.proc: subprocess.Popen | None = None

    def name(self, fn: str) -> str:
        return f"{PEER_SERVICE}-{PEER_STAGE}-{fn}"

    def start(self) -> None:
        os.makedirs(self.svc)
        with open(os.path.join(self.svc, "app.py"), "w") as f:
            f.write(APP_PY)
        lines = [f"service: {PEER_SERVICE}", "frameworkVersion: '3'", "provider:", "  name: aws",
                 f"  runtime: {RUNTIME}", "  region: us-east-1", f"  stage: {PEER_STAGE}",
                 "plugins:", "  - serverless-offline", "functions:"]
        for fn, handler in self.functions.items():
            lines += [f"  {fn}:", f"    handler: {handler}"]
        with open(os.path.join(self.svc, "serverless.yml"), "w") as f:
            f.write("\n".join(lines) + "\n")
        # The plugin is resolved from the service directory.
        os.symlink(os.path.join(self.peer_dir, "node_modules"), os.path.join(self.svc, "node_modules"))
        self.port = eb.free_port()
        ports = [eb.free_port() for _ in range(3)]
        pydir = os.path.join(self.svc, ".python-first")
        os.makedirs(pydir)
        os.symlink(self.python, os.path.join(pydir, "python3"))
        env = dict(os.environ, SLS_TELEMETRY_DISABLED="1", SLS_NOTIFICATIONS_MODE="off", SLS_DEPRECATION_DISABLE="*",
                   PATH=pydir + os.pathsep + os.environ.get("PATH", ""), AWS_ACCESS_KEY_ID="bench",
                   AWS_SECRET_ACCESS_KEY="bench")
        self.log_path = os.path.join(self.svc, "offline.log")
        self.logf = open(self.log_path, "wb")
        sls = os.path.join(self.peer_dir, "node_modules", "serverless", "bin", "serverless.js")
        self.proc = subprocess.Popen(["node", sls, "offline", "--host", HOST, "--lambdaPort", str(self.port),
                                      "--httpPort", str(ports[0]), "--websocketPort", str(ports[1]),
                                      "--albPort", str(ports[2]), "--noPrependStageInUrl"],
                                     cwd=self.svc, env=env, stdout=self.logf, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("serverless offline exited:\n" + open(self.log_path, errors="replace").read()[-2000:])
            if f":{self.port}" in open(self.log_path, errors="replace").read():
                break
            time.sleep(0.1)
        else:
            raise RuntimeError("serverless offline did not start:\n" + open(self.log_path, errors="replace").read()[-2000:])
        eb.wait_port(self.port, 30, self.proc)

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def pythons(self) -> list[int]:
        procs = all_procs()
        return [p for p in descendants(self.pid, procs) if any("invoke.py" in x for x in cmdline(p))
                and os.path.basename(cmdline(p)[0]).startswith("python")]

    def cpu(self) -> float:
        r = resource.getrusage(resource.RUSAGE_CHILDREN)
        return tree_cpu([self.pid] + descendants(self.pid)) + r.ru_utime + r.ru_stime

    def stop(self) -> None:
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()


def cold_peer(api: Api, peer: Peer, names: list[str]) -> dict[str, Any]:
    lat, ready, back = [], [], []
    for i, fn in enumerate(names):
        w0 = time.time()
        t0 = time.perf_counter()
        status, raw, ferr = api.invoke(peer.name(fn), b'{"cold":%d}' % i)
        t1 = time.perf_counter()
        if status != 200 or ferr:
            raise RuntimeError(f"peer cold invoke of {fn}: HTTP {status} {ferr}: {raw[:300]!r}")
        r = json.loads(raw)
        if r["event"] != {"cold": i}:
            raise RuntimeError(f"peer cold invoke of {fn} answered {r}")
        lat.append((t1 - t0) * 1000)
        ready.append((r["called"] - r["imported"]) * 1000)
        back.append((w0 + (t1 - t0) - r["called"]) * 1000)
    return dict(n=len(names), lat=lat, phases={"ready": ready, "back": back})


def run_peer(a, workdir: str, python: str, n_warm: int, n_cold: int, seconds: float) -> dict[str, Any]:
    R: dict[str, Any] = {}
    peer_dir = a.peer_dir or os.path.join(workdir, "peer-npm")
    t0 = time.perf_counter()
    R["versions"] = install_peer(peer_dir)
    R["install_s"] = time.perf_counter() - t0
    functions = {"echo": "app.handler"}
    functions.update({f"cold{i}": "app.stamped" for i in range(n_cold)})
    functions.update({f"conc{k}": "app.handler" for k in range(a.threads)})
    peer = Peer(peer_dir, os.path.join(workdir, "peer"), functions, python)
    try:
        log("starting serverless offline")
        peer.start()
        log(f"serverless offline: pid {peer.pid}, lambda port {peer.port}")
        time.sleep(1.0)
        R["rss_idle_kb"] = eb.vm_rss_kb(peer.pid)
        api = Api(peer.port)

        def cpu_of() -> dict[str, float]:
            return {"server": run_cpu(peer.pid), "instances": sum(run_cpu(p) for p in descendants(peer.pid))}

        n = min(n_warm, a.peer_warm)
        log(f"peer warm: {n} sequential invocations")
        with eb.OtherLoad(peer.cpu) as ol:
            R["warm"] = warm_latency(api, peer.name("echo"), n, 20, cpu_of)
        R["warm"]["other_cores"] = ol.cores
        if not a.no_boto3:
            R["warm_boto3"] = warm_latency_boto3(peer.port, peer.name("echo"), min(n, 200), 5)
        log(f"peer cold: {n_cold} functions, first Invoke each")
        with eb.OtherLoad(peer.cpu) as ol:
            R["cold"] = cold_peer(api, peer, [f"cold{i}" for i in range(n_cold)])
        R["cold"]["other_cores"] = ol.cores
        log(f"peer {a.threads} threads -> 1 function, {seconds:.0f} s")
        with eb.OtherLoad(peer.cpu) as ol:
            R["conc_one"] = concurrent(peer.port, [peer.name("echo")], a.threads, seconds, a.warmup, cpu_of)
        R["conc_one"]["other_cores"] = ol.cores
        R["conc_one"]["instances"] = len(peer.pythons())
        log(f"peer {a.threads} threads -> {a.threads} functions, {seconds:.0f} s")
        with eb.OtherLoad(peer.cpu) as ol:
            R["conc_many"] = concurrent(peer.port, [peer.name(f"conc{k}") for k in range(a.threads)], a.threads,
                                        seconds, a.warmup, cpu_of)
        R["conc_many"]["other_cores"] = ol.cores
        time.sleep(1.0)
        R["rss_end_kb"] = eb.vm_rss_kb(peer.pid)
        pys = peer.pythons()
        R["instances_live"] = len(pys)
        R["instance_rss_kb"] = [proc_field(p, "VmRSS") for p in pys]
        R["instance_pss_kb"] = [pss_kb(p) for p in pys]
        procs = all_procs()
        shells = [procs[p][0] for p in pys if p in procs]
        R["shell_pss_kb"] = [pss_kb(s) for s in shells if s != peer.pid]
        api.close()
    finally:
        peer.stop()
        log("serverless offline stopped")
        if not a.peer_dir:
            shutil.rmtree(peer_dir, ignore_errors=True)
    return R


# --------------------------------------------------------------------------------------------
# moto
# --------------------------------------------------------------------------------------------
def run_moto(a, workdir: str) -> dict[str, Any]:
    m = eb.Moto(os.path.join(workdir, "moto"), a.moto_bin)
    os.makedirs(m.workdir)
    R: dict[str, Any] = {}
    try:
        m.start()
        api = Api(m.port)
        auth = lambda svc: {"Authorization": "AWS4-HMAC-SHA256 Credential=bench/20240101/us-east-1/"  # noqa: E731
                            f"{svc}/aws4_request, SignedHeaders=host, Signature=0"}
        trust = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                                    "Principal": {"Service": "lambda.amazonaws.com"}}]})
        form = urllib.parse.urlencode({"Action": "CreateRole", "Version": "2010-05-08", "RoleName": "bench",
                                       "AssumeRolePolicyDocument": trust}).encode()
        api.call("POST", "/", form, {**auth("iam"), "Content-Type": "application/x-www-form-urlencoded"})
        body = {"FunctionName": "echo", "Runtime": RUNTIME, "Role": ROLE, "Handler": "app.handler",
                "Code": {"ZipFile": app_zip_b64()}}
        s, _, raw = api.call("POST", "/2015-03-31/functions", json.dumps(body).encode(),
                             {**auth("lambda"), "Content-Type": "application/json"})
        R["create_status"] = s
        t0 = time.perf_counter()
        s, h, raw = api.call("POST", "/2015-03-31/functions/echo/invocations", b'{"n":1}',
                             {**auth("lambda"), "Content-Type": "application/json"})
        R["invoke_ms"] = (time.perf_counter() - t0) * 1000
        R["invoke_status"] = s
        R["invoke_function_error"] = h.get("x-amz-function-error", "")
        R["invoke_body"] = raw[:200].decode(errors="replace")
        R["works"] = s == 200 and not R["invoke_function_error"] and raw.strip() == b'{"n": 1}'
        try:
            import moto
            R["version"] = moto.__version__
        except ImportError:
            R["version"] = "?"
        api.close()
    finally:
        m.cleanup()
    return R


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------
def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="short run (~1 minute, plus the peer's npm install unless --peer-dir has it)")
    ap.add_argument("--jobflow-bin", default=os.environ.get("JOBFLOW_BIN", "build/jobflow"))
    ap.add_argument("--jobflow-threads", type=int, default=0, help="jobflow --threads (0: its default, one per core)")
    ap.add_argument("--warm", type=int, help="sequential warm invocations (quick 500, full 3000)")
    ap.add_argument("--cold", type=int, help="cold-start samples per interpreter (quick 15, full 60)")
    ap.add_argument("--importtime", type=int, help="extra cold starts with PYTHONPROFILEIMPORTTIME (quick 3, full 8)")
    ap.add_argument("--seconds", type=float, help="measured seconds per concurrency figure (quick 3, full 8)")
    ap.add_argument("--warmup", type=float, default=1.5, help="seconds of load before each concurrency figure (1.5)")
    ap.add_argument("--threads", type=int, default=10, help="client threads, and functions, in section 3 (10)")
    ap.add_argument("--alt-python", default="/usr/bin/python3",
                    help="second interpreter for the cold start, put first on jobflow's PATH ('' to skip)")
    ap.add_argument("--no-peer", action="store_true", help="skip serverless-offline")
    ap.add_argument("--peer-dir", help="install (or reuse) the peer's node_modules here and keep it "
                    "(default: a temporary directory, deleted at the end)")
    ap.add_argument("--peer-warm", type=int, default=500, help="at most this many warm invocations of the peer (500)")
    ap.add_argument("--no-moto", action="store_true", help="skip the moto_server Invoke check")
    ap.add_argument("--moto-bin", default=os.environ.get("MOTO_SERVER", "moto_server"))
    ap.add_argument("--no-boto3", action="store_true", help="skip the boto3 rows")
    ap.add_argument("--wait-idle", type=float, default=0, metavar="SECONDS",
                    help="first wait up to SECONDS for the machine to be < 15%% busy (other builds, tests)")
    ap.add_argument("--data-root", default=eb.default_data_root(),
                    help="parent of the temporary data directory (default: /dev/shm if it is a tmpfs, else $TMPDIR or /tmp)")
    ap.add_argument("--json", help="also write the raw figures to this file")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    a = ap.parse_args()
    if os.environ.get("FUNCTIONS_BENCH_PATH"):  # run.sh: the caller's PATH, before pyenv changed it
        os.environ["PATH"] = os.environ.pop("FUNCTIONS_BENCH_PATH")
    q = a.quick
    n_warm = a.warm or (500 if q else 3000)
    n_cold = a.cold or (15 if q else 60)
    n_imp = a.importtime if a.importtime is not None else (3 if q else 8)
    seconds = a.seconds or (3.0 if q else 8.0)

    jf_bin = os.path.abspath(a.jobflow_bin)
    if not os.access(jf_bin, os.X_OK):
        sys.exit(f"{jf_bin} is not an executable; build it first or set JOBFLOW_BIN")
    tmp = tempfile.mkdtemp(prefix="jobflow-functions-bench-", dir=a.data_root)

    def on_signal(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")
    signal.signal(signal.SIGTERM, on_signal)

    busy = eb.busy_fraction(1.0)
    if a.wait_idle > 0:
        deadline = time.monotonic() + a.wait_idle
        while busy > 0.15 and time.monotonic() < deadline:
            log(f"machine {busy:.0%} busy; waiting for it to calm down")
            time.sleep(4.0)
            busy = eb.busy_fraction(1.0)
    py = describe_python("python3")
    alt = None
    if a.alt_python and os.access(a.alt_python, os.X_OK):
        alt = describe_python(a.alt_python)
        if os.path.realpath(alt["executable"]) == os.path.realpath(py["executable"]):
            alt = None
    R: dict[str, Any] = dict(date=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                             machine=eb.machine_line(), mode="quick" if q else "full", load_start=eb.loadavg(),
                             busy_before=busy, data_fs=eb.fs_of(tmp), binary=binary_id(jf_bin), jobflow_bin=jf_bin,
                             client_python=sys.version.split()[0], python=py, alt_python=alt)
    R["yardsticks"] = eb.yardsticks()
    t_start = time.perf_counter()
    busy0, self0 = eb.machine_busy(), resource.getrusage(resource.RUSAGE_SELF)
    try:
        # The naive runner's code; it and the interpreters' floors are timed interleaved with
        # jobflow's cold starts (section 2).
        code_dir = os.path.join(tmp, "naive")
        os.makedirs(code_dir)
        with open(os.path.join(code_dir, "app.py"), "w") as f:
            f.write(APP_PY)
        if py["shim"]:
            log("the shim's own cost")
            R["shim_pass"] = time_process([py["path"], "-c", "pass"], 5 if q else 15)
        R["jobflow"] = run_jobflow(a, jf_bin, tmp, n_warm, n_cold, n_imp, seconds, py["executable"],
                                   alt["executable"] if alt else None, code_dir)
        if not a.no_peer:
            try:
                R["peer"] = run_peer(a, tmp, py["executable"], n_warm, n_cold, seconds)
            except Exception as e:  # noqa: BLE001 - reported in the table
                log(f"peer failed: {e}")
                R["peer_error"] = str(e)[:500]
        if not a.no_moto:
            try:
                R["moto"] = run_moto(a, tmp)
            except Exception as e:  # noqa: BLE001
                log(f"moto check failed: {e}")
                R["moto_error"] = str(e)[:500]
        R["load_end"] = eb.loadavg()
        R["elapsed_s"] = time.perf_counter() - t_start
    finally:
        if a.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    report(R, a, n_cold)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(R, f, indent=1, default=str)
    return 0


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------
def p50_99(v: list[float] | None, d: int = 2) -> str:
    if not v:
        return "n/a"
    return f"{pct(v, 50):.{d}f} / {pct(v, 99):.{d}f} ms"


def mb(kb: float | None) -> str:
    return f"{kb / 1024:.1f} MB" if kb else "n/a"


def med(v: list) -> float | None:
    v = [x for x in (v or []) if x is not None]
    return statistics.median(v) if v else None


def report(R: dict, a, n_cold: int) -> None:
    P = print
    J = R["jobflow"]
    peer = R.get("peer")
    moto = R.get("moto")
    py, alt = R["python"], R["alt_python"]
    P()
    P(f"jobflow -- functions (Lambda API) benchmark ({R['mode']}), {R['date']}")
    P(f"machine: {R['machine']}; load average {R['load_start']} -> {R['load_end']}; "
      f"machine {R['busy_before']:.0%} busy just before the run")
    if R["busy_before"] > 0.15:
        P("  WARNING: the machine was not quiet; figures are depressed by that load")
    y = R["yardsticks"]
    P(f"machine speed now: a fixed Python loop {y['python_loop_ms']:.0f} ms; bare posix_spawn+waitpid of `true` "
      f"{y['spawn_true_us']:.0f} us")
    P(f"jobflow: {R['jobflow_bin']} ({R['binary']}); data dir on {R['data_fs']}")
    P(f"python3 on PATH: {py['path']}{' (a shim script)' if py['shim'] else ''} -> {py['executable']} "
      f"{py['version']}; instances run: {' '.join(J.get('instance_argv', [])[:2]) or '?'}")
    if peer:
        v = peer["versions"]
        P(f"peer: serverless-offline {v.get('serverless-offline')} on serverless {v.get('serverless')}, node "
          f"{v.get('node')}; its python3 is {py['executable']}; npm install took {peer['install_s']:.0f} s")
    elif not a.no_peer:
        P(f"peer: FAILED: {R.get('peer_error')}")
    P()

    P("Floors, timed interleaved with jobflow's cold starts (spawn to exit, p50 / p99):")
    for label, c in (("", J["cold"]), ("", J.get("cold_alt"))):
        if not c:
            continue
        x = c["extras"]
        P(f"  {c['python']:40s} -c pass {p50_99(x['pass'], 1)}; -S -c pass {p50_99(x['no_site'], 1)}; fresh "
          f"process per invocation (same handler) {p50_99(x['naive'], 1)}")
    if R.get("shim_pass"):
        P(f"  {py['path']:40s} -c pass {p50_99(R['shim_pass'], 1)} (the shim: bash, `pyenv exec`, then Python)")
    P()

    w = J["warm"]
    P(f"1. Warm invoke, {w['n']} sequential on one keep-alive connection (raw HTTP), other load "
      f"{w['other_cores']:.2f} cores")
    P(f"   jobflow p50/p90/p99/max {pct(w['lat'], 50):.3f} / {pct(w['lat'], 90):.3f} / {pct(w['lat'], 99):.3f} / "
      f"{max(w['lat']):.2f} ms; {w['rate']:,.0f}/s; CPU per invocation: server {w['cpu_us']['server']:.0f} us, "
      f"instance {w['cpu_us']['instances']:.0f} us, client {w['cpu_us']['client']:.0f} us")
    if J.get("warm_boto3"):
        P(f"   jobflow through boto3: p50/p99 {p50_99(J['warm_boto3']['lat'], 3)}")
    if peer:
        pw = peer["warm"]
        P(f"   serverless-offline p50/p90/p99/max {pct(pw['lat'], 50):.2f} / {pct(pw['lat'], 90):.2f} / "
          f"{pct(pw['lat'], 99):.2f} / {max(pw['lat']):.2f} ms; {pw['rate']:,.0f}/s; CPU per invocation: node "
          f"{pw['cpu_us']['server']:.0f} us, python {pw['cpu_us']['instances']:.0f} us")
    P()

    def cold_lines(label: str, c: dict) -> None:
        ph = c["phases"]
        P(f"   {label}: p50/p90/p99/max {pct(c['lat'], 50):.1f} / {pct(c['lat'], 90):.1f} / {pct(c['lat'], 99):.1f} / "
          f"{max(c['lat']):.1f} ms (other load {c['other_cores']:.2f} cores)")
        if ph.get("spawn"):
            P(f"     split, p50: Invoke -> process forked {pct(ph['spawn'], 50):.1f} ms (1 ms stamps) | forked -> "
              f"handler imported {pct(ph['python'], 50):.1f} | imported -> handler called (runtime ready, first "
              f"/next) {pct(ph['ready'], 50):.1f} | called -> answer at the client {pct(ph['back'], 50):.1f}")
        imp = c.get("importtime")
        if imp:
            P(f"     inside Python (-X importtime, {len(imp['site'])} extra samples, medians, inflated by the "
              f"profiling): start-up modules {med(imp['startup']):.1f} ms, site {med(imp['site']):.1f} ms, "
              f"runtime's imports {med(imp['runtime']):.1f} ms, handler module {med(imp['handler']):.1f} ms")

    P(f"2. Cold start ({n_cold} samples each; a new function per sample): Invoke -> answer")
    cold_lines(f"jobflow, {py['executable']} {py['version']}", J["cold"])
    if J.get("cold_alt"):
        cold_lines(f"jobflow, {alt['executable']} {alt['version']}", J["cold_alt"])
    if peer:
        c = peer["cold"]
        P(f"   serverless-offline: p50/p90/p99/max {pct(c['lat'], 50):.1f} / {pct(c['lat'], 90):.1f} / "
          f"{pct(c['lat'], 99):.1f} / {max(c['lat']):.1f} ms; handler imported -> called "
          f"{pct(c['phases']['ready'], 50):.1f} ms, called -> answer {pct(c['phases']['back'], 50):.1f} ms")
    P()

    P("3. Invocations/s, client threads with one connection each")
    rows3 = [("jobflow", J)] + ([("serverless-offline", peer)] if peer else [])
    for label, X in rows3:
        for key in ("conc_one", "conc_many"):
            c = X[key]
            P(f"   {label:18s} {c['threads']} threads -> {c['functions']:2d} function(s): {c['rate']:8,.0f}/s, "
              f"p50/p99 {p50_99(c['lat'])}, statuses {c['statuses']}, CPU/inv server {c['cpu_us']['server']:.0f} us "
              f"+ instances {c['cpu_us']['instances']:.0f} us + client {c['cpu_us']['client']:.0f} us, other load "
              f"{c['other_cores']:.2f} cores" + (f", {c['instances']} instances" if "instances" in c else ""))
            for e in c["errors"][:3]:
                P(f"      error: {e}")
    P()

    P("4. Memory")
    P(f"   jobflow server VmRSS {mb(J['rss_idle_kb'])} idle -> {mb(J['rss_end_kb'])} with {J['instances_live']} warm "
      f"instances; spawner {mb(J['spawner_rss_kb'])}")
    P(f"   per warm instance (median): runtime PSS {mb(med(J['instance_pss_kb']))} (RSS "
      f"{mb(med(J['instance_rss_kb']))}) + supervisor PSS {mb(med(J['supervisor_pss_kb']))} (RSS "
      f"{mb(med(J['supervisor_rss_kb']))})")
    if peer:
        P(f"   serverless-offline node VmRSS {mb(peer['rss_idle_kb'])} idle -> {mb(peer['rss_end_kb'])} with "
          f"{peer['instances_live']} python runners; per runner python PSS {mb(med(peer['instance_pss_kb']))} (RSS "
          f"{mb(med(peer['instance_rss_kb']))}) + /bin/sh PSS {mb(med(peer.get('shell_pss_kb')))}")
    P()

    if moto:
        P(f"moto_server {moto['version']}: CreateFunction HTTP {moto['create_status']}; Invoke answered HTTP "
          f"{moto['invoke_status']}{' X-Amz-Function-Error ' + moto['invoke_function_error'] if moto['invoke_function_error'] else ''}"
          f" in {moto['invoke_ms']:.0f} ms: {moto['invoke_body'][:140]!r}")
    elif not a.no_moto:
        P(f"moto_server: check failed: {R.get('moto_error')}")
    P()

    # ---- the side-by-side table
    moto_cell = "-"
    if moto:
        moto_cell = "runs" if moto["works"] else f"n/a (no docker: Invoke -> HTTP {moto['invoke_status']})"
    pc = lambda f: f(peer) if peer else "n/a"  # noqa: E731
    naive = J["cold"]["extras"]["naive"]
    rows = [
        ("warm invoke p50 / p99 (raw HTTP)", p50_99(J["warm"]["lat"], 3), pc(lambda p: p50_99(p["warm"]["lat"])),
         p50_99(naive, 1), moto_cell, f"<= {TARGETS['warm_ms']:g} ms"),
        ("warm invoke p50 / p99 (boto3)", p50_99((J.get("warm_boto3") or {}).get("lat"), 3),
         pc(lambda p: p50_99((p.get("warm_boto3") or {}).get("lat"))), "-", "-", "-"),
        (f"cold start p50 / p99 ({py['executable']} {py['version']})", p50_99(J["cold"]["lat"], 1),
         pc(lambda p: p50_99(p["cold"]["lat"], 1)), p50_99(naive, 1), moto_cell,
         f"<= {TARGETS['cold_ms']:g} ms p50"),
    ]
    if J.get("cold_alt"):
        rows.append((f"cold start p50 / p99 ({alt['executable']} {alt['version']})", p50_99(J["cold_alt"]["lat"], 1),
                     "-", p50_99(J["cold_alt"]["extras"]["naive"], 1), "-", f"<= {TARGETS['cold_ms']:g} ms p50"))
    rows += [
        ("invocations/s, sequential, 1 connection", f"{J['warm']['rate']:,.0f}", pc(lambda p: f"{p['warm']['rate']:,.0f}"),
         f"{1000 / statistics.mean(naive):,.0f}", "-", "-"),
        (f"invocations/s, {a.threads} threads -> 1 function", f"{J['conc_one']['rate']:,.0f}",
         pc(lambda p: f"{p['conc_one']['rate']:,.0f}"), "-", "-", "-"),
        (f"invocations/s, {a.threads} threads -> {a.threads} functions", f"{J['conc_many']['rate']:,.0f}",
         pc(lambda p: f"{p['conc_many']['rate']:,.0f}"), "-", "-", "-"),
        ("server RSS idle / with warm instances", f"{mb(J['rss_idle_kb'])} / {mb(J['rss_end_kb'])}",
         pc(lambda p: f"{mb(p['rss_idle_kb'])} / {mb(p['rss_end_kb'])}"), "-", "-", "-"),
        ("per warm instance, PSS", f"{mb((med(J['instance_pss_kb']) or 0) + (med(J['supervisor_pss_kb']) or 0))}",
         pc(lambda p: mb((med(p['instance_pss_kb']) or 0) + (med(p.get('shell_pss_kb')) or 0))), "-", "-", "-"),
    ]
    head = ("metric", "jobflow", "serverless-offline", "fresh python3/inv.", "moto", "target")
    wd = [max(len(r[i]) for r in rows + [head]) for i in range(len(head))]
    line = lambda r: " | ".join(x.ljust(wd[i]) if i in (0, 5) else x.rjust(wd[i]) for i, x in enumerate(r))  # noqa: E731
    P(line(head))
    P("-+-".join("-" * x for x in wd))
    for r in rows:
        P(line(r))
    P("per warm instance: jobflow = runtime + its supervisor; serverless-offline = python runner + its /bin/sh")
    P()
    P("Targets")
    checks = [
        (f"warm invoke p50 <= {TARGETS['warm_ms']:g} ms", f"{pct(J['warm']['lat'], 50):.3f} ms",
         pct(J["warm"]["lat"], 50) <= TARGETS["warm_ms"]),
        (f"warm invoke p99 <= {TARGETS['warm_ms']:g} ms", f"{pct(J['warm']['lat'], 99):.3f} ms",
         pct(J["warm"]["lat"], 99) <= TARGETS["warm_ms"]),
        (f"cold start p50 <= {TARGETS['cold_ms']:g} ms ({py['executable']})", f"{pct(J['cold']['lat'], 50):.1f} ms",
         pct(J["cold"]["lat"], 50) <= TARGETS["cold_ms"]),
    ]
    if J.get("cold_alt"):
        checks.append((f"cold start p50 <= {TARGETS['cold_ms']:g} ms ({alt['executable']})",
                       f"{pct(J['cold_alt']['lat'], 50):.1f} ms", pct(J["cold_alt"]["lat"], 50) <= TARGETS["cold_ms"]))
    for label, value, ok in checks:
        P(f"  {eb.mark(ok)}  {label:62s} {value}")
    P()
    P(f"total run time {R['elapsed_s']:.0f} s")


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        log("interrupted")
        sys.exit(130)
