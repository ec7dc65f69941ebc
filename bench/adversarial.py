#!/usr/bin/env python3
"""Writes the adversarial inputs of bench/adversarial.sh (the worst cases of issue 11).

    bench/adversarial.py --out DIR --size BYTES [--atoms FILE] [--only NAME,...] [--list]

Each input is built from a block repeated up to --size bytes (the single-line one
is 4 x --size), so generating even GiB-sized files takes seconds. --atoms is the
prefilter's literal list (`ci-triage-bench LOG --atoms`), so the atom inputs
follow whatever the rule table holds today.
"""
import argparse
import json
import os
import random
import sys


def fill(path, block, size):
    """Writes `block` repeatedly until the file holds at least `size` bytes."""
    if not block:
        raise ValueError(path)
    reps = max(1, (1 << 20) // len(block))
    chunk = block * reps
    with open(path, "wb") as f:
        left = size
        while left > 0:
            f.write(chunk)
            left -= len(chunk)


def line_of(piece, limit=64 * 1024 - 1):
    """`piece` repeated into one line just under the parser's 64 KiB line limit."""
    n = max(1, limit // len(piece))
    return piece * n + b"\n"


def atoms_line(atoms, limit=64 * 1024 - 1):
    """Every atom once (then again) on one line, up to the limit."""
    out = b""
    while True:
        for a in atoms:
            if len(out) + len(a) + 1 > limit:
                return out + b"\n"
            out += a + b" "


def deep_rules(depth):
    return b'{"schema": "ci-triage/rules@1", "rules": ' + b"[" * depth + b"]" * depth + b"}"


def inputs(size, atoms):
    """name -> (description, writer(path))."""
    rnd = random.Random(11)
    a = [x.encode() for x in atoms] or [b"error: "]
    out = {
        "repeated-error-literal": ("lines of `error: ` x 9,362 (a rule literal thousands of times a line)",
                                   lambda p: fill(p, line_of(b"error: "), size)),
        "repeated-error-marker": ("lines of `##[error]` x 7,281",
                                  lambda p: fill(p, line_of(b"##[error]"), size)),
        "repeated-short-error-lines": ("`error: x` lines, 10 bytes each",
                                       lambda p: fill(p, b"error: x\n", size)),
        "all-atoms-one-line": ("every prefilter literal on each 64 KiB line (every regex runs on every line)",
                               lambda p: fill(p, atoms_line(a), size)),
        "all-atoms-rotating": ("every prefilter literal, each line a different order",
                               lambda p: fill(p, b"".join(atoms_line(rnd.sample(a, len(a))) for _ in range(16)),
                                              size)),
        "one-atom-per-line": ("each prefilter literal alone on a short line",
                              lambda p: fill(p, b"\n".join(a) + b"\n", size)),
        "long-lines-atom-at-end": ("64 KiB lines of filler ending in `error: ` (cut lines)",
                                   lambda p: fill(p, b"x" * 70000 + b" error: E\n", size)),
        "single-line-4x": ("one line of 4 x SIZE bytes, no newline",
                           lambda p: fill(p, b"error: no newline ", size * 4)),
        "newlines-only": ("empty lines only", lambda p: fill(p, b"\n", size)),
        "cr-only": ("carriage returns only (one line)", lambda p: fill(p, b"\r", size)),
        "nul-bytes": ("NUL bytes only", lambda p: fill(p, b"\0", size)),
        "nul-in-lines": ("short lines with NULs and rule literals",
                         lambda p: fill(p, b"error:\0 \0Traceback\0\n", size)),
        "random-bytes": ("random bytes", lambda p: fill(p, rnd.randbytes(1 << 20), size)),
        "ansi-storm": ("lines of ANSI escape sequences around literals",
                       lambda p: fill(p, line_of(b"\x1b[31;1merror\x1b[0m: \x1b]8;;x\x07"), size)),
        "steps-storm": ("a new step every 2 lines (`##[group]Run`, `##[error]`)",
                        lambda p: fill(p, b"##[group]Run make\n##[endgroup]\nerror: x\n##[error]Process completed "
                                          b"with exit code 2.\n", size)),
        "timestamps-only": ("timestamped empty lines",
                            lambda p: fill(p, b"2026-01-28T12:58:01.4000000Z \n", size)),
        "invalid-utf8": ("invalid UTF-8 around rule literals",
                         lambda p: fill(p, line_of(b"\xff\xfe\xc3error: \xe2\x80"), size)),
    }
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--size", type=int, default=256 << 20)
    ap.add_argument("--atoms", help="the prefilter's literals, one per line")
    ap.add_argument("--only", help="comma-separated names")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--deep-rules", type=int, default=0, help="also write deep-rules.json nested N levels")
    args = ap.parse_args()
    atoms = []
    if args.atoms:
        with open(args.atoms, encoding="utf-8", errors="replace") as f:
            atoms = [l.rstrip("\n") for l in f if len(l.strip()) >= 3]
    table = inputs(args.size, atoms)
    if args.list:
        for name, (desc, _) in table.items():
            print("%-28s %s" % (name, desc))
        return 0
    os.makedirs(args.out, exist_ok=True)
    names = args.only.split(",") if args.only else list(table)
    for name in names:
        path = os.path.join(args.out, name + ".log")
        if os.path.exists(path) and os.path.getsize(path) >= args.size:
            continue
        table[name][1](path)
    if args.deep_rules:
        with open(os.path.join(args.out, "deep-rules.json"), "wb") as f:
            f.write(deep_rules(args.deep_rules))
    return 0


if __name__ == "__main__":
    sys.exit(main())
