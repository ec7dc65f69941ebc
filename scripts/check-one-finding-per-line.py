#!/usr/bin/env python3
"""One event, one finding: no log gives two error findings that cite the same line.

A line belongs to one finding; a repeat of it (an import error reported again as
an uncaught exception, one time-out reported three ways) folds into that finding.

usage: check-one-finding-per-line.py BINARY DIR...   (exit 1 when a log breaks it)
"""
import os
import sys

from analyze_batch import analyze


def logs(dirs):
    for d in dirs:
        for root, _, files in os.walk(d):
            for f in sorted(files):
                if f.endswith(".log"):
                    yield os.path.join(root, f)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, dirs = sys.argv[1], sys.argv[2:]
    n = bad = multi = 0
    for log, jobs in analyze(binary, logs(dirs)):
        n += 1
        # (job, finding): a gh run view log holds several jobs, each with its own line numbers
        errors = [(ji, f) for ji, j in enumerate(jobs) for f in j["findings"] if f["severity"] == "error"]
        multi += len(errors) > 1
        seen = {}
        for ji, f in errors:
            for n_line in f.get("log_lines", []):
                line = (ji, n_line)
                if line in seen and seen[line] is not f:
                    bad += 1
                    print(f"DUP {os.path.relpath(log)}: line {n_line} cited by {seen[line]['rule']} "
                          f"and {f['rule']}")
                    break
                seen[line] = f
            else:
                continue
            break
    print(f"{n} logs, {multi} with two or more error findings, {bad} citing a line twice")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
