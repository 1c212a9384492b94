#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Differential test: the same generated queries through the reference implementation and
through `tracegate versions`; fails on any difference and prints the first ones.

    differential.py --tracegate build/cli/tracegate --ecosystem pypi --count 20000 --seed 1
"""
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# ecosystem -> (query generator, reference command); the references are Debian's packages.
MAVEN_CLASSPATH = "/usr/share/java/maven-artifact-3.x.jar:/usr/share/java/commons-lang3.jar"
GENERATORS = {
    "pypi": ("pypi_queries.py", ["/usr/bin/python3", os.path.join(HERE, "pypi_reference.py")]),
    "packagist": ("packagist_queries.py", ["/usr/bin/php", os.path.join(HERE, "packagist_reference.php")]),
    "maven": ("maven_queries.py", ["/usr/bin/java", "-cp", MAVEN_CLASSPATH, os.path.join(HERE, "MavenReference.java")]),
}


def run(command, text):
    # packaging iterates specifier sets in hash order; a fixed seed keeps the reference repeatable.
    env = dict(os.environ, PYTHONHASHSEED="0")
    result = subprocess.run(command, input=text, capture_output=True, text=True, encoding="utf-8",
                            errors="surrogateescape", check=False, env=env)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed with {result.returncode}:\n{result.stderr}")
    return result.stdout.split("\n")[:-1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tracegate", required=True)
    parser.add_argument("--ecosystem", default="pypi", choices=sorted(GENERATORS))
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", type=int, default=20, help="differences to print")
    args = parser.parse_args()

    generator, reference = GENERATORS[args.ecosystem]
    generator = os.path.join(HERE, generator)
    queries = subprocess.run([sys.executable, generator, "--count", str(args.count), "--seed", str(args.seed)],
                             capture_output=True, text=True, check=True).stdout
    lines = queries.rstrip("\n").split("\n")
    expected = run(reference, queries)
    actual = run([args.tracegate, "versions", "--ecosystem", args.ecosystem], queries)
    if len(expected) != len(lines) or len(actual) != len(lines):
        sys.exit(f"answer count differs: {len(lines)} queries, reference {len(expected)}, tracegate {len(actual)}")
    differences = [(q, e, a) for q, e, a in zip(lines, expected, actual) if e != a]
    print(f"{args.ecosystem}: {len(lines)} queries (seed {args.seed}), {len(differences)} differences")
    for query, want, got in differences[: args.show]:
        print(f"  query:     {query!r}\n  reference: {want!r}\n  tracegate: {got!r}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
