#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""ctest agent_probe_cli: `tracegate agent probe` against `tracegate agent simulate --fault F`.

usage: probe_cli_test.py TRACEGATE
For each fault the simulator runs on a free loopback port (the port is read from its first line),
the probe replays ddtrace 2.11.1's conversation with --format json, and the exit code and the
check ids must match. Also: text output, a refused port, a missing socket and usage errors.
Everything stays on loopback.
"""
import json
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile

FAILURES = []


def check(condition, what):
    if not condition:
        FAILURES.append(what)
        print("FAIL: " + what)


class Simulator:
    def __init__(self, tracegate, fault, *extra):
        self.process = subprocess.Popen(
            [tracegate, "agent", "simulate", "--listen", "127.0.0.1:0", "--fault", fault, "--log", os.devnull, *extra],
            stdout=subprocess.PIPE, text=True)
        ready, _, _ = select.select([self.process.stdout], [], [], 20)
        if not ready:
            self.stop()
            raise SystemExit("the simulator printed nothing within 20 s")
        first = self.process.stdout.readline().strip()
        prefix = "listening on 127.0.0.1:"
        if not first.startswith(prefix):
            self.stop()
            raise SystemExit("unexpected first line: %r" % first)
        self.url = "http://127.0.0.1:" + first[len(prefix):]

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=20)
        check(code == 0, "the simulator exited with %d after SIGTERM" % code)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def probe(tracegate, *args):
    return subprocess.run([tracegate, "agent", "probe", *args], capture_output=True, text=True, timeout=60)


def findings_of(result):
    try:
        document = json.loads(result.stdout)
    except ValueError:
        FAILURES.append("not JSON: %r %r" % (result.stdout[:500], result.stderr[:500]))
        return None, []
    return document, [(f["check"], f["severity"], f["subject"]) for f in document["findings"]]


def main():
    tracegate = os.path.abspath(sys.argv[1])

    # fault -> (exit code, [(check, severity, subject suffix)] that must be present, exact count)
    cases = {
        "none": (0, [], 0),
        "404": (1, [("agent-endpoint-missing", "error", "/v0.5/traces"),
                    ("agent-endpoint-missing", "warning", "/v0.7/config"),
                    ("agent-endpoint-missing", "warning", "/info")], 3),
        "500": (1, [("agent-request-failed", "error", "/v0.5/traces"),
                    ("agent-request-failed", "warning", "/v0.7/config"),
                    ("agent-request-failed", "warning", "/info")], 3),
    }
    for fault, (code, expected, count) in cases.items():
        with Simulator(tracegate, fault) as agent:
            result = probe(tracegate, agent.url, "--tracer", "ddtrace@2.11.1", "--format", "json")
            check(result.returncode == code, "fault %s: exit %d, want %d; stderr %r" % (fault, result.returncode, code, result.stderr))
            document, found = findings_of(result)
            if document is None:
                continue
            check(len(found) == count, "fault %s: %d findings, want %d: %r" % (fault, len(found), count, found))
            for check_id, severity, suffix in expected:
                check(any(c == check_id and s == severity and subj.endswith(suffix) for c, s, subj in found),
                      "fault %s: no %s %s for %s in %r" % (fault, severity, check_id, suffix, found))
            probe_info = document.get("probe", {})
            check(probe_info.get("url") == agent.url, "fault %s: probe.url %r" % (fault, probe_info.get("url")))
            check(probe_info.get("tracer", {}).get("version") == "2.11.1", "fault %s: probe.tracer" % fault)
            check(document["upgrade"]["package"] == "ddtrace", "fault %s: upgrade.package" % fault)
            if fault == "none":
                check(probe_info.get("verdict") == "passed", "none: verdict %r" % probe_info.get("verdict"))
                paths = [(s["method"], s["path"], s.get("status")) for s in probe_info.get("conversation", [])]
                check(paths == [("GET", "/info", 200), ("POST", "/v0.7/config", 200), ("PUT", "/v0.5/traces", 200)],
                      "none: conversation %r" % paths)
                check(probe_info.get("agent", {}).get("version") == "7.81.1", "none: agent version")

    # Text output, default tracer: the conversation, then the verdict line.
    with Simulator(tracegate, "none") as agent:
        result = probe(tracegate, agent.url)
        check(result.returncode == 0, "text: exit %d (%r)" % (result.returncode, result.stderr))
        check("newest release the knowledge base knows" in result.stdout, "text: default tracer not named: %r" % result.stdout)
        check(": passed; 0 errors, 0 warnings, 0 notes" in result.stdout, "text: no pass line: %r" % result.stdout)
        check("/v0.5/traces" in result.stdout, "text: conversation missing: %r" % result.stdout)

    # An agent too old for remote configuration: a warning, which fails the run only with --fail-on warning.
    with Simulator(tracegate, "none", "--agent-version", "7.30.0") as agent:
        result = probe(tracegate, agent.url, "--tracer", "ddtrace@2.11.1", "--format", "json")
        check(result.returncode == 0, "old agent: exit %d" % result.returncode)
        _, found = findings_of(result)
        check(found == [("agent-endpoint-missing", "warning", agent.url + "/v0.7/config")], "old agent: %r" % found)
        result = probe(tracegate, agent.url, "--tracer", "ddtrace@2.11.1", "--fail-on", "warning")
        check(result.returncode == 1, "old agent, --fail-on warning: exit %d" % result.returncode)
        check(": degraded;" in result.stdout, "old agent: text %r" % result.stdout)

    # A port nothing listens on.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = probe(tracegate, "http://127.0.0.1:%d" % port, "--tracer", "ddtrace@2.11.1", "--format", "json")
    check(result.returncode == 1, "refused: exit %d" % result.returncode)
    _, found = findings_of(result)
    check([c for c, _, _ in found] == ["agent-unreachable"], "refused: %r" % found)

    # A socket that is not there.
    with tempfile.TemporaryDirectory() as tmp:
        result = probe(tracegate, "unix://%s/apm.socket" % tmp, "--format", "json")
        check(result.returncode == 1, "no socket: exit %d" % result.returncode)
        _, found = findings_of(result)
        check([c for c, _, _ in found] == ["agent-unreachable"], "no socket: %r" % found)

    # Usage errors exit 2 with a message.
    for args in (["ftp://127.0.0.1:21"], ["127.0.0.1:8126"], ["http://127.0.0.1:8126", "--tracer", "nosuch@1.0"],
                 ["http://127.0.0.1:8126", "--tracer", "ddtrace@0.0.1"], ["http://127.0.0.1:8126", "--format", "html"],
                 ["http://127.0.0.1:8126", "--timeout", "0"]):
        result = probe(tracegate, *args)
        check(result.returncode == 2, "%r: exit %d, want 2" % (args, result.returncode))
        check(result.stderr.strip() != "", "%r: no message" % (args,))

    if FAILURES:
        print("%d failure(s)" % len(FAILURES))
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
