#!/usr/bin/env python3
"""The diagnosis of a log must not depend on the wrapper it arrives in.

Users paste the same tool output in many frames: with the runner's time stamps (a job log
without its ##[group] lines), as `gh run view --log` columns, behind Jenkins' Timestamper,
with CRLF line ends, or with the `ESC[0K` GitLab writes at each line's start; and the same
output arrives as one step of a job log (`##[group]Run cmd`, the command the excerpt starts
with or an opaque `./ci.sh`, then `##[error]Process completed with exit code 1.`). For every
labeled log under the given directories (every Nth with --every) this wraps each line in
each frame and checks that the primary category is the one the bare log gets.
Logs already in a frame (time-stamped, or gh's tab columns) are only given the frames
that do not stack on their own.

usage: check-wrapper-invariance.py [--every N] BINARY DIR...   (exit 1 on any difference)
"""
import argparse
import os
import re
import sys
import tempfile

from analyze_batch import analyze

# A line already in a frame: the runner's or Jenkins' ISO stamp ("[2022-07-07T07:03:38.019Z] …"), or gh run
# view's job and step columns before it (tabs, or the two spaces a copy turns them into).
STAMPED = re.compile(r"\s*\[?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d|[^\t]+?(?:\t| {2,})[^\t]+?(?:\t| {2,})\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")


# A first line that is the command the excerpt ran: a prompt's, or a well-known tool's (a paste
# may keep one blank before it).
COMMAND = re.compile(r"^ ?(?:[$+] (?P<prompt>\S.*)|(?P<bare>(?:go|cargo|npm|npx|yarn|pnpm|pytest|python3?|mvn|gradle|"
                     r"dotnet|kubectl|helm|docker|make|tox|mypy|poetry|terraform|curl|kamal|newman|composer|bundle|"
                     r"alembic|flyway|promtool|amtool|pip3?|uv|ansible-playbook|bun|tsc|mix|dbmate|rebar3|opam|cpanm|nimble|bazel|nix) (?!.*\b(?:error|ERR!|warn)\b).*))$")
# An excerpt that starts at a step header (GitHub's copied `Run …`) or holds another CI's
# step framing or transcript (CodeBuild's `[Container]` phases, GitLab's numbered `31 $ cmd`,
# Deployer's ` run cmd`, a PowerShell or cmd.exe prompt, a web console copied with its line-number
# gutter, `6 | text`) is a step already: no second step goes around it.
STEP_HEADER = re.compile(r"^(?:> )?Run ")
OTHER_CI = re.compile(r"^\d{1,6} \| |^(?:\[?Container\] |\d+ \$ | ?Command did not exit successfully | run /|PS [A-Z]:\\|"
                      r"[A-Za-z]:\\[^>\n]*>\S)")


def job_step(lines):
    """The excerpt as the output of one failed step of a job log, as the API returns it."""
    cmd, body = "./ci.sh", lines
    m = COMMAND.match(lines[0]) if lines else None
    if m:
        cmd, body = (m.group("prompt") or m.group("bare")).strip(), lines[1:]
    stamp = lambda i: f"2024-03-05T10:11:{i % 60:02d}.{i:07d}Z "
    out = [stamp(0) + "##[group]Run " + cmd, stamp(0) + cmd, stamp(0) + "shell: /usr/bin/bash -e {0}",
           stamp(0) + "##[endgroup]"]
    out += [stamp(i) + l for i, l in enumerate(body, 1)]
    return out + [stamp(len(body) + 1) + "##[error]Process completed with exit code 1."]


def frames(lines):
    """(name, wrapped lines, applies to an already-framed log)."""
    yield "runner stamps", [f"2024-03-05T10:11:{i % 60:02d}.{i:07d}Z {l}" for i, l in enumerate(lines)], False
    yield "gh run view", [f"build\tRun tests\t2024-03-05T10:11:{i % 60:02d}.{i:07d}Z {l}" for i, l in enumerate(lines)], False
    yield "Jenkins stamps", [f"[2024-03-05T10:11:{i % 60:02d}.{i % 1000:03d}Z] {l}" for i, l in enumerate(lines)], False
    yield "ANSI reset", [f"\x1b[0K{l}" for l in lines], False
    yield "CRLF", [f"{l}\r" for l in lines], True


def primary(jobs):
    """The first error finding's category ("none" without one) and whether it is the fallback (no
    rule explains the excerpt: unknown, or a category guessed from the words of its lines)."""
    errors = [f for j in jobs for f in j.get("findings", []) if f.get("severity", "error") == "error"]
    if not errors:
        return "none", False
    first = errors[0]
    return first["category"], first.get("rule") == "unrecognized-failure" or first.get("inferred_from") == "words"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--every", type=int, default=1, help="check every Nth labeled log")
    ap.add_argument("binary")
    ap.add_argument("dirs", nargs="+")
    a = ap.parse_args()
    logs = []
    for d in a.dirs:
        for root, _, files in os.walk(d):
            logs += [os.path.join(root, f[: -len(".expect.json")] + ".log") for f in files if f.endswith(".expect.json")]
    logs = [l for l in sorted(logs) if os.path.exists(l)][:: max(1, a.every)]
    differ = checked = 0
    # Every bare log first, then every framed copy, each through a few processes (analyze_batch):
    # one process per copy spent most of this check's time starting up.
    bases = {p: primary(jobs) for p, jobs in analyze(a.binary, logs, extra=())}
    copies = []  # (path of the framed copy, bare log, frame name)
    with tempfile.TemporaryDirectory() as tmp:
        for n, log in enumerate(logs):
            with open(log, encoding="utf-8", errors="replace") as f:
                lines = f.read().split("\n")
            if lines and lines[-1] == "":
                lines.pop()
            framed = any(STAMPED.match(l) or l.count("\t") >= 2 for l in lines[:20])
            base, fallback = bases[log]
            candidates = list(frames(lines))
            # As one failed step of a job log (a failure's diagnosis only: a passed excerpt
            # framed so becomes a failed step), unless the excerpt holds step framing already.
            # Not for the fallback (no rule explains the excerpt; a category guessed from its
            # words is still a guess): framed, the runner's exit line and the step's command
            # are new evidence that rules may rightly read.
            if (base not in ("none", "unknown") and lines and not STEP_HEADER.match(lines[0])
                    and not any(OTHER_CI.match(l) for l in lines) and not fallback):
                candidates.append(("job step", job_step(lines), False))
            for k, (name, wrapped, stacks) in enumerate(candidates):
                if framed and not stacks:
                    continue
                path = os.path.join(tmp, f"{n}-{k}.log")
                with open(path, "w", encoding="utf-8", newline="") as out:
                    out.write("\n".join(wrapped) + "\n")
                copies.append((path, log, name))
        where = {path: (log, name) for path, log, name in copies}
        for path, jobs in analyze(a.binary, [c[0] for c in copies], extra=()):
            log, name = where[path]
            got, _ = primary(jobs)
            checked += 1
            if got != bases[log][0]:
                differ += 1
                print(f"DIFFERS  {log} in {name}: {got!r}, bare {bases[log][0]!r}")
    print(f"wrapper invariance: {len(logs)} logs, {checked} framed copies, {differ} differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
