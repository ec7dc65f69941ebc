#!/usr/bin/python3
"""Self-test of the fake GitHub server: /usr/bin/python3 tests/github/test_fake_github.py

Starts fake_github.py as a subprocess and exercises every endpoint, the control
API and every fault kind with urllib / http.client.  Standard library only.
"""

import http.client
import json
import os
import re
import subprocess
import sys
import threading
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.join(HERE, "fake_github.py")
SCEN = os.path.join(HERE, "scenarios")
LOGS = os.path.join(HERE, "logs")
REPO = "/repos/octo-org/octo-repo"
RUN = 19123456789
TOKEN = "ghs_TESTtokenVALUEneverRECORDED123"
JOB_FIELDS = ["id", "run_id", "run_url", "node_id", "head_sha", "url", "html_url", "status",
              "conclusion", "started_at", "completed_at", "name", "steps", "check_run_url",
              "labels", "runner_id", "runner_name", "runner_group_id", "runner_group_name",
              "workflow_name", "head_branch", "run_attempt", "created_at"]
STEP_FIELDS = ["name", "status", "conclusion", "number", "started_at", "completed_at"]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


class Resp:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body.decode("utf-8"))


class FakeGitHubTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.proc = subprocess.Popen([sys.executable, SERVER, "--port", "0", "--scenario",
                                     os.path.join(SCEN, "basic.json")],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = cls.proc.stdout.readline()
        if not line:
            raise RuntimeError("server did not start: " + cls.proc.stderr.read())
        cls.info = json.loads(line)
        cls.api = cls.info["api"]
        cls.blob = cls.info["blob"]

    @classmethod
    def tearDownClass(cls):
        try:
            cls.ctl("POST", "/shutdown")
            cls.proc.wait(timeout=5)
        except Exception:
            cls.proc.kill()
            cls.proc.wait()
        cls.proc.stdout.close()
        cls.proc.stderr.close()

    # ---- helpers
    @classmethod
    def ctl(cls, method, path, obj=None):
        data = json.dumps(obj).encode() if obj is not None else None
        req = urllib.request.Request(cls.api + "/_control" + path, data=data, method=method)
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.loads(r.read())

    def load(self, name, **over):
        with open(os.path.join(SCEN, name + ".json")) as f:
            scen = json.load(f)
        scen.update(over)
        self.ctl("POST", "/scenario?clear_requests=1", scen)

    def req(self, method, url, body=None, token=TOKEN, headers=None, timeout=10):
        if not url.startswith("http"):
            url = self.api + url
        h = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28",
             "User-Agent": "ci-triage-selftest"}
        if token:
            h["Authorization"] = "Bearer " + token
        h.update(headers or {})
        data = json.dumps(body).encode() if body is not None and not isinstance(body, bytes) \
            else body
        if data is not None:
            h["Content-Type"] = "application/json"
        r = urllib.request.Request(url, data=data, method=method, headers=h)
        try:
            with OPENER.open(r, timeout=timeout) as resp:
                return Resp(resp.status, resp.headers, resp.read())
        except urllib.error.HTTPError as e:
            return Resp(e.code, e.headers, e.read())

    def requests(self, **q):
        return self.ctl("GET", "/requests?" + urllib.parse.urlencode(q))["requests"]

    def assert_error_shape(self, r, status, message=None):
        self.assertEqual(r.status, status)
        self.assertEqual(r.headers["Content-Type"], "application/json; charset=utf-8")
        d = r.json()
        self.assertEqual(d["status"], str(status))
        self.assertTrue(d["documentation_url"].startswith("https://docs.github.com/"))
        if message:
            self.assertIn(message, d["message"])
        return d

    # ---- tests
    def test_01_ready_line_and_two_hosts(self):
        self.assertTrue(self.api.startswith("http://127.0.0.1:"))
        if not self.info.get("blob_same_host"):
            self.assertTrue(self.blob.startswith("http://127.0.0.2:"))
        self.assertNotEqual(self.api, self.blob)
        self.assertTrue(self.ctl("GET", "/health")["ok"])

    def test_02_jobs_for_attempt_shape_and_headers(self):
        self.load("basic")
        r = self.req("GET", REPO + "/actions/runs/%d/attempts/1/jobs?per_page=100" % RUN)
        self.assertEqual(r.status, 200)
        self.assertEqual(r.headers["Content-Type"], "application/json; charset=utf-8")
        for h in ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-used",
                  "x-ratelimit-reset", "x-ratelimit-resource", "x-github-request-id"]:
            self.assertIsNotNone(r.headers[h], h)
        self.assertEqual(r.headers["x-github-api-version-selected"], "2022-11-28")
        self.assertIsNone(r.headers["Link"])  # one page: no link header
        d = r.json()
        self.assertEqual(d["total_count"], 3)
        self.assertEqual(list(d), ["total_count", "jobs"])
        for j in d["jobs"]:
            self.assertEqual(sorted(j), sorted(JOB_FIELDS))
            for s in j["steps"]:
                self.assertEqual(sorted(s), sorted(STEP_FIELDS))
            self.assertTrue(j["check_run_url"].endswith("/check-runs/%d" % j["id"]))
            self.assertEqual(j["html_url"], "https://github.com/octo-org/octo-repo/actions/runs/"
                             "%d/job/%d" % (RUN, j["id"]))
        failed, ok, me = d["jobs"]
        self.assertEqual((failed["conclusion"], ok["conclusion"]), ("failure", "success"))
        self.assertEqual((me["status"], me["conclusion"], me["completed_at"]),
                         ("in_progress", None, None))
        self.assertEqual(me["runner_name"], self.ctl("GET", "/env")["RUNNER_NAME"])
        self.assertGreater(failed["id"], 2 ** 32)   # real ids no longer fit in 32 bits
        # steps derived from the real log; numbers have a gap, times carry an offset
        names = [s["name"] for s in failed["steps"]]
        self.assertEqual(names[0], "Set up job")
        self.assertIn("Run python -m pytest -v --durations=5", names)
        self.assertEqual([s["number"] for s in failed["steps"]], [1, 2, 3, 4, 8, 9])
        self.assertTrue(failed["steps"][0]["started_at"].endswith("-08:00"))
        bad = [s for s in failed["steps"] if s["conclusion"] == "failure"]
        self.assertEqual([s["name"] for s in bad], ["Run python -m pytest -v --durations=5"])
        # attempt 2 does not exist
        self.assert_error_shape(self.req("GET", REPO + "/actions/runs/%d/attempts/2/jobs" % RUN),
                                404, "Not Found")

    def test_03_jobs_list_ghes_prefix_and_single_job(self):
        self.load("basic")
        r = self.req("GET", "/api/v3" + REPO + "/actions/runs/%d/jobs?filter=latest" % RUN)
        self.assertEqual(r.status, 200)
        j = r.json()["jobs"][0]
        self.assertTrue(j["url"].startswith(self.api + "/api/v3/repos/octo-org/octo-repo/"))
        r = self.req("GET", REPO + "/actions/jobs/%d" % j["id"])
        self.assertEqual(r.json()["name"], "unit-tests")
        self.assertEqual(self.req("GET", REPO + "/actions/runs/%d/jobs?filter=bogus" % RUN).status,
                         422)

    def test_04_pagination_three_pages(self):
        self.load("paginated")
        url = REPO + "/actions/runs/19123456790/attempts/1/jobs?per_page=50"
        ids, pages, links = [], 0, []
        while url:
            r = self.req("GET", url)
            self.assertEqual(r.status, 200)
            d = r.json()
            self.assertEqual(d["total_count"], 120)
            ids += [j["id"] for j in d["jobs"]]
            pages += 1
            link = r.headers["Link"]
            links.append(link)
            m = re.search(r'<([^>]+)>; rel="next"', link or "")
            url = m.group(1) if m else None
        self.assertEqual(pages, 3)
        self.assertEqual(len(set(ids)), 120)
        self.assertEqual(
            links[0],
            '<%s/repositories/1296269/actions/runs/19123456790/attempts/1/jobs?per_page=50&page=2>;'
            ' rel="next", <%s/repositories/1296269/actions/runs/19123456790/attempts/1/jobs?'
            'per_page=50&page=3>; rel="last"' % (self.api, self.api))
        self.assertEqual([re.findall(r'rel="(\w+)"', l) for l in links],
                         [["next", "last"], ["prev", "next", "last", "first"], ["prev", "first"]])
        # per_page is capped at 100
        r = self.req("GET", REPO + "/actions/runs/19123456790/attempts/1/jobs?per_page=500")
        self.assertEqual(len(r.json()["jobs"]), 100)
        self.assertIn('page=2>; rel="last"', r.headers["Link"])
        # default per_page is 30
        r = self.req("GET", REPO + "/actions/runs/19123456790/jobs")
        self.assertEqual(len(r.json()["jobs"]), 30)
        all_jobs = []
        for p in (1, 2):
            all_jobs += self.req("GET", REPO + "/actions/runs/19123456790/jobs?per_page=100&page=%d"
                                 % p).json()["jobs"]
        self.assertEqual(sum(j["conclusion"] == "failure" for j in all_jobs), 12)

    def test_05_logs_redirect_and_blob_host(self):
        self.load("basic")
        r = self.req("GET", REPO + "/actions/jobs/54321000001/logs")
        self.assertEqual(r.status, 302)
        self.assertEqual(r.body, b"")
        loc = r.headers["Location"]
        self.assertTrue(loc.startswith(self.blob + "/actions-results/"), loc)
        self.assertIn("sig=", loc)
        self.assertIn("rsct=text%2Fplain", loc)
        # follow manually WITHOUT Authorization, as ci-triage must
        b = self.req("GET", loc, token=None)
        self.assertEqual(b.status, 200)
        self.assertEqual(b.headers["Content-Type"], "text/plain")
        with open(os.path.join(LOGS, "dev-imports-crypto.log"), "rb") as f:
            self.assertEqual(b.body, f.read())
        blob_reqs = self.requests(host="blob")
        self.assertEqual(len(blob_reqs), 1)
        self.assertEqual(blob_reqs[0]["authorization"], "absent")
        self.assertNotIn("authorization", blob_reqs[0]["headers"])
        api_reqs = self.requests(host="api")
        self.assertEqual(api_reqs[0]["authorization"], "present")
        self.assertEqual(api_reqs[0]["auth_scheme"], "Bearer")
        # with the token the blob host refuses (and the request is recorded as such)
        r = self.req("GET", REPO + "/actions/jobs/54321000001/logs")
        b = self.req("GET", r.headers["Location"])
        self.assertEqual(b.status, 403)
        self.assertIn(b"AuthenticationFailed", b.body)
        self.assertEqual(self.requests(host="blob")[-1]["authorization"], "present")
        # tampered signature
        r = self.req("GET", REPO + "/actions/jobs/54321000001/logs")
        bad = re.sub(r"sig=[^&]+", "sig=forged", r.headers["Location"])
        self.assertEqual(self.req("GET", bad, token=None).status, 403)
        # the running job cannot read its own log: 302, then BlobNotFound
        r = self.req("GET", REPO + "/actions/jobs/54321000003/logs")
        self.assertEqual(r.status, 302)
        b = self.req("GET", r.headers["Location"], token=None)
        self.assertEqual(b.status, 404)
        self.assertIn(b"<Code>BlobNotFound</Code>", b.body)
        # unknown job
        self.assert_error_shape(self.req("GET", REPO + "/actions/jobs/1/logs"), 404)
        # no Authorization value anywhere in the recording
        dump = json.dumps(self.ctl("GET", "/requests"))
        self.assertNotIn(TOKEN, dump)

    def test_06_blob_url_expires(self):
        self.load("basic", blob_url_ttl=0.3)
        r = self.req("GET", REPO + "/actions/jobs/54321000001/logs")
        time.sleep(0.5)
        b = self.req("GET", r.headers["Location"], token=None)
        self.assertEqual(b.status, 403)
        self.assertIn(b"Signed expiry time", b.body)

    def test_07_run(self):
        self.load("basic")
        d = self.req("GET", REPO + "/actions/runs/%d" % RUN).json()
        for k in ["id", "run_attempt", "head_sha", "head_branch", "event", "status", "conclusion",
                  "html_url", "pull_requests", "created_at", "run_started_at", "repository",
                  "head_repository"]:
            self.assertIn(k, d)
        self.assertEqual(d["pull_requests"][0]["number"], 42)
        self.assertEqual(d["head_sha"], "6dcb09b5b57875f334f61aebed695e2e4193db5e")
        self.load("fork-pr")
        d = self.req("GET", REPO + "/actions/runs/%d" % RUN).json()
        self.assertEqual(d["pull_requests"], [])
        self.assertEqual(d["head_repository"]["full_name"], "contributor/octo-repo")
        self.assertTrue(d["head_repository"]["fork"])
        self.assertEqual(self.req("GET", REPO + "/actions/runs/1").status, 404)

    def test_08_comments_create_find_update(self):
        self.load("basic")
        marker = "<!-- ci-triage -->"
        lst = self.req("GET", REPO + "/issues/42/comments?per_page=100").json()
        self.assertEqual(len(lst), 1)
        self.assertNotIn(marker, lst[0]["body"])
        r = self.req("POST", REPO + "/issues/42/comments", {"body": marker + "\nfirst report"})
        self.assertEqual(r.status, 201)
        c = r.json()
        for k in ["id", "node_id", "body", "user", "created_at", "updated_at", "html_url"]:
            self.assertIn(k, c)
        self.assertEqual((c["user"]["login"], c["user"]["type"]), ("github-actions[bot]", "Bot"))
        self.assertEqual(r.headers["Location"], c["url"])
        self.assertTrue(c["html_url"].endswith("/pull/42#issuecomment-%d" % c["id"]))
        # a second run finds it by its marker and edits it
        lst = self.req("GET", REPO + "/issues/42/comments").json()
        mine = [x for x in lst if marker in x["body"]]
        self.assertEqual(len(mine), 1)
        r = self.req("PATCH", REPO + "/issues/comments/%d" % mine[0]["id"],
                     {"body": marker + "\nresolved"})
        self.assertEqual(r.status, 200)
        self.assertEqual(r.json()["body"], marker + "\nresolved")
        self.assertEqual(self.req("GET", REPO + "/issues/comments/%d" % c["id"]).json()["body"],
                         marker + "\nresolved")
        allc = self.ctl("GET", "/comments")["comments"]
        self.assertEqual(sum(marker in x["body"] for x in allc), 1)
        # POST body recorded, Authorization recorded as present only
        posts = self.requests(method="POST")
        self.assertEqual(json.loads(posts[0]["body"])["body"], marker + "\nfirst report")
        self.assertEqual(posts[0]["headers"]["authorization"], "present")
        # errors
        self.assertEqual(self.req("PATCH", REPO + "/issues/comments/1", {"body": "x"}).status, 404)
        self.assertEqual(self.req("POST", REPO + "/issues/999/comments", {"body": "x"}).status, 404)
        self.assert_error_shape(self.req("POST", REPO + "/issues/42/comments", {"body": "x"},
                                         token=None), 401, "Requires authentication")
        self.assert_error_shape(self.req("POST", REPO + "/issues/42/comments", b"{not json"),
                                400, "Problems parsing JSON")
        self.assertEqual(self.req("POST", REPO + "/issues/42/comments", {"nobody": 1}).status, 422)

    def test_08b_comment_delete(self):
        self.load("basic")
        c = self.req("POST", REPO + "/issues/42/comments", {"body": "dup"}).json()
        self.assertEqual(self.req("DELETE", REPO + "/issues/comments/%d" % c["id"],
                                  token=None).status, 401)
        r = self.req("DELETE", REPO + "/issues/comments/%d" % c["id"])
        self.assertEqual((r.status, r.body), (204, b""))
        self.assertIsNone(r.headers["Content-Type"])
        self.assertEqual(self.req("DELETE", REPO + "/issues/comments/%d" % c["id"]).status, 404)
        self.assertEqual(self.req("GET", REPO + "/issues/comments/%d" % c["id"]).status, 404)
        allc = self.ctl("GET", "/comments")
        self.assertEqual([x["id"] for x in allc["deleted"]], [c["id"]])
        self.assertNotIn(c["id"], [x["id"] for x in allc["comments"]])
        self.assertEqual([q["status"] for q in self.requests(method="DELETE")], [401, 204, 404])
        self.load("fork-pr")   # read-only token: 403 like GitHub
        r = self.req("DELETE", REPO + "/issues/comments/2512345600001")
        self.assert_error_shape(r, 403, "Resource not accessible by integration")

    def test_09_comment_size_limit(self):
        self.load("basic")
        ok = self.req("POST", REPO + "/issues/42/comments", {"body": "é" * 65536})
        self.assertEqual(ok.status, 201)
        r = self.req("POST", REPO + "/issues/42/comments", {"body": "x" * 65537})
        d = self.assert_error_shape(r, 422, "Validation Failed")
        self.assertEqual(d["errors"][0]["message"], "Body is too long (maximum is 65536 characters)")
        self.assertEqual(d["errors"][0]["resource"], "IssueComment")
        r = self.req("PATCH", REPO + "/issues/comments/%d" % ok.json()["id"], {"body": "y" * 70000})
        self.assertEqual(r.status, 422)

    def test_10_concurrent_writers_are_serialised(self):
        self.load("basic")
        results = []

        def post(i):
            results.append(self.req("POST", REPO + "/issues/42/comments", {"body": "c%d" % i}))
        ts = [threading.Thread(target=post, args=(i,)) for i in range(12)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        self.assertTrue(all(r.status == 201 for r in results))
        self.assertEqual(len({r.json()["id"] for r in results}), 12)
        lst = []
        url = REPO + "/issues/42/comments?per_page=5"
        while url:
            r = self.req("GET", url)
            lst += r.json()
            m = re.search(r'<([^>]+)>; rel="next"', r.headers["Link"] or "")
            url = m.group(1) if m else None
        self.assertEqual(len(lst), 13)
        self.assertEqual([c["id"] for c in lst], sorted(c["id"] for c in lst))

    def test_11_pulls_lookup(self):
        self.load("basic")
        r = self.req("GET", REPO + "/commits/6dcb09b5b57875f334f61aebed695e2e4193db5e/pulls")
        self.assertEqual([p["number"] for p in r.json()], [42])
        p = r.json()[0]
        self.assertEqual(p["head"]["label"], "octo-org:fix-crypto-import")
        self.assertEqual(self.req("GET", REPO + "/commits/" + "a" * 40 + "/pulls").status, 422)
        r = self.req("GET", REPO + "/pulls?head=octo-org:fix-crypto-import&state=open")
        self.assertEqual([p["number"] for p in r.json()], [42])
        r = self.req("GET", REPO + "/pulls?head=someone-else:fix-crypto-import&state=open")
        self.assertEqual(r.json(), [])
        self.load("fork-pr")
        r = self.req("GET", REPO + "/pulls?head=contributor:patch-1&state=open")
        self.assertEqual([p["number"] for p in r.json()], [57])
        self.assertTrue(r.json()[0]["head"]["repo"]["fork"])

    def test_12_fork_pr_permission_denied(self):
        self.load("fork-pr")
        self.assertEqual(self.req("GET", REPO + "/issues/57/comments").status, 200)
        r = self.req("POST", REPO + "/issues/57/comments", {"body": "<!-- ci-triage -->"})
        self.assert_error_shape(r, 403, "Resource not accessible by integration")
        self.assertEqual(r.headers["x-accepted-github-permissions"],
                         "issues=write; pull_requests=write")
        self.assertNotEqual(r.headers["x-ratelimit-remaining"], "0")
        self.assertEqual(self.ctl("GET", "/comments")["count"], 0)
        self.assertEqual(self.ctl("GET", "/event")["pull_request"]["head"]["repo"]["full_name"],
                         "contributor/octo-repo")

    def test_13_expired_logs(self):
        self.load("expired-logs")
        r = self.req("GET", REPO + "/actions/jobs/54321000004/logs")
        d = self.assert_error_shape(r, 410, "Server Error")
        self.assertTrue(d["documentation_url"].endswith("#download-job-logs-for-a-workflow-run"))
        self.assertEqual(self.req("GET", REPO + "/actions/jobs/54321000001/logs").status, 302)

    def test_14_rate_limited(self):
        self.load("ratelimited")
        path = REPO + "/actions/runs/%d/attempts/1/jobs" % RUN
        t0 = time.time()
        r = self.req("GET", path)
        d = self.assert_error_shape(r, 403, "API rate limit exceeded")
        self.assertEqual(r.headers["x-ratelimit-remaining"], "0")
        reset = int(r.headers["x-ratelimit-reset"])
        self.assertTrue(t0 + 1 <= reset <= t0 + 4, (t0, reset))
        self.assertIsNone(r.headers["retry-after"])
        # still limited until the reset time, like GitHub
        r2 = self.req("GET", REPO + "/actions/runs/%d" % RUN)
        self.assertEqual(r2.status, 403)
        self.assertTrue(self.requests()[-1]["rate_limited"])
        time.sleep(max(0, reset - time.time()) + 0.1)
        r3 = self.req("GET", path)
        self.assertEqual(r3.status, 200)
        self.assertNotEqual(r3.headers["x-ratelimit-remaining"], "0")
        self.assertEqual(d["documentation_url"].split("#")[0],
                         "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api")

    def test_15_flaky(self):
        self.load("flaky")
        path = REPO + "/actions/runs/%d/attempts/1/jobs" % RUN
        r = self.req("GET", path)
        self.assertEqual(r.status, 502)
        self.assertTrue(r.headers["Content-Type"].startswith("text/html"))
        with self.assertRaises((ConnectionError, http.client.RemoteDisconnected,
                                urllib.error.URLError)):
            self.req("GET", path)
        self.assertEqual(self.req("GET", path).status, 200)
        self.assertEqual([x["fault"] for x in self.requests()], ["status", "reset", None])

    def test_16_scripted_faults(self):
        self.load("basic")
        jobs = REPO + "/actions/runs/%d/attempts/1/jobs" % RUN
        rx = r"/actions/runs/\d+/attempts/\d+/jobs"
        for code in (500, 503):
            self.ctl("POST", "/fault", {"kind": "status", "status": code, "path": rx})
            r = self.req("GET", jobs)
            self.assertEqual(r.status, code)
        self.assertEqual(self.req("GET", jobs).status, 200)
        # count and skip
        self.ctl("POST", "/fault", {"kind": "status", "status": 500, "path": rx, "count": 2,
                                    "skip": 1})
        self.assertEqual([self.req("GET", jobs).status for _ in range(4)], [200, 500, 500, 200])
        # slow
        self.ctl("POST", "/fault", {"kind": "slow", "seconds": 1, "path": rx})
        t0 = time.time()
        self.assertEqual(self.req("GET", jobs).status, 200)
        self.assertGreaterEqual(time.time() - t0, 1.0)
        # slow beyond the client's timeout
        self.ctl("POST", "/fault", {"kind": "slow", "seconds": 1.5, "path": rx})
        with self.assertRaises(Exception):
            self.req("GET", jobs, timeout=0.5)
        # truncated body
        self.ctl("POST", "/fault", {"kind": "truncate", "path": rx})
        u = urllib.parse.urlsplit(self.api)
        c = http.client.HTTPConnection(u.hostname, u.port, timeout=5)
        c.request("GET", jobs)
        resp = c.getresponse()
        self.assertEqual(resp.status, 200)
        with self.assertRaises(http.client.IncompleteRead):
            resp.read()
        c.close()
        # invalid JSON
        self.ctl("POST", "/fault", {"kind": "invalid_json", "path": rx})
        r = self.req("GET", jobs)
        self.assertEqual(r.status, 200)
        with self.assertRaises(ValueError):
            r.json()
        # 429 with retry-after, secondary 403 with retry-after
        self.ctl("POST", "/fault", {"kind": "retry_after", "retry_after": 3, "path": rx})
        r = self.req("GET", jobs)
        self.assertEqual((r.status, r.headers["retry-after"]), (429, "3"))
        self.assertIn("secondary rate limit", r.json()["message"])
        self.ctl("POST", "/fault", {"kind": "secondary_rate_limit", "retry_after": 5, "path": rx})
        r = self.req("GET", jobs)
        self.assertEqual((r.status, r.headers["retry-after"]), (403, "5"))
        self.assertNotEqual(r.headers["x-ratelimit-remaining"], "0")
        # permission denied
        self.ctl("POST", "/fault", {"kind": "forbidden", "path": rx, "permissions": "actions=read"})
        r = self.req("GET", jobs)
        self.assert_error_shape(r, 403, "Resource not accessible by integration")
        self.assertEqual(r.headers["x-accepted-github-permissions"], "actions=read")
        # 404 / 410 on logs
        self.ctl("POST", "/fault", [{"kind": "not_found", "path": "/logs$"},
                                    {"kind": "gone", "path": "/logs$"}])
        logs = REPO + "/actions/jobs/54321000001/logs"
        self.assert_error_shape(self.req("GET", logs), 404)
        self.assert_error_shape(self.req("GET", logs), 410, "Server Error")
        # faults on the blob host
        self.ctl("POST", "/fault", [{"kind": "blob_not_found", "host": "blob"},
                                    {"kind": "reset", "host": "blob"},
                                    {"kind": "truncate", "host": "blob", "fraction": 0.25}])
        loc = self.req("GET", logs).headers["Location"]
        self.assertEqual(self.req("GET", loc, token=None).status, 404)
        loc = self.req("GET", logs).headers["Location"]
        with self.assertRaises((ConnectionError, http.client.RemoteDisconnected,
                                urllib.error.URLError)):
            self.req("GET", loc, token=None)
        loc = self.req("GET", logs).headers["Location"]
        bu = urllib.parse.urlsplit(loc)
        c = http.client.HTTPConnection(bu.hostname, bu.port, timeout=5)
        c.request("GET", bu.path + "?" + bu.query)
        resp = c.getresponse()
        with self.assertRaises(http.client.IncompleteRead):
            resp.read()
        c.close()
        # custom response
        self.ctl("POST", "/fault", {"kind": "response", "status": 418, "body": "teapot",
                                    "content_type": "text/plain", "path": rx})
        self.assertEqual(self.req("GET", jobs).body, b"teapot")
        # everything fired; list and clear
        fl = self.ctl("GET", "/faults")["faults"]
        self.assertTrue(all(f["fired"] >= 1 for f in fl), fl)
        self.ctl("POST", "/faults/clear")
        self.assertEqual(self.ctl("GET", "/faults")["faults"], [])

    def test_17_recording_and_reset(self):
        self.load("basic")
        self.req("GET", REPO + "/actions/runs/%d" % RUN, token=None)
        self.req("POST", REPO + "/issues/42/comments", {"body": "hello"})
        reqs = self.requests()
        self.assertEqual([(r["host"], r["method"]) for r in reqs], [("api", "GET"), ("api", "POST")])
        self.assertEqual(reqs[0]["authorization"], "absent")
        self.assertIsNone(reqs[0]["body"])
        self.assertEqual(reqs[0]["headers"]["x-github-api-version"], "2022-11-28")
        self.assertEqual(reqs[1]["headers"]["user-agent"], "ci-triage-selftest")
        self.assertEqual(reqs[0]["path"], REPO + "/actions/runs/%d" % RUN)
        for k in ("time", "seq", "status", "connection"):
            self.assertIn(k, reqs[0])
        self.assertEqual(len(self.requests(since=reqs[0]["seq"])), 1)
        self.ctl("POST", "/reset")
        self.assertEqual(self.requests(), [])
        self.assertEqual(len(self.req("GET", REPO + "/issues/42/comments").json()), 1)

    def test_18_keep_alive_and_misc(self):
        self.load("basic")
        u = urllib.parse.urlsplit(self.api)
        c = http.client.HTTPConnection(u.hostname, u.port, timeout=5)
        for _ in range(2):
            c.request("GET", REPO + "/actions/runs/%d" % RUN)
            c.getresponse().read()
        c.close()
        reqs = self.requests()
        self.assertEqual(reqs[0]["connection"], reqs[1]["connection"])
        self.assert_error_shape(self.req("GET", "/repos/nobody/nothing/actions/runs/1"), 404)
        self.assert_error_shape(self.req("GET", REPO + "/no/such/route"), 404)
        env = self.ctl("GET", "/env")
        self.assertEqual(env["GITHUB_API_URL"], self.api)
        self.assertEqual(env["GITHUB_RUN_ID"], str(RUN))
        d = self.req("GET", "/rate_limit").json()
        self.assertIn("core", d["resources"])
        # a token configured in the scenario: wrong token -> 401 Bad credentials
        self.load("basic", token="right-token")
        self.assert_error_shape(self.req("GET", REPO + "/actions/runs/%d" % RUN, token="wrong"),
                                401, "Bad credentials")
        self.assertEqual(self.req("GET", REPO + "/actions/runs/%d" % RUN,
                                  token="right-token").status, 200)
        # private repo: anonymous reads are 404
        with open(os.path.join(SCEN, "basic.json")) as f:
            scen = json.load(f)
        scen["repos"][0]["private"] = True
        self.ctl("POST", "/scenario", scen)
        self.assertEqual(self.req("GET", REPO + "/actions/runs/%d" % RUN, token=None).status, 404)
        self.assertEqual(self.req("GET", REPO + "/actions/runs/%d" % RUN).status, 200)


if __name__ == "__main__":
    unittest.main(verbosity=2)
