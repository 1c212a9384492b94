#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Generates realistic random `tracegate versions --ecosystem packagist` queries (one per line).

Deterministic for a given --seed. Versions look like packagist's: 1.2, v2.0.1, 1.0.0-beta2,
1.0-RC1, dev-master, dev-feature/x, 2.x-dev, 1.0.x-dev, 1.0.0-patch1, 1.0.0.0, dates, aliases
(`1.0.0 as 1.1.0`), stability flags and build metadata. Constraints use every operator
composer parses (^ ~ wildcards, hyphen ranges, `,`/space AND, `||`/`|` OR, `@flags`, `#refs`,
`dev-` branches, x-dev, `*`). About an eighth of the versions and constraints are edge cases or
invalid, and a few lines are malformed queries.
"""
import random

import query_generator

PRE = ["alpha", "beta", "RC", "rc", "a", "b", "patch", "pl", "p", "stable", "dev",
       "Alpha", "BETA", "Rc", "STABLE", "B", "PL"]
PRE_SEP = ["-", "-", "-", "", ".", "_"]
BRANCHES = ["master", "main", "develop", "feature/x", "feature/login-form", "bugfix-123", "1.x",
            "release/2.0", "hotfix", "next", "fix_issue_42", "Feature/UPPER", "2.0", "v3", "foo.bar"]
ODD_VERSIONS = ["", "foo", "1.0.0.0.0", "1..0", "1.0 as", "as 1.0", "v", "x", "*", "123456", "1234567",
                "20100102", "2010-01-02", "2010.01.02.03", "2010-01-02-10-20-30", "201001021", "1.0 .0",
                "dev-", "DEV-Foo", "Dev-master", "1.0-dev.1", "99999999999999999999",
                "9223372036854775807", "1.2.3.4.x-dev", " 1.0 ", "1.0+", "1.0-stable-dev", "1.0-STABLE1",
                "\u0661.0", "1.0\x0b", "1.0.", "1.0-", "1.0_", "master", "trunk", "default", "Master",
                "1.0@dev", "1.0@Beta", "1.0@foo", "1.0 -dev", "1.x.2-dev", "v1.x-dev", "1.0 as 2.0 as 3.0",
                "dev-master as 1.0.x-dev", "1.0#abc", "1.0,2.0", "1.0 2.0", "~1.0", "^1.0", ">=1.0", "1.*",
                "1.0.0-beta.1.2", "1.0.0-beta-1-2", "1.0.0-rc.1+build.5", "1.0+foo bar", "00.01.0",
                "1.0.0-alpha1dev", "1.0.0.dev", "1.0-p", "1.0-pre1", "1.0.0-SNAPSHOT", "v1.0.0-RC1@RC",
                "1.2.3-dev-1", "1-dev", "1.x", "1.0.x", "2.*-dev", "v2.0.*-dev", "99999.0", "123456.0",
                "1.0.0.0-dev", "0.0.0", "0", "dev-feature/x#abc", "1.0:1", "1.0-dev@dev", "1.0-dev-dev"]
ODD_CONSTRAINTS = ["", " ", "*", "x", "X", "*.*", "v*", "x.x.x", "@dev", "@stable", "*@dev", "~>1.0", "~ 1.0",
                   "^", "~", ">=", "1.0 ||", "|| 1.0", "1.0 ||| 2.0", "1.0 || || 2.0", ">=1.0,", ",1.0",
                   ">=1.0 , <2.0", ">=1.0 ,<2.0", ">= 1.0", ">=  1.0  <2.0", "1.0 - 2.0 - 3.0", "1.0 -2.0",
                   "1.0- 2.0", "1.0 as 2.0", "1.0 as 2.0 <3", ">=2 <1.5 || >=1.5 <3", "^1 || ^2 || ^3",
                   ">=1 <2 || >=2 <=3", "^0 || ^1", "foo", "foo-dev", ">=foo-dev", "feature/x-dev",
                   "dev-master#abc123", "dev-master#", "1.0.x-dev#abc", "1.x-dev#1234", "^1.2+build",
                   "~1.2+build", "1.0+build - 2.0+b", "^99999999999999999999", "^9223372036854775807",
                   "~9223372036854775807.1", "1.9223372036854775807.*", "^00.1", "^0.00.1", "~1.x-dev",
                   "~1.2.x-dev", "^1.x-dev", "1.0.0 - 2.0.0-beta", "1.0 - 2.x-dev", "<1.0-rc1", "<1.0-RC1",
                   "<1.0-beta", ">=1.0-patch1", "<1.0-stable", ">=1.0@STABLE", "!=1.0@beta", ">1.0@RC",
                   "<>1.0", "=>1.0", "=<1.0", "!1.0", "==1.0@dev", "1.0@dev as 2.0", "dev-master as 1.0",
                   "<dev-master", ">=dev-a <dev-b || >=dev-b <3", "!=dev-master", "!=dev-master !=1.0",
                   "master", "trunk", "1.0.0.0.0", "1.*.*", "1.*.2", "1.2.3.*", "1.2.3.4.*", "0.*", "0.0.*",
                   "00.*", "V1.*", "v1.*", "1.X", "1,2", "1 2", ">1,<2", "1.0 , 2.0", "1.0,, 2.0",
                   "^1.0 as 2.0", "1.0 -", "- 1.0", "1.0 | 2.0|3.0", "\u0661.0", ">=1.0\x0c<2.0",
                   ">=1.0-dev <1.0", "2010-01-02", ">=20100102", "^2010.01", "~2010", "1.0#abc", "@Beta"]
OPS = [">=", ">", "<", "<=", "!=", "==", "=", "<>", ""]
FLAGS = ["dev", "beta", "alpha", "RC", "stable", "Dev", "rc"]


def num(r, small=True):
    roll = r.random()
    if roll < (0.85 if small else 0.6):
        return str(r.randint(0, 5))
    if roll < 0.97:
        return str(r.randint(0, 30))
    return r.choice(["0" + str(r.randint(0, 9)), str(r.randint(100, 99999)), "2023"])


def release(r, major=None):
    n = r.choice([1, 2, 2, 3, 3, 3, 3, 4])
    parts = [major if major is not None else num(r)] + [num(r) for _ in range(n - 1)]
    return ".".join(parts)


def modifier(r):
    word = r.choice(PRE)
    number = r.choice(["", "", "1", "2", "10", ".1", "-1", ".1.2"])
    return r.choice(PRE_SEP) + word + number


def version(r, major=None):
    roll = r.random()
    if roll < 0.12:
        return "dev-" + r.choice(BRANCHES)
    if roll < 0.2:
        return release(r, major)[:5].rstrip(".") + r.choice([".x-dev", ".x-dev", "-dev", ".*-dev", ".X-dev"])
    if roll < 0.3:
        return r.choice(ODD_VERSIONS)
    v = release(r, major)
    if r.random() < 0.3:
        v += modifier(r)
    if r.random() < 0.05:
        v += r.choice(["-dev", ".dev", "dev"])
    if r.random() < 0.04:
        v += "+" + r.choice(["build.1", "20230101", "sha.abc", "1"])
    if r.random() < 0.12:
        v = "v" + v
    if r.random() < 0.03:
        v += "@" + r.choice(FLAGS)
    if r.random() < 0.03:
        v += " as " + release(r)
    return v


def simple(r, major):
    kind = r.choices(["caret", "tilde", "wild", "op", "exact", "hyphen", "branch", "star"],
                     [25, 15, 10, 25, 8, 5, 7, 3])[0]
    m = major if r.random() < 0.8 else num(r)
    if kind == "caret":
        c = "^" + release(r, m)
    elif kind == "tilde":
        c = "~" + release(r, m)
    elif kind == "wild":
        c = release(r, m).rsplit(".", 1)[0] + r.choice([".*", ".x", ".*", ".X"])
    elif kind == "op":
        c = r.choice(OPS[:-1]) + r.choice(["", "", " "]) + release(r, m)
        if r.random() < 0.15:
            c += modifier(r)
    elif kind == "exact":
        c = version(r, m)
    elif kind == "hyphen":
        c = release(r, m) + " - " + release(r, str(int(m) + r.randint(0, 2)) if m.isdigit() else m)
    elif kind == "branch":
        c = r.choice(["dev-" + r.choice(BRANCHES), m + ".x-dev", m + ".0.x-dev", "dev-master"])
        if r.random() < 0.15:
            c += "#" + r.choice(["abc123", "deadbeef", "1"])
    else:
        c = r.choice(["*", "*", "x", "@dev", "*@dev"])
    if r.random() < 0.12:
        c += "@" + r.choice(FLAGS)
    return c


def constraint(r, major):
    if r.random() < 0.1:
        return r.choice(ODD_CONSTRAINTS)
    roll = r.random()
    if roll < 0.55:
        return simple(r, major)
    if roll < 0.75:  # AND: ">=1.0 <2.0", ">=1,<2"
        low = release(r, major)
        high = str(int(major) + 1) if major.isdigit() else major
        sep = r.choice([" ", ",", ", ", " , ", "  "])
        return r.choice([">=", ">"]) + low + sep + r.choice(["<", "<=", "!="]) + r.choice([high, release(r, high)])
    alternatives = [simple(r, str(int(major) + i) if major.isdigit() else major) for i in range(r.randint(2, 3))]
    return r.choice([" || ", "||", " | ", "|"]).join(alternatives)


def query(r):
    kind = r.choices(["cmp", "in", "norm", "bad"], [30, 45, 22, 3])[0]
    major = num(r)
    if kind == "cmp":
        a = version(r, major)
        if r.random() < 0.2:  # the same version spelled another way
            b = r.choice([a + ".0", "v" + a, a.upper(), a.replace("-", ".", 1), a + "-stable", a + "@dev"])
        else:
            b = version(r, major if r.random() < 0.7 else None)
        return f"cmp\t{a}\t{b}"
    if kind == "in":
        return f"in\t{version(r, major)}\t{constraint(r, major)}"
    if kind == "norm":
        return f"norm\t{version(r, major)}"
    return r.choice(["cmp\t1.0", "in\t1.0", "norm", "bogus\t1", "norm\t1\t2", "in\t1\t2\t3", "", "CMP\t1\t2"])


if __name__ == "__main__":
    query_generator.run(query)
