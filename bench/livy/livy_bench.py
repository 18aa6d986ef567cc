#!/usr/bin/env python3
"""jobflow's Apache Livy REST API benchmark (run by bench/livy/run.sh; see bench/README.md).

Starts one jobflow server on a free loopback port with a temporary data directory, measures it,
prints a table with Livy's published figure beside jobflow's, and stops (and cleans up)
everything it started, including batch and interpreter processes. Standard library only.

No Livy runs here: Livy needs Spark and a JVM distribution that this machine does not have. The
"Livy published" column quotes the only public figure (reference/livy.md section 14): a median
statement round trip of 583 ms over 10 runs, from sparklyr#741. It is not measured by this run.

Sections:
  1. Statement round trip in a `pyspark` session: POST /sessions/{id}/statements, then GET
     /sessions/{id}/statements/{sid} back to back on a keep-alive connection until the state is
     `available`. Two codes: `1+1` and `sum(range(100000))`.
  2. Batch POST -> process start overhead: the batch file is a shell script that records its own
     start time (`date +%s%N`); the same script started directly with subprocess, interleaved, is
     the baseline; overhead = jobflow's time minus the baseline.
  3. 500 concurrent sleeping batches (`/bin/sleep 600`) posted from 8 client threads: submit
     rate, time until all are `running`, server RSS, processes held; then DELETE of all 500
     from 8 threads, and a check that no process survives.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import http.client
import json
import os
import re
import resource
import shutil
import signal
import stat
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # leave no __pycache__ in bench/emr
sys.path.insert(0, os.path.join(HERE, "..", "emr"))
import emr_bench as eb  # noqa: E402  (server start/cleanup and /proc helpers shared with bench/emr)

HOST = eb.HOST
log = eb.log
pct = eb.pct
fnum = eb.fnum

LIVY_STATEMENT_MS = 583.0  # sparklyr#741: median of 10 runs of a statement round trip
LIVY_SOURCE = "sparklyr#741, median of 10 runs"

TARGETS = {
    "statement_p50_ms": 5.0,
    "statement_p99_ms": 5.0,
    "batch_overhead_p50_ms": 10.0,
}


# --------------------------------------------------------------------------------------------
# A small keep-alive Livy client
# --------------------------------------------------------------------------------------------
class Livy:
    def __init__(self, port: int):
        self.port = port
        self.conn = http.client.HTTPConnection(HOST, port, timeout=120)

    def req(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        data = json.dumps(body, separators=(",", ":")).encode() if body is not None else None
        headers = {"X-Requested-By": "bench"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        try:
            self.conn.request(method, path, body=data, headers=headers)
            resp = self.conn.getresponse()
        except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
            self.conn.close()  # an idle keep-alive connection the server closed: reconnect once
            self.conn.request(method, path, body=data, headers=headers)
            resp = self.conn.getresponse()
        raw = resp.read()
        try:
            obj = json.loads(raw) if raw else None
        except ValueError:
            obj = raw.decode(errors="replace")
        return resp.status, obj

    def ok(self, method: str, path: str, body: Any = None) -> Any:
        status, obj = self.req(method, path, body)
        if status not in (200, 201):
            raise RuntimeError(f"{method} {path}: HTTP {status}: {str(obj)[:300]}")
        return obj

    def close(self) -> None:
        self.conn.close()


# --------------------------------------------------------------------------------------------
# Processes
# --------------------------------------------------------------------------------------------
def pss_kb(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def alive(pid: int, start: int) -> bool:
    return eb.proc_start_time(pid) == start


def procs_under(data_dir: str) -> list[dict[str, Any]]:
    """Processes whose working directory is under data_dir (batch and interpreter jobs run in
    <data>/livy/.../work; a deleted one shows as '... (deleted)')."""
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        pid = int(entry)
        try:
            cwd = os.readlink(f"/proc/{pid}/cwd")
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                argv = [a.decode(errors="replace") for a in f.read().split(b"\0") if a]
        except OSError:
            continue
        if cwd == data_dir or cwd.startswith(data_dir + "/"):
            out.append(dict(pid=pid, argv=argv, cwd=cwd, start=eb.proc_start_time(pid)))
    return out


def run_dirs(data_dir: str, prefix: str) -> dict[int, str]:
    """Livy id -> the executor's run dir (<data>/run/livy-<prefix>-<id>-<tag>)."""
    root = os.path.join(data_dir, "run")
    out = {}
    if os.path.isdir(root):
        for name in os.listdir(root):
            m = re.match(rf"livy-{prefix}-(\d+)-", name)
            if m:
                out[int(m.group(1))] = os.path.join(root, name)
    return out


def job_identities(run_dir: str) -> dict[str, tuple[int, int]]:
    """{'supervisor': (pid, start), 'job': (pid, start)} from a run dir's records."""
    rec = eb.read_run_records(run_dir)
    out = {}
    for k in ("supervisor", "job"):
        try:
            out[k] = (int(rec[k]["pid"]), int(rec[k]["start_time"]))
        except (KeyError, ValueError):
            pass
    return out


def binary_id(path: str) -> str:
    st = os.stat(path)
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:12]
    mtime = dt.datetime.fromtimestamp(st.st_mtime).astimezone().isoformat(timespec="seconds")
    return f"built {mtime}, {st.st_size:,} bytes, sha256 {digest}"


# --------------------------------------------------------------------------------------------
# 1. Statement round trip
# --------------------------------------------------------------------------------------------
def create_session(c: Livy, timeout: float = 120) -> dict[str, Any]:
    t0 = time.perf_counter()
    s = c.ok("POST", "/sessions", {"kind": "pyspark"})
    t_post = time.perf_counter() - t0
    sid = s["id"]
    polls = 0
    while True:
        st = c.ok("GET", f"/sessions/{sid}/state")["state"]
        polls += 1
        if st == "idle":
            break
        if st not in ("not_started", "starting"):
            raise RuntimeError(f"session {sid} went {st}")
        if time.perf_counter() - t0 > timeout:
            raise RuntimeError(f"session {sid} still {st} after {timeout}s")
        time.sleep(0.002)
    return dict(id=sid, post_ms=t_post * 1000, idle_ms=(time.perf_counter() - t0) * 1000, first_state=s["state"])


def statement_round_trips(c: Livy, sid: int, code: str, expect: str, n: int, warm: int = 5) -> dict[str, Any]:
    """n sequential statements: send POST -> first GET that says `available` (no sleep between
    polls, same keep-alive connection). Also the server's started/completed stamps (epoch ms)."""
    total, post, polls = [], [], []
    queue, run, back = [], [], []
    t_all = 0.0
    for i in range(n + warm):
        w0 = time.time() * 1000
        t0 = time.perf_counter()
        st = c.ok("POST", f"/sessions/{sid}/statements", {"code": code})
        t1 = time.perf_counter()
        k = 0
        while True:
            r = c.ok("GET", f"/sessions/{sid}/statements/{st['id']}")
            k += 1
            if r["state"] == "available":
                break
            if r["state"] not in ("waiting", "running"):
                raise RuntimeError(f"statement {st['id']} went {r['state']}: {r}")
        t2 = time.perf_counter()
        out = r.get("output") or {}
        if out.get("status") != "ok" or out.get("data", {}).get("text/plain") != expect:
            raise RuntimeError(f"statement {st['id']} ({code!r}) gave {out}")
        if i < warm:
            continue
        t_all += t2 - t0
        total.append((t2 - t0) * 1000)
        post.append((t1 - t0) * 1000)
        polls.append(k)
        seen = w0 + (t2 - t0) * 1000
        if r.get("started") and r.get("completed"):
            queue.append(r["started"] - w0)
            run.append(r["completed"] - r["started"])
            back.append(seen - r["completed"])
    return dict(code=code, n=n, total=total, post=post, polls=polls, rate=n / t_all if t_all else float("nan"),
                phases=dict(queue=queue, run=run, back=back))


def find_repl(jf: eb.Jobflow, session_id: int) -> tuple[int, int] | None:
    rd = run_dirs(jf.data_dir, "session").get(session_id)
    if rd:
        ids = job_identities(rd)
        if "job" in ids and alive(*ids["job"]):
            return ids["job"]
    return None


# --------------------------------------------------------------------------------------------
# 2. Batch POST -> process start
# --------------------------------------------------------------------------------------------
STAMP_SCRIPT = '#!/bin/sh\nexec date +%s%N > "$1"\n'


def read_stamp(path: str, timeout: float = 30) -> int:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with open(path) as f:
                text = f.read()
            if text.endswith("\n"):
                return int(text)
        except FileNotFoundError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{path}: no start time recorded after {timeout}s")
        time.sleep(0.0005)


def batch_overhead(c: Livy, jf: eb.Jobflow, workdir: str, n: int, warm: int = 3) -> dict[str, Any]:
    script = os.path.join(workdir, "stamp.sh")
    with open(script, "w") as f:
        f.write(STAMP_SCRIPT)
    os.chmod(script, 0o755)
    stamps = os.path.join(workdir, "stamps")
    os.makedirs(stamps)
    via, direct, diff, post_ms, states, ids = [], [], [], [], {}, []
    records = []

    def through_jobflow(i: int) -> None:
        out = os.path.join(stamps, f"j{i}")
        t0 = time.time_ns()
        p0 = time.perf_counter()
        status, b = c.req("POST", "/batches", {"file": script, "args": [out]})
        p1 = time.perf_counter()
        if status != 201:
            raise RuntimeError(f"POST /batches: HTTP {status}: {b}")
        started = read_stamp(out)
        while True:  # let it end before the next measurement (not timed)
            s = c.ok("GET", f"/batches/{b['id']}/state")["state"]
            if s in ("success", "dead", "killed"):
                break
            time.sleep(0.001)
        if s != "success":
            raise RuntimeError(f"batch {b['id']} ended {s}")
        if i >= warm:
            via.append((started - t0) / 1e6)
            post_ms.append((p1 - p0) * 1000)
            states[b["state"]] = states.get(b["state"], 0) + 1
            ids.append(b["id"])
            records.append(dict(id=b["id"], sent=t0 / 1e6, started=started / 1e6))

    def direct_start(i: int) -> None:
        out = os.path.join(stamps, f"d{i}")
        t0 = time.time_ns()
        p = subprocess.Popen([script, out])
        p.wait()
        started = read_stamp(out)
        if i >= warm:
            direct.append((started - t0) / 1e6)

    for i in range(n + warm):
        if i % 2:  # alternate the order so neither side always runs first
            direct_start(i)
            through_jobflow(i)
        else:
            through_jobflow(i)
            direct_start(i)
        if i >= warm:
            diff.append(via[-1] - direct[-1])

    # Where jobflow's time goes, from the run-dir records (wall clock, 1 ms resolution):
    #   spawn: POST sent -> supervisor up (HTTP, checks, commit, spawner, fork)
    #   prep:  supervisor up -> fork of the job (log files, work dir, cgroup leaf)
    #   exec:  job forked -> the script's own `date` (exec of sh, then of date)
    dirs = run_dirs(jf.data_dir, "batch")
    phases: dict[str, list[float]] = {"spawn": [], "prep": [], "exec": []}
    for r in records:
        rr = eb.read_run_records(dirs.get(r["id"], "/nonexistent"))
        try:
            sup, job = int(rr["supervisor"]["started_ms"]), int(rr["job"]["started_ms"])
        except (KeyError, ValueError):
            continue
        phases["spawn"].append(sup - r["sent"])
        phases["prep"].append(job - sup)
        phases["exec"].append(r["started"] - job)
    return dict(n=n, via=via, direct=direct, diff=diff, post=post_ms, post_states=states, phases=phases)


# --------------------------------------------------------------------------------------------
# 3. Many concurrent sleeping batches
# --------------------------------------------------------------------------------------------
def in_threads(nthreads: int, items: list, fn) -> None:
    errors: list[BaseException] = []

    def run(k: int) -> None:
        try:
            fn(k, items[k::nthreads])
        except BaseException as e:  # noqa: BLE001 - reported by the caller
            errors.append(e)
    ts = [threading.Thread(target=run, args=(k,)) for k in range(nthreads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    if errors:
        raise errors[0]


def concurrent_batches(jf: eb.Jobflow, n: int, nthreads: int) -> dict[str, Any]:
    c = Livy(jf.port)
    lock = threading.Lock()
    ids: list[int] = []
    post_ms: list[float] = []
    post_states: dict[str, int] = {}
    rejected: list[str] = []
    body = {"file": "/bin/sleep", "args": ["600"]}

    def submit(k: int, mine: list[int]) -> None:
        conn = Livy(jf.port)
        for _ in mine:
            t0 = time.perf_counter()
            status, b = conn.req("POST", "/batches", body)
            dt_ms = (time.perf_counter() - t0) * 1000
            with lock:
                post_ms.append(dt_ms)
                if status == 201:
                    ids.append(b["id"])
                    post_states[b["state"]] = post_states.get(b["state"], 0) + 1
                else:
                    rejected.append(f"HTTP {status}: {str(b)[:200]}")
        conn.close()

    time.sleep(1.0)
    rss_before = jf.rss_kb()
    spawner_before = jf.spawner_rss_kb()
    cpu0 = (eb.proc_cpu(jf.pid) or 0.0, eb.proc_cpu(jf.spawner_pid()) or 0.0)
    t0 = time.perf_counter()
    in_threads(nthreads, list(range(n)), submit)
    t_submit = time.perf_counter() - t0
    cpu1 = (eb.proc_cpu(jf.pid) or 0.0, eb.proc_cpu(jf.spawner_pid()) or 0.0)
    want = set(ids)
    lists = 0
    list_ms = []
    while True:
        p0 = time.perf_counter()
        page = c.ok("GET", "/batches?size=1000")
        list_ms.append((time.perf_counter() - p0) * 1000)
        lists += 1
        running = sum(1 for b in page["sessions"] if b["id"] in want and b["state"] == "running")
        if running == len(want):
            break
        if time.perf_counter() - t0 > 120:
            raise RuntimeError(f"only {running} of {len(want)} batches running after 120 s")
    t_running = time.perf_counter() - t0
    list_bytes = len(json.dumps(page))
    time.sleep(1.0)
    rss_with = jf.rss_kb()
    spawner_with = jf.spawner_rss_kb()

    # The processes they hold: supervisor + job per batch, from the run-dir records, and
    # everything whose working directory is under the data dir.
    dirs = run_dirs(jf.data_dir, "batch")
    sups, jobs = [], []
    for i in ids:
        ident = job_identities(dirs[i]) if i in dirs else {}
        if "supervisor" in ident and alive(*ident["supervisor"]):
            sups.append(ident["supervisor"])
        if "job" in ident and alive(*ident["job"]):
            jobs.append(ident["job"])
    under = procs_under(jf.data_dir)
    sleeps_under = [p for p in under if p["argv"][-2:] == ["/bin/sleep", "600"] or p["argv"] == ["/bin/sleep", "600"]]
    pss_sup = [pss_kb(p) for p, _ in sups[:50]]
    pss_job = [pss_kb(p) for p, _ in jobs[:50]]
    pss_sup = [x for x in pss_sup if x is not None]
    pss_job = [x for x in pss_job if x is not None]

    # DELETE all, from nthreads threads; each answers once its job has ended.
    del_ms: list[float] = []
    del_errors: list[str] = []

    def delete(k: int, mine: list[int]) -> None:
        conn = Livy(jf.port)
        for i in mine:
            d0 = time.perf_counter()
            status, b = conn.req("DELETE", f"/batches/{i}")
            with lock:
                del_ms.append((time.perf_counter() - d0) * 1000)
                if status != 200:
                    del_errors.append(f"{i}: HTTP {status}: {str(b)[:200]}")
        conn.close()

    d0 = time.perf_counter()
    in_threads(nthreads, ids, delete)
    t_deleted = time.perf_counter() - d0
    # Until every process is gone and no batch is listed.
    tracked = sups + jobs
    while True:
        left = [p for p in tracked if alive(*p)]
        page = c.ok("GET", "/batches?size=1000")
        listed = [b for b in page["sessions"] if b["id"] in want]
        if not left and not listed:
            break
        if time.perf_counter() - d0 > 60:
            break
        time.sleep(0.005)
    t_gone = time.perf_counter() - d0
    survivors = [p for p in procs_under(jf.data_dir) if "sleep" in " ".join(p["argv"][:1])]
    c.close()
    return dict(n=n, threads=nthreads, accepted=len(ids), rejected=rejected, post_states=post_states,
                submit_s=t_submit, submit_rate=len(ids) / t_submit, post=post_ms,
                all_running_s=t_running, list_polls=lists, list_ms=list_ms, list_bytes=list_bytes,
                server_cpu_ms_per_submit=(cpu1[0] - cpu0[0]) / max(1, len(ids)) * 1000,
                spawner_cpu_ms_per_submit=(cpu1[1] - cpu0[1]) / max(1, len(ids)) * 1000,
                rss_before=rss_before, rss_with=rss_with, spawner_before=spawner_before, spawner_with=spawner_with,
                supervisors=len(sups), jobs=len(jobs), procs_under=len(under), sleeps_under=len(sleeps_under),
                pss_supervisor_kb=statistics.median(pss_sup) if pss_sup else None,
                pss_job_kb=statistics.median(pss_job) if pss_job else None,
                delete_s=t_deleted, delete=del_ms, delete_errors=del_errors, gone_s=t_gone,
                left_tracked=len([p for p in tracked if alive(*p)]), left_listed=len(listed),
                survivors=[" ".join(p["argv"]) + f" (pid {p['pid']})" for p in survivors])


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------
def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="short run (~30 s)")
    ap.add_argument("--jobflow-bin", default=os.environ.get("JOBFLOW_BIN", "build/jobflow"))
    ap.add_argument("--jobflow-threads", type=int, default=0, help="jobflow --threads (0: its default, one per core)")
    ap.add_argument("--statements", type=int, help="sequential statements per code in section 1 (quick 50, full 500)")
    ap.add_argument("--batches", type=int, help="batches (and as many direct starts) in section 2 (quick 20, full 100)")
    ap.add_argument("--concurrent", type=int, help="sleeping batches in section 3 (quick 100, full 500)")
    ap.add_argument("--client-threads", type=int, default=8, help="client threads in section 3 (default 8)")
    ap.add_argument("--wait-idle", type=float, default=0, metavar="SECONDS",
                    help="first wait up to SECONDS for the machine to be < 15%% busy (other builds, tests)")
    ap.add_argument("--data-root", default=eb.default_data_root(),
                    help="parent of the temporary data directory (default: /dev/shm if it is a tmpfs, else $TMPDIR or /tmp)")
    ap.add_argument("--json", help="also write the raw figures to this file")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    a = ap.parse_args()
    q = a.quick
    n_st = a.statements or (50 if q else 500)
    n_b = a.batches or (20 if q else 100)
    n_c = a.concurrent or (100 if q else 500)

    jf_bin = os.path.abspath(a.jobflow_bin)
    if not os.access(jf_bin, os.X_OK):
        sys.exit(f"{jf_bin} is not an executable; build it first or set JOBFLOW_BIN")
    tmp = tempfile.mkdtemp(prefix="jobflow-livy-bench-", dir=a.data_root)
    jf = eb.Jobflow(os.path.join(tmp, "jobflow"), jf_bin, a.jobflow_threads)
    os.makedirs(jf.workdir)

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
    R: dict[str, Any] = dict(date=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                             machine=eb.machine_line(), mode="quick" if q else "full", load_start=eb.loadavg(),
                             busy_before=busy, data_fs=eb.fs_of(tmp), binary=binary_id(jf_bin), jobflow_bin=jf_bin,
                             python=sys.version.split()[0])
    R["yardsticks"] = eb.yardsticks()
    t_start = time.perf_counter()
    busy0, self0 = eb.machine_busy(), resource.getrusage(resource.RUSAGE_SELF)
    try:
        log("starting jobflow")
        jf.start()
        log(f"jobflow: pid {jf.pid}, port {jf.port}")
        time.sleep(1.0)
        R["rss_idle"] = jf.rss_kb()
        c = Livy(jf.port)

        # ---- 1. statements
        log("creating a pyspark session")
        sess = create_session(c)
        R["session"] = sess
        log(f"session {sess['id']} idle after {sess['idle_ms']:.0f} ms")
        repl = find_repl(jf, sess["id"])
        R["statements"] = []
        for code, expect in (("1+1", "2"), ("sum(range(100000))", "4999950000")):
            log(f"{n_st} statements {code!r}")
            cpu0 = (eb.proc_cpu(jf.pid) or 0.0, eb.proc_cpu(repl[0]) if repl else 0.0)
            r0 = resource.getrusage(resource.RUSAGE_SELF)
            with eb.OtherLoad(jf.cpu) as ol:
                res = statement_round_trips(c, sess["id"], code, expect, n_st)
            r1 = resource.getrusage(resource.RUSAGE_SELF)
            cpu1 = (eb.proc_cpu(jf.pid) or 0.0, eb.proc_cpu(repl[0]) if repl else 0.0)
            res["cpu_ms"] = dict(server=(cpu1[0] - cpu0[0]) / n_st * 1000,
                                 interpreter=(cpu1[1] - cpu0[1]) / n_st * 1000 if repl else None,
                                 client=((r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)) / n_st * 1000)
            res["other_cores"] = ol.cores
            R["statements"].append(res)
        t0 = time.perf_counter()
        c.ok("DELETE", f"/sessions/{sess['id']}")
        R["session"]["delete_ms"] = (time.perf_counter() - t0) * 1000

        # ---- 2. batch start overhead
        log(f"{n_b} batches and {n_b} direct starts of the stamp script, interleaved")
        with eb.OtherLoad(jf.cpu) as ol:
            R["batch"] = batch_overhead(c, jf, jf.workdir, n_b)
        R["batch"]["other_cores"] = ol.cores
        c.close()

        # ---- 3. concurrent sleeping batches
        log(f"{n_c} concurrent `/bin/sleep 600` batches from {a.client_threads} threads")
        with eb.OtherLoad(jf.cpu) as ol:
            R["concurrent"] = concurrent_batches(jf, n_c, a.client_threads)
        R["concurrent"]["other_cores"] = ol.cores

        R["load_end"] = eb.loadavg()
        R["elapsed_s"] = time.perf_counter() - t_start
        self1 = resource.getrusage(resource.RUSAGE_SELF)
        ours = (self1.ru_utime - self0.ru_utime) + (self1.ru_stime - self0.ru_stime) + jf.cpu()
        R["cpu_other_s"] = max(0.0, eb.machine_busy() - busy0 - ours)
    finally:
        try:
            k = jf.cleanup()
            log(f"jobflow stopped ({k} process group(s) cleaned up)")
            R["cleanup_groups"] = k
        except Exception as e:  # noqa: BLE001
            log(f"cleanup of jobflow: {e}")
        if a.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    report(R, a)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(R, f, indent=1, default=str)
    return 0


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------
def ms(v: float, d: int = 2) -> str:
    return f"{v:,.{d}f}"


def report(R: dict, a) -> None:
    P = print
    ncpu = os.cpu_count() or 1
    other = R["cpu_other_s"] / R["elapsed_s"]
    P()
    P(f"jobflow -- Livy REST API benchmark ({R['mode']}), {R['date']}")
    P(f"machine: {R['machine']}")
    P(f"other load: machine {R['busy_before']:.0%} busy just before the run; during it, processes other than "
      f"this benchmark used {other:.2f} of {ncpu} cores (load average {R['load_start']} -> {R['load_end']})")
    if other > 0.3 or R["busy_before"] > 0.15:
        P("  WARNING: the machine was not quiet; every figure below is depressed by that load")
    P(f"jobflow: {R['jobflow_bin']} ({R['binary']}); --threads {a.jobflow_threads or 'default = 1 per core'}; "
      f"data dir on {R['data_fs']}")
    y = R["yardsticks"]
    P(f"machine speed now: a fixed Python loop {y['python_loop_ms']:.0f} ms; bare posix_spawn+waitpid of `true` "
      f"{y['spawn_true_us']:.0f} us")
    P(f"Livy: NOT RUN here (it needs Spark and a JVM, not installed). The 'Livy published' column quotes "
      f"{LIVY_SOURCE}; it was not measured in this run.")
    P()

    s = R["session"]
    P(f"1. Statement round trip, pyspark session (interpreter started in {s['idle_ms']:.0f} ms, POST answered "
      f"`{s['first_state']}` in {s['post_ms']:.1f} ms); POST statement -> first GET that says `available`,")
    P("   GETs back to back on one keep-alive connection, statements one after another")
    hdr = f"{'code':22s} | {'n':>4s} | {'p50 ms':>7s} {'p90 ms':>7s} {'p99 ms':>7s} {'max ms':>7s} | {'stmts/s':>7s} | {'polls p50':>9s} | {'POST p50':>8s} | cpu ms/stmt srv/repl/client | other"
    P(hdr)
    P("-" * len(hdr))
    for r in R["statements"]:
        t = r["total"]
        cpu = r["cpu_ms"]
        cpu_s = f"{cpu['server']:.2f} / {cpu['interpreter']:.2f} / {cpu['client']:.2f}" if cpu["interpreter"] is not None \
            else f"{cpu['server']:.2f} / n/a / {cpu['client']:.2f}"
        P(f"{r['code']:22s} | {r['n']:4d} | {pct(t, 50):7.2f} {pct(t, 90):7.2f} {pct(t, 99):7.2f} {max(t):7.2f} | "
          f"{r['rate']:7.0f} | {pct(r['polls'], 50):9.0f} | {pct(r['post'], 50):8.2f} | {cpu_s:28s} | {r['other_cores']:.2f}")
    for r in R["statements"]:
        ph = r["phases"]
        if ph["queue"]:
            P(f"   {r['code']}: server stamps (1 ms resolution), p50/p99: send -> started {round(pct(ph['queue'], 50))}/"
              f"{round(pct(ph['queue'], 99))} ms, started -> completed {pct(ph['run'], 50):.0f}/{pct(ph['run'], 99):.0f} ms, "
              f"completed -> client sees it {round(pct(ph['back'], 50))}/{round(pct(ph['back'], 99))} ms")
    P(f"   Livy published: ~{LIVY_STATEMENT_MS:.0f} ms per statement round trip ({LIVY_SOURCE}); not measured here")
    P()

    b = R["batch"]
    P(f"2. Batch POST -> process start ({b['n']} batches; the file is a shell script that records `date +%s%N`;")
    P(f"   baseline: the same script started directly with subprocess.Popen, interleaved)")
    hdr = f"{'':44s} | {'p50 ms':>7s} {'p90 ms':>7s} {'p99 ms':>7s} {'max ms':>7s}"
    P(hdr)
    P("-" * len(hdr))
    for label, key in (("through jobflow: send POST -> script starts", "via"),
                       ("direct: before Popen -> script starts", "direct"),
                       ("overhead = jobflow - direct, per pair", "diff"),
                       ("POST /batches answered", "post")):
        v = b[key]
        P(f"{label:44s} | {pct(v, 50):7.2f} {pct(v, 90):7.2f} {pct(v, 99):7.2f} {max(v):7.2f}")
    ph = b["phases"]
    if ph["spawn"]:
        P(f"   jobflow's time from run-dir records (1 ms resolution), p50/p99: POST -> supervisor up "
          f"{round(pct(ph['spawn'], 50))}/{round(pct(ph['spawn'], 99))} ms, supervisor -> job forked "
          f"{round(pct(ph['prep'], 50))}/{round(pct(ph['prep'], 99))} ms, job forked -> script's `date` "
          f"{round(pct(ph['exec'], 50))}/{round(pct(ph['exec'], 99))} ms")
    P(f"   state in the POST response: {b['post_states']}; other load {b['other_cores']:.2f} cores")
    P("   Livy published: no figure (each Livy batch is a spark-submit JVM: seconds)")
    P()

    c = R["concurrent"]
    mb = lambda kb: f"{kb / 1024:.1f} MB" if kb else "n/a"
    P(f"3. {c['n']} concurrent `/bin/sleep 600` batches, POSTed from {c['threads']} client threads")
    P(f"   submitted: {c['accepted']} accepted, {len(c['rejected'])} rejected; state in the POST responses {c['post_states']}")
    for e in c["rejected"][:5]:
        P(f"     rejected: {e}")
    P(f"   submit rate {c['submit_rate']:,.0f} batches/s ({c['accepted']} in {c['submit_s']:.2f} s); POST p50/p99 "
      f"{pct(c['post'], 50):.1f}/{pct(c['post'], 99):.1f} ms; CPU per submit: server {c['server_cpu_ms_per_submit']:.2f} ms, "
      f"spawner {c['spawner_cpu_ms_per_submit']:.2f} ms")
    P(f"   all {c['accepted']} `running` (GET /batches?size=1000) {c['all_running_s']:.2f} s after the first POST "
      f"({c['list_polls']} list call(s), {c['list_bytes']:,} bytes, {pct(c['list_ms'], 50):.1f} ms each)")
    per = (c["rss_with"] - c["rss_before"]) / max(1, c["accepted"])
    P(f"   server RSS {mb(c['rss_before'])} before -> {mb(c['rss_with'])} with them running: {per:.1f} KB per batch; "
      f"spawner {mb(c['spawner_before'])} -> {mb(c['spawner_with'])}")
    P(f"   processes held: {c['supervisors']} supervisors + {c['jobs']} jobs alive (run-dir records); "
      f"{c['procs_under']} processes with their cwd under the data dir ({c['sleeps_under']} of them `/bin/sleep 600`)")
    if c["pss_supervisor_kb"] is not None:
        P(f"   memory per batch outside the server (PSS, median of 50): supervisor {c['pss_supervisor_kb']:.0f} KB + "
          f"sleep {c['pss_job_kb']:.0f} KB")
    P(f"   DELETE all from {c['threads']} threads: {c['delete_s']:.2f} s ({c['accepted'] / c['delete_s']:,.0f}/s; "
      f"p50/p99 {pct(c['delete'], 50):.1f}/{pct(c['delete'], 99):.1f} ms each), {len(c['delete_errors'])} errors; "
      f"all processes gone and no batch listed {c['gone_s']:.2f} s after the first DELETE")
    P(f"   left: {c['left_tracked']} tracked processes alive, {c['left_listed']} batches listed, "
      f"{len(c['survivors'])} `sleep` processes under the data dir" + (f": {c['survivors'][:5]}" if c["survivors"] else ""))
    P(f"   other load {c['other_cores']:.2f} cores")
    P("   Livy published: no figure (a JVM of hundreds of MB per batch; max-creation 100 by default, LIVY-412;")
    P("   'thread starvation if more than 20 jobs are running', LIVY-336)")
    P()

    # Side-by-side table
    st1, st2 = R["statements"][0], R["statements"][1]
    rows = [
        ("statement round trip `1+1`, p50", f"{pct(st1['total'], 50):.2f} ms", f"{LIVY_STATEMENT_MS:.0f} ms (median)*",
         f"<= {TARGETS['statement_p50_ms']:g} ms"),
        ("statement round trip `1+1`, p99", f"{pct(st1['total'], 99):.2f} ms", "-", f"<= {TARGETS['statement_p99_ms']:g} ms"),
        ("statements/s, sequential, `1+1`", f"{st1['rate']:,.0f}/s", f"~{1000 / LIVY_STATEMENT_MS:.1f}/s*", "-"),
        (f"statement `{st2['code']}`, p50 / p99", f"{pct(st2['total'], 50):.2f} / {pct(st2['total'], 99):.2f} ms", "-", "-"),
        ("pyspark session POST -> idle", f"{s['idle_ms']:.0f} ms", "n/p (JVM + Spark start)", "-"),
        ("batch overhead POST -> process start, p50", f"{pct(b['diff'], 50):.2f} ms", "n/p",
         f"<= {TARGETS['batch_overhead_p50_ms']:g} ms"),
        ("batch overhead, p99", f"{pct(b['diff'], 99):.2f} ms", "n/p", "-"),
        ("POST /batches latency p50 / p99", f"{pct(b['post'], 50):.2f} / {pct(b['post'], 99):.2f} ms", "n/p", "-"),
        (f"{c['n']} batches: submit rate", f"{c['submit_rate']:,.0f}/s", "n/p", "-"),
        (f"{c['n']} batches: all running after", f"{c['all_running_s']:.2f} s", "n/p", "-"),
        ("server RSS per running batch", f"{per:.1f} KB", "n/p", "-"),
        (f"{c['n']} batches: DELETE all, until gone", f"{c['gone_s']:.2f} s", "n/p", "-"),
        ("server RSS idle after startup", mb(R["rss_idle"]), "n/p", "-"),
    ]
    w = [max(len(r[i]) for r in rows + [("metric", "jobflow", "Livy published", "target")]) for i in range(4)]
    line = lambda r: " | ".join(x.ljust(w[i]) if i == 0 else x.rjust(w[i]) for i, x in enumerate(r))
    P(line(("metric", "jobflow", "Livy published", "target")))
    P("-+-".join("-" * x for x in w))
    for r in rows:
        P(line(r))
    P(f"* published, not measured in this run: {LIVY_SOURCE} (reference/livy.md section 14); n/p = no published figure")
    P()
    P("Targets")
    checks = [
        (f"statement round trip p50 <= {TARGETS['statement_p50_ms']:g} ms (`1+1`)", f"{pct(st1['total'], 50):.2f} ms",
         pct(st1["total"], 50) <= TARGETS["statement_p50_ms"]),
        (f"statement round trip p99 <= {TARGETS['statement_p99_ms']:g} ms (`1+1`)", f"{pct(st1['total'], 99):.2f} ms",
         pct(st1["total"], 99) <= TARGETS["statement_p99_ms"]),
        (f"batch overhead <= {TARGETS['batch_overhead_p50_ms']:g} ms p50", f"{pct(b['diff'], 50):.2f} ms",
         pct(b["diff"], 50) <= TARGETS["batch_overhead_p50_ms"]),
        (f"{c['n']} concurrent batches accepted and running, none rejected",
         f"{c['accepted']} accepted, {len(c['rejected'])} rejected", c["accepted"] == c["n"] and not c["rejected"]),
        ("DELETE of all leaves no process and no batch",
         f"{c['left_tracked'] + len(c['survivors'])} processes, {c['left_listed']} batches, {len(c['delete_errors'])} errors",
         c["left_tracked"] == 0 and not c["survivors"] and c["left_listed"] == 0 and not c["delete_errors"]),
    ]
    for label, value, ok in checks:
        P(f"  {eb.mark(ok)}  {label:58s} {value}")
    P()
    P(f"total run time {R['elapsed_s']:.0f} s; {R.get('cleanup_groups', '?')} process group(s) cleaned up at the end")


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        log("interrupted")
        sys.exit(130)
