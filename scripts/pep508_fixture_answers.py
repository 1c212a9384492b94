#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Fills in the expected columns of fixtures/versions/pep508-*.txt with Debian's python3-packaging
(23.0), keeping comments, blank lines and the input columns as they are.

    /usr/bin/python3 scripts/pep508_fixture_answers.py fixtures/versions/pep508-markers.txt
    /usr/bin/python3 scripts/pep508_fixture_answers.py fixtures/versions/pep508-requirements.txt

pep508-markers.txt:      MARKER<TAB>PY  ->  MARKER<TAB>PY<TAB>true|false|error|invalid[<TAB>str(Marker)]
pep508-requirements.txt: INPUT          ->  INPUT<TAB>str(Requirement(INPUT))|invalid
"""
import sys
import warnings

import packaging
from packaging.markers import Marker
from packaging.requirements import Requirement


def environment(python_version):
    full = python_version + ".0" if python_version.count(".") < 2 else python_version
    return {
        "implementation_name": "cpython", "implementation_version": "3.11.2", "os_name": "posix",
        "platform_machine": "x86_64", "platform_release": "6.1.0", "platform_system": "Linux",
        "platform_version": "#1 SMP Debian 6.1.0", "platform_python_implementation": "CPython",
        "sys_platform": "linux", "extra": "", "python_version": python_version, "python_full_version": full,
    }


def marker_line(fields):
    text, python_version = fields[0], fields[1]
    try:
        marker = Marker(text)
    except Exception:  # InvalidMarker, and SyntaxError/ValueError from ast.literal_eval
        return [text, python_version, "invalid"]
    try:
        result = "true" if marker.evaluate(environment(python_version)) else "false"
    except Exception:
        result = "error"
    return [text, python_version, result, str(marker)]


def requirement_line(fields):
    try:
        return [fields[0], str(Requirement(fields[0]))]
    except Exception:
        return [fields[0], "invalid"]


def main():
    if packaging.__version__ != "23.0":
        sys.exit(f"expected packaging 23.0, found {packaging.__version__}")
    warnings.simplefilter("ignore")
    path = sys.argv[1]
    fill = marker_line if "marker" in path else requirement_line
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    out = []
    for line in lines:
        if line.startswith("#") or line.strip() == "":
            out.append(line)
            continue
        out.append("\t".join(fill(line.split("\t"))))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
