"""Livy batches through the real server, as Airflow's LivyHook and pylivy call them: create with
Airflow's lenient body, poll /state, the exact batch shape, Airflow's paged log dump, outcomes
(exit 0, non-zero, java with className, an executable with args), notes about fields that cannot
apply without Spark, lookup by name, list paging, DELETE of a whole process tree (also one that
ignores SIGTERM), and the error answers (reference/livy.md §3-§7, src/engine/livy/README.md)."""

import os
import subprocess
import time
import unittest

from harness import pid_alive
from livy_client import (BATCH_KEYS, LOG_KEYS, PAGE_KEYS, VERSION_RE, LivyTestCase, not_found, rejected, wait_pids,
                         write_file)

KILL_GRACE_MS = 500

LINES_PY = """import sys
n = int(sys.argv[1])
for i in range(n):
    print(f"line {i:04d} of {n}")
sys.stdout.flush()
print("to stderr", file=sys.stderr)
"""

WORD_COUNT_JAVA = """import java.nio.file.*;
import java.util.*;

public class WordCount {
  public static void main(String[] args) throws Exception {
    Map<String, Integer> counts = new TreeMap<>();
    for (String word : new String(Files.readAllBytes(Paths.get(args[0]))).split("\\\\s+"))
      if (!word.isEmpty()) counts.merge(word, 1, Integer::sum);
    for (Map.Entry<String, Integer> e : counts.entrySet()) System.out.println(e.getKey() + " " + e.getValue());
    System.out.println("heap-limited=" + (Runtime.getRuntime().maxMemory() < 300L * 1024 * 1024));
  }
}
"""


class BatchesTest(LivyTestCase):
    """One server for the class (short kill grace for the SIGTERM test)."""

    server_args = ("--livy-kill-grace-ms", str(KILL_GRACE_MS))

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        s = cls.server
        cls.lines_py = write_file(s.scratch_path("lines.py"), LINES_PY)
        cls.fail_py = write_file(s.scratch_path("fail.py"), 'import sys\nprint("about to fail")\nsys.exit(3)\n')
        cls.ok_py = write_file(s.scratch_path("ok.py"), 'print("ok")\n')
        # a word count JAR, run with java -cp FILE className
        src = os.path.join(s.scratch, "java")
        write_file(os.path.join(src, "WordCount.java"), WORD_COUNT_JAVA)
        subprocess.run(["javac", "-d", os.path.join(src, "classes"), os.path.join(src, "WordCount.java")], check=True)
        cls.jar = os.path.join(s.scratch, "wordcount.jar")
        subprocess.run(["jar", "cf", cls.jar, "-C", os.path.join(src, "classes"), "."], check=True)
        cls.words = write_file(s.scratch_path("words.txt"), "the quick fox\njumps over the lazy\nfox the end\n")

    # --- helpers ------------------------------------------------------------------------------

    def all_batches(self):
        body = self.livy.get("/batches?from=0&size=10000")
        return body["total"], [b["id"] for b in body["sessions"]]

    def assert_batch_shape(self, batch):
        self.assert_keys(batch, BATCH_KEYS)
        self.assertIsNone(batch["appId"])
        self.assertIsNone(batch["owner"])
        self.assertIsInstance(batch["appInfo"], dict)
        self.assertIsNone(batch["appInfo"].get("driverLogUrl"))
        self.assertIsNone(batch["appInfo"].get("sparkUiUrl"))
        self.assertIsInstance(batch["log"], list)

    def full_log(self, ident):
        return self.livy.batch_log(ident, size=-1)["log"]

    def run_batch(self, body, state="success"):
        created = self.livy.create_batch(body)
        done = self.livy.wait_batch(created["id"])
        self.assertEqual(done["state"], state, self.full_log(created["id"]))
        return done

    # --- tests --------------------------------------------------------------------------------

    def test_version(self):
        body = self.livy.get("/version")
        self.assertEqual(set(body), {"version", "user", "revision", "branch", "date", "url"})
        self.assertRegex(body["version"], VERSION_RE)
        self.assertTrue(VERSION_RE.match(body["version"]), body)  # pylivy uses re.match

    def test_api_version_header(self):
        status, _, body = self.livy.call("GET", "/batches", headers={"Accept": "application/vnd.livy.v0.1+json"})
        self.assertEqual(status, 200, body)
        self.assertEqual(set(body), PAGE_KEYS)
        status, _, body = self.livy.call("GET", "/batches", headers={"Accept": "application/vnd.livy.v0.2+json"})
        self.assertEqual(status, 406, body)
        status, _, _ = self.livy.call("POST", "/batches", {"file": self.ok_py},
                                      headers={"Accept": "application/vnd.livy.v0.2+json"})
        self.assertEqual(status, 406)

    def test_airflow_batch_and_log_dump(self):
        n = 350
        name = "airflow-lines"
        # LivyHook.build_post_batch_body: only non-empty fields, args stringified, driverCores and
        # numExecutors as strings, conf values as they were given (ints)
        body = {"file": self.lines_py, "args": [str(n)], "name": name, "driverMemory": "512m", "driverCores": "2",
                "executorMemory": "1g", "numExecutors": "3",
                "conf": {"spark.sql.shuffle.partitions": 4, "spark.network.timeout": 120}}
        created = self.livy.create_batch(body)
        self.assert_batch_shape(created)
        self.assertEqual(created["name"], name)
        self.assertIsNone(created["proxyUser"])
        self.assertIn(created["state"], ("running", "success"))
        bid = created["id"]

        state = self.livy.get(f"/batches/{bid}/state")
        self.assertEqual(set(state), {"id", "state"})
        self.assertEqual(state["id"], bid)
        batch = self.livy.wait_batch(bid)
        self.assertEqual(batch["state"], "success", self.full_log(bid))
        self.assert_batch_shape(batch)
        self.assertIn("appId", batch)  # the operator does batch["appId"]
        self.assertEqual((batch["id"], batch["name"]), (bid, name))

        lines, pages = self.livy.airflow_dump_logs(bid)
        total = pages[-1]["total"]
        for i, page in enumerate(pages):
            self.assert_keys(page, LOG_KEYS)
            self.assertEqual((page["id"], page["from"], page["total"]), (bid, 100 * i, total))
        self.assertEqual(len(pages), total // 100 + 1)
        self.assertEqual(len(lines), total, "every line once")
        self.assertEqual(lines[0], "stdout: ")
        self.assertEqual(lines[-1], "\nstderr: ")  # stdout and stderr are merged, as in Livy
        first = lines.index("line 0000 of 350")
        notes = lines[1:first]
        self.assertTrue(notes, "jobflow notes at the top of the log")
        for note in notes:
            self.assertTrue(note.startswith("jobflow: "), note)
        expected = [f"line {i:04d} of {n}" for i in range(n)] + ["to stderr"]
        self.assertEqual(lines[first:-1], expected)
        self.assertEqual(total, 2 + len(notes) + n + 1)

        # the notes name what could not apply without Spark
        running = [x for x in notes if "running" in x]
        self.assertEqual(len(running), 1, notes)
        self.assertIn(f"{self.lines_py} {n}", running[0])
        unused = [x for x in notes if "not applied without Spark" in x]
        self.assertEqual(len(unused), 1, notes)
        for field in ("driverMemory=512m", "driverCores=2", "executorMemory=1g", "numExecutors=3",
                      "conf spark.sql.shuffle.partitions=4", "conf spark.network.timeout=120"):
            self.assertIn(field, unused[0])

        # `log` of the batch: the last 10 lines
        self.assertEqual(batch["log"], lines[-10:])
        # default paging: the tail (from = total - 100)
        tail = self.livy.batch_log(bid)
        self.assertEqual((tail["from"], tail["total"], tail["log"]), (total - 100, total, lines[-100:]))
        # size=-1: everything
        everything = self.livy.batch_log(bid, size=-1)
        self.assertEqual((everything["from"], everything["total"], everything["log"]), (0, total, lines))
        # an explicit window, and a window past the end
        self.assertEqual(self.livy.batch_log(bid, **{"from": 5, "size": 3})["log"], lines[5:8])
        past = self.livy.batch_log(bid, **{"from": total + 5})
        self.assertEqual((past["from"], past["total"], past["log"]), (total + 5, total, []))
        size_only = self.livy.batch_log(bid, size=7)
        self.assertEqual((size_only["from"], size_only["log"]), (total - 7, lines[-7:]))

    def test_non_zero_exit_is_dead(self):
        batch = self.run_batch({"file": self.fail_py}, state="dead")
        self.assert_batch_shape(batch)
        self.assertIn("about to fail", self.full_log(batch["id"]))
        self.assertEqual(self.livy.get(f"/batches/{batch['id']}/state"), {"id": batch["id"], "state": "dead"})

    def test_jar_with_class_name(self):
        batch = self.run_batch({"file": self.jar, "className": "WordCount", "args": [self.words],
                                "driverMemory": "256m"})
        log = self.full_log(batch["id"])
        for line in ("end 1", "fox 2", "jumps 1", "lazy 1", "over 1", "quick 1", "the 3", "heap-limited=true"):
            self.assertIn(line, log)
        running = [x for x in log if x.startswith("jobflow: ") and "running" in x]
        self.assertEqual(len(running), 1, log)
        self.assertIn(f"-Xmx256m -cp {self.jar} WordCount {self.words}", running[0])

    def test_executable_with_args(self):
        script = write_file(self.scratch("args.sh"),
                            '#!/bin/sh\necho "argc=$#"\nfor a in "$@"; do echo "arg=$a"; done\n', executable=True)
        batch = self.run_batch({"file": script, "args": ["a b", "c'd", "--x=1"], "className": "org.example.Main",
                                "executorCores": 4, "queue": "default"})
        log = self.full_log(batch["id"])
        start = log.index("argc=3")
        self.assertEqual(log[start:start + 4], ["argc=3", "arg=a b", "arg=c'd", "arg=--x=1"])
        unused = [x for x in log if "not applied without Spark" in x]
        self.assertEqual(len(unused), 1, log)
        for field in ("className=org.example.Main", "executorCores=4", "queue=default"):
            self.assertIn(field, unused[0])

    def test_unicode_and_unterminated_last_line(self):
        script = write_file(self.scratch("unicode.py"),
                            'print("h\u00e9llo \u2713 \U0001F600")\nprint("no newline", end="")\n')
        batch = self.run_batch({"file": script})
        log = self.full_log(batch["id"])
        self.assertEqual(log[-3:], ["h\u00e9llo \u2713 \U0001F600", "no newline", "\nstderr: "])
        self.assertEqual(batch["log"], log[-10:])

    def test_programs_that_cannot_start_are_dead(self):
        not_executable = write_file(self.scratch("not-executable.sh"), "#!/bin/sh\necho never\n")
        for path, why in (("/nonexistent/run.sh", "No such file or directory"), (not_executable, "Permission denied")):
            batch = self.run_batch({"file": path}, state="dead")
            log = self.full_log(batch["id"])
            self.assertTrue(any(path in x and why in x for x in log), log)

    def test_lookup_by_name_and_list_paging(self):
        ids = []
        for i in range(3):
            ids.append(self.run_batch({"file": self.ok_py, "name": f"named-{i}"})["id"])
        for i, bid in enumerate(ids):
            by_name = self.livy.get(f"/batches/named-{i}")
            self.assertEqual(by_name, self.livy.batch(bid))
            self.assertEqual(by_name["name"], f"named-{i}")
            self.assertEqual(self.livy.get(f"/batches/named-{i}/state"), {"id": bid, "state": "success"})
            log = self.livy.get(f"/batches/named-{i}/log?size=-1")
            self.assertEqual(log["id"], bid)
            self.assertIn("ok", log["log"])

        listing = self.livy.get("/batches")
        self.assert_keys(listing, PAGE_KEYS)
        self.assertEqual(listing["from"], 0)
        all_ids = [b["id"] for b in listing["sessions"]]
        self.assertEqual(listing["total"], len(all_ids))  # fewer than the default page of 100
        self.assertEqual(all_ids, sorted(all_ids))
        for b in listing["sessions"]:
            self.assert_keys(b, BATCH_KEYS)
        self.assertEqual(all_ids[-3:], ids)
        total = listing["total"]
        page = self.livy.get(f"/batches?from={total - 3}&size=2")
        self.assertEqual((page["from"], page["total"]), (total - 3, total))
        self.assertEqual([b["id"] for b in page["sessions"]], ids[:2])
        self.assertEqual([b["name"] for b in page["sessions"]], ["named-0", "named-1"])
        past = self.livy.get(f"/batches?from={total}&size=5")
        self.assertEqual(past, {"from": total, "total": total, "sessions": []})
        self.assertEqual(self.livy.get("/batches?size=0")["sessions"], [])

    def test_delete_kills_the_process_tree(self):
        pids = self.scratch("tree.pids")
        script = write_file(self.scratch("tree.sh"), f"""#!/bin/sh
sleep 300 &
echo "$$ $!" > '{pids}.tmp' && mv '{pids}.tmp' '{pids}'
echo started
wait
""", executable=True)
        created = self.livy.create_batch({"file": script})
        bid = created["id"]
        main, grandchild = wait_pids(pids, count=2)
        self.assertEqual(self.livy.batch_state(bid), "running")
        self.assertTrue(pid_alive(main) and pid_alive(grandchild))

        status, _, body = self.livy.call("DELETE", f"/batches/{bid}", timeout=120)
        alive = [p for p in (main, grandchild) if pid_alive(p)]  # right after the answer
        self.assertEqual((status, body), (200, {"msg": "deleted"}))
        self.assertEqual(alive, [], "DELETE answered before the process tree was gone")

        for path in (f"/batches/{bid}", f"/batches/{bid}/state", f"/batches/{bid}/log"):
            self.assert_status(404, not_found(bid), "GET", path)
        self.assert_status(404, not_found(bid), "DELETE", f"/batches/{bid}")
        self.assertNotIn(bid, self.all_batches()[1])

    def test_delete_kills_a_batch_that_ignores_sigterm(self):
        pids, grandchild_pid = self.scratch("stubborn.pids"), self.scratch("stubborn-gc.pids")
        script = write_file(self.scratch("stubborn.sh"), f"""#!/bin/sh
trap '' TERM
setsid sh -c 'echo $$ > "{grandchild_pid}.tmp" && mv "{grandchild_pid}.tmp" "{grandchild_pid}"; exec sleep 300' &
echo $$ > '{pids}.tmp' && mv '{pids}.tmp' '{pids}'
while :; do sleep 0.05; done
""", executable=True)
        bid = self.livy.create_batch({"file": script, "name": "stubborn"})["id"]
        (main,) = wait_pids(pids)
        (grandchild,) = wait_pids(grandchild_pid)
        self.assertEqual(self.livy.batch_state("stubborn"), "running")

        began = time.monotonic()
        status, _, body = self.livy.call("DELETE", "/batches/stubborn", timeout=120)
        elapsed = time.monotonic() - began
        alive = [p for p in (main, grandchild) if pid_alive(p)]
        self.assertEqual((status, body), (200, {"msg": "deleted"}))
        self.assertEqual(alive, [], "DELETE answered before the process tree was gone")
        self.assertGreaterEqual(elapsed, KILL_GRACE_MS / 1000 * 0.9, "SIGKILL came before the grace period")
        self.assert_status(404, not_found(bid), "GET", f"/batches/{bid}")
        self.assert_status(404, not_found("stubborn"), "GET", "/batches/stubborn")

    def test_rejected_requests_register_nothing(self):
        first = self.run_batch({"file": self.ok_py})["id"]
        total, ids = self.all_batches()
        bad = [
            ({"args": ["x"]}, rejected("requirement failed: File is required.")),
            ({"file": "relative/job.py"}, rejected("requirement failed: Path 'relative/job.py' is not absolute.")),
            ({"file": self.ok_py, "conf": {"spark.master": "yarn"}},
             rejected("Blacklisted configuration values in session config: spark.master")),
            ({"file": self.ok_py, "name": "12345"}, rejected("Invalid session name: 12345")),
        ]
        for body, expected in bad:
            self.assert_status(400, expected, "POST", "/batches", body)
        # JSON binding errors: the message as a bare JSON string
        for body, word in (({"file": self.ok_py, "bogus": 1}, "bogus"), ({"file": self.ok_py, "args": "x"}, "args"),
                           ('{"file": ', None)):
            status, _, got = self.livy.call("POST", "/batches", body)
            self.assertEqual(status, 400, (body, got))
            self.assertIsInstance(got, str, (body, got))
            if word:
                self.assertIn(word, got)
        self.assertEqual(self.all_batches(), (total, ids), "a rejected request registered a batch")
        # ... and took no id
        self.assertEqual(self.run_batch({"file": self.ok_py})["id"], first + 1)

    def test_duplicate_name(self):
        first = self.livy.create_batch({"file": self.ok_py, "name": "dup"})["id"]
        self.livy.wait_batch(first)
        total, ids = self.all_batches()
        # Livy's message names the id the request would have had (that id is taken)
        self.assert_status(400, rejected(f"Duplicate session name: Some(dup) for session {first + 1}"),
                           "POST", "/batches", {"file": self.ok_py, "name": "dup"})
        self.assertEqual(self.all_batches(), (total, ids))
        self.assertEqual(self.livy.batch("dup")["id"], first)
        self.assertEqual(self.run_batch({"file": self.ok_py})["id"], first + 2)

    def test_unknown_ids_and_bad_queries(self):
        self.assert_status(404, not_found(999), "GET", "/batches/999")
        self.assert_status(404, not_found(999), "GET", "/batches/999/state")
        self.assert_status(404, not_found(999), "GET", "/batches/999/log")
        self.assert_status(404, not_found(999), "DELETE", "/batches/999")
        self.assert_status(404, not_found("no-such-batch"), "GET", "/batches/no-such-batch")
        bid = self.run_batch({"file": self.ok_py})["id"]
        # Livy answers 500 for a non-integer from/size; jobflow 400 with a message
        for path in ("/batches?from=abc", "/batches?size=1.5", f"/batches/{bid}/log?from=x",
                     f"/batches/{bid}/log?size="):
            status, _, body = self.livy.call("GET", path)
            self.assertEqual(status, 400, (path, body))
            self.assertIsInstance(body, dict, (path, body))
            self.assertEqual(set(body), {"msg"}, (path, body))


class BatchListTest(LivyTestCase):
    """Own server: the list holds only this class's batches."""

    def test_default_page_of_100(self):
        ids = [self.livy.create_batch({"file": "/bin/true"})["id"] for _ in range(103)]
        self.assertEqual(ids, list(range(103)))
        listing = self.livy.get("/batches")
        self.assertEqual((listing["from"], listing["total"]), (0, 103))
        self.assertEqual([b["id"] for b in listing["sessions"]], list(range(100)))
        rest = self.livy.get("/batches?from=100")
        self.assertEqual((rest["from"], rest["total"], [b["id"] for b in rest["sessions"]]),
                         (100, 103, [100, 101, 102]))
        for bid in ids:
            self.livy.wait_batch(bid)
        self.assertEqual({b["state"] for b in self.livy.get("/batches?size=1000")["sessions"]}, {"success"})


if __name__ == "__main__":
    unittest.main()
