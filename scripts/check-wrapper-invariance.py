#!/usr/bin/env python3
"""The diagnosis of a log must not depend on the wrapper it arrives in.

Users paste the same tool output in many frames: with the runner's time stamps (a job log
without its ##[group] lines), as `gh run view --log` columns, behind Jenkins' Timestamper,
with CRLF line ends, or with the `ESC[0K` GitLab writes at each line's start. For every
labeled log under the given directories (every Nth with --every) this wraps each line in
each frame and checks that the primary category is the one the bare log gets.
Logs already in a frame (time-stamped, or gh's tab columns) are only given the frames
that do not stack on their own.

usage: check-wrapper-invariance.py [--every N] BINARY DIR...   (exit 1 on any difference)
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

STAMPED = re.compile(r"\s*\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")


def frames(lines):
    """(name, wrapped lines, applies to an already-framed log)."""
    yield "runner stamps", [f"2024-03-05T10:11:{i % 60:02d}.{i:07d}Z {l}" for i, l in enumerate(lines)], False
    yield "gh run view", [f"build\tRun tests\t2024-03-05T10:11:{i % 60:02d}.{i:07d}Z {l}" for i, l in enumerate(lines)], False
    yield "Jenkins stamps", [f"[2024-03-05T10:11:{i % 60:02d}.{i % 1000:03d}Z] {l}" for i, l in enumerate(lines)], False
    yield "ANSI reset", [f"\x1b[0K{l}" for l in lines], False
    yield "CRLF", [f"{l}\r" for l in lines], True


def primary(binary, path):
    p = subprocess.run([binary, "analyze", "--format", "json", path], capture_output=True, timeout=60)
    if p.returncode != 0:
        return f"exit {p.returncode}"
    report = json.loads(p.stdout)
    errors = [f for j in report.get("jobs", []) for f in j.get("findings", []) if f.get("severity", "error") == "error"]
    return errors[0]["category"] if errors else "none"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--every", type=int, default=1, help="check every Nth labeled log")
    ap.add_argument("binary")
    ap.add_argument("dirs", nargs="+")
    a = ap.parse_args()
    logs = []
    for d in a.dirs:
        for root, _, files in os.walk(d):
            logs += [os.path.join(root, f[: -len(".expect.json")] + ".log") for f in files if f.endswith(".expect.json")]
    logs = [l for l in sorted(logs) if os.path.exists(l)][:: max(1, a.every)]
    differ = checked = 0
    with tempfile.TemporaryDirectory() as tmp:
        for log in logs:
            with open(log, encoding="utf-8", errors="replace") as f:
                lines = f.read().split("\n")
            if lines and lines[-1] == "":
                lines.pop()
            framed = any(STAMPED.match(l) or l.count("\t") >= 2 for l in lines[:20])
            base = primary(a.binary, log)
            for name, wrapped, stacks in frames(lines):
                if framed and not stacks:
                    continue
                path = os.path.join(tmp, "framed.log")
                with open(path, "w", encoding="utf-8", newline="") as out:
                    out.write("\n".join(wrapped) + "\n")
                got = primary(a.binary, path)
                checked += 1
                if got != base:
                    differ += 1
                    print(f"DIFFERS  {log} in {name}: {got!r}, bare {base!r}")
    print(f"wrapper invariance: {len(logs)} logs, {checked} framed copies, {differ} differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
