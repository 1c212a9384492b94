#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Benchmark: the same file of distinct version queries through `tracegate versions` and
through the ecosystem's reference implementation (the one the differential tests use:
packaging, composer/semver on php-cli, maven-artifact on the JVM), side by side, printing both
times, the ratio and how many answers differ. Each reference run is one process reading the
whole file, so interpreter / JVM start-up is included once per run.

    bench/versions.py --tracegate build-bench/cli/tracegate --ecosystem maven [--count 150000] [--runs 3]
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIFF = os.path.join(ROOT, "tests", "differential")
sys.path.insert(0, DIFF)
from differential import GENERATORS  # noqa: E402  (one table of generators and references)

# The ratios the issues set as targets.
TARGETS = {"pypi": 100, "packagist": 50, "maven": 20}


def timed(command, stdin_path):
    with open(stdin_path, "rb") as stdin:
        start = time.perf_counter()
        env = dict(os.environ, PYTHONHASHSEED="0")  # packaging iterates sets in hash order
        result = subprocess.run(command, stdin=stdin, stdout=subprocess.PIPE, check=True, env=env)
        return time.perf_counter() - start, result.stdout


def precompiled(command, out_dir):
    """A Java source-launch reference compiled once beforehand, so the timed runs measure the
    JVM start-up and the reference itself, not javac."""
    sources = [arg for arg in command if arg.endswith(".java")]
    if not sources:
        return command
    classpath = command[command.index("-cp") + 1]
    classes = os.path.join(out_dir, "java-reference")
    os.makedirs(classes, exist_ok=True)
    subprocess.run(["javac", "-cp", classpath, "-d", classes, sources[0]], check=True)
    main_class = os.path.splitext(os.path.basename(sources[0]))[0]
    return [command[0], "-cp", f"{classpath}:{classes}", main_class]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tracegate", required=True)
    parser.add_argument("--count", type=int, default=150000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--ecosystem", default="pypi", choices=sorted(GENERATORS))
    parser.add_argument("--queries", help="where to write the queries (default build-bench/ECOSYSTEM-queries.txt)")
    args = parser.parse_args()
    args.queries = args.queries or f"build-bench/{args.ecosystem}-queries.txt"
    generator, reference = GENERATORS[args.ecosystem]
    reference = precompiled(reference, os.path.dirname(os.path.abspath(args.queries)))

    os.makedirs(os.path.dirname(os.path.abspath(args.queries)), exist_ok=True)
    with open(args.queries, "w", encoding="utf-8") as out:
        subprocess.run([sys.executable, os.path.join(DIFF, generator), "--count", str(args.count), "--seed",
                        str(args.seed), "--distinct"], stdout=out, check=True)
    cases = {
        "reference": reference,
        "tracegate": [args.tracegate, "versions", "--ecosystem", args.ecosystem],
    }
    times = {name: [] for name in cases}
    outputs = {}
    for _ in range(args.runs):  # alternate, so background noise hits both alike
        for name, command in cases.items():
            seconds, outputs[name] = timed(command, args.queries)
            times[name].append(seconds)
    differing = sum(1 for a, b in zip(outputs["reference"].split(b"\n"), outputs["tracegate"].split(b"\n")) if a != b)
    print(f"{args.count} distinct queries (seed {args.seed}), {args.runs} runs each, median wall time:")
    for name in cases:
        median = statistics.median(times[name])
        print(f"  {name:<10} {median:8.3f} s   {args.count / median:12,.0f} queries/s")
    ratio = statistics.median(times["reference"]) / statistics.median(times["tracegate"])
    print(f"reference: {' '.join(reference)}")
    print(f"ratio reference / tracegate: {ratio:.1f}x (target >= {TARGETS[args.ecosystem]}x); "
          f"answers differing: {differing}")


if __name__ == "__main__":
    main()
