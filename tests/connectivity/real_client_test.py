#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""ctest agent_simulator_real_client: a real tracer (dd-trace@5 for Node) sends spans to
`tracegate agent simulate`, and the simulator's log must show them decoded.

usage: real_client_test.py TRACEGATE NPM_CACHE REAL_CLIENT_JS
Exits 77 (ctest SKIP_RETURN_CODE) when node or the cached dd-trace is missing: scripts/setup.sh
installs it where npm is available. Everything stays on loopback: the tracer's telemetry,
remote configuration and other side channels are switched off and the agent URL is 127.0.0.1.
"""
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile

SKIP = 77


def read_first_line(process, timeout):
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    if not ready:
        raise SystemExit("the simulator printed nothing within %ss" % timeout)
    return process.stdout.readline().strip()


def main():
    tracegate, npm_cache, client_js = (os.path.abspath(a) for a in sys.argv[1:4])
    node = shutil.which("node")
    if node is None or not os.path.isdir(os.path.join(npm_cache, "node_modules", "dd-trace")):
        print("SKIP: node or %s/node_modules/dd-trace missing (run scripts/setup.sh)" % npm_cache)
        return SKIP

    with tempfile.TemporaryDirectory() as tmp:
        log_path = os.path.join(tmp, "agent.jsonl")
        simulator = subprocess.Popen([tracegate, "agent", "simulate", "--listen", "127.0.0.1:0", "--log", log_path],
                                     stdout=subprocess.PIPE, text=True)
        try:
            first = read_first_line(simulator, 20)
            prefix = "listening on 127.0.0.1:"
            if not first.startswith(prefix):
                raise SystemExit("unexpected first line: %r" % first)
            port = int(first[len(prefix):])

            env = {
                "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                "HOME": tmp,
                "DD_TRACE_AGENT_URL": "http://127.0.0.1:%d" % port,
                "DD_SERVICE": "checkout",
                "DD_ENV": "rehearsal",
                "DD_VERSION": "1.0.0",
                # Only the simulator is talked to, and only about traces.
                "DD_TRACE_TELEMETRY_ENABLED": "false",
                "DD_INSTRUMENTATION_TELEMETRY_ENABLED": "false",
                "DD_REMOTE_CONFIGURATION_ENABLED": "false",
                "DD_RUNTIME_METRICS_ENABLED": "false",
                "DD_PROFILING_ENABLED": "false",
                "DD_APPSEC_ENABLED": "false",
                "DD_IAST_ENABLED": "false",
                "DD_LLMOBS_ENABLED": "false",
                "DD_DATA_STREAMS_ENABLED": "false",
                "DD_DYNAMIC_INSTRUMENTATION_ENABLED": "false",
                "DD_TRACE_STATS_COMPUTATION_ENABLED": "false",
                "DD_CIVISIBILITY_ENABLED": "false",
                "DD_TRACE_STARTUP_LOGS": "false",
                "DD_DOGSTATSD_HOST": "127.0.0.1",
                "DD_DOGSTATSD_PORT": str(port),
            }
            client = subprocess.run([node, client_js, npm_cache], env=env, cwd=tmp, timeout=60,
                                    capture_output=True, text=True)
            if client.returncode != 0:
                raise SystemExit("node client failed (%d):\n%s%s" % (client.returncode, client.stdout, client.stderr))
        finally:
            simulator.send_signal(signal.SIGTERM)
            code = simulator.wait(timeout=20)
        if code != 0:
            raise SystemExit("the simulator exited with %d after SIGTERM" % code)

        with open(log_path, encoding="utf-8") as log:
            records = [json.loads(line) for line in log if line.strip()]

    print("simulator log:")
    for record in records:
        print("  " + json.dumps(record))
    traces = [r for r in records if r["endpoint"] in ("/v0.4/traces", "/v0.5/traces") and r["status"] == 200]
    if not traces:
        raise SystemExit("FAIL: no trace payload was accepted")
    services = {s for r in traces for s in r.get("services", [])}
    names = {n for r in traces for n in r.get("span_names", [])}
    spans = sum(r.get("spans", 0) for r in traces)
    languages = {r["tracer_language"] for r in traces}
    problems = []
    if "checkout" not in services:
        problems.append("service checkout not decoded (saw %s)" % sorted(services))
    if not {"web.request", "db.query"} <= names:
        problems.append("span names web.request and db.query not decoded (saw %s)" % sorted(names))
    if spans < 3:
        problems.append("expected 3 spans, decoded %d" % spans)
    if languages != {"nodejs"}:
        problems.append("Datadog-Meta-Lang was %s, not nodejs" % sorted(languages))
    if problems:
        raise SystemExit("FAIL: " + "; ".join(problems))
    print("OK: %d spans of service checkout decoded (%s)" % (spans, ", ".join(sorted(names))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
