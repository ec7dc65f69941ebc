#!/usr/bin/env python3
"""Builds a large GitHub Actions job log from real corpus lines, for bench/run.sh.

Ordinary lines (everything a labeled case does not cite as evidence) are
repeated in their original order; the labeled failure lines are sprinkled in
rarely (one every --every lines), as in a real log where one step fails.

usage: make_log.py --size 1G --out FILE DIR...
"""
import argparse
import json
import os
import sys


def parse_size(s):
    mult = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    return int(float(s[:-1]) * mult[s[-1].upper()]) if s[-1].upper() in mult else int(s)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", default="1G")
    ap.add_argument("--every", type=int, default=20000)
    ap.add_argument("--out", required=True)
    ap.add_argument("dirs", nargs="+")
    a = ap.parse_args()
    ordinary, failures = [], []
    for d in a.dirs:
        for root, _, files in os.walk(d):
            for f in sorted(files):
                if not f.endswith(".log"):
                    continue
                path = os.path.join(root, f)
                label = path[:-4] + ".expect.json"
                evidence = set()
                if os.path.exists(label):
                    evidence = set(json.load(open(label)).get("evidence_lines", []))
                with open(path, "rb") as fh:
                    for n, line in enumerate(fh, 1):
                        if not line.endswith(b"\n"):
                            line += b"\n"
                        line = line.lstrip(b"\xef\xbb\xbf")
                        if n in evidence or b"##[error]" in line:
                            failures.append(line)
                        else:
                            ordinary.append(line)
    if not ordinary or not failures:
        sys.exit("make_log.py: no corpus lines found in " + " ".join(a.dirs))
    target = parse_size(a.size)
    written = count = fi = 0
    with open(a.out, "wb") as out:
        buf = []
        while written < target:
            for line in ordinary:
                buf.append(line)
                written += len(line)
                count += 1
                if count % a.every == 0:
                    f = failures[fi % len(failures)]
                    fi += 1
                    buf.append(f)
                    written += len(f)
                if len(buf) >= 65536:
                    out.write(b"".join(buf))
                    buf = []
                if written >= target:
                    break
        out.write(b"".join(buf))
    print(f"{a.out}: {written} bytes, {count + fi} lines, {fi} failure lines", file=sys.stderr)


if __name__ == "__main__":
    main()
