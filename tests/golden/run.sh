#!/usr/bin/env bash
# Golden tests: each log under err/ and ok/ must produce exactly the committed
# JSON and Markdown (scripts/update-goldens.sh regenerates them for review);
# logs under ok/ (jobs that passed) must have no error finding.
set -uo pipefail
BIN=$(realpath "${1:?usage: run.sh BINARY}")
cd "$(dirname "$0")/../.."
fail=0 n=0
for log in tests/golden/err/*.log tests/golden/ok/*.log; do
  name=$(basename "$log" .log)
  for fmt in json md; do
    want="tests/golden/expected/$name.$fmt"
    f=$fmt; [ "$fmt" = md ] && f=markdown
    n=$((n + 1))
    if ! "$BIN" analyze --no-patches --format "$f" "$log" | diff -u "$want" - > /tmp/golden.diff.$$; then
      echo "FAIL $log ($fmt) differs from $want:"; head -40 /tmp/golden.diff.$$; fail=1
    fi
  done
done
for log in tests/golden/ok/*.log; do
  n=$((n + 1))
  if "$BIN" analyze --no-patches --format json "$log" | grep -q '"severity": "error"'; then
    echo "FAIL $log: a job that passed got an error finding"; fail=1
  fi
done
rm -f /tmp/golden.diff.$$
[ $fail = 0 ] && echo "golden: $n checks passed"
exit $fail
