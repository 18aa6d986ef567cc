#!/usr/bin/env python3
"""jobflow's interpreter for one Livy interactive session (kinds pyspark, sql, spark, shared).

The jobflow server starts one of these per session and drives it over a TCP connection on
127.0.0.1 with newline-delimited JSON (see README.md next to this file). Statements run one at a
time on the main thread, with the semantics of Apache Livy's Python REPL
(repl/src/main/resources/fake_shell.py): one persistent namespace, text/plain output made of
what the code printed plus the repr of a trailing expression, %json / %table / %matplot magics,
and Livy's error shape. When pyspark can be imported, `spark`, `sc` and `sqlContext` are a real
SparkSession, its SparkContext and an SQLContext; otherwise they are placeholders that explain
why Spark is unavailable. Scala statements (kind spark) run in Spark's own Scala REPL,
$SPARK_HOME/bin/spark-shell, driven as a child process over pipes (ScalaRunner).

Python 3.11 standard library only, one file: the server embeds it and writes it to disk.
"""

import argparse
import ast
import base64
import builtins
import collections
import datetime
import decimal
import hmac
import importlib.util
import io
import json
import keyword
import math
import os
import platform
import queue
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import types

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_ORPHANED = 3

RETAINED_STATEMENTS = 1000
SQL_MAX_ROWS = 1000  # Livy's livy.rsc.sql.num-rows default
CANCEL_INTERVAL_S = 0.1  # Livy's livy.rsc.job-cancel.trigger-interval
PROGRESS_INTERVAL_S = 0.5
HANDSHAKE_TIMEOUT_S = 10.0
MAX_LINE_BYTES = 64 * 1024 * 1024
MAX_PENDING_MESSAGES = 10000  # a server that stops reading is dropped, not buffered for forever
SPARK_STOP_TIMEOUT_S = 10.0
SCALA_START_TIMEOUT_S = 300.0  # spark-shell's start (JVM, SparkContext) until its first prompt
SCALA_STOP_TIMEOUT_S = 3.0  # after SIGTERM, before SIGKILL

# Frames of this file are dropped from the tracebacks users see.
_THIS_FILE = (lambda: None).__code__.co_filename

# The process's own streams are the session log; user code gets capturing streams instead.
_LOG_STDOUT = sys.stdout
_LOG_STDERR = sys.stderr


def log(message):
    try:
        _LOG_STDERR.write("jobflow-repl: %s\n" % message)
        _LOG_STDERR.flush()
    except (OSError, ValueError):
        pass


def now_ms():
    return int(time.time() * 1000)


def encode_message(message):
    """One protocol line. Lone surrogates in user text become '?' so the line is valid UTF-8."""
    text = json.dumps(message, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return (text + "\n").encode("utf-8", "replace")


def _safe_str(value):
    try:
        return str(value)
    except BaseException:  # a user __str__ may raise anything
        return "<unprintable %s object>" % type(value).__name__


# --------------------------------------------------------------------------------------------
# Statements
# --------------------------------------------------------------------------------------------

class StatementState:
    WAITING = "waiting"
    RUNNING = "running"
    AVAILABLE = "available"
    CANCELLING = "cancelling"
    CANCELLED = "cancelled"
    FINAL = frozenset({AVAILABLE, CANCELLED})


class Statement:
    """One statement's record. Mutated only under StatementStore's lock."""

    def __init__(self, statement_id, code, kind):
        self.id = statement_id
        self.code = code
        self.kind = kind
        self.state = StatementState.WAITING
        self.output = None
        self.progress = 0.0
        self.started = 0
        self.completed = 0
        self.finished = threading.Event()  # set on reaching a final state

    def to_json(self):
        return {
            "id": self.id,
            "state": self.state,
            "output": self.output,
            "progress": self.progress,
            "started": self.started,
            "completed": self.completed,
        }


class StatementStore:
    """Every statement the REPL knows, the FIFO of waiting ones, and their state transitions.

    Each change is published (as a statement event) while the lock is held, so events for one
    statement always leave in the order the changes happened, and a hello's snapshot (taken under
    the same lock) is never overtaken by an older event.
    """

    def __init__(self, publish, retain=RETAINED_STATEMENTS):
        self._cond = threading.Condition()
        self._records = collections.OrderedDict()
        self._waiting = collections.deque()
        self._publish = publish
        self._retain = retain
        # Ids are assigned 0, 1, 2, ... by the server; a resent id that was already dropped by
        # retention must not run a second time.
        self._highest_dropped = -1

    def locked(self, fn):
        """Calls fn(list of statement JSON, oldest first) with the store locked."""
        with self._cond:
            return fn([s.to_json() for s in self._records.values()])

    def add(self, statement_id, code, kind):
        with self._cond:
            if statement_id in self._records or statement_id <= self._highest_dropped:
                return False
            statement = Statement(statement_id, code, kind)
            self._records[statement_id] = statement
            self._waiting.append(statement)
            self._changed(statement)
            self._cond.notify_all()
            return True

    def take_next(self):
        """Blocks until a statement waits, marks it running and returns it (main thread)."""
        with self._cond:
            while True:
                while not self._waiting:
                    self._cond.wait()
                statement = self._waiting.popleft()
                if statement.state != StatementState.WAITING:
                    continue  # cancelled while it waited
                statement.state = StatementState.RUNNING
                statement.started = now_ms()
                self._changed(statement)
                return statement

    def finish(self, statement, output):
        """The code stopped: available with its output, or cancelled if a cancel was asked for."""
        with self._cond:
            if statement.state == StatementState.RUNNING:
                statement.output = output
                self._final(statement, StatementState.AVAILABLE)
            elif statement.state == StatementState.CANCELLING:
                self._final(statement, StatementState.CANCELLED)
            # CANCELLED already: the cancel timed out earlier; the late result is dropped.

    def cancel(self, statement_id):
        """Returns the statement if it is running and now cancelling (the caller interrupts it)."""
        with self._cond:
            statement = self._records.get(statement_id)
            if statement is None:
                return None
            if statement.state == StatementState.WAITING:
                self._final(statement, StatementState.CANCELLED)
            elif statement.state == StatementState.RUNNING:
                statement.state = StatementState.CANCELLING
                self._changed(statement)
                return statement
            return None

    def force_cancel(self, statement):
        """The cancel timed out: Livy marks the statement cancelled although its code still runs."""
        with self._cond:
            if statement.state != StatementState.CANCELLING:
                return False
            self._final(statement, StatementState.CANCELLED)
            return True

    def set_progress(self, statement, progress):
        with self._cond:
            if statement.state == StatementState.RUNNING and progress != statement.progress:
                statement.progress = progress
                self._changed(statement)

    def _final(self, statement, state):
        statement.state = state
        # Livy's Statement.updateProgress forces 1.0 once a statement is available or cancelled.
        statement.progress = 1.0
        statement.completed = now_ms()
        statement.finished.set()
        self._changed(statement)
        self._prune()

    def _changed(self, statement):
        self._publish({"event": "statement", "statement": statement.to_json()})

    def _prune(self):
        excess = len(self._records) - self._retain
        if excess <= 0:
            return
        for statement_id, statement in list(self._records.items()):
            if excess <= 0:
                break
            if statement.state in StatementState.FINAL:
                del self._records[statement_id]
                self._highest_dropped = max(self._highest_dropped, statement_id)
                excess -= 1


# --------------------------------------------------------------------------------------------
# Output capture
# --------------------------------------------------------------------------------------------

class _RoutedStream(io.TextIOBase):
    """sys.stdout / sys.stderr for user code: into the running statement's buffer, else the log.

    Livy swaps sys.stdout for one StringIO per statement, so output of every thread lands in the
    statement that is running. Between statements (e.g. a background thread printing) the text
    goes to the session log instead of leaking into the next statement's output.
    """

    def __init__(self, capture, index, real):
        super().__init__()
        self._capture = capture
        self._index = index
        self._real = real

    def write(self, s):
        if isinstance(s, (bytes, bytearray)):  # Livy's UnicodeDecodingStringIO accepts bytes too
            s = bytes(s).decode("utf-8", "replace")
        buffer = self._capture.buffer(self._index)
        if buffer is not None:
            return buffer.write(s)
        return self._real.write(s)

    def flush(self):
        if self._capture.buffer(self._index) is None:
            self._real.flush()

    def fileno(self):
        if self._capture.buffer(self._index) is not None:
            raise io.UnsupportedOperation("fileno")
        return self._real.fileno()

    def isatty(self):
        return False

    def writable(self):
        return True

    def close(self):
        pass  # user code closing sys.stdout must not close the log

    @property
    def closed(self):
        return False

    @property
    def encoding(self):
        return "utf-8"

    @property
    def errors(self):
        return "strict"


class OutputCapture:
    """Collects what a statement prints, stdout and stderr apart (Livy appends stderr last)."""

    def __init__(self, real_stdout, real_stderr):
        self._buffers = None
        self.stdout = _RoutedStream(self, 0, real_stdout)
        self.stderr = _RoutedStream(self, 1, real_stderr)

    def buffer(self, index):
        buffers = self._buffers
        return None if buffers is None else buffers[index]

    def install(self):
        sys.stdout = self.stdout
        sys.stderr = self.stderr
        sys.stdin = io.StringIO()  # reads see end of file

    def begin(self):
        # Re-installed for every statement, as Livy does, in case user code replaced them.
        self.install()
        self._buffers = (io.StringIO(), io.StringIO())

    def end(self):
        buffers, self._buffers = self._buffers, None
        if buffers is None:
            return "", ""
        return buffers[0].getvalue(), buffers[1].getvalue()


# --------------------------------------------------------------------------------------------
# Outputs
# --------------------------------------------------------------------------------------------

# The frame of the user's top-level code; Livy drops it and every frame above it.
_TOP_FRAME = re.compile(r'\s*File "<stdin>".*in <module>')


def error_content(exc_type, exc_value, tb):
    """Livy's error shape: ename, evalue and traceback lines ending in '\\n'.

    Like fake_shell.execute_reply_error: no chained exceptions, and the lines are the header
    followed by the frames below the user's `<module>` frame. Frames of this file are removed
    first, so the user sees only frames of their own code.
    """
    te = traceback.TracebackException(exc_type, exc_value, tb, compact=True)
    te.stack = traceback.StackSummary.from_list(
        [frame for frame in te.stack if frame.filename != _THIS_FILE])
    lines = list(te.format(chain=False))
    for i, line in enumerate(lines):
        if _TOP_FRAME.match(line):
            lines = lines[:1] + lines[i + 1:]
            break
    return {
        "status": "error",
        "ename": exc_type.__name__,
        "evalue": _safe_str(exc_value),
        "traceback": lines,
    }


def simple_error(ename, evalue):
    return {"status": "error", "ename": ename, "evalue": evalue,
            "traceback": ["%s: %s\n" % (ename, evalue)]}


# --------------------------------------------------------------------------------------------
# Python statements (Livy fake_shell.py semantics)
# --------------------------------------------------------------------------------------------

class UnknownMagic(Exception):
    pass


class _Interruptible:
    """Marks the stretches where the main thread runs user code; only there may a cancel's
    SIGINT raise KeyboardInterrupt (anywhere else it would break the REPL's own bookkeeping)."""

    def __init__(self):
        self.active = False

    def __enter__(self):
        self.active = True

    def __exit__(self, *exc):
        self.active = False
        return False


class _UserCodeFailed(Exception):
    def __init__(self, exc_info):
        super().__init__()
        self.exc_info = exc_info


class _MagicFailed(Exception):
    """A magic's error; Livy reports those without a traceback."""

    def __init__(self, error):
        super().__init__()
        self.error = error


class _CodeNode:
    def __init__(self, source):
        self.tree = compile(source, "<stdin>", "exec", ast.PyCF_ONLY_AST, dont_inherit=True)

    def execute(self, runner):
        runner.run_tree(self.tree)
        return None


class _MagicNode:
    def __init__(self, line):
        parts = line[1:].rstrip().split(" ", 1)
        self.name = parts[0]
        self.arg = parts[1].strip() if len(parts) > 1 else ""

    def execute(self, runner):
        return runner.run_magic(self.name, self.arg)


def parse_nodes(code):
    """Livy's parse: the whole code as Python; if that is a syntax error, split it into runs of
    Python lines and `%magic` lines (a magic line starts with '%' in column 0)."""
    try:
        return [_CodeNode(code)]
    except SyntaxError:
        pass
    chunks, normal = [], []
    for line in code.rstrip().split("\n"):
        if line.startswith("%"):
            if normal:
                chunks.append("\n".join(normal))
                normal = []
            chunks.append(line)
        else:
            normal.append(line)
    if normal:
        chunks.append("\n".join(normal))
    return [_MagicNode(c) if c.startswith("%") else _CodeNode(c) for c in chunks]


_TABLE_SCALAR_TYPES = {
    type(None): "NULL_TYPE",
    bool: "BOOLEAN_TYPE",
    int: "INT_TYPE",
    float: "DOUBLE_TYPE",
}
_TABLE_TEXT_TYPES = {
    str: "STRING_TYPE",
    datetime.date: "DATE_TYPE",
    datetime.datetime: "TIMESTAMP_TYPE",
    decimal.Decimal: "DECIMAL_TYPE",
}


def _table_cell(value):
    """(Livy type name, JSON value) of one %table cell; exact types as fake_shell matches them."""
    kind = type(value)
    if kind in _TABLE_SCALAR_TYPES:
        return _TABLE_SCALAR_TYPES[kind], value
    if kind in (list, tuple):
        return "ARRAY_TYPE", _table_uniform([_table_cell(item) for item in value])
    if kind is dict:
        keys = _table_uniform([_table_cell(k) for k in value.keys()])
        values = _table_uniform([_table_cell(v) for v in value.values()])
        return "MAP_TYPE", dict(zip(keys, values))
    return _TABLE_TEXT_TYPES.get(kind, "STRING_TYPE"), str(value)


def _table_uniform(cells):
    types_seen = {cell_type for cell_type, _ in cells}
    if len(types_seen) > 1:
        raise ValueError("value has inconsistent types")
    return [cell for _, cell in cells]


class PythonRunner:
    """Runs pyspark-kind statements in the session's namespace."""

    def __init__(self, namespace, capture, guard):
        self._ns = namespace
        self._capture = capture
        self._guard = guard
        self._magics = {"json": self._magic_json, "table": self._magic_table,
                        "matplot": self._magic_matplot}

    def execute(self, code):
        try:
            nodes = parse_nodes(code)
        except SyntaxError as e:
            return error_content(type(e), e, None)
        self._capture.begin()
        try:
            result, error = self._run_nodes(nodes)
        finally:
            stdout, stderr = self._capture.end()
        if error is not None:
            # Livy leaves what a failed statement printed in its buffer, to surface in the next
            # statement's output; jobflow writes it to the session log instead.
            _LOG_STDOUT.write(stdout)
            _LOG_STDERR.write(stderr)
            return error
        # Livy: text/plain = a magic's text + stdout + stderr, right-stripped; present when
        # non-empty or when there is no other data.
        data = dict(result or {})
        text = (data.pop("text/plain", "") + stdout + stderr).rstrip()
        if text or not data:
            data["text/plain"] = text
        return {"status": "ok", "data": data}

    def _run_nodes(self, nodes):
        """(data of the last node, None) or (None, error content)."""
        result = None
        try:
            for node in nodes:
                result = node.execute(self)
        except UnknownMagic as e:
            return None, error_content(type(e), e, None)
        except _MagicFailed as e:
            return None, e.error
        except _UserCodeFailed as e:
            return None, error_content(*e.exc_info)
        return result, None

    def run_tree(self, tree):
        # Livy runs every top-level statement but the last in 'exec' mode and the last in
        # 'single' mode, whose sys.displayhook prints the repr of a non-None expression.
        body = tree.body
        try:
            codes = [compile(ast.Module([node], type_ignores=[]), "<stdin>", "exec",
                             dont_inherit=True) for node in body[:-1]]
            codes += [compile(ast.Interactive([node]), "<stdin>", "single", dont_inherit=True)
                      for node in body[-1:]]
        except SyntaxError as e:  # e.g. 'return' outside function: found only when compiling
            raise _MagicFailed(error_content(type(e), e, None))
        try:
            with self._guard:
                for code in codes:
                    exec(code, self._ns)
        except BaseException:  # like Livy: SystemExit and KeyboardInterrupt become error outputs
            raise _UserCodeFailed(sys.exc_info())

    def run_magic(self, name, arg):
        if not name:
            raise UnknownMagic("magic command not specified")
        handler = self._magics.get(name)
        if handler is None:
            raise UnknownMagic("unknown magic command '%s'" % name)
        try:
            with self._guard:
                return handler(arg)
        except BaseException as e:
            raise _MagicFailed(error_content(type(e), e, None))

    def _lookup(self, arg):
        """Livy looks the argument up as a global name (KeyError if missing); jobflow also
        accepts any expression."""
        if not arg:
            raise ValueError("this magic needs a variable name or an expression, e.g. %json x")
        if arg.isidentifier() and not keyword.iskeyword(arg):
            return self._ns[arg]
        return eval(compile(arg, "<stdin>", "eval", dont_inherit=True), self._ns)

    def _magic_json(self, arg):
        return {"application/json": self._lookup(arg)}

    def _magic_table(self, arg):
        value = self._lookup(arg)
        if not isinstance(value, (list, tuple)):
            value = [value]
        headers, data = {}, []
        for row in value:
            cols = []
            data.append(cols)
            if type(row).__name__ == "Row":  # pyspark.sql.Row
                row = row.asDict()
            if not isinstance(row, (list, tuple, dict)):
                row = [row]
            items = enumerate(row) if isinstance(row, (list, tuple)) else sorted(row.items())
            for name, col in items:
                col_type, col = _table_cell(col)
                header = headers.get(name)
                if header is None:
                    headers[name] = {"name": str(name), "type": col_type}
                elif col_type != "NULL_TYPE" and header["type"] != col_type:
                    # A column may start with None values and get its type later.
                    if header["type"] != "NULL_TYPE":
                        raise Exception("table rows have different types")
                    header["type"] = col_type
                cols.append(col)
        return {"application/vnd.livy.table.v1+json": {
            "headers": [header for _, header in sorted(headers.items())],
            "data": data,
        }}

    def _magic_matplot(self, arg):
        if importlib.util.find_spec("matplotlib") is None:
            raise ModuleNotFoundError(
                "%matplot needs matplotlib, which is not installed on this server")
        value = self._lookup(arg)
        # Livy expects pyplot (`%matplot plt`) and takes its current figure; a Figure works too.
        figure = value.gcf() if hasattr(value, "gcf") else value
        image = io.BytesIO()
        figure.savefig(image, format="png")
        return {"image/png": base64.b64encode(image.getvalue()).decode("ascii"), "text/plain": ""}


# --------------------------------------------------------------------------------------------
# Spark
# --------------------------------------------------------------------------------------------

class SparkPlaceholder:
    """`spark`, `sc` and `sqlContext` when Spark is unavailable.

    sparkmagic runs the bare statement `spark` when a session starts and needs status ok, so
    the repr works; anything else explains why Spark is missing.
    """

    __slots__ = ("_jobflow_name", "_jobflow_summary", "_jobflow_reason")

    def __init__(self, name, summary, reason):
        object.__setattr__(self, "_jobflow_name", name)
        object.__setattr__(self, "_jobflow_summary", summary)
        object.__setattr__(self, "_jobflow_reason", reason)

    def _unavailable(self, what):
        return RuntimeError("%s on this jobflow server: '%s' is unavailable (%s)"
                            % (self._jobflow_summary, what, self._jobflow_reason))

    def __repr__(self):
        return "<jobflow: %s on this server; '%s' is unavailable (%s)>" % (
            self._jobflow_summary, self._jobflow_name, self._jobflow_reason)

    def __getattr__(self, attr):
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)  # keep Python's protocols (copy, pickle, ...) sane
        raise self._unavailable("%s.%s" % (self._jobflow_name, attr))

    def __setattr__(self, attr, value):
        raise self._unavailable("%s.%s" % (self._jobflow_name, attr))

    def __call__(self, *args, **kwargs):
        raise self._unavailable("%s(...)" % self._jobflow_name)

    def __dir__(self):
        return []


class SparkSetup:
    """Starts the SparkSession when pyspark can be imported, and wraps what the REPL asks of it."""

    def __init__(self):
        self.available = False
        self.error = None  # why Spark is unavailable
        self.summary = None  # "Spark is not installed" / "Spark could not be started"
        self.session = None
        self.sc = None
        self.sql_context = None
        self.version = None
        self._stop_lock = threading.Lock()
        self._stopped = False

    def start(self, conf):
        try:
            import pyspark
            from pyspark.sql import SparkSession
        except Exception as e:
            self.summary = "Spark is not installed"
            self.error = "pyspark cannot be imported: %s" % _safe_str(e)
            return
        self.version = getattr(pyspark, "__version__", None)
        try:
            builder = SparkSession.builder
            for key, value in conf.items():
                builder = builder.config(key, value)
            self.session = builder.getOrCreate()
            self.sc = self.session.sparkContext
        except Exception as e:
            self.summary = "Spark could not be started"
            self.error = "SparkSession could not be started: %s: %s" % (
                type(e).__name__, _safe_str(e))
            self.session = self.sc = None
            return
        self.sql_context = self._make_sql_context()
        self.available = True

    def _make_sql_context(self):
        # Livy's pyspark session has sqlContext = SQLContext.getOrCreate(sc); it is deprecated
        # in Spark 3, so fall back to the session, which answers the same calls.
        try:
            import warnings
            from pyspark.sql import SQLContext
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return SQLContext.getOrCreate(self.sc)
        except Exception:
            return self.session

    def namespace_entries(self):
        if self.available:
            return {"spark": self.session, "sc": self.sc, "sqlContext": self.sql_context}
        return {name: SparkPlaceholder(name, self.summary, self.error)
                for name in ("spark", "sc", "sqlContext")}

    def unavailable_message(self, what):
        """E.g. "Spark is not installed on this jobflow server: <what> (pyspark cannot ...)"."""
        return "%s on this jobflow server: %s (%s)" % (self.summary, what, self.error)

    def app_id(self):
        return self._sc_attribute("applicationId")

    def ui_url(self):
        return self._sc_attribute("uiWebUrl")

    def _sc_attribute(self, name):
        if not self.available:
            return None
        try:
            value = getattr(self.sc, name)
            return None if value is None else str(value)
        except Exception:
            return None

    # Livy names each statement's job group after the statement id.
    def set_job_group(self, statement_id):
        if self.available:
            try:
                self.sc.setJobGroup(str(statement_id),
                                    "Job group for statement %d" % statement_id)
            except Exception as e:
                log("setJobGroup failed for statement %d: %s" % (statement_id, e))

    def cancel_job_group(self, statement_id):
        if self.available:
            try:
                self.sc.cancelJobGroup(str(statement_id))
            except Exception as e:
                log("cancelJobGroup failed for statement %d: %s" % (statement_id, e))

    def progress(self, statement_id):
        """Completed tasks / all tasks over the statement's jobs (Livy's progressOfStatement)."""
        tracker = self.sc.statusTracker()
        total = done = 0
        for job_id in tracker.getJobIdsForGroup(str(statement_id)):
            job = tracker.getJobInfo(job_id)
            if job is None:
                continue
            for stage_id in job.stageIds:
                stage = tracker.getStageInfo(stage_id)
                if stage is None:
                    continue
                total += stage.numTasks
                done += stage.numCompletedTasks
        return done / total if total else 0.0

    def stop(self, timeout):
        """Stops the SparkSession once; gives up after `timeout` so exiting cannot hang."""
        with self._stop_lock:
            if not self.available or self._stopped:
                return
            self._stopped = True

        def stop():
            try:
                self.session.stop()
            except Exception as e:
                log("stopping Spark failed: %s" % e)

        thread = threading.Thread(target=stop, name="spark-stop", daemon=True)
        thread.start()
        thread.join(timeout)


def _sql_value(value):
    """One SQL result cell as JSON (Livy serialises Spark's Row values with json4s)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (datetime.date, datetime.time, datetime.timedelta)):
        return str(value)
    if isinstance(value, (bytes, bytearray)):
        return list(value)
    if isinstance(value, tuple) and hasattr(value, "asDict"):  # a struct column: pyspark Row
        return {str(k): _sql_value(v) for k, v in value.asDict().items()}
    if isinstance(value, (list, tuple)):
        return [_sql_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _sql_value(v) for k, v in value.items()}
    return str(value)


class SqlRunner:
    """Runs sql-kind statements: Livy's SQLInterpreter returns application/json
    {"schema": <the DataFrame's schema JSON>, "data": [[...], ...]}, at most 1000 rows."""

    def __init__(self, spark, guard):
        self._spark = spark
        self._guard = guard

    def execute(self, code):
        if not self._spark.available:
            return simple_error("RuntimeError",
                                self._spark.unavailable_message("SQL statements cannot run"))
        try:
            with self._guard:
                frame = self._spark.session.sql(code)
                schema = json.loads(frame.schema.json())
                rows = frame.take(SQL_MAX_ROWS)
        except BaseException as e:
            error = error_content(type(e), e, e.__traceback__)
            error["ename"] = "Error"  # SQLInterpreter reports every failure as "Error"
            return error
        data = [[_sql_value(v) for v in row] for row in rows]
        return {"status": "ok", "data": {"application/json": {"schema": schema, "data": data}}}


# --------------------------------------------------------------------------------------------
# Scala statements: Spark's own Scala REPL (spark-shell) as a child process
# --------------------------------------------------------------------------------------------

# A prompt at the start of a line (the REPL prints it before reading, so with piped input the
# next output follows it on the same line). Scala 2.12 and 2.13 both use "scala> ".
_SCALA_PROMPT = re.compile(r"^(?:scala> ?)+")
# Compile errors: "<console>:24: error: ..." (interpret), "<pastie>:3: error: ..." or
# "/path/file.scala:3: error: ..." (paste), and Scala 2.13's indented "       error: ...".
_SCALA_COMPILE_ERROR = re.compile(r"^(?:\S.*?:\d+: error: |\s+error: )")
# An uncaught exception as the REPL prints it: "java.lang.ArithmeticException: / by zero",
# then "  at ..." frames, ending with "  ... 32 elided".
_SCALA_EXCEPTION = re.compile(
    r"^(?:[A-Za-z_$][\w$]*\.)*[A-Za-z_$][\w$]*(?:Exception|Error|Throwable)[\w$]*(?::.*)?$")
_SCALA_FRAME = re.compile(r"^\s+(?:at \S.*|\.\.\. \d+ (?:elided|more))$")
_SCALA_INCOMPLETE = "The pasted code is incomplete!"


def scala_output(text):
    """Livy's SparkInterpreter result for the REPL's output of one statement (prompts, echo and
    paste banners already removed): ok with text/plain, or Livy's error shape.

    Livy (AbstractSparkInterpreter.executeLine / parseError, Session.executeCode) reports a
    compile error and an uncaught exception alike: ename "Error", evalue the first line of the
    REPL's error output, traceback the lines after it (each ending in "\\n"); an incomplete
    statement is "Error" / "incomplete statement" with no traceback. Success is the REPL's output
    as it is, e.g. "res0: Int = 2\\n".
    """
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    if _SCALA_INCOMPLETE in lines:
        return {"status": "error", "ename": "Error", "evalue": "incomplete statement",
                "traceback": []}
    start = next((i for i, line in enumerate(lines) if _SCALA_COMPILE_ERROR.match(line)), None)
    if start is None:
        last = next((line for line in reversed(lines) if line.strip()), "")
        if _SCALA_FRAME.match(last):
            first_frame = next(i for i, line in enumerate(lines) if _SCALA_FRAME.match(line))
            start = next((i for i in range(first_frame) if _SCALA_EXCEPTION.match(lines[i])),
                         None)
    if start is None:
        return {"status": "ok", "data": {"text/plain": text}}
    # What the statement printed before failing goes to the session log (as for Python).
    before = "".join(line + "\n" for line in lines[:start])
    if before.strip():
        _LOG_STDOUT.write(before)
        _LOG_STDOUT.flush()
    return {"status": "error", "ename": "Error", "evalue": lines[start].strip(),
            "traceback": [line + "\n" for line in lines[start + 1:]]}


class _ShellGone(Exception):
    pass


class ScalaRunner:
    """Runs spark-kind (Scala) statements in $SPARK_HOME/bin/spark-shell.

    The shell starts on the first Scala statement (or at startup for spark sessions) with the
    session's Spark conf as --conf options. Each statement's code is written to a file and run
    with `:paste FILE` (the REPL compiles it as one unit, as a paste), followed by a line that
    prints a sentinel; what the REPL prints up to the sentinel is the statement's output. Input
    never goes through the REPL's line editor, so any code (tabs, lines like `:quit`, a lone
    Ctrl-D) runs as written. Whether or not the REPL echoes piped input, prompts, the echo and
    the paste banner are removed. Its stderr (Spark's log) goes to the session log.
    """

    def __init__(self, conf, work_dir):
        self._conf = conf
        # Statement files go to the session's directory (the connection file's), each removed
        # once run; `:paste FILE` splits its argument at spaces, so such a path is avoided.
        self._work_dir = work_dir
        self._proc = None
        self._lines = None  # stdout lines, None at end of stream (filled by a reader thread)
        self._dir = None
        self._ready = False
        self._count = 0
        self._token = secrets.token_hex(8)
        self._lock = threading.Lock()  # process start and stop

    @staticmethod
    def shell_path():
        """(path, None) or (None, why spark-shell cannot be found)."""
        home = os.environ.get("SPARK_HOME")
        if not home:
            return None, "SPARK_HOME is not set"
        path = os.path.join(home, "bin", "spark-shell")
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            return None, "%s is not an executable file" % path
        return path, None

    def launch(self):
        """Starts spark-shell unless it runs; returns None or why it could not be started."""
        with self._lock:
            if self._proc is not None:
                return None
            path, error = self.shell_path()
            if error is not None:
                return error
            args = [path]
            for key, value in self._conf.items():
                args += ["--conf", "%s=%s" % (key, value)]
            env = dict(os.environ)
            # No line editor on a pipe: jline 2 (Scala 2.12) and jline 3 (2.13) read plainly.
            env["SPARK_SUBMIT_OPTS"] = (env.get("SPARK_SUBMIT_OPTS", "")
                                        + " -Djline.terminal=jline.UnsupportedTerminal").strip()
            env["TERM"] = "dumb"
            try:
                self._dir = self._work_dir
                if re.search(r"\s", self._dir):
                    self._dir = tempfile.gettempdir()
                # Its own session: no controlling terminal for jline to take over, and a stray
                # SIGINT to the REPL's group cannot end it (spark-shell exits on SIGINT when no
                # job runs). It exits at end of input if this process dies.
                self._proc = subprocess.Popen(
                    args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=None, env=env,
                    start_new_session=True)
            except OSError as e:
                self._proc = None
                return "%s could not be started: %s" % (path, e)
            self._lines = queue.Queue()
            threading.Thread(target=self._read, args=(self._proc.stdout, self._lines),
                             daemon=True, name="spark-shell-out").start()
            self._ready = False
            log("started %s (pid %d) for Scala statements" % (path, self._proc.pid))
            return None

    @staticmethod
    def _read(stream, lines):
        try:
            for raw in stream:
                lines.put(raw.decode("utf-8", "replace").rstrip("\r\n"))
        except (OSError, ValueError):
            pass
        lines.put(None)

    def execute(self, code):
        error = self.launch()
        if error is not None:
            return simple_error("RuntimeError",
                                "Spark is not installed on this jobflow server (%s); Scala "
                                "statements need $SPARK_HOME/bin/spark-shell" % error)
        try:
            if not self._ready:
                self._await_start()
            return scala_output(self._run(code))
        except _ShellGone as e:
            self._reset()
            return simple_error("RuntimeError", str(e))

    def _await_start(self):
        """Reads the banner (to the session log) until the REPL answers a first sentinel."""
        sentinel = self._send_sentinel()
        banner = self._read_until(sentinel, time.monotonic() + SCALA_START_TIMEOUT_S)
        for line in banner:
            _LOG_STDOUT.write(line + "\n")
        _LOG_STDOUT.flush()
        self._ready = True

    def _run(self, code):
        self._count += 1
        name = "scala-statement-%d-%d.scala" % (os.getpid(), self._count)
        path = os.path.join(self._dir, name)
        with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w",
                  encoding="utf-8") as f:
            f.write(code)
        try:
            command = ":paste %s" % path
            self._write(command + "\n")
            sentinel = self._send_sentinel()
            lines = self._read_until(sentinel, None)
        finally:
            try:
                os.unlink(path)
            except OSError:
                pass
        noise = {command, "Pasting file %s..." % path, "File contains no code: %s" % path}
        kept = []
        for line in lines:
            if (line in noise or line.startswith("// Entering paste mode")
                    or line.startswith("// Exiting paste mode")
                    or line.startswith('println("<<jobflow-end-%s-' % self._token)):
                continue
            kept.append(line)
        while kept and not kept[0].strip():
            kept.pop(0)
        while kept and not kept[-1].strip():
            kept.pop()
        return "".join(line + "\n" for line in kept)

    def _send_sentinel(self):
        self._count += 1
        sentinel = "<<jobflow-end-%s-%d>>" % (self._token, self._count)
        self._write('println("%s")\n' % sentinel)
        return sentinel

    def _write(self, text):
        try:
            self._proc.stdin.write(text.encode("utf-8"))
            self._proc.stdin.flush()
        except (OSError, ValueError, AttributeError):  # AttributeError: stopped meanwhile
            raise _ShellGone(self._gone_message())

    def _read_until(self, sentinel, deadline):
        """The lines before the sentinel's line, prompts removed."""
        lines = []
        while True:
            timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                line = self._lines.get(timeout=timeout)
            except queue.Empty:
                raise _ShellGone("spark-shell did not start within %g s (see the session log)"
                                 % SCALA_START_TIMEOUT_S)
            if line is None:
                raise _ShellGone(self._gone_message())
            line = _SCALA_PROMPT.sub("", line)
            if line == sentinel:
                return lines
            lines.append(line)

    def _gone_message(self):
        code, proc = None, self._proc
        if proc is not None:
            try:
                code = proc.wait(SCALA_STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                pass
        when = "while running this statement" if self._ready else "before it was ready"
        return ("spark-shell exited with code %s %s (see the session log); the next Scala "
                "statement starts a new one, without this one's definitions" % (code, when))

    def _reset(self):
        self.stop(SCALA_STOP_TIMEOUT_S)

    def stop(self, timeout):
        """Ends spark-shell (end of input, SIGTERM, then SIGKILL after `timeout`)."""
        with self._lock:
            proc, self._proc = self._proc, None
            self._ready = False
        if proc is not None:
            try:
                proc.stdin.close()
            except (OSError, ValueError):
                pass
            for sig in (signal.SIGTERM, signal.SIGKILL):
                if proc.poll() is not None:
                    break
                try:
                    os.killpg(proc.pid, sig)
                except OSError:
                    pass
                try:
                    proc.wait(timeout)
                except subprocess.TimeoutExpired:
                    pass


# --------------------------------------------------------------------------------------------
# Completion
# --------------------------------------------------------------------------------------------

# A dotted name (`a.b.c`), then '.', then the partial attribute; or just a partial name.
_COMPLETION_TARGET = re.compile(
    r"(?:(?P<obj>[^\W\d]\w*(?:\s*\.\s*[^\W\d]\w*)*)\s*\.\s*)?(?P<prefix>[^\W\d]\w*|)$")


class Completer:
    """rlcompleter-like completion against the session namespace.

    Candidates are the bare names that complete the identifier before the cursor (`os.pa` ->
    `path`, `pardir`, ...), the shape Livy's Scala completion returns. Only dotted names are
    resolved (with getattr, never eval), so completing cannot run arbitrary user code.
    """

    def __init__(self, namespace):
        self._ns = namespace

    def complete(self, code, cursor):
        match = _COMPLETION_TARGET.search(code[:cursor])
        if match is None:
            return []
        obj, prefix = match.group("obj"), match.group("prefix")
        if obj is None:
            if not prefix:
                return []
            names = set(keyword.kwlist) | set(self._names()) | set(dir(builtins))
        else:
            try:
                names = set(dir(self._resolve(obj)))
            except Exception:
                return []
            # rlcompleter hides private names unless the prefix asks for them.
            if not prefix:
                names = {n for n in names if not n.startswith("_")}
            elif prefix == "_":
                names = {n for n in names if not n.startswith("__")}
        return sorted(n for n in names if n.startswith(prefix))

    def _names(self):
        for _ in range(3):  # the main thread may be changing the namespace right now
            try:
                return list(self._ns)
            except RuntimeError:
                pass
        return []

    def _resolve(self, dotted):
        parts = [part.strip() for part in dotted.split(".")]
        if parts[0] in self._ns:
            value = self._ns[parts[0]]
        else:
            value = getattr(builtins, parts[0])
        for part in parts[1:]:
            value = getattr(value, part)
        return value


# --------------------------------------------------------------------------------------------
# Execution on the main thread, and cancelling
# --------------------------------------------------------------------------------------------

class Executor:
    """Runs statements FIFO on the main thread, so a cancel can interrupt them with SIGINT."""

    def __init__(self, store, spark, python_runner, sql_runner, scala_runner, guard):
        self._store = store
        self._spark = spark
        self._python = python_runner
        self._sql = sql_runner
        self._scala = scala_runner
        self._guard = guard
        self._main_thread_id = threading.main_thread().ident
        self.current = None  # the statement whose code the main thread runs

    def install_interrupt_handler(self):
        # After Spark started: pyspark's SparkContext installs its own SIGINT handler.
        signal.signal(signal.SIGINT, self._on_sigint)

    def _on_sigint(self, signum, frame):
        statement = self.current
        if (self._guard.active and statement is not None
                and statement.state == StatementState.CANCELLING):
            raise KeyboardInterrupt
        # Anything else (a stray Ctrl-C to the process group, a repeat that arrives after the
        # statement ended or was force-cancelled) is ignored.

    def interrupt(self, statement):
        """Called from a canceller thread; a real signal also breaks blocking calls (sleep)."""
        if self.current is statement and self._guard.active:
            signal.pthread_kill(self._main_thread_id, signal.SIGINT)

    def run_forever(self):
        while True:
            try:
                statement = self._store.take_next()
                self.current = statement
                output = self._execute(statement)
                self._finish(output)
            except KeyboardInterrupt:
                # The interrupt landed just after the user code returned, in our own code. The
                # handler raises only for a cancelling statement, so it ends cancelled and this
                # output is dropped.
                self._guard.active = False
                statement = self.current
                self._finish(None if statement is None else self._output(
                    statement.id, simple_error("KeyboardInterrupt", "interrupted")))

    def _finish(self, output):
        statement, self.current = self.current, None
        if statement is not None:
            self._store.finish(statement, output)

    def _execute(self, statement):
        self._spark.set_job_group(statement.id)
        if statement.kind == "pyspark":
            content = self._python.execute(statement.code)
        elif statement.kind == "sql":
            content = self._sql.execute(statement.code)
        elif statement.kind == "spark":
            # Outside the guard: a cancel's SIGINT must not break off reading the shell's
            # output mid-statement (see "How cancel works" in README.md).
            content = self._scala.execute(statement.code)
        else:
            content = {"status": "error", "ename": "InterpreterError",
                       "evalue": "jobflow runs only pyspark, sql and spark (Scala) statements, "
                                 "not %s" % statement.kind, "traceback": []}
        output = self._output(statement.id, content)
        try:
            encode_message(output)
        except (TypeError, ValueError) as e:  # e.g. %json of a set, or of NaN
            output = self._output(statement.id, error_content(type(e), e, None))
        return output

    @staticmethod
    def _output(statement_id, content):
        # Livy's execution_count is the statement id (Session.executeCode).
        output = {"status": content["status"], "execution_count": statement_id}
        output.update((k, v) for k, v in content.items() if k != "status")
        return output


class Canceller:
    """Interrupts a cancelling statement every 100 ms (and cancels its Spark job group) until it
    stops, or marks it cancelled after the cancel timeout as Livy does."""

    def __init__(self, store, executor, spark, timeout):
        self._store = store
        self._executor = executor
        self._spark = spark
        self._timeout = timeout

    def start(self, statement):
        threading.Thread(target=self._run, args=(statement,), daemon=True,
                         name="cancel-%d" % statement.id).start()

    def _run(self, statement):
        deadline = time.monotonic() + self._timeout
        while statement.state == StatementState.CANCELLING:
            if time.monotonic() >= deadline:
                if self._store.force_cancel(statement):
                    log("statement %d still runs %gs after its cancel; marked cancelled"
                        % (statement.id, self._timeout))
                return
            self._executor.interrupt(statement)
            self._spark.cancel_job_group(statement.id)
            statement.finished.wait(CANCEL_INTERVAL_S)


class ProgressReporter:
    """With Spark, samples the running statement's job progress and publishes changes."""

    def __init__(self, store, executor, spark):
        self._store = store
        self._executor = executor
        self._spark = spark

    def start(self):
        threading.Thread(target=self._run, daemon=True, name="progress").start()

    def _run(self):
        while True:
            time.sleep(PROGRESS_INTERVAL_S)
            statement = self._executor.current
            if statement is None or statement.state != StatementState.RUNNING:
                continue
            try:
                progress = self._spark.progress(statement.id)
            except Exception:
                continue
            self._store.set_progress(statement, progress)


# --------------------------------------------------------------------------------------------
# Network
# --------------------------------------------------------------------------------------------

class ProtocolError(Exception):
    pass


class Connection:
    """One server connection: lines in on the reading thread, lines out through a queue that a
    writer thread drains, so sends never block the caller and never interleave."""

    def __init__(self, sock, peer):
        self.peer = peer
        self._sock = sock
        self._reader = sock.makefile("rb")
        self._cond = threading.Condition()
        self._pending = collections.deque()
        self._closed = False

    def settimeout(self, seconds):
        self._sock.settimeout(seconds)

    def read_message(self):
        """The next message, None at end of stream; ValueError for a line that is not JSON."""
        while True:
            line = self._reader.readline(MAX_LINE_BYTES + 1)
            if not line:
                return None
            if len(line) > MAX_LINE_BYTES:
                raise ProtocolError("line longer than %d bytes" % MAX_LINE_BYTES)
            if line.strip():
                return json.loads(line.decode("utf-8"))

    def send(self, message):
        try:
            data = encode_message(message)
        except (TypeError, ValueError) as e:
            log("dropped an unencodable message: %s" % e)
            return
        with self._cond:
            if self._closed:
                return
            overflow = len(self._pending) >= MAX_PENDING_MESSAGES
            if not overflow:
                self._pending.append(data)
                self._cond.notify()
                return
        log("server at %s is not reading; dropping the connection" % self.peer)
        self.close()

    def start_writer(self):
        threading.Thread(target=self._write_loop, daemon=True, name="writer").start()

    def _write_loop(self):
        while True:
            with self._cond:
                while not self._pending and not self._closed:
                    self._cond.wait()
                if self._closed:
                    return
                data = self._pending.popleft()
            try:
                self._sock.sendall(data)
            except OSError as e:
                log("sending to %s failed (%s); dropping the connection" % (self.peer, e))
                self.close()
                return

    def close(self):
        with self._cond:
            if self._closed:
                return
            self._closed = True
            self._pending.clear()
            self._cond.notify_all()
        try:
            self._sock.shutdown(socket.SHUT_RDWR)  # wakes the reading thread
        except OSError:
            pass
        self._sock.close()

    def close_reader(self):
        try:
            self._reader.close()
        except OSError:
            pass


class Server:
    """Listens on 127.0.0.1, authenticates connections, keeps at most one current connection and
    exits the process when none has existed for the orphan timeout."""

    def __init__(self, token, handler, orphan_timeout):
        self._token = token.encode("utf-8")
        self._handler = handler
        self._orphan_timeout = orphan_timeout
        self._cond = threading.Condition()
        self._current = None
        self._disconnected_since = time.monotonic()
        self._listener = None

    def listen(self):
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        return self._listener.getsockname()[1]

    def start(self, on_orphaned):
        threading.Thread(target=self._accept_loop, daemon=True, name="accept").start()
        if self._orphan_timeout > 0:
            threading.Thread(target=self._watch_orphan, args=(on_orphaned,), daemon=True,
                             name="orphan-watch").start()

    def activate(self, conn, hello):
        """Makes `conn` the current connection with `hello` as its first line; returns the
        connection it replaces (the caller closes it)."""
        with self._cond:
            previous, self._current = self._current, conn
            conn.send(hello)
            conn.start_writer()
            self._cond.notify_all()
            return previous

    def broadcast(self, message):
        """Sends to the current connection; with none, the message is dropped (the next hello's
        statement list is the sync)."""
        with self._cond:
            if self._current is not None:
                self._current.send(message)

    def _accept_loop(self):
        while True:
            try:
                sock, address = self._listener.accept()
            except OSError as e:
                log("accept failed: %s" % e)
                time.sleep(0.1)  # e.g. out of file descriptors; don't spin
                continue
            # Events are small writes with no reply: without TCP_NODELAY, Nagle holds the second
            # of two (running, then available) until the server's delayed ACK, 40 ms later.
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            peer = "%s:%d" % address[:2]
            threading.Thread(target=self._serve, args=(sock, peer), daemon=True,
                             name="conn-%s" % peer).start()

    def _serve(self, sock, peer):
        conn = Connection(sock, peer)
        try:
            if not self._authenticate(conn):
                return
            log("server connected from %s" % peer)
            self._handler.on_authenticated(conn)
            while True:
                try:
                    message = conn.read_message()
                except ValueError as e:
                    log("ignored a line that is not JSON: %s" % e)
                    continue
                if message is None or not self._is_current(conn):
                    break
                self._handler.on_message(conn, message)
        except (OSError, ProtocolError) as e:
            log("connection from %s failed: %s" % (peer, e))
        finally:
            conn.close()
            conn.close_reader()
            self._deactivate(conn)

    def _authenticate(self, conn):
        conn.settimeout(HANDSHAKE_TIMEOUT_S)
        try:
            message = conn.read_message()
        except (OSError, ValueError, ProtocolError) as e:
            log("rejected connection from %s: %s" % (conn.peer, e))
            return False
        token = message.get("token") if isinstance(message, dict) else None
        if not (isinstance(message, dict) and message.get("op") == "hello"
                and isinstance(token, str)):
            log("rejected connection from %s: the first message must be a hello" % conn.peer)
            return False
        if not hmac.compare_digest(token.encode("utf-8"), self._token):
            log("rejected connection from %s: wrong token" % conn.peer)
            return False
        conn.settimeout(None)
        return True

    def _is_current(self, conn):
        with self._cond:
            return self._current is conn

    def _deactivate(self, conn):
        with self._cond:
            if self._current is not conn:
                return
            self._current = None
            self._disconnected_since = time.monotonic()
            self._cond.notify_all()
        log("server at %s disconnected" % conn.peer)

    def _watch_orphan(self, on_orphaned):
        with self._cond:
            while True:
                if self._current is not None:
                    self._cond.wait()
                    continue
                remaining = self._disconnected_since + self._orphan_timeout - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
        on_orphaned()


# --------------------------------------------------------------------------------------------
# The REPL: wiring and the operations
# --------------------------------------------------------------------------------------------

def make_namespace(spark):
    """The user namespace, installed as module __main__ so that pickling works for classes and
    functions defined in statements, and so `import __main__` does not reach the REPL."""
    module = types.ModuleType("__main__")
    namespace = module.__dict__
    for name in ("__doc__", "__package__", "__loader__", "__spec__"):
        namespace.pop(name, None)
    namespace["__builtins__"] = builtins
    namespace.update(spark.namespace_entries())
    sys.modules["__main__"] = module
    return namespace


class Repl:
    def __init__(self, session_kind, token, spark, scala, orphan_timeout, cancel_timeout):
        self._default_kind = _normal_kind(session_kind)
        if self._default_kind not in ("sql", "spark"):
            self._default_kind = "pyspark"
        self._spark = spark
        self._scala = scala
        self._orphan_timeout = orphan_timeout
        self._server = Server(token, self, orphan_timeout)
        self._store = StatementStore(self._server.broadcast)
        namespace = make_namespace(spark)
        self._capture = OutputCapture(_LOG_STDOUT, _LOG_STDERR)
        guard = _Interruptible()
        self._executor = Executor(self._store, spark, PythonRunner(namespace, self._capture, guard),
                                  SqlRunner(spark, guard), scala, guard)
        self._canceller = Canceller(self._store, self._executor, spark, cancel_timeout)
        self._completer = Completer(namespace)
        self._exit_lock = threading.Lock()
        self._ops = {"execute": self._op_execute, "cancel": self._op_cancel,
                     "complete": self._op_complete, "shutdown": self._op_shutdown,
                     "hello": self._op_hello}

    def listen(self):
        return self._server.listen()

    def run(self):
        """Serves until shutdown or orphaning; the main thread runs the statements."""
        self._server.start(self._on_orphaned)
        if self._spark.available:
            ProgressReporter(self._store, self._executor, self._spark).start()
        self._executor.install_interrupt_handler()
        self._capture.install()
        self._executor.run_forever()

    # Called by the Server -------------------------------------------------------------------

    def on_authenticated(self, conn):
        def activate(statements):
            return self._server.activate(conn, {
                "event": "hello",
                "pid": os.getpid(),
                "python": platform.python_version(),
                "spark": self._spark.available,
                "spark_error": self._spark.error,
                "app_id": self._spark.app_id(),
                "spark_ui_url": self._spark.ui_url(),
                "statements": statements,
            })

        previous = self._store.locked(activate)
        if previous is not None:
            log("a new server connection replaces the one from %s" % previous.peer)
            previous.close()

    def on_message(self, conn, message):
        op = message.get("op") if isinstance(message, dict) else None
        handler = self._ops.get(op)
        if handler is None:
            log("ignored a message with unknown op %r" % (op,))
            return
        try:
            handler(conn, message)
        except _BadMessage as e:
            log("ignored a malformed %s message: %s" % (op, e))
        except Exception:  # a bug here must not cost the server its connection
            log("handling a %s message failed:\n%s" % (op, traceback.format_exc().rstrip()))

    # Operations -----------------------------------------------------------------------------

    def _op_execute(self, conn, message):
        statement_id = _int_field(message, "id")
        code = message.get("code")
        if not isinstance(code, str):
            raise _BadMessage("code must be a string")
        kind = message.get("kind") or self._default_kind
        if not isinstance(kind, str):
            raise _BadMessage("kind must be a string")
        self._store.add(statement_id, code, _normal_kind(kind))

    def _op_cancel(self, conn, message):
        statement = self._store.cancel(_int_field(message, "id"))
        if statement is not None:
            self._canceller.start(statement)

    def _op_complete(self, conn, message):
        code = message.get("code")
        if not isinstance(code, str):
            raise _BadMessage("code must be a string")
        cursor = message.get("cursor", len(code))
        if not isinstance(cursor, int) or isinstance(cursor, bool):
            raise _BadMessage("cursor must be an integer")
        cursor = max(0, min(cursor, len(code)))
        kind = _normal_kind(message.get("kind") or self._default_kind)
        # Only Python is completed; sql and Scala get [] (spark-shell offers no completion API
        # over its pipe).
        candidates = self._completer.complete(code, cursor) if kind == "pyspark" else []
        conn.send({"event": "completion", "request": message.get("request"),
                   "candidates": candidates})

    def _op_shutdown(self, conn, message):
        self.terminate(EXIT_OK, "shutdown requested")

    def _op_hello(self, conn, message):
        log("ignored a second hello on the same connection")

    # Exiting --------------------------------------------------------------------------------

    def _on_orphaned(self):
        self.terminate(EXIT_ORPHANED, "no server connected for %g s; exiting" % self._orphan_timeout)

    def terminate(self, code, message):
        """Stops Spark and ends the process at once, even while a statement runs."""
        with self._exit_lock:
            log(message)
            self._scala.stop(SCALA_STOP_TIMEOUT_S)
            self._spark.stop(SPARK_STOP_TIMEOUT_S)
            for stream in (_LOG_STDOUT, _LOG_STDERR):
                try:
                    stream.flush()
                except (OSError, ValueError):
                    pass
            os._exit(code)


class _BadMessage(Exception):
    pass


def _normal_kind(kind):
    """Livy's aliases: python is pyspark, scala is spark."""
    return {"python": "pyspark", "scala": "spark"}.get(kind, kind)


def _int_field(message, name):
    value = message.get(name)
    if not isinstance(value, int) or isinstance(value, bool):
        raise _BadMessage("%s must be an integer" % name)
    return value


# --------------------------------------------------------------------------------------------
# Startup
# --------------------------------------------------------------------------------------------

SUPPORTED_KINDS = ("pyspark", "python", "sql", "spark", "scala", "shared")


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="jobflow_repl.py",
                                     description="jobflow interpreter for a Livy session")
    parser.add_argument("--connection-file", required=True)
    parser.add_argument("--kind", required=True)
    parser.add_argument("--spark-conf")
    parser.add_argument("--orphan-timeout", type=float, default=600.0,
                        help="seconds without a server connection before exiting (<= 0: never)")
    parser.add_argument("--cancel-timeout", type=float, default=30.0)
    return parser.parse_args(argv)


def load_spark_conf(path):
    if not path:
        return {}
    with open(path, encoding="utf-8") as f:
        conf = json.load(f)
    if not isinstance(conf, dict):
        raise ValueError("%s must hold a JSON object" % path)

    def text(value):
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    return {str(k): text(v) for k, v in conf.items()}


def write_connection_file(path, port):
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8") as f:
        json.dump({"port": port, "pid": os.getpid()}, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temporary, path)


def main(argv):
    args = parse_args(argv)
    # The token authenticates the server; user code must not be able to read it.
    token = os.environ.pop("JOBFLOW_REPL_TOKEN", "")
    if args.kind not in SUPPORTED_KINDS:
        log("session kind %r is not handled by this interpreter (it runs pyspark, sql, spark "
            "and shared sessions)" % args.kind)
        return EXIT_USAGE
    if not token:
        log("JOBFLOW_REPL_TOKEN is not set; refusing to start without a token")
        return EXIT_USAGE
    try:
        spark_conf = load_spark_conf(args.spark_conf)
    except (OSError, ValueError) as e:
        log("cannot read the Spark conf: %s" % e)
        return EXIT_USAGE

    sys.argv = [""]  # as in an interactive interpreter
    spark = SparkSetup()
    spark.start(spark_conf)  # before listening: the session is "starting" until Spark is up
    scala = ScalaRunner(spark_conf, os.path.dirname(os.path.abspath(args.connection_file)))
    if _normal_kind(args.kind) == "spark":
        # Started now so that it boots while the session becomes idle; the first statement
        # waits for its prompt. Without spark-shell, Scala statements end with an error.
        error = scala.launch()
        if error is not None:
            log("Scala statements cannot run: %s" % error)
    repl = Repl(args.kind, token, spark, scala, args.orphan_timeout, args.cancel_timeout)
    port = repl.listen()
    try:
        write_connection_file(args.connection_file, port)
    except OSError as e:
        log("cannot write the connection file: %s" % e)
        return EXIT_USAGE
    if spark.available:
        spark_note = "Spark available (pyspark %s)" % (spark.version or "unknown version")
    else:
        spark_note = "Spark unavailable: %s" % spark.error
    log("pid %d, Python %s, kind %s, listening on 127.0.0.1:%d; %s"
        % (os.getpid(), platform.python_version(), args.kind, port, spark_note))
    repl.run()
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
