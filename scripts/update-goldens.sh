#!/usr/bin/env bash
# Regenerates the golden outputs (JSON and Markdown) from the current binary.
# Review the diff (git diff tests/golden) before committing: goldens are never hand-edited.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-build/ci-triage}
for log in tests/golden/err/*.log tests/golden/ok/*.log; do
  name=$(basename "$log" .log)
  "$BIN" analyze --no-patches --format json "$log" > "tests/golden/expected/$name.json"
  "$BIN" analyze --no-patches --format markdown "$log" > "tests/golden/expected/$name.md"
done
echo "goldens updated: $(ls tests/golden/expected | wc -l) files"
