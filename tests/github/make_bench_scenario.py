#!/usr/bin/python3
"""Build the benchmark scenario for fake_github.py at run time (standard library only).

    /usr/bin/python3 tests/github/make_bench_scenario.py OUTDIR [--jobs 50] [--size-mb 5]

Writes OUTDIR/logs/bench-<name>.log (one per failing real log in tests/github/logs) and
OUTDIR/scenario.json: one pull_request run (id 19123456799) on PR #42 with JOBS failed jobs that
cycle through those logs, one green job, and the ci-triage job itself (in progress; its id is
CI_TRIAGE_CHECK_RUN_ID in the scenario's env).  Prints the scenario path.

How a ~5 MB log is made from a real ~12 KB one, without inventing any text:
  * the preamble (runner set-up, checkout, setup-python, and the `##[group]Run ...` header of the
    failing step with its script/env block) is kept as it is;
  * then real lines of the same log (the output lines of its earlier, successful steps, minus
    anything that looks like a diagnostic: error, warning, fail, hint, ...) are repeated until
    the file reaches the size, with timestamps that keep increasing by 100 us from the header's;
  * then the failing step's real output and everything after it (the failing tail: the tool's
    errors, `##[error]Process completed with exit code N.`, post-job steps) follow unchanged.
So each job fails for the same, real reason as its source log, in a step whose output is ~5 MB
long (the step line numbers of the evidence become large).
"""

import argparse
import calendar
import json
import os
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
LOGS = os.path.join(HERE, "logs")
TS = re.compile(r"^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)\.(\d{7})Z ")
DIAG = re.compile(r"(?i)error|warn|fail|fatal|denied|hint|exception|traceback|timeout|refused|"
                  r"not found|cannot|unable|invalid|missing|killed|abort")
RUN_ID = 19123456799
FIRST_JOB = 54329000001


def ts_to_ticks(m):
    t = calendar.timegm(tuple(int(m.group(i)) for i in range(1, 7)) + (0, 0, 0))
    return t * 10_000_000 + int(m.group(7))


def ticks_to_ts(ticks):
    sec, frac = divmod(ticks, 10_000_000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(sec)) + ".%07dZ" % frac


def failing_logs():
    out = []
    for name in sorted(os.listdir(LOGS)):
        if not (name.startswith("dev-") and name.endswith(".log")):
            continue   # whole job logs of the dev corpus (not the trimmed pytorch windows)
        with open(os.path.join(LOGS, name), encoding="utf-8-sig") as f:
            if "##[error]Process completed with exit code" in f.read():
                out.append(name)
    return out


def inflate(src, dst, size):
    """Returns (filler line count, byte size)."""
    with open(src, encoding="utf-8-sig", newline="") as f:
        lines = f.read().splitlines(keepends=True)
    err = next(i for i, ln in enumerate(lines) if "##[error]Process completed with exit code" in ln)
    head = max(i for i in range(err) if "##[group]Run " in lines[i])   # the failing step's header
    end = next(i for i in range(head, err) if lines[i].rstrip("\r\n").endswith("##[endgroup]"))
    pool = []
    for ln in lines[:head]:
        m = TS.match(ln)
        msg = ln[m.end():] if m else ""
        if m and msg.strip() and "##[" not in msg and not DIAG.search(msg):
            pool.append(msg.rstrip("\r\n"))
    if not pool:
        raise SystemExit("no filler lines in %s" % src)
    ticks = ts_to_ticks(TS.match(lines[end]))
    with open(dst, "w", encoding="utf-8", newline="") as out:
        out.write("\ufeff")
        out.writelines(lines[:end + 1])
        written = sum(len(x.encode()) for x in lines[:end + 1])
        tail = lines[end + 1:]
        tail_size = sum(len(x.encode()) for x in tail)
        n = 0
        buf = []
        sec_cache = [None, ""]
        while written + tail_size < size:
            ticks += 1000   # 100 us per line: a chatty step
            sec, frac = divmod(ticks, 10_000_000)
            if sec != sec_cache[0]:
                sec_cache = [sec, time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(sec))]
            s = "%s.%07dZ %s\n" % (sec_cache[1], frac, pool[n % len(pool)])
            buf.append(s)
            written += len(s)
            n += 1
            if len(buf) >= 4096:
                out.write("".join(buf))
                buf = []
        out.write("".join(buf))
        # the tail keeps its own (real) timestamps unless the filler ran past them
        for ln in tail:
            m = TS.match(ln)
            if m and ts_to_ticks(m) <= ticks:
                ticks += 1000
                ln = ticks_to_ts(ticks) + " " + ln[m.end():]
            out.write(ln)
    return n, os.path.getsize(dst)


def main(argv=None):
    ap = argparse.ArgumentParser(description="generate the 50 x 5 MB benchmark scenario")
    ap.add_argument("outdir")
    ap.add_argument("--jobs", type=int, default=50, help="failed jobs (default 50)")
    ap.add_argument("--size-mb", type=float, default=5.0, help="size of each log in MB (default 5)")
    args = ap.parse_args(argv)
    logdir = os.path.join(args.outdir, "logs")
    os.makedirs(logdir, exist_ok=True)
    size = int(args.size_mb * 1_000_000)
    made = []
    for name in failing_logs()[:max(1, args.jobs)]:
        dst = os.path.join(logdir, "bench-" + name)
        if not (os.path.exists(dst) and os.path.getsize(dst) >= size):
            inflate(os.path.join(LOGS, name), dst, size)
        made.append(dst)
    with open(os.path.join(HERE, "scenarios", "basic.json")) as f:
        basic = json.load(f)
    repo = basic["repos"][0]
    jobs = []
    for i in range(args.jobs):
        src = made[i % len(made)]
        kind = os.path.basename(src)[len("bench-dev-"):-len(".log")]
        jobs.append({"id": FIRST_JOB + i, "name": "shard %02d (%s)" % (i + 1, kind),
                     "status": "completed", "conclusion": "failure", "log": src, "steps": "auto",
                     "post_step_gap": 3, "labels": ["ubuntu-22.04"],
                     "runner_name": "GitHub Actions %d" % (3000 + i)})
    jobs.append({"id": FIRST_JOB + 900, "name": "deps", "status": "completed",
                 "conclusion": "success", "log": "dev-none-pip-resolver-warning.log",
                 "steps": "auto", "runner_name": "GitHub Actions 2999"})
    me = FIRST_JOB + 999
    jobs.append({"id": me, "name": "ci-triage", "status": "in_progress", "conclusion": None,
                 "runner_name": "GitHub Actions 3999", "started_at": "2025-04-14T21:55:12Z",
                 "steps": [{"name": "Set up job", "status": "completed", "conclusion": "success",
                            "number": 1, "started_at": "2025-04-14T21:55:12Z",
                            "completed_at": "2025-04-14T21:55:13Z"},
                           {"name": "Run ./", "status": "in_progress", "conclusion": None,
                            "number": 2, "started_at": "2025-04-14T21:55:13Z",
                            "completed_at": None}]})
    run = dict(repo["runs"][0], id=RUN_ID, display_title="Benchmark: %d failed shards" % args.jobs,
               jobs=jobs)
    scen = {
        "name": "bench-%dx%gMB" % (args.jobs, args.size_mb),
        "description": "generated by make_bench_scenario.py: %d failed jobs with ~%g MB real logs, "
                       "one green job, and the ci-triage job itself" % (args.jobs, args.size_mb),
        "server_url": basic["server_url"],
        "rate_limit": {"limit": 15000, "remaining": 15000, "reset_in": 3600},
        "repos": [dict(repo, runs=[run])],
        "faults": [],
        "env": dict(basic["env"], GITHUB_RUN_ID=str(RUN_ID), RUNNER_NAME="GitHub Actions 3999",
                    CI_TRIAGE_CHECK_RUN_ID=str(me)),
        "event": basic["event"],
    }
    path = os.path.join(args.outdir, "scenario.json")
    with open(path, "w") as f:
        json.dump(scen, f, indent=1)
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
