#!/usr/bin/env python3
"""Print every source the labels of a public-log corpus cite, one per line.

Usage: list-public-sources.py [DIR]   (default: tests/public)

A collector checks a candidate source against this list before taking it (tests/public/
COLLECTING.md): the source URLs in the labels' `notes` and, for logs found through a code index,
the line `code index file id N`. Sorted, each once.
"""
import json
import os
import re
import sys

URL = re.compile(r"https?://[^\s|,;)\]>\"]+")
FILE_ID = re.compile(r"file id:? ?(\d+)")


def main(argv):
    top = argv[0] if argv else "tests/public"
    seen = set()
    for root, _, files in os.walk(top):
        for f in files:
            if not f.endswith(".expect.json"):
                continue
            try:
                with open(os.path.join(root, f), encoding="utf-8") as fh:
                    notes = json.load(fh).get("notes", "")
            except (OSError, ValueError) as e:
                print(f"list-public-sources: {os.path.join(root, f)}: {e}", file=sys.stderr)
                return 2
            seen.update(u.rstrip(".") for u in URL.findall(notes))
            seen.update(f"code index file id {n}" for n in FILE_ID.findall(notes))
    for s in sorted(seen):
        print(s)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
