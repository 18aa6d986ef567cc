#!/usr/bin/env python3
"""Extracts the conformance cases of the formatting functions that need no JSONata engine.

Reads ../shared/conformance/jsonata/groups/*/ and writes cases.json beside this script: every case
whose expression is a call of $formatInteger, $parseInteger, $formatNumber, $formatBase,
$fromMillis or $toMillis with literal arguments, or a chain of such calls where each call after
the first takes the previous result as its first argument (`a ~> $f(...)`, or
`($x := a; $f($x, ...))`). Names (`foo`, `undefined`) are looked up in the case's input, and are
undefined when absent. Everything else is left to the engine's conformance runner; the script
prints how many cases it took and how many it left.

Each case written: {"source", "expr", "calls": [{"function", "args"}], and one of "result",
"undefinedResult", "code"}. An argument {"@": "previous"} is the previous call's result and
{"@": "undefined"} is JSONata's undefined (an omitted or `()` argument).

Run: python3 test/unit/jsonata/format/extract_cases.py (from the repository root).
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", ".."))
CORPUS = os.path.normpath(os.path.join(ROOT, "..", "shared", "conformance", "jsonata"))
FUNCTIONS = {"formatInteger", "parseInteger", "formatNumber", "formatBase", "fromMillis", "toMillis"}
PREVIOUS = {"@": "previous"}
UNDEFINED = {"@": "undefined"}
MISSING = object()


class NotLiteral(Exception):
    pass


class Reader:
    """A tiny recursive-descent reader for the literal subset of JSONata these cases use."""

    def __init__(self, text, data, variable=None):
        self.text = text
        self.pos = 0
        self.data = data
        self.variable = variable  # the name bound to the previous result in a block

    def ws(self):
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def peek(self, s):
        self.ws()
        return self.text.startswith(s, self.pos)

    def expect(self, s):
        if not self.peek(s):
            raise NotLiteral(f"expected {s!r} at {self.pos}")
        self.pos += len(s)

    def at_end(self):
        self.ws()
        return self.pos == len(self.text)

    def call(self, chained):
        self.expect("$")
        m = re.compile(r"[A-Za-z_]\w*").match(self.text, self.pos)
        if not m or m.group(0) not in FUNCTIONS:
            raise NotLiteral("not a formatting function")
        self.pos = m.end()
        self.expect("(")
        args = [PREVIOUS] if chained else []
        if not self.peek(")"):
            while True:
                args.append(self.argument())
                if self.peek(","):
                    self.expect(",")
                    continue
                break
        self.expect(")")
        return {"function": m.group(0), "args": args}

    def argument(self):
        self.ws()
        if self.variable and self.peek("$" + self.variable):
            self.pos += len(self.variable) + 1
            return PREVIOUS
        if self.peek("$") and not self.peek("$" + "(") and re.compile(r"\$\W").match(self.text, self.pos):
            self.pos += 1  # `$` alone: the context, which is the previous result in a chain
            return PREVIOUS
        if self.peek("()"):
            self.expect("()")
            return UNDEFINED
        value = self.product()
        return UNDEFINED if value is MISSING else value

    def product(self):
        value = self.primary()
        while self.peek("*"):
            self.expect("*")
            right = self.primary()
            if not isinstance(value, float) or not isinstance(right, float):
                raise NotLiteral("product of non-numbers")
            value = value * right  # IEEE double multiplication, as in JavaScript
        return value

    def primary(self):
        self.ws()
        c = self.text[self.pos] if self.pos < len(self.text) else ""
        if c in "'\"":
            return self.string()
        if c == "(":
            self.expect("(")
            value = self.product()
            self.expect(")")
            return value
        if c == "{":
            return self.obj()
        m = re.compile(r"-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?").match(self.text, self.pos)
        if m:
            self.pos = m.end()
            return float(m.group(0))
        m = re.compile(r"[A-Za-z_]\w*").match(self.text, self.pos)
        if m:
            self.pos = m.end()
            name = m.group(0)
            if name in ("true", "false", "null"):
                raise NotLiteral("boolean or null argument")
            if isinstance(self.data, dict) and name in self.data:
                return self.data[name]
            return MISSING
        raise NotLiteral(f"unexpected {c!r}")

    def string(self):
        quote = self.text[self.pos]
        self.pos += 1
        out = []
        while self.text[self.pos] != quote:
            ch = self.text[self.pos]
            if ch == "\\":
                nxt = self.text[self.pos + 1]
                if nxt == "u":
                    out.append(chr(int(self.text[self.pos + 2:self.pos + 6], 16)))
                    self.pos += 6
                    continue
                out.append({"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f"}.get(nxt, nxt))
                self.pos += 2
                continue
            out.append(ch)
            self.pos += 1
        self.pos += 1
        return "".join(out)

    def obj(self):
        self.expect("{")
        out = {}
        if not self.peek("}"):
            while True:
                self.ws()
                key = self.string()
                self.expect(":")
                out[key] = self.product()
                if self.peek(","):
                    self.expect(",")
                    continue
                break
        self.expect("}")
        return out


def read_calls(expr, data):
    """The chain of calls an expression is, or NotLiteral."""
    block = re.fullmatch(r"\s*\(\s*\$(\w+)\s*:=\s*(.*?);\s*(.*?)\)\s*", expr, re.S)
    if block:
        name, first, second = block.groups()
        r1 = Reader(first, data)
        calls = [r1.call(False)]
        if not r1.at_end():
            raise NotLiteral("trailing text")
        r2 = Reader(second, data, variable=name)
        call = r2.call(False)
        if PREVIOUS not in call["args"] or call["args"].index(PREVIOUS) != 0:
            raise NotLiteral("block result not the first argument")
        if not r2.at_end():
            raise NotLiteral("trailing text")
        return calls + [call]
    r = Reader(expr, data)
    calls = [r.call(False)]
    while r.peek("~>"):
        r.expect("~>")
        calls.append(r.call(True))
    if not r.at_end():
        raise NotLiteral("trailing text")
    return calls


def cases_of(path):
    with open(path, encoding="utf-8") as f:
        loaded = json.load(f)
    return loaded if isinstance(loaded, list) else [loaded]


def main():
    taken, left = [], []
    groups = os.path.join(CORPUS, "groups")
    for group in sorted(os.listdir(groups)):
        for name in sorted(os.listdir(os.path.join(groups, group))):
            if not name.endswith(".json"):
                continue
            path = os.path.join(groups, group, name)
            for index, case in enumerate(cases_of(path)):
                expr = case.get("expr")
                if expr is None or not re.search(r"\$(%s)\b" % "|".join(FUNCTIONS), expr):
                    continue
                source = f"{group}/{name}#{index}"
                data = case.get("data")
                if case.get("dataset"):
                    with open(os.path.join(CORPUS, "datasets", case["dataset"] + ".json"), encoding="utf-8") as f:
                        data = json.load(f)
                try:
                    calls = read_calls(expr, data)
                except (NotLiteral, IndexError) as e:
                    left.append((source, expr, str(e)))
                    continue
                out = {"source": source, "expr": expr, "calls": calls}
                if "code" in case:
                    out["code"] = case["code"]
                elif case.get("undefinedResult"):
                    out["undefinedResult"] = True
                elif "result" in case:
                    out["result"] = case["result"]
                else:
                    left.append((source, expr, "no expectation"))
                    continue
                taken.append(out)
    with open(os.path.join(HERE, "cases.json"), "w", encoding="utf-8") as f:
        json.dump(taken, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{len(taken)} cases written, {len(left)} left to the engine's conformance runner")
    for source, expr, why in left:
        print(f"  left {source}: {expr.strip()[:90]}  ({why})", file=sys.stderr)


if __name__ == "__main__":
    main()
