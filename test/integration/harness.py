"""Integration-test harness: runs the real `jobflow server` binary on 127.0.0.1.

One JobflowServer = one temporary data dir (under /tmp) plus one server process on a free port.
It can be killed with SIGKILL and restarted on the same data dir, and it always cleans up after
itself: the server is stopped, and every process still running for the data dir (jobs outlive the
server on purpose) is killed with its process group, including job cgroups.

Works with the standard library plus boto3, under both the pyenv python3 (boto3 1.43) and Debian's
/usr/bin/python3 (boto3 1.26). Debian's boto3 ignores AWS_ENDPOINT_URL, so endpoint_url is always
passed explicitly (and the variable is removed from the environment).
"""

import atexit
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import boto3
from botocore.config import Config

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JOBFLOW_BIN = os.environ.get("JOBFLOW_BIN", os.path.join(REPO, "build", "jobflow"))
HOST = "127.0.0.1"
REGION = "us-east-1"
CGROUP_ROOT = "/sys/fs/cgroup/unified/jobflow"

# Keep boto3 and the AWS CLIs away from any real account or local profile.
for _var in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_EMR", "AWS_SESSION_TOKEN"):
    os.environ.pop(_var, None)
os.environ["AWS_ACCESS_KEY_ID"] = "testing"
os.environ["AWS_SECRET_ACCESS_KEY"] = "testing"
os.environ["AWS_DEFAULT_REGION"] = REGION
os.environ["AWS_CONFIG_FILE"] = "/nonexistent/jobflow-test-aws-config"
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/jobflow-test-aws-credentials"
os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
os.environ["AWS_PAGER"] = ""


class Timeout(AssertionError):
    pass


def wait_until(predicate, timeout=30.0, interval=0.05, message="condition"):
    """Polls predicate() until it returns a truthy value, which is returned; fails after timeout."""
    deadline = time.monotonic() + timeout
    last_error = None
    while True:
        try:
            value = predicate()
            if value:
                return value
        except AssertionError:
            raise
        except Exception as e:  # noqa: BLE001 - keep polling through transient errors, report the last
            last_error = e
        if time.monotonic() >= deadline:
            detail = f" (last error: {last_error!r})" if last_error else ""
            raise Timeout(f"timed out after {timeout}s waiting for {message}{detail}")
        time.sleep(interval)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def pid_alive(pid):
    """True while the process exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
    except (FileNotFoundError, ProcessLookupError):
        return False
    # state is the field after the parenthesised command name
    state = stat[stat.rindex(")") + 2:].split()[0]
    return state not in ("Z", "X")


def _process_uses(pid, root):
    """Whether a process belongs to a data dir: in its environment, cwd, open files or command line."""
    rootb = root.encode()
    try:
        with open(f"/proc/{pid}/environ", "rb") as f:
            if rootb in f.read():
                return True
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            if rootb in f.read():
                return True
        if os.readlink(f"/proc/{pid}/cwd").startswith(root):
            return True
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}").startswith(root):
                    return True
            except OSError:
                pass
    except OSError:
        return False
    return False


def processes_under(root):
    me = os.getpid()
    out = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        pid = int(name)
        if pid == me or not pid_alive(pid):
            continue
        if _process_uses(pid, root):
            out.append(pid)
    return out


def kill_processes_under(root, timeout=10.0):
    """SIGKILLs the process group of every live process that belongs to `root`, until none is left."""
    my_pgid = os.getpgid(0)
    deadline = time.monotonic() + timeout
    while True:
        pids = processes_under(root)
        if not pids:
            return
        for pid in pids:
            try:
                pgid = os.getpgid(pid)
                if pgid != my_pgid and pgid > 1:
                    os.killpg(pgid, signal.SIGKILL)
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            except PermissionError:
                pass
        if time.monotonic() > deadline:
            sys.stderr.write(f"harness: processes still alive under {root}: {pids}\n")
            return
        time.sleep(0.05)


_live_servers = set()


def _close_all_servers():
    for server in list(_live_servers):
        server.close()


def _on_sigterm(signum, frame):
    _close_all_servers()
    os._exit(128 + signum)


# Clean up even when the test run is interrupted (Ctrl-C, or SIGTERM from a ctest timeout).
atexit.register(_close_all_servers)
if threading.current_thread() is threading.main_thread():
    signal.signal(signal.SIGTERM, _on_sigterm)


class JobflowServer:
    """A jobflow server on its own temporary data dir. Use as a context manager or call close()."""

    def __init__(self, binary=None, args=(), env=None):
        self.binary = binary or JOBFLOW_BIN
        self.args = list(args)  # extra `jobflow server` options (e.g. a short activity long poll)
        self.env = dict(env) if env else None  # extra environment variables of the server process
        if not os.access(self.binary, os.X_OK):
            raise unittest.SkipTest(f"jobflow binary not found at {self.binary} (set JOBFLOW_BIN)")
        self.root = tempfile.mkdtemp(prefix="jobflow-it-", dir="/tmp")
        self.data_dir = os.path.join(self.root, "data")
        self.scratch = os.path.join(self.root, "scratch")  # files the tests' steps write
        os.makedirs(self.scratch)
        self.port = None
        self.proc = None
        self.starts = 0
        self._closed = False
        _live_servers.add(self)
        try:
            self.start()
        except BaseException:
            self.close()
            raise

    # --- process control ---------------------------------------------------------------------

    @property
    def endpoint(self):
        return f"http://{HOST}:{self.port}"

    @property
    def log_path(self):
        return os.path.join(self.root, f"server-{self.starts}.log")

    def start(self):
        """Starts the server (again) on the data dir. A restart first tries the previous port, so that
        existing clients stay valid; if that port was taken meanwhile, or a fresh free port was
        grabbed by someone else before the server bound it, another free port is used (make new
        clients after a restart)."""
        assert self.proc is None, "server already running"
        for attempt in range(5):
            port = self.port if (attempt == 0 and self.port) else free_port()
            self.starts += 1
            log = open(self.log_path, "wb")
            self.proc = subprocess.Popen(
                [self.binary, "server", "--host", HOST, "--port", str(port), "--data-dir", self.data_dir,
                 "--threads", "2", *self.args],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                env={**os.environ, **self.env} if self.env else None)
            log.close()
            self.port = port
            if self._wait_healthy(timeout=20.0):
                return
            address_in_use = "Address already in use" in self.log_tail()
            self._reap(force=True)
            if not address_in_use:
                break
        raise RuntimeError(f"jobflow server did not become healthy on port {self.port}; log:\n{self.log_tail()}")

    def _wait_healthy(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                status, _, body = self.http("GET", "/health", timeout=2)
                if status == 200:
                    return True
            except OSError:
                pass
            time.sleep(0.02)
        return False

    def kill9(self):
        """SIGKILL the server only (its jobs keep running)."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)
        self.proc = None

    def stop(self, timeout=15.0):
        """Graceful stop (SIGTERM), SIGKILL after `timeout`."""
        self._reap(force=False, timeout=timeout)

    def restart(self):
        if self.proc is not None:
            self.stop()
        self.start()

    def _reap(self, force, timeout=15.0):
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL if force else signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.proc = None

    def close(self):
        if self._closed:
            return
        self._closed = True
        _live_servers.discard(self)
        try:
            self.stop()
        finally:
            kill_processes_under(self.root)
            self._remove_job_cgroups()
            if os.environ.get("JOBFLOW_KEEP_TMP"):
                sys.stderr.write(f"harness: kept {self.root}\n")
            else:
                shutil.rmtree(self.root, ignore_errors=True)

    def _remove_job_cgroups(self):
        """Job cgroups are named after job ids, which are the run dirs' names."""
        run = os.path.join(self.data_dir, "run")
        if not os.path.isdir(run) or not os.path.isdir(CGROUP_ROOT):
            return
        for job_id in os.listdir(run):
            cg = os.path.join(CGROUP_ROOT, job_id)
            if not os.path.isdir(cg):
                continue
            try:
                with open(os.path.join(cg, "cgroup.kill"), "w") as f:
                    f.write("1")
            except OSError:
                pass
            try:
                wait_until(lambda: "populated 0" in read_text(os.path.join(cg, "cgroup.events")), timeout=5)
                os.rmdir(cg)
            except (OSError, Timeout):
                pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def log_tail(self, n=60):
        try:
            with open(self.log_path, errors="replace") as f:
                return "".join(f.readlines()[-n:])
        except OSError:
            return "(no log)"

    # --- clients -------------------------------------------------------------------------------

    def client(self, service="emr"):
        return boto3.client(
            service, endpoint_url=self.endpoint, region_name=REGION,
            aws_access_key_id="testing", aws_secret_access_key="testing",
            # one attempt: a 5xx must surface at once instead of costing four retries
            config=Config(retries={"mode": "standard", "max_attempts": 1}, connect_timeout=5, read_timeout=60))

    def http(self, method, path, body=None, headers=None, timeout=10):
        """Raw HTTP: returns (status, headers dict with lower-case names, body bytes)."""
        conn = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            r = conn.getresponse()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
        finally:
            conn.close()

    def livy(self, method, path, body=None, headers=None, timeout=60):
        """A Livy REST call: a dict/list body is sent as JSON. Returns (status, headers, parsed JSON
        body, or the raw bytes if the body is not JSON)."""
        hdrs = {"Accept": "application/json"}
        if body is not None and not isinstance(body, (bytes, str)):
            body = json.dumps(body)
        if isinstance(body, str):
            body = body.encode()
        if body is not None:
            hdrs["Content-Type"] = "application/json"
        hdrs.update(headers or {})
        status, rh, data = self.http(method, path, body=body, headers=hdrs, timeout=timeout)
        try:
            parsed = json.loads(data) if data else None
        except ValueError:
            parsed = data
        return status, rh, parsed

    def emr_raw(self, target, body, content_type="application/x-amz-json-1.1"):
        """POSTs an EMR request as bytes/str with the given X-Amz-Target; returns (status, headers, json|None)."""
        if isinstance(body, (dict, list)):
            body = json.dumps(body)
        if isinstance(body, str):
            body = body.encode()
        headers = {"Content-Type": content_type}
        if target is not None:
            headers["X-Amz-Target"] = target
        status, hdrs, data = self.http("POST", "/", body=body, headers=headers)
        try:
            parsed = json.loads(data) if data else None
        except ValueError:
            parsed = None
        return status, hdrs, parsed

    def emr_call(self, operation, params):
        """An EMR call over raw HTTP for operations older botocore lacks (1.29 has no
        SetKeepJobFlowAliveWhenNoSteps). Returns the JSON body; raises AssertionError on an error."""
        status, hdrs, body = self.emr_raw(f"ElasticMapReduce.{operation}", params)
        if status != 200:
            raise AssertionError(f"{operation} failed: HTTP {status} {body}")
        return body

    def set_keep_alive(self, cluster_ids, value):
        return self.emr_call("SetKeepJobFlowAliveWhenNoSteps",
                             {"JobFlowIds": list(cluster_ids), "KeepJobFlowAliveWhenNoSteps": value})

    # --- paths -------------------------------------------------------------------------------

    def s3_path(self, uri):
        """Local path of an s3:// URI (the server maps s3://bucket/key to <data-dir>/s3/bucket/key)."""
        assert uri.startswith("s3://"), uri
        return os.path.join(self.data_dir, "s3", uri[len("s3://"):])

    def put_s3(self, uri, content, mode=0o644):
        path = self.s3_path(uri)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(content)
        os.chmod(path, mode)
        return path

    def scratch_path(self, name):
        return os.path.join(self.scratch, name)


# --- request builders --------------------------------------------------------------------------

def step(name, args, action="CONTINUE", jar="command-runner.jar", **extra):
    s = {"Name": name, "ActionOnFailure": action, "HadoopJarStep": {"Jar": jar, "Args": list(args)}}
    s.update(extra)
    return s


def sh_step(name, script, action="CONTINUE"):
    return step(name, ["sh", "-c", script], action)


def gate_script(gate, before="", after=""):
    """Shell text that blocks until the file `gate` exists (so a test decides when a step ends)."""
    return f"{before}\nwhile [ ! -e '{gate}' ]; do sleep 0.05; done\n{after}"


def run_job_flow(client, name="it", keep_alive=True, steps=(), level=None, protected=False, **extra):
    req = {
        "Name": name,
        "ReleaseLabel": "emr-7.1.0",
        "ServiceRole": "EMR_DefaultRole",
        "JobFlowRole": "EMR_EC2_DefaultRole",
        "Instances": {"MasterInstanceType": "m5.xlarge", "InstanceCount": 1,
                      "KeepJobFlowAliveWhenNoSteps": keep_alive, "TerminationProtected": protected},
        "Steps": list(steps),
    }
    if level is not None:
        req["StepConcurrencyLevel"] = level
    req.update(extra)
    return client.run_job_flow(**req)["JobFlowId"]


def read_text(path):
    """Contents of a file, or "" while it does not exist (for polling)."""
    try:
        with open(path, errors="replace") as f:
            return f.read()
    except FileNotFoundError:
        return ""


def touch(path):
    with open(path, "a"):
        pass


class EmrTestCase(unittest.TestCase):
    """One server per test class (setUpClass); helpers for common EMR assertions."""

    server = None

    @classmethod
    def setUpClass(cls):
        cls.server = JobflowServer()
        cls.emr = cls.server.client()

    @classmethod
    def tearDownClass(cls):
        if cls.server:
            cls.server.close()

    def cluster(self, cluster_id):
        return self.emr.describe_cluster(ClusterId=cluster_id)["Cluster"]

    def cluster_state(self, cluster_id):
        return self.cluster(cluster_id)["Status"]["State"]

    def step_info(self, cluster_id, step_id):
        return self.emr.describe_step(ClusterId=cluster_id, StepId=step_id)["Step"]

    def step_state(self, cluster_id, step_id):
        return self.step_info(cluster_id, step_id)["Status"]["State"]

    def wait_cluster_state(self, cluster_id, *states, timeout=30):
        return wait_until(lambda: self.cluster_state(cluster_id) in states and self.cluster(cluster_id),
                          timeout=timeout, message=f"cluster {cluster_id} in {states}")

    def wait_step_state(self, cluster_id, step_id, *states, timeout=30):
        return wait_until(lambda: self.step_state(cluster_id, step_id) in states and self.step_info(cluster_id, step_id),
                          timeout=timeout, message=f"step {step_id} in {states}")

    def wait_step_complete(self, cluster_id, step_id):
        self.emr.get_waiter("step_complete").wait(
            ClusterId=cluster_id, StepId=step_id, WaiterConfig={"Delay": 1, "MaxAttempts": 60})

    def wait_cluster_terminated(self, cluster_id):
        self.emr.get_waiter("cluster_terminated").wait(
            ClusterId=cluster_id, WaiterConfig={"Delay": 1, "MaxAttempts": 60})

    def all_steps(self, cluster_id):
        out = []
        for page in self.emr.get_paginator("list_steps").paginate(ClusterId=cluster_id):
            out.extend(page["Steps"])
        return out

    def assert_client_error(self, code, fn, *args, message=None, message_contains=None, **kwargs):
        from botocore.exceptions import ClientError
        with self.assertRaises(ClientError) as cm:
            fn(*args, **kwargs)
        err = cm.exception.response["Error"]
        status = cm.exception.response["ResponseMetadata"]["HTTPStatusCode"]
        self.assertEqual(err["Code"], code, cm.exception.response)
        self.assertEqual(status, 400, cm.exception.response)
        if message is not None:
            self.assertEqual(err["Message"], message)
        if message_contains is not None:
            self.assertIn(message_contains, err["Message"])
        return cm.exception.response
