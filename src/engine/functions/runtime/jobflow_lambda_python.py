"""jobflow's Python runtime for Lambda-compatible functions.

Plays the part of AWS's Python runtime interface client (awslambdaric): one long-lived process per
warm function instance. It imports the handler named by _HANDLER from LAMBDA_TASK_ROOT, then loops on
the Lambda Runtime API at http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/...:

    GET  invocation/next               -> event + Lambda-Runtime-* headers
    POST invocation/<id>/response      <- the handler's result as JSON
    POST invocation/<id>/error         <- {"errorMessage","errorType","requestId","stackTrace"}
    POST init/error                    <- same shape when the handler cannot be loaded; then exit 1

AWS_LAMBDA_RUNTIME_API may carry a path prefix after host:port ("127.0.0.1:9001/fn/abc").
Python 3 standard library only. See README.md in this folder for the behaviours and deviations.
"""

import decimal
import http.client
import importlib
import json
import logging
import math
import os
import signal
import sys
import time
import traceback
import uuid

_API_VERSION_PATH = "/2018-06-01/runtime"
_ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type"
_XRAY_CAUSE_HEADER = "Lambda-Runtime-Function-XRay-Error-Cause"
_XRAY_CAUSE_MAX_BYTES = 1024 * 1024
_THIS_FILE = os.path.abspath(__file__)

# errorType values the Python runtime reports for its own faults.
MARSHAL_ERROR = "Runtime.MarshalError"
UNMARSHAL_ERROR = "Runtime.UnmarshalError"
USER_CODE_SYNTAX_ERROR = "Runtime.UserCodeSyntaxError"
HANDLER_NOT_FOUND = "Runtime.HandlerNotFound"
IMPORT_MODULE_ERROR = "Runtime.ImportModuleError"
BUILT_IN_MODULE_CONFLICT = "Runtime.BuiltInModuleConflict"
MALFORMED_HANDLER_NAME = "Runtime.MalformedHandlerName"
CONTEXT_UNMARSHAL_ERROR = "Runtime.LambdaContextUnmarshalError"

_UNHANDLED_EXCEPTION_WARNING = (
    "LAMBDA_WARNING: Unhandled exception. The most likely cause is an issue in the function code. "
    "However, in rare cases, a Lambda runtime update can cause unexpected function behavior. "
    "For functions using managed runtimes, runtime updates can be triggered by a function change, "
    "or can be applied automatically. To determine if the runtime has been updated, check the "
    "runtime version in the INIT_START log entry. If this error correlates with a change in the "
    "runtime version, you may be able to mitigate this error by temporarily rolling back to the "
    "previous runtime version. For more information, see "
    "https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html\r")

# Python runtimes whose JSON output keeps non-ASCII characters as they are.
_NON_ASCII_JSON_ENVS = {"AWS_Lambda_python3.12", "AWS_Lambda_python3.13",
                        "AWS_Lambda_python3.14", "AWS_Lambda_python3.15"}


class RuntimeFault(Exception):
    """A failure the runtime reports under its own errorType (Runtime.*)."""

    def __init__(self, error_type, message, stack_trace=None):
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.stack_trace = stack_trace


class RuntimeApiError(Exception):
    """The Runtime API could not be reached or answered with a non-2xx status."""


# --- JSON -----------------------------------------------------------------------------------------

class _ResultEncoder(json.JSONEncoder):
    """JSON like the Python runtime's: NaN/Infinity allowed, Decimal written as its exact digits.

    The standard library cannot emit raw text for an object, so a Decimal becomes a marker string
    that `encode_json` then unwraps. The marker holds a per-process random token.
    """

    _token = uuid.uuid4().hex

    def default(self, o):
        if isinstance(o, decimal.Decimal):
            if o.is_nan():
                return math.nan
            return self._token + str(o) + self._token
        return super().default(o)

    def encode(self, o):
        text = super().encode(o)
        if self._token in text:
            text = text.replace('"' + self._token, "").replace(self._token + '"', "")
        return text


def encode_json(value):
    ensure_ascii = os.environ.get("AWS_EXECUTION_ENV") not in _NON_ASCII_JSON_ENVS
    return _ResultEncoder(ensure_ascii=ensure_ascii, allow_nan=True).encode(value)


def marshal_response(result):
    """Returns (body bytes, content type) for a handler's result."""
    if isinstance(result, bytes):
        return result, "application/unknown"
    try:
        return encode_json(result).encode("utf-8"), "application/json"
    except Exception as e:  # TypeError, ValueError (circular reference), RecursionError...
        raise RuntimeFault(MARSHAL_ERROR, "Unable to marshal response: {}".format(e))


def unmarshal_event(body, content_type):
    media_type = (content_type or "application/json").split(";")[0].strip().lower()
    if media_type != "application/json":
        return body
    try:
        return json.loads(body)
    except Exception as e:
        raise RuntimeFault(UNMARSHAL_ERROR, "Unable to unmarshal input: {}".format(e))


# --- Runtime API client ---------------------------------------------------------------------------

class RuntimeApiClient:
    """HTTP/1.1 client of the Runtime API; one connection per request, no timeout (long poll)."""

    def __init__(self, address):
        host_port, slash, prefix = address.partition("/")
        self.host_port = host_port
        self.prefix = ("/" + prefix.strip("/")) if slash and prefix.strip("/") else ""

    def _call(self, method, path, body=None, headers=None):
        url = self.prefix + _API_VERSION_PATH + path
        try:
            conn = http.client.HTTPConnection(self.host_port)
            try:
                conn.request(method, url, body=body, headers=headers or {})
                response = conn.getresponse()
                payload = response.read()
            finally:
                conn.close()
        except OSError as e:
            raise RuntimeApiError("{} {} failed: {}".format(method, url, e)) from None
        if not 200 <= response.status < 300:
            raise RuntimeApiError("{} {} answered {}: {!r}".format(
                method, url, response.status, payload[:500]))
        return response, payload

    def next_invocation(self):
        response, body = self._call("GET", "/invocation/next")
        return response.headers, body

    def post_result(self, request_id, body, content_type):
        self._call("POST", "/invocation/{}/response".format(request_id), body,
                   {"Content-Type": content_type})

    def post_invocation_error(self, request_id, error, xray_cause):
        self._call("POST", "/invocation/{}/error".format(request_id),
                   encode_json(error).encode("utf-8"), _error_headers(error, xray_cause))

    def post_init_error(self, error, xray_cause):
        self._call("POST", "/init/error", encode_json(error).encode("utf-8"),
                   _error_headers(error, xray_cause))


def _error_headers(error, xray_cause):
    headers = {"Content-Type": "application/json", _ERROR_TYPE_HEADER: error["errorType"]}
    cause = json.dumps(xray_cause)  # ASCII only, so it is a valid header value
    if len(cause) < _XRAY_CAUSE_MAX_BYTES:
        headers[_XRAY_CAUSE_HEADER] = cause
    return headers


# --- Errors -----------------------------------------------------------------------------------------

def make_error(message, error_type, stack_trace, request_id=None):
    return {
        "errorMessage": message or "",
        "errorType": error_type or "",
        "requestId": request_id if request_id is not None else "",
        "stackTrace": stack_trace or [],
    }


def _user_frames(tb):
    """Traceback frames, without the leading ones that belong to this runtime."""
    frames = traceback.extract_tb(tb)
    for i, frame in enumerate(frames):
        if os.path.abspath(frame.filename) != _THIS_FILE:
            return frames[i:]
    return frames


def _xray_cause(error_type, message, frames):
    paths = []
    for frame in frames:
        if frame.filename not in paths:
            paths.append(frame.filename)
    return {
        "working_directory": os.getcwd(),
        "exceptions": [{
            "message": message,
            "type": error_type,
            "stack": [{"label": f.name, "path": f.filename, "line": f.lineno} for f in frames],
        }],
        "paths": paths,
    }


def error_from_exception(exc, request_id=None):
    """(error body, X-Ray cause) for an exception raised by user code or a runtime fault."""
    if isinstance(exc, RuntimeFault):
        return (make_error(exc.message, exc.error_type, exc.stack_trace, request_id),
                _xray_cause("LambdaValidationError", exc.message, []))
    frames = _user_frames(exc.__traceback__)
    error_type = type(exc).__name__
    return (make_error(str(exc), error_type, traceback.format_list(frames), request_id),
            _xray_cause(error_type, str(exc), frames))


def _log_error(error):
    """Writes the error to stdout as the Python runtime does: lines joined by CR, in one write."""
    if _log_format_is_json():
        record = {"timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                  "log_level": "ERROR"}
        record.update(error)
        sys.stdout.write(encode_json(record) + "\n")
        return
    head = "[ERROR]"
    if error["errorType"]:
        head += " " + error["errorType"]
    if error["errorMessage"]:
        head += (":" if error["errorType"] else "") + " " + error["errorMessage"]
    lines = [head, "Traceback (most recent call last):"]
    for element in error["stackTrace"]:
        if element == "":
            lines.append("")
        for line in element.splitlines():
            stripped = line.lstrip(" ")
            lines.append("\u00a0" * (len(line) - len(stripped)) + stripped)
    sys.stdout.write("\r".join(lines) + "\n")


# --- Handler loading --------------------------------------------------------------------------------

def load_handler(handler):
    try:
        module_name, function_name = handler.rsplit(".", 1)
    except ValueError as e:
        raise RuntimeFault(MALFORMED_HANDLER_NAME, "Bad handler '{}': {}".format(handler, e))
    try:
        if module_name.split(".")[0] in sys.builtin_module_names:
            raise RuntimeFault(
                BUILT_IN_MODULE_CONFLICT,
                "Cannot use built-in module {} as a handler module".format(module_name))
        module = importlib.import_module(module_name.replace("/", "."))
    except ImportError as e:
        raise RuntimeFault(IMPORT_MODULE_ERROR,
                           "Unable to import module '{}': {}".format(module_name, e))
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise RuntimeFault(USER_CODE_SYNTAX_ERROR,
                           "Syntax error in module '{}': {}".format(module_name, e), trace)
    try:
        return getattr(module, function_name)
    except AttributeError:
        raise RuntimeFault(HANDLER_NOT_FOUND, "Handler '{}' missing on module '{}'".format(
            function_name, module_name))


# --- Context ----------------------------------------------------------------------------------------

def _object_with(cls, values):
    obj = cls()
    for field in cls.__slots__:
        setattr(obj, field, values.get(field))
    return obj


def _slots_repr(obj):
    fields = ",".join("{}={}".format(f, getattr(obj, f)) for f in type(obj).__slots__)
    return "{}([{}])".format(type(obj).__name__, fields)


class CognitoIdentity:
    __slots__ = ["cognito_identity_id", "cognito_identity_pool_id"]
    __repr__ = _slots_repr


class Client:
    __slots__ = ["installation_id", "app_title", "app_version_name", "app_version_code",
                 "app_package_name"]
    __repr__ = _slots_repr


class ClientContext:
    __slots__ = ["custom", "env", "client"]
    __repr__ = _slots_repr


def _parse_json_header(value, name):
    try:
        return json.loads(value)
    except Exception as e:
        raise RuntimeFault(CONTEXT_UNMARSHAL_ERROR,
                           "Unable to parse {} JSON: {}".format(name, e))


class LambdaContext:
    """The handler's second argument, with the attributes of the Python runtime's context."""

    def __init__(self, request_id, invoked_function_arn, deadline_ms, client_context_json,
                 cognito_identity_json, tenant_id=None):
        env = os.environ
        self.aws_request_id = request_id
        self.log_group_name = env.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = env.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.function_name = env.get("AWS_LAMBDA_FUNCTION_NAME")
        # A string, as in AWS's runtime (it reads the environment variable as is).
        self.memory_limit_in_mb = env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.function_version = env.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = invoked_function_arn
        self.tenant_id = tenant_id
        self.client_context = None
        if client_context_json:
            values = _parse_json_header(client_context_json, "Client Context")
            self.client_context = _object_with(ClientContext, values)
            if self.client_context.client is not None:
                self.client_context.client = _object_with(Client, self.client_context.client)
        identity = {}
        if cognito_identity_json:
            values = _parse_json_header(cognito_identity_json, "Cognito Identity")
            identity = {"cognito_identity_id": values.get("cognitoIdentityId"),
                        "cognito_identity_pool_id": values.get("cognitoIdentityPoolId")}
        self.identity = _object_with(CognitoIdentity, identity)
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        remaining = self._deadline_ms - int(time.time() * 1000)
        return remaining if remaining > 0 else 0

    def log(self, msg):
        sys.stdout.write(str(msg))

    def __repr__(self):
        fields = ["aws_request_id", "log_group_name", "log_stream_name", "function_name",
                  "memory_limit_in_mb", "function_version", "invoked_function_arn",
                  "client_context", "identity", "tenant_id"]
        return "LambdaContext([{}])".format(
            ",".join("{}={}".format(f, getattr(self, f)) for f in fields))


# --- Logging ----------------------------------------------------------------------------------------

_current_request_id = None
_current_tenant_id = None


def _log_format_is_json():
    return (os.environ.get("AWS_LAMBDA_LOG_FORMAT") or "").upper() == "JSON"


class _RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _current_request_id or ""
        record.tenant_id = _current_tenant_id
        return True


class _StdoutHandler(logging.Handler):
    def emit(self, record):
        try:
            sys.stdout.write(self.format(record))
        except Exception:
            self.handleError(record)


_JSON_RESERVED = {
    "name", "msg", "args", "levelname", "levelno", "pathname", "filename", "module", "exc_info",
    "exc_text", "stack_info", "lineno", "funcName", "created", "msecs", "relativeCreated",
    "thread", "threadName", "processName", "process", "aws_request_id", "tenant_id",
    "taskName", "_frame_type",
}


class _JsonFormatter(logging.Formatter):
    """One JSON object per record, with the fields of the Python runtime's JSON log format."""

    def __init__(self):
        super().__init__(datefmt="%Y-%m-%dT%H:%M:%SZ")

    def format(self, record):
        level = min(50, max(0, record.levelno)) // 10 * 10
        exc = record.exc_info
        result = {
            "timestamp": self.formatTime(record, self.datefmt),
            "level": logging.getLevelName(level),
            "message": record.getMessage(),
            "logger": record.name,
            "stackTrace": traceback.format_tb(exc[2]) if exc else None,
            "errorType": exc[0].__name__ if exc else None,
            "errorMessage": str(exc[1]) if exc else None,
            "requestId": getattr(record, "aws_request_id", None),
            "location": ("{}:{}:{}".format(record.pathname, record.funcName, record.lineno)
                         if exc else None),
        }
        if getattr(record, "tenant_id", None) is not None:
            result["tenantId"] = record.tenant_id
        for key, value in record.__dict__.items():
            if key not in _JSON_RESERVED and key not in result:
                result[key] = value
        result = {k: v for k, v in result.items() if v is not None}
        return json.dumps(result, ensure_ascii=False, default=str) + "\n"


def setup_logging():
    """Root logger as in the Python runtime: one handler to stdout, UTC times, request id."""
    logging.Formatter.converter = time.gmtime
    handler = _StdoutHandler()
    if _log_format_is_json():
        handler.setFormatter(_JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter(
            "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n",
            "%Y-%m-%dT%H:%M:%S"))
    handler.addFilter(_RequestIdFilter())
    root = logging.getLogger()
    level = os.environ.get("AWS_LAMBDA_LOG_LEVEL")
    level = {None: "", "TRACE": "DEBUG"}.get(level, level).upper()
    if level in logging._nameToLevel:  # the check AWS's runtime makes
        root.setLevel(level)
    root.addHandler(handler)


class _Unbuffered:
    """Flushes after every write, so handler output reaches the instance log at once."""

    def __init__(self, stream):
        self._stream = stream

    def __getattr__(self, name):
        return getattr(self._stream, name)

    def write(self, text):
        n = self._stream.write(text)
        self._stream.flush()
        return n

    def writelines(self, lines):
        self._stream.writelines(lines)
        self._stream.flush()


# --- Main loop --------------------------------------------------------------------------------------

def handle_invocation(client, handler, headers, body):
    global _current_request_id, _current_tenant_id
    request_id = headers.get("Lambda-Runtime-Aws-Request-Id") or ""
    _current_request_id = request_id
    _current_tenant_id = headers.get("Lambda-Runtime-Aws-Tenant-Id") or None
    trace_id = headers.get("Lambda-Runtime-Trace-Id")
    if trace_id:
        os.environ["_X_AMZN_TRACE_ID"] = trace_id
    else:
        os.environ.pop("_X_AMZN_TRACE_ID", None)

    try:
        try:
            deadline_ms = int(headers.get("Lambda-Runtime-Deadline-Ms") or 0)
        except ValueError:
            deadline_ms = 0
        context = LambdaContext(
            request_id, headers.get("Lambda-Runtime-Invoked-Function-Arn"), deadline_ms,
            headers.get("Lambda-Runtime-Client-Context"),
            headers.get("Lambda-Runtime-Cognito-Identity"), _current_tenant_id)
        event = unmarshal_event(body, headers.get("Content-Type"))
        result = handler(event, context)
        payload, content_type = marshal_response(result)
    except Exception as e:  # BaseException (SystemExit, KeyboardInterrupt) ends the process
        error, xray_cause = error_from_exception(e, request_id)
        _log_error(error)
        client.post_invocation_error(request_id, error, xray_cause)
        return
    client.post_result(request_id, payload, content_type)


def _prepare_process(task_root):
    # The folder of this file is sys.path[0] when started as a script; user code must not see it.
    here = os.path.dirname(_THIS_FILE)
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
    if task_root:
        sys.path.insert(0, task_root)
        os.chdir(task_root)
    # An ignored SIGTERM would be inherited across exec; the runtime must die on it.
    if signal.getsignal(signal.SIGTERM) == signal.SIG_IGN:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    sys.stdout = _Unbuffered(sys.stdout)
    sys.stderr = _Unbuffered(sys.stderr)


def run():
    handler_name = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("_HANDLER", "")
    address = os.environ.get("AWS_LAMBDA_RUNTIME_API")
    if not address:
        sys.stderr.write("jobflow_lambda_python: AWS_LAMBDA_RUNTIME_API is not set\n")
        return 2
    _prepare_process(os.environ.get("LAMBDA_TASK_ROOT"))
    client = RuntimeApiClient(address)
    try:
        setup_logging()
        try:
            handler = load_handler(handler_name)
        except Exception as e:
            error, xray_cause = error_from_exception(e)
            logging.warning(_UNHANDLED_EXCEPTION_WARNING)
            _log_error(error)
            client.post_init_error(error, xray_cause)
            return 1
        while True:
            headers, body = client.next_invocation()
            handle_invocation(client, handler, headers, body)
    except RuntimeApiError as e:
        sys.stderr.write("jobflow_lambda_python: Runtime API request failed: {}\n".format(e))
        return 1


if __name__ == "__main__":
    sys.exit(run())
