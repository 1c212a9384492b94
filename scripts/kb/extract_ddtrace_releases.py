#!/usr/bin/env python3
"""Print the [[release]] tables of rules/data/ddtrace.toml from a dd-trace-py git mirror.

Usage: extract_ddtrace_releases.py GIT_DIR [--from 1.20.0]

GIT_DIR is a (bare) clone of https://github.com/DataDog/dd-trace-py, e.g.
/work/.mirror/DataDog+dd-trace-py/repo.

Which releases: every FINAL release tag vX.Y.Z with X.Y.Z >= --from (default 1.20.0) up to the
newest. Release candidates, betas, dev and other suffixed tags (v4.14.0rc4, v2.2.0.pre, ...)
are skipped, also when they are newer than the newest final: the knowledge base lists only
final releases.

What is read at each tag (the metadata the published wheel/sdist carries):
  * pyproject.toml [project].dependencies, verbatim (PEP 508 strings with their markers, in
    file order). In this range [project] is static (at most "version" is dynamic), so
    setuptools ignores setup.py install_requires. If a tag had "dependencies" in
    [project].dynamic or no [project].dependencies, the script falls back to the literal
    install_requires=[...] of setup.py and the entry's source names setup.py instead.
  * [project].requires-python, verbatim                          -> runtime
  * the "Programming Language :: Python :: N.M" classifiers      -> runtime_classifiers
  * [project.optional-dependencies]                              -> extras
  * the tag date: %(creatordate:short) of the tag (tagger date of an annotated tag, else the
    committer date of the tagged commit, in the committer's own time zone). PyPI upload
    dates can differ by a day.

Consecutive releases (in version order) whose runtime, classifiers, requires, extras and
metadata file are identical are grouped into one [[release]] whose `versions` inline table
lists each version with its date; `source` cites the first tag of the group (a comment
names the last one).

Python 3.11+ standard library only.
"""

import argparse
import ast
import re
import subprocess
import sys
import tomllib

REPO = "DataDog/dd-trace-py"
FINAL_TAG = re.compile(r"^v(\d+)\.(\d+)\.(\d+)$")
PY_CLASSIFIER = re.compile(r"^Programming Language :: Python :: (\d+\.\d+)$")
BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def git(git_dir, *args):
    return subprocess.run(
        ["git", "--git-dir", git_dir, *args],
        check=True, capture_output=True, text=True,
    ).stdout


def git_show(git_dir, tag, path):
    r = subprocess.run(
        ["git", "--git-dir", git_dir, "show", f"{tag}:{path}"],
        capture_output=True, text=True,
    )
    return r.stdout if r.returncode == 0 else None


def final_tags(git_dir, minimum):
    out = git(git_dir, "for-each-ref", "--format=%(refname:short) %(creatordate:short)", "refs/tags")
    tags = []
    for line in out.splitlines():
        name, date = line.split()
        m = FINAL_TAG.match(name)
        if m:
            v = tuple(int(x) for x in m.groups())
            if v >= minimum:
                tags.append((v, name, date))
    tags.sort()
    return tags


def setup_py_install_requires(text):
    """The literal install_requires=[...] keyword of the setup() call, or None."""
    tree = ast.parse(text)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg == "install_requires":
                    return list(ast.literal_eval(kw.value))
    return None


def read_release(git_dir, tag):
    pyproject = tomllib.loads(git_show(git_dir, tag, "pyproject.toml"))
    project = pyproject["project"]
    dynamic = project.get("dynamic", [])
    path = "pyproject.toml"
    if "dependencies" in project and "dependencies" not in dynamic:
        requires = list(project["dependencies"])
    else:
        setup_py = git_show(git_dir, tag, "setup.py")
        requires = setup_py_install_requires(setup_py) if setup_py else None
        if requires is None:
            sys.exit(f"{tag}: no static dependencies in pyproject.toml or setup.py")
        path = "setup.py"
    classifiers = [
        m.group(1)
        for c in project.get("classifiers", [])
        if (m := PY_CLASSIFIER.match(c))
    ]
    classifiers.sort(key=lambda s: tuple(int(x) for x in s.split(".")))
    extras = project.get("optional-dependencies", {})
    return {
        "runtime": project.get("requires-python"),
        "runtime_classifiers": classifiers,
        "requires": requires,
        "extras": {k: list(v) for k, v in extras.items()},
        "path": path,
    }


# Facts that are not in the package metadata, by version (each cited in the file header):
# - minimum Agent: 7.28 for ddtrace >=2,<5 (docs.datadoghq.com/tracing/trace_collection/
#   compatibility/python/); the page names none for 1.x, so 1.x has none here.
# - trace endpoints: v0.4 by default, except 1.20.0 and >=2.4.0 which send v0.5 and fall back to
#   v0.4 on a 404/415 (ddtrace/internal/writer/writer.py at those tags).
def agent_facts(version):
    facts = {}
    if (2, 0, 0) <= version < (5, 0, 0):
        facts["min_agent"] = "7.28.0"
    if version == (1, 20, 0) or version >= (2, 4, 0):
        facts["agent_endpoints"] = ["/v0.5/traces", "/v0.4/traces"]
    else:
        facts["agent_endpoints"] = ["/v0.4/traces"]
    return facts


def toml_str(s):
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def toml_key(k):
    return k if BARE_KEY.match(k) else toml_str(k)


def emit(groups, out):
    for g in groups:
        data = g["data"]
        first, last = g["tags"][0], g["tags"][-1]
        out.write("\n[[release]]\n")
        if first != last:
            out.write(f"# identical metadata at {first} .. {last}\n")
        versions = ", ".join(f'"{v}" = {d}' for v, d in g["versions"])
        out.write(f"versions = {{ {versions} }}\n")
        if data["runtime"] is not None:
            out.write(f"runtime = {toml_str(data['runtime'])}\n")
        if data["runtime_classifiers"]:
            out.write("runtime_classifiers = [" + ", ".join(toml_str(c) for c in data["runtime_classifiers"]) + "]\n")
        out.write("requires = [\n")
        for r in data["requires"]:
            out.write(f"  {toml_str(r)},\n")
        out.write("]\n")
        if data["extras"]:
            items = ", ".join(
                f"{toml_key(k)} = [" + ", ".join(toml_str(x) for x in v) + "]"
                for k, v in data["extras"].items()
            )
            out.write(f"extras = {{ {items} }}\n")
        if "min_agent" in data:
            out.write(f"min_agent = {toml_str(data['min_agent'])}\n")
        out.write("agent_endpoints = [" + ", ".join(toml_str(e) for e in data["agent_endpoints"]) + "]\n")
        source = f"{REPO}@{first}:{data['path']}"
        out.write(f"source = {toml_str(source)}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("git_dir")
    ap.add_argument("--from", dest="minimum", default="1.20.0")
    args = ap.parse_args()
    minimum = tuple(int(x) for x in args.minimum.split("."))

    head = git(args.git_dir, "rev-parse", "--verify", "HEAD^{commit}").strip()
    head_date = git(args.git_dir, "log", "-1", "--format=%cs", head).strip()

    groups = []
    for v, tag, date in final_tags(args.git_dir, minimum):
        data = read_release(args.git_dir, tag)
        data.update(agent_facts(v))
        version = ".".join(map(str, v))
        if groups and groups[-1]["data"] == data:
            groups[-1]["versions"].append((version, date))
            groups[-1]["tags"].append(tag)
        else:
            groups.append({"data": data, "versions": [(version, date)], "tags": [tag]})

    n = sum(len(g["versions"]) for g in groups)
    out = sys.stdout
    out.write("# ---- generated by scripts/kb/extract_ddtrace_releases.py; do not edit by hand ----\n")
    out.write(f"# from a mirror of {REPO} at {head} ({head_date});\n")
    out.write(f"# {n} final releases v{args.minimum} .. {groups[-1]['tags'][-1] if groups else '-'} "
              f"(rc/dev tags skipped) in {len(groups)} groups.\n")
    out.write("# requires = [project].dependencies of pyproject.toml at each tag, verbatim;\n")
    out.write("# dates = tag dates (git %(creatordate:short)).\n")
    out.write("# min_agent: https://docs.datadoghq.com/tracing/trace_collection/compatibility/python/ (>=2,<5: 7.28);\n")
    out.write("# agent_endpoints: the trace intake of ddtrace/internal/writer/writer.py at the tags (v0.5 with v0.4\n")
    out.write("# fallback in 1.20.0 and from 2.4.0).\n")
    emit(groups, out)


if __name__ == "__main__":
    main()
