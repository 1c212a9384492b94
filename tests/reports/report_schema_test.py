#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""ctests sarif_schema and report_json_schema (docs/formats.md).

usage: report_schema_test.py sarif TRACEGATE REPORTS_TESTS SOURCE_DIR NPM_CACHE
       report_schema_test.py json  TRACEGATE REPORTS_TESTS SOURCE_DIR

Both audit the bundled fleet (scripts/make_fixture_fleet.sh fixtures/audit-fleet) and run the
ReportSamples unit test, which writes edge-case reports, then:
- sarif: every SARIF file must pass the SARIF 2.1.0 JSON Schema (sarif-2.1.0.json from the npm
  package @microsoft/sarif-multitool-linux, checked with python3-jsonschema, the validator the
  schema's $schema names) and the multitool's `validate` verb (no error or warning results). A
  deliberately broken copy must FAIL the schema check: `validate` alone once accepted a
  schema-invalid file, so the schema check is the one that has to be able to fail.
  Exits 77 (skip) when the npm package is missing (scripts/setup.sh installs it).
- json: every json report must pass docs/report.schema.json (and a broken one must not); the
  junit, gitlab, github and markdown outputs of the same audit are parsed and checked.
"""
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree

SKIP = 77
FAILURES = []


def check(condition, message):
    if not condition:
        FAILURES.append(message)
        print("FAIL: " + message)


def load_jsonschema():
    try:
        import jsonschema  # noqa: F401 (Debian: python3-jsonschema)
        return jsonschema
    except ImportError:
        raise SystemExit("python3-jsonschema is missing (scripts/setup.sh installs it)")


def schema_errors(jsonschema, schema, document):
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    return ["%s: %s" % ("/".join(str(p) for p in error.absolute_path), error.message)
            for error in validator.iter_errors(document)]


def make_fleet(source_dir, tmp):
    fleet = os.path.join(tmp, "fleet")
    subprocess.run([os.path.join(source_dir, "scripts", "make_fixture_fleet.sh"),
                    os.path.join(source_dir, "fixtures", "audit-fleet"), fleet], check=True)
    return fleet


def audit(tracegate, args, allowed=(0, 1, 3)):
    result = subprocess.run([tracegate, "audit"] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, NO_COLOR="1"))
    check(result.returncode in allowed, "tracegate audit %s: exit %d, stderr %r" % (" ".join(args), result.returncode,
                                                                                    result.stderr[:2000]))
    return result


def write_samples(reports_tests, directory):
    os.makedirs(directory, exist_ok=True)
    result = subprocess.run([reports_tests, "--gtest_filter=ReportSamples.*"], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=dict(os.environ, TRACEGATE_REPORT_SAMPLES=directory))
    check(result.returncode == 0, "ReportSamples failed: %s" % result.stdout[-3000:])


def fleet_reports(tracegate, fleet, tmp, formats):
    """Audits the fleet (two upgrades, several repositories) and one repository alone."""
    outputs = []
    runs = [("fleet-2.11.1", ["--upgrade", "ddtrace@2.11.1", "--ref", "HEAD", "--discover", fleet]),
            ("fleet-3.0.0", ["--upgrade", "ddtrace@3.0.0", "--ref", "HEAD", "--discover", fleet, "--fail-on", "note"])]
    repositories = sorted(d for d in os.listdir(fleet) if os.path.isdir(os.path.join(fleet, d)))
    if repositories:
        runs.append(("single", ["--upgrade", "ddtrace@2.11.1", "--ref", "HEAD", os.path.join(fleet, repositories[0])]))
    for name, args in runs:
        files = {}
        targets = []
        for format_name in formats:
            path = os.path.join(tmp, "%s.%s" % (name, format_name))
            files[format_name] = path
            targets += ["--format", "%s=%s" % (format_name, path)]
        audit(tracegate, args + targets)
        for format_name, path in files.items():
            check(os.path.exists(path), "%s: no %s written" % (name, format_name))
        outputs.append((name, files))
    return outputs


# Validator warnings accepted by design (docs/formats.md), each with its reason:
ACCEPTED_WARNINGS = {
    # "The 'region' property is absent": a finding about a whole file (line 0: a service without
    # the tracer, a lock file as a whole) has no region; the file's length is not known to the
    # report, and a made-up startLine 1 would point at a line that has nothing to do with it.
    "SARIF2017",
}


def multitool_validate(multitool, path, tmp):
    """Runs `Sarif.Multitool validate`; returns a list of problems (empty: accepted)."""
    log = os.path.join(tmp, os.path.basename(path) + ".validation.sarif")
    if os.path.exists(log):
        os.remove(log)
    env = dict(os.environ, DOTNET_CLI_TELEMETRY_OPTOUT="1", DOTNET_SYSTEM_GLOBALIZATION_INVARIANT="1",
               HOME=os.environ.get("HOME") or tmp)
    result = subprocess.run([multitool, "validate", path, "--output", log, "--level", "Error;Warning"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, timeout=300)
    problems = []
    if result.returncode != 0:
        problems.append("exit %d: %s" % (result.returncode, result.stdout[-2000:]))
    if os.path.exists(log):
        with open(log, encoding="utf-8-sig") as f:
            validation = json.load(f)
        for run in validation.get("runs", []):
            for finding in run.get("results", []):
                level = finding.get("level", "warning")
                if level == "warning" and finding.get("ruleId") in ACCEPTED_WARNINGS:
                    continue
                if level in ("error", "warning"):
                    message = finding.get("message", {})
                    problems.append("%s %s: %s" % (finding.get("level", "warning"), finding.get("ruleId"),
                                                   message.get("text") or message.get("arguments")))
            for invocation in run.get("invocations", []):
                for note in invocation.get("toolExecutionNotifications", []) + \
                        invocation.get("toolConfigurationNotifications", []):
                    if note.get("level") == "error":
                        problems.append("tool error: %s" % note.get("message", {}).get("text"))
    else:
        problems.append("no validation log written: %s" % result.stdout[-2000:])
    return problems


def gate_sarif(tracegate, tmp):
    """A pull request that adds a conflicting pin, gated: the SARIF of `tracegate gate`."""
    repo = os.path.join(tmp, "gate-repo")
    os.makedirs(os.path.join(repo, "app"))
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@tracegate.invalid", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@tracegate.invalid")

    def git(*args):
        subprocess.run(["git", "-C", repo] + list(args), check=True, env=env, stdout=subprocess.DEVNULL)

    def write(path, text):
        with open(os.path.join(repo, path), "w", encoding="utf-8") as f:
            f.write(text)

    git("init", "-q", "-b", "main")
    write("requirements.txt", "flask==3.0.0\nddtrace==2.11.1\n")
    write("app/main.py", "import flask\n")
    git("add", "-A")
    git("-c", "commit.gpgsign=false", "commit", "-q", "-m", "base")
    git("checkout", "-q", "-b", "feature")
    write("requirements.txt", "flask==3.0.0\nddtrace==2.11.1\nenvier==0.4.0\n")
    git("-c", "commit.gpgsign=false", "commit", "-q", "-am", "pin envier")
    out = os.path.join(tmp, "gate.sarif")
    result = subprocess.run([tracegate, "gate", "--base", "main", "--head", "feature", "--format", "sarif=" + out, repo],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    check(result.returncode == 1, "tracegate gate: exit %d, stderr %r" % (result.returncode, result.stderr))
    return out


def run_sarif(tracegate, reports_tests, source_dir, npm_cache):
    package = os.path.join(npm_cache, "node_modules", "@microsoft", "sarif-multitool-linux")
    schema_path = os.path.join(package, "sarif-2.1.0.json")
    multitool = os.path.join(package, "Sarif.Multitool")
    if not os.path.isfile(schema_path) or not os.path.isfile(multitool):
        print("SKIP: %s is missing (run scripts/setup.sh)" % package)
        return SKIP
    if not os.access(multitool, os.X_OK):
        os.chmod(multitool, 0o755)
    jsonschema = load_jsonschema()
    with open(schema_path, encoding="utf-8-sig") as f:
        schema = json.load(f)

    with tempfile.TemporaryDirectory() as tmp:
        fleet = make_fleet(source_dir, tmp)
        files = [files["sarif"] for _, files in fleet_reports(tracegate, fleet, tmp, ["sarif"])]
        samples = os.path.join(tmp, "samples")
        write_samples(reports_tests, samples)
        files += sorted(os.path.join(samples, f) for f in os.listdir(samples) if f.endswith(".sarif"))
        files.append(gate_sarif(tracegate, tmp))
        check(len(files) >= 6, "expected the fleet reports and the samples, got %r" % files)

        fleet_results = 0
        for path in files:
            if not os.path.exists(path):
                continue
            with open(path, encoding="utf-8") as f:
                document = json.load(f)
            errors = schema_errors(jsonschema, schema, document)
            check(not errors, "%s fails the SARIF schema: %s" % (os.path.basename(path), errors[:5]))
            problems = multitool_validate(multitool, path, tmp)
            check(not problems, "%s fails `Sarif.Multitool validate`: %s" % (os.path.basename(path), problems[:5]))
            if os.path.basename(path).startswith("fleet-"):
                fleet_results += len(document["runs"][0]["results"])
                check(all(r.get("locations") for r in document["runs"][0]["results"]),
                      "%s: a fleet finding without a location" % path)
        check(fleet_results > 0, "the fleet audits reported no SARIF results")

        # A deliberately broken copy must fail the schema check (else it checks nothing).
        with open(files[0], encoding="utf-8") as f:
            good = json.load(f)
        broken_level = json.loads(json.dumps(good))
        broken_level["runs"][0]["results"][0]["level"] = "fatal"
        broken_version = json.loads(json.dumps(good))
        del broken_version["version"]
        for name, broken in [("level fatal", broken_level), ("no version", broken_version)]:
            errors = schema_errors(jsonschema, schema, broken)
            check(bool(errors), "the schema check accepted a broken SARIF file (%s)" % name)
            print("broken SARIF (%s) rejected by the schema: %s" % (name, errors[:1]))
        broken_path = os.path.join(tmp, "broken-level.sarif")
        with open(broken_path, "w", encoding="utf-8") as f:
            json.dump(broken_level, f)
        print("Sarif.Multitool validate on the broken file: %s" % (multitool_validate(multitool, broken_path, tmp)
                                                                  or "accepted (the schema check is the one that fails)"))
        print("checked %d SARIF files" % len(files))
    return 1 if FAILURES else 0


def run_json(tracegate, reports_tests, source_dir):
    jsonschema = load_jsonschema()
    with open(os.path.join(source_dir, "docs", "report.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    formats = ["json", "junit", "gitlab", "github", "markdown", "text"]
    with tempfile.TemporaryDirectory() as tmp:
        fleet = make_fleet(source_dir, tmp)
        outputs = fleet_reports(tracegate, fleet, tmp, formats)
        samples = os.path.join(tmp, "samples")
        write_samples(reports_tests, samples)
        documents = [(files["json"], None) for _, files in outputs]
        documents += [(os.path.join(samples, f), None) for f in sorted(os.listdir(samples)) if f.endswith(".json")]
        suppressed = 0
        for path, _ in documents:
            if not os.path.exists(path):
                continue
            with open(path, encoding="utf-8") as f:
                document = json.load(f)
            errors = schema_errors(jsonschema, schema, document)
            check(not errors, "%s fails docs/report.schema.json: %s" % (os.path.basename(path), errors[:5]))
            suppressed += sum(1 for finding in document["findings"] if finding["suppressed"])
        check(suppressed > 0, "no sample has a suppressed finding")
        broken = json.load(open(outputs[0][1]["json"], encoding="utf-8"))
        broken["findings"][0]["severity"] = "fatal"
        check(bool(schema_errors(jsonschema, schema, broken)), "docs/report.schema.json accepted severity 'fatal'")

        for name, files in outputs:
            with open(files["json"], encoding="utf-8") as f:
                report = json.load(f)
            active = [x for x in report["findings"] if not x["suppressed"]]
            tree = ElementTree.parse(files["junit"])
            root = tree.getroot()
            check(root.tag == "testsuites", "%s junit: root %s" % (name, root.tag))
            cases = root.findall("./testsuite/testcase")
            check(len(cases) >= len(report["services"]), "%s junit: %d testcases for %d services" %
                  (name, len(cases), len(report["services"])))
            with open(files["gitlab"], encoding="utf-8") as f:
                issues = json.load(f)
            check(len(issues) == len(active), "%s gitlab: %d issues for %d findings" % (name, len(issues), len(active)))
            check(len({i["fingerprint"] for i in issues}) == len(issues), "%s gitlab: duplicate fingerprints" % name)
            for issue in issues:
                check(set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"},
                      "%s gitlab: %r" % (name, issue))
                check(issue["severity"] in ("info", "minor", "major", "critical", "blocker"), "%s gitlab severity" % name)
            with open(files["github"], encoding="utf-8") as f:
                commands = f.read().splitlines()
            check(len(commands) == len(active), "%s github: %d commands for %d findings" % (name, len(commands), len(active)))
            check(all(c.startswith(("::error ", "::warning ", "::notice ")) for c in commands), "%s github: %r" % (name, commands[:3]))
            with open(files["markdown"], encoding="utf-8") as f:
                markdown = f.read()
            check(len(markdown) < 65000 and markdown.startswith("### tracegate audit"), "%s markdown" % name)
            with open(files["text"], encoding="utf-8") as f:
                check("\x1b[" not in f.read(), "%s text: colours in a file" % name)

        listing = subprocess.run([tracegate, "audit", "--format", "list"], stdout=subprocess.PIPE, text=True)
        check(listing.returncode == 0, "audit --format list: exit %d" % listing.returncode)
        for format_name in ("text", "json", "sarif", "junit", "markdown", "github", "gitlab"):
            check(any(line.startswith(format_name + " ") for line in listing.stdout.splitlines()),
                  "audit --format list does not list %s: %r" % (format_name, listing.stdout))
        unknown = audit(tracegate, ["--upgrade", "ddtrace@2.11.1", "--format", "html", fleet], allowed=(2,))
        check("unknown format 'html'" in unknown.stderr, "unknown format: %r" % unknown.stderr)
    return 1 if FAILURES else 0


def main():
    mode = sys.argv[1]
    tracegate, reports_tests, source_dir = (os.path.abspath(a) for a in sys.argv[2:5])
    if mode == "sarif":
        code = run_sarif(tracegate, reports_tests, source_dir, os.path.abspath(sys.argv[5]))
    elif mode == "json":
        code = run_json(tracegate, reports_tests, source_dir)
    else:
        raise SystemExit("unknown mode %s" % mode)
    if FAILURES:
        print("%d failure(s)" % len(FAILURES))
    return code


if __name__ == "__main__":
    sys.exit(main())
