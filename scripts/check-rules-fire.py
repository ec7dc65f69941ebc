#!/usr/bin/env python3
"""Every rule has a real log in the repository that fires it.

Runs every .log under the given directories through `ci-triage analyze --format json`
and compares the rules that produced a finding with
`ci-triage rules`. A rule that no log fires is untested text. Until every rule has
its log, the check is a ratchet: it fails when more rules than --max-never never fire
(the gate in scripts/test.sh sits at what main reaches and only goes down).

usage: check-rules-fire.py [--max-never N] BINARY DIR...   (exit 1 above N; default 0)
"""
import os
import subprocess
import sys

from analyze_batch import analyze

# Rules whose logs cannot live in this repository, with the reason.
ALLOWED = {
    "error-line": "the unknown fallback's line collector: its lines are quoted in the fallback's finding, never as its own",
    "tool-passed-summary": "a passing run's summary: it only keeps the unknown fallback away, never a finding of its own",
}


def logs(dirs):
    for d in dirs:
        for root, _, files in os.walk(d):
            for f in sorted(files):
                if f.endswith(".log"):
                    yield os.path.join(root, f)


def main():
    args = sys.argv[1:]
    max_never = 0
    if args[:1] == ["--max-never"] and len(args) > 1:
        max_never, args = int(args[1]), args[2:]
    if len(args) < 2:
        sys.exit(__doc__)
    binary, dirs = args[0], args[1:]
    listed = subprocess.run([binary, "rules"], capture_output=True, text=True, check=True).stdout
    rules = [line.split()[0] for line in listed.splitlines() if line and not line.startswith("warning:")]
    fired = {}
    paths = list(logs(dirs))
    for p, jobs in analyze(binary, paths):
        for j in jobs:
            for f in j["findings"]:
                fired.setdefault(f["rule"], p)
    never = [r for r in rules if r not in fired and r not in ALLOWED]
    for r in never:
        print(f"NEVER FIRES: {r}")
    print(f"rules: {len(rules)} rules, {len(rules) - len(never) - len(ALLOWED)} fired by "
          f"{len(paths)} logs, {len(ALLOWED)} allowed without a log, {len(never)} never fire")
    if len(never) > max_never:
        print(f"FAILED: {len(never)} rules never fire, the gate allows {max_never}")
        sys.exit(1)


if __name__ == "__main__":
    main()
