#!/usr/bin/env python3
"""Replays the Step Functions conformance corpus (../shared/conformance/sfn) through the real server:
starts `jobflow server` with the integration harness and runs the corpus's own runner against it,

  python3 ../shared/conformance/run_sfn_corpus.py --endpoint http://127.0.0.1:<port> --no-review --events --jobs 4

then compares the runner's FAIL/ERROR lines with test/conformance/sfn_server_known_failures.txt
("category/name  reason" lines). Exit status 1 when a case fails that is not listed (a regression);
listed cases that now pass are printed so the list can be pruned.

  JOBFLOW_BIN=build/jobflow test/integration/sfn_server_corpus.py [--shared DIR] [--write-known] [-- runner args]
"""

import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_SHARED = os.path.join(os.path.dirname(ROOT), "shared", "conformance")
KNOWN = os.path.join(ROOT, "test", "conformance", "sfn_server_known_failures.txt")
LINE = re.compile(r"^(PASS|FAIL|ERROR) (\S+?)(?:: (.*))?$")

sys.path.insert(0, HERE)
from harness import JobflowServer  # noqa: E402


def load_known(path):
    known = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                ident, _, reason = line.partition("  ")
                known[ident.strip()] = reason.strip()
    return known


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.environ.get("JOBFLOW_SHARED_CONFORMANCE", DEFAULT_SHARED),
                    help="the folder holding run_sfn_corpus.py and sfn/")
    ap.add_argument("--known", default=KNOWN)
    ap.add_argument("--jobs", type=int, default=4)
    ap.add_argument("--write-known", action="store_true",
                    help="write today's failures to the known-failures file (reasons: the runner's; edit them)")
    ap.add_argument("runner_args", nargs="*", help="extra arguments for run_sfn_corpus.py (after --)")
    a = ap.parse_args()

    runner = os.path.join(a.shared, "run_sfn_corpus.py")
    if not os.path.exists(runner):
        print("SKIP: no corpus runner at %s" % runner)
        return 0
    known = load_known(a.known)

    with JobflowServer() as server:
        cmd = [sys.executable, runner, "--endpoint", server.endpoint, "--no-review", "--events",
               "--jobs", str(a.jobs), *a.runner_args]
        print("$ " + " ".join(cmd), flush=True)
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=3000)
        alive = server.proc is not None and server.proc.poll() is None
        log_tail = server.log_tail(40)

    results = {}
    summary = []
    for line in proc.stdout.splitlines():
        m = LINE.match(line)
        if m:
            results[m.group(2)] = (m.group(1), m.group(3) or "")
        elif line.startswith("  ") or re.match(r"^\d+ passed, \d+ failed$", line):
            summary.append(line)
    if not results:
        print("the runner reported no case (exit %d)\n%s\n%s" % (proc.returncode, proc.stdout[-2000:],
                                                                   proc.stderr[-2000:]))
        return 1
    if not alive:
        print("the server died during the run; log tail:\n" + log_tail)

    failing = {i: r for i, r in sorted(results.items()) if r[0] != "PASS"}
    regressions = [(i, r) for i, r in failing.items() if i not in known]
    fixed = [i for i in sorted(known) if results.get(i, ("", ""))[0] == "PASS"]
    # With a filter (runner arguments), listed cases outside it are simply not run.
    unseen = [] if a.runner_args else [i for i in sorted(known) if i not in results]

    print("\n".join(summary))
    print("%d cases through the server: %d passed, %d failed (%d listed as known failures)" % (
        len(results), len(results) - len(failing), len(failing), len(failing) - len(regressions)))

    if a.write_known:
        with open(a.known, "w", encoding="utf-8") as fh:
            fh.write("# Corpus cases the server does not pass yet (test/integration/sfn_server_corpus.py, ctest\n"
                     "# integration.sfn_corpus), one \"category/name  reason\" line each.\n")
            for ident, (verdict, reason) in failing.items():
                fh.write("%s  %s\n" % (ident, known.get(ident) or ("%s: %s" % (verdict, reason))[:300]))
        print("wrote %s" % a.known)
        return 0

    for ident in fixed:
        print("NOW PASSES (remove it from %s): %s" % (os.path.basename(a.known), ident))
    for ident in unseen:
        print("NOT RUN (listed, but the runner did not report it): %s" % ident)
    for ident, (verdict, reason) in regressions:
        print("REGRESSION %s %s: %s" % (verdict, ident, reason))
    if not alive:
        return 1
    return 1 if regressions else 0


if __name__ == "__main__":
    sys.exit(main())
