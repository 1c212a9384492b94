#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Generates realistic random `tracegate versions --ecosystem pypi` queries (one per line).

Deterministic for a given --seed. Covers epochs, every pre/post/dev spelling, implicit post
releases, local labels, leading v and whitespace, huge numbers, wildcards, ~= with 2-4
segments, ===, specifier sets, PEP 508 requirements and markers with and/or/parentheses,
plus malformed input and malformed query lines.
"""
import random

import query_generator

PRE = ["a", "b", "c", "rc", "alpha", "beta", "pre", "preview", "A", "RC", "Alpha"]
POST = ["post", "rev", "r", "POST"]
SEP = ["", ".", "-", "_"]
OPS = ["==", "!=", "<", "<=", ">", ">=", "~=", "==="]
MARKER_VARS = ["python_version", "python_full_version", "implementation_name", "implementation_version",
               "platform_python_implementation", "os_name", "sys_platform", "platform_system",
               "platform_machine", "platform_release", "platform_version", "extra",
               "os.name", "sys.platform", "platform.python_implementation", "python_implementation"]
MARKER_OPS = ["==", "!=", "<", "<=", ">", ">=", "~=", "===", "in", "not in"]
NAMES = ["ddtrace", "requests", "Django", "zope.interface", "python_dateutil", "envier", "bytecode",
         "opentelemetry-api", "typing_extensions", "a", "A1", "x.y-z_w"]
EXTRAS = ["opentracing", "profiling", "security", "Test_Extra", "a.b"]
URLS = ["https://example.com/pkg-1.0.tar.gz", "git+https://github.com/acme/lib.git@v1#egg=lib",
        "file:///tmp/pkg", "https://user:tok@host/x.whl", "http://[::1]/a.whl"]


def num(r):
    roll = r.random()
    if roll < 0.65:
        return str(r.randint(0, 12))
    if roll < 0.87:
        return str(r.randint(0, 2025))
    if roll < 0.97:
        return "0" * r.randint(1, 3) + str(r.randint(0, 9))
    return str(r.randint(10**18, 10**40))


def release(r, n=None):
    n = n or r.choice([1, 2, 2, 3, 3, 3, 4, 5])
    return ".".join(num(r) for _ in range(n))


def version(r, allow_local=True):
    v = ""
    if r.random() < 0.08:
        v += num(r) + "!"
    v += release(r)
    if r.random() < 0.3:
        v += r.choice(SEP) + r.choice(PRE) + r.choice(["", num(r)])
    if r.random() < 0.2:
        if r.random() < 0.2:
            v += "-" + num(r)
        else:
            v += r.choice(SEP) + r.choice(POST) + r.choice(["", num(r)])
    if r.random() < 0.2:
        v += r.choice(SEP) + r.choice(["dev", "DEV"]) + r.choice(["", num(r)])
    if allow_local and r.random() < 0.12:
        v += "+" + r.choice(["abc", "ubuntu", "1", "local", "a1b2", "x"]) + r.choice(
            ["", ".1", "-2", "_deadbeef", ".ABC.007"])
    if r.random() < 0.05:
        v = r.choice(["v", "V"]) + v
    if r.random() < 0.03:
        v = " " + v + " "
    if r.random() < 0.04:
        v = r.choice(["1.0-", "1..0", "1.0a1b", "foo", "1.0+", "1.0.post", "1.0-dev-1", "1.0+a..b", "",
                      "1.0 .0", "1!2!3", "1.*", "१.0", "1_0", "٣"])
    return v


def specifier(r):
    op = r.choice(OPS)
    if op == "~=":
        v = release(r, r.choice([1, 2, 2, 3, 4]))
        if r.random() < 0.3:
            v += r.choice(["a1", "rc2", ".post1", ".dev0"])
    elif op in ("==", "!=") and r.random() < 0.3:
        v = release(r, r.choice([1, 2, 3])) + ".*"
    elif op == "===":
        # Only versions: for `===foo` packaging's SpecifierSet.contains raises or answers
        # depending on hash order (documented in docs/versions.md), so there is no single answer.
        v = release(r) + r.choice(["", "a1", ".post2", "+local"])
    else:
        v = version(r, allow_local=op in ("==", "!=") or r.random() < 0.1)
    space = " " if r.random() < 0.1 else ""
    return op + space + v


def specifier_set(r):
    n = r.choice([0, 1, 1, 2, 2, 3])
    return ",".join(specifier(r) for _ in range(n))


def marker_value(r, var):
    if "version" in var and var not in ("platform_version",):
        return r.choice(["3.8", "3.11", "3.11.2", "3.12", "2.7", "3", "3.10.0", "3.11.*", "3.13a1", "garbage"])
    return r.choice(["linux", "posix", "cpython", "CPython", "Linux", "x86_64", "win32", "nt", "", "6.1.0",
                     "#1 SMP Debian 6.1.0", "security", "lin"])


def marker_item(r):
    var = r.choice(MARKER_VARS)
    op = r.choice(MARKER_OPS)
    q = r.choice(['"', "'"])
    value = q + marker_value(r, var) + q
    if r.random() < 0.25:
        return f"{value} {op} {var}"
    return f"{var} {op} {value}"


def marker(r, depth=0):
    roll = r.random()
    if depth < 3 and roll < 0.25:
        return f"({marker(r, depth + 1)})"
    if depth < 3 and roll < 0.55:
        return f"{marker(r, depth + 1)} {r.choice(['and', 'or'])} {marker(r, depth + 1)}"
    if roll < 0.6:
        return r.choice(["python_version >=", "(os_name == 'posix'", "extra == ", "foo == 'bar'",
                         "python_version > 3.8", "and", "os_name == 'a' and"])
    return marker_item(r)


def requirement(r):
    s = r.choice(NAMES)
    if r.random() < 0.3:
        s += "[" + ",".join(r.sample(EXTRAS, r.randint(1, 3))) + "]"
    roll = r.random()
    if roll < 0.15:
        s += " @ " + r.choice(URLS)
    elif roll < 0.8:
        spec = specifier_set(r)
        s += (f" ({spec})" if r.random() < 0.15 and spec else spec)
    if r.random() < 0.35:
        s += (" ; " if "@" in s or r.random() < 0.5 else ";") + marker(r, 1)
    if r.random() < 0.03:
        s = r.choice(["-bad", "name[", "name (>=1", "name @", "name ==", "na me"])
    return s


def python_version(r):
    return r.choice(["3.11", "3.8", "3.12", "3.7", "2.7", "3.11.4", "3.13", "3.10", "3"])


def query(r):
    kind = r.choices(["cmp", "in", "norm", "req", "marker", "bad"], [25, 35, 15, 10, 13, 2])[0]
    if kind == "cmp":
        a = version(r)
        if r.random() < 0.2:  # the same version spelled another way: equality must hold
            b = r.choice([a + ".0", a.upper(), a.replace(".", "-", 1), "v" + a, a.replace("rc", "c"), a + "+0"])
            return f"cmp\t{a}\t{b}"
        return f"cmp\t{a}\t{version(r)}"
    if kind == "in":
        return f"in\t{version(r)}\t{specifier_set(r)}"
    if kind == "norm":
        return f"norm\t{version(r)}"
    if kind == "req":
        return f"req\t{requirement(r)}"
    if kind == "marker":
        return f"marker\t{marker(r)}\t{python_version(r)}"
    return r.choice(["cmp\t1.0", "in\t1.0", "norm", "bogus\t1", "marker\tos_name == 'x'", "norm\t1\t2"])


if __name__ == "__main__":
    query_generator.run(query)
