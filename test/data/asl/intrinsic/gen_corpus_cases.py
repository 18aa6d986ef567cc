#!/usr/bin/env python3
"""Regenerates corpus_cases.json from the SFN conformance corpus (intrinsic_functions category).

Each JSONPath-mode case whose Pass state has `Parameters: {"FunctionResult.$": <call>}` and whose recorded
output holds no placeholder token becomes {name, call, input, output}: evaluating the call against the
input must give output["FunctionResult"]. Cases that need a context object, variables or randomness are
written by hand in cases.json.

usage: gen_corpus_cases.py [corpus_dir] > corpus_cases.json
"""
import glob
import json
import os
import sys

corpus = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/conformance/sfn/intrinsic_functions"


def has_placeholder(value):
    text = json.dumps(value)
    return "<" in text and ">" in text


cases = []
for path in sorted(glob.glob(os.path.join(corpus, "*.json"))):
    case = json.load(open(path))
    states = list(case["definition"]["States"].values())
    if len(states) != 1 or states[0].get("QueryLanguage") == "JSONata":
        continue
    params = states[0].get("Parameters")
    expect = case.get("expect", {})
    if not isinstance(params, dict) or list(params) != ["FunctionResult.$"]:
        continue
    if expect.get("status") != "SUCCEEDED" or has_placeholder(expect.get("output")):
        continue
    call = params["FunctionResult.$"]
    if "$$" in call:
        continue
    cases.append({"name": case["name"], "call": call, "input": case["input"],
                  "output": expect["output"]["FunctionResult"]})

json.dump(cases, sys.stdout, indent=1, ensure_ascii=False)
sys.stdout.write("\n")
print(f"{len(cases)} cases", file=sys.stderr)
