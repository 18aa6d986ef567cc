#!/usr/bin/env python3
"""Runs bench_jsonata (jobflow) and jsonata_bench.mjs (the reference implementation on node) on
the same expressions and input, one after the other in the same run, checks that their results
are equal, and prints one table. Called by run.sh, which builds, installs the peer and makes the
input; the options are run.sh's (see run.sh --help)."""
import argparse
import datetime as dt
import json
import math
import os
import resource
import subprocess
import sys
import time

TARGET = 10.0  # the target: >= 10x the reference implementation


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def cpu_jiffies():
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    total = sum(fields[:8])
    return total - idle, total


def busy_fraction(seconds):
    b0, t0 = cpu_jiffies()
    time.sleep(seconds)
    b1, t1 = cpu_jiffies()
    return (b1 - b0) / max(1, t1 - t0)


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_side(name, cmd, cwd=None):
    """Runs one side; returns its lines by expression name and the other processes' load (cores)."""
    log(f"{name}: {' '.join(cmd)}")
    b0, t0 = cpu_jiffies()
    c0, w0 = children_cpu(), time.monotonic()
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, text=True)
    c1, w1 = children_cpu(), time.monotonic()
    b1, t1 = cpu_jiffies()
    if proc.returncode != 0:
        sys.exit(f"{name} failed with exit code {proc.returncode}")
    hz = os.sysconf("SC_CLK_TCK")
    other = max(0.0, ((b1 - b0) / hz - (c1 - c0)) / (w1 - w0))
    rows = {}
    for line in proc.stdout.splitlines():
        if line.strip():
            d = json.loads(line)
            rows[d["name"]] = d
    return rows, other, w1 - w0


def same(a, b):
    """JSON equality; numbers equal as doubles (1 and 1.0, 1E2 and 100)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        # Key order counts too: both sides write JavaScript's order.
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def result_of(row):
    text = row.get("result")
    if text is None:
        return None, False
    if text == "undefined":
        return "undefined", True
    return json.loads(text), True


def fmt_rate(x):
    return f"{x:,.0f}" if x >= 100 else f"{x:,.1f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bench", required=True, help="the bench_jsonata binary")
    ap.add_argument("--peer-dir", required=True, help="directory where jsonata is installed")
    ap.add_argument("--expressions", required=True)
    ap.add_argument("--input", required=True)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--only", default="")
    ap.add_argument("--wait-idle", type=float, default=0)
    ap.add_argument("--json")
    a = ap.parse_args()

    timing = (["--warmup", "0.2", "--round", "0.1", "--rounds", "3", "--compile", "0.05"] if a.quick
              else ["--warmup", "0.5", "--round", "0.3", "--rounds", "5", "--compile", "0.2"])
    if a.only:
        timing += ["--only", a.only]

    busy = busy_fraction(1.0)
    if a.wait_idle > 0:
        deadline = time.monotonic() + a.wait_idle
        while busy > 0.15 and time.monotonic() < deadline:
            log(f"machine {busy:.0%} busy; waiting for it to calm down")
            time.sleep(4.0)
            busy = busy_fraction(1.0)
    node_version = subprocess.run(["node", "--version"], stdout=subprocess.PIPE, text=True).stdout.strip()
    with open(os.path.join(a.peer_dir, "node_modules", "jsonata", "package.json")) as f:
        peer_version = json.load(f)["version"]
    load_start = os.getloadavg()

    ours, ours_other, ours_wall = run_side("jobflow", [a.bench, a.expressions, a.input] + timing)
    peer, peer_other, peer_wall = run_side(
        f"jsonata {peer_version} on node {node_version}",
        ["node", os.path.join(os.path.dirname(os.path.abspath(__file__)), "jsonata_bench.mjs"),
         os.path.abspath(a.expressions), os.path.abspath(a.input)] + timing, cwd=a.peer_dir)

    with open(a.expressions) as f:
        spec = json.load(f)["expressions"]
    rows = []
    for e in spec:
        name = e["name"]
        if a.only and name != a.only:
            continue
        o, p = ours.get(name, {}), peer.get(name, {})
        ro, ok_o = result_of(o)
        rp, ok_p = result_of(p)
        equal = ok_o and ok_p and same(ro, rp)
        rate_o, rate_p = o.get("evals_per_s", 0.0), p.get("evals_per_s", 0.0)
        ratio = rate_o / rate_p if rate_o and rate_p else float("nan")
        if not equal:
            verdict = "WRONG"
        elif ratio >= TARGET:
            verdict = "MET"
        else:
            verdict = "MISSED"
        rows.append(dict(name=name, what=e.get("what", ""), expression=e["expression"],
                         jobflow_evals_per_s=rate_o, peer_evals_per_s=rate_p, ratio=ratio,
                         jobflow_rounds=o.get("rounds"), peer_rounds=p.get("rounds"),
                         jobflow_compile_us=o.get("compile_us"), peer_compile_us=p.get("compile_us"),
                         results_equal=equal, verdict=verdict,
                         errors=[x for x in (o.get("error"), p.get("error")) if x]))

    print(f"bench/jsonata: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, "
          f"{'quick' if a.quick else 'full'} run, load average at start {load_start[0]:.2f}; "
          f"peer: jsonata {peer_version} on node {node_version}")
    print(f"other processes used {ours_other:.2f} cores during jobflow's side ({ours_wall:.0f} s) and "
          f"{peer_other:.2f} during the peer's ({peer_wall:.0f} s)")
    head = ("expression", "jobflow evals/s", "jsonata (node) evals/s", "ratio", "compile µs jobflow / node",
            "target ≥10×")
    print("%-17s | %16s | %22s | %7s | %25s | %s" % head)
    print("-" * 112)
    for r in rows:
        comp = "%.1f / %.1f" % (r["jobflow_compile_us"] or float("nan"), r["peer_compile_us"] or float("nan"))
        print("%-17s | %16s | %22s | %6.1f× | %25s | %s" % (
            r["name"], fmt_rate(r["jobflow_evals_per_s"]), fmt_rate(r["peer_evals_per_s"]), r["ratio"], comp,
            r["verdict"]))
        for err in r["errors"]:
            print(f"    {err}")
    ratios = [r["ratio"] for r in rows if r["ratio"] > 0 and not math.isnan(r["ratio"])]
    geo = math.exp(sum(math.log(x) for x in ratios) / len(ratios)) if ratios else float("nan")
    met = sum(r["verdict"] == "MET" for r in rows)
    wrong = [r["name"] for r in rows if r["verdict"] == "WRONG"]
    print("-" * 112)
    print(f"geometric mean ratio: {geo:.1f}×; target ≥10× met by {met} of {len(rows)} expressions"
          + (f"; results differ (WRONG): {', '.join(wrong)}" if wrong else "; all results equal to the peer's"))
    print("(evals/s: median of the timed rounds, after warm-up; compile: mean time of one compile)")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(dict(date=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                           mode="quick" if a.quick else "full", load_start=load_start, busy_before=busy,
                           other_cores=dict(jobflow=ours_other, peer=peer_other),
                           peer=dict(jsonata=peer_version, node=node_version),
                           geometric_mean_ratio=geo, rows=rows), f, indent=1)
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
