#!/usr/bin/env python3
"""Prints the results of the two word-count jobs side by side and checks that they agree.

Usage: show_wordcounts.py PYTHON_OUTPUT JAVA_OUTPUT

Each output holds `word<TAB>count` lines, most frequent first (examples/jobs). Prints the top ten
of both; exits 1 if an output is missing or empty, or if the two differ anywhere (not only in the
top ten).
"""

import sys

TOP = 10


def read(path):
    with open(path, encoding="utf-8") as f:
        return [tuple(line.rstrip("\n").split("\t")) for line in f if line.strip()]


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    try:
        python, java = read(argv[1]), read(argv[2])
    except OSError as e:
        print(f"word count output missing: {e}")
        return 1
    if not python or not java:
        print("a word count output is empty")
        return 1
    print(f"\nTop {TOP} words ({sum(int(n) for _, n in python)} words in the corpus)")
    print(f"  {'python':<20} java")
    for i in range(TOP):
        p = f"{python[i][1]:>5}  {python[i][0]}" if i < len(python) else ""
        j = f"{java[i][1]:>5}  {java[i][0]}" if i < len(java) else ""
        print(f"  {p:<20} {j}".rstrip())
    if python != java:
        print("MISMATCH: the Python and Java word counts differ")
        return 1
    print(f"the Python and Java word counts agree ({len(python)} distinct words)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
