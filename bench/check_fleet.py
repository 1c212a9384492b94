#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Sanity-check a generated fleet: every manifest at HEAD parses with the stdlib.

Usage: check_fleet.py FLEET_DIR

Parses pyproject.toml / poetry.lock / uv.lock / Pipfile with tomllib, Pipfile.lock with
json, setup.cfg with configparser and setup.py with ast, and prints per-kind counts,
lock sizes and how many services declare ddtrace.  Exit status 1 on any parse error.
"""

import ast
import configparser
import json
import os
import subprocess
import sys
import tomllib
from collections import Counter


def repos(root):
    for d, subdirs, _ in os.walk(root):
        if ".git" in os.listdir(d):
            subdirs[:] = []
            yield d
        else:
            subdirs[:] = sorted(s for s in subdirs if s != ".git")


def main():
    root = sys.argv[1]
    kinds, errors, lock_sizes, ddtrace = Counter(), 0, [], 0
    n = 0
    for repo in repos(root):
        n += 1
        names = subprocess.run(["git", "-C", repo, "ls-tree", "-r", "-z", "--name-only", "HEAD"],
                               check=True, capture_output=True).stdout.decode().split("\0")
        for path in filter(None, names):
            base = path.rsplit("/", 1)[-1]
            if base not in ("pyproject.toml", "poetry.lock", "uv.lock", "Pipfile", "Pipfile.lock",
                            "setup.cfg", "setup.py"):
                continue
            text = subprocess.run(["git", "-C", repo, "cat-file", "blob", f"HEAD:{path}"],
                                  check=True, capture_output=True).stdout.decode()
            try:
                if base == "Pipfile.lock":
                    doc = json.loads(text)
                    if "ddtrace" in doc["default"]:
                        ddtrace += 1
                elif base == "setup.cfg":
                    configparser.ConfigParser().read_string(text)
                elif base == "setup.py":
                    ast.parse(text)
                else:
                    doc = tomllib.loads(text)
                    if base.endswith(".lock"):
                        lock_sizes.append(len(doc["package"]))
            except Exception as e:  # noqa: BLE001 - report and count every failure
                errors += 1
                print(f"{repo}:{path}: {e}", file=sys.stderr)
            kinds[base] += 1
    print(f"repositories: {n}")
    for k, v in sorted(kinds.items()):
        print(f"  {k:16} {v}")
    if lock_sizes:
        print(f"lock packages: min {min(lock_sizes)} max {max(lock_sizes)} "
              f"mean {sum(lock_sizes) / len(lock_sizes):.0f}")
    print(f"Pipfile.lock files locking ddtrace: {ddtrace}")
    print(f"parse errors: {errors}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
