#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Run commands side by side, alternating, and report wall time, peak RSS and ratios.

Usage:
  measure.py [--runs N] [--warmup N] [--json FILE]
             --case NAME 'COMMAND ...' [--case NAME 'COMMAND ...' ...]
             [--ok NAME=CODES ...] [--ratio NAME/BASELINE ...]

Each COMMAND is split with shlex (no shell) and run directly.  Every round runs each case
once, in order, so that slow drift (thermal, background load) hits all cases alike.
A case must exit 0, or one of the comma-separated CODES given with --ok NAME=CODES
(e.g. a scanner's "findings" status).
Wall time is measured with time.perf_counter around fork/exec/wait; peak RSS is the
child's own ru_maxrss from os.wait4 (not RUSAGE_CHILDREN, which is a running maximum
over every child).  A case exiting with any other status stops the whole run with exit
status 1 and its stderr is shown.  Stdout of the first run of each case is printed under "output".
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time


def run_once(argv):
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped: keep Popen from waiting
        out.seek(0)
        err.seek(0)
        return {"wall": wall, "rss_kib": usage.ru_maxrss, "user": usage.ru_utime, "sys": usage.ru_stime,
                "code": proc.returncode, "stdout": out.read().decode(errors="replace"),
                "stderr": err.read().decode(errors="replace")}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1, help="untimed runs of each case first (default 1)")
    ap.add_argument("--case", nargs=2, action="append", metavar=("NAME", "COMMAND"), required=True)
    ap.add_argument("--ok", action="append", default=[], metavar="NAME=CODES",
                    help="exit statuses besides 0 that count as success for case NAME")
    ap.add_argument("--ratio", action="append", default=[], metavar="NAME/BASELINE")
    ap.add_argument("--json", help="also write the raw numbers here")
    args = ap.parse_args()

    cases = [(name, shlex.split(cmd)) for name, cmd in args.case]
    names = [n for n, _ in cases]
    for r in args.ratio:
        a, _, b = r.partition("/")
        if a not in names or b not in names:
            sys.exit(f"measure.py: --ratio {r}: unknown case (cases: {', '.join(names)})")

    ok = {n: {0} for n in names}
    for spec in args.ok:
        name, _, codes = spec.partition("=")
        if name not in names:
            sys.exit(f"measure.py: --ok {spec}: unknown case")
        ok[name] |= {int(c) for c in codes.split(",") if c}

    samples = {n: [] for n in names}
    first_output = {}
    total_rounds = args.warmup + args.runs
    for rnd in range(total_rounds):
        timed = rnd >= args.warmup
        for name, argv in cases:
            r = run_once(argv)
            if r["code"] not in ok[name]:
                sys.stderr.write(f"measure.py: case '{name}' failed with exit status {r['code']}: "
                                 f"{shlex.join(argv)}\n{r['stderr']}")
                return 1
            first_output.setdefault(name, r["stdout"] + (f"[exit status {r['code']}]" if r["code"] else ""))
            if timed:
                samples[name].append(r)
        label = f"run {rnd - args.warmup + 1}/{args.runs}" if timed else f"warm-up {rnd + 1}/{args.warmup}"
        print(f"  {label}: " + "  ".join(f"{n} {samples[n][-1]['wall']:.2f}s" if timed and samples[n] else n
                                        for n in names), file=sys.stderr, flush=True)

    summary = {}
    for name in names:
        s = samples[name]
        walls = [x["wall"] for x in s]
        summary[name] = {
            "command": shlex.join(dict(cases)[name]),
            "median_s": statistics.median(walls), "min_s": min(walls), "max_s": max(walls),
            "user_s": statistics.median(x["user"] for x in s), "sys_s": statistics.median(x["sys"] for x in s),
            "peak_rss_mib": max(x["rss_kib"] for x in s) / 1024.0, "runs": len(s),
        }

    w = max(len(n) for n in names)
    print(f"\n{'case':<{w}}  {'median s':>9}  {'min s':>7}  {'max s':>7}  {'user s':>7}  {'sys s':>6}  {'peak RSS MiB':>12}")
    for name in names:
        m = summary[name]
        print(f"{name:<{w}}  {m['median_s']:9.3f}  {m['min_s']:7.3f}  {m['max_s']:7.3f}  {m['user_s']:7.2f}  "
              f"{m['sys_s']:6.2f}  {m['peak_rss_mib']:12.1f}")
    ratios = {}
    if args.ratio:
        print()
        for r in args.ratio:
            a, _, b = r.partition("/")
            t = summary[a]["median_s"] / summary[b]["median_s"] if summary[b]["median_s"] > 0 else float("inf")
            m = summary[a]["peak_rss_mib"] / summary[b]["peak_rss_mib"] if summary[b]["peak_rss_mib"] > 0 else float("inf")
            ratios[r] = {"time": t, "peak_rss": m}
            print(f"ratio {a} / {b}: time {t:.2f}x, peak RSS {m:.2f}x")
    print("\noutput (first run of each case):")
    for name in names:
        text = first_output[name].strip()
        if len(text) > 400:
            text = text[:400] + " ..."
        print(f"  {name}: {text or '(none)'}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"cases": summary, "ratios": ratios,
                       "samples": {n: [{k: x[k] for k in ("wall", "rss_kib", "user", "sys")} for x in samples[n]]
                                   for n in names}}, f, indent=2)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
