#!/usr/bin/python3
"""End-to-end tests of `ci-triage github` against the fake GitHub server (stdlib only).

    /usr/bin/python3 tests/github/test_github_command.py [BIN] [unittest args, e.g. -k sticky]
    CI_TRIAGE_BIN=build/ci-triage /usr/bin/python3 tests/github/test_github_command.py

Starts fake_github.py (a real HTTP server: API on 127.0.0.1, log blobs on 127.0.0.2), exports
the environment a runner would (/_control/env, the event file, GITHUB_STEP_SUMMARY,
GITHUB_OUTPUT, RUNNER_TEMP, a token), runs the binary, and asserts on the requests the server
received (/_control/requests), the comments it holds (/_control/comments) and the files written.
Written against /work/CONTRACT-github.md.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import fake_github  # noqa: E402  (auto_steps, scenario loading: the same code the server runs)

SERVER = os.path.join(HERE, "fake_github.py")
SCEN = os.path.join(HERE, "scenarios")
LOGS = os.path.join(HERE, "logs")
TOKEN = "ghs_CiTriageE2eT0kenNeverPrintMe0123456789"
OWNER_REPO = "octo-org/octo-repo"
RUN = 19123456789
UNIT, DEPS, SELF = 54321000001, 54321000002, 54321000003
MARKER_RE = re.compile(r'<!-- ci-triage:sticky workflow="([^"]*)" -->')
COMMAND_RE = re.compile(r"^::(add-mask|error|warning|notice|debug|group|endgroup)( [^:]*)?::")
BIN = None


def scenario(name):
    return fake_github.load_scenario_file(os.path.join(SCEN, name + ".json"))


def norm(s):
    """Compare text across Markdown escaping: alphanumerics only, single spaces."""
    return " ".join(re.findall(r"[A-Za-z0-9]+", s))


def step_starts(log_path):
    """1-based job-log line where each step segment starts, in the order the fake's auto_steps
    numbers them: line 1 (Set up job), every `##[group]Run `, `Post job cleanup.`,
    `Cleaning up orphan processes`."""
    starts = []
    with open(log_path, encoding="utf-8-sig", errors="replace") as f:
        for n, line in enumerate(f, 1):
            m = fake_github.TS_RE.match(line)
            if not m:
                continue
            msg = line[m.end():]
            if n == 1 or not starts:
                starts.append(n)
            if msg.startswith("##[group]Run ") or msg.startswith("Post job cleanup.") or \
                    msg.startswith("Cleaning up orphan processes"):
                if starts[-1] != n:
                    starts.append(n)
    return starts


def log_line(log_path, n):
    with open(log_path, encoding="utf-8-sig", errors="replace") as f:
        for i, line in enumerate(f, 1):
            if i == n:
                m = fake_github.TS_RE.match(line)
                return line[m.end():].rstrip("\r\n") if m else line.rstrip("\r\n")
    return None


def read_text(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def read_url(req):
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.read()


def parse_output_file(text):
    """GITHUB_OUTPUT: `k=v` lines and `k<<DELIM` ... `DELIM` blocks."""
    out, lines, i = {}, text.split("\n"), 0
    while i < len(lines):
        ln = lines[i]
        m = re.match(r"^([^=<]+)<<(.+)$", ln)
        if m:
            j = lines.index(m.group(2), i + 1)
            out[m.group(1)] = "\n".join(lines[i + 1:j])
            i = j + 1
            continue
        if "=" in ln:
            k, v = ln.split("=", 1)
            out[k] = v
        i += 1
    return out


def scenario_suggestion(in_diff=True):
    """basic, but unit-tests fails on a missing dependency of tests/patches/pep621 (a real pytest
    log) and PR #42 changed pyproject.toml. With in_diff the PR's hunk covers the line the patch
    inserts after (the click line, 11), so the patch can be a one-click suggestion; otherwise the
    PR changed another part of the file and the patch stays a diff block in the comment."""
    s = scenario("basic")
    run = s["repos"][0]["runs"][0]
    run["jobs"][0]["log"] = os.path.join(ROOT, "tests", "patches", "pep621", "job.log")
    hunk = ("@@ -8,5 +8,6 @@ version = \"0.3.0\"\n requires-python = \">=3.10\"\n dependencies = [\n"
            "     \"attrs>=22.1\",\n+    \"click>=8.1\",  # CLI\n     \"six\"\n ]\n") if in_diff else (
            "@@ -1,3 +1,4 @@\n [build-system]\n+# build with setuptools\n requires = [\"setuptools>=61\"]\n"
            " build-backend = \"setuptools.build_meta\"\n")
    s["repos"][0]["pulls"][0]["files"] = [{"filename": "pyproject.toml", "patch": hunk}]
    return s


def scenario_misuse():
    """ci-triage as a later step of the failing job itself (the misuse to detect)."""
    s = scenario("basic")
    run = s["repos"][0]["runs"][0]
    steps, _, _ = fake_github.auto_steps(os.path.join(LOGS, "dev-imports-crypto.log"))
    steps = [x for x in steps if x["_kind"] == "main"]
    mine = [{"name": x["name"], "status": "completed", "conclusion": x["conclusion"],
             "number": x["number"], "started_at": fake_github.iso(x["_t0"]),
             "completed_at": fake_github.iso(x["_t1"])} for x in steps]
    mine.append({"name": "Run ci-triage github", "status": "in_progress", "conclusion": None,
                 "number": len(mine) + 1, "started_at": fake_github.iso(steps[-1]["_t1"]),
                 "completed_at": None})
    run["jobs"] = [
        {"id": UNIT, "name": "unit-tests", "status": "in_progress", "conclusion": None,
         "runner_name": "GitHub Actions 1000001", "started_at": mine[0]["started_at"],
         "steps": mine},
        dict(run["jobs"][1]),
    ]
    s["env"] = dict(s["env"], RUNNER_NAME="GitHub Actions 1000001",
                    CI_TRIAGE_CHECK_RUN_ID=str(UNIT), GITHUB_JOB="unit-tests")
    return s


def scenario_two_failed(gaps=False):
    """basic + a second failed job (mypy); with gaps=True the API step numbers skip values
    (1, 4, 5, 6, ...) so index+1 is wrong, as FACTS.md §1 warns."""
    s = scenario("basic")
    run = s["repos"][0]["runs"][0]
    run["jobs"].insert(1, {"id": 54321000004, "name": "lint (mypy --strict)",
                           "status": "completed", "conclusion": "failure",
                           "log": "dev-mypy-union-attr-strict.log", "steps": "auto",
                           "runner_name": "GitHub Actions 1000004"})
    if gaps:
        for j in run["jobs"]:
            if j.get("steps") == "auto" and j["conclusion"] == "failure":
                st, _, _ = fake_github.auto_steps(os.path.join(LOGS, j["log"]), "failure", 3)
                for i, x in enumerate(st):
                    x["number"] = x["number"] + (2 if i > 0 else 0)
                    x["started_at"] = fake_github.iso(x.pop("_t0"))
                    x["completed_at"] = fake_github.iso(x.pop("_t1"))
                    x.pop("_kind")
                j["steps"] = st
    return s


# Four distinct failures (real logs): a test shard each, as in a sharded pytest matrix.
SHARD_LOGS = ["dev-imports-crypto.log", "dev-tests-zero-division-tb-short.log",
              "dev-deps-hash-mismatch.log", "dev-coverage-report-skip-covered.log"]


def scenario_matrix(pythons=("3.12",)):
    """basic, but the run is a matrix of test shards 1-4 over the given Python versions; shard k
    fails the same way on every version (SHARD_LOGS[k-1]). With three versions: 12 failed jobs,
    4 distinct failures; with one: the same 4 failures in 4 jobs."""
    s = scenario("basic")
    run = s["repos"][0]["runs"][0]
    jobs, job_id = [], 54321000101
    for py in pythons:
        for shard, log in enumerate(SHARD_LOGS, 1):
            jobs.append({"id": job_id, "name": "test (%s, %d)" % (py, shard), "status": "completed",
                         "conclusion": "failure", "log": log, "steps": "auto",
                         "runner_name": "GitHub Actions %d" % job_id})
            job_id += 1
    run["jobs"] = jobs + [j for j in run["jobs"] if j["name"] in ("deps", "ci-triage")]
    # main: shard 4's coverage failure fails there too in the newest run (pre-existing since
    # then), the older run passed every shard; shards 1-3 pass on main (new).
    names = [j["name"] for j in jobs]
    with_main_history(s, [
        base_run(19123456700, MAIN_SHAS[0], [
            {"id": 54321007100 + i, "name": n, "conclusion": "failure" if n.endswith(", 4)") else "success",
             "log": SHARD_LOGS[3] if n.endswith(", 4)") else GREEN} for i, n in enumerate(names)]),
        base_run(19123456600, MAIN_SHAS[1], [
            {"id": 54321006100 + i, "name": n, "conclusion": "success", "log": GREEN}
            for i, n in enumerate(names)])])
    return s


def with_main_history(s, runs):
    """Adds main's completed CI runs (base_run) and the workflow ref that names their file."""
    s["repos"][0]["runs"] += runs
    s["env"]["GITHUB_WORKFLOW_REF"] = "octo-org/octo-repo/.github/workflows/ci.yml@refs/pull/42/merge"
    return s


def scenario_matrix_12():
    return scenario_matrix(("3.10", "3.11", "3.12"))


def scenario_matrix_4():
    return scenario_matrix(("3.12",))


def scenario_fail_fast():
    """basic, but unit-tests is a matrix over four Python versions with fail-fast (the default):
    3.11 failed (a real pytest log), and GitHub cancelled 3.10 and 3.12 while their tests ran (real
    log of a cancelled go test step: `##[error]The operation was canceled.`) and 3.13 in the queue."""
    s = scenario("basic")
    run = s["repos"][0]["runs"][0]
    cancelled_log = os.path.join(ROOT, "tests", "corpus", "runner", "cancelled-operation-canceled-go-test.log")
    jobs = [{"id": 54321000201, "name": "unit-tests (3.10)", "conclusion": "cancelled", "log": cancelled_log,
             "steps": "auto", "runner_name": "GitHub Actions 201"},
            {"id": 54321000202, "name": "unit-tests (3.11)", "conclusion": "failure",
             "log": "dev-tests-zero-division-tb-short.log", "steps": "auto", "runner_name": "GitHub Actions 202"},
            {"id": 54321000203, "name": "unit-tests (3.12)", "conclusion": "cancelled", "log": cancelled_log,
             "steps": "auto", "runner_name": "GitHub Actions 203"},
            {"id": 54321000204, "name": "unit-tests (3.13)", "conclusion": "cancelled", "steps": [],
             "runner_name": None, "runner_id": None, "log_status": 404}]
    for j in jobs:
        j.setdefault("status", "completed")
    run["jobs"] = jobs + [j for j in run["jobs"] if j["name"] in ("deps", "ci-triage")]
    # main passed the whole matrix in its newest run: the 3.11 failure is new
    with_main_history(s, [base_run(19123456700, MAIN_SHAS[0], [
        {"id": 54321007201 + i, "name": "unit-tests (%s)" % py, "conclusion": "success", "log": GREEN}
        for i, py in enumerate(("3.10", "3.11", "3.12", "3.13"))])])
    return s


# ---------------------------------------------------------------- base-branch history
# Real logs: the pytest-assert-rounding pair (tests/corpus/pairs: green and red runs of one job)
# and its red run captured once more as main's (tests/github/logs/history-*.log).
PAIR = os.path.join(ROOT, "tests", "corpus", "pairs", "pytest-assert-rounding")
GREEN, RED = os.path.join(PAIR, "good.log"), os.path.join(PAIR, "bad.log")
RED_ON_MAIN = "history-pytest-assert-rounding-main.log"
MAIN_SHAS = ["a1b2c3d4e5f60718293a4b5c6d7e8f9012345670", "b2c3d4e5f60718293a4b5c6d7e8f901234567081",
             "c3d4e5f60718293a4b5c6d7e8f90123456708192", "d4e5f60718293a4b5c6d7e8f9012345670819203"]


def base_run(run_id, sha, jobs, attempt=1, conclusion=None):
    """A completed push run of CI on main (newest runs get the highest ids)."""
    concl = conclusion or ("failure" if any(j.get("conclusion") == "failure" and
                                            j.get("run_attempt", attempt) == attempt for j in jobs)
                           else "success")
    return {"id": run_id, "run_attempt": attempt, "run_number": 500 + run_id % 100, "name": "CI",
            "event": "push", "display_title": "Merge pull request", "path": ".github/workflows/ci.yml",
            "workflow_id": 161335, "status": "completed", "conclusion": concl, "head_branch": "main",
            "head_sha": sha, "pull_requests": [],
            # newer runs (higher ids) were created later, whatever times their logs carry
            "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(1764000000 + run_id % 10 ** 6)),
            "jobs": [dict({"status": "completed", "steps": "auto",
                           "runner_name": "GitHub Actions %d" % j["id"]}, **j) for j in jobs]}


def scenario_history(kind):
    """basic (PR #42 into main, run 19123456789) whose unit-tests job fails on the discount
    rounding (the red run of the pair), with main's recent CI runs:
      pre-existing: main fails the same way in its last two runs, passed before them;
      new:          main passes (the green run of the pair);
      flaky:        this is attempt 2: unit-tests failed in attempt 1 and passed in attempt 2,
                    integration fails in both and main saw it fail and pass on one commit."""
    s = scenario("basic")
    repo = s["repos"][0]
    run = repo["runs"][0]
    unit = run["jobs"][0]
    unit.update({"log": RED, "steps": "auto"})
    if kind == "pre-existing":
        repo["runs"] += [
            base_run(19123456700, MAIN_SHAS[0], [{"id": 54321007001, "name": "unit-tests", "conclusion": "failure",
                                                 "log": RED_ON_MAIN}]),
            base_run(19123456600, MAIN_SHAS[1], [{"id": 54321006001, "name": "unit-tests", "conclusion": "failure",
                                                 "log": RED_ON_MAIN}]),
            base_run(19123456500, MAIN_SHAS[2], [{"id": 54321005001, "name": "unit-tests", "conclusion": "success",
                                                 "log": GREEN}])]
    elif kind == "new":
        repo["runs"] += [
            base_run(19123456700, MAIN_SHAS[0], [{"id": 54321007001, "name": "unit-tests", "conclusion": "success",
                                                 "log": GREEN}]),
            base_run(19123456600, MAIN_SHAS[1], [{"id": 54321006001, "name": "unit-tests", "conclusion": "success",
                                                 "log": GREEN}])]
    elif kind == "flaky":
        rerun = os.path.join(LOGS, "history-pytest-rerunfailures.log")
        run["run_attempt"] = 2
        s["env"]["GITHUB_RUN_ATTEMPT"] = "2"
        ci = [j for j in run["jobs"] if j["name"] == "ci-triage"][0]
        ci["run_attempt"] = 2
        run["jobs"] = [
            {"id": 54321000301, "name": "unit-tests", "status": "completed", "conclusion": "failure",
             "log": RED, "steps": "auto", "run_attempt": 1, "runner_name": "GitHub Actions 301"},
            {"id": 54321000302, "name": "integration", "status": "completed", "conclusion": "failure",
             "log": rerun, "steps": "auto", "run_attempt": 1, "runner_name": "GitHub Actions 302"},
            {"id": 54321000311, "name": "unit-tests", "status": "completed", "conclusion": "success",
             "log": GREEN, "steps": "auto", "run_attempt": 2, "runner_name": "GitHub Actions 311"},
            {"id": 54321000312, "name": "integration", "status": "completed", "conclusion": "failure",
             "log": rerun, "steps": "auto", "run_attempt": 2, "runner_name": "GitHub Actions 312"},
            ci]
        repo["runs"] += [
            base_run(19123456700, MAIN_SHAS[0], [
                {"id": 54321007001, "name": "unit-tests", "conclusion": "success", "log": GREEN, "run_attempt": 1},
                {"id": 54321007002, "name": "integration", "conclusion": "failure", "log": rerun, "run_attempt": 1},
                {"id": 54321007011, "name": "unit-tests", "conclusion": "success", "log": GREEN, "run_attempt": 2},
                {"id": 54321007012, "name": "integration", "conclusion": "success", "log": GREEN, "run_attempt": 2}],
                attempt=2)]
    else:
        raise ValueError(kind)
    s["env"]["GITHUB_WORKFLOW_REF"] = "octo-org/octo-repo/.github/workflows/ci.yml@refs/pull/42/merge"
    return s


def scenario_history_pre_existing():
    return scenario_history("pre-existing")


def scenario_history_new():
    return scenario_history("new")


def scenario_history_flaky():
    return scenario_history("flaky")


def scenario_skipped_step():
    """basic, but unit-tests has a step skipped by its `if:` before the failing one: GitHub lists
    it in steps[] (conclusion skipped, number 4) and the log has no segment for it, so the
    failing pytest step is number 5 while it is the 4th segment of the log."""
    s = scenario("basic")
    job = s["repos"][0]["runs"][0]["jobs"][0]
    st, _, _ = fake_github.auto_steps(os.path.join(LOGS, job["log"]), "failure", 3)
    out = []
    for i, x in enumerate(st):
        if i == 3:
            t = fake_github.iso(st[2]["_t1"])
            out.append({"name": "Run choco install openssl", "status": "completed",
                        "conclusion": "skipped", "number": 4, "started_at": t,
                        "completed_at": t})
        out.append({"name": x["name"], "status": x["status"], "conclusion": x["conclusion"],
                    "number": x["number"] + (1 if i >= 3 else 0),
                    "started_at": fake_github.iso(x["_t0"]),
                    "completed_at": fake_github.iso(x["_t1"])})
    job["steps"] = out
    return s


def scenario_deploy():
    """basic plus a failed deploy job (real kubectl log: rollout timed out, pod Pending on
    Insufficient cpu; its evidence quotes the `<none>` columns of kubectl get pods -o wide)."""
    s = scenario("basic")
    s["repos"][0]["runs"][0]["jobs"].insert(1, {
        "id": 54321000005, "name": "deploy (production)", "status": "completed",
        "conclusion": "failure", "log": "pods-not-ready-insufficient-cpu.log", "steps": "auto",
        "runner_name": "GitHub Actions 1000005"})
    return s


def scenario_markdown_hazards():
    """basic plus two failed jobs whose real logs (pytorch/pytorch CI windows, peer corpus) put
    Markdown/HTML hazards in the diagnosis: a C++ error whose title holds
    `MetadataField<long int>&` (a raw tag to GitHub's sanitiser), and a PR-size check whose
    evidence says `please contact @albanD or @seemethere.` (mentions that would ping people)
    next to `|` columns of git diff --stat."""
    s = scenario("basic")
    s["repos"][0]["runs"][0]["jobs"][1:1] = [
        {"id": 54321000006, "name": "build (linux-jammy-py3.10-gcc11)", "status": "completed",
         "conclusion": "failure", "log": "peer-pytorch-compile_error.log", "steps": "auto",
         "runner_name": "GitHub Actions 1000006"},
        {"id": 54321000007, "name": "pr-sanity-checks", "status": "completed",
         "conclusion": "failure", "log": "peer-pytorch-pr_sanity_exit_code_only.log",
         "steps": "auto", "runner_name": "GitHub Actions 1000007"}]
    return s


def scenario_green(comments=None):
    """basic with every job green (comments: the PR's comments to start with)."""
    s = scenario("basic")
    s["job_overrides"] = {str(UNIT): {"conclusion": "success",
                                      "log": "dev-none-pip-resolver-warning.log"}}
    if comments is not None:
        s["repos"][0]["issues"] = [{"number": 42, "comments": comments}]
    return s


def scenario_push():
    """basic's run triggered by a push: the PR comes from GET commits/{sha}/pulls."""
    s = scenario("basic")
    sha = s["repos"][0]["runs"][0]["head_sha"]
    s["repos"][0]["runs"][0]["event"] = "push"
    s["env"] = dict(s["env"], GITHUB_EVENT_NAME="push", GITHUB_SHA=sha,
                    GITHUB_REF="refs/heads/fix-crypto-import")
    s["event"] = {"ref": "refs/heads/fix-crypto-import", "after": sha, "before": "0" * 40,
                  "head_commit": {"id": sha}, "repository": {"full_name": OWNER_REPO}}
    return s


def scenario_workflow_run_fork():
    """a workflow_run workflow triaging fork-pr's run: pull_requests[] is empty, so the PR is
    found with GET pulls?head=contributor:patch-1 and the head sha; the token can write."""
    s = scenario("fork-pr")
    s["repos"][0]["permissions"] = {"actions": "read", "issues": "write",
                                    "pull_requests": "write"}
    run = s["repos"][0]["runs"][0]
    run["status"], run["conclusion"] = "completed", "failure"
    run["jobs"] = [j for j in run["jobs"] if j["name"] != "ci-triage"]
    s["env"] = dict(s["env"], GITHUB_EVENT_NAME="workflow_run", GITHUB_RUN_ID="19200000001",
                    GITHUB_RUN_ATTEMPT="1", GITHUB_WORKFLOW="ci-triage",
                    CI_TRIAGE_CHECK_RUN_ID="54399999999", RUNNER_NAME="GitHub Actions 9")
    s["event"] = {"action": "completed", "workflow_run": {
        "id": RUN, "name": "CI", "run_attempt": 1, "event": "pull_request",
        "head_sha": run["head_sha"], "head_branch": "patch-1", "conclusion": "failure",
        "status": "completed", "pull_requests": [],
        "head_repository": {"full_name": "contributor/octo-repo",
                            "owner": {"login": "contributor"}},
        "repository": {"full_name": OWNER_REPO}},
        "repository": {"full_name": OWNER_REPO}}
    return s


def _report_schema():
    import jsonschema  # Debian python3-jsonschema (scripts/install-deps.sh --test)
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    with open(os.path.join(root, "schemas", "report-1.schema.json"), encoding="utf-8") as f:
        return jsonschema.Draft202012Validator(json.load(f))


REPORT_SCHEMA = _report_schema()


class Result:
    def __init__(self, rc, stdout, stderr, tmp, elapsed, since):
        self.rc, self.stdout, self.stderr, self.tmp, self.elapsed = rc, stdout, stderr, tmp, elapsed
        self.since = since
        self.summary = read_text(os.path.join(tmp, "summary.md"))
        self.output_text = read_text(os.path.join(tmp, "output"))
        self.outputs = parse_output_file(self.output_text)
        self.lines = [ln for ln in stdout.split("\n") if ln]
        self.report = None
        rp = self.outputs.get("report-path")
        if rp and os.path.isfile(rp):
            with open(rp, encoding="utf-8") as f:
                self.report_text = f.read()
            self.report = json.loads(self.report_text)
            # Every report a test produces is a valid ci-triage/report@1 (schemas/).
            errors = [f"$.{'.'.join(str(x) for x in e.absolute_path)}: {e.message[:200]}"
                      for e in REPORT_SCHEMA.iter_errors(self.report)]
            if errors:
                raise AssertionError("the JSON report does not match schemas/report-1.schema.json:\n" +
                                     "\n".join(errors[:10]))

    def own_messages(self):
        """ci-triage's own degradation lines: ::notice::/::warning::/::error:: 'ci-triage: ...'"""
        return [ln for ln in self.lines
                if re.match(r"^::(notice|warning|error)[^:]*::ci-triage: ", ln)
                or re.match(r"^::(notice|warning|error) title=ci-triage::", ln)]

    def annotations(self):
        return [ln for ln in self.lines if re.match(r"^::(error|warning|notice)", ln)
                and ln not in self.own_messages()]

    def describe(self):
        return "rc=%s\n--- stdout\n%s\n--- stderr\n%s\n--- summary (first 3000)\n%s" % (
            self.rc, self.stdout[-4000:], self.stderr[-4000:], self.summary[:3000])


class Fake:
    """fake_github.py as a subprocess, its control API, and runs of ci-triage against it."""

    def __init__(self, scenario_file=os.path.join(SCEN, "basic.json"), public_api_url=None,
                 extra_args=()):
        cmd = [sys.executable, SERVER, "--port", "0", "--scenario", scenario_file]
        if public_api_url:
            cmd += ["--public-api-url", public_api_url]
        cmd += list(extra_args)
        for attempt in range(3):
            self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                         text=True)
            line = self.proc.stdout.readline()
            if line:
                break
            err = self.proc.stderr.read()
            rc = self.proc.wait()
            self.proc.stdout.close()
            self.proc.stderr.close()
            if attempt == 2:
                raise RuntimeError("fake server did not start (exit %s): %s" % (rc, err))
            time.sleep(0.5)
        self.info = json.loads(line)
        self.api, self.blob = self.info["api"], self.info["blob"]
        self.tmp_root = tempfile.mkdtemp(prefix="ci-triage-e2e-")

    def close(self):
        try:
            self.ctl("POST", "/shutdown")
            self.proc.wait(timeout=5)
        except Exception:
            self.proc.kill()
            self.proc.wait()
        self.proc.stdout.close()
        self.proc.stderr.close()
        if os.environ.get("KEEP_TMP") != "1":
            shutil.rmtree(self.tmp_root, ignore_errors=True)

    def ctl(self, method, path, obj=None):
        data = json.dumps(obj).encode() if obj is not None else None
        req = urllib.request.Request(self.api + "/_control" + path, data=data, method=method)
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.loads(r.read())

    def load(self, scen):
        """scen: a scenario name (scenarios/NAME.json) or a dict."""
        if isinstance(scen, str):
            self.ctl("POST", "/scenario?clear_requests=1", {"file": scen + ".json"})
        else:
            self.ctl("POST", "/scenario?clear_requests=1", scen)

    def requests(self, **q):
        return self.ctl("GET", "/requests?" + urllib.parse.urlencode(q))["requests"]

    def comments(self):
        return self.ctl("GET", "/comments")

    def sticky(self):
        return [c for c in self.comments()["comments"] if MARKER_RE.search(c["body"])]

    def prepare(self, env_over=None, drop=(), name="run"):
        """A temp dir with summary, output, RUNNER_TEMP, workspace and the event file, and the
        environment a runner would give the step."""
        tmp = tempfile.mkdtemp(prefix=name + "-", dir=self.tmp_root)
        for d in ("runner_temp", "workspace"):
            os.makedirs(os.path.join(tmp, d))
        open(os.path.join(tmp, "summary.md"), "w").close()
        open(os.path.join(tmp, "output"), "w").close()
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": tmp, "LANG": "C.UTF-8",
               "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_WORKFLOW": "CI",
               "GITHUB_ACTION": "__run_2", "RUNNER_OS": "Linux", "RUNNER_ARCH": "X64"}
        env.update(self.ctl("GET", "/env"))
        try:
            event = self.ctl("GET", "/event")
            with open(os.path.join(tmp, "event.json"), "w") as f:
                json.dump(event, f)
            env["GITHUB_EVENT_PATH"] = os.path.join(tmp, "event.json")
        except urllib.error.HTTPError:
            pass
        # Retry and rate-limit waits are logged, not slept (a test hook of ci-triage github).
        env["CI_TRIAGE_VIRTUAL_TIME"] = "1"
        env.update({"GITHUB_TOKEN": TOKEN,
                    "GITHUB_STEP_SUMMARY": os.path.join(tmp, "summary.md"),
                    "GITHUB_OUTPUT": os.path.join(tmp, "output"),
                    "RUNNER_TEMP": os.path.join(tmp, "runner_temp"),
                    "GITHUB_WORKSPACE": os.path.join(tmp, "workspace")})
        env.update(env_over or {})
        for k in drop:
            env.pop(k, None)
        return tmp, env

    def run(self, binary, *args, env=None, drop=(), timeout=120, name="run"):
        tmp, e = self.prepare(env, drop, name)
        since = self.ctl("GET", "/requests?host=none")["last_seq"]
        t0 = time.monotonic()
        p = subprocess.run([binary, "github"] + list(args), env=e,
                           cwd=os.path.join(tmp, "workspace"), capture_output=True, text=True,
                           timeout=timeout)
        return Result(p.returncode, p.stdout, p.stderr, tmp, time.monotonic() - t0, since)


class GitHubCommandTest(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        if not BIN or not os.access(BIN, os.X_OK):
            raise unittest.SkipTest("ci-triage binary not found: %r (CI_TRIAGE_BIN or argv[1])" % BIN)
        cls.fake = Fake()
        cls.api = cls.fake.api

    @classmethod
    def tearDownClass(cls):
        cls.fake.close()

    def ctl(self, method, path, obj=None):
        return self.fake.ctl(method, path, obj)

    def load(self, scen):
        self.fake.load(scen)

    def requests(self, **q):
        return self.fake.requests(**q)

    def comments(self):
        return self.fake.comments()

    def sticky(self):
        return self.fake.sticky()

    def prepare(self, env_over=None, drop=(), name="run"):
        return self.fake.prepare(env_over, drop, name)

    def run_triage(self, *args, env=None, drop=(), timeout=120, check_rc=0):
        r = self.fake.run(BIN, *args, env=env, drop=drop, timeout=timeout)
        if check_rc is not None:
            self.assertEqual(r.rc, check_rc, r.describe())
        return r

    def api_reqs(self, r=None, **q):
        q.setdefault("host", "api")
        if r is not None:
            q["since"] = r.since
        return self.requests(**q)

    def assert_no_token_anywhere(self, r):
        mask = "::add-mask::" + TOKEN
        self.assertNotIn(TOKEN, r.stdout.replace(mask, ""), "token printed on stdout")
        self.assertNotIn(TOKEN, r.stderr, "token printed on stderr")
        self.assertNotIn(TOKEN, r.summary, "token in the job summary")
        self.assertNotIn(TOKEN, r.output_text, "token in GITHUB_OUTPUT")
        for dirpath, _, files in os.walk(r.tmp):
            for fn in files:
                p = os.path.join(dirpath, fn)
                if fn == "event.json":
                    continue
                with open(p, "rb") as f:
                    self.assertNotIn(TOKEN.encode(), f.read(), "token written to %s" % p)
        for c in self.comments()["comments"]:
            self.assertNotIn(TOKEN, c["body"], "token in a PR comment")

    def test_token_is_masked_first_and_never_leaks(self):
        self.load("basic")
        r = self.run_triage("--comment", "always")
        self.assertTrue(r.lines, r.describe())
        self.assertEqual(r.lines[0], "::add-mask::" + TOKEN, "::add-mask:: must be the first line")
        self.assert_no_token_anywhere(r)

    # -------------------------------------------------------- distinct failures
    def test_matrix_12_jobs_4_causes_one_section_per_failure(self):
        self.load(scenario_matrix_4())
        four = self.run_triage("--comment", "always")
        comment_4 = self.sticky()[0]["body"]
        self.load(scenario_matrix_12())
        twelve = self.run_triage("--comment", "always")
        comment_12 = self.sticky()[0]["body"]
        self.assertIn("3 new failures, 1 also on main (12 failed jobs)", comment_12)
        self.assertEqual(comment_12.count("\n#### "), 4, comment_12)
        self.assertIn("3 new failures, 1 also on main (12 failed jobs)", twelve.summary)
        self.assertEqual(twelve.summary.count("\n### "), 4, twelve.summary)
        ratio = len(comment_12) / len(comment_4)
        self.assertLessEqual(ratio, 1.5, "12 jobs with 4 causes: %d characters, 4 jobs: %d" %
                             (len(comment_12), len(comment_4)))
        # every job is still linked: the others of a group at the line where their log shows it
        for py in ("3.10", "3.11", "3.12"):
            for shard in range(1, 5):
                self.assertIn("test (%s, %d)" % (py, shard), comment_12)
        self.assertEqual(twelve.outputs["findings-count"], "4")
        self.assertEqual(twelve.outputs["failed-jobs"], "12")
        self.assertEqual(four.outputs["findings-count"], "4")
        groups = twelve.report["groups"]
        self.assertEqual([len(g["jobs"]) for g in groups], [3, 3, 3, 3])
        # main fails shard 4's way (its newest run; the run before passed): folded, last
        self.assertEqual([g["mark"] for g in groups], ["new", "new", "new", "pre-existing"])
        self.assertEqual(groups[3]["since"]["run_id"], 19123456700)
        self.assertIn("1 failure also on `main`: not this change", comment_12)
        names = [[twelve.report["jobs"][i]["name"] for i in g["jobs"]] for g in groups]
        self.assertEqual(names[0], ["test (3.10, 1)", "test (3.11, 1)", "test (3.12, 1)"])

    def test_fail_fast_matrix_with_one_failed_leg_says_one_failure(self):
        self.load(scenario_fail_fast())
        r = self.run_triage("--comment", "always")
        body = self.sticky()[0]["body"]
        self.assertIn("1 new failure (1 failed job) \u00b7 3 cancelled", body)
        self.assertEqual(body.count("\n#### "), 1, body)
        self.assertIn("3 cancelled** after unit-tests (3.11) failed (matrix fail-fast)", body)
        self.assertNotIn("Re-run", body)
        self.assertEqual(r.summary.count("\n### "), 1, r.summary)
        # cancelled legs are not triaged: their logs are never downloaded
        got = [int(re.search(r"/jobs/(\d+)/logs", q["path"]).group(1)) for q in self.api_reqs(r, path=r"/logs$")]
        self.assertEqual(got, [54321000202])
        self.assertEqual((r.outputs["findings-count"], r.outputs["failed-jobs"], r.outputs["cancelled-jobs"]),
                         ("1", "1", "3"))
        self.assertEqual(r.report["run"]["jobs_cancelled"], 3)
        self.assertEqual({c["after"] for c in r.report["run"]["cancelled"]}, {"unit-tests (3.11)"})

    # ---- base-branch history: new, pre-existing, flaky; degraded to no marks
    def history_reqs(self, r):
        return [q["path"].split("/actions/", 1)[-1] for q in self.api_reqs(r)
                if "/actions/" in q["path"] and "/19123456789/" not in q["path"]
                and "/jobs/54321000" not in q["path"]]

    def test_history_failure_also_failing_on_main_is_pre_existing(self):
        self.load(scenario_history_pre_existing())
        r = self.run_triage("--comment", "always")
        g = r.report["groups"]
        self.assertEqual([x["mark"] for x in g], ["pre-existing"])
        self.assertEqual((g[0]["seen_in"]["run_id"], g[0]["since"]["run_id"], g[0]["compared"]),
                         (19123456700, 19123456600, True))
        self.assertEqual((r.report["run"]["base"], r.report["run"]["history_read"]), ("main", True))
        # one runs list, the jobs of each main run until the job passed, one main log
        self.assertEqual(self.history_reqs(r), [
            "workflows/ci.yml/runs?branch=main&status=completed&exclude_pull_requests=true&per_page=5",
            "runs/19123456700/attempts/1/jobs?per_page=100", "runs/19123456600/attempts/1/jobs?per_page=100",
            "runs/19123456500/attempts/1/jobs?per_page=100", "jobs/54321007001/logs"])
        self.assertIn("main", self.sticky()[0]["body"])

    def test_history_failure_passing_on_main_is_new(self):
        self.load(scenario_history_new())
        r = self.run_triage("--comment", "always")
        self.assertEqual([x["mark"] for x in r.report["groups"]], ["new"])
        # main's newest run passed the job: nothing older is read, no main log is downloaded
        self.assertEqual(len(self.history_reqs(r)), 2, self.history_reqs(r))

    def test_history_attempt_2_flaky(self):
        self.load(scenario_history_flaky())
        r = self.run_triage("--comment", "always")
        self.assertEqual([x["mark"] for x in r.report["groups"]], ["flaky"])
        self.assertIn("two attempts of one main run", r.report["groups"][0]["flaky_reason"])
        self.assertEqual([(j["name"], j["failed_attempt"]) for j in r.report["run"]["passed_on_rerun"]],
                         [("unit-tests", 1)])
        self.assertEqual(r.outputs["failed-jobs"], "1")

    def test_history_unreadable_degrades_to_no_marks_with_a_notice(self):
        for fault in ({"kind": "status", "status": 403, "path": "/workflows/[^/]+/runs"},
                      {"kind": "status", "status": 500, "path": "/runs/19123456700/attempts/1/jobs", "count": 9},
                      {"kind": "reset", "path": "/workflows/[^/]+/runs", "count": 9}):
            self.load(dict(scenario_history_pre_existing(), faults=[fault]))
            r = self.run_triage("--comment", "always")
            self.assertEqual(r.rc, 0, r.describe())
            self.assertEqual([x["mark"] for x in r.report["groups"]], ["unknown"], fault)
            self.assertFalse(r.report["run"]["history_read"])
            self.assertTrue(any("history of the base branch could not be read" in n
                                for n in r.report["run"]["notices"]), r.report["run"]["notices"])
            self.assertIn("could not be read", r.summary)
            self.assertEqual(len(self.sticky()), 1)  # the comment is still posted
        # --no-history: not a single history request
        self.load(scenario_history_pre_existing())
        r = self.run_triage("--comment", "always", "--no-history")
        self.assertEqual(self.history_reqs(r), [])

    def test_log_text_survives_markdown_rendering(self):
        # rendered as GitHub would (cmark-gfm + GitHub's sanitiser allowlist): text from the log
        # must stay visible, and must not turn into @-mentions
        if not shutil.which("cmark-gfm"):
            self.skipTest("cmark-gfm is not installed")
        sys.path.insert(0, os.path.join(ROOT, "scripts"))
        render = __import__("render-markdown")
        self.load(scenario_markdown_hazards())
        r = self.run_triage()
        for name, md in (("summary", r.summary), ("comment", self.sticky()[0]["body"])):
            html_text = render.to_html(md, strict=False)
            shown = visible_text(html_text)
            self.assertNotIn("ci-triage:sticky", shown, "the marker must be an HTML comment")
            if "MetadataField" in md:
                self.assertIn("MetadataField<long int>", shown,
                              "%s: `<long int>` from the title vanished when rendered" % name)
            prose = visible_text(html_text, skip=("code", "pre"))
            self.assertNotRegex(prose, r"(^|[^\w`/])@(albanD|seemethere)\b",
                                "%s: log text would @-mention people on GitHub" % name)
        self.assertIn("MetadataField", r.summary, "the compile error is not in the summary")

    def test_large_log_is_streamed_in_bounded_memory(self):
        # a 100 MB job log (real lines, make_bench_scenario.py) must not be held whole
        if not os.access("/usr/bin/time", os.X_OK):
            self.skipTest("/usr/bin/time is not installed")
        work = os.path.join(self.fake.tmp_root, "big")
        path = subprocess.run([sys.executable, os.path.join(HERE, "make_bench_scenario.py"), work,
                               "--jobs", "1", "--size-mb", "100"], capture_output=True, text=True,
                              check=True).stdout.strip()
        with open(path) as f:
            self.load(json.load(f))
        tmp, env = self.prepare()
        p = subprocess.run(["/usr/bin/time", "-v", BIN, "github", "--comment", "never"], env=env,
                           capture_output=True, text=True, timeout=300)
        self.assertEqual(p.returncode, 0, p.stderr[-2000:])
        rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
        self.assertLess(rss, 64 * 1024, "peak RSS %d KB for a 100 MB log" % rss)
        self.assertIn("primary-category=coverage", read_text(env["GITHUB_OUTPUT"]))

    def concurrent_runs(self, n):
        self.load("basic")
        procs = []
        for i in range(n):
            tmp, env = self.prepare(name="conc%d" % i)
            procs.append(subprocess.Popen([BIN, "github"], env=env, stdout=subprocess.PIPE,
                                          stderr=subprocess.PIPE, text=True))
        for p in procs:
            out, err = p.communicate(timeout=120)
            self.assertEqual(p.returncode, 0, out + err)
        sticky = self.sticky()
        self.assertEqual(len(sticky), 1, "concurrent writers left %d comments" % len(sticky))
        posts = self.requests(host="api", method="POST", path=r"/comments$")
        deletes = self.requests(host="api", method="DELETE")
        for d in deletes:
            self.assertIn(d["status"], (204, 404))   # 404: another writer deleted it first
        # every created duplicate was deleted again; or the later writers found the first
        done = [d for d in deletes if d["status"] == 204]
        self.assertEqual(len(posts) - len(done), 1, ([p["status"] for p in posts],
                                                     [d["path"] for d in deletes]))

    def assert_full_result(self, r):
        self.assertIn("unit-tests", r.summary, r.describe())
        self.assertIn("Crypto", r.summary, r.describe())
        self.assertEqual(r.outputs.get("primary-category"), "imports", r.describe())

    def test_slow_response_past_client_timeout_degrades(self):
        self.load("basic")
        # --timeout (not in the contract; default 300 s) bounds the whole run
        self.ctl("POST", "/fault", {"kind": "slow", "seconds": 600, "host": "blob", "count": 0})
        r = self.run_triage("--timeout", "10", timeout=200)
        self.assertLess(r.elapsed, 30, "no total timeout on the log download?")
        self.assertTrue(r.own_messages(), "a timed-out log should give a ci-triage warning")

    # ------------------------------------------------------------- on the wire
    def test_requests_on_the_wire(self):
        # The contract's headers and the token on every API request; none on the blob host.
        self.load("basic")
        r = self.run_triage()
        reqs = self.api_reqs(r)
        self.assertTrue(reqs, "no API request was made")
        for q in reqs:
            h = q["headers"]
            self.assertEqual(h.get("accept"), "application/vnd.github+json", q["path"])
            self.assertEqual(h.get("x-github-api-version"), "2022-11-28", q["path"])
            self.assertRegex(h.get("user-agent", ""), r"^ci-triage/\d+\.\d+", q["path"])
            self.assertEqual(q["authorization"], "present", q["path"])
            self.assertIn(q["auth_scheme"], ("Bearer", "token"))
            if q["method"] in ("POST", "PATCH"):
                self.assertTrue(h.get("content-type", "").startswith("application/json"), q)
        jobs = [q for q in reqs if "/jobs?" in q["path"]]
        self.assertEqual(jobs[0]["path"], "/repos/%s/actions/runs/%d/attempts/1/jobs?per_page=100"
                         % (OWNER_REPO, RUN))
        blob = self.requests(host="blob")
        self.assertTrue(blob, "the log was never fetched from the blob host")
        for q in blob:
            self.assertEqual(q["authorization"], "absent", q)
            self.assertNotIn("authorization", q["headers"])
            self.assertEqual(q["status"], 200, q)
        self.assertEqual(len(self.sticky()), 1)
        self.assertIn("Crypto", r.summary)

    def test_token_scope(self):
        # Only the API's scheme+host+port gets the token: not another port of the same host...
        other = Fake(extra_args=["--blob-host", "127.0.0.1"])
        try:
            other.load("basic")
            r = other.run(BIN)
            self.assertEqual(r.rc, 0, r.describe())
            blob = other.requests(host="blob")
            self.assertTrue(blob)
            self.assertTrue(other.blob.startswith("http://127.0.0.1:"))
            for q in blob:
                self.assertEqual(q["authorization"], "absent", q)
        finally:
            other.close()
        # ...and never plain http:// to a host that is not loopback.
        ip = non_loopback_ip()
        if not ip:
            return
        seen = []
        srv = socket.socket()
        srv.bind((ip, 0))
        srv.listen(8)
        srv.settimeout(0.2)
        stop = threading.Event()

        def accept():
            while not stop.is_set():
                try:
                    c, _ = srv.accept()
                    c.settimeout(1)
                    try:
                        seen.append(c.recv(65536))
                    except OSError:
                        seen.append(b"")
                    c.close()
                except socket.timeout:
                    pass
        t = threading.Thread(target=accept, daemon=True)
        t.start()
        try:
            self.load("basic")
            r = self.run_triage("--fail-on-error", check_rc=1,
                                env={"GITHUB_API_URL": "http://%s:%d" % (ip, srv.getsockname()[1])})
        finally:
            stop.set()
            t.join()
            srv.close()
        self.assertEqual(seen, [], "ci-triage connected to a plain-http non-loopback API")
        self.assertTrue([m for m in r.own_messages() if re.search(r"https|http://", m)], r.describe())
        self.assert_no_token_anywhere(r)

    def test_exit_codes(self):
        self.load("basic")
        dead = "http://127.0.0.1:%d" % free_port()
        r = self.run_triage(env={"GITHUB_API_URL": dead}, check_rc=0)
        self.assertTrue(r.own_messages(), r.describe())
        self.run_triage("--fail-on-error", env={"GITHUB_API_URL": dead}, check_rc=1)
        self.run_triage("--comment", "sometimes", check_rc=2)
        self.run_triage("--max-annotations", "many", check_rc=2)

    # ------------------------------------------------------- concurrent writers
    def test_sticky_comment_single_after_four_concurrent_runs(self):
        self.concurrent_runs(4)

    # ------------------------------------------------------------ the transport
    def test_transient_failures_are_retried(self):
        # 500/502/503 on the API, a reset connection and a body cut short on the blob host:
        # each is retried (waits logged, not slept: CI_TRIAGE_VIRTUAL_TIME) and the result is whole.
        self.load("basic")
        self.ctl("POST", "/fault", [
            {"kind": "status", "status": 500, "path": r"/attempts/\d+/jobs"},
            {"kind": "status", "status": 502, "path": r"/actions/jobs/\d+/logs"},
            {"kind": "status", "status": 503, "path": r"/issues/\d+/comments", "method": "GET"}])
        r = self.run_triage()
        self.assert_full_result(r)
        faults = [q for q in self.api_reqs(r) if q["fault"]]
        self.assertEqual(sorted(q["status"] for q in faults), [500, 502, 503])
        self.assertEqual(len(re.findall(r"retrying in \d+\.\d s", r.stderr)), 3, r.stderr)
        self.assertEqual(len(self.sticky()), 1)
        for fault in ({"kind": "reset", "host": "blob"}, {"kind": "truncate", "host": "blob", "fraction": 0.5}):
            self.load("basic")
            self.ctl("POST", "/fault", fault)
            r = self.run_triage()
            self.assert_full_result(r)
            self.assertEqual(len(self.requests(host="blob")), 2, fault)

    def test_rate_limits_are_waited_for(self):
        # 429 with retry-after and a secondary 403 limit: the wait GitHub asks for, logged.
        for kind, status, wait in (("retry_after", 429, "2.0"), ("secondary_rate_limit", 403, "1.0")):
            self.load("basic")
            self.ctl("POST", "/fault", {"kind": kind, "retry_after": int(float(wait)),
                                        "path": r"/attempts/\d+/jobs"})
            r = self.run_triage()
            self.assert_full_result(r)
            jobs = self.api_reqs(r, path=r"/attempts/\d+/jobs")
            self.assertEqual([q["status"] for q in jobs], [status, 200])
            self.assertIn("retrying in %s s" % wait, r.stderr)
            self.assertFalse([m for m in r.own_messages() if "permission" in m.lower()])
        # The primary limit, in real time: nothing is asked again before x-ratelimit-reset.
        self.load("ratelimited")
        r = self.run_triage(env={"CI_TRIAGE_VIRTUAL_TIME": "0"})
        self.assert_full_result(r)
        limited = [q for q in self.api_reqs(r) if q["status"] == 403]
        self.assertLessEqual(len(limited), 2, "kept requesting while rate limited")
        self.assertGreaterEqual(r.elapsed, 1.0, "did not wait for x-ratelimit-reset")

    # -------------------------------------------------------- outside Actions
    def test_outside_actions_a_text_report_for_a_person(self):
        # `GH_TOKEN=$(gh auth token) ci-triage github --repo O/R --run-id N` on a laptop:
        # no workflow commands, the token never printed, no files, no comment unless asked.
        self.load("basic")
        tmp, env = self.prepare(drop=("GITHUB_ACTIONS", "GITHUB_TOKEN", "GITHUB_REPOSITORY",
                                      "GITHUB_RUN_ID"))
        env["GH_TOKEN"] = TOKEN
        since = self.ctl("GET", "/requests?host=none")["last_seq"]
        p = subprocess.run([BIN, "github", "--repo", OWNER_REPO, "--run-id", str(RUN)], env=env,
                           cwd=os.path.join(tmp, "workspace"), capture_output=True, text=True, timeout=120)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertIn("unit-tests: failed", p.stdout)
        self.assertIn("Crypto", p.stdout)
        for line in p.stdout.splitlines() + p.stderr.splitlines():
            self.assertFalse(line.startswith("::"), "a workflow command at a terminal: " + line)
        self.assertNotIn(TOKEN, p.stdout + p.stderr)
        self.assertEqual(read_text(os.path.join(tmp, "summary.md")), "", "wrote the job summary")
        self.assertEqual(read_text(os.path.join(tmp, "output")), "", "wrote step outputs")
        self.assertEqual(os.listdir(os.path.join(tmp, "runner_temp")), [], "wrote a file unasked")
        self.assertEqual(os.listdir(os.path.join(tmp, "workspace")), [], "wrote a file unasked")
        reqs = self.requests(host="api", since=since)
        self.assertTrue(reqs)
        self.assertTrue(all(q["authorization"] == "present" for q in reqs), "GH_TOKEN was not used")
        self.assertFalse([q for q in reqs if "/issues/" in q["path"] or q["method"] != "GET"],
                         "a comment without --comment")
        self.assertEqual(self.sticky(), [])
        # Asked for: the JSON and SARIF reports, and the comment.
        json_path, sarif_path = os.path.join(tmp, "r.json"), os.path.join(tmp, "r.sarif")
        p = subprocess.run([BIN, "github", "--repo", OWNER_REPO, "--run-id", str(RUN), "--json", json_path,
                            "--sarif", sarif_path, "--comment", "auto"], env=env,
                           cwd=os.path.join(tmp, "workspace"), capture_output=True, text=True, timeout=120)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        with open(json_path) as f:
            self.assertEqual(json.load(f)["schema"], "ci-triage/report@1")
        with open(sarif_path) as f:
            self.assertEqual(json.load(f)["version"], "2.1.0")
        self.assertEqual(len(self.sticky()), 1)
        self.assertNotIn(TOKEN, p.stdout + p.stderr)

    # ------------------------------------------------------------ hostile server (issue 11)
    def deep_body(self):
        with open(os.path.join(ROOT, "tests", "fuzz", "corpus", "github",
                               "deep-nesting-jobs-list-body.json")) as f:
            return f.read()

    def assert_degraded_cleanly(self, r, words):
        # never a crash: exit 0, a summary, the outputs, and one clear warning
        self.assertEqual(r.rc, 0, r.describe())
        self.assertTrue(r.summary.startswith("## ci-triage"), r.describe())
        self.assertIn("primary-category", r.output_text, r.describe())
        self.assertTrue([m for m in r.own_messages() if words in m], r.describe())

    def test_deeply_nested_jobs_list_is_one_warning_not_a_crash(self):
        # a jobs list nested 100,000 levels deep crashed ci-triage (SIGSEGV): no summary, no outputs
        self.load("basic")
        self.ctl("POST", "/fault", {"kind": "response", "status": 200, "body": self.deep_body(),
                                    "path": r"/attempts/\d+/jobs", "count": 0})
        r = self.run_triage(check_rc=None)
        self.assert_degraded_cleanly(r, "nested deeper than 128 levels")
        self.assertEqual(self.api_reqs(r, method="POST"), [], "no job list: the comment stays as it is")

    def test_deeply_nested_and_malformed_bodies_everywhere_degrade(self):
        deep = "[" * 200000 + "]" * 200000
        cases = [(r"/attempts/\d+/jobs", '{"jobs": {"not": "a list"}}', "unexpected shape"),
                 (r"/attempts/\d+/jobs", '{"jobs": [1, "x", null, {"id": -1, "steps": 7}]', "not usable JSON"),
                 (r"/issues/\d+/comments", deep, "nested deeper than 128 levels"),
                 (r"/issues/\d+/comments", '{"message": "not a list"}', "unexpected shape")]
        for path, body, words in cases:
            self.load("basic")
            self.ctl("POST", "/fault", {"kind": "response", "status": 200, "body": body, "path": path,
                                        "method": "GET", "count": 0})
            r = self.run_triage(check_rc=None)
            self.assert_degraded_cleanly(r, words)
        # a created comment answered with a deep body: the run still finishes
        self.load("basic")
        self.ctl("POST", "/fault", {"kind": "response", "status": 201, "body": deep,
                                    "path": r"/issues/\d+/comments$", "method": "POST"})
        r = self.run_triage(check_rc=None)
        self.assertEqual(r.rc, 0, r.describe())
        self.assertIn("Crypto", r.summary)

    def test_deeply_nested_event_payload_only_loses_the_pr(self):
        self.load("basic")
        tmp, env = self.prepare()
        with open(env["GITHUB_EVENT_PATH"], "w") as f:
            f.write('{"pull_request": ' + "[" * 200000 + "]" * 200000 + "}")
        p = subprocess.run([BIN, "github"], env=env, cwd=os.path.join(tmp, "workspace"),
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertIn("GITHUB_EVENT_PATH", p.stdout)
        self.assertIn("nested deeper than 128 levels", p.stdout)

    def test_stalled_log_blob_is_analysed_truncated_and_still_commented(self):
        # the blob sends 60% of the log, then 1 byte/s: before, the step waited the whole
        # 300 s budget, threw the bytes away and skipped the comment
        self.load("basic")
        self.ctl("POST", "/fault", {"kind": "stall", "host": "blob", "fraction": 0.6, "seconds": 120,
                                    "count": 0})
        r = self.run_triage("--stall-timeout", "3", timeout=200)
        self.assertLess(r.elapsed, 60, "a stalled download held the step: " + r.describe())
        self.assertIn("The log is truncated", r.summary, r.describe())
        self.assertIn("stalled", r.summary)
        self.assertEqual(len(self.requests(host="blob")), 1, "a stalled download is not started over")
        sticky = self.sticky()
        self.assertEqual(len(sticky), 1, r.describe())
        self.assertIn("unit-tests", sticky[0]["body"])

    def test_redirect_to_another_origin_gets_no_token(self):
        # the job-logs endpoint redirects to an origin that is neither the API nor the blob
        # host named by GitHub: the download may go there, the token never does; the API
        # calls themselves follow no redirect
        self.load("basic")
        target = self.fake.blob + "/elsewhere/job-logs.txt"
        self.ctl("POST", "/fault", [
            {"kind": "response", "status": 302, "body": "", "headers": {"Location": target},
             "path": r"/actions/jobs/\d+/logs$"},
            {"kind": "response", "status": 302, "body": "",
             "headers": {"Location": self.fake.blob + "/stolen-comments"},
             "path": r"/issues/\d+/comments", "method": "GET", "count": 0}])
        r = self.run_triage(check_rc=None)
        self.assertEqual(r.rc, 0, r.describe())
        blob = self.requests(host="blob")
        self.assertTrue([q for q in blob if "/elsewhere/" in q["path"]], "the download was not attempted")
        self.assertTrue(all(q["authorization"] == "absent" for q in blob), blob)
        self.assertFalse([q for q in blob if "stolen" in q["path"]], "an API call followed a redirect")
        self.assertEqual(self.api_reqs(r, method="POST"), [], "no comment list: no comment")

    def test_more_than_10000_comments_never_duplicate_the_sticky_comment(self):
        # GET comments stops after 100 pages; the sticky comment on page 101 must not be posted again
        marker = '<!-- ci-triage:sticky workflow="CI" -->'
        many = [{"id": 2512345600001 + i, "body": "comment %d" % i,
                 "user": {"login": "octocat", "id": 583231, "type": "User"},
                 "created_at": "2025-04-14T20:00:00Z"} for i in range(10050)]
        late = dict(many[-1], id=2512345700000, body=marker + "\nan earlier report")
        s = scenario("basic")
        s["repos"][0]["issues"] = [{"number": 42, "comments": many + [late]}]
        self.load(s)
        r = self.run_triage(timeout=600)
        posts = self.api_reqs(r, method="POST", path=r"/issues/42/comments")
        self.assertEqual(posts, [], "a second sticky comment was created: " + r.describe())
        self.assertEqual(len(self.sticky()), 1)
        self.assertTrue([m for m in r.own_messages() if "more comments than ci-triage reads" in m],
                        r.describe())
        # ours on the first page: it is the oldest, and it is edited in place
        s["repos"][0]["issues"] = [{"number": 42, "comments": [dict(late, id=2512345600000)] + many}]
        self.load(s)
        r = self.run_triage(timeout=600)
        self.assertEqual(self.api_reqs(r, method="POST", path=r"/issues/42/comments"), [])
        self.assertEqual(len(self.api_reqs(r, method="PATCH")), 1, r.describe())
        self.assertEqual(len(self.sticky()), 1)

    def test_http_proxy_variable_is_honoured(self):
        # libcurl's own proxy handling: every request (API and blob host) goes through it, and
        # the token only on the requests for the API host
        proxy = ForwardProxy()
        try:
            self.load("basic")
            r = self.run_triage(env={"http_proxy": proxy.url, "https_proxy": proxy.url})
            self.assertIn("Crypto", r.summary, r.describe())
            seen = list(proxy.seen)
        finally:
            proxy.close()
        api_host = urllib.parse.urlsplit(self.api).netloc
        blob_host = urllib.parse.urlsplit(self.fake.blob).netloc
        hosts = {urllib.parse.urlsplit(u).netloc for _, u, _ in seen}
        self.assertEqual(hosts, {api_host, blob_host}, seen)
        self.assertEqual(len(seen), len(self.api_reqs(r)) + len(self.requests(host="blob")))
        for method, url, auth in seen:
            self.assertEqual(auth, urllib.parse.urlsplit(url).netloc == api_host, (method, url))


def visible_text(html_text, skip=()):
    """The text a reader sees in rendered HTML (tags dropped, entities decoded); with skip, the
    text outside those elements (e.g. code, pre: where GitHub does not link @-mentions)."""
    import html.parser

    class P(html.parser.HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.out, self.depth = [], 0

        def handle_starttag(self, tag, attrs):
            if tag in skip:
                self.depth += 1

        def handle_endtag(self, tag):
            if tag in skip and self.depth:
                self.depth -= 1

        def handle_data(self, d):
            if not self.depth:
                self.out.append(d)
    p = P()
    p.feed(html_text)
    p.close()
    return "".join(p.out)


class ForwardProxy:
    """A plain-http forward proxy on 127.0.0.1 that records (method, absolute URL, whether an
    Authorization header came along) and relays the answer unchanged (redirects included)."""

    def __init__(self):
        import http.client
        import http.server
        seen = self.seen = []

        class H(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def relay(self):
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n) if n else None
                seen.append((self.command, self.path, "Authorization" in self.headers))
                u = urllib.parse.urlsplit(self.path)
                c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
                hdrs = {k: v for k, v in self.headers.items()
                        if k.lower() not in ("proxy-connection", "connection")}
                c.request(self.command, u.path + ("?" + u.query if u.query else ""), body, hdrs)
                resp = c.getresponse()
                data = resp.read()
                self.send_response(resp.status)
                for k, v in resp.getheaders():
                    if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                c.close()
            do_GET = do_POST = do_PATCH = do_DELETE = relay

        self.srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.srv.daemon_threads = True
        self.url = "http://127.0.0.1:%d" % self.srv.server_address[1]
        self.thread = threading.Thread(target=self.srv.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.srv.shutdown()
        self.srv.server_close()


def non_loopback_ip():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.connect(("192.0.2.1", 9))   # no packet is sent; picks the outgoing interface
        ip = s.getsockname()[0]
    except OSError:
        return None
    finally:
        s.close()
    return None if ip.startswith("127.") else ip


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


if __name__ == "__main__":
    args = sys.argv[1:]
    if args and not args[0].startswith("-"):
        BIN = os.path.abspath(args.pop(0))
    else:
        BIN = os.environ.get("CI_TRIAGE_BIN") or os.path.join(ROOT, "build", "ci-triage")
    unittest.main(argv=[sys.argv[0]] + args, verbosity=2)
