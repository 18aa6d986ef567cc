"""Tests for src/engine/functions/runtime/jobflow_lambda_python.py.

Each test starts the runtime as a subprocess (with the Python running the tests) against a fake
Lambda Runtime API served in a thread on 127.0.0.1:0 under a path prefix, with the function's code
written to a temp dir. Waits are on events with timeouts, never fixed sleeps.

    cd test/unit/functions_runtime && python3 -m unittest -v test_jobflow_lambda_python
"""

import http.server
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import unittest
import uuid

RUNTIME = os.path.normpath(os.path.join(
    os.path.dirname(os.path.abspath(__file__)),
    "..", "..", "..", "src", "engine", "functions", "runtime", "jobflow_lambda_python.py"))
WAIT_S = 10.0  # upper bound for one wait; tests normally finish far sooner
PREFIX = "/fn/test-fn/instance-1"


class FakeRuntimeApi:
    """Serves the Runtime API: hands out queued invocations, records what the runtime posts."""

    def __init__(self, prefix=PREFIX, close_after_reply=False, chunked_next=False):
        self.prefix = prefix
        self.connections = 0     # TCP connections the runtime opened
        self.invocations = queue.Queue()
        self.posts = {}          # request id -> {"kind", "headers", "body"}
        self.init_errors = []    # {"headers", "body"}
        self.unknown_paths = []
        self.cond = threading.Condition()
        self.closed = threading.Event()
        api = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def setup(self):
                super().setup()
                with api.cond:
                    api.connections += 1

            def _reply(self, status, body=b"", headers=None, chunked=False):
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                if chunked:  # in two chunks, with a chunk extension and a trailer
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    half = len(body) // 2
                    for part in (body[:half], body[half:]):
                        if part:
                            self.wfile.write(b"%x;ext=1\r\n%s\r\n" % (len(part), part))
                    self.wfile.write(b"0\r\nX-Trailer: yes\r\n\r\n")
                else:
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                if close_after_reply:
                    # Closes the kept connection without a `Connection: close` header, as a
                    # server's idle timeout does: the runtime finds out on its next request.
                    self.close_connection = True

            def do_GET(self):
                if self.path != api.prefix + "/2018-06-01/runtime/invocation/next":
                    api._unknown(self.path)
                    return self._reply(404, b'{"errorType":"NotFound"}')
                while not api.closed.is_set():
                    try:
                        request_id, body, headers = api.invocations.get(timeout=0.05)
                    except queue.Empty:
                        continue
                    headers = dict(headers)
                    headers.setdefault("Lambda-Runtime-Aws-Request-Id", request_id)
                    headers.setdefault("Lambda-Runtime-Deadline-Ms",
                                       str(int(time.time() * 1000) + 60000))
                    headers.setdefault("Lambda-Runtime-Invoked-Function-Arn",
                                       "arn:aws:lambda:us-east-1:000000000000:function:test-fn")
                    headers.setdefault("Content-Type", "application/json")
                    return self._reply(200, body, headers, chunked=chunked_next)
                self._reply(503)

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                base = api.prefix + "/2018-06-01/runtime/"
                path = self.path
                match = re.fullmatch(re.escape(base) + r"invocation/([^/]+)/(response|error)", path)
                with api.cond:
                    if path == base + "init/error":
                        api.init_errors.append({"headers": self.headers, "body": body})
                    elif match:
                        api.posts[match.group(1)] = {
                            "kind": match.group(2), "headers": self.headers, "body": body}
                    else:
                        api.unknown_paths.append(path)
                        api.cond.notify_all()
                        return self._reply(404)
                    api.cond.notify_all()
                self._reply(202, b'{"status":"OK"}')

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                if not isinstance(sys.exc_info()[1], OSError):  # a killed runtime resets
                    super().handle_error(request, client_address)

        self.server = Server(("127.0.0.1", 0), Handler)
        # A short poll interval only bounds how long close() takes.
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,),
                                       daemon=True)
        self.thread.start()
        self.address = "127.0.0.1:{}{}".format(self.server.server_address[1], prefix)

    def _unknown(self, path):
        with self.cond:
            self.unknown_paths.append(path)
            self.cond.notify_all()

    def invoke(self, event, headers=None, raw=None):
        request_id = str(uuid.uuid4())
        body = raw if raw is not None else json.dumps(event).encode()
        self.invocations.put((request_id, body, headers or {}))
        return request_id

    def wait_post(self, request_id):
        with self.cond:
            self.cond.wait_for(lambda: request_id in self.posts, timeout=WAIT_S)
            return self.posts.get(request_id)

    def wait_init_error(self):
        with self.cond:
            self.cond.wait_for(lambda: self.init_errors, timeout=WAIT_S)
            return self.init_errors[0] if self.init_errors else None

    def close(self):
        self.closed.set()
        self.server.shutdown()
        self.server.server_close()


class Stream:
    """Collects a pipe's output in a thread; lets tests wait for text to appear."""

    def __init__(self, pipe):
        self.text = ""
        self.cond = threading.Condition()
        self.thread = threading.Thread(target=self._read, args=(pipe,), daemon=True)
        self.thread.start()

    def _read(self, pipe):
        for chunk in iter(lambda: pipe.read1(65536), b""):
            with self.cond:
                self.text += chunk.decode("utf-8", "replace")
                self.cond.notify_all()

    def wait_for(self, needle):
        with self.cond:
            self.cond.wait_for(lambda: needle in self.text, timeout=WAIT_S)
            return self.text


class RuntimeTest(unittest.TestCase):
    def setUp(self):
        self.task_root = tempfile.mkdtemp(prefix="jobflow-fn-")
        self.addCleanup(shutil.rmtree, self.task_root, True)
        self.api = None
        self.proc = None

    def tearDown(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(WAIT_S)
        if self.proc is not None:
            # The readers end at EOF once the process is gone; closing a pipe under a reader
            # would make it raise.
            for stream in (getattr(self, "stdout", None), getattr(self, "stderr", None)):
                if stream is not None:
                    stream.thread.join(WAIT_S)
            self.proc.stdout.close()
            self.proc.stderr.close()
        if self.api is not None:
            self.api.close()

    def write(self, relpath, source):
        path = os.path.join(self.task_root, relpath)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(textwrap.dedent(source))

    def start(self, handler, env=None, prefix=PREFIX, **api_options):
        self.api = FakeRuntimeApi(prefix, **api_options)
        full_env = {k: v for k, v in os.environ.items()
                    if not k.startswith(("AWS_", "LAMBDA_", "_HANDLER", "_X_AMZN"))}
        full_env.update({
            "AWS_LAMBDA_RUNTIME_API": self.api.address,
            "_HANDLER": handler,
            "LAMBDA_TASK_ROOT": self.task_root,
            "AWS_LAMBDA_FUNCTION_NAME": "test-fn",
            "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "256",
            "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/test-fn",
            "AWS_LAMBDA_LOG_STREAM_NAME": "2024/01/01/[$LATEST]abc",
            "AWS_REGION": "us-east-1",
            "AWS_DEFAULT_REGION": "us-east-1",
        })
        full_env.update(env or {})
        self.proc = subprocess.Popen([sys.executable, "-u", RUNTIME], env=full_env,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, cwd=tempfile.gettempdir())
        self.stdout = Stream(self.proc.stdout)
        self.stderr = Stream(self.proc.stderr)

    def call(self, event, headers=None, raw=None):
        request_id = self.api.invoke(event, headers, raw)
        post = self.api.wait_post(request_id)
        self.assertIsNotNone(post, "no post for {}; stderr: {}".format(
            request_id, self.stderr.text))
        return request_id, post

    def call_ok(self, event, headers=None):
        request_id, post = self.call(event, headers)
        self.assertEqual(post["kind"], "response", post["body"])
        self.assertEqual(post["headers"]["Content-Type"], "application/json")
        return json.loads(post["body"])

    def call_error(self, event):
        request_id, post = self.call(event)
        self.assertEqual(post["kind"], "error", post["body"])
        return request_id, post["headers"], json.loads(post["body"])

    def expect_init_error(self):
        init = self.api.wait_init_error()
        self.assertIsNotNone(init, "no init error; stderr: {}".format(self.stderr.text))
        self.assertEqual(self.proc.wait(WAIT_S), 1)
        body = json.loads(init["body"])
        self.assertEqual(init["headers"]["Lambda-Runtime-Function-Error-Type"], body["errorType"])
        self.assertEqual(body["requestId"], "")
        self.assertEqual(self.api.posts, {})
        return body

    def stop(self):
        """SIGTERM while the runtime waits on /next: it must exit promptly."""
        self.proc.send_signal(signal.SIGTERM)
        self.assertIsNotNone(self.proc.wait(WAIT_S))
        self.assertEqual(self.api.unknown_paths, [])


class InvocationTest(RuntimeTest):
    def test_result_none_and_raw_values(self):
        self.write("app.py", """
            import decimal
            def handler(event, context):
                kind = event["kind"]
                if kind == "dict":
                    return {"got": event, "text": "h\\u00e9"}
                if kind == "none":
                    return None
                if kind == "decimal":
                    return {"price": decimal.Decimal("1.50"), "nan": decimal.Decimal("NaN")}
                if kind == "bytes":
                    return b"\\x00raw"
        """)
        self.start("app.handler")
        self.assertEqual(self.call_ok({"kind": "dict", "n": [1, 2]}),
                         {"got": {"kind": "dict", "n": [1, 2]}, "text": "h\u00e9"})
        _, post = self.call({"kind": "none"})
        self.assertEqual((post["kind"], post["body"]), ("response", b"null"))
        _, post = self.call({"kind": "decimal"})
        self.assertEqual(post["body"], b'{"price": 1.50, "nan": NaN}')
        _, post = self.call({"kind": "bytes"})
        self.assertEqual(post["body"], b"\x00raw")
        self.assertEqual(post["headers"]["Content-Type"], "application/unknown")
        self.assertEqual(self.stdout.text, "")  # nothing of the runtime's own per invocation
        self.stop()

    def test_exception_reports_error_and_keeps_serving(self):
        self.write("app.py", """
            def inner(x):
                raise ValueError("boom " + x)

            def handler(event, context):
                if event.get("fail"):
                    inner("now")
                return "fine"
        """)
        self.start("app.handler")
        request_id, headers, error = self.call_error({"fail": True})
        self.assertEqual(set(error), {"errorMessage", "errorType", "requestId", "stackTrace"})
        self.assertEqual(error["errorType"], "ValueError")
        self.assertEqual(error["errorMessage"], "boom now")
        self.assertEqual(error["requestId"], request_id)
        app = os.path.join(self.task_root, "app.py")
        self.assertEqual(len(error["stackTrace"]), 2, error["stackTrace"])
        self.assertRegex(error["stackTrace"][0],
                         r'^  File "%s", line 7, in handler\n    inner\("now"\)\n$' % re.escape(app))
        self.assertRegex(error["stackTrace"][1],
                         r'^  File "%s", line 3, in inner\n    raise ValueError' % re.escape(app))
        self.assertEqual(headers["Lambda-Runtime-Function-Error-Type"], "ValueError")
        cause = json.loads(headers["Lambda-Runtime-Function-XRay-Error-Cause"])
        self.assertEqual(cause["exceptions"][0]["type"], "ValueError")
        self.assertEqual([f["label"] for f in cause["exceptions"][0]["stack"]],
                         ["handler", "inner"])
        out = self.stdout.wait_for("raise ValueError")
        self.assertIn("[ERROR] ValueError: boom now\rTraceback (most recent call last):\r"
                      "\u00a0\u00a0File \"%s\", line 7, in handler\r" % app, out)
        self.assertEqual(self.call_ok({}), "fine")
        self.stop()

    def test_non_serializable_result_is_marshal_error(self):
        self.write("app.py", """
            def handler(event, context):
                return {"s": {1, 2}}
        """)
        self.start("app.handler")
        request_id, headers, error = self.call_error({})
        self.assertEqual(error, {
            "errorMessage": "Unable to marshal response: Object of type set is not JSON serializable",
            "errorType": "Runtime.MarshalError",
            "requestId": request_id,
            "stackTrace": [],
        })
        self.assertEqual(headers["Lambda-Runtime-Function-Error-Type"], "Runtime.MarshalError")
        self.stop()

    def test_invalid_event_json_is_unmarshal_error(self):
        self.write("app.py", "def handler(event, context):\n    return event\n")
        self.start("app.handler")
        _, post = self.call(None, raw=b"{not json")
        error = json.loads(post["body"])
        self.assertEqual(error["errorType"], "Runtime.UnmarshalError")
        self.assertTrue(error["errorMessage"].startswith("Unable to unmarshal input: Expecting"))
        self.stop()

    def test_context_fields_and_remaining_time(self):
        self.write("app.py", """
            import os
            def handler(event, context):
                cc = context.client_context
                return {
                    "function_name": context.function_name,
                    "function_version": context.function_version,
                    "invoked_function_arn": context.invoked_function_arn,
                    "memory_limit_in_mb": context.memory_limit_in_mb,
                    "aws_request_id": context.aws_request_id,
                    "log_group_name": context.log_group_name,
                    "log_stream_name": context.log_stream_name,
                    "identity": [context.identity.cognito_identity_id,
                                 context.identity.cognito_identity_pool_id],
                    "client_context": None if cc is None else
                        [cc.custom, cc.env, cc.client and cc.client.app_title],
                    "remaining": context.get_remaining_time_in_millis(),
                    "trace": os.environ.get("_X_AMZN_TRACE_ID"),
                }
        """)
        self.start("app.handler")
        deadline = int(time.time() * 1000) + 30000
        arn = "arn:aws:lambda:us-east-1:000000000000:function:test-fn:prod"
        got = self.call_ok({}, {
            "Lambda-Runtime-Deadline-Ms": str(deadline),
            "Lambda-Runtime-Invoked-Function-Arn": arn,
            "Lambda-Runtime-Trace-Id": "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Sampled=1",
            "Lambda-Runtime-Client-Context": json.dumps(
                {"custom": {"k": "v"}, "env": {"e": "1"}, "client": {"app_title": "t"}}),
            "Lambda-Runtime-Cognito-Identity": json.dumps(
                {"cognitoIdentityId": "id-1", "cognitoIdentityPoolId": "pool-1"}),
        })
        remaining = got.pop("remaining")
        self.assertTrue(20000 < remaining <= 30000, remaining)
        self.assertEqual(got, {
            "function_name": "test-fn",
            "function_version": "$LATEST",
            "invoked_function_arn": arn,
            "memory_limit_in_mb": "256",  # a string, as in AWS's Python runtime
            "aws_request_id": got["aws_request_id"],
            "log_group_name": "/aws/lambda/test-fn",
            "log_stream_name": "2024/01/01/[$LATEST]abc",
            "identity": ["id-1", "pool-1"],
            "client_context": [{"k": "v"}, {"e": "1"}, "t"],
            "trace": "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Sampled=1",
        })
        self.assertEqual(len(got["aws_request_id"]), 36)
        # No optional headers: identity has None fields, no client context, no trace id;
        # a deadline in the past gives 0.
        got = self.call_ok({}, {"Lambda-Runtime-Deadline-Ms": str(int(time.time() * 1000) - 5)})
        self.assertEqual((got["identity"], got["client_context"], got["trace"], got["remaining"]),
                         ([None, None], None, None, 0))
        self.stop()

    def test_warm_state_persists_across_invocations(self):
        self.write("app.py", """
            import os
            COUNT = 0
            def handler(event, context):
                global COUNT
                COUNT += 1
                return [COUNT, os.getpid()]
        """)
        self.start("app.handler")
        results = [self.call_ok({}) for _ in range(3)]
        self.assertEqual([r[0] for r in results], [1, 2, 3])
        self.assertEqual({r[1] for r in results}, {self.proc.pid})
        self.stop()

    def test_environment_cwd_and_sys_path(self):
        self.write("app.py", """
            import os, sys
            def handler(event, context):
                print("to stdout")
                print("to stderr", file=sys.stderr)
                return {"var": os.environ.get("MY_VAR"), "region": os.environ.get("AWS_REGION"),
                        "cwd": os.getcwd(), "path0": sys.path[0]}
        """)
        self.start("app.handler", env={"MY_VAR": "hello world"})
        got = self.call_ok({})
        root = os.path.realpath(self.task_root)
        self.assertEqual(got["var"], "hello world")
        self.assertEqual(got["region"], "us-east-1")
        self.assertEqual(os.path.realpath(got["cwd"]), root)
        self.assertEqual(os.path.realpath(got["path0"]), root)
        self.assertIn("to stdout\n", self.stdout.wait_for("to stdout\n"))
        self.assertIn("to stderr\n", self.stderr.wait_for("to stderr\n"))
        self.stop()

    def test_dotted_handler_in_package_and_plain_host_port(self):
        self.write("pkg/__init__.py", "")
        self.write("pkg/sub/__init__.py", "")
        self.write("pkg/sub/mod.py", """
            def run(event, context):
                return {"where": __name__}
        """)
        self.start("pkg.sub.mod.run", prefix="")  # AWS_LAMBDA_RUNTIME_API = host:port only
        self.assertEqual(self.call_ok({}), {"where": "pkg.sub.mod"})
        self.stop()

    def test_logging_format(self):
        self.write("app.py", """
            import logging
            logger = logging.getLogger()
            def handler(event, context):
                logging.getLogger("mine").warning("hello %s", "there")
                logger.info("not shown at the default level")
                return "ok"
        """)
        self.start("app.handler")
        request_id, _ = self.call({})
        out = self.stdout.wait_for("hello there")
        self.assertRegex(out, r"^\[WARNING\]\t\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\t%s\t"
                              r"hello there\n$" % re.escape(request_id))
        self.stop()

    def test_logging_level_from_environment(self):
        self.write("app.py", """
            import logging
            def handler(event, context):
                logging.debug("dbg")
                logging.info("info line")
                return "ok"
        """)
        self.start("app.handler", env={"AWS_LAMBDA_LOG_LEVEL": "INFO"})
        request_id, _ = self.call({})
        out = self.stdout.wait_for("info line")
        self.assertRegex(out, r"^\[INFO\]\t\S+Z\t%s\tinfo line\n$" % re.escape(request_id))
        self.stop()

    def test_logging_json_format(self):
        self.write("app.py", """
            import logging
            def handler(event, context):
                logging.warning("as json")
                return "ok"
        """)
        self.start("app.handler", env={"AWS_LAMBDA_LOG_FORMAT": "JSON"})
        request_id, _ = self.call({})
        record = json.loads(self.stdout.wait_for("as json").splitlines()[0])
        self.assertEqual((record["level"], record["message"], record["requestId"],
                          record["logger"]), ("WARNING", "as json", request_id, "root"))
        self.assertRegex(record["timestamp"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        self.stop()

    def test_sys_exit_in_handler_ends_the_process(self):
        self.write("app.py", """
            import sys
            def handler(event, context):
                sys.exit(3)
        """)
        self.start("app.handler")
        self.api.invoke({})
        self.assertEqual(self.proc.wait(WAIT_S), 3)
        self.assertEqual(self.api.posts, {})  # the server reports the failure, as Lambda does


class RuntimeApiConnectionTest(RuntimeTest):
    APP = """
        def handler(event, context):
            return {"got": event, "id": context.aws_request_id}
    """

    def test_one_kept_connection_for_all_requests(self):
        self.write("app.py", self.APP)
        self.start("app.handler")
        for i in range(5):
            request_id, post = self.call({"i": i})
            self.assertEqual(json.loads(post["body"]), {"got": {"i": i}, "id": request_id})
        self.assertEqual(self.api.connections, 1)
        self.stop()

    def test_connection_closed_by_the_server_between_requests_is_replaced(self):
        self.write("app.py", self.APP)
        self.start("app.handler", close_after_reply=True)
        for i in range(4):
            request_id, post = self.call({"i": i})
            self.assertEqual(post["kind"], "response", post["body"])
            self.assertEqual(json.loads(post["body"]), {"got": {"i": i}, "id": request_id})
        self.assertIsNone(self.proc.poll(), self.stderr.text)
        self.assertGreaterEqual(self.api.connections, 8)  # one per request
        self.stop()

    def test_chunked_next_answer(self):
        self.write("app.py", self.APP)
        self.start("app.handler", chunked_next=True)
        for event in ({"a": "x" * 1000}, {}, [1, 2, 3]):
            request_id, post = self.call(event)
            self.assertEqual(json.loads(post["body"]), {"got": event, "id": request_id})
        self.stop()

    def test_runtime_api_gone_exits_with_one_line(self):
        self.write("app.py", self.APP)
        self.start("app.handler")
        self.call({})
        self.api.close()  # the server goes away while the runtime waits on /next
        self.assertEqual(self.proc.wait(WAIT_S), 1)
        self.assertIn("jobflow_lambda_python: Runtime API request failed:", self.stderr.wait_for("failed"))


class LoggingSetupTest(RuntimeTest):
    def test_logging_imported_only_inside_the_handler_is_set_up(self):
        self.write("app.py", """
            import sys
            def handler(event, context):
                loaded_before = "logging" in sys.modules
                import logging
                logging.getLogger("late").warning("late %s", "line")
                root = logging.getLogger()
                return {"loaded_before": loaded_before, "handlers": len(root.handlers),
                        "loader": type(logging.__loader__).__name__,
                        "spec_loader": type(logging.__spec__.loader).__name__,
                        "converter": logging.Formatter.converter.__name__}
        """)
        self.start("app.handler")
        request_id, post = self.call({})
        self.assertEqual(json.loads(post["body"]), {
            "loaded_before": False, "handlers": 1, "loader": "SourceFileLoader",
            "spec_loader": "SourceFileLoader", "converter": "gmtime"})
        out = self.stdout.wait_for("late line")
        self.assertRegex(out, r"^\[WARNING\]\t\S+Z\t%s\tlate line\n$" % re.escape(request_id))
        self.stop()

    def test_find_spec_before_the_import_and_submodule_first(self):
        self.write("app.py", """
            import importlib.util
            SPEC = importlib.util.find_spec("logging")
            import logging.handlers  # imports the package first
            import logging
            def handler(event, context):
                logging.warning("after find_spec")
                return {"handlers": len(logging.getLogger().handlers), "found": SPEC is not None}
        """)
        self.start("app.handler")
        request_id, post = self.call({})
        self.assertEqual(json.loads(post["body"]), {"handlers": 1, "found": True})
        self.assertIn("\t%s\tafter find_spec\n" % request_id, self.stdout.wait_for("after find_spec"))
        self.stop()


class EndpointTest(RuntimeTest):
    """boto3 inside a function reaches the endpoint in AWS_ENDPOINT_URL without code changes, also
    with a botocore too old to read the variable itself (Debian 12's 1.29: the runtime does it)."""

    APP = """
        import boto3
        def handler(event, context):
            return {"endpoint": boto3.client("emr").meta.endpoint_url,
                    "explicit": boto3.client("emr", endpoint_url="http://127.0.0.1:7/").meta.endpoint_url}
    """

    def test_clients_use_the_endpoint_from_the_environment(self):
        self.write("app.py", self.APP)
        self.start("app.handler", env={"AWS_ENDPOINT_URL": "http://127.0.0.1:9/"})
        self.assertEqual(self.call_ok({}), {"endpoint": "http://127.0.0.1:9/", "explicit": "http://127.0.0.1:7/"})
        self.stop()

    def test_ignore_configured_endpoint_urls_is_honoured(self):
        self.write("app.py", self.APP)
        self.start("app.handler", env={"AWS_ENDPOINT_URL": "http://127.0.0.1:9/",
                                       "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"})
        self.assertEqual(self.call_ok({})["endpoint"], "https://elasticmapreduce.us-east-1.amazonaws.com")
        self.stop()


class InitErrorTest(RuntimeTest):
    def test_import_module_error(self):
        self.start("missing.handler")
        body = self.expect_init_error()
        self.assertEqual(body, {
            "errorMessage": "Unable to import module 'missing': No module named 'missing'",
            "errorType": "Runtime.ImportModuleError",
            "requestId": "",
            "stackTrace": [],
        })
        out = self.stdout.wait_for("Runtime.ImportModuleError")
        self.assertRegex(out, r"^\[WARNING\]\t\S+Z\t\tLAMBDA_WARNING: Unhandled exception\.")
        self.assertIn("[ERROR] Runtime.ImportModuleError: Unable to import module 'missing': "
                      "No module named 'missing'\rTraceback (most recent call last):\n", out)

    def test_import_error_inside_the_module(self):
        self.write("app.py", "import not_installed_dep\ndef handler(e, c):\n    return 1\n")
        self.start("app.handler")
        body = self.expect_init_error()
        self.assertEqual((body["errorType"], body["errorMessage"]), (
            "Runtime.ImportModuleError",
            "Unable to import module 'app': No module named 'not_installed_dep'"))

    def test_handler_not_found(self):
        self.write("app.py", "def handler(event, context):\n    return 1\n")
        self.start("app.nope")
        body = self.expect_init_error()
        self.assertEqual((body["errorType"], body["errorMessage"], body["stackTrace"]), (
            "Runtime.HandlerNotFound", "Handler 'nope' missing on module 'app'", []))

    def test_syntax_error(self):
        self.write("bad.py", "def handler(event, context)\n    return 1\n")
        self.start("bad.handler")
        body = self.expect_init_error()
        self.assertEqual(body["errorType"], "Runtime.UserCodeSyntaxError")
        self.assertTrue(body["errorMessage"].startswith("Syntax error in module 'bad': "),
                        body["errorMessage"])
        self.assertEqual(len(body["stackTrace"]), 1)
        self.assertTrue(body["stackTrace"][0].startswith(
            '  File "%s" Line 1\n    def handler' % os.path.join(self.task_root, "bad.py")),
            body["stackTrace"])

    def test_malformed_handler_name(self):
        self.start("nodots")
        body = self.expect_init_error()
        self.assertEqual((body["errorType"], body["errorMessage"]), (
            "Runtime.MalformedHandlerName",
            "Bad handler 'nodots': not enough values to unpack (expected 2, got 1)"))

    def test_exception_while_importing(self):
        self.write("app.py", "raise RuntimeError('no config')\n")
        self.start("app.handler")
        body = self.expect_init_error()
        self.assertEqual((body["errorType"], body["errorMessage"]), ("RuntimeError", "no config"))
        self.assertNotIn(RUNTIME, "".join(body["stackTrace"]))
        self.assertIn('app.py", line 1, in <module>', body["stackTrace"][-1])


if __name__ == "__main__":
    unittest.main()
