#!/usr/bin/python3
"""Write tests/corpus/INDEX.md from the labels (run by make_cases.sh)."""
import glob
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rows = []
counts = {}
for lab_path in sorted(glob.glob(os.path.join(ROOT, "*", "*.expect.json"))):
    lab = json.load(open(lab_path, encoding="utf-8"))
    rel = os.path.relpath(lab_path, ROOT)[: -len(".expect.json")] + ".log"
    counts[lab["primary"]] = counts.get(lab["primary"], 0) + 1
    how = lab["notes"].split(" Tool output really captured")[0].replace("|", "\\|")
    rows.append("| %s | %s | %s | %s | %s | %s |" % (
        rel, lab["primary"], ", ".join(lab["categories"]), lab["tool"].replace("|", "\\|"), how,
        lab["evidence_lines"]))
head = open(os.path.join(ROOT, "gen", "INDEX.head.md"), encoding="utf-8").read()
with open(os.path.join(ROOT, "INDEX.md"), "w", encoding="utf-8") as f:
    f.write(head)
    f.write("\nCounts per primary: %s (total %d).\n\n" % (
        ", ".join("%s %d" % kv for kv in sorted(counts.items())), len(rows)))
    f.write("| file | primary | categories | tool + version | how produced | evidence lines |\n")
    f.write("|---|---|---|---|---|---|\n")
    f.write("\n".join(rows) + "\n")
