#!/usr/bin/env bash
# The prefilter's run share (docs/development.md): no output regex may run RE2 on more than
# BAR of a 16 MB job log's lines. A count, not a time. Exit 1 above the bar.
#
# usage: bench/run-share.sh [BAR]      BAR defaults to 0.05 (5 %)
# env:   BENCH=build/ci-triage-bench
set -euo pipefail
cd "$(dirname "$0")/.."
BAR=${1:-0.05}
BENCH=${BENCH:-build/ci-triage-bench}
LOG=build/bench/share-16M.log
mkdir -p build/bench
python3 bench/make_log.py --mix job --size 16M --out "$LOG" tests/corpus tests/public > /dev/null 2>&1
# The check itself must bite: a bar below any run share at all fails.
if "$BENCH" "$LOG" --stats --max-run-share 0.0001 > /dev/null 2>&1; then
  echo "FAILED: ci-triage-bench --max-run-share did not fail below the largest share" >&2
  exit 1
fi
out=$("$BENCH" "$LOG" --stats --max-run-share "$BAR")  # exits 1 above the bar (set -e)
printf '%s\n' "$out" | tail -1
