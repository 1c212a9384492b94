#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Answers `tracegate versions --ecosystem pypi` queries with Python's packaging (the oracle).

Same protocol as the C++ side: one answer line per query line, in order.
"""
import sys

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version


def environment(py):
    full = py + ".0" if py.count(".") < 2 else py
    return {
        "implementation_name": "cpython",
        "implementation_version": "3.11.2",
        "os_name": "posix",
        "platform_machine": "x86_64",
        "platform_release": "6.1.0",
        "platform_system": "Linux",
        "platform_version": "#1 SMP Debian 6.1.0",
        "python_full_version": full,
        "platform_python_implementation": "CPython",
        "python_version": py,
        "sys_platform": "linux",
        "extra": "",
    }


def answer(fields):
    verb = fields[0]
    try:
        if verb == "cmp" and len(fields) == 3:
            a, b = Version(fields[1]), Version(fields[2])
            return "-1" if a < b else ("1" if a > b else "0")
        if verb == "in" and len(fields) == 3:
            v = Version(fields[1])
            return "true" if SpecifierSet(fields[2]).contains(v) else "false"
        if verb == "norm" and len(fields) == 2:
            return str(Version(fields[1]))
        if verb == "req" and len(fields) == 2:
            return str(Requirement(fields[1]))
        if verb == "marker" and len(fields) == 3:
            return "true" if Marker(fields[1]).evaluate(environment(fields[2])) else "false"
    except Exception:  # every rejection packaging raises means "invalid" on our side
        return "invalid"
    return "error"


def main():
    out = sys.stdout
    for line in sys.stdin:
        line = line.rstrip("\n")
        out.write(answer(line.split("\t")) + "\n")


if __name__ == "__main__":
    main()
