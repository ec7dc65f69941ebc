#!/usr/bin/env bash
# Throughput and peak memory of `ci-triage analyze` against `rg -f` and
# `grep -E -f` over the same pattern set (the rules' evidence regexes), on a
# large log built from real corpus lines. One thread each (taskset -c 0).
#
# usage: bench/run.sh [SIZE]        SIZE defaults to 1G (the issue's bar)
# env:   CI_TRIAGE=build/ci-triage  CORPUS="../shared/corpus tests/corpus"
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-1G}
BIN=${CI_TRIAGE:-build/ci-triage}
CORPUS=${CORPUS:-"../shared/corpus tests/corpus"}
WORK=build/bench
mkdir -p "$WORK"
LOG=$WORK/bench-$SIZE.log
[ -x "$BIN" ] || { echo "bench: build $BIN first (scripts/build.sh)" >&2; exit 2; }
# shellcheck disable=SC2086
[ -s "$LOG" ] || python3 bench/make_log.py --size "$SIZE" --out "$LOG" $(ls -d $CORPUS 2>/dev/null)
# rg joins all patterns into one regex, so named groups become plain groups.
"$BIN" rules --patterns | sed -E 's/\(\?P<[A-Za-z_][A-Za-z0-9_]*>/(/g' > "$WORK/patterns.re2"
python3 bench/to_ere.py < "$WORK/patterns.re2" > "$WORK/patterns.ere"
BYTES=$(stat -c %s "$LOG")
PIN=""; command -v taskset >/dev/null && PIN="taskset -c 0"

measure() {  # name, command...: prints "name seconds GB/s RSS-MiB"
  local name=$1; shift
  cat "$LOG" > /dev/null  # warm the page cache the same way for everyone
  /usr/bin/time -f "%e %M" -o "$WORK/time.$name" $PIN "$@" > /dev/null 2> "$WORK/err.$name" || {
    local rc=$?; [ $rc -le 1 ] || { echo "bench: $name failed ($rc): $(tail -1 "$WORK/err.$name")" >&2; return; }; }
  read -r secs kb < "$WORK/time.$name"
  awk -v n="$name" -v s="$secs" -v b="$BYTES" -v k="$kb" \
    'BEGIN { printf "%-22s %8.2f s %8.3f GB/s %9.1f MiB\n", n, s, b / s / 1e9, k / 1024 }'
  echo "$secs" > "$WORK/secs.$name"
}

echo "log: $LOG ($(awk -v b="$BYTES" 'BEGIN{printf "%.2f GiB", b/2^30}')), patterns: $(wc -l < "$WORK/patterns.re2") (grep -E: $(wc -l < "$WORK/patterns.ere"))"
printf "%-22s %10s %13s %13s\n" tool time throughput "peak RSS"
measure ci-triage "$BIN" analyze --format json "$LOG"
measure "rg -f" rg -c -f "$WORK/patterns.re2" "$LOG"
measure "grep -E -f" grep -c -E -f "$WORK/patterns.ere" "$LOG"
for other in "rg -f" "grep -E -f"; do
  [ -f "$WORK/secs.$other" ] && awk -v a="$(cat "$WORK/secs.ci-triage")" -v b="$(cat "$WORK/secs.$other")" -v n="$other" \
    'BEGIN { printf "ci-triage vs %-10s %.2fx faster\n", n ":", b / a }'
done
