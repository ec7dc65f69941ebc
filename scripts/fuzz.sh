#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz, clang + ASan + UBSan, in build-sanitize/),
# replays the regression corpus (tests/fuzz/corpus/<target>/: every reproducer
# of issue 11 and every crash found since), then fuzzes each target for a
# bounded time from that corpus. A crash, leak, UBSan report or timeout fails.
#
# usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   (default 20 s, every target)
# env:   FUZZ_JOBS (parallel builds), FUZZ_PARALLEL (fuzzers at a time, default nproc), KEEP_FUZZ_CORPUS=1 (keep what fuzzing adds under build-sanitize/corpus),
#        FUZZ_SEED (default 1: the same mutations on every run, so that CI's verdict on a commit does
#        not depend on luck; FUZZ_SEED=0 draws a random seed, for discovery sessions)
# A crash leaves its input in build-sanitize/artifacts/: add it to tests/fuzz/corpus/<target>/ with the fix.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-20}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(log rules github event pyproject patches config)
# The sanitizer build's objects (scripts/build.sh sanitize: clang, ASan + UBSan + coverage
# instrumentation) serve the fuzz targets too: after the ASan unit tests nothing is recompiled.
DIR=build-sanitize
CXX=${FUZZ_CXX:-${SANITIZE_CXX:-clang++}}
command -v "$CXX" > /dev/null || { echo "fuzz: $CXX not found (scripts/install-deps.sh --test)" >&2; exit 2; }
if ! SANITIZE_CXX=$CXX JOBS=${FUZZ_JOBS:-$(nproc)} TARGETS="${TARGETS[*]/#/fuzz_}" bash scripts/build.sh sanitize \
    > "$DIR.build.log" 2>&1; then
  tail -40 "$DIR.build.log" >&2; echo "fuzz: the build failed" >&2; exit 1
fi
rm -f "$DIR.build.log"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
mkdir -p "$DIR/artifacts"
# One target: replay, fuzz, one summary line in $DIR/summary-$t (its failure output on stderr).
fuzz_one() {
  local t=$1 bin=$DIR/fuzz_$1 seeds=tests/fuzz/corpus/$1 work=$DIR/corpus/$1
  rm -rf "$work"; mkdir -p "$work"
  # 1. Replay: every file of the regression corpus, once, under ASan/UBSan.
  local n; n=$(find "$seeds" -type f | wc -l)
  "$bin" -runs=0 -rss_limit_mb=2048 "$seeds" > "$DIR/replay-$t.log" 2>&1 || { cat "$DIR/replay-$t.log" >&2; echo "fuzz: $t: replay failed" >&2; return 1; }
  # 2. Fuzz for SECS seconds, starting from the corpus (new inputs go to $work, not the repository).
  "$bin" -seed="${FUZZ_SEED:-1}" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$DIR/artifacts/$t-" "$work" "$seeds" > "$DIR/fuzz-$t.log" 2>&1 ||
    { tail -60 "$DIR/fuzz-$t.log" >&2; echo "fuzz: $t: crashed (input in $DIR/artifacts/)" >&2; return 1; }
  local execs cov
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$DIR/fuzz-$t.log" | grep -o '[0-9]*$' || echo "?")
  cov=$(grep -o 'cov: [0-9]*' "$DIR/fuzz-$t.log" | tail -1 | grep -o '[0-9]*' || echo "?")
  printf "fuzz_%-10s replayed %3d corpus files, %8s execs in %s s, coverage %s\n" "$t" "$n" "$execs" "$SECS" "$cov" > "$DIR/summary-$t"
  [ "${KEEP_FUZZ_CORPUS:-0}" = 1 ] || rm -rf "$work"
}
# Each fuzzer is one process on one core: FUZZ_PARALLEL of them at a time (default: the core
# count), each for the same SECS and with the same seed as alone, so a verdict does not depend on
# how many ran beside it; only the wall time does.
PAR=${FUZZ_PARALLEL:-$(nproc)}
pids=(); failed=0
for t in "${TARGETS[@]}"; do
  rm -f "$DIR/summary-$t"
  fuzz_one "$t" & pids+=($!)
  if [ ${#pids[@]} -ge "$PAR" ]; then wait "${pids[0]}" || failed=1; pids=("${pids[@]:1}"); fi
done
for p in "${pids[@]}"; do wait "$p" || failed=1; done
for t in "${TARGETS[@]}"; do [ -f "$DIR/summary-$t" ] && cat "$DIR/summary-$t"; done
[ "$failed" = 0 ] || exit 1
