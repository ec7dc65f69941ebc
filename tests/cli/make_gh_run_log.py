#!/usr/bin/python3
"""Print what `gh run view RUN --log` (or `--log-failed`) prints for a run made of real job logs.

    make_gh_run_log.py [--failed] [--unknown-step] JOBNAME=LOG [JOBNAME=LOG ...]

How gh does it (cli/cli pkg/cmd/run/view/view.go, displayRunLog, v2.23 and later): it downloads
the run's log archive, whose `JOB/N_STEP.txt` files are the job log cut at step boundaries, and
for each job, each step in order (with --log-failed only the steps whose conclusion is failure)
prints every line of the step's file as `JOB<TAB>STEP<TAB>line`. When the archive has no
per-step files, gh prints the whole job log with the step `UNKNOWN STEP` (cli/cli#10740).

Step boundaries are GitHub's: `Set up job` up to the first `##[group]Run `, one step per
`##[group]Run X` header (named `Run X`, as GitHub names an unnamed step), `Post Run ACTION` from
each `Post job cleanup.` (the actions' post steps, in reverse order), `Complete job` from `Cleaning up orphan processes`. A step failed when its
lines hold `##[error]`. The byte-order mark that starts a job log is kept at the start of the
first step's first line, as gh prints it.
"""
import re
import sys

TS = re.compile(r"^\ufeff?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z ")


def steps(lines):
    out = [["Set up job", []]]
    actions = []  # action steps, whose post steps run in reverse order
    post = False
    for line in lines:
        msg = TS.sub("", line, count=1)
        if msg.startswith("##[group]Run ") and not post:
            out.append([msg[len("##[group]"):].strip(), []])
            if "@" in out[-1][0].split()[1]:
                actions.append(out[-1][0])
        elif msg.startswith("Post job cleanup."):
            post = True
            out.append(["Post " + (actions.pop() if actions else "job"), []])
        elif msg.startswith("Cleaning up orphan processes"):
            out.append(["Complete job", []])
        out[-1][1].append(line)
    return [s for s in out if s[1]]


def main(argv):
    failed = "--failed" in argv
    unknown = "--unknown-step" in argv
    w = sys.stdout
    for spec in [a for a in argv if not a.startswith("--")]:
        job, _, path = spec.partition("=")
        with open(path, encoding="utf-8", newline="") as f:
            lines = f.read().split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        lines = [x[:-1] if x.endswith("\r") else x for x in lines]
        if unknown:
            if failed and not any("##[error]" in x for x in lines):
                continue
            for line in lines:
                w.write(f"{job}\tUNKNOWN STEP\t{line}\n")
            continue
        for name, body in steps(lines):
            if failed and not any("##[error]" in x for x in body):
                continue
            for line in body:
                w.write(f"{job}\t{name}\t{line}\n")


if __name__ == "__main__":
    main(sys.argv[1:])
