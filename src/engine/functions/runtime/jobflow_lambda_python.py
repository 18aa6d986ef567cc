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

Start-up time is part of every cold start, so this module imports only what the first invocation
needs (json, socket); traceback, decimal, importlib and logging are imported where first used (see
"Figures" in src/engine/functions/README.md).
"""

import json
import os
import socket
import sys
import time

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

    _token = os.urandom(16).hex()

    def default(self, o):
        decimal_type = _decimal_type()
        if decimal_type is not None and isinstance(o, decimal_type):
            if o.is_nan():
                return float("nan")
            return self._token + str(o) + self._token
        return super().default(o)

    def encode(self, o):
        text = super().encode(o)
        if self._token in text:
            text = text.replace('"' + self._token, "").replace(self._token + '"', "")
        return text


def _decimal_type():
    """decimal.Decimal if anything has imported it: no Decimal can exist before that."""
    module = sys.modules.get("decimal") or sys.modules.get("_decimal")
    return getattr(module, "Decimal", None)


_ENCODERS = {}  # by ensure_ascii: an encoder holds no state between calls


def encode_json(value):
    ensure_ascii = os.environ.get("AWS_EXECUTION_ENV") not in _NON_ASCII_JSON_ENVS
    encoder = _ENCODERS.get(ensure_ascii)
    if encoder is None:
        encoder = _ENCODERS[ensure_ascii] = _ResultEncoder(ensure_ascii=ensure_ascii, allow_nan=True)
    return encoder.encode(value)


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
    """HTTP/1.1 client of the Runtime API on one kept-alive connection, no timeout (long poll).

    A raw socket rather than http.client: importing http.client (email, ssl, ...) took longer than
    the rest of the runtime's start, and the loopback Runtime API needs only Content-Length bodies
    (chunked and read-to-close bodies are understood too). A kept connection the server has closed
    in between (its idle timeout, while a long handler ran) is replaced once, for any request, if
    no byte of the answer arrived: the server closes only connections that carry no request.
    """

    def __init__(self, address):
        host_port, slash, prefix = address.partition("/")
        self.host_port = host_port
        self.prefix = ("/" + prefix.strip("/")) if slash and prefix.strip("/") else ""
        host, port = host_port, 80
        head, colon, tail = host_port.rpartition(":")
        if colon and tail.isdigit() and (not head.startswith("[") or head.endswith("]")):
            host, port = head, int(tail)
        self._address = (host.strip("[]"), port)
        self._sock = None
        self._buffer = b""

    def _connect(self):
        host, port = self._address
        try:  # bytes: a str host costs getaddrinfo an import of the idna codec
            host = host.encode("ascii")
        except UnicodeEncodeError:
            pass
        sock = socket.create_connection((host, port))
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._sock, self._buffer = sock, b""

    def close(self):
        if self._sock is not None:
            self._sock.close()
            self._sock, self._buffer = None, b""

    def _call(self, method, path, body=None, headers=None):
        url = self.prefix + _API_VERSION_PATH + path
        lines = ["{} {} HTTP/1.1".format(method, url), "Host: " + self.host_port]
        for name, value in (headers or {}).items():
            lines.append("{}: {}".format(name, value))
        if body is not None:
            lines.append("Content-Length: {}".format(len(body)))
        request = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "replace") + (body or b"")
        try:
            for attempt in (0, 1):
                reused = self._sock is not None
                if not reused:
                    self._connect()
                try:
                    try:
                        self._sock.sendall(request)
                    except (BrokenPipeError, ConnectionResetError):
                        raise _NothingReceived() from None
                    status, response_headers, payload = self._read_response()
                    break
                except _NothingReceived:
                    self.close()
                    if not reused or attempt:
                        raise ConnectionError("the connection closed before an answer")
        except OSError as e:
            self.close()
            raise RuntimeApiError("{} {} failed: {}".format(method, url, e)) from None
        if not 200 <= status < 300:
            raise RuntimeApiError("{} {} answered {}: {!r}".format(method, url, status, payload[:500]))
        return response_headers, payload

    def _recv(self):
        try:
            data = self._sock.recv(65536)
        except (ConnectionResetError, BrokenPipeError):
            data = b""
        return data

    def _read_response(self):
        buffer = self._buffer
        while True:
            end = buffer.find(b"\r\n\r\n")
            if end >= 0:
                break
            data = self._recv()
            if not data:
                if buffer:
                    raise ConnectionError("the connection closed inside an answer's head")
                raise _NothingReceived()
            buffer += data
        head, buffer = buffer[:end].decode("latin-1"), buffer[end + 4:]
        status_line, _, header_lines = head.partition("\r\n")
        parts = status_line.split(None, 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
            raise ConnectionError("malformed status line {!r}".format(status_line[:100]))
        status = int(parts[1])
        headers = _Headers()
        for line in header_lines.split("\r\n"):
            name, colon, value = line.partition(":")
            if colon:
                headers[name.strip().lower()] = value.strip()
        keep = parts[0] != "HTTP/1.0" and "close" not in headers.get("Connection", "").lower()
        if "chunked" in headers.get("Transfer-Encoding", "").lower():
            payload, buffer = self._read_chunked(buffer)
        elif "content-length" in headers:
            length = int(headers["content-length"])
            while len(buffer) < length:
                data = self._recv()
                if not data:
                    raise ConnectionError("the connection closed inside an answer's body")
                buffer += data
            payload, buffer = buffer[:length], buffer[length:]
        else:  # the body ends with the connection
            keep = False
            while True:
                data = self._recv()
                if not data:
                    break
                buffer += data
            payload, buffer = buffer, b""
        self._buffer = buffer
        if not keep:
            self.close()
        return status, headers, payload

    def _read_chunked(self, buffer):
        payload = b""
        while True:
            while b"\r\n" not in buffer:
                data = self._recv()
                if not data:
                    raise ConnectionError("the connection closed inside a chunked body")
                buffer += data
            size_line, buffer = buffer.split(b"\r\n", 1)
            size = int(size_line.split(b";")[0].strip() or b"0", 16)
            while len(buffer) < size + 2:
                data = self._recv()
                if not data:
                    raise ConnectionError("the connection closed inside a chunked body")
                buffer += data
            if size == 0:
                # Trailers, if any, end with an empty line.
                while not (buffer.startswith(b"\r\n") or b"\r\n\r\n" in buffer):
                    data = self._recv()
                    if not data:
                        break
                    buffer += data
                end = 2 if buffer.startswith(b"\r\n") else buffer.find(b"\r\n\r\n") + 4
                return payload, buffer[end:]
            payload += buffer[:size]
            buffer = buffer[size + 2:]

    def next_invocation(self):
        return self._call("GET", "/invocation/next")

    def post_result(self, request_id, body, content_type):
        self._call("POST", "/invocation/{}/response".format(request_id), body,
                   {"Content-Type": content_type})

    def post_invocation_error(self, request_id, error, xray_cause):
        self._call("POST", "/invocation/{}/error".format(request_id),
                   encode_json(error).encode("utf-8"), _error_headers(error, xray_cause))

    def post_init_error(self, error, xray_cause):
        self._call("POST", "/init/error", encode_json(error).encode("utf-8"),
                   _error_headers(error, xray_cause))


class _NothingReceived(Exception):
    """A kept connection ended before any byte of the answer."""


class _Headers(dict):
    """An answer's headers, by lower-cased name; get() takes any case, like http.client's."""

    def get(self, name, default=None):
        return dict.get(self, name.lower(), default)

    def __getitem__(self, name):
        return dict.__getitem__(self, name.lower())

    def __contains__(self, name):
        return dict.__contains__(self, name.lower())


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
    import traceback
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
    import traceback
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
        import importlib
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


_JSON_RESERVED = {
    "name", "msg", "args", "levelname", "levelno", "pathname", "filename", "module", "exc_info",
    "exc_text", "stack_info", "lineno", "funcName", "created", "msecs", "relativeCreated",
    "thread", "threadName", "processName", "process", "aws_request_id", "tenant_id",
    "taskName", "_frame_type",
}


def setup_logging():
    """Root logger as in the Python runtime: one handler to stdout, UTC times, request id."""
    import logging

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

    class _JsonFormatter(logging.Formatter):
        """One JSON object per record, with the fields of the Python runtime's JSON log format."""

        def __init__(self):
            super().__init__(datefmt="%Y-%m-%dT%H:%M:%SZ")

        def format(self, record):
            import traceback
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


class _OnImport:
    """A meta path finder that runs `action(module)` right after `name` is first executed.

    Used to set up logging the moment anything imports it: AWS's runtime configures the root
    logger before it loads the handler, but importing logging costs a cold start several
    milliseconds (threading, traceback, string, weakref) and a handler that never logs never needs
    it. The user's `import logging` (or boto3's) returns the module already set up, exactly as if
    it had been done first. Also used to point an old botocore at jobflow (see
    _endpoint_from_environment). The finder removes itself when the module is executed (not on a
    mere find_spec).
    """

    def __init__(self, name, action):
        self._name = name
        self._action = action

    def find_spec(self, name, path=None, target=None):
        if name != self._name:
            return None
        for finder in sys.meta_path:
            if finder is self:
                continue
            find_spec = getattr(finder, "find_spec", None)
            spec = find_spec(name, path, target) if find_spec else None
            if spec is not None:
                break
        else:
            return None
        if spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        spec.loader = _ActAfterExec(spec.loader, self)
        return spec

    def install(self):
        if self._name in sys.modules:
            self._action(sys.modules[self._name])
        else:
            sys.meta_path.insert(0, self)

    def uninstall(self):
        if self in sys.meta_path:
            sys.meta_path.remove(self)

    def act(self, module):
        self._action(module)


class _ActAfterExec:
    """The module's loader: runs the real loader, puts it back on the module, then the action."""

    def __init__(self, loader, finder):
        self._loader = loader
        self._finder = finder

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._finder.uninstall()
        module.__spec__.loader = module.__loader__ = self._loader
        self._loader.exec_module(module)
        self._finder.act(module)

    def __getattr__(self, name):
        return getattr(self._loader, name)


def setup_logging_when_imported():
    _OnImport("logging", lambda module: setup_logging()).install()


def _endpoint_from_environment(session_module):
    """Points clients of an old botocore at AWS_ENDPOINT_URL.

    AWS's SDKs read AWS_ENDPOINT_URL since botocore 1.31 (boto3 1.28, 2023); jobflow puts its own
    endpoint there so that unchanged function code reaches jobflow. Older versions, such as Debian
    12's boto3 1.26, ignore the variable and would call AWS itself: for them a client made without
    an explicit endpoint_url gets the variable's, as a newer botocore would do (and
    AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true turns that off, as it does there).
    """
    import botocore
    try:
        version = tuple(int(part) for part in botocore.__version__.split(".")[:2])
    except ValueError:
        return
    if version >= (1, 31):
        return
    original = session_module.Session.create_client

    def create_client(self, service_name, *args, **kwargs):
        endpoint = os.environ.get("AWS_ENDPOINT_URL")
        ignored = os.environ.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "").lower() == "true"
        # endpoint_url is create_client's sixth parameter (after region_name, api_version,
        # use_ssl and verify).
        if endpoint and not ignored and len(args) < 5 and kwargs.get("endpoint_url") is None:
            kwargs["endpoint_url"] = endpoint
        return original(self, service_name, *args, **kwargs)

    create_client.__wrapped__ = original
    session_module.Session.create_client = create_client


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
    # An ignored SIGTERM would be inherited across exec; the runtime must die on it. (_signal is
    # what `signal` wraps in enums; importing `signal` would cost enum's import.)
    import _signal
    if _signal.getsignal(_signal.SIGTERM) == _signal.SIG_IGN:
        _signal.signal(_signal.SIGTERM, _signal.SIG_DFL)
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
        setup_logging_when_imported()
        _OnImport("botocore.session", _endpoint_from_environment).install()
        try:
            handler = load_handler(handler_name)
        except Exception as e:
            error, xray_cause = error_from_exception(e)
            import logging  # sets the root logger up if nothing has imported logging yet
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
