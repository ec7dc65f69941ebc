#!/usr/bin/python3
"""Benchmark `ci-triage github` end to end against the local fake GitHub (stdlib only).

    /usr/bin/python3 bench/github_bench.py BIN [--jobs 50] [--size-mb 5] [--runs 3] [--parallel 8]

The scenario (tests/github/make_bench_scenario.py) has JOBS failed jobs with ~SIZE MB real logs,
a green job and the ci-triage job itself, on a pull_request run with PR #42.  Each run lists the
jobs, downloads every failed log (302 to the blob host), analyses them, writes the summary, the
annotations and the outputs, and creates or edits the sticky comment.

Printed: wall time (best and median of --runs), API requests (bar: <= jobs + 5), blob requests,
peak RSS (/usr/bin/time -v), summary and comment sizes; and, to separate the server's cost from
ci-triage's, how long the fake server alone takes to serve the same logs to curl (--parallel).
Bar (issue 3): <= 1.5 s wall on the 2-core machine.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "github"))
import test_github_command as t  # noqa: E402


def curl_alone(fake, job_ids, parallel):
    """GET each job's logs (302) and follow to the blob host, PARALLEL at a time, with curl."""
    cfg = tempfile.NamedTemporaryFile("w", suffix=".curl", delete=False)
    for j in job_ids:
        cfg.write('url = "%s/repos/octo-org/octo-repo/actions/jobs/%d/logs"\noutput = "/dev/null"\n'
                  % (fake.api, j))
    cfg.close()
    t0 = time.monotonic()
    p = subprocess.run(["curl", "-sS", "-L", "--fail", "--parallel", "--parallel-max",
                        str(parallel), "-w", "%{size_download}\n", "-K", cfg.name],
                       capture_output=True, text=True)
    dt = time.monotonic() - t0
    os.unlink(cfg.name)
    if p.returncode != 0:
        raise RuntimeError("curl failed: " + p.stderr[-500:])
    return dt, sum(int(x) for x in p.stdout.split())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("--jobs", type=int, default=50)
    ap.add_argument("--size-mb", type=float, default=5.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--parallel", type=int, default=8, help="curl's parallelism for the "
                    "server-alone measurement")
    ap.add_argument("--workdir", default=os.path.join(tempfile.gettempdir(), "ci-triage-bench"))
    ap.add_argument("--args", default="", help="extra arguments for ci-triage github")
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    t0 = time.monotonic()
    scen = subprocess.run([sys.executable, os.path.join(ROOT, "tests/github/make_bench_scenario.py"),
                           a.workdir, "--jobs", str(a.jobs), "--size-mb", str(a.size_mb)],
                          capture_output=True, text=True, check=True).stdout.strip()
    fake = t.Fake(scenario_file=scen)
    print("scenario: %d failed jobs x %.1f MB real logs (+1 green, +ci-triage itself); "
          "generated and served after %.1f s" % (a.jobs, a.size_mb, time.monotonic() - t0))
    try:
        ids = [j["id"] for j in fake.ctl("GET", "/scenario")["repos"][0]["runs"][0]["jobs"]
               if j.get("conclusion") == "failure"]
        # the server alone
        for par in sorted({a.parallel, a.jobs}):
            fake.ctl("POST", "/requests/clear")
            dt, size = curl_alone(fake, ids, par)
            print("server alone: curl --parallel-max %-3d %d logs, %.0f MB in %.2f s (%.0f MB/s)"
                  % (par, len(ids), size / 1e6, dt, size / 1e6 / dt))
        # the engine alone: one `analyze` process over the same 50 logs, from the page cache
        engine = binary if not binary.endswith(".py") else os.path.join(ROOT, "build", "ci-triage")
        logs = [os.path.join(a.workdir, "logs", f) for f in sorted(os.listdir(
            os.path.join(a.workdir, "logs")))]
        logs = [logs[i % len(logs)] for i in range(a.jobs)]
        tv = os.path.join(fake.tmp_root, "engine-time.txt")
        t1 = time.monotonic()
        subprocess.run(["/usr/bin/time", "-v", "-o", tv, engine, "analyze", "--format", "json"]
                       + logs, stdout=subprocess.DEVNULL, check=True)
        dt = time.monotonic() - t1
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(tv).read())
        print("engine alone: ci-triage analyze, %d logs, %.0f MB from disk in %.2f s "
              "(%.0f MB/s, one thread), peak RSS %.1f MB"
              % (len(logs), sum(os.path.getsize(x) for x in logs) / 1e6, dt,
                 sum(os.path.getsize(x) for x in logs) / 1e6 / dt, int(m.group(1)) / 1024))
        walls, rss, results = [], [], []
        for i in range(a.runs):
            fake.load(dict(fake.ctl("GET", "/scenario")))   # fresh comments and request log
            tmp, env = fake.prepare(name="bench%d" % i)
            since = fake.ctl("GET", "/requests?host=none")["last_seq"]
            timef = os.path.join(tmp, "time.txt")
            t1 = time.monotonic()
            p = subprocess.run(["/usr/bin/time", "-v", "-o", timef, binary, "github"] + a.args.split(),
                               env=env, cwd=os.path.join(tmp, "workspace"),
                               capture_output=True, text=True, timeout=600)
            wall = time.monotonic() - t1
            tv = open(timef).read()
            m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", tv)
            rss.append(int(m.group(1)) if m else 0)
            walls.append(wall)
            api = fake.requests(host="api", since=since)
            blob = fake.requests(host="blob", since=since)
            summary = open(os.path.join(tmp, "summary.md"), encoding="utf-8").read()
            sticky = fake.sticky()
            cpu = re.search(r"User time \(seconds\): ([\d.]+)", tv), \
                re.search(r"System time \(seconds\): ([\d.]+)", tv)
            results.append((api, blob, summary, sticky, p))
            print("run %d: exit %d, wall %.2f s, cpu %.2f s user + %.2f s sys, peak RSS %.1f MB, "
                  "%d API requests, %d blob requests, summary %d bytes, comment %d chars"
                  % (i + 1, p.returncode, wall, float(cpu[0].group(1)), float(cpu[1].group(1)),
                     rss[-1] / 1024, len(api), len(blob), len(summary.encode()),
                     len(sticky[0]["body"]) if sticky else 0))
            if p.returncode != 0:
                print(p.stdout[-2000:], p.stderr[-2000:])
        api, blob, summary, sticky, p = results[-1]
        kinds = {}
        for q in api:
            k = "%s %s" % (q["method"], re.sub(r"/\d{5,}(?=/|$)", "/{id}", q["path"].split("?")[0]))
            kinds[k] = kinds.get(k, 0) + 1
        for k, n in sorted(kinds.items()):
            print("  %3d x %s" % (n, k))
        bar_req = a.jobs + 5
        best, med = min(walls), statistics.median(walls)
        print("RESULT wall best %.2f s, median %.2f s (bar 1.5 s: %s); API requests %d "
              "(bar <= %d: %s); blob requests %d; peak RSS %.1f MB"
              % (best, med, "met" if med <= 1.5 else "NOT met", len(api), bar_req,
                 "met" if len(api) <= bar_req else "NOT met", len(blob), max(rss) / 1024))
        return 0
    finally:
        fake.close()


if __name__ == "__main__":
    sys.exit(main())
