#!/usr/bin/env python3
"""Replays the Step Functions conformance corpus (../shared/conformance/sfn) through
`jobflow sfn run --local --virtual-time --json`: the ASL engine in-process, no server.

The comparison is the corpus runner's own (run_sfn_corpus.match / compare_events), so a case
passes here exactly when its status, output, error and cause (and with --events its history)
match the AWS recording. create_error cases go through `jobflow sfn validate`, which must reject them with the recorded code.

Known failures live in sfn_local_known_failures.txt ("category/name  reason"). The exit status is
non-zero when a case fails that is not listed there (a regression), so CI catches regressions
while the list shrinks; listed cases that now pass are reported so the list can be pruned.

  test/conformance/sfn_local_corpus.py --jobflow build/jobflow [--events] [--filter S] [--category C]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_SHARED = os.path.join(os.path.dirname(ROOT), "shared", "conformance")
KNOWN = os.path.join(HERE, "sfn_local_known_failures.txt")


def load_known() -> dict[str, str]:
    known = {}
    if os.path.exists(KNOWN):
        for line in open(KNOWN, encoding="utf-8"):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            ident, _, reason = line.partition("  ")
            known[ident.strip()] = reason.strip()
    return known


def run_case(runner, jobflow: str, case: dict, events: bool) -> tuple[str, str]:
    definition = case.get("definition_text") or json.dumps(case.get("definition"))
    with tempfile.TemporaryDirectory() as tmp:
        def_path = os.path.join(tmp, "definition.json")
        with open(def_path, "w", encoding="utf-8") as fh:
            fh.write(definition)
        sm_type = case.get("type", "STANDARD")
        if "create_error" in case:
            if case["create_error"].get("code") != "InvalidDefinition":
                return "SKIP", "an API parameter error (%s), not a definition one: the server's runner checks it" % (
                    case["create_error"].get("code"))
            p = subprocess.run([jobflow, "sfn", "validate", "--type", sm_type, def_path],
                               capture_output=True, text=True, timeout=60)
            if p.returncode == 0:
                return "FAIL", "accepted a definition AWS rejects (%s)" % case["create_error"].get("code")
            if case["create_error"].get("code") not in ("InvalidDefinition", None):
                return "FAIL", "rejected, but AWS answered %s, not InvalidDefinition" % case["create_error"]["code"]
            return "PASS", ""
        in_path = os.path.join(tmp, "input.json")
        with open(in_path, "w", encoding="utf-8") as fh:
            fh.write(case.get("input_text") or json.dumps(case.get("input", {})))
        cmd = [jobflow, "sfn", "run", "--local", "--virtual-time", "--json", "--type", sm_type,
               "--input-file", in_path, def_path]
        if case.get("execution_name"):
            cmd += ["--name", case["execution_name"]]
        if case.get("stop_execution"):
            cmd += ["--stop-after", str(case["stop_execution"].get("after_seconds", 1))]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if not p.stdout.strip():
            return "ERROR", "no result (exit %d): %s" % (p.returncode, p.stderr.strip()[:200])
        actual = json.loads(p.stdout)
    verdict, reason = runner._compare_result(case["expect"], actual)
    if verdict == "PASS" and events and case["expect"].get("events") is not None:
        got = actual.get("events", [])
        if case["expect"].get("status") == "RUNNING":
            # recorded mid-run: the recording is a prefix of the history
            got = got[:len(case["expect"]["events"])]
        r = runner.compare_events(case, got)
        if r:
            return "FAIL", r
    return verdict, reason


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jobflow", default=os.path.join(ROOT, "build", "jobflow"))
    ap.add_argument("--shared", default=os.environ.get("JOBFLOW_SHARED_CONFORMANCE", DEFAULT_SHARED),
                    help="the folder holding run_sfn_corpus.py and sfn/")
    ap.add_argument("--category")
    ap.add_argument("--filter")
    ap.add_argument("--events", action="store_true", help="also compare the history events")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--write-known", action="store_true",
                    help="rewrite the known-failures file with today's failures")
    a = ap.parse_args()
    sys.path.insert(0, a.shared)
    import run_sfn_corpus as runner  # the corpus's own comparison

    cats = set(a.category.split(",")) if a.category else None
    cases = [c for c in runner.load_cases(os.path.join(a.shared, "sfn"), cats, a.filter)
             if not c.get("needs_review")]
    known = load_known()
    results = {}

    def work(case):
        ident = "%s/%s" % (case["category"], case["name"])
        try:
            results[ident] = run_case(runner, a.jobflow, case, a.events)
        except Exception as ex:  # a crash of ours counts as a failure, with its reason
            results[ident] = ("ERROR", "%s: %s" % (type(ex).__name__, str(ex)[:200]))

    with ThreadPoolExecutor(max_workers=max(1, a.jobs)) as pool:
        list(pool.map(work, cases))

    regressions, fixed, failing = [], [], []
    skipped = [i for i in results if results[i][0] == "SKIP"]
    for i in skipped:
        del results[i]
    for ident in sorted(results):
        verdict, reason = results[ident]
        if verdict == "PASS":
            if ident in known:
                fixed.append(ident)
            continue
        failing.append((ident, reason))
        if ident not in known:
            regressions.append((ident, reason))
    passed = len(results) - len(failing)
    for ident, reason in failing:
        print("FAIL %s: %s" % (ident, reason))
    print("")
    print("%d cases (needs_review left out, %d API-only skipped): %d passed, %d failed (%.1f%%)" % (
        len(results), len(skipped), passed, len(failing), 100.0 * passed / max(1, len(results))))
    if a.write_known:
        with open(KNOWN, "w", encoding="utf-8") as fh:
            fh.write("# Corpus cases the in-process engine does not pass yet, with the reason "
                     "(test/conformance/sfn_local_corpus.py).\n")
            for ident, reason in failing:
                fh.write("%s  %s\n" % (ident, reason.replace("\n", " ")[:300]))
        print("wrote %s" % KNOWN)
        return 0
    for ident in fixed:
        print("NOW PASSES (remove from the known-failures list): %s" % ident)
    for ident, reason in regressions:
        print("REGRESSION %s: %s" % (ident, reason))
    return 1 if regressions else 0


if __name__ == "__main__":
    sys.exit(main())
