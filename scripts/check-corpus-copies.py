#!/usr/bin/env python3
"""Fail when two labeled logs of a corpus directory hold the same text.

Usage: check-corpus-copies.py DIR...

A log collected twice (a thread's paste and a repository quoting it) under two names would count
twice in the corpus scores. Every NAME.log that has a NAME.expect.json beside it, searched
recursively, is compared byte for byte (by SHA-256) within each DIR. Prints each group of copies
and exits 1 if there is one, 0 otherwise.
"""
import hashlib
import os
import sys


def logs(top):
    for root, _, files in os.walk(top):
        for f in files:
            if f.endswith(".log") and os.path.exists(os.path.join(root, f[:-4] + ".expect.json")):
                yield os.path.join(root, f)


def main(argv):
    if not argv:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    copies = 0
    total = 0
    for top in argv:
        seen = {}
        for path in sorted(logs(top)):
            total += 1
            with open(path, "rb") as f:
                digest = hashlib.sha256(f.read()).hexdigest()
            seen.setdefault(digest, []).append(path)
        for paths in seen.values():
            if len(paths) > 1:
                copies += len(paths) - 1
                print("same log text: " + ", ".join(paths))
    print(f"{total} labeled logs, {copies} copies")
    return 1 if copies else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
