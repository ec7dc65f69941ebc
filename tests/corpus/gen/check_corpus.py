#!/usr/bin/python3
"""Validate tests/corpus: labels follow FORMAT.md, evidence lines are real, every line is timestamped."""
import glob
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CATS = {"tests", "test-isolation", "imports", "typecheck", "coverage", "docker-build", "docker-cache",
        "registry-auth", "kubectl-auth", "pods-not-ready", "smoke-tests", "monitoring", "rollback",
        "db-migration", "dependency-install", "none", "other",
        "timeout", "cancelled", "oom", "disk-full", "network", "lint", "compile", "config", "git",
        "artifacts", "cloud-auth", "github-api"}
KEYS = {"primary", "categories", "evidence_lines", "fields", "tool", "notes"}
TS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z ")
bad = 0
n = 0
for log in sorted(glob.glob(os.path.join(ROOT, "*", "*.log"))):
    n += 1
    name = os.path.relpath(log, ROOT)
    errs = []
    lab_path = log[:-4] + ".expect.json"
    try:
        lab = json.load(open(lab_path, encoding="utf-8"))
    except Exception as e:  # noqa: BLE001
        print("FAIL", name, "label:", e)
        bad += 1
        continue
    if set(lab) != KEYS:
        errs.append("keys %s" % sorted(lab))
    if lab.get("primary") not in CATS:
        errs.append("primary %r" % lab.get("primary"))
    if lab.get("primary") not in lab.get("categories", []):
        errs.append("primary not in categories")
    for c in lab.get("categories", []):
        if c not in CATS:
            errs.append("category %r" % c)
    base = os.path.basename(log)
    if not base.startswith(lab.get("primary", "?") + "-"):
        errs.append("file name does not start with primary")
    lines = open(log, "rb").read().decode("utf-8", "surrogateescape").split("\n")
    if lines and lines[0].startswith("\ufeff"):  # the job-logs API's own byte-order mark
        lines[0] = lines[0][1:]
    if lines[-1] == "":
        lines.pop()
    stamps = []
    in_msg = False  # continuation lines of a multi-line ##[error]/##[warning]/##[notice] message
    for i, l in enumerate(lines, 1):
        if not TS.match(l):
            if in_msg:
                continue
            errs.append("line %d has no timestamp" % i)
            break
        in_msg = l[29:].startswith(("##[error]", "##[warning]", "##[notice]"))
        stamps.append(l[:28])
    if stamps != sorted(stamps):
        errs.append("timestamps not increasing")
    ev = lab.get("evidence_lines", [])
    if lab.get("primary") == "none":
        if ev:
            errs.append("none case with evidence")
        if "##[error]" in "".join(lines):
            errs.append("none case contains ##[error]")
    else:
        if not ev:
            errs.append("no evidence")
        # A JavaScript action that crashed on an uncaught exception prints no ##[error]
        # (the runner adds none): Node's report, located under _actions/, is the sign.
        crashed_action = any("/_actions/" in l and ".js:" in l for l in lines) and \
            any(l.split(" ", 1)[-1].startswith(("Error: ", "TypeError: ")) for l in lines)
        if not any("##[error]" in l for l in lines) and not crashed_action:
            errs.append("failing case without ##[error]")
    for e in ev:
        if 1 <= e <= len(lines) and not TS.match(lines[e - 1]):
            if not lines[e - 1].strip():
                errs.append("evidence line %d empty" % e)
        elif not (1 <= e <= len(lines)) or not lines[e - 1][29:].strip():
            errs.append("evidence line %d empty/out of range" % e)
        elif lines[e - 1][29:].startswith(("##[group]", "##[endgroup]")):
            errs.append("evidence line %d is a group marker" % e)
    f = lab.get("fields", {})
    if "exit_code" in f:
        if not any("Process completed with exit code %d." % f["exit_code"] in l for l in lines):
            errs.append("exit_code %s not in log" % f["exit_code"])
    if errs:
        bad += 1
        print("FAIL", name, "; ".join(errs))
print("%d cases checked, %d bad" % (n, bad))
sys.exit(1 if bad else 0)
