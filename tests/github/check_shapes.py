#!/usr/bin/python3
"""Check the fake server's responses against GitHub's official OpenAPI description.

    cd /tmp && npm install @octokit/openapi@23.0.2
    /usr/bin/python3 tests/github/check_shapes.py [--spec /tmp/node_modules/@octokit/openapi/generated/api.github.com.json]

Starts fake_github.py, fetches each endpoint ci-triage uses (and the error
answers), and validates the bodies against the response schemas of the spec
with a small JSON-schema subset validator (type, nullable, required,
properties, items, enum, allOf/anyOf/oneOf, $ref).  Properties the fake sends
that the spec does not declare are reported as warnings.  Exit status 0 when
every response validates.  Standard library only; never put node_modules under
the repository.
"""

import argparse
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SPEC = os.environ.get(
    "OCTOKIT_OPENAPI", "/tmp/node_modules/@octokit/openapi/generated/api.github.com.json")
R = "/repos/{owner}/{repo}"


class Validator:
    def __init__(self, spec):
        self.spec = spec
        self.errors, self.warnings = [], []

    def deref(self, s):
        seen = 0
        while isinstance(s, dict) and "$ref" in s:
            node = self.spec
            for part in s["$ref"].lstrip("#/").split("/"):
                node = node[part]
            s = node
            seen += 1
            if seen > 50:
                raise RuntimeError("$ref loop")
        return s

    def ok(self, value, schema, path):
        errs, warns = self.errors, self.warnings
        self.errors, self.warnings = [], []
        self.check(value, schema, path)
        good = not self.errors
        self.errors, self.warnings = errs, warns
        return good

    def check(self, v, s, path):
        s = self.deref(s)
        if v is None:
            if s.get("nullable") or s.get("type") == "null" or \
                    (isinstance(s.get("type"), list) and "null" in s["type"]):
                return
            if any(k in s for k in ("anyOf", "oneOf")):
                pass
            elif not s:
                return
            else:
                self.errors.append("%s: null but schema is not nullable" % path)
                return
        if "allOf" in s:
            for sub in s["allOf"]:
                self.check(v, sub, path)
        for key in ("anyOf", "oneOf"):
            if key in s:
                if not any(self.ok(v, sub, path) for sub in s[key]):
                    self.errors.append("%s: matches none of %s" % (path, key))
        t = s.get("type")
        types = t if isinstance(t, list) else ([t] if t else [])
        if types:
            pyok = {"object": lambda x: isinstance(x, dict),
                    "array": lambda x: isinstance(x, list),
                    "string": lambda x: isinstance(x, str),
                    "integer": lambda x: isinstance(x, int) and not isinstance(x, bool),
                    "number": lambda x: isinstance(x, (int, float)) and not isinstance(x, bool),
                    "boolean": lambda x: isinstance(x, bool),
                    "null": lambda x: x is None}
            if not any(pyok[tt](v) for tt in types):
                self.errors.append("%s: %r is not %s" % (path, v if not isinstance(v, (dict, list))
                                                         else type(v).__name__, t))
                return
        if "enum" in s and v not in s["enum"]:
            self.errors.append("%s: %r not in enum %s" % (path, v, s["enum"]))
        if isinstance(v, dict):
            props = s.get("properties", {})
            for req in s.get("required", []):
                if req not in v:
                    self.errors.append("%s: missing required property %r" % (path, req))
            for k, sub in props.items():
                if k in v:
                    self.check(v[k], sub, "%s.%s" % (path, k))
            if props and not any(k in s for k in ("allOf", "anyOf", "oneOf")):
                for k in v:
                    if k not in props and s.get("additionalProperties") is not True:
                        self.warnings.append("%s.%s: not declared in the spec" % (path, k))
        if isinstance(v, list) and "items" in s:
            for i, item in enumerate(v[:5]):
                self.check(item, s["items"], "%s[%d]" % (path, i))


def response_schema(spec, path, method, status):
    op = spec["paths"][path][method]
    resp = op["responses"][str(status)]
    while "$ref" in resp:
        resp = spec["components"]["responses"][resp["$ref"].split("/")[-1]]
    return resp["content"]["application/json"]["schema"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--spec", default=DEFAULT_SPEC)
    ap.add_argument("--quiet-warnings", action="store_true")
    args = ap.parse_args()
    if not os.path.isfile(args.spec):
        sys.exit("spec not found: %s (cd /tmp && npm install @octokit/openapi@23.0.2)" % args.spec)
    with open(args.spec) as f:
        spec = json.load(f)
    proc = subprocess.Popen([sys.executable, os.path.join(HERE, "fake_github.py"), "--scenario",
                             os.path.join(HERE, "scenarios", "basic.json")],
                            stdout=subprocess.PIPE, text=True)
    api = json.loads(proc.stdout.readline())["api"]

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **k):
            return None
    opener = urllib.request.build_opener(NoRedirect)

    def call(method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(api + path, data=data, method=method,
                                     headers={"Authorization": "Bearer x",
                                              "X-GitHub-Api-Version": "2022-11-28"})
        try:
            with opener.open(req) as r:
                return r.status, json.loads(r.read() or b"null")
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"null")

    def load(name):
        req = urllib.request.Request(api + "/_control/scenario", method="POST",
                                     data=json.dumps({"file": name + ".json"}).encode())
        urllib.request.urlopen(req).read()

    o = "/repos/octo-org/octo-repo"
    run = 19123456789
    cases = []
    try:
        load("basic")
        cases.append(("list jobs (attempt)", R + "/actions/runs/{run_id}/attempts/{attempt_number}/jobs",
                      "get", *call("GET", o + "/actions/runs/%d/attempts/1/jobs" % run)))
        cases.append(("list jobs", R + "/actions/runs/{run_id}/jobs", "get",
                      *call("GET", o + "/actions/runs/%d/jobs" % run)))
        cases.append(("get job", R + "/actions/jobs/{job_id}", "get",
                      *call("GET", o + "/actions/jobs/54321000001")))
        cases.append(("get run", R + "/actions/runs/{run_id}", "get",
                      *call("GET", o + "/actions/runs/%d" % run)))
        cases.append(("list comments", R + "/issues/{issue_number}/comments", "get",
                      *call("GET", o + "/issues/42/comments")))
        st, c = call("POST", o + "/issues/42/comments", {"body": "<!-- ci-triage -->"})
        cases.append(("create comment", R + "/issues/{issue_number}/comments", "post", st, c))
        cases.append(("update comment", R + "/issues/comments/{comment_id}", "patch",
                      *call("PATCH", o + "/issues/comments/%d" % c["id"], {"body": "edited"})))
        cases.append(("commit pulls", R + "/commits/{commit_sha}/pulls", "get",
                      *call("GET", o + "/commits/6dcb09b5b57875f334f61aebed695e2e4193db5e/pulls")))
        cases.append(("list pulls", R + "/pulls", "get",
                      *call("GET", o + "/pulls?head=octo-org:fix-crypto-import&state=open")))
        cases.append(("jobs 404", R + "/actions/runs/{run_id}/attempts/{attempt_number}/jobs",
                      "get", *call("GET", o + "/actions/runs/%d/attempts/9/jobs" % run)))
        cases.append(("comment 422", R + "/issues/{issue_number}/comments", "post",
                      *call("POST", o + "/issues/42/comments", {"body": "x" * 65537})))
        cases.append(("comment 404", R + "/issues/{issue_number}/comments", "post",
                      *call("POST", o + "/issues/4242/comments", {"body": "x"})))
        load("fork-pr")
        cases.append(("comment 403", R + "/issues/{issue_number}/comments", "post",
                      *call("POST", o + "/issues/57/comments", {"body": "x"})))
        load("expired-logs")
        st, body = call("GET", o + "/actions/jobs/54321000004/logs")
        # the spec documents only 302 for job logs; a 410 uses the `gone` response
        cases.append(("logs 410 (as components/responses/gone)", None, None, st, body))
        load("paginated")
        cases.append(("list jobs, 120 jobs page 1",
                      R + "/actions/runs/{run_id}/attempts/{attempt_number}/jobs", "get",
                      *call("GET", o + "/actions/runs/19123456790/attempts/1/jobs?per_page=100")))
    finally:
        proc.terminate()
        proc.wait()

    failed = 0
    for name, path, method, status, body in cases:
        v = Validator(spec)
        if path is None:
            schema = spec["components"]["responses"]["gone"]["content"]["application/json"]["schema"]
        else:
            schema = response_schema(spec, path, method, status)
        v.check(body, schema, "$")
        warns = sorted(set(v.warnings))
        print("%-4s %-42s %d  %s" % ("OK" if not v.errors else "FAIL", name, status,
                                     "" if not warns or args.quiet_warnings
                                     else "(%d undeclared: %s)" % (len(warns), ", ".join(
                                         w.split(":")[0] for w in warns[:6]))))
        for e in v.errors[:20]:
            print("     error: " + e)
        failed += bool(v.errors)
    print("%d/%d responses match the OpenAPI schemas" % (len(cases) - failed, len(cases)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
