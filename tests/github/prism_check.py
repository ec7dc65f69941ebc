#!/usr/bin/python3
"""Validate every request `ci-triage github` sends against GitHub's OpenAPI description.

    /usr/bin/python3 tests/github/prism_check.py BIN --npm-dir DIR     (prism_check.sh does this)

fake_github.py serves the scenarios; Stoplight Prism (`prism proxy`, no --errors, so traffic is
never altered) sits in front of it with @octokit/openapi's generated/api.github.com.json, and
ci-triage talks to Prism (GITHUB_API_URL).  The fake is told Prism's URL (--public-api-url), so
link headers and url fields point back through Prism.  Prism logs one line per violation:
  [VALIDATOR] ✖  error     Violation: request.query.per_page Request query parameter ...
  [VALIDATOR] ⚠  warning   Violation: request Selected route not found
Any `Violation: request...` fails the check (printed with the request it belongs to).
`Violation: response...` lines describe the fake's answers (or Prism following the logs 302 to
the blob host itself, whose 200 the spec does not list) and are only counted.
"""

import argparse
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import test_github_command as t  # noqa: E402

REQ_LINE = re.compile(r"\[HTTP SERVER\] (\w+) (\S+)")
VIOLATION = re.compile(r"\[VALIDATOR\]\s+\S+\s+(error|warning)\s+Violation: (request|response)(\S*) (.*)")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def wait_ready(url, proc, timeout):
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if proc.poll() is not None:
            return None
        try:
            urllib.request.urlopen(url + "/_prism_ready_probe", timeout=2).read()
            return time.monotonic() - t0
        except urllib.error.HTTPError:
            return time.monotonic() - t0     # any HTTP answer: it is serving
        except OSError:
            time.sleep(0.25)
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("--npm-dir", required=True)
    ap.add_argument("--keep-log", help="copy prism's log here")
    args = ap.parse_args()
    binary = os.path.abspath(args.bin)
    nm = os.path.join(args.npm_dir, "node_modules")
    spec = os.path.join(nm, "@octokit/openapi/generated/api.github.com.json")
    prism_bin = os.path.join(nm, ".bin/prism")
    port = free_port()
    prism_url = "http://127.0.0.1:%d" % port
    fake = t.Fake(public_api_url=prism_url)
    log_path = os.path.join(fake.tmp_root, "prism.log")
    logf = open(log_path, "w")
    prism = subprocess.Popen([prism_bin, "proxy", spec, fake.api, "-p", str(port),
                              "-h", "127.0.0.1"], stdout=logf, stderr=subprocess.STDOUT,
                             cwd=fake.tmp_root)
    failed = []
    try:
        started = wait_ready(prism_url, prism, 180)
        if started is None:
            print(open(log_path).read()[-3000:])
            print("prism_check: prism did not start")
            return 1
        print("prism proxy ready in %.1f s (spec %s)" % (started, os.path.relpath(spec, nm)))
        # self-check: a request that breaks the description must be seen as a violation
        offset = os.path.getsize(log_path)
        probe = urllib.request.Request(
            prism_url + "/repos/octo-org/octo-repo/actions/runs/19123456789/attempts/1/jobs"
            "?per_page=abc", headers={"Accept": "application/vnd.github+json"})
        urllib.request.urlopen(probe, timeout=30).read()
        time.sleep(0.3)
        with open(log_path, encoding="utf-8", errors="replace") as f:
            f.seek(offset)
            if not any(VIOLATION.search(x) and "per_page" in x for x in f.read().splitlines()):
                print("prism_check: prism did not report a known-bad request (log format changed?)")
                return 1
        env_base = {"GITHUB_API_URL": prism_url}

        runs = [
            ("basic: list jobs, download log, create comment", "basic", [], {}, 1),
            ("basic again: find and PATCH the sticky comment", None, [], {}, 1),
            ("basic, two concurrent runs (may DELETE a duplicate)", "basic", [], {}, 2),
            ("green run with the sticky comment: PATCH to resolved", "GREEN", [], {}, 1),
            ("push: GET commits/{sha}/pulls", t.scenario_push(), [], {}, 1),
            ("workflow_run from a fork: GET pulls?head=", t.scenario_workflow_run_fork(), [],
             {"GITHUB_WORKFLOW": "ci-triage"}, 1),
            ("paginated, 2 pages (links in /repos/o/r form)",
             dict(t.scenario("paginated"), link_style="repos"), [], {}, 1),
            ("expired log (410) and a second failed job", "expired-logs", [], {}, 1),
            ("history: GET workflows/{file}/runs, the main runs' attempts' jobs, a main log",
             t.scenario_history_pre_existing(), [], {}, 1),
            ("history of attempt 2: this run's attempt 1, a main run's two attempts",
             t.scenario_history_flaky(), [], {}, 1),
            ("--comment always on a green run: POST", t.scenario_green(), ["--comment", "always"],
             {}, 1),
            ("a patch on the PR's diff: GET pulls/{n}/files and /comments, POST a suggestion",
             t.scenario_suggestion(True),
             ["--repo-root", os.path.join(t.ROOT, "tests", "patches", "pep621", "repo")], {}, 1),
        ]
        total_req = 0
        for label, scen, extra, env, n in runs:
            if scen == "GREEN":
                keep = [{"id": c["id"], "body": c["body"], "user": c["user"],
                         "created_at": c["created_at"]} for c in fake.comments()["comments"]]
                scen = t.scenario_green(keep)
            if scen is not None:
                fake.load(scen)
            offset = os.path.getsize(log_path)
            since = fake.ctl("GET", "/requests?host=none")["last_seq"]
            if n == 1:
                r = fake.run(binary, *extra, env=dict(env_base, **env), name="prism")
                rcs = [r.rc]
            else:
                procs = []
                for i in range(n):
                    _, e = fake.prepare(dict(env_base, **env), name="prism%d" % i)
                    procs.append(subprocess.Popen([binary, "github"] + extra, env=e,
                                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE))
                rcs = [p.wait(timeout=120) for p in procs]
                for p in procs:
                    p.stdout.close()
                    p.stderr.close()
            time.sleep(0.3)   # let prism flush its log
            reqs = fake.requests(host="api", since=since)
            total_req += len(reqs)
            with open(log_path, encoding="utf-8", errors="replace") as f:
                f.seek(offset)
                chunk = f.read()
            last_req, bad, resp_v = None, [], 0
            for line in chunk.splitlines():
                m = REQ_LINE.search(line)
                if m:
                    last_req = "%s %s" % (m.group(1).upper(), m.group(2))
                    continue
                v = VIOLATION.search(line)
                if not v:
                    continue
                if v.group(2) == "response":
                    resp_v += 1
                    continue
                if "Selected route not found" in v.group(4) and last_req and \
                        last_req.split(" ", 1)[1].startswith("/repositories/"):
                    continue   # GitHub's own link form, not in the description
                bad.append("%s: [%s] request%s %s" % (last_req, v.group(1), v.group(3), v.group(4)))
            methods = sorted(set(
                "%s %s" % (q["method"], re.sub(r"/\d{5,}(?=/|$)", "/{id}", q["path"].split("?")[0]))
                for q in reqs))
            status = "FAIL" if bad else "ok"
            print("%-4s %-58s %2d requests, %d request violations, %d response notes, exit %s"
                  % (status, label, len(reqs), len(bad), resp_v, ",".join(map(str, rcs))))
            for m in methods:
                print("       " + m)
            for b in bad:
                print("     ! " + b)
            if not reqs:
                bad.append("no request reached the fake through prism")
                print("     ! no request reached the fake through prism")
            failed += bad
        print("prism_check: %d requests validated, %d request violations" % (total_req, len(failed)))
        return 1 if failed else 0
    finally:
        prism.terminate()
        try:
            prism.wait(timeout=10)
        except subprocess.TimeoutExpired:
            prism.kill()
            prism.wait()
        logf.close()
        if args.keep_log:
            import shutil
            shutil.copy(log_path, args.keep_log)
        fake.close()


if __name__ == "__main__":
    sys.exit(main())
