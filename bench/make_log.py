#!/usr/bin/env python3
"""Builds a large GitHub Actions job log from real corpus lines, for bench/run.sh.

Two mixes:
  job     (default) what a large failing job's log is made of: one long step
          of passing output, the output lines of real green job logs (cases
          labeled primary "none") in their original order without their step
          framing (`##[group]`/`##[endgroup]`: a 1 GiB log of 700 KB jobs would
          otherwise hold a million steps), with a failing excerpt (a labeled
          failure log's lines from 20 before its first evidence line to 5 after
          its last, at most 60) sprinkled in rarely (one every --every lines).
  corpus  every line a labeled failure case does not cite as evidence, in
          order, with the cited lines sprinkled in one at a time. As the failure
          corpora grow these "ordinary" lines are mostly tracebacks and tool
          errors: a harder input than a job log, kept to compare with earlier
          figures.

usage: make_log.py [--mix job|corpus] --size 1G --out FILE DIR...
"""
import argparse
import json
import os
import sys


def parse_size(s):
    mult = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    return int(float(s[:-1]) * mult[s[-1].upper()]) if s[-1].upper() in mult else int(s)


def cases(dirs):
    """Yields (lines, label) for every .log under dirs, label {} when unlabeled."""
    for d in dirs:
        for root, _, files in os.walk(d):
            for f in sorted(files):
                if not f.endswith(".log"):
                    continue
                path = os.path.join(root, f)
                label_path = path[:-4] + ".expect.json"
                label = json.load(open(label_path)) if os.path.exists(label_path) else {}
                lines = []
                with open(path, "rb") as fh:
                    for line in fh:
                        if not line.endswith(b"\n"):
                            line += b"\n"
                        lines.append(line.lstrip(b"\xef\xbb\xbf"))
                yield lines, label


def corpus_mix(dirs):
    ordinary, failures = [], []
    for lines, label in cases(dirs):
        evidence = set(label.get("evidence_lines", []))
        for n, line in enumerate(lines, 1):
            if n in evidence or b"##[error]" in line:
                failures.append([line])
            else:
                ordinary.append(line)
    return [], ordinary, failures


FRAMING = (b"##[group]", b"##[endgroup]")


def job_mix(dirs):
    ordinary, failures = [], []
    for lines, label in cases(dirs):
        evidence = sorted(label.get("evidence_lines", []))
        if label.get("primary") == "none":
            ordinary.extend(x for x in lines if not any(f in x for f in FRAMING))
        elif evidence:
            first = max(1, evidence[0] - 20)
            last = min(len(lines), evidence[-1] + 5, first + 59)
            failures.append([x for x in lines[first - 1:last] if not any(f in x for f in FRAMING)])
    header = [b"2026-12-05T00:00:00.0000000Z ##[group]Run ./ci/build-and-test.sh\n",
              b"2026-12-05T00:00:00.0000000Z ./ci/build-and-test.sh\n",
              b"2026-12-05T00:00:00.0000000Z shell: /usr/bin/bash -e {0}\n",
              b"2026-12-05T00:00:00.0000000Z ##[endgroup]\n"]
    return header, ordinary, [f for f in failures if f]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", default="1G")
    ap.add_argument("--every", type=int, default=20000)
    ap.add_argument("--mix", choices=["job", "corpus"], default="job")
    ap.add_argument("--out", required=True)
    ap.add_argument("dirs", nargs="+")
    a = ap.parse_args()
    header, ordinary, failures = (job_mix if a.mix == "job" else corpus_mix)(a.dirs)
    if not ordinary or not failures:
        sys.exit("make_log.py: no corpus lines found in " + " ".join(a.dirs))
    target = parse_size(a.size)
    written = count = fi = flines = 0
    with open(a.out, "wb") as out:
        buf = list(header)
        written = sum(len(x) for x in header)
        while written < target:
            for line in ordinary:
                buf.append(line)
                written += len(line)
                count += 1
                if count % a.every == 0:
                    block = failures[fi % len(failures)]
                    fi += 1
                    buf.extend(block)
                    written += sum(len(x) for x in block)
                    flines += len(block)
                if len(buf) >= 65536:
                    out.write(b"".join(buf))
                    buf = []
                if written >= target:
                    break
        out.write(b"".join(buf))
    print(f"{a.out}: {written} bytes, {count + flines} lines, {fi} failure excerpts "
          f"({flines} lines), mix {a.mix}", file=sys.stderr)


if __name__ == "__main__":
    main()
