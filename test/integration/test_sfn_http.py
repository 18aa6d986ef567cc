"""Step Functions' HTTP task (arn:aws:states:::http:invoke) through the real server with boto3:
a local echo server (method, path, query, headers, body), jobflow's own Livy API called from a
state machine (submit a batch, poll its state in a Wait/Choice loop), error names for 4xx/5xx, a
refused port, the host allow list (loopback only by default, --http-task-allow), TLS certificate
verification, and task timeouts that abandon a request in flight.

Nothing here contacts the outside network: 192.0.2.1 (TEST-NET-1) is refused before any
connection, and the allow-list test uses this machine's own non-loopback address."""

import json
import os
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from harness import JOBFLOW_BIN, JobflowServer, free_port

RESOURCE = "arn:aws:states:::http:invoke"


class EchoHandler(BaseHTTPRequestHandler):
    """Answers every method with what it received, as JSON; a few paths answer otherwise:
    /status/<code>, /text, /slow (2 s)."""

    def log_message(self, *args):
        pass

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        path, _, query = self.path.partition("?")
        self.server.seen.append({"method": self.command, "path": path})
        if path.startswith("/status/"):
            code = int(path.rsplit("/", 1)[1])
            return self.answer(code, "application/json", json.dumps({"error": f"answer {code}"}))
        if path == "/text":
            return self.answer(200, "text/plain; charset=utf-8", "plain words")
        if path == "/slow":
            time.sleep(2)
        echo = {"method": self.command, "path": path, "query": query,
                "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body}
        self.answer(200, "application/json", json.dumps(echo))

    def answer(self, code, content_type, text):
        data = text.encode()
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_HEAD = handle_any


class EchoServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # jobflow closing a cancelled or timed-out request's connection is expected here.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError, ssl.SSLError)):
            super().handle_error(request, client_address)


def start_echo_server(host="127.0.0.1", tls_context=None):
    server = EchoServer((host, 0), EchoHandler)
    server.seen = []
    if tls_context is not None:
        server.socket = tls_context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def local_non_loopback_address():
    """This machine's address on its default route, or None. A UDP connect sends no packet."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))
            address = s.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def http_task(parameters, **extra):
    return {"Type": "Task", "Resource": RESOURCE, "Parameters": parameters, **extra}


class SfnHttpTestBase(unittest.TestCase):
    server_args = ()

    @classmethod
    def setUpClass(cls):
        cls.echo = start_echo_server()
        cls.echo_url = f"http://127.0.0.1:{cls.echo.server_address[1]}"
        cls.server = JobflowServer(args=cls.server_args)
        cls.sfn = cls.server.client("stepfunctions")

    @classmethod
    def tearDownClass(cls):
        cls.server.close()
        cls.echo.shutdown()
        cls.echo.server_close()

    def run_machine(self, definition, machine_input=None, timeout=60):
        arn = self.sfn.create_state_machine(name=f"http{time.monotonic_ns()}", definition=json.dumps(definition),
                                            roleArn="arn:aws:iam::123456789012:role/r")["stateMachineArn"]
        execution = self.sfn.start_execution(stateMachineArn=arn, input=json.dumps(machine_input or {}))["executionArn"]
        deadline = time.monotonic() + timeout
        while True:
            d = self.sfn.describe_execution(executionArn=execution)
            if d["status"] != "RUNNING":
                return d
            if time.monotonic() > deadline:
                self.fail(f"execution still RUNNING after {timeout} s")
            time.sleep(0.05)

    def run_task(self, parameters, **extra):
        return self.run_machine({"StartAt": "Call", "States": {"Call": http_task(parameters, End=True, **extra)}})

    def history(self, execution_arn):
        return self.sfn.get_execution_history(executionArn=execution_arn)["events"]

    def failure(self, d):
        """(error, cause) of a FAILED execution."""
        self.assertEqual(d["status"], "FAILED", d)
        return d.get("error"), d.get("cause", "")


class SfnHttpTest(SfnHttpTestBase):
    def test_get_sends_query_and_headers_and_answers_in_aws_shape(self):
        d = self.run_task({"ApiEndpoint": self.echo_url + "/echo/x", "Method": "GET",
                           "QueryParameters": {"q": "a b", "ids": [1, 2]},
                           "Headers": {"X-Trace": "t1", "Authorization": "Bearer abc"}})
        self.assertEqual(d["status"], "SUCCEEDED", d)
        out = json.loads(d["output"])
        self.assertEqual(sorted(out), ["Headers", "ResponseBody", "StatusCode", "StatusText"])
        self.assertEqual(out["StatusCode"], 200)
        self.assertEqual(out["StatusText"], "OK")
        self.assertEqual(out["Headers"]["Content-Type"], ["application/json"])
        echo = out["ResponseBody"]  # parsed: the response is application/json
        self.assertEqual(echo["method"], "GET")
        self.assertEqual(echo["path"], "/echo/x")
        self.assertEqual(echo["query"], "q=a%20b&ids%5B0%5D=1&ids%5B1%5D=2")
        headers = echo["headers"]
        self.assertEqual(headers["user-agent"], "Amazon|StepFunctions|HttpInvoke|us-east-1")
        self.assertEqual(headers["range"], "bytes=0-262144")
        self.assertEqual(headers["x-trace"], "t1")
        self.assertEqual(headers["authorization"], "Bearer abc")
        self.assertEqual(headers["host"], f"127.0.0.1:{self.echo.server_address[1]}")
        self.assertNotIn("content-type", headers)
        self.assertEqual(echo["body"], "")
        types = [e["type"] for e in self.history(d["executionArn"])]
        self.assertIn("TaskScheduled", types)
        self.assertIn("TaskStarted", types)
        self.assertIn("TaskSucceeded", types)

    def test_post_json_body_from_the_state_input(self):
        d = self.run_machine({"StartAt": "Call", "States": {"Call": http_task(
            {"ApiEndpoint.$": "States.Format('{}/items/{}', $.base, $.id)", "Method.$": "$.method",
             "RequestBody": {"Card": {"Number.$": "$.card", "Name": "John Doe"}, "n": 1.5}},
            ResultSelector={"echo.$": "$.ResponseBody", "code.$": "$.StatusCode"}, End=True)}},
            {"base": self.echo_url, "id": 7, "method": "PUT", "card": "1234"})
        self.assertEqual(d["status"], "SUCCEEDED", d)
        out = json.loads(d["output"])
        self.assertEqual(out["code"], 200)
        self.assertEqual(out["echo"]["method"], "PUT")
        self.assertEqual(out["echo"]["path"], "/items/7")
        self.assertEqual(out["echo"]["headers"]["content-type"], "application/json; charset=UTF-8")
        self.assertEqual(json.loads(out["echo"]["body"]), {"Card": {"Number": "1234", "Name": "John Doe"}, "n": 1.5})

    def test_url_encoded_bodies_for_each_array_format(self):
        expected = {
            "INDICES": "a%5B0%5D=x&a%5B1%5D=y&s=c%20d",
            "REPEAT": "a=x&a=y&s=c%20d",
            "COMMAS": "a=x,y&s=c%20d",
            "BRACKETS": "a%5B%5D=x&a%5B%5D=y&s=c%20d",
        }
        for array_format, body in expected.items():
            with self.subTest(array_format=array_format):
                d = self.run_task({"ApiEndpoint": self.echo_url + "/form", "Method": "POST",
                                   "Headers": {"Content-Type": "application/x-www-form-urlencoded"},
                                   "RequestBody": {"a": ["x", "y"], "s": "c d"},
                                   "Transform": {"RequestBodyEncoding": "URL_ENCODED",
                                                 "RequestEncodingOptions": {"ArrayFormat": array_format}}})
                self.assertEqual(d["status"], "SUCCEEDED", d)
                echo = json.loads(d["output"])["ResponseBody"]
                self.assertEqual(echo["body"], body)
                self.assertEqual(echo["headers"]["content-type"], "application/x-www-form-urlencoded")

    def test_text_response_is_a_string_and_head_has_no_body(self):
        d = self.run_task({"ApiEndpoint": self.echo_url + "/text", "Method": "GET"})
        self.assertEqual(d["status"], "SUCCEEDED", d)
        self.assertEqual(json.loads(d["output"])["ResponseBody"], "plain words")
        d = self.run_task({"ApiEndpoint": self.echo_url + "/text", "Method": "HEAD"})
        self.assertEqual(d["status"], "SUCCEEDED", d)
        out = json.loads(d["output"])
        self.assertEqual(out["ResponseBody"], "")
        self.assertEqual(out["Headers"]["Content-Length"], ["11"])

    def test_localhost_resolves_to_loopback_and_is_allowed(self):
        d = self.run_task({"ApiEndpoint": f"http://localhost:{self.echo.server_address[1]}/hi", "Method": "GET"})
        self.assertEqual(d["status"], "SUCCEEDED", d)
        self.assertEqual(json.loads(d["output"])["ResponseBody"]["path"], "/hi")

    def test_status_outside_2xx_fails_with_its_error_name(self):
        error, cause = self.failure(self.run_task({"ApiEndpoint": self.echo_url + "/status/404", "Method": "GET"}))
        self.assertEqual(error, "States.Http.StatusCode.404")
        response = json.loads(cause)
        self.assertEqual(response["StatusCode"], 404)
        self.assertEqual(response["StatusText"], "Not Found")
        self.assertEqual(response["ResponseBody"], {"error": "answer 404"})

        # Catchable and retriable by name, like AWS's own example.
        d = self.run_machine({"StartAt": "Call", "States": {
            "Call": http_task({"ApiEndpoint": self.echo_url + "/status/500", "Method": "POST", "RequestBody": {}},
                              Retry=[{"ErrorEquals": ["States.Http.StatusCode.503"], "MaxAttempts": 2}],
                              Catch=[{"ErrorEquals": ["States.Http.StatusCode.500"], "ResultPath": "$.error",
                                      "Next": "Handled"}], Next="Unreached"),
            "Unreached": {"Type": "Fail", "Error": "Unreached"},
            "Handled": {"Type": "Pass", "End": True}}})
        self.assertEqual(d["status"], "SUCCEEDED", d)
        self.assertEqual(json.loads(d["output"])["error"]["Error"], "States.Http.StatusCode.500")

    def test_refused_port_is_a_socket_error(self):
        port = free_port()
        error, cause = self.failure(self.run_task({"ApiEndpoint": f"http://127.0.0.1:{port}/", "Method": "GET"}))
        self.assertEqual(error, "States.Http.Socket")
        self.assertIn(f"127.0.0.1:{port}", cause)
        self.assertIn("refused", cause.lower())

    def test_non_loopback_host_is_refused_before_connecting(self):
        start = time.monotonic()
        error, cause = self.failure(self.run_task({"ApiEndpoint": "http://192.0.2.1/x", "Method": "GET"}))
        self.assertLess(time.monotonic() - start, 10)
        self.assertEqual(error, "States.Http.Socket")
        self.assertIn("'192.0.2.1'", cause)
        self.assertIn("--http-task-allow 192.0.2.1", cause)
        self.assertIn("127.0.0.0/8, ::1", cause)

    def test_bad_parameters_fail_with_states_runtime(self):
        cases = [
            ({"ApiEndpoint": self.echo_url}, "The field 'Method' is required but was missing"),
            ({"Method": "GET"}, "The field 'ApiEndpoint' is required but was missing"),
            ({"ApiEndpoint": self.echo_url, "Method": "FETCH"},
             "The field 'Method' should have one of these values: [GET, POST, PUT, DELETE, PATCH, OPTIONS, HEAD]"),
            ({"ApiEndpoint": self.echo_url, "Method": "GET", "Headers": {"Host": "evil", "X-Amz-Target": "x"}},
             "The 'Headers' field contains unsupported values: [host, x-amz-target]"),
            ({"ApiEndpoint": self.echo_url, "Method": "GET", "Authentication": {"ConnectionArn": "nope"}},
             "The value of the field 'Authentication.ConnectionArn' must be an EventBridge connection ARN"),
        ]
        seen_before = len(self.echo.seen)
        for parameters, detail in cases:
            with self.subTest(detail=detail):
                # States.Runtime is not caught, even by States.ALL.
                d = self.run_machine({"StartAt": "Call", "States": {
                    "Call": http_task(parameters, Catch=[{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], End=True),
                    "Caught": {"Type": "Succeed"}}})
                error, cause = self.failure(d)
                self.assertEqual(error, "States.Runtime")
                self.assertIn("could not be used to start the Task: [" + detail, cause)
        self.assertEqual(len(self.echo.seen), seen_before, "no request may be sent for bad parameters")

    def test_connection_arn_is_accepted_but_not_applied(self):
        arn = "arn:aws:events:us-east-1:123456789012:connection/livy/0b5d3e8a-1111-2222-3333-444455556666"
        d = self.run_task({"ApiEndpoint": self.echo_url + "/c", "Method": "GET",
                           "InvocationConfig": {"ConnectionArn": arn}})
        self.assertEqual(d["status"], "SUCCEEDED", d)
        self.assertNotIn("authorization", json.loads(d["output"])["ResponseBody"]["headers"])

    def test_task_timeout_abandons_the_request(self):
        start = time.monotonic()
        d = self.run_task({"ApiEndpoint": self.echo_url + "/slow", "Method": "GET"}, TimeoutSeconds=1)
        error, _ = self.failure(d)
        self.assertEqual(error, "States.Timeout")
        self.assertLess(time.monotonic() - start, 10)
        # The slow answer arrives after the task was cancelled: it is dropped and the server lives on.
        time.sleep(1.5)
        d = self.run_task({"ApiEndpoint": self.echo_url + "/after", "Method": "GET"})
        self.assertEqual(d["status"], "SUCCEEDED", d)

    def test_parallel_branch_failure_cancels_a_request_in_flight(self):
        d = self.run_machine({"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": True, "Branches": [
            {"StartAt": "Slow", "States": {"Slow": http_task({"ApiEndpoint": self.echo_url + "/slow", "Method": "GET"},
                                                             End=True)}},
            {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Boom", "Cause": "stop"}}}]}}})
        error, _ = self.failure(d)
        self.assertEqual(error, "Boom")
        time.sleep(2.5)  # the slow answer comes back to a cancelled task
        self.assertEqual(self.run_task({"ApiEndpoint": self.echo_url + "/ok", "Method": "GET"})["status"], "SUCCEEDED")

    def test_https_verifies_the_server_certificate(self):
        openssl = shutil.which("openssl")
        if not openssl:
            self.skipTest("no openssl command to make a certificate")
        workdir = tempfile.mkdtemp(prefix="jobflow-http-tls-")
        try:
            key, cert = os.path.join(workdir, "key.pem"), os.path.join(workdir, "cert.pem")
            subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                            "-days", "1", "-subj", "/CN=localhost"], check=True, capture_output=True)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(cert, key)
            tls_echo = start_echo_server(tls_context=context)
            try:
                url = f"https://localhost:{tls_echo.server_address[1]}/secret"
                error, cause = self.failure(self.run_task({"ApiEndpoint": url, "Method": "GET"}))
                self.assertEqual(error, "States.Http.Socket")
                self.assertIn("TLS handshake", cause)
                self.assertIn("certificate verify failed", cause)
                self.assertEqual([s for s in tls_echo.seen if s["path"] == "/secret"], [])
            finally:
                tls_echo.shutdown()
                tls_echo.server_close()
        finally:
            shutil.rmtree(workdir, ignore_errors=True)


class SfnHttpLivyTest(SfnHttpTestBase):
    """A state machine drives jobflow's own Livy API: submit a batch, poll until it succeeds."""

    def test_submit_a_livy_batch_and_wait_for_success(self):
        script = self.server.scratch_path("hello_livy.py")
        with open(script, "w") as f:
            f.write("print('hello from a livy batch started by a state machine')\n")
        livy = self.server.endpoint
        definition = {"StartAt": "Submit", "States": {
            "Submit": http_task({"ApiEndpoint": livy + "/batches", "Method": "POST",
                                 "RequestBody": {"file.$": "$.file", "name": "from-sfn"}},
                                ResultSelector={"id.$": "$.ResponseBody.id"}, ResultPath="$.batch", Next="Wait"),
            "Wait": {"Type": "Wait", "Seconds": 1, "Next": "Poll"},
            "Poll": http_task({"ApiEndpoint.$": f"States.Format('{livy}/batches/{{}}/state', $.batch.id)",
                               "Method": "GET"},
                              ResultSelector={"state.$": "$.ResponseBody.state"}, ResultPath="$.status", Next="Done?"),
            "Done?": {"Type": "Choice", "Choices": [
                {"Variable": "$.status.state", "StringEquals": "success", "Next": "Succeeded"},
                {"Or": [{"Variable": "$.status.state", "StringEquals": s} for s in ("dead", "killed", "error")],
                 "Next": "Failed"}], "Default": "Wait"},
            "Succeeded": {"Type": "Succeed"},
            "Failed": {"Type": "Fail", "Error": "BatchFailed"}}}
        d = self.run_machine(definition, {"file": script}, timeout=90)
        self.assertEqual(d["status"], "SUCCEEDED", d)
        out = json.loads(d["output"])
        self.assertEqual(out["status"], {"state": "success"})
        status, _, log = self.server.livy("GET", f"/batches/{out['batch']['id']}/log?size=-1")
        self.assertEqual(status, 200)
        self.assertIn("hello from a livy batch started by a state machine", "\n".join(log["log"]))


class SfnHttpAllowOptionTest(unittest.TestCase):
    """--http-task-allow: a host refused by default is reachable once listed."""

    @classmethod
    def setUpClass(cls):
        cls.address = local_non_loopback_address()
        if cls.address is None:
            raise unittest.SkipTest("this machine has no non-loopback IPv4 address")
        cls.echo = start_echo_server(host=cls.address)
        cls.url = f"http://{cls.address}:{cls.echo.server_address[1]}/allowed"

    @classmethod
    def tearDownClass(cls):
        cls.echo.shutdown()
        cls.echo.server_close()

    def run_once(self, server):
        sfn = server.client("stepfunctions")
        arn = sfn.create_state_machine(name="allow", roleArn="arn:aws:iam::123456789012:role/r", definition=json.dumps(
            {"StartAt": "Call", "States": {"Call": http_task({"ApiEndpoint": self.url, "Method": "GET"}, End=True)}}
        ))["stateMachineArn"]
        execution = sfn.start_execution(stateMachineArn=arn)["executionArn"]
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            d = sfn.describe_execution(executionArn=execution)
            if d["status"] != "RUNNING":
                return d
            time.sleep(0.05)
        self.fail("execution still RUNNING")

    def test_default_refuses_and_the_option_allows(self):
        with JobflowServer() as server:
            d = self.run_once(server)
            self.assertEqual(d["status"], "FAILED", d)
            self.assertEqual(d["error"], "States.Http.Socket")
            self.assertIn(f"--http-task-allow {self.address}", d["cause"])
        self.assertEqual(self.echo.seen, [])
        network = ".".join(self.address.split(".")[:3]) + ".0/24"
        for allow in (self.address, f"example.invalid,{network}"):
            with self.subTest(allow=allow), JobflowServer(args=["--http-task-allow", allow]) as server:
                d = self.run_once(server)
                self.assertEqual(d["status"], "SUCCEEDED", d)
                self.assertEqual(json.loads(d["output"])["ResponseBody"]["path"], "/allowed")

    def test_an_invalid_entry_stops_the_server_from_starting(self):
        data_dir = tempfile.mkdtemp(prefix="jobflow-http-allow-")
        try:
            r = subprocess.run([JOBFLOW_BIN, "server", "--host", "127.0.0.1", "--port", "0", "--data-dir", data_dir,
                                "--http-task-allow", "10.0.0.0/40"], capture_output=True, text=True, timeout=30)
            self.assertNotEqual(r.returncode, 0)
            self.assertIn("invalid --http-task-allow entry '10.0.0.0/40'", r.stdout + r.stderr)
        finally:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
