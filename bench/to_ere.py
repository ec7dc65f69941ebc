#!/usr/bin/env python3
"""Translates the rule regexes (RE2 syntax) to POSIX ERE for `grep -E -f`.

Named and non-capturing groups become plain groups, lazy quantifiers greedy,
Perl classes POSIX classes, and inline (?i) is dropped (grep gets the same
pattern count; case folding differs only for those few patterns). Patterns
that still need an RE2-only feature are skipped, and counted on stderr.
"""
import re
import sys

out, skipped = [], 0
for line in sys.stdin:
    p = line.rstrip("\n")
    if not p:
        continue
    p = re.sub(r"\(\?P<\w+>", "(", p)
    p = p.replace("(?:", "(").replace("(?i)", "")
    p = re.sub(r"([*+?}])\?", r"\1", p)
    p = p.replace(r"\d", "[0-9]").replace(r"\s", "[[:space:]]").replace(r"\S", "[^[:space:]]")
    # ERE has no \w-free escapes for these; a bracket can't hold \] etc.
    p = p.replace(r"\w", "[[:alnum:]_]").replace(r"\.", "[.]")
    if "(?" in p or r"\C" in p or "\\" in p.replace("\\\\", ""):
        skipped += 1
        continue
    out.append(p)
sys.stdout.write("\n".join(out) + "\n")
print(f"to_ere: {len(out)} patterns, {skipped} skipped", file=sys.stderr)
