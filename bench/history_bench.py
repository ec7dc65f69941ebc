#!/usr/bin/python3
"""What reading the base branch's history costs `ci-triage github` (stdlib only).

    /usr/bin/python3 bench/history_bench.py [BIN] [--jobs 50] [--base-runs 3] [--runs 3]

The scenario: a pull_request run (PR #42 into main) with JOBS failed jobs, each job the red log
of a real green/red pair (tests/corpus/pairs, cycled: 35 pairs, so some causes repeat), and
main's history in its worst case for the budget: the BASE_RUNS newest completed CI runs on main,
all but the oldest failing every one of those jobs the same way (pre-existing, so each job's
streak must be followed back until it passes), the oldest passing them (the green logs).

Each variant (history, --no-history) runs RUNS times against the local fake GitHub; printed:
API requests (and blob downloads) of one run, the median wall time and the median CPU time
(user+sys of ci-triage alone, from the kernel's child rusage), and the difference: what history
costs. Not a timed test: the fake server shares the machine; run it on a quiet one.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "github"))
import test_github_command as t  # noqa: E402

PAIRS = os.path.join(ROOT, "tests", "corpus", "pairs")


def scenario(jobs, base_runs):
    pairs = sorted(d for d in os.listdir(PAIRS) if os.path.isfile(os.path.join(PAIRS, d, "bad.log")))
    s = t.scenario("basic")
    repo = s["repos"][0]
    run = repo["runs"][0]
    names = ["%s #%d" % (pairs[i % len(pairs)], i // len(pairs) + 1) for i in range(jobs)]
    logs = [os.path.join(PAIRS, pairs[i % len(pairs)]) for i in range(jobs)]
    run["jobs"] = [{"id": 54321100000 + i, "name": names[i], "status": "completed", "conclusion": "failure",
                    "log": os.path.join(logs[i], "bad.log"), "steps": "auto",
                    "runner_name": "GitHub Actions %d" % i} for i in range(jobs)] + \
        [j for j in run["jobs"] if j["name"] == "ci-triage"]
    for k in range(base_runs):
        passing = k == base_runs - 1
        repo["runs"].append(t.base_run(19123450000 - k * 100, t.MAIN_SHAS[k % len(t.MAIN_SHAS)], [
            {"id": 54322000000 + k * 1000 + i, "name": names[i],
             "conclusion": "success" if passing else "failure",
             "log": os.path.join(logs[i], "good.log" if passing else "bad.log")} for i in range(jobs)]))
    s["env"]["GITHUB_WORKFLOW_REF"] = "octo-org/octo-repo/.github/workflows/ci.yml@refs/pull/42/merge"
    return s


def measure(fake, binary, args, runs):
    walls, cpus, reqs = [], [], None
    for _ in range(runs):
        fake.ctl("POST", "/reset")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.monotonic()
        r = fake.run(binary, "--comment", "always", *args, timeout=600)
        walls.append(time.monotonic() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
        if r.rc != 0:
            raise SystemExit("history_bench: ci-triage exited %d:\n%s" % (r.rc, r.stderr[-2000:]))
        got = fake.requests(since=r.since)
        api = [q for q in got if q["host"] == "api"]
        reqs = (len(api), sum(q["host"] == "blob" for q in got),
                sum("/actions/workflows/" in q["path"] or ("/actions/runs/" in q["path"] and
                                                             "/19123456789/" not in q["path"])
                    or ("/actions/jobs/54322" in q["path"]) for q in api))
        marks = [g["mark"] for g in r.report["groups"]]
    return statistics.median(walls), statistics.median(cpus), reqs, marks


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin", nargs="?", default=os.path.join(ROOT, "build", "ci-triage"))
    ap.add_argument("--jobs", type=int, default=50)
    ap.add_argument("--base-runs", type=int, default=3)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    fake = t.Fake()
    try:
        fake.load(scenario(a.jobs, a.base_runs))
        on = measure(fake, binary, [], a.runs)
        off = measure(fake, binary, ["--no-history"], a.runs)
    finally:
        fake.close()
    print("history_bench: %d failed jobs, %d main runs (newest %d failing them, oldest passing), "
          "median of %d runs" % (a.jobs, a.base_runs, a.base_runs - 1, a.runs))
    print("  %-13s %9s %9s %13s %14s" % ("", "wall s", "CPU s", "API requests", "blob downloads"))
    for label, (wall, cpu, (api, blob, _), _) in (("--no-history", off), ("history", on)):
        print("  %-13s %9.3f %9.3f %13d %14d" % (label, wall, cpu, api, blob))
    print("  history costs: +%.3f s wall, +%.3f s CPU, +%d API requests (%d of them history's own: "
          "runs list, jobs lists, main logs), +%d blob downloads" %
          (on[0] - off[0], on[1] - off[1], on[2][0] - off[2][0], on[2][2], on[2][1] - off[2][1]))
    counts = {m: on[3].count(m) for m in sorted(set(on[3]))}
    print("  marks with history: %s (%d distinct failures)" % (counts, len(on[3])))


if __name__ == "__main__":
    main()
