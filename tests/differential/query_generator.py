# SPDX-License-Identifier: Apache-2.0
"""The command line every query generator shares: `--count N --seed S [--distinct]`, one
query per line on stdout, reproducible for a seed."""
import argparse
import random


def run(query):
    """Prints `--count` lines made by `query(random.Random)`; lines holding a newline are
    skipped, and with `--distinct` so are repeats."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--distinct", action="store_true", help="no duplicate lines")
    args = parser.parse_args()
    r = random.Random(args.seed)
    seen = set()
    out = []
    while len(out) < args.count:
        line = query(r)
        if "\n" in line or "\r" in line:
            continue
        if args.distinct:
            if line in seen:
                continue
            seen.add(line)
        out.append(line)
    print("\n".join(out))
