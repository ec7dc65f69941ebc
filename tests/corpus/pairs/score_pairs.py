#!/usr/bin/env python3
"""Measure `analyze --baseline`: does the quoted evidence hold the line a human would point at?

Usage: score_pairs.py [--check] BINARY [PAIRS_DIR]

Each pair (tests/corpus/pairs/NAME/) is a green and a red log of the same job (good.log, bad.log)
and pair.json, whose evidence_lines are the lines of bad.log a human would point at. The red log
is analysed twice, alone and with --baseline good.log; a pair is a hit when the evidence of the
primary finding (the first error finding) quotes one of those lines. The green log must come out
passed. Prints one line per pair, then the hit rates on the pairs where no rule fires (the
primary finding is a fallback: unrecognized-failure, or inferred-failure with a category guessed
from the step's command) and on all pairs.
--check exits 1 when a green log does not pass or the baseline lowers the hit rate.
"""
import argparse
import json
import os
import subprocess
import sys


def analyze(binary, *args):
    out = subprocess.run([binary, "analyze", "--format", "json", *args], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)["jobs"][0]


def primary(job):
    return next((f for f in job["findings"] if f["severity"] == "error"), None)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    ap.add_argument("binary")
    ap.add_argument("pairs", nargs="?", default=os.path.dirname(os.path.abspath(__file__)))
    a = ap.parse_args()
    rows = []
    for name in sorted(os.listdir(a.pairs)):
        d = os.path.join(a.pairs, name)
        if not os.path.isfile(os.path.join(d, "pair.json")):
            continue
        label = json.load(open(os.path.join(d, "pair.json"), encoding="utf-8"))
        want = set(label["evidence_lines"])
        good = analyze(a.binary, os.path.join(d, "good.log"))
        alone = primary(analyze(a.binary, os.path.join(d, "bad.log")))
        based = primary(analyze(a.binary, "--baseline", os.path.join(d, "good.log"), os.path.join(d, "bad.log")))
        row = {
            "pair": name,
            "green_passes": good["status"] == "passed" and primary(good) is None,
            "rule": alone["rule"] if alone else None,
            # the fallbacks: no rule explains the step (its category may be inferred from its command)
            "unrecognised": alone is None or alone["rule"] in ("unrecognized-failure", "inferred-failure"),
            "hit": bool(alone and want & set(alone["log_lines"])),
            "hit_baseline": bool(based and want & set(based["log_lines"])),
            "quoted": len(alone["log_lines"]) if alone else 0,
            "quoted_baseline": len(based["log_lines"]) if based else 0,
        }
        rows.append(row)
        print("{:<40} {:<28} {:>4} {:>4}  quoted {:>2} / {:>2}{}".format(
            name, row["rule"] or "-", "hit" if row["hit"] else "miss",
            "hit" if row["hit_baseline"] else "miss", row["quoted"], row["quoted_baseline"],
            "" if row["green_passes"] else "  GREEN LOG DOES NOT PASS"))

    def rate(sel, key):
        n = len(sel)
        h = sum(r[key] for r in sel)
        return "{}/{} ({:.0%})".format(h, n, h / n if n else 0)

    def mean(sel, key):
        return sum(r[key] for r in sel) / len(sel) if sel else 0

    unrec = [r for r in rows if r["unrecognised"]]
    for what, sel in (("no rule fires", unrec), ("all pairs", rows)):
        print("{}: {} pairs, evidence hit {} without --baseline, {} with; {:.1f} and {:.1f} lines "
              "quoted on average".format(what, len(sel), rate(sel, "hit"), rate(sel, "hit_baseline"),
                                         mean(sel, "quoted"), mean(sel, "quoted_baseline")))
    if a.check:
        bad = [r["pair"] for r in rows if not r["green_passes"]]
        if bad:
            sys.exit("green logs that do not pass: " + ", ".join(bad))
        if sum(r["hit_baseline"] for r in rows) < sum(r["hit"] for r in rows):
            sys.exit("--baseline lowers the evidence hit rate")


if __name__ == "__main__":
    main()
