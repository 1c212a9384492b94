#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Generates realistic random `tracegate versions --ecosystem maven` queries (one per line).

Deterministic for a given --seed. Versions look like Maven Central's (1.0, 2.3.1-SNAPSHOT,
1.0-alpha-1, 5.3.10.Final, 31.1-android, 1.0-20201010.123456-1, ...) plus the odd ones
ComparableVersion still has to order (1_2, 1.0--1, .1, 1..2, huge numbers, mixed case, unknown
qualifiers, a few non-ASCII letters and digits). Ranges cover every bracket form, unions, exact
[1.0], soft requirements and spaces; about one in eight is malformed (unclosed, defying the
order, overlapping, trailing junk).
"""
import random

import query_generator

QUALIFIERS = ["SNAPSHOT", "alpha", "beta", "rc", "cr", "m", "milestone", "sp", "ga", "final", "release",
              "RELEASE", "Final", "GA", "jre", "android", "M", "RC", "CR", "a", "b", "Alpha", "BETA", "incubating",
              "preview", "dev", "pre", "redhat", "jdk8", "ea", "SP", "Beta", "b", "alpha", "rc", "snapshot"]
ODD_QUALIFIERS = ["foo", "x", "_", "z", "é", "ÄLPHA", "ß", "İ", "K", "ǅ", "😀", "ｘ", "snap", "gA", "FiNaL", "zz"]
# Digits other than ASCII that Character.isDigit accepts (Arabic-Indic, Devanagari, full-width).
ODD_DIGITS = ["١", "٠", "२", "５", "０"]


def num(r):
    roll = r.random()
    if roll < 0.72:
        return str(r.randint(0, 12))
    if roll < 0.89:
        return str(r.randint(13, 2025))
    if roll < 0.955:
        return r.choice(["20201010", "20230115", "202101011200", "0" + str(r.randint(0, 9)), "00"])
    if roll < 0.977:
        return "0" * r.randint(1, 12) + str(r.randint(0, 99))
    if roll < 0.992:
        return str(r.randint(10**8, 10**20))  # around the int / long / BigInteger limits
    return str(r.randint(10**18, 10**40))


def release(r):
    return ".".join(num(r) for _ in range(r.choice([1, 2, 2, 3, 3, 3, 3, 4])))


def qualifier(r):
    q = r.choice(ODD_QUALIFIERS) if r.random() < 0.04 else r.choice(QUALIFIERS)
    if r.random() < 0.5:
        q += r.choice(["", "-", "."]) + r.choice(["1", "2", "3", "01", "10", "0"])
    return q


def version(r):
    roll = r.random()
    if roll < 0.03:  # snapshot build from a repository: base-timestamp-buildnumber
        return f"{release(r)}-{r.choice(['20201010', '20230304'])}.{r.randint(0, 235959):06d}-{r.randint(1, 30)}"
    v = release(r)
    if r.random() < 0.4:
        v += r.choice(["-", "-", "-", ".", "", "_"]) + qualifier(r)
        if r.random() < 0.1:
            v += r.choice(["-", "."]) + r.choice([qualifier(r), num(r)])
    if r.random() < 0.03:
        v = v.upper() if r.random() < 0.5 else v.lower()
    if r.random() < 0.05:
        v = r.choice(["", "0", "1", "1_2", "1.0--1", ".1", "1..2", "1.", "1-", "-1", "v1.0", "1.0.0.0.0", "a1",
                      "1.0-", "1.0.0-", "1-0.1", "0-1", "1.0.alpha.1", "1.sp.1", "1.ga.1", "final", "ga",
                      "1.0.RC.1", "2.0.0.RELEASE-1", "1-1-1", "1.0-b-2", "1--", "..", "-", ".", "1.0 ",
                      " 1.0", "1,0", "1.0+1", "1.0~rc1", "1.0-0.0.1", "1.0000000000.1"])
    if r.random() < 0.02:
        d = r.choice(ODD_DIGITS)
        v = r.choice([d, "1." + d, d + "." + d, "1-" + d * r.randint(1, 20)])
    return v


def variant(r, v):
    """The same version spelled another way, or one very close to it."""
    return r.choice([v + ".0", v + "-0", v.upper(), v.lower(), v + "-ga", v + ".final", v + "-release",
                     v + "-SNAPSHOT", v + "-alpha", v + "-sp", v + ".1", v + "-1", v + "-foo", v + ".0.0",
                     v.replace(".", "-", 1), v.replace("-", ".", 1), "0" + v, v + "a1", v + ".RC1"])


def increasing(r, count):
    """`count` versions in increasing order (qualifiers only decorate distinct bases)."""
    base = sorted(r.sample(range(0, 40), count))
    style = r.choice(["minor", "minor", "patch", "major"])
    out = []
    for b in base:
        v = {"minor": f"{b // 10}.{b % 10}", "patch": f"1.{b // 10}.{b % 10}", "major": str(b)}[style]
        if r.random() < 0.2:
            v += r.choice(["-SNAPSHOT", "-alpha-1", "-beta2", "-rc1", ".Final", "-sp1", ".1", "-m3", "-jre"])
        out.append(v)
    return out


def spaced(r, text):
    return f" {text} " if r.random() < 0.1 else text


def restriction(r, lower, upper):
    roll = r.random()
    if roll < 0.12 and lower:
        return f"[{spaced(r, lower)}]"
    left = r.choice("[[(")
    right = r.choice("]))")
    if roll < 0.2:
        lower = ""
    elif roll < 0.28:
        upper = ""
    return f"{left}{spaced(r, lower)},{spaced(r, upper)}{right}"


def range_spec(r):
    roll = r.random()
    if roll < 0.12:  # a soft requirement: a bare version (recommended, matches everything)
        return version(r)
    if roll < 0.24:  # malformed or edge-case specs
        v, w = version(r), version(r)
        return r.choice([f"[{v}", f"({v}]", f"({v})", f"[{v})", f"({v}", f"[{w},{v}]", f"[{v},{v})",
                         f"[1.0,2.0),[1.5,3.0)", ",", "", " ", "[]", "()", "[,]", "(,)", "[,)", f"[{v},{w}]x",
                         f"[{v}],,[{w}]", f"[1,2,3]", f"[{v}]]", "]", ")", "[", f" [{v}]", f"[{v}] ",
                         f"[{v}],", f"[{v}] , [{w}]", f"(,{v}],(,{w}]", f"[{v},),[{w},)", "[1,),[0,1]",
                         f"[1.0,2.0] [3.0,4.0]", f"[1.0,2.0],(,3.0]", f"[{v},{w}", f"{v},{w}", f"[{v}),[{w}]",
                         f"([{v},{w}])", f"[[{v},{w}]]", f"[{v}]{w}"])
    count = r.choice([1, 1, 1, 1, 2, 2, 3])
    bounds = increasing(r, 2 * count)
    if r.random() < 0.06:  # any versions at all (often out of order: invalid)
        bounds = [version(r) for _ in bounds]
    parts = [restriction(r, bounds[2 * k], bounds[2 * k + 1]) for k in range(count)]
    return r.choice([",", ",", ", ", " , "]).join(parts)


def candidate(r, spec):
    """A version to test against `spec`: often one of its bounds or something next to one."""
    pieces = [p for p in spec.replace("[", ",").replace("]", ",").replace("(", ",").replace(")", ",").split(",")
              if p.strip()]
    if pieces and r.random() < 0.6:
        v = r.choice(pieces).strip()
        return variant(r, v) if r.random() < 0.5 else v
    return version(r)


def query(r):
    kind = r.choices(["cmp", "in", "norm", "bad"], [35, 40, 23, 2])[0]
    if kind == "cmp":
        a = version(r)
        if r.random() < 0.3:
            return f"cmp\t{a}\t{variant(r, a)}"
        return f"cmp\t{a}\t{version(r)}"
    if kind == "in":
        spec = range_spec(r)
        return f"in\t{candidate(r, spec)}\t{spec}"
    if kind == "norm":
        return f"norm\t{version(r)}"
    return r.choice(["cmp\t1.0", "in\t1.0", "norm", "bogus\t1", "norm\t1\t2", "cmp\t1\t2\t3", " ", "CMP\t1\t2",
                     "in\t1.0\t[1.0]\t"])


if __name__ == "__main__":
    query_generator.run(query)
