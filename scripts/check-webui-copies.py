#!/usr/bin/env python3
"""A job log copied from the Actions web UI must get the diagnosis the job log gets.

The web viewer shows no time stamps and no workflow commands: `##[group]Run cmd` reads
`Run cmd`, a group's title stands alone, `##[endgroup]` is gone, `##[error]msg` /
`##[warning]msg` read `Error: msg` / `Warning: msg`, and `##[command]cmd` reads `cmd`. A
step's header is folded unless the user unfolds it: then only its `Run cmd` title shows,
without the script, `shell:`, `with:` and `env:` lines. Users paste both. For every labeled
job log (one with `##[group]Run` framing) under the given directories this makes both web-UI
copies and compares the primary category of each with the job log's. Some answers still
differ (a folded header hides the step's environment, which some diagnoses read): the gate is
a ceiling on how many copies differ, and it only goes down.

usage: check-webui-copies.py [--max-differ N] BINARY DIR...   (exit 1 above N)
"""
import argparse
import os
import re
import sys
import tempfile

from analyze_batch import analyze

STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z ")


def web_ui_copy(lines, folded=False):
    out = []
    in_header = False
    for line in lines:
        line = STAMP.sub("", line)
        if line.startswith("##[group]"):
            out.append(line[len("##[group]"):])
            in_header = folded
        elif line.startswith("##[endgroup]"):
            in_header = False
        elif in_header:
            continue
        elif line.startswith("##[error]"):
            out.append("Error: " + line[len("##[error]"):])
        elif line.startswith("##[warning]"):
            out.append("Warning: " + line[len("##[warning]"):])
        elif line.startswith("##[command]"):
            out.append(line[len("##[command]"):])
        else:
            out.append(line)
    return out


def primaries(binary, paths):
    """The primary category of each log (its first error finding's), in order."""
    out = []
    for _, jobs in analyze(binary, paths):
        errors = [f for j in jobs for f in j["findings"] if f.get("severity") == "error"]
        out.append(errors[0]["category"] if errors else "none")
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-differ", type=int, default=0)
    ap.add_argument("binary")
    ap.add_argument("dirs", nargs="+")
    a = ap.parse_args()
    logs = sorted(os.path.join(r, f[: -len(".expect.json")] + ".log") for d in a.dirs for r, _, fs in os.walk(d)
                  for f in fs if f.endswith(".expect.json"))
    originals, copies = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for log in logs:
            lines = open(log, encoding="utf-8", errors="replace").read().split("\n")
            if not any("##[group]Run " in line for line in lines):
                continue
            originals.append(log)
            for folded in (False, True):
                copy = os.path.join(tmp, f"{len(copies)}.log")
                with open(copy, "w", encoding="utf-8") as f:
                    f.write("\n".join(web_ui_copy(lines, folded)))
                copies.append(copy)
        base = primaries(a.binary, originals)
        got = primaries(a.binary, copies)
        differ = 0
        for i, log in enumerate(originals):
            for k, kind in enumerate(("unfolded", "folded")):
                if base[i] != got[2 * i + k]:
                    differ += 1
                    print(f"DIFFERS  {log}: job log {base[i]!r}, {kind} web-UI copy {got[2 * i + k]!r}")
    checked = len(originals)
    print(f"web-UI copies: {checked} job logs, {2 * checked} copies, {differ} differ (ceiling {a.max_differ})")
    return 1 if differ > a.max_differ else 0


if __name__ == "__main__":
    sys.exit(main())
