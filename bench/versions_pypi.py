#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Benchmark: the same file of distinct pypi version queries through `tracegate versions`
and through Python's packaging (tests/differential/pypi_reference.py), side by side, printing
both times, the ratio and how many answers differ.

    bench/versions_pypi.py --tracegate build-bench/cli/tracegate [--count 150000] [--runs 3]
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIFF = os.path.join(ROOT, "tests", "differential")


def timed(command, stdin_path):
    with open(stdin_path, "rb") as stdin:
        start = time.perf_counter()
        env = dict(os.environ, PYTHONHASHSEED="0")  # packaging iterates sets in hash order
        result = subprocess.run(command, stdin=stdin, stdout=subprocess.PIPE, check=True, env=env)
        return time.perf_counter() - start, result.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tracegate", required=True)
    parser.add_argument("--count", type=int, default=150000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--queries", default="build-bench/pypi-queries.txt")
    args = parser.parse_args()

    os.makedirs(os.path.dirname(os.path.abspath(args.queries)), exist_ok=True)
    with open(args.queries, "w", encoding="utf-8") as out:
        subprocess.run([sys.executable, os.path.join(DIFF, "pypi_queries.py"), "--count", str(args.count), "--seed",
                        str(args.seed), "--distinct"], stdout=out, check=True)
    cases = {
        "packaging": ["/usr/bin/python3", os.path.join(DIFF, "pypi_reference.py")],
        "tracegate": [args.tracegate, "versions", "--ecosystem", "pypi"],
    }
    times = {name: [] for name in cases}
    outputs = {}
    for _ in range(args.runs):  # alternate, so background noise hits both alike
        for name, command in cases.items():
            seconds, outputs[name] = timed(command, args.queries)
            times[name].append(seconds)
    differing = sum(1 for a, b in zip(outputs["packaging"].split(b"\n"), outputs["tracegate"].split(b"\n")) if a != b)
    print(f"{args.count} distinct queries (seed {args.seed}), {args.runs} runs each, median wall time:")
    for name in cases:
        median = statistics.median(times[name])
        print(f"  {name:<10} {median:8.3f} s   {args.count / median:12,.0f} queries/s")
    ratio = statistics.median(times["packaging"]) / statistics.median(times["tracegate"])
    print(f"ratio packaging / tracegate: {ratio:.1f}x (target >= 100x); answers differing: {differing}")


if __name__ == "__main__":
    main()
