#!/usr/bin/env bash
# Every JSON report the tests produce validates against schemas/report-1.schema.json: the golden
# reports, a fresh report of every log in tests/corpus and tests/golden, the --baseline pairs, the gh run view splits,
# and reports with patches (tests/patches fixtures). The GitHub-mode reports are validated by
# tests/github/test_github_command.py.
# usage: tests/schema/run.sh BINARY
set -euo pipefail
BIN=$(realpath "${1:?usage: run.sh BINARY}")
cd "$(dirname "$0")/../.."
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# Every log in one report (one process): each job of it is checked against the schema.
"$BIN" analyze --format json tests/corpus/*/*.log tests/golden/err/*.log tests/golden/ok/*.log \
  tests/cli/gh-run-view/*.txt > "$T/logs.json"
i=0
for pair in tests/corpus/pairs/*/; do  # --baseline adds the job's baseline object
  i=$((i + 1)); "$BIN" analyze --format json --baseline "$pair/good.log" "$pair/bad.log" > "$T/$i.json"
done
for fx in tests/patches/*/; do
  [ -f "$fx/job.log" ] && [ -d "$fx/repo" ] || continue
  cp -r "$fx/repo" "$T/repo"
  i=$((i + 1)); "$BIN" analyze --format json --repo-root "$T/repo" "$fx/job.log" > "$T/$i.json"
  rm -rf "$T/repo"
done
/usr/bin/python3 tests/schema/validate.py tests/golden/expected/*.json "$T"/*.json
