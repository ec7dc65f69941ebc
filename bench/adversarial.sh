#!/usr/bin/env bash
# Worst-case throughput and peak memory of `ci-triage analyze` on adversarial
# inputs (bench/adversarial.py: rule literals repeated thousands of times a
# line, every prefilter literal on every line, a single 4 x SIZE line, NULs,
# random bytes, empty lines, ANSI storms, deeply nested rules JSON …), next to
# the normal case (bench/make_log.py: a job log's mix of real corpus lines). One thread, one core.
#
# usage: bench/adversarial.sh [--size SIZE] [--check] [--only NAME,...]
#        SIZE: bytes per input, with K/M/G suffixes (default 256M)
#        --check: exit 1 unless every adversarial input runs at >= MIN_MBS MB/s
#                 in <= MAX_RSS_MIB MiB (defaults 50 and 64: issue 11's bars)
#                 (an input below the throughput bar is measured again after the others,
#                 best of twice RUNS, and that measurement decides: a shared host's slow minute)
# env:   CI_TRIAGE=build/ci-triage  BENCH=build/ci-triage-bench  RUNS=1
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=256M CHECK=0 ONLY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --size) SIZE=$2; shift 2 ;;
    --check) CHECK=1; shift ;;
    --only) ONLY=$2; shift 2 ;;
    *) echo "usage: bench/adversarial.sh [--size SIZE] [--check] [--only NAME,...]" >&2; exit 2 ;;
  esac
done
BIN=${CI_TRIAGE:-build/ci-triage}
BENCH=${BENCH:-build/ci-triage-bench}
RUNS=${RUNS:-1}
MIN_MBS=${MIN_MBS:-50}
MAX_RSS_MIB=${MAX_RSS_MIB:-64}
CORPUS=${CORPUS:-"../shared/corpus tests/corpus tests/public"}
for b in "$BIN" "$BENCH"; do [ -x "$b" ] || { echo "adversarial: build $b first (scripts/build.sh)" >&2; exit 2; }; done
bytes=$(numfmt --from=iec "$SIZE")
WORK=build/bench/adversarial-$SIZE
mkdir -p "$WORK"
PIN=""; command -v taskset >/dev/null && PIN="taskset -c $(( $(nproc) - 1 ))"

# The prefilter's literals, from the rule table as it is now.
echo "x" > "$WORK/one-line.log"
"$BENCH" "$WORK/one-line.log" --atoms > "$WORK/atoms.txt"
only=(); [ -n "$ONLY" ] && only=(--only "$ONLY")
python3 bench/adversarial.py --out "$WORK" --size "$bytes" --atoms "$WORK/atoms.txt" --deep-rules 1000000 "${only[@]}"
if [ -z "$ONLY" ] || [[ ",$ONLY," == *,normal,* ]]; then
  # shellcheck disable=SC2086
  [ -s "$WORK/normal.log" ] || python3 bench/make_log.py --size "$SIZE" --out "$WORK/normal.log" \
    $(ls -d $CORPUS 2>/dev/null) > /dev/null
fi

fail=0 worst_mbs="" worst_name="" max_kb=0 max_name=""
measure() {  # name file args...: best of RUNS; prints one row
  local name=$1 file=$2; shift 2
  local size best="" kb=0 r secs k rc
  size=$(stat -c %s "$file")
  for ((r = 0; r < RUNS; r++)); do
    cat "$file" > /dev/null
    rc=0
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" timeout 600 $PIN "$@" > "$WORK/out" 2> "$WORK/err" || rc=$?
    if [ $rc -ge 124 ]; then
      echo "adversarial: $name: exit $rc $(tail -c 300 "$WORK/err")" >&2; fail=1; return
    fi
    # CPU time (user + system): on a shared machine the wall clock also counts other processes.
    local wall user sys
    read -r wall user sys k < <(tail -1 "$WORK/time")
    secs=$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u + s}')
    if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN{exit !(a < b)}'; then best=$secs; fi
    [ "$k" -gt "$kb" ] && kb=$k
  done
  # /usr/bin/time has 10 ms resolution: count at least that.
  local mbs
  mbs=$(awk -v s="$size" -v t="$best" 'BEGIN{ if (t < 0.01) t = 0.01; printf "%.0f", s / t / 1e6 }')
  printf "%-28s %9.1f MiB %8.2f s %8s MB/s %8.1f MiB\n" "$name" "$(awk -v s="$size" 'BEGIN{print s/2^20}')" \
    "$best" "$mbs" "$(awk -v k="$kb" 'BEGIN{print k/1024}')"
  [ "$name" = normal ] && return
  if [ "$name" = deep-rules ]; then  # a 2 MB file refused at once: only its memory counts
    [ "$kb" -gt $((MAX_RSS_MIB * 1024)) ] && { echo "  ^ over $MAX_RSS_MIB MiB"; fail=1; }
    return 0
  fi
  if [ "$mbs" -lt "$MIN_MBS" ] && [ "$kb" -le $((MAX_RSS_MIB * 1024)) ] && [ "$RETRYING" = 0 ]; then
    # A shared host can run everything at half speed for a minute (the "normal" row shows it):
    # an input below the throughput bar is measured again after the others, and that decides.
    echo "  ^ below $MIN_MBS MB/s: measured again at the end"; retry+=("$name")
    return 0
  fi
  if [ -z "$worst_mbs" ] || [ "$mbs" -lt "$worst_mbs" ]; then worst_mbs=$mbs worst_name=$name; fi
  if [ "$kb" -gt "$max_kb" ]; then max_kb=$kb max_name=$name; fi
  if [ "$mbs" -lt "$MIN_MBS" ] || [ "$kb" -gt $((MAX_RSS_MIB * 1024)) ]; then
    echo "  ^ below the bar (>= $MIN_MBS MB/s, <= $MAX_RSS_MIB MiB)"; fail=1
  fi
}
RETRYING=0
retry=()

printf "%-28s %13s %10s %13s %12s\n" input size "CPU time" throughput "peak RSS"
[ -f "$WORK/normal.log" ] && measure normal "$WORK/normal.log" "$BIN" analyze --format json "$WORK/normal.log"
for f in "$WORK"/*.log; do
  name=$(basename "$f" .log)
  case "$name" in normal|one-line) continue ;; esac
  if [ -n "$ONLY" ] && [[ ",$ONLY," != *",$name,"* ]]; then continue; fi
  measure "$name" "$f" "$BIN" analyze --format json "$f"
done
# A rules file nested a million levels deep: one clear error, bounded stack and memory.
if [ -z "$ONLY" ] || [[ ",$ONLY," == *,deep-rules,* ]]; then
  measure deep-rules "$WORK/deep-rules.json" "$BIN" analyze --rules "$WORK/deep-rules.json" "$WORK/one-line.log" || true
  grep -q "nested deeper than" "$WORK/err" || { echo "adversarial: deep-rules: no clear error: $(head -c 300 "$WORK/err")" >&2; fail=1; }
fi
if [ ${#retry[@]} -gt 0 ]; then
  RETRYING=1 RUNS=$((RUNS * 2))
  echo "again, best of $RUNS:"
  for name in "${retry[@]}"; do measure "$name" "$WORK/$name.log" "$BIN" analyze --format json "$WORK/$name.log"; done
fi
echo "worst case: ${worst_mbs:-?} MB/s ($worst_name); peak RSS: $(awk -v k="$max_kb" 'BEGIN{printf "%.1f", k/1024}') MiB ($max_name)"
if [ "$CHECK" = 1 ] && [ "$fail" != 0 ]; then echo "adversarial: a bar was missed" >&2; exit 1; fi
exit 0
