#!/usr/bin/python3
"""A throwaway reference client of CONTRACT-github.md, for testing the TESTS (not a product).

    CI_TRIAGE_BIN=tests/github/contract_stub.py /usr/bin/python3 tests/github/test_github_command.py

It lets test_github_command.py, prism_check.sh, the renderer and the benchmark harness be run and
debugged before (or independently of) the C++ `ci-triage github`.  It does what the contract says in
the simplest way (urllib, threads) and analyses logs with `build/ci-triage analyze --format json`
(CI_TRIAGE_ANALYZE to override).  Nothing ships it; its numbers say nothing about the C++ command.
"""

import argparse
import concurrent.futures
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ANALYZE = os.environ.get("CI_TRIAGE_ANALYZE") or os.path.join(HERE, "..", "..", "build", "ci-triage")
UA = "ci-triage/0.1.0-stub"
OUT = []


def emit(line):
    OUT.append(line)
    sys.stdout.write(line + "\n")


def own(kind, msg):
    emit("::%s::ci-triage: %s" % (kind, msg.replace("%", "%25").replace("\n", "%0A")))


class ApiError(Exception):
    def __init__(self, status, msg, headers=None):
        super().__init__("%s %s" % (status, msg))
        self.status, self.msg, self.headers = status, msg, headers or {}


class Api:
    def __init__(self, base, token):
        self.base = base.rstrip("/")
        u = urllib.parse.urlsplit(self.base)
        self.origin = (u.scheme, u.hostname, u.port)
        self.token = token

    def raw(self, method, url, body=None, auth=True, timeout=30):
        u = urllib.parse.urlsplit(url)
        conn_cls = http.client.HTTPSConnection if u.scheme == "https" else http.client.HTTPConnection
        conn = conn_cls(u.hostname, u.port, timeout=timeout)
        h = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28",
             "User-Agent": UA}
        if auth and self.token and (u.scheme, u.hostname, u.port) == self.origin:
            h["Authorization"] = "Bearer " + self.token
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        path = u.path + ("?" + u.query if u.query else "")
        conn.request(method, path, body=data, headers=h)
        r = conn.getresponse()
        payload = r.read()
        hdrs = {k.lower(): v for k, v in r.getheaders()}
        conn.close()
        return r.status, hdrs, payload

    def call(self, method, url, body=None, auth=True, tries=5):
        if not url.startswith("http"):
            url = self.base + url
        delay = 0.5
        for attempt in range(tries):
            try:
                st, h, p = self.raw(method, url, body, auth)
            except (OSError, http.client.HTTPException) as e:
                if attempt + 1 == tries:
                    raise ApiError(0, str(e))
                time.sleep(delay)
                delay *= 2
                continue
            if st in (403, 429):
                msg = ""
                try:
                    msg = json.loads(p).get("message", "")
                except ValueError:
                    pass
                if h.get("retry-after"):
                    time.sleep(min(float(h["retry-after"]), 60))
                    continue
                if h.get("x-ratelimit-remaining") == "0":
                    time.sleep(max(0.0, min(float(h.get("x-ratelimit-reset", 0)) - time.time(), 60)) + 0.2)
                    continue
                if "secondary rate limit" in msg:
                    time.sleep(min(60, delay))
                    continue
                raise ApiError(st, msg, h)
            if st >= 500:
                if attempt + 1 == tries:
                    raise ApiError(st, "server error")
                time.sleep(delay)
                delay *= 2
                continue
            return st, h, p
        raise ApiError(0, "gave up")

    def json(self, method, url, body=None):
        st, h, p = self.call(method, url, body)
        if st >= 400:
            msg = ""
            try:
                msg = json.loads(p).get("message", "")
            except ValueError:
                pass
            raise ApiError(st, msg, h)
        return (json.loads(p) if p else None), h


def next_link(h):
    for part in (h.get("link") or "").split(","):
        m = re.match(r'\s*<([^>]+)>;\s*rel="next"', part)
        if m:
            return m.group(1)
    return None


def main():
    ap = argparse.ArgumentParser(prog="ci-triage github")
    ap.add_argument("cmd", choices=["github"])
    ap.add_argument("--repo")
    ap.add_argument("--run-id")
    ap.add_argument("--attempt")
    ap.add_argument("--comment", choices=["auto", "always", "never"], default="auto")
    ap.add_argument("--annotations", dest="ann", action="store_true", default=True)
    ap.add_argument("--no-annotations", dest="ann", action="store_false")
    ap.add_argument("--summary", dest="summary", action="store_true", default=True)
    ap.add_argument("--no-summary", dest="summary", action="store_false")
    ap.add_argument("--max-annotations", type=int, default=10)
    ap.add_argument("--fail-on-error", action="store_true")
    ap.add_argument("--json")
    ap.add_argument("--parallel", type=int, default=8)
    try:
        a = ap.parse_args()
    except SystemExit:
        return 2
    env = os.environ
    token = env.get("GITHUB_TOKEN", "")
    if token:
        emit("::add-mask::" + token)
    api_url = env.get("GITHUB_API_URL", "https://api.github.com")
    server = env.get("GITHUB_SERVER_URL", "https://github.com").rstrip("/")
    repo = a.repo or env.get("GITHUB_REPOSITORY")
    event = {}
    if env.get("GITHUB_EVENT_PATH") and os.path.isfile(env["GITHUB_EVENT_PATH"]):
        event = json.load(open(env["GITHUB_EVENT_PATH"]))
    ev_name = env.get("GITHUB_EVENT_NAME", "")
    wr = event.get("workflow_run") if ev_name == "workflow_run" else None
    run_id = int(a.run_id or (wr and wr["id"]) or env.get("GITHUB_RUN_ID"))
    attempt = int(a.attempt or (wr and wr.get("run_attempt")) or env.get("GITHUB_RUN_ATTEMPT", 1))
    workflow = (wr and wr.get("name")) or env.get("GITHUB_WORKFLOW", "")
    report_path = a.json or os.path.join(env.get("RUNNER_TEMP", tempfile.gettempdir()),
                                         "ci-triage-report.json")
    u = urllib.parse.urlsplit(api_url)
    failed_to_complete = False
    jobs = []
    api = Api(api_url, token)
    if u.scheme == "http" and u.hostname not in ("127.0.0.1", "localhost", "::1") and \
            not (u.hostname or "").startswith("127."):
        own("warning", "refusing plain http:// to %s: use https (the token would travel in clear)"
            % u.hostname)
        failed_to_complete = True
    else:
        try:
            url = "/repos/%s/actions/runs/%d/attempts/%d/jobs?per_page=100" % (repo, run_id, attempt)
            while url:
                d, h = api.json("GET", url)
                jobs += d["jobs"]
                url = next_link(h)
        except ApiError as e:
            failed_to_complete = True
            if e.status == 403:
                own("warning", "cannot list the run's jobs (403 %s): give the workflow "
                    "`permissions: actions: read`" % e.msg)
            else:
                own("warning", "cannot list the run's jobs: %s" % e)
        except ValueError as e:
            failed_to_complete = True
            own("warning", "the jobs list is not valid JSON: %s" % e)
    me = env.get("CI_TRIAGE_CHECK_RUN_ID")
    self_job = next((j for j in jobs if str(j["id"]) == me), None) if me else None
    if self_job is None:
        self_job = next((j for j in jobs if j["status"] != "completed"
                         and j.get("runner_name") == env.get("RUNNER_NAME")), None)
    if self_job and any(s.get("conclusion") == "failure" for s in self_job["steps"]):
        own("notice", "ci-triage runs as a step of the failing job %r and cannot read its own log: "
            "run it in a final job (`needs: [...]` with `if: failure()`) or a `workflow_run` "
            "workflow" % self_job["name"])
    failed = [j for j in jobs if j is not self_job and j["status"] == "completed"
              and j["conclusion"] in ("failure", "timed_out", "cancelled")]
    tmp = tempfile.mkdtemp(prefix="ci-triage-stub-")
    notes = {}

    def fetch(j):
        try:
            st, h, p = api.call("GET", "/repos/%s/actions/jobs/%d/logs" % (repo, j["id"]))
            if st in (404, 410):
                return j, None, "log expired or no longer available (%d)" % st
            if st != 302:
                return j, None, "log download answered %d" % st
            loc = h["location"]
            for _ in range(3):
                try:
                    st2, h2, body = api.raw("GET", loc, auth=False, timeout=20)
                    if st2 == 200 and len(body) == int(h2.get("content-length", len(body))):
                        break
                except (OSError, http.client.HTTPException):
                    st2 = 0
                st, h, p = api.call("GET", "/repos/%s/actions/jobs/%d/logs" % (repo, j["id"]))
                loc = h.get("location", loc)
            else:
                return j, None, "log download failed"
            path = os.path.join(tmp, "%d.log" % j["id"])
            open(path, "wb").write(body)
            return j, path, None
        except ApiError as e:
            return j, None, "log download failed: %s" % e

    with concurrent.futures.ThreadPoolExecutor(max(1, a.parallel)) as ex:
        got = list(ex.map(fetch, failed))
    report = {"schema": "ci-triage/report@1", "tool": {"name": "ci-triage", "version": "stub"},
              "jobs": []}
    for j, path, note in got:
        if note:
            notes[j["id"]] = note
            own("warning", "%s: %s" % (j["name"], note))
            report["jobs"].append({"name": j["name"], "status": "failed", "findings": [],
                                   "notices": [note]})
            continue
        d = json.loads(subprocess.run([ANALYZE, "analyze", "--format", "json", path],
                                      capture_output=True, text=True).stdout)
        jr = d["jobs"][0]
        jr["name"] = j["name"]
        jr["_api"] = j
        report["jobs"].append(jr)
    findings = [(jr, f) for jr in report["jobs"] for f in jr.get("findings", [])]
    primary = next((f["category"] for _, f in findings if f["severity"] == "error"), "none")
    md = ["## ci-triage: %d failed job%s" % (len(failed), "" if len(failed) == 1 else "s"), ""]
    for jr in report["jobs"]:
        j = jr.pop("_api", None)
        md += ["### ❌ %s" % jr["name"], ""]
        if jr["name"] in [x["name"] for x, _, n in got if n]:
            md += ["The log of this job is not available: %s." % notes[[x for x, _, n in got
                                                                       if x["name"] == jr["name"]][0]["id"]], ""]
            continue
        spans = {}
        for fs in jr.get("failed_steps", []):
            spans[fs["number"]] = fs["first_line"]
        for f in jr["findings"]:
            md += ["**%s**" % f["title"], "", f["summary"], ""]
            pos = f["step"]["number"] if f.get("step") else None
            if j and pos and pos in spans:
                ran = [x for x in j["steps"] if x["conclusion"] != "skipped"]
                api_n = ran[pos - 1]["number"] if pos - 1 < len(ran) else pos
                for ev in f["evidence"]:
                    ln = ev["line"] - spans[pos] + 1
                    link = "%s/%s/actions/runs/%d/job/%d#step:%d:%d" % (server, repo, run_id,
                                                                        j["id"], api_n, ln)
                    md += ["- [line %d](%s): `%s`" % (ln, link, ev["text"].replace("`", "'"))]
                md.append("")
            md += ["- [ ] " + r for r in f["remedies"]] + [""]
    summary = "\n".join(md) + "\n"
    if a.summary and env.get("GITHUB_STEP_SUMMARY"):
        open(env["GITHUB_STEP_SUMMARY"], "a").write(summary)
    if a.ann:
        n = 0
        for jr, f in findings:
            if n >= min(a.max_annotations, 10):
                break
            kind = {"error": "error", "warning": "warning"}.get(f["severity"], "notice")
            emit("::%s title=%s::%s" % (kind, (jr["name"] + ": " + f["title"]).replace(":", "%3A")
                                        .replace(",", "%2C"), f["summary"]))
            n += 1
    json.dump(report, open(report_path, "w"))
    if env.get("GITHUB_OUTPUT"):
        open(env["GITHUB_OUTPUT"], "a").write("primary-category=%s\nfindings-count=%d\n"
                                              "report-path=%s\n" % (primary, len(findings),
                                                                    report_path))
    # the PR comment
    if a.comment != "never" and not failed_to_complete:
        pr = None
        try:
            if ev_name in ("pull_request", "pull_request_target"):
                pr = event.get("number")
            elif wr is not None:
                if wr.get("pull_requests"):
                    pr = wr["pull_requests"][0]["number"]
                else:
                    owner = wr["head_repository"]["owner"]["login"]
                    d, _ = api.json("GET", "/repos/%s/pulls?head=%s&state=open" % (
                        repo, urllib.parse.quote("%s:%s" % (owner, wr["head_branch"]), safe=":")))
                    pr = next((p["number"] for p in d if p["head"]["sha"] == wr["head_sha"]), None)
            elif ev_name == "push":
                d, _ = api.json("GET", "/repos/%s/commits/%s/pulls" % (repo, env.get("GITHUB_SHA")))
                pr = d[0]["number"] if d else None
            if pr:
                marker = '<!-- ci-triage:sticky workflow="%s" -->' % workflow

                def mine():
                    out, url = [], "/repos/%s/issues/%d/comments?per_page=100" % (repo, pr)
                    while url:
                        d, h = api.json("GET", url)
                        out += [c for c in d if c["body"].startswith(marker)]
                        url = next_link(h)
                    return out
                existing = mine()
                if failed:
                    body = marker + "\n" + summary
                else:
                    body = marker + "\n## ci-triage\n\nThe failures reported here are resolved: " \
                        "run %d passed.\n" % run_id
                if existing:
                    if failed or a.comment == "always" or True:
                        api.json("PATCH", "/repos/%s/issues/comments/%d" % (repo, existing[0]["id"]),
                                 {"body": body})
                elif failed or a.comment == "always":
                    api.json("POST", "/repos/%s/issues/%d/comments" % (repo, pr), {"body": body})
                    again = sorted(mine(), key=lambda c: c["id"])
                    for c in again[1:]:
                        try:
                            api.json("DELETE", "/repos/%s/issues/comments/%d" % (repo, c["id"]))
                        except ApiError as e:
                            if e.status != 404:
                                raise
        except ApiError as e:
            if e.status == 403:
                own("notice", "PR comment skipped (403 %s): the token needs `pull-requests: write`; "
                    "for pull requests from forks use the workflow_run set-up" % e.msg)
            else:
                own("warning", "PR comment failed: %s" % e)
    return 1 if (failed_to_complete and a.fail_on_error) else 0


if __name__ == "__main__":
    sys.exit(main())
