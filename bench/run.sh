#!/usr/bin/env bash
# Throughput and peak memory of `ci-triage analyze` against `rg -f` and
# `grep -E -f` over the same pattern set (the rules' evidence regexes), on a
# large log built from real corpus lines (bench/make_log.py: by default a job log's mix,
# the passing output of real green job logs with a failing step's excerpt now and then).
# One thread each, pinned to one core (taskset).
# Output goes to files, not /dev/null: GNU grep stops at the first match when
# it writes to /dev/null.
#
# usage: bench/run.sh [SIZE]        SIZE defaults to 1G (the issue's bar)
# env:   FULL_LIST=0 skips rg and grep with the full rule list (minutes)
#        CI_TRIAGE=build/ci-triage  MIX=job|corpus (make_log.py --mix; corpus: the log of
#        the figures before 5 December 2026)  CORPUS=the labeled case folders to draw from
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-1G}
BIN=${CI_TRIAGE:-build/ci-triage}
MIX=${MIX:-job}
if [ "$MIX" = corpus ]; then CORPUS=${CORPUS:-"../shared/corpus tests/corpus"}; else CORPUS=${CORPUS:-"../shared/corpus tests/corpus tests/public"}; fi
WORK=build/bench
mkdir -p "$WORK"
LOG=$WORK/bench-$MIX-$SIZE.log
[ -x "$BIN" ] || { echo "bench: build $BIN first (scripts/build.sh)" >&2; exit 2; }
# shellcheck disable=SC2086
[ -s "$LOG" ] || python3 bench/make_log.py --mix "$MIX" --size "$SIZE" --out "$LOG" $(ls -d $CORPUS 2>/dev/null)
# rg joins all patterns into one regex, so named groups become plain groups.
"$BIN" rules --patterns | sed -E 's/\(\?P<[A-Za-z_][A-Za-z0-9_]*>/(/g' > "$WORK/patterns.re2"
python3 bench/to_ere.py < "$WORK/patterns.re2" > "$WORK/patterns.ere"
# The runbook's failure signatures (bench/runbook-patterns.txt, comments dropped):
# the list a user of the runbook would hand to rg.
grep -v -e '^#' -e '^$' bench/runbook-patterns.txt > "$WORK/runbook.re"
BYTES=$(stat -c %s "$LOG")
# One core, the last one: on small VMs core 0 also takes the interrupts.
PIN=""; command -v taskset >/dev/null && PIN="taskset -c $(( $(nproc) - 1 ))"

RUNS=${RUNS:-3}            # ci-triage: best of N runs (the machine is noisy)
OTHER_RUNS=${OTHER_RUNS:-1}  # rg and grep take minutes: one run each
TOOL_TIMEOUT=${TOOL_TIMEOUT:-300}

measure() {  # runs, name, command...: prints "name seconds GB/s cpu-seconds cpu-GB/s RSS-MiB" (best of runs)
  local runs=$1 name=$2; shift 2
  local best="" bestcpu="" kb=0 r
  for ((r = 0; r < runs; r++)); do
    cat "$LOG" > /dev/null  # warm the page cache the same way for everyone
    local rc=0
    /usr/bin/time -f "%e %M %U %S" -o "$WORK/time.$name" timeout "$TOOL_TIMEOUT" $PIN "$@" > "$WORK/out.$name" 2> "$WORK/err.$name" || rc=$?
    if [ $rc -eq 124 ]; then
      printf "%-22s %10s %13s %13s\n" "$name" ">${TOOL_TIMEOUT} s" "<$(awk -v b="$BYTES" -v t="$TOOL_TIMEOUT" 'BEGIN{printf "%.3f", b/t/1e9}') GB/s" "-"
      echo "$TOOL_TIMEOUT" > "$WORK/secs.$name"; echo timeout > "$WORK/lower.$name"
      return
    elif [ $rc -gt 1 ]; then
      echo "bench: $name failed ($rc): $(tail -1 "$WORK/err.$name")" >&2; return
    fi
    local secs k user sys cpu
    read -r secs k user sys < <(tail -1 "$WORK/time.$name")
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u + s}')
    if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN{exit !(a < b)}'; then best=$secs; fi
    if [ -z "$bestcpu" ] || awk -v a="$cpu" -v b="$bestcpu" 'BEGIN{exit !(a < b)}'; then bestcpu=$cpu; fi
    [ "$k" -gt "$kb" ] && kb=$k
  done
  rm -f "$WORK/lower.$name"
  awk -v n="$name" -v s="$best" -v c="$bestcpu" -v b="$BYTES" -v k="$kb" \
    'BEGIN { printf "%-22s %8.2f s %8.3f GB/s %8.2f s %8.3f GB/s %9.1f MiB\n", n, s, b / s / 1e9, c, b / c / 1e9, k / 1024 }'
  echo "$best" > "$WORK/secs.$name"
  echo "$bestcpu" > "$WORK/cpu.$name"
  echo "$kb" > "$WORK/rss.$name"
}

echo "log: $LOG ($(awk -v b="$BYTES" 'BEGIN{printf "%.2f GiB", b/2^30}')), patterns: $(wc -l < "$WORK/patterns.re2") (grep -E: $(wc -l < "$WORK/patterns.ere"))"
printf "%-22s %10s %13s %10s %13s %13s\n" tool time throughput "cpu time" "cpu GB/s" "peak RSS"
rm -f "$WORK"/secs.* "$WORK"/lower.* "$WORK"/cpu.* "$WORK"/rss.*
measure "$RUNS" ci-triage "$BIN" analyze --format json "$LOG"
measure "$OTHER_RUNS" "rg -f runbook" rg -c -f "$WORK/runbook.re" "$LOG"
if [ "${FULL_LIST:-1}" = 1 ]; then  # FULL_LIST=0: only the runbook list (rg -f on the full list takes minutes)
  measure "$OTHER_RUNS" "rg -f" rg -c -f "$WORK/patterns.re2" "$LOG"
  measure "$OTHER_RUNS" "grep -E -f" grep -c -E -f "$WORK/patterns.ere" "$LOG"
fi
for other in "rg -f runbook" "rg -f" "grep -E -f"; do
  [ -f "$WORK/secs.$other" ] || continue
  more=""; [ -f "$WORK/lower.$other" ] && more=" (at least: $other timed out)"
  awk -v a="$(cat "$WORK/secs.ci-triage")" -v b="$(cat "$WORK/secs.$other")" -v n="$other" -v m="$more" \
    'BEGIN { printf "ci-triage vs %-15s %.2fx faster (ci-triage takes %.2fx its time)%s\n", n ":", b / a, a / b, m }'
  # On a loaded machine the wall clock counts the other processes: the CPU time ratio too.
  [ -f "$WORK/cpu.$other" ] && [ ! -f "$WORK/lower.$other" ] &&
    awk -v a="$(cat "$WORK/cpu.ci-triage")" -v b="$(cat "$WORK/cpu.$other")" -v n="$other" \
      'BEGIN { printf "ci-triage vs %-15s %.2fx its CPU time\n", n ":", a / b }'
done

# The bars (issue 13): >= 1.5 GB/s on one core, <= 0.4x rg's time with the
# runbook list, peak RSS <= 32 MiB. CPU time: on a shared machine the wall
# clock counts the other processes too.
echo "runbook patterns: $(wc -l < "$WORK/runbook.re") (bench/runbook-patterns.txt)"
if [ -f "$WORK/cpu.ci-triage" ]; then
  rss=$(cat "$WORK/rss.ci-triage")
  frac=-; [ -f "$WORK/cpu.rg -f runbook" ] &&
    frac=$(awk -v a="$(cat "$WORK/cpu.ci-triage")" -v b="$(cat "$WORK/cpu.rg -f runbook")" 'BEGIN{printf "%.2f", a / b}')
  awk -v c="$(cat "$WORK/cpu.ci-triage")" -v b="$BYTES" -v f="$frac" -v r="$rss" 'BEGIN {
    g = b / c / 1e9
    printf "bar: throughput %.3f GB/s (cpu) >= 1.5: %s\n", g, (g >= 1.5) ? "met" : "NOT met"
    printf "bar: time vs rg -f runbook %s (cpu) <= 0.40: %s\n", f, f == "-" ? "not measured" : ((f + 0 <= 0.4) ? "met" : "NOT met")
    printf "bar: peak RSS %.1f MiB <= 32: %s\n", r / 1024, (r / 1024 <= 32) ? "met" : "NOT met"
  }'
fi
