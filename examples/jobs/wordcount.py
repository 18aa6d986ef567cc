#!/usr/bin/env python3
"""Word count: the Python job of jobflow's examples (WordCount.java is the same job in Java).

Usage: wordcount.py OUTPUT INPUT...

Each INPUT is a text file or a directory (its files, not its subdirectories). Words are runs of
the letters a-z after lower-casing, with inner apostrophes kept ("people's"). OUTPUT gets one
`word<TAB>count` line per word, the most frequent first, ties in alphabetical order; the ten most
frequent words are printed. Standard library only, so it runs with any python3.
"""

import collections
import os
import re
import sys

WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")
TOP = 10


def input_files(paths):
    for path in paths:
        if os.path.isdir(path):
            for name in sorted(os.listdir(path)):
                full = os.path.join(path, name)
                if os.path.isfile(full) and not name.startswith("."):
                    yield full
        else:
            yield path


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    output, inputs = os.path.abspath(argv[1]), argv[2:]
    counts = collections.Counter()
    files = 0
    for path in input_files(inputs):
        with open(path, encoding="utf-8") as f:
            counts.update(WORD.findall(f.read().lower()))
        files += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    os.makedirs(os.path.dirname(output), exist_ok=True)
    with open(output, "w", encoding="utf-8") as f:
        for word, n in ranked:
            f.write(f"{word}\t{n}\n")
    print(f"wordcount (python): {sum(counts.values())} words, {len(counts)} distinct, "
          f"in {files} files -> {output}")
    for word, n in ranked[:TOP]:
        print(f"{n:6d}  {word}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
