#!/usr/bin/python3
"""Fake GitHub REST API and log blob host for ci-triage's tests.

Standard library only.  Two real HTTP/1.1 servers:

* the API server on 127.0.0.1 (GitHub's REST paths, optionally under /api/v3
  like GHES, plus the /repositories/{id}/... form GitHub uses in link headers),
  with a control API under /_control/;
* the "blob host" on 127.0.0.2 (falls back to 127.0.0.1 on another port) that
  serves job logs as text/plain behind SAS-style signed URLs, like the Azure
  blob URLs GitHub's job-logs endpoint redirects to.

Start:  /usr/bin/python3 tests/github/fake_github.py --port 0 --scenario tests/github/scenarios/basic.json
When ready it prints ONE JSON line on stdout, e.g.
  {"api": "http://127.0.0.1:41234", "blob": "http://127.0.0.2:40111", ...}
See README.md next to this file for the scenario format, control API and faults.
"""

import argparse
import base64
import calendar
import copy
import hashlib
import hmac
import http.server
import json
import math
import os
import random
import re
import socket
import struct
import sys
import threading
import time
import urllib.parse
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_LOGS_DIR = os.path.join(HERE, "logs")
SCENARIOS_DIR = os.path.join(HERE, "scenarios")
API_VERSIONS = ("2022-11-28", "2026-03-10")
DOCS = "https://docs.github.com/rest"
MAX_COMMENT = 65536

DOC_URLS = {
    "jobs_attempt": DOCS + "/actions/workflow-jobs#list-jobs-for-a-workflow-run-attempt",
    "jobs": DOCS + "/actions/workflow-jobs#list-jobs-for-a-workflow-run",
    "job": DOCS + "/actions/workflow-jobs#get-a-job-for-a-workflow-run",
    "job_logs": DOCS + "/actions/workflow-jobs#download-job-logs-for-a-workflow-run",
    "run": DOCS + "/actions/workflow-runs#get-a-workflow-run",
    "run_attempt": DOCS + "/actions/workflow-runs#get-a-workflow-run-attempt",
    "workflow_runs": DOCS + "/actions/workflow-runs#list-workflow-runs-for-a-workflow",
    "repo_runs": DOCS + "/actions/workflow-runs#list-workflow-runs-for-a-repository",
    "comments_list": DOCS + "/issues/comments#list-issue-comments",
    "comment_create": DOCS + "/issues/comments#create-an-issue-comment",
    "comment_get": DOCS + "/issues/comments#get-an-issue-comment",
    "comment_update": DOCS + "/issues/comments#update-an-issue-comment",
    "comment_delete": DOCS + "/issues/comments#delete-an-issue-comment",
    "commit_pulls": DOCS + "/commits/commits#list-pull-requests-associated-with-a-commit",
    "pulls": DOCS + "/pulls/pulls#list-pull-requests",
    "rate_limit": DOCS + "/rate-limit/rate-limit#get-rate-limit-status-for-the-authenticated-user",
    None: DOCS,
}
RATE_DOC = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"
SECONDARY_DOC = ("https://docs.github.com/free-pro-team@latest/rest/overview/"
                 "rate-limits-for-the-rest-api#about-secondary-rate-limits")

TS_RE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?Z ")


# ----------------------------------------------------------------- helpers
def deep_merge(base, over):
    """dicts merge recursively, everything else (lists included) is replaced."""
    if not (isinstance(base, dict) and isinstance(over, dict)):
        return copy.deepcopy(over)
    out = copy.deepcopy(base)
    for k, v in over.items():
        out[k] = deep_merge(out[k], v) if k in out else copy.deepcopy(v)
    return out


def resolve_extends(data, directory):
    """`"extends": "basic.json"` loads that scenario (relative to `directory`)
    and merges this one over it."""
    if isinstance(data, dict) and "extends" in data:
        base = load_scenario_file(os.path.join(directory, data["extends"]))
        data = deep_merge(base, {k: v for k, v in data.items() if k != "extends"})
    return data


def load_scenario_file(path):
    with open(path) as f:
        return resolve_extends(json.load(f), os.path.dirname(os.path.abspath(path)))


def iso(t, offset_minutes=0):
    """Epoch seconds -> GitHub timestamp (second precision).  offset != 0 gives
    e.g. 2020-01-20T09:42:40.000-08:00 like the step times in GitHub's docs."""
    t = int(math.floor(t))
    if not offset_minutes:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
    local = time.gmtime(t + offset_minutes * 60)
    sign = "+" if offset_minutes > 0 else "-"
    m = abs(offset_minutes)
    return time.strftime("%Y-%m-%dT%H:%M:%S", local) + ".000%s%02d:%02d" % (sign, m // 60, m % 60)


def parse_iso(s):
    if s is None:
        return None
    m = re.match(r"^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)$", s)
    if not m:
        raise ValueError("bad timestamp %r" % s)
    t = calendar.timegm(tuple(int(m.group(i)) for i in range(1, 7)) + (0, 0, 0))
    if m.group(7):
        t += float(m.group(7))
    if m.group(8) != "Z":
        sign = 1 if m.group(8)[0] == "+" else -1
        t -= sign * (int(m.group(8)[1:3]) * 3600 + int(m.group(8)[4:6]) * 60)
    return t


def b64(s):
    return base64.b64encode(s.encode()).decode()


def user_json(login, uid, utype="User", base="https://api.github.com",
              server="https://github.com"):
    u = base + "/users/" + urllib.parse.quote(login)
    return {
        "login": login, "id": uid, "node_id": b64("04:%s%d" % (utype, uid)),
        "avatar_url": "https://avatars.githubusercontent.com/u/%d?v=4" % uid,
        "gravatar_id": "", "url": u,
        # a bot's page is its app's: github-actions[bot] -> https://github.com/apps/github-actions
        "html_url": (server + "/apps/" + login[:-len("[bot]")]) if (
            utype == "Bot" and login.endswith("[bot]")) else server + "/" + login,
        "followers_url": u + "/followers",
        "following_url": u + "/following{/other_user}",
        "gists_url": u + "/gists{/gist_id}",
        "starred_url": u + "/starred{/owner}{/repo}",
        "subscriptions_url": u + "/subscriptions",
        "organizations_url": u + "/orgs", "repos_url": u + "/repos",
        "events_url": u + "/events{/privacy}",
        "received_events_url": u + "/received_events",
        "type": utype, "user_view_type": "public", "site_admin": False,
    }


def repo_json(full_name, rid, owner_json, private=False, fork=False,
              default_branch="main", base="https://api.github.com",
              server="https://github.com"):
    u = base + "/repos/" + full_name
    owner, name = full_name.split("/", 1)
    host = urllib.parse.urlparse(server).netloc or "github.com"
    d = {
        "id": rid, "node_id": b64("010:Repository%d" % rid), "name": name,
        "full_name": full_name, "private": private, "owner": owner_json,
        "html_url": server + "/" + full_name, "description": None, "fork": fork,
        "url": u,
    }
    for k, suffix in [
            ("archive_url", "/{archive_format}{/ref}"), ("assignees_url", "/assignees{/user}"),
            ("blobs_url", "/git/blobs{/sha}"), ("branches_url", "/branches{/branch}"),
            ("collaborators_url", "/collaborators{/collaborator}"),
            ("comments_url", "/comments{/number}"), ("commits_url", "/commits{/sha}"),
            ("compare_url", "/compare/{base}...{head}"), ("contents_url", "/contents/{+path}"),
            ("contributors_url", "/contributors"), ("deployments_url", "/deployments"),
            ("downloads_url", "/downloads"), ("events_url", "/events"), ("forks_url", "/forks"),
            ("git_commits_url", "/git/commits{/sha}"), ("git_refs_url", "/git/refs{/sha}"),
            ("git_tags_url", "/git/tags{/sha}"), ("hooks_url", "/hooks"),
            ("issue_comment_url", "/issues/comments{/number}"),
            ("issue_events_url", "/issues/events{/number}"), ("issues_url", "/issues{/number}"),
            ("keys_url", "/keys{/key_id}"), ("labels_url", "/labels{/name}"),
            ("languages_url", "/languages"), ("merges_url", "/merges"),
            ("milestones_url", "/milestones{/number}"),
            ("notifications_url", "/notifications{?since,all,participating}"),
            ("pulls_url", "/pulls{/number}"), ("releases_url", "/releases{/id}"),
            ("stargazers_url", "/stargazers"), ("statuses_url", "/statuses/{sha}"),
            ("subscribers_url", "/subscribers"), ("subscription_url", "/subscription"),
            ("tags_url", "/tags"), ("teams_url", "/teams"), ("trees_url", "/git/trees{/sha}")]:
        d[k] = u + suffix
    return d


def full_repository_json(mini, default_branch="main"):
    """`repository` schema (used by pull-request-simple head/base.repo)."""
    d = dict(mini)
    d.update({
        "git_url": "git://%s/%s.git" % ("github.com", mini["full_name"]),
        "ssh_url": "git@github.com:%s.git" % mini["full_name"],
        "clone_url": mini["html_url"] + ".git", "svn_url": mini["html_url"],
        "mirror_url": None, "homepage": None, "language": "Python",
        "forks_count": 0, "forks": 0, "stargazers_count": 0, "watchers_count": 0,
        "watchers": 0, "size": 108, "default_branch": default_branch,
        "open_issues_count": 1, "open_issues": 1, "is_template": False, "topics": [],
        "has_issues": True, "has_projects": True, "has_wiki": True, "has_pages": False,
        "has_downloads": True, "has_discussions": False, "archived": False,
        "disabled": False, "visibility": "private" if mini["private"] else "public",
        "license": None, "allow_forking": True, "web_commit_signoff_required": False,
        "pushed_at": "2026-01-01T00:00:00Z", "created_at": "2024-01-01T00:00:00Z",
        "updated_at": "2026-01-01T00:00:00Z",
    })
    return d


_AUTO_STEPS_CACHE = {}


def auto_steps(path, failed_conclusion="failure", post_gap=0):
    """Cached by file identity: a benchmark scenario has 50 jobs over a few 5 MB logs."""
    st = os.stat(path)
    key = (path, st.st_mtime_ns, st.st_size, failed_conclusion, post_gap)
    if key not in _AUTO_STEPS_CACHE:
        _AUTO_STEPS_CACHE[key] = _auto_steps(path, failed_conclusion, post_gap)
    steps, t0, t1 = _AUTO_STEPS_CACHE[key]
    return copy.deepcopy(steps), t0, t1


_TS = r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?Z "
_TSLINE_RE = re.compile(r"^" + _TS, re.M)


def _ts(m):
    return calendar.timegm(tuple(int(m.group(i)) for i in range(1, 7)) + (0, 0, 0)) + \
        float(m.group(7) or 0)


def _marker_lines(data, literal):
    """(line start, timestamp match) of each line whose message starts with `literal` (found
    with str.find, which is much faster than a per-line regex on a 100 MB log)."""
    i = data.find(literal)
    while i >= 0:
        start = data.rfind("\n", 0, i) + 1
        m = _TSLINE_RE.match(data, start)
        if m and m.end() == i:
            yield start, m
        i = data.find(literal, i + len(literal))


def _last_ts_before(data, pos, floor):
    """Epoch time of the last timestamped line starting in [floor, pos), or None."""
    end = pos
    while end > floor:
        start = data.rfind("\n", floor, end - 1) + 1
        if start < floor:
            start = floor
        m = _TSLINE_RE.match(data, start)
        if m and start < pos:
            return _ts(m)
        if start == floor:
            return None
        end = start
    return None


def _auto_steps(path, failed_conclusion="failure", post_gap=0):
    """Derive steps[] from a real job log: `Set up job` up to the first
    `##[group]Run `, one step per `##[group]Run X` header, `Post ...` from
    `Post job cleanup.`, `Complete job` from `Cleaning up orphan processes`.
    Returns (steps, first_ts, last_ts); steps carry epoch times.  Scans with regexes over the
    whole text (a 100 MB log in about a second)."""
    with open(path, "r", encoding="utf-8-sig", errors="replace") as f:
        data = f.read()
    first = _TSLINE_RE.search(data)
    if not first:
        return [], None, None
    segs = [["Set up job", _ts(first), None, False, "main", first.start()]]
    first_action = None
    marks = sorted([(st, m, "run") for st, m in _marker_lines(data, "##[group]Run ")] +
                   [(st, m, "post") for st, m in _marker_lines(data, "Post job cleanup.")] +
                   [(st, m, "complete") for st, m in _marker_lines(data, "Cleaning up orphan processes")],
                   key=lambda x: x[0])
    for st, m, what in marks:
        if what == "run":
            eol = data.find("\n", m.end())
            head = data[m.end() + len("##[group]Run "):eol if eol >= 0 else len(data)]
            head = head.rstrip("\r").strip()
            name, kind = "Run " + head, "main"
            if first_action is None and re.match(r"^[\w.-]+/[\w./-]+@\S+$", head):
                first_action = head
        elif what == "post":
            name, kind = "Post Run %s" % (first_action or "actions/checkout@v4"), "post"
        else:
            name, kind = "Complete job", "complete"
        segs.append([name, _ts(m), None, False, kind, st])
    for i, sg in enumerate(segs):
        nxt = segs[i + 1][5] if i + 1 < len(segs) else len(data)
        t1 = _last_ts_before(data, nxt, sg[5]) if nxt > sg[5] else None
        sg[2] = t1 if t1 is not None else sg[1]
    starts = [sg[5] for sg in segs]
    import bisect
    i = data.find("##[error]Process completed with exit code")
    while i >= 0:   # anywhere in a timestamped line, as the line-by-line version did
        start = data.rfind("\n", 0, i) + 1
        if _TSLINE_RE.match(data, start):
            segs[bisect.bisect_right(starts, start) - 1][3] = True
        i = data.find("##[error]Process completed with exit code", i + 1)
    segs = [sg[:5] for sg in segs]
    steps, n, failed_seen = [], 0, False
    for name, t0, t1, failed, kind in segs:
        n += 1
        if kind in ("post",) and n > 1 and post_gap and not any(s["_kind"] == "post" for s in steps):
            n += post_gap
        # a step that appears in the log ran: steps after the failure that are in the log had
        # `if: failure()`/`always()` (skipped steps write no log; give them in an explicit list)
        if failed:
            concl = failed_conclusion
            failed_seen = True
        else:
            concl = "success"
        steps.append({"name": name[:200], "status": "completed", "conclusion": concl,
                      "number": n, "_t0": t0, "_t1": t1, "_kind": kind})
    return steps, segs[0][1], segs[-1][2]


class Response:
    def __init__(self, status, body=b"", headers=None, ctype="application/json; charset=utf-8",
                 file=None):
        self.status = status
        self.body = body
        self.headers = list(headers or [])
        self.ctype = ctype
        self.file = file  # path to stream instead of body


# ------------------------------------------------------------------- state
class State:
    def __init__(self, logs_dir):
        self.lock = threading.RLock()
        self.logs_dir = logs_dir
        self.requests = []
        self.faults = []
        self.fault_seq = 0
        self.blobs = {}
        self.conn_seq = 0
        self.secret = os.urandom(16)
        self.api_base = "http://127.0.0.1:0"
        self.load({})

    # ---- scenario loading
    def resolve_log(self, name):
        if name is None:
            return None
        p = name if os.path.isabs(name) else os.path.join(self.logs_dir, name)
        if not os.path.isfile(p):
            raise ValueError("log file not found: %s" % p)
        return p

    def load(self, scen):
        with self.lock:
            self.scenario = copy.deepcopy(scen)
            self.name = scen.get("name", "empty")
            self.server_url = scen.get("server_url", "https://github.com").rstrip("/")
            self.token = scen.get("token")
            self.link_style = scen.get("link_style", "repositories")
            self.blob_ttl = float(scen.get("blob_url_ttl", 60))
            self.blob_reject_auth = bool(scen.get("blob_reject_authorization", True))
            act = scen.get("actor", {})
            self.actor = {"login": act.get("login", "github-actions[bot]"),
                          "id": act.get("id", 41898282), "type": act.get("type", "Bot")}
            rl = scen.get("rate_limit", {})
            self.rl_limit = int(rl.get("limit", 1000))
            self.rl_remaining = int(rl.get("remaining", self.rl_limit))
            self.rl_resource = rl.get("resource", "core")
            self.rl_reset = int(time.time()) + int(rl.get("reset_in", 3600))
            self.rl_until = 0.0
            self.next_comment_id = int(scen.get("next_comment_id", 2512345670001))
            self.job_overrides = {str(k): v for k, v in scen.get("job_overrides", {}).items()}
            self.repos, self.repo_by_id, self.jobs = {}, {}, {}
            base_t = time.time() - 600
            for ri, r in enumerate(scen.get("repos", [])):
                self._load_repo(r, ri, base_t)
            self.faults = []
            self.blobs = {}
            self.deleted = []
            for f in scen.get("faults", []):
                self.add_fault(f)

    def _load_repo(self, r, ri, base_t):
        full = r["full_name"]
        rid = int(r.get("id", 1296269 + ri))
        owner = full.split("/")[0]
        repo = {
            "full_name": full, "id": rid, "private": bool(r.get("private", False)),
            "default_branch": r.get("default_branch", "main"),
            "owner_id": int(r.get("owner_id", 9919 + ri)),
            "owner_type": r.get("owner_type", "Organization"),
            "permissions": dict({"actions": "read", "issues": "write", "pull_requests": "write"},
                                **r.get("permissions", {})),
            "runs": {}, "pulls": [], "issues": {}, "commits": set(r.get("commits", [])),
            "forks": {}, "owner": owner,
        }
        for f in r.get("forks", []):   # {"full_name": "contributor/octo-repo", "id": ...}
            repo["forks"][f["full_name"]] = f
        for run in r.get("runs", []):
            self._load_run(repo, run, base_t)
        for p in r.get("pulls", []):
            pr = copy.deepcopy(p)
            pr.setdefault("state", "open")
            pr.setdefault("title", "Pull request #%d" % pr["number"])
            pr.setdefault("id", 1700000000 + pr["number"])
            pr.setdefault("user", {"login": pr["head"].get("repo", full).split("/")[0], "id": 583231})
            pr["head"].setdefault("repo", full)
            pr["base"].setdefault("repo", full)
            pr["base"].setdefault("sha", "0" * 40)
            pr.setdefault("merge_commit_sha", None)
            pr.setdefault("created_at", iso(base_t - 86400))
            pr.setdefault("files", [])          # [{"filename", "patch"}]: the PR's diff
            pr["_review_comments"] = []
            repo["pulls"].append(pr)
            repo["commits"].add(pr["head"]["sha"])
            repo["issues"].setdefault(pr["number"], {"comments": [], "pull": True})
        for iss in r.get("issues", []):
            entry = repo["issues"].setdefault(int(iss["number"]), {"comments": [], "pull": False})
            for c in iss.get("comments", []):
                entry["comments"].append(self._mk_comment(int(iss["number"]), c.get("body", ""),
                                                          c.get("user"), c.get("id"),
                                                          c.get("created_at")))
        self.repos[full.lower()] = repo
        self.repo_by_id[rid] = repo

    def _load_run(self, repo, run, base_t):
        run = copy.deepcopy(run)
        run_id = int(run["id"])
        run.setdefault("run_attempt", 1)
        run.setdefault("name", "CI")
        run.setdefault("event", "pull_request")
        run.setdefault("head_branch", "main")
        run.setdefault("head_sha", hashlib.sha1(str(run_id).encode()).hexdigest())
        run.setdefault("run_number", 100 + run_id % 1000)
        run.setdefault("path", ".github/workflows/ci.yml")
        run.setdefault("workflow_id", 161335)
        run.setdefault("display_title", "CI")
        run.setdefault("pull_requests", [])
        run.setdefault("status", "in_progress")
        run.setdefault("conclusion", None)
        run.setdefault("head_repository", repo["full_name"])
        repo["commits"].add(run["head_sha"])
        step_offset = int(run.get("step_time_offset_minutes", 0))
        jobs = []
        idx = 0
        earliest = None
        for spec in run.pop("jobs", []):
            reps = int(spec.get("repeat", 1))
            for i in range(1, reps + 1):
                j = self._load_job(repo, run, spec, idx, i, reps, base_t, step_offset)
                idx += 1
                jobs.append(j)
                if j["_created"] is not None:
                    earliest = j["_created"] if earliest is None else min(earliest, j["_created"])
        run["_jobs"] = jobs
        t0 = earliest if earliest is not None else base_t
        run.setdefault("created_at", iso(t0 - 5))
        run.setdefault("run_started_at", iso(t0 - 5))
        run.setdefault("updated_at", iso(max([j["_updated"] for j in jobs] or [t0])))
        repo["runs"][run_id] = run

    def _load_job(self, repo, run, spec, idx, i, reps, base_t, step_offset):
        def sub(v):
            if isinstance(v, str) and reps > 1:
                return v.replace("{i}", str(i))
            return v
        if spec.get("id") is not None and str(spec["id"]) in self.job_overrides:
            spec = dict(spec, **self.job_overrides[str(spec["id"])])
        job = {k: sub(v) for k, v in spec.items() if k != "repeat"}
        log = spec.get("log")
        if isinstance(log, list):
            log = log[(i - 1) % len(log)]
        job["log"] = log
        job["_log_path"] = self.resolve_log(log) if log else None
        jid = spec.get("id")
        job["id"] = int(jid) + (i - 1) if jid is not None else int(run["id"]) * 10 + 1 + idx
        job["run_id"] = int(run["id"])
        job.setdefault("run_attempt", run["run_attempt"])
        job.setdefault("name", "job %d" % (idx + 1))
        job.setdefault("status", "completed")
        job.setdefault("conclusion", "success" if job["status"] == "completed" else None)
        job.setdefault("labels", ["ubuntu-latest"])
        job.setdefault("runner_group_id", 0 if job["status"] != "queued" else None)
        job.setdefault("runner_group_name", "GitHub Actions" if job["status"] != "queued" else None)
        job.setdefault("runner_id", (1000 + idx) if job["status"] != "queued" else None)
        job.setdefault("runner_name", ("GitHub Actions %d" % (1000 + idx))
                       if job["status"] != "queued" else None)
        job.setdefault("head_sha", run["head_sha"])
        job.setdefault("head_branch", run["head_branch"])
        job.setdefault("workflow_name", run["name"])
        # log status: 200 (serve), 404, 410, "blob_not_found" (302 then Azure 404)
        default_ls = 200 if job["_log_path"] else 404
        if job["status"] != "completed":
            default_ls = "blob_not_found"
        job.setdefault("log_status", default_ls)
        steps = spec.get("steps", "auto" if job["_log_path"] else [])
        t_first = t_last = None
        if steps == "auto":
            concl = job["conclusion"] if job["conclusion"] in ("failure", "timed_out", "cancelled") \
                else "failure"
            steps, t_first, t_last = auto_steps(job["_log_path"], concl,
                                                int(spec.get("post_step_gap", 0)))
            if t_first is not None and job["conclusion"] == "success":
                for s in steps:
                    s["conclusion"] = "success"
        out = []
        for n, s in enumerate(steps, 1):
            t0 = s.get("_t0", parse_iso(s.get("started_at")))
            t1 = s.get("_t1", parse_iso(s.get("completed_at")))
            out.append({
                "name": s["name"], "status": s.get("status", "completed"),
                "conclusion": s.get("conclusion", None if s.get("status") in ("in_progress", "queued")
                                    else "success"),
                "number": int(s.get("number", n)),
                "started_at": (iso(t0, step_offset) if t0 is not None else None),
                "completed_at": (iso(t1, step_offset) if t1 is not None else None),
            })
        job["steps"] = out
        if t_first is None:
            t_first = parse_iso(job.get("started_at")) or (base_t + 10 * idx)
        if t_last is None:
            t_last = parse_iso(job.get("completed_at")) if job.get("completed_at") else \
                (t_first + 60 if job["status"] == "completed" else None)
        job["_created"] = parse_iso(job["created_at"]) if job.get("created_at") else t_first - 3
        job["created_at"] = iso(job["_created"])
        job["started_at"] = job.get("started_at") or iso(t_first)
        job["completed_at"] = (job.get("completed_at") or iso(t_last)) \
            if job["status"] == "completed" else None
        job["_updated"] = t_last or t_first
        self.jobs[job["id"]] = (repo, job)
        return job

    # ---- faults
    def add_fault(self, f):
        with self.lock:
            f = dict(f)
            if "kind" not in f:
                raise ValueError("fault needs a kind")
            self.fault_seq += 1
            f["id"] = self.fault_seq
            f.setdefault("method", "*")
            f.setdefault("path", ".*")
            f.setdefault("host", "api")
            f.setdefault("count", 1)
            f.setdefault("skip", 0)
            f["_re"] = re.compile(f["path"])
            f["fired"] = 0
            self.faults.append(f)
            return f["id"]

    def take_fault(self, host, method, path):
        with self.lock:
            for f in self.faults:
                if f["host"] not in ("any", host):
                    continue
                if f["method"] not in ("*", method):
                    continue
                if not f["_re"].search(path):
                    continue
                if f["skip"] > 0:
                    f["skip"] -= 1
                    continue
                cnt = f["count"]
                if cnt is not None and cnt > 0 and f["fired"] >= cnt:
                    continue
                f["fired"] += 1
                return dict(f)
            return None

    def faults_json(self):
        with self.lock:
            return [{k: v for k, v in f.items() if not k.startswith("_")} for f in self.faults]

    # ---- comments
    def _mk_comment(self, issue, body, user=None, cid=None, created=None):
        if cid is None:
            cid = self.next_comment_id
            self.next_comment_id += 1
        else:
            self.next_comment_id = max(self.next_comment_id, int(cid) + 1)
        now = created or iso(time.time())
        return {"id": int(cid), "issue": issue, "body": body,
                "user": dict(user) if user else dict(self.actor),
                "created_at": now, "updated_at": now}


# ---------------------------------------------------------------- handlers
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    role = "api"        # overridden per server
    state = None        # type: State

    def log_message(self, fmt, *args):
        if self.server.verbose:
            sys.stderr.write("[%s] %s\n" % (self.role, fmt % args))

    def version_string(self):
        return "github.com" if self.role == "api" else "Windows-Azure-Blob/1.0 Microsoft-HTTPAPI/2.0"

    def setup(self):
        super().setup()
        with self.state.lock:
            self.state.conn_seq += 1
            self.conn_id = self.state.conn_seq

    def do_GET(self):
        self.dispatch("GET")

    def do_POST(self):
        self.dispatch("POST")

    def do_PATCH(self):
        self.dispatch("PATCH")

    def do_PUT(self):
        self.dispatch("PUT")

    def do_DELETE(self):
        self.dispatch("DELETE")

    def do_HEAD(self):
        self.dispatch("HEAD")

    # ---- body
    def read_body(self):
        te = (self.headers.get("Transfer-Encoding") or "").lower()
        if "chunked" in te:
            out = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return out
                out += self.rfile.read(size)
                self.rfile.readline()
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n > 0 else b""

    # ---- recording
    def record(self, method, body):
        hdrs = {}
        for k, v in self.headers.items():
            k = k.lower()
            if k in ("authorization", "proxy-authorization", "cookie"):
                v = "present"
            hdrs[k] = (hdrs[k] + ", " + v) if k in hdrs else v
        auth = self.headers.get("Authorization")
        rec = {
            "time": time.time(), "host": self.role, "method": method, "path": self.path,
            "headers": hdrs, "authorization": "present" if auth else "absent",
            "auth_scheme": (auth.split(" ", 1)[0] if auth else None),
            "body": body.decode("utf-8", "replace") if method in ("POST", "PATCH", "PUT") else None,
            "status": None, "fault": None, "connection": self.conn_id, "rate_limited": False,
        }
        with self.state.lock:
            rec["seq"] = len(self.state.requests) + 1
            self.state.requests.append(rec)
        return rec

    # ---- sending
    def send(self, resp, rec=None, truncate=None, stall=None):
        st = self.state
        if rec is not None:
            rec["status"] = resp.status
        if resp.file:
            size = os.path.getsize(resp.file)
        else:
            if isinstance(resp.body, str):
                resp.body = resp.body.encode("utf-8")
            size = len(resp.body)
        self.send_response(resp.status)
        if resp.ctype and resp.status not in (204, 302, 304):
            self.send_header("Content-Type", resp.ctype)
        if self.role == "api":
            with st.lock:
                remaining = max(0, st.rl_remaining)
                used = st.rl_limit - remaining
                reset = st.rl_reset
            for k, v in [("Cache-Control", "private, max-age=60, s-maxage=60"),
                         ("Vary", "Accept, Authorization, Cookie, X-GitHub-OTP,Accept-Encoding, Accept, X-Requested-With"),
                         ("x-github-api-version-selected", self.api_version()),
                         ("x-github-media-type", "github.v3; format=json"),
                         ("x-ratelimit-limit", str(st.rl_limit)),
                         ("x-ratelimit-remaining", str(remaining)),
                         ("x-ratelimit-reset", str(reset)),
                         ("x-ratelimit-used", str(used)),
                         ("x-ratelimit-resource", st.rl_resource),
                         ("Access-Control-Expose-Headers", "ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset"),
                         ("X-Content-Type-Options", "nosniff"),
                         ("X-Frame-Options", "deny"),
                         ("x-github-request-id", "%04X:%05X:%06X:%06X:%08X" % tuple(
                             random.getrandbits(b) for b in (16, 20, 24, 24, 32)))]:
                if not any(h[0].lower() == k.lower() for h in resp.headers):
                    self.send_header(k, v)
            if resp.status == 200 and resp.ctype and "json" in resp.ctype:
                self.send_header("ETag", 'W/"%s"' % hashlib.sha1(resp.body or b"").hexdigest())
        for k, v in resp.headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(size))
        if truncate is not None:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command == "HEAD":
            return
        if resp.file:
            limit = size if truncate is None else int(size * truncate)
            with open(resp.file, "rb") as f:
                while limit > 0:
                    chunk = f.read(min(65536, limit))
                    if not chunk:
                        break
                    self.wfile.write(chunk)
                    limit -= len(chunk)
        else:
            data = resp.body if truncate is None else resp.body[:int(size * truncate)]
            self.wfile.write(data)
        if stall is not None and truncate is not None:
            # The rest of the body trickles: one byte every `interval` seconds, for `seconds`.
            data = open(resp.file, "rb").read() if resp.file else resp.body
            rest = data[int(size * truncate):]
            deadline = time.time() + stall[0]
            try:
                self.wfile.flush()
                for b in rest:
                    if time.time() >= deadline:
                        break
                    time.sleep(stall[1])
                    self.wfile.write(bytes([b]))
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass
        if truncate is not None:
            self.wfile.flush()
            self.close_connection = True

    def reset_connection(self):
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        try:
            self.rfile.close()
        except OSError:
            pass
        try:
            self.connection.close()
        except OSError:
            pass
        self.close_connection = True

    def api_version(self):
        v = self.headers.get("X-GitHub-Api-Version")
        return v if v in API_VERSIONS else API_VERSIONS[0]

    # ---- dispatch
    def dispatch(self, method):
        try:
            body = self.read_body()
        except Exception:
            self.close_connection = True
            return
        self._body = body
        raw_path = self.path
        if self.role == "api" and urllib.parse.urlsplit(raw_path).path.startswith("/_control/"):
            try:
                resp = self.control(method, raw_path, body)
            except Exception as e:  # noqa
                resp = json_resp(400, {"error": "%s: %s" % (type(e).__name__, e)})
            self.send(resp)
            return
        rec = self.record(method, body)
        fault = self.state.take_fault(self.role, method, raw_path)
        if fault:
            rec["fault"] = fault["kind"]
            if fault.get("delay"):
                time.sleep(float(fault["delay"]))
            kind = fault["kind"]
            if kind == "reset":
                rec["status"] = 0
                self.reset_connection()
                return
            if kind == "slow":
                time.sleep(float(fault.get("seconds", 5)))
            elif kind not in ("truncate", "invalid_json", "stall"):
                self.send(self.fault_response(fault), rec)
                return
        try:
            if self.role == "api":
                resp = self.route_api(method, raw_path, body, rec)
            else:
                resp = self.route_blob(method, raw_path, rec)
        except Exception as e:  # noqa - a bug in the fake must not look like a GitHub answer
            import traceback
            traceback.print_exc()
            resp = json_resp(500, {"message": "fake_github internal error: %s" % e})
        if fault and fault["kind"] == "truncate":
            self.send(resp, rec, truncate=float(fault.get("fraction", 0.5)))
            return
        if fault and fault["kind"] == "stall":
            self.send(resp, rec, truncate=float(fault.get("fraction", 0.5)),
                      stall=(float(fault.get("seconds", 600)), float(fault.get("interval", 1))))
            return
        if fault and fault["kind"] == "invalid_json":
            b = resp.body if not resp.file else open(resp.file, "rb").read()
            b = fault.get("body", "").encode() if fault.get("body") else b[:max(1, len(b) // 2)]
            resp = Response(resp.status, b, resp.headers, resp.ctype)
        self.send(resp, rec)

    # ---- faults
    def fault_response(self, f):
        kind = f["kind"]
        st = self.state
        doc = f.get("documentation_url", DOCS)
        if kind == "status":
            code = int(f.get("status", 500))
            if "body" in f:
                return Response(code, f["body"], f.get("headers", {}).items(),
                                f.get("content_type", "application/json; charset=utf-8"))
            if code == 500:
                return err(code, "Server Error", doc)
            # 502/503 from GitHub's edge are HTML, not JSON.
            title = {502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}.get(
                code, "Error")
            html = ("<!DOCTYPE html>\n<html><head><title>%d %s &middot; GitHub</title></head>"
                    "<body><h1>%s</h1><p>We couldn't respond to your request in time. "
                    "Sorry about that. Please try resubmitting your request and contact us "
                    "if the problem persists.</p></body></html>\n") % (code, title, title)
            return Response(code, html, [], "text/html; charset=utf-8")
        if kind == "rate_limit":
            reset_in = float(f.get("reset_in", 60))
            with st.lock:
                st.rl_reset = int(math.ceil(time.time() + reset_in))
                if f.get("sticky", True):
                    st.rl_until = time.time() + reset_in
                st.rl_remaining = 0
            return self.rate_limited_response()
        if kind in ("secondary_rate_limit", "retry_after"):
            code = 429 if kind == "retry_after" else 403
            ra = f.get("retry_after", 60)
            msg = ("You have exceeded a secondary rate limit. Please wait a few minutes before "
                   "you try again. If you reach out to GitHub Support for help, please include "
                   "the request ID %04X:%05X:%06X:%06X:%08X." % tuple(
                       random.getrandbits(b) for b in (16, 20, 24, 24, 32)))
            h = [("retry-after", str(ra))] if ra is not None else []
            return err(code, msg, SECONDARY_DOC, h)
        if kind == "forbidden":
            return err(403, f.get("message", "Resource not accessible by integration"), doc,
                       [("x-accepted-github-permissions",
                         f.get("permissions", "issues=write; pull_requests=write"))])
        if kind == "not_found":
            return err(404, "Not Found", doc)
        if kind == "gone":
            return err(410, "Server Error", DOC_URLS["job_logs"])
        if kind == "blob_not_found":
            return azure_error(404, "BlobNotFound", "The specified blob does not exist.")
        if kind == "blob_expired":
            return azure_error(403, "AuthenticationFailed",
                               "Server failed to authenticate the request. Make sure the value "
                               "of Authorization header is formed correctly including the "
                               "signature.", "Signed expiry time has passed")
        if kind == "response":
            return Response(int(f.get("status", 200)), f.get("body", ""),
                            list(f.get("headers", {}).items()),
                            f.get("content_type", "application/json; charset=utf-8"))
        return err(500, "fake_github: unknown fault kind %r" % kind)

    def rate_limited_response(self):
        who = ("installation ID 12345678" if self.headers.get("Authorization")
               else "%s" % self.client_address[0])
        msg = "API rate limit exceeded for %s." % who
        if not self.headers.get("Authorization"):
            msg += (" (But here's the good news: Authenticated requests get a higher rate limit."
                    " Check out the documentation for more details.)")
        return err(403, msg, RATE_DOC)

    # ---- control API
    def control(self, method, raw_path, body):
        st = self.state
        u = urllib.parse.urlsplit(raw_path)
        q = dict(urllib.parse.parse_qsl(u.query))
        p = u.path[len("/_control"):]
        data = json.loads(body.decode() or "null") if body else None
        if p == "/health":
            return json_resp(200, {"ok": True, "scenario": st.name})
        if p == "/scenario" and method == "POST":
            if isinstance(data, dict) and "file" in data and len(data) == 1:
                fp = data["file"]
                if not os.path.isabs(fp) and not os.path.exists(fp):
                    fp = os.path.join(SCENARIOS_DIR, fp)
                data = load_scenario_file(fp)
            else:
                data = resolve_extends(data, SCENARIOS_DIR)
            st.load(data)
            if q.get("clear_requests"):
                with st.lock:
                    st.requests = []
            return json_resp(200, {"ok": True, "scenario": st.name})
        if p == "/scenario" and method == "GET":
            return json_resp(200, st.scenario)
        if p == "/reset" and method == "POST":
            st.load(st.scenario)
            with st.lock:
                st.requests = []
            return json_resp(200, {"ok": True, "scenario": st.name})
        if p == "/fault" and method == "POST":
            items = data if isinstance(data, list) else [data]
            return json_resp(200, {"ids": [st.add_fault(f) for f in items]})
        if p == "/faults" and method == "GET":
            return json_resp(200, {"faults": st.faults_json()})
        if p in ("/faults", "/faults/clear") and method in ("DELETE", "POST"):
            with st.lock:
                st.faults = []
            return json_resp(200, {"ok": True})
        if p == "/requests" and method == "GET":
            with st.lock:
                reqs = list(st.requests)
            since = int(q.get("since", 0))
            reqs = [r for r in reqs if r["seq"] > since]
            if "host" in q:
                reqs = [r for r in reqs if r["host"] == q["host"]]
            if "method" in q:
                reqs = [r for r in reqs if r["method"] == q["method"].upper()]
            if "path" in q:
                rx = re.compile(q["path"])
                reqs = [r for r in reqs if rx.search(r["path"])]
            return json_resp(200, {"count": len(reqs), "requests": reqs,
                                   "last_seq": len(st.requests)})
        if p in ("/requests", "/requests/clear") and method in ("DELETE", "POST"):
            with st.lock:
                st.requests = []
            return json_resp(200, {"ok": True})
        if p == "/comments" and method == "GET":
            out = []
            with st.lock:
                for repo in st.repos.values():
                    for num, iss in sorted(repo["issues"].items()):
                        for c in iss["comments"]:
                            out.append(dict(c, repo=repo["full_name"]))
                deleted = list(st.deleted)
            return json_resp(200, {"count": len(out), "comments": out, "deleted": deleted})
        if p == "/env" and method == "GET":
            env = {"GITHUB_API_URL": self.server.api_base, "GITHUB_SERVER_URL": st.server_url,
                   "GITHUB_GRAPHQL_URL": self.server.api_base + "/graphql"}
            env.update(st.scenario.get("env", {}))
            return json_resp(200, env)
        if p == "/event" and method == "GET":
            ev = st.scenario.get("event")
            if ev is None:
                return json_resp(404, {"error": "scenario has no event"})
            return json_resp(200, ev)
        if p == "/shutdown" and method == "POST":
            threading.Thread(target=self.server.fake_shutdown, daemon=True).start()
            return json_resp(200, {"ok": True})
        return json_resp(404, {"error": "unknown control endpoint %s %s" % (method, p)})

    # ---- API routing
    def base(self, prefix):
        return self.server.api_base + prefix

    def route_api(self, method, raw_path, body, rec):
        st = self.state
        u = urllib.parse.urlsplit(raw_path)
        path = u.path
        query = urllib.parse.parse_qsl(u.query, keep_blank_values=True)
        q = dict(query)
        prefix = ""
        if path.startswith("/api/v3/") or path == "/api/v3":
            prefix, path = "/api/v3", path[len("/api/v3"):]
        base = self.base(prefix)
        auth = self.headers.get("Authorization")
        # authentication
        if st.token is not None and auth:
            parts = auth.split(" ", 1)
            if len(parts) != 2 or parts[0].lower() not in ("bearer", "token") or parts[1] != st.token:
                return err(401, "Bad credentials", DOCS)
        # rate limiting (sticky after a rate_limit fault, or exhausted budget)
        with st.lock:
            now = time.time()
            if st.rl_until and now >= st.rl_until:
                st.rl_until = 0.0
                st.rl_remaining = st.rl_limit
                st.rl_reset = int(now) + 3600
            limited = st.rl_until > now or st.rl_remaining <= 0
            if not limited and path != "/rate_limit":
                st.rl_remaining -= 1
        if limited and path != "/rate_limit":
            rec["rate_limited"] = True
            return self.rate_limited_response()
        if path == "/rate_limit" and method == "GET":
            with st.lock:
                core = {"limit": st.rl_limit, "used": st.rl_limit - max(0, st.rl_remaining),
                        "remaining": max(0, st.rl_remaining), "reset": st.rl_reset}
            return json_resp(200, {"resources": {"core": core}, "rate": core})
        m = re.match(r"^/repos/([^/]+)/([^/]+)(/.*)?$", path)
        repo = None
        if m:
            repo = st.repos.get(("%s/%s" % (m.group(1), m.group(2))).lower())
            sub = m.group(3) or ""
        else:
            m = re.match(r"^/repositories/(\d+)(/.*)?$", path)
            if m:
                repo = st.repo_by_id.get(int(m.group(1)))
                sub = m.group(2) or ""
        if repo is None or (repo["private"] and not auth):
            return err(404, "Not Found", DOCS)
        ctx = {"repo": repo, "base": base, "q": q, "query": query, "path": path,
               "rbase": base + "/repos/" + repo["full_name"], "auth": auth}
        routes = [
            ("GET", r"^/actions/workflows/([^/]+)/runs$", self.api_workflow_runs),
            ("GET", r"^/actions/runs$", self.api_repo_runs),
            ("GET", r"^/actions/runs/(\d+)/attempts/(\d+)/jobs$", self.api_jobs_attempt),
            ("GET", r"^/actions/runs/(\d+)/jobs$", self.api_jobs),
            ("GET", r"^/actions/runs/(\d+)/attempts/(\d+)$", self.api_run_attempt),
            ("GET", r"^/actions/runs/(\d+)$", self.api_run),
            ("GET", r"^/actions/jobs/(\d+)/logs$", self.api_job_logs),
            ("GET", r"^/actions/jobs/(\d+)$", self.api_job),
            ("GET", r"^/issues/(\d+)/comments$", self.api_comments_list),
            ("POST", r"^/issues/(\d+)/comments$", self.api_comment_create),
            ("GET", r"^/issues/comments/(\d+)$", self.api_comment_get),
            ("PATCH", r"^/issues/comments/(\d+)$", self.api_comment_update),
            ("DELETE", r"^/issues/comments/(\d+)$", self.api_comment_delete),
            ("GET", r"^/commits/([^/]+)/pulls$", self.api_commit_pulls),
            ("GET", r"^/pulls$", self.api_pulls),
            ("GET", r"^/pulls/(\d+)/files$", self.api_pull_files),
            ("GET", r"^/pulls/(\d+)/comments$", self.api_review_comments_list),
            ("POST", r"^/pulls/(\d+)/comments$", self.api_review_comment_create),
        ]
        for meth, rx, fn in routes:
            mm = re.match(rx, sub)
            if mm and (meth == method or (meth == "GET" and method == "HEAD")):
                return fn(ctx, *mm.groups())
        return err(404, "Not Found", DOCS)

    # pagination exactly like GitHub: link header with prev/next/last/first,
    # URLs in the /repositories/{id}/... form, omitted when one page holds all.
    def paginate(self, ctx, items, default_per_page=30):
        q = ctx["q"]
        try:
            per_page = int(q.get("per_page", default_per_page))
        except ValueError:
            per_page = default_per_page
        if per_page < 1:
            per_page = default_per_page
        per_page = min(per_page, 100)
        try:
            page = max(1, int(q.get("page", 1)))
        except ValueError:
            page = 1
        last = max(1, int(math.ceil(len(items) / float(per_page))))
        chunk = items[(page - 1) * per_page: page * per_page]
        headers = []
        if last > 1 or page > 1:
            if self.state.link_style == "repositories":
                rel_path = ctx["base"] + "/repositories/%d" % ctx["repo"]["id"] + \
                    re.sub(r"^/repos/[^/]+/[^/]+|^/repositories/\d+", "", ctx["path"])
            else:
                rel_path = ctx["rbase"] + re.sub(r"^/repos/[^/]+/[^/]+|^/repositories/\d+", "",
                                                 ctx["path"])

            def url(pg):
                qs = [(k, v) for k, v in ctx["query"] if k != "page"]
                out = []
                placed = False
                for k, v in ctx["query"]:
                    if k == "page" and not placed:
                        out.append(("page", str(pg)))
                        placed = True
                    elif k != "page":
                        out.append((k, v))
                if not placed:
                    out = qs + [("page", str(pg))]
                return "<%s?%s>" % (rel_path, urllib.parse.urlencode(out, safe=":,"))
            links = []
            if page > 1:
                links.append('%s; rel="prev"' % url(min(page - 1, last)))
            if page < last:
                links.append('%s; rel="next"' % url(page + 1))
                links.append('%s; rel="last"' % url(last))
            if page > 1:
                links.append('%s; rel="first"' % url(1))
            headers.append(("Link", ", ".join(links)))
        return chunk, headers

    def check_perm(self, ctx, scope, level, doc):
        have = ctx["repo"]["permissions"].get(scope, "none")
        order = {"none": 0, "read": 1, "write": 2}
        if order.get(have, 0) < order[level]:
            perms = {"issues": "issues=write; pull_requests=write",
                     "pull_requests": "issues=write; pull_requests=write",
                     "actions": "actions=read"}.get(scope, "%s=%s" % (scope, level))
            return err(403, "Resource not accessible by integration", doc,
                       [("x-accepted-github-permissions", perms)])
        return None

    def job_json(self, ctx, job):
        rb, full = ctx["rbase"], ctx["repo"]["full_name"]
        return {
            "id": job["id"], "run_id": job["run_id"],
            "workflow_name": job["workflow_name"], "head_branch": job["head_branch"],
            "run_url": "%s/actions/runs/%d" % (rb, job["run_id"]),
            "run_attempt": job["run_attempt"],
            "node_id": b64("08:CheckRun%d" % job["id"]),
            "head_sha": job["head_sha"], "url": "%s/actions/jobs/%d" % (rb, job["id"]),
            "html_url": "%s/%s/actions/runs/%d/job/%d" % (self.state.server_url, full,
                                                           job["run_id"], job["id"]),
            "status": job["status"], "conclusion": job["conclusion"],
            "created_at": job["created_at"], "started_at": job["started_at"],
            "completed_at": job["completed_at"], "name": job["name"],
            "steps": job["steps"],
            "check_run_url": "%s/check-runs/%d" % (rb, job["id"]),
            "labels": job["labels"], "runner_id": job["runner_id"],
            "runner_name": job["runner_name"], "runner_group_id": job["runner_group_id"],
            "runner_group_name": job["runner_group_name"],
        }

    def get_run(self, ctx, run_id, doc):
        return ctx["repo"]["runs"].get(int(run_id))

    def api_jobs_attempt(self, ctx, run_id, attempt):
        e = self.check_perm(ctx, "actions", "read", DOC_URLS["jobs_attempt"])
        if e:
            return e
        run = self.get_run(ctx, run_id, DOC_URLS["jobs_attempt"])
        if run is None or not (1 <= int(attempt) <= run["run_attempt"]):
            return err(404, "Not Found", DOC_URLS["jobs_attempt"])
        jobs = [j for j in run["_jobs"] if j["run_attempt"] == int(attempt)]
        return self.jobs_page(ctx, jobs)

    def api_jobs(self, ctx, run_id):
        e = self.check_perm(ctx, "actions", "read", DOC_URLS["jobs"])
        if e:
            return e
        run = self.get_run(ctx, run_id, DOC_URLS["jobs"])
        if run is None:
            return err(404, "Not Found", DOC_URLS["jobs"])
        filt = ctx["q"].get("filter", "latest")
        if filt not in ("latest", "all"):
            return validation(DOC_URLS["jobs"], "Invalid request.\n\n%s is not a member of "
                              "[\"latest\", \"all\"]." % json.dumps(filt))
        jobs = run["_jobs"]
        if filt == "latest":
            latest = {}
            for j in jobs:   # most recent attempt of each job name
                if j["name"] not in latest or j["run_attempt"] >= latest[j["name"]]["run_attempt"]:
                    latest[j["name"]] = j
            keep = set(id(j) for j in latest.values())
            jobs = [j for j in jobs if id(j) in keep]
        return self.jobs_page(ctx, jobs)

    def jobs_page(self, ctx, jobs):
        chunk, headers = self.paginate(ctx, jobs)
        return json_resp(200, {"total_count": len(jobs),
                               "jobs": [self.job_json(ctx, j) for j in chunk]}, headers)

    def api_job(self, ctx, job_id):
        e = self.check_perm(ctx, "actions", "read", DOC_URLS["job"])
        if e:
            return e
        rj = self.state.jobs.get(int(job_id))
        if rj is None or rj[0] is not ctx["repo"]:
            return err(404, "Not Found", DOC_URLS["job"])
        return json_resp(200, self.job_json(ctx, rj[1]))

    def run_json(self, ctx, run, attempt=None):
        st = self.state
        repo = ctx["repo"]
        rb, full = ctx["rbase"], repo["full_name"]
        base = ctx["base"]
        owner_json = user_json(repo["owner"], repo["owner_id"], repo["owner_type"], base,
                               st.server_url)
        mini = repo_json(full, repo["id"], owner_json, repo["private"], False,
                         repo["default_branch"], base, st.server_url)
        head_full = run["head_repository"]
        if head_full.lower() == full.lower():
            head_mini = mini
        else:
            fk = repo["forks"].get(head_full, {})
            ho = head_full.split("/")[0]
            head_mini = repo_json(head_full, int(fk.get("id", 700000001)),
                                  user_json(ho, int(fk.get("owner_id", 583231)), "User", base,
                                            st.server_url),
                                  False, True, repo["default_branch"], base, st.server_url)
        prs = []
        for num in run["pull_requests"]:
            pr = next((p for p in repo["pulls"] if p["number"] == num), None)
            if pr is None:
                continue
            prs.append({
                "url": "%s/pulls/%d" % (rb, num), "id": pr["id"], "number": num,
                "head": {"ref": pr["head"]["ref"], "sha": pr["head"]["sha"],
                         "repo": {"id": repo["id"], "url": mini["url"], "name": mini["name"]}},
                "base": {"ref": pr["base"]["ref"], "sha": pr["base"]["sha"],
                         "repo": {"id": repo["id"], "url": mini["url"], "name": mini["name"]}},
            })
        actor = user_json(run.get("actor", "octocat"), int(run.get("actor_id", 583231)), "User",
                          base, st.server_url)
        n = run["run_attempt"] if attempt is None else attempt
        rid = run["id"]
        d = {
            "id": rid, "name": run["name"], "node_id": b64("011:WorkflowRun%d" % rid),
            "check_suite_id": rid + 1, "check_suite_node_id": b64("010:CheckSuite%d" % (rid + 1)),
            "head_branch": run["head_branch"], "head_sha": run["head_sha"], "path": run["path"],
            "run_number": run["run_number"], "run_attempt": n, "event": run["event"],
            "display_title": run["display_title"],
            "status": run["status"] if n == run["run_attempt"] else "completed",
            "conclusion": run["conclusion"] if n == run["run_attempt"] else "failure",
            "workflow_id": run["workflow_id"],
            "url": "%s/actions/runs/%d" % (rb, rid),
            "html_url": "%s/%s/actions/runs/%d" % (st.server_url, full, rid),
            "pull_requests": prs, "created_at": run["created_at"],
            "updated_at": run["updated_at"], "actor": actor, "triggering_actor": actor,
            "run_started_at": run["run_started_at"],
            "jobs_url": "%s/actions/runs/%d/jobs" % (rb, rid),
            "logs_url": "%s/actions/runs/%d/logs" % (rb, rid),
            "check_suite_url": "%s/check-suites/%d" % (rb, rid + 1),
            "artifacts_url": "%s/actions/runs/%d/artifacts" % (rb, rid),
            "cancel_url": "%s/actions/runs/%d/cancel" % (rb, rid),
            "rerun_url": "%s/actions/runs/%d/rerun" % (rb, rid),
            "previous_attempt_url": ("%s/actions/runs/%d/attempts/%d" % (rb, rid, n - 1))
            if n > 1 else None,
            "workflow_url": "%s/actions/workflows/%d" % (rb, run["workflow_id"]),
            "head_commit": {
                "id": run["head_sha"], "tree_id": hashlib.sha1(run["head_sha"].encode()).hexdigest(),
                "message": run.get("head_commit_message", run["display_title"]),
                "timestamp": run["created_at"],
                "author": {"name": "Octo Cat", "email": "octocat@github.com"},
                "committer": {"name": "GitHub", "email": "noreply@github.com"},
            },
            "repository": mini, "head_repository": head_mini,
            "head_repository_id": head_mini["id"],
        }
        return d

    # GET …/actions/workflows/{workflow_id}/runs and …/actions/runs: newest first, filtered by
    # branch, event, status (a status or a conclusion, as GitHub accepts both), head_sha and
    # created (">=DATE" / "<=DATE" / "A..B"); workflow_id is the numeric id or the file name.
    def list_runs(self, ctx, runs, doc):
        e = self.check_perm(ctx, "actions", "read", doc)
        if e:
            return e
        q = ctx["q"]
        statuses = ("completed", "action_required", "cancelled", "failure", "neutral", "skipped", "stale",
                    "success", "timed_out", "in_progress", "queued", "requested", "waiting", "pending")
        if q.get("status") and q["status"] not in statuses:
            return validation(doc, "Invalid request.\n\n%s is not a member of %s." %
                              (json.dumps(q["status"]), json.dumps(list(statuses))))
        out = []
        for run in runs:
            if q.get("branch") and run["head_branch"] != q["branch"]:
                continue
            if q.get("event") and run["event"] != q["event"]:
                continue
            if q.get("head_sha") and run["head_sha"] != q["head_sha"]:
                continue
            st_ = q.get("status")
            if st_ and run["status"] != st_ and run["conclusion"] != st_:
                continue
            created = q.get("created")
            if created:
                c = run["created_at"][:len(created.lstrip("<>="))]
                if created.startswith("<=") and not c <= created[2:]:
                    continue
                if created.startswith(">=") and not c >= created[2:]:
                    continue
            out.append(run)
        out.sort(key=lambda r: (r["created_at"], r["id"]), reverse=True)
        chunk, headers = self.paginate(ctx, out)
        return json_resp(200, {"total_count": len(out),
                               "workflow_runs": [self.run_json(ctx, r) for r in chunk]}, headers)

    def api_workflow_runs(self, ctx, workflow_id):
        runs = [r for r in ctx["repo"]["runs"].values()
                if str(r["workflow_id"]) == workflow_id or r["path"].rsplit("/", 1)[-1] == workflow_id]
        if not runs and not any(str(r["workflow_id"]) == workflow_id for r in ctx["repo"]["runs"].values()):
            known = any(r["path"].rsplit("/", 1)[-1] == workflow_id for r in ctx["repo"]["runs"].values())
            if not known:
                return err(404, "Not Found", DOC_URLS["workflow_runs"])
        return self.list_runs(ctx, runs, DOC_URLS["workflow_runs"])

    def api_repo_runs(self, ctx):
        return self.list_runs(ctx, list(ctx["repo"]["runs"].values()), DOC_URLS["repo_runs"])

    def api_run(self, ctx, run_id):
        e = self.check_perm(ctx, "actions", "read", DOC_URLS["run"])
        if e:
            return e
        run = ctx["repo"]["runs"].get(int(run_id))
        if run is None:
            return err(404, "Not Found", DOC_URLS["run"])
        return json_resp(200, self.run_json(ctx, run))

    def api_run_attempt(self, ctx, run_id, attempt):
        e = self.check_perm(ctx, "actions", "read", DOC_URLS["run_attempt"])
        if e:
            return e
        run = ctx["repo"]["runs"].get(int(run_id))
        if run is None or not (1 <= int(attempt) <= run["run_attempt"]):
            return err(404, "Not Found", DOC_URLS["run_attempt"])
        return json_resp(200, self.run_json(ctx, run, int(attempt)))

    def api_job_logs(self, ctx, job_id):
        st = self.state
        e = self.check_perm(ctx, "actions", "read", DOC_URLS["job_logs"])
        if e:
            return e
        rj = st.jobs.get(int(job_id))
        if rj is None or rj[0] is not ctx["repo"]:
            return err(404, "Not Found", DOC_URLS["job_logs"])
        job = rj[1]
        ls = job["log_status"]
        if ls == 410:
            return err(410, "Server Error", DOC_URLS["job_logs"])
        if ls == 404 or (ls == 200 and not job["_log_path"]):
            return err(404, "Not Found", DOC_URLS["job_logs"])
        g1, g2 = str(uuid.uuid4()), str(uuid.uuid4())
        exp = time.time() + st.blob_ttl
        se = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(exp))
        path = "/actions-results/%s/workflow-job-run-%s/logs/job/job-logs.txt" % (g1, g2)
        sig = base64.b64encode(hmac.new(st.secret, (path + se).encode(), hashlib.sha256)
                               .digest()).decode()
        qs = urllib.parse.urlencode([("rsct", "text/plain"), ("se", se), ("sig", sig),
                                     ("ske", se), ("skoid", str(uuid.uuid4())),
                                     ("sks", "b"), ("skt", iso(time.time() - 60)),
                                     ("sktid", str(uuid.uuid4())), ("skv", "2025-11-05"),
                                     ("sp", "r"), ("spr", "https"), ("sr", "b"),
                                     ("st", iso(time.time() - 5)), ("sv", "2025-11-05")])
        with st.lock:
            st.blobs[g1] = {"job_id": job["id"], "path": path, "expires": exp, "sig": sig,
                            "file": job["_log_path"], "status": ls}
        loc = self.server.blob_base + path + "?" + qs
        return Response(302, b"", [("Location", loc)], None)

    # ---- comments
    def comment_json(self, ctx, c):
        st = self.state
        repo = ctx["repo"]
        rb, full = ctx["rbase"], repo["full_name"]
        iss = repo["issues"].get(c["issue"], {})
        kind = "pull" if iss.get("pull") else "issues"
        u = c["user"]
        return {
            "id": c["id"], "node_id": b64("012:IssueComment%d" % c["id"]),
            "url": "%s/issues/comments/%d" % (rb, c["id"]),
            "html_url": "%s/%s/%s/%d#issuecomment-%d" % (st.server_url, full, kind, c["issue"],
                                                          c["id"]),
            "body": c["body"],
            "user": user_json(u["login"], int(u.get("id", 1)), u.get("type", "User"),
                              ctx["base"], st.server_url),
            "created_at": c["created_at"], "updated_at": c["updated_at"],
            "issue_url": "%s/issues/%d" % (rb, c["issue"]),
            "author_association": "NONE" if u.get("type") == "Bot" else "MEMBER",
            "performed_via_github_app": None,
            "reactions": {"url": "%s/issues/comments/%d/reactions" % (rb, c["id"]),
                          "total_count": 0, "+1": 0, "-1": 0, "laugh": 0, "hooray": 0,
                          "confused": 0, "heart": 0, "rocket": 0, "eyes": 0},
        }

    def api_comments_list(self, ctx, num):
        iss = ctx["repo"]["issues"].get(int(num))
        if iss is None:
            return err(404, "Not Found", DOC_URLS["comments_list"])
        with self.state.lock:
            comments = sorted(iss["comments"], key=lambda c: c["id"])
            chunk, headers = self.paginate(ctx, comments)
            data = [self.comment_json(ctx, c) for c in chunk]
        return json_resp(200, data, headers)

    def parse_comment_body(self, ctx, body, doc):
        try:
            data = json.loads(body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return None, err(400, "Problems parsing JSON", doc)
        if not isinstance(data, dict) or "body" not in data:
            return None, validation(doc, "Invalid request.\n\n\"body\" wasn't supplied.")
        if not isinstance(data["body"], str):
            return None, validation(doc, "Invalid request.\n\nFor 'properties/body', %s is not "
                                    "a string." % json.dumps(data["body"]))
        if len(data["body"]) > MAX_COMMENT:
            return None, validation(doc, "Validation Failed", [{
                "resource": "IssueComment", "code": "unprocessable", "field": "data",
                "message": "Body is too long (maximum is %d characters)" % MAX_COMMENT}])
        return data["body"], None

    def need_auth(self, ctx, doc):
        if not ctx["auth"]:
            return err(401, "Requires authentication", doc)
        return None

    def api_comment_create(self, ctx, num):
        doc = DOC_URLS["comment_create"]
        e = self.need_auth(ctx, doc) or self.check_perm(ctx, "issues", "write", doc)
        if e:
            return e
        text, e = self.parse_comment_body(ctx, self._body, doc)
        if e:
            return e
        st = self.state
        with st.lock:   # GitHub serialises writes; so do we
            iss = ctx["repo"]["issues"].get(int(num))
            if iss is None:
                return err(404, "Not Found", doc)
            c = st._mk_comment(int(num), text)
            iss["comments"].append(c)
            data = self.comment_json(ctx, c)
        return json_resp(201, data, [("Location", data["url"])])

    # ---- PR files and review comments (one-click suggestions)
    def find_pull(self, ctx, num):
        return next((p for p in ctx["repo"]["pulls"] if p["number"] == int(num)), None)

    def api_pull_files(self, ctx, num):
        pr = self.find_pull(ctx, num)
        if pr is None:
            return err(404, "Not Found", DOCS + "/pulls/pulls#list-pull-requests-files")
        rb, full = ctx["rbase"], ctx["repo"]["full_name"]
        files = []
        for f in pr["files"]:
            patch = f.get("patch", "")
            adds = sum(1 for l in patch.split("\n") if l.startswith("+"))
            dels = sum(1 for l in patch.split("\n") if l.startswith("-"))
            sha = hashlib.sha1((f["filename"] + patch).encode()).hexdigest()
            files.append({"sha": sha, "filename": f["filename"], "status": f.get("status", "modified"),
                          "additions": adds, "deletions": dels, "changes": adds + dels,
                          "blob_url": "%s/%s/blob/%s/%s" % (self.state.server_url, full, pr["head"]["sha"],
                                                            f["filename"]),
                          "raw_url": "%s/%s/raw/%s/%s" % (self.state.server_url, full, pr["head"]["sha"],
                                                          f["filename"]),
                          "contents_url": "%s/contents/%s?ref=%s" % (rb, f["filename"], pr["head"]["sha"]),
                          "patch": patch})
        chunk, headers = self.paginate(ctx, files)
        return json_resp(200, chunk, headers)

    def review_comment_json(self, ctx, pr, c):
        rb, full = ctx["rbase"], ctx["repo"]["full_name"]
        u = c["user"]
        return {"id": c["id"], "node_id": b64("024:PullRequestReviewComment%d" % c["id"]),
                "url": "%s/pulls/comments/%d" % (rb, c["id"]),
                "pull_request_review_id": c["id"] + 1, "diff_hunk": c["diff_hunk"],
                "path": c["path"], "position": c["line"], "original_position": c["line"],
                "commit_id": c["commit_id"], "original_commit_id": c["commit_id"],
                "user": user_json(u["login"], int(u.get("id", 1)), u.get("type", "User"), ctx["base"],
                                  self.state.server_url),
                "body": c["body"], "created_at": c["created_at"], "updated_at": c["created_at"],
                "html_url": "%s/%s/pull/%d#discussion_r%d" % (self.state.server_url, full, pr["number"], c["id"]),
                "pull_request_url": "%s/pulls/%d" % (rb, pr["number"]),
                "author_association": "NONE", "_links": {
                    "self": {"href": "%s/pulls/comments/%d" % (rb, c["id"])},
                    "html": {"href": "%s/%s/pull/%d#discussion_r%d" % (self.state.server_url, full,
                                                                       pr["number"], c["id"])},
                    "pull_request": {"href": "%s/pulls/%d" % (rb, pr["number"])}},
                "start_line": c.get("start_line"), "original_start_line": c.get("start_line"),
                "start_side": "RIGHT" if c.get("start_line") else None, "line": c["line"],
                "original_line": c["line"], "side": "RIGHT"}

    def api_review_comments_list(self, ctx, num):
        pr = self.find_pull(ctx, num)
        if pr is None:
            return err(404, "Not Found", DOCS + "/pulls/comments#list-review-comments-on-a-pull-request")
        with self.state.lock:
            chunk, headers = self.paginate(ctx, pr["_review_comments"])
            data = [self.review_comment_json(ctx, pr, c) for c in chunk]
        return json_resp(200, data, headers)

    def api_review_comment_create(self, ctx, num):
        doc = DOCS + "/pulls/comments#create-a-review-comment-for-a-pull-request"
        e = self.need_auth(ctx, doc) or self.check_perm(ctx, "pull_requests", "write", doc)
        if e:
            return e
        pr = self.find_pull(ctx, num)
        if pr is None:
            return err(404, "Not Found", doc)
        try:
            req = json.loads(self._body or b"{}")
        except ValueError:
            return err(400, "Problems parsing JSON", doc)
        if req.get("commit_id") != pr["head"]["sha"]:
            return validation(doc, "Validation Failed", [{"resource": "PullRequestReviewComment",
                                                          "code": "invalid", "field": "commit_id"}])
        f = next((x for x in pr["files"] if x["filename"] == req.get("path")), None)
        # GitHub: line (and start_line) must be right-side lines of one hunk of the file's diff.
        right, hunk_of, cur, hunk = {}, {}, 0, -1
        for l in (f or {}).get("patch", "").split("\n"):
            m = re.match(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@", l)
            if m:
                cur, hunk = int(m.group(1)), hunk + 1
            elif hunk >= 0 and not l.startswith("-") and not l.startswith("\\"):
                right[cur], hunk_of[cur] = l[1:], hunk
                cur += 1
        line, start = req.get("line"), req.get("start_line", req.get("line"))
        if f is None or line not in right or start not in right or hunk_of[line] != hunk_of[start] \
                or req.get("side", "RIGHT") != "RIGHT":
            return validation(doc, "Validation Failed", [{"resource": "PullRequestReviewComment",
                              "code": "custom", "field": "pull_request_review_thread.line",
                              "message": "Pull request review thread line must be part of the diff"}])
        st = self.state
        with st.lock:
            c = st._mk_comment(int(num), req.get("body", ""))
            c.update({"path": req["path"], "line": line, "commit_id": req["commit_id"],
                      "diff_hunk": f["patch"][:200]})
            if req.get("start_line") and req["start_line"] != line:
                c["start_line"] = req["start_line"]
            pr["_review_comments"].append(c)
            data = self.review_comment_json(ctx, pr, c)
        return json_resp(201, data, [("Location", data["url"])])

    def find_comment(self, ctx, cid):
        for iss in ctx["repo"]["issues"].values():
            for c in iss["comments"]:
                if c["id"] == int(cid):
                    return c
        return None

    def api_comment_get(self, ctx, cid):
        with self.state.lock:
            c = self.find_comment(ctx, cid)
            if c is None:
                return err(404, "Not Found", DOC_URLS["comment_get"])
            return json_resp(200, self.comment_json(ctx, c))

    def api_comment_update(self, ctx, cid):
        doc = DOC_URLS["comment_update"]
        e = self.need_auth(ctx, doc) or self.check_perm(ctx, "issues", "write", doc)
        if e:
            return e
        text, e = self.parse_comment_body(ctx, self._body, doc)
        if e:
            return e
        with self.state.lock:
            c = self.find_comment(ctx, cid)
            if c is None:
                return err(404, "Not Found", doc)
            c["body"] = text
            c["updated_at"] = iso(time.time())
            c["edits"] = c.get("edits", 0) + 1
            return json_resp(200, self.comment_json(ctx, c))

    def api_comment_delete(self, ctx, cid):
        """204 with no body, like GitHub; 401 without a token, 403 without
        issues/pull_requests write, 404 for an unknown (or already deleted) id.
        The deleted comment is kept in State.deleted for /_control/comments."""
        doc = DOC_URLS["comment_delete"]
        e = self.need_auth(ctx, doc) or self.check_perm(ctx, "issues", "write", doc)
        if e:
            return e
        st = self.state
        with st.lock:
            for iss in ctx["repo"]["issues"].values():
                for i, c in enumerate(iss["comments"]):
                    if c["id"] == int(cid):
                        del iss["comments"][i]
                        st.deleted.append(dict(c, repo=ctx["repo"]["full_name"],
                                               deleted_at=iso(time.time())))
                        return Response(204, b"", [], None)
        return err(404, "Not Found", doc)

    # ---- pulls
    def pull_json(self, ctx, pr):
        st = self.state
        repo = ctx["repo"]
        rb, full, base = ctx["rbase"], repo["full_name"], ctx["base"]
        num = pr["number"]
        owner_json = user_json(repo["owner"], repo["owner_id"], repo["owner_type"], base,
                               st.server_url)
        base_repo = full_repository_json(repo_json(full, repo["id"], owner_json, repo["private"],
                                                   False, repo["default_branch"], base,
                                                   st.server_url), repo["default_branch"])
        head_full = pr["head"]["repo"]
        ho = head_full.split("/")[0]
        if head_full.lower() == full.lower():
            head_repo, head_owner = base_repo, owner_json
        else:
            fk = repo["forks"].get(head_full, {})
            head_owner = user_json(ho, int(fk.get("owner_id", 583231)), "User", base,
                                   st.server_url)
            head_repo = full_repository_json(repo_json(head_full, int(fk.get("id", 700000001)),
                                                       head_owner, False, True, "main", base,
                                                       st.server_url))
        html = "%s/%s/pull/%d" % (st.server_url, full, num)

        def link(h):
            return {"href": h}
        pu = pr["user"]
        return {
            "url": "%s/pulls/%d" % (rb, num), "id": pr["id"],
            "node_id": b64("011:PullRequest%d" % pr["id"]), "html_url": html,
            "diff_url": html + ".diff", "patch_url": html + ".patch",
            "issue_url": "%s/issues/%d" % (rb, num),
            "commits_url": "%s/pulls/%d/commits" % (rb, num),
            "review_comments_url": "%s/pulls/%d/comments" % (rb, num),
            "review_comment_url": "%s/pulls/comments{/number}" % rb,
            "comments_url": "%s/issues/%d/comments" % (rb, num),
            "statuses_url": "%s/statuses/%s" % (rb, pr["head"]["sha"]),
            "number": num, "state": pr["state"], "locked": False, "title": pr["title"],
            "user": user_json(pu["login"], int(pu.get("id", 583231)), "User", base, st.server_url),
            "body": pr.get("body"), "labels": [], "milestone": None, "active_lock_reason": None,
            "created_at": pr["created_at"], "updated_at": pr["created_at"],
            "closed_at": None if pr["state"] == "open" else pr["created_at"],
            "merged_at": None, "merge_commit_sha": pr["merge_commit_sha"],
            "assignee": None, "assignees": [], "requested_reviewers": [], "requested_teams": [],
            "head": {"label": "%s:%s" % (ho, pr["head"]["ref"]), "ref": pr["head"]["ref"],
                     "sha": pr["head"]["sha"], "user": head_owner, "repo": head_repo},
            "base": {"label": "%s:%s" % (repo["owner"], pr["base"]["ref"]),
                     "ref": pr["base"]["ref"], "sha": pr["base"]["sha"], "user": owner_json,
                     "repo": base_repo},
            "_links": {"self": link("%s/pulls/%d" % (rb, num)), "html": link(html),
                       "issue": link("%s/issues/%d" % (rb, num)),
                       "comments": link("%s/issues/%d/comments" % (rb, num)),
                       "review_comments": link("%s/pulls/%d/comments" % (rb, num)),
                       "review_comment": link("%s/pulls/comments{/number}" % rb),
                       "commits": link("%s/pulls/%d/commits" % (rb, num)),
                       "statuses": link("%s/statuses/%s" % (rb, pr["head"]["sha"]))},
            "author_association": "CONTRIBUTOR", "auto_merge": None,
            "draft": bool(pr.get("draft", False)),
        }

    def api_commit_pulls(self, ctx, sha):
        repo = ctx["repo"]
        if sha not in repo["commits"]:
            return err(422, "No commit found for SHA: %s" % sha, DOC_URLS["commit_pulls"])
        prs = [p for p in repo["pulls"] if p["head"]["sha"] == sha or p["merge_commit_sha"] == sha]
        # a commit's associated PRs come from the base repo only (forks: see README)
        prs = [p for p in prs if p["head"]["repo"].lower() == repo["full_name"].lower()
               or p.get("listed_for_commit", True)]
        chunk, headers = self.paginate(ctx, prs)
        return json_resp(200, [self.pull_json(ctx, p) for p in chunk], headers)

    def api_pulls(self, ctx):
        repo, q = ctx["repo"], ctx["q"]
        state = q.get("state", "open")
        if state not in ("open", "closed", "all"):
            return validation(DOC_URLS["pulls"], "Validation Failed", [{
                "resource": "Issue", "field": "state", "code": "invalid"}])
        prs = [p for p in repo["pulls"] if state == "all" or p["state"] == state]
        if "head" in q:
            h = q["head"]
            if ":" in h:
                owner, ref = h.split(":", 1)
            else:
                owner, ref = repo["owner"], h
            prs = [p for p in prs if p["head"]["ref"] == ref
                   and p["head"]["repo"].split("/")[0].lower() == owner.lower()]
        if "base" in q:
            prs = [p for p in prs if p["base"]["ref"] == q["base"]]
        prs = sorted(prs, key=lambda p: p["number"], reverse=(q.get("direction", "desc") == "desc"))
        chunk, headers = self.paginate(ctx, prs)
        return json_resp(200, [self.pull_json(ctx, p) for p in chunk], headers)

    # ---- blob host
    def route_blob(self, method, raw_path, rec):
        st = self.state
        u = urllib.parse.urlsplit(raw_path)
        q = dict(urllib.parse.parse_qsl(u.query))
        m = re.match(r"^/actions-results/([0-9a-f-]+)/workflow-job-run-[0-9a-f-]+/logs/job/"
                     r"job-logs\.txt$", u.path)
        with st.lock:
            b = st.blobs.get(m.group(1)) if m else None
        if method not in ("GET", "HEAD"):
            return azure_error(405, "UnsupportedHttpVerb",
                               "The resource doesn't support specified Http Verb.")
        if b is None or b["path"] != u.path:
            return azure_error(404, "ResourceNotFound", "The specified resource does not exist.")
        if q.get("sig") != b["sig"] or q.get("se") is None:
            return azure_error(403, "AuthenticationFailed",
                               "Server failed to authenticate the request. Make sure the value "
                               "of Authorization header is formed correctly including the "
                               "signature.", "Signature did not match.")
        if time.time() > b["expires"]:
            return azure_error(403, "AuthenticationFailed",
                               "Server failed to authenticate the request. Make sure the value "
                               "of Authorization header is formed correctly including the "
                               "signature.",
                               "Signed expiry time [%s] must be after signed start time" % q["se"])
        if st.blob_reject_auth and self.headers.get("Authorization"):
            # fake's own strictness: the API token must never reach the blob host
            return azure_error(403, "AuthenticationFailed",
                               "fake_github: an Authorization header was sent to the blob host; "
                               "the SAS URL must be fetched without it.")
        if b["status"] == "blob_not_found":
            return azure_error(404, "BlobNotFound", "The specified blob does not exist.")
        ctype = q.get("rsct", "application/octet-stream")
        mtime = os.path.getmtime(b["file"])
        return Response(200, b"", [
            ("Accept-Ranges", "bytes"),
            ("ETag", '"0x%X"' % (int(mtime * 1e7) & 0xFFFFFFFFFFFFFFF)),
            ("Last-Modified", time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(mtime))),
            ("x-ms-request-id", str(uuid.uuid4())), ("x-ms-version", "2025-11-05"),
            ("x-ms-blob-type", "BlockBlob"), ("x-ms-server-encrypted", "true"),
        ], ctype, file=b["file"])


def json_resp(status, obj, headers=None):
    return Response(status, json.dumps(obj, indent=None, separators=(",", ":")), headers)


def err(status, message, doc=DOCS, headers=None):
    return json_resp(status, {"message": message, "documentation_url": doc,
                              "status": str(status)}, headers)


def validation(doc, message, errors=None):
    d = {"message": message}
    if errors:
        d["errors"] = errors
    d["documentation_url"] = doc
    d["status"] = "422"
    return json_resp(422, d)


def azure_error(status, code, message, detail=None):
    rid = str(uuid.uuid4())
    now = time.strftime("%Y-%m-%dT%H:%M:%S.0000000Z", time.gmtime())
    body = ('\ufeff<?xml version="1.0" encoding="utf-8"?><Error><Code>%s</Code><Message>%s\n'
            'RequestId:%s\nTime:%s</Message>%s</Error>') % (
        code, message, rid, now,
        ("<AuthenticationErrorDetail>%s</AuthenticationErrorDetail>" % detail) if detail else "")
    return Response(status, body.encode("utf-8"),
                    [("x-ms-request-id", rid), ("x-ms-error-code", code)], "application/xml")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, BrokenPipeError, socket.timeout)):
            return
        if self.verbose:
            super().handle_error(request, client_address)


def make_server(host, port, role, state, verbose):
    handler = type("%sHandler" % role.capitalize(), (Handler,), {"role": role, "state": state})
    srv = Server((host, port), handler)
    srv.verbose = verbose
    return srv


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--port", type=int, default=0, help="API port (0: chosen by the OS)")
    ap.add_argument("--blob-port", type=int, default=0, help="blob host port (0: chosen by the OS)")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--blob-host", default="127.0.0.2")
    ap.add_argument("--scenario", help="scenario JSON file")
    ap.add_argument("--logs-dir", default=DEFAULT_LOGS_DIR,
                    help="where scenario `log` names are looked up (default: logs/ next to this file)")
    ap.add_argument("--public-api-url",
                    help="base URL put in link headers, url fields and /_control/env instead of the "
                         "API server's own (e.g. a validating proxy in front of it)")
    ap.add_argument("--verbose", action="store_true", help="log requests to stderr")
    args = ap.parse_args(argv)

    state = State(args.logs_dir)
    if args.scenario:
        state.load(load_scenario_file(args.scenario))
    api = make_server(args.host, args.port, "api", state, args.verbose)
    blob_same_host = False
    try:
        blob = make_server(args.blob_host, args.blob_port, "blob", state, args.verbose)
        # check the second loopback address is really reachable
        socket.create_connection(blob.server_address[:2], timeout=2).close()
    except OSError:
        blob = make_server(args.host, 0, "blob", state, args.verbose)
        blob_same_host = True
    api_base = "http://%s:%d" % api.server_address[:2]
    blob_base = "http://%s:%d" % blob.server_address[:2]
    public_base = (args.public_api_url or api_base).rstrip("/")
    for s in (api, blob):
        s.api_base, s.blob_base = public_base, blob_base
    state.api_base = public_base
    done = threading.Event()

    def shutdown():
        api.shutdown()
        blob.shutdown()
        done.set()
    api.fake_shutdown = blob.fake_shutdown = shutdown
    threads = [threading.Thread(target=s.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
               for s in (api, blob)]
    for t in threads:
        t.start()
    info = {"api": api_base, "blob": blob_base, "pid": os.getpid(), "scenario": state.name}
    if blob_same_host:
        info["blob_same_host"] = True
    sys.stdout.write(json.dumps(info) + "\n")
    sys.stdout.flush()
    try:
        while not done.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
