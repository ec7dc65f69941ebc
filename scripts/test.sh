#!/usr/bin/env bash
# Every test, from scratch: installs what is missing, builds (release and
# ASan/UBSan), runs the unit, golden and CLI tests, scores the labeled corpora
# against their quality gates, checks formatting, and runs the streaming
# memory check on a 1 GiB log; then the static Linux binary and its proof in a Debian
# bullseye root, the GitHub Action (schema, runner harness) and the workflows (actionlint).
# usage: bash scripts/test.sh            (env: SKIP_SANITIZE=1, SKIP_BIG=1, SKIP_STATIC=1, SKIP_FUZZ=1 to shorten;
#                                         FUZZ_SECONDS per fuzz target, default 20)
# Heavy downloads/builds are cached outside the repository in $CI_TRIAGE_CACHE
# (default /var/cache/ci-triage): the static libcurl, the bullseye root, the actionlint package;
# compiled objects in ccache's cache (CCACHE_DISABLE=1 for cold builds; the build dirs are always
# made from scratch).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=${SHARED:-$ROOT/../shared}
# Each step's wall time and CPU time (user + system of its processes), printed at the end (also
# when a step fails). CPU time over wall time shows how much a busy machine slowed a step down.
STEP=; STEP_T0=$SECONDS; STEP_C0=0; STEP_TIMES=(); CPU_FILE=$(mktemp)
step_end() {
  # `times` (the children's CPU time) must run in this shell, not in a $(...) subshell.
  times > "$CPU_FILE"
  local c; c=$(awk 'NR == 2 { n = 0; for (i = 1; i <= 2; i++) { split($i, a, "m"); n += a[1] * 60 + a[2] } printf "%d", n }' "$CPU_FILE")
  [ -z "$STEP" ] || STEP_TIMES+=("$(printf '%6d s  (CPU %5d s)  %s' $((SECONDS - STEP_T0)) $((c - STEP_C0)) "$STEP")")
  STEP=; STEP_C0=$c
}
step() { step_end; STEP=$*; STEP_T0=$SECONDS; printf '\n== %s\n' "$*"; }
# The compiler cache's hits and misses over this run (scripts/build.sh; CCACHE_DISABLE=1: none).
ccache_counts() {
  command -v ccache > /dev/null || { echo "0 0"; return; }
  ccache --print-stats 2> /dev/null | awk -F'\t' '$1 == "direct_cache_hit" || $1 == "preprocessed_cache_hit" { h += $2 }
    $1 == "cache_miss" { m += $2 } END { printf "%d %d\n", h, m }'
}
CCACHE_H0=0; CCACHE_M0=0
print_step_times() {
  step_end
  echo; echo "test.sh step times"
  printf '%s\n' "${STEP_TIMES[@]}"
  printf '%6d s  (CPU %5d s)  total\n' "$SECONDS" "$STEP_C0"
  local h m cold=""; read -r h m < <(ccache_counts)
  if [ "${CCACHE_DISABLE:-}" = 1 ]; then cold=" (CCACHE_DISABLE=1: cold builds)"; fi
  printf '        compiler cache (ccache): %d of %d compilations reused%s\n' $((h - CCACHE_H0)) \
    $((h - CCACHE_H0 + m - CCACHE_M0)) "$cold"
  rm -f "$CPU_FILE"
}
# A step that fails while a check (bg_check, below) is in the background stops them too.
declare -A BG_PID=()
stop_background() {
  local pid
  for pid in "${BG_PID[@]}"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null; then
      pkill -TERM -P "$pid" 2> /dev/null || true; kill "$pid" 2> /dev/null || true
    fi
  done
}
trap 'stop_background; print_step_times; rm -rf "${GHLOG:-}"' EXIT

step "dependencies"
bash scripts/install-deps.sh --test
read -r CCACHE_H0 CCACHE_M0 < <(ccache_counts)   # ccache is one of the tools it installs

# The unit and golden tests (one binary, unit_tests) run in the ASan/UBSan build below, on the same
# sources under stricter checks; compiling them a second time here cost a minute of the release
# build. With SKIP_SANITIZE=1 they are built and run here.
if [ "${SKIP_SANITIZE:-0}" != 1 ]; then
  step "build (release, from scratch; the unit tests are built in the ASan/UBSan build)"
  TARGETS="ci-triage ci-triage-bench" bash scripts/build.sh release --clean > /dev/null
  step "CLI, patch, config, schema, remedy and baseline-pair tests (ctest on the release binary)"
  ctest --test-dir build --output-on-failure -j "$(nproc)" -E '^(unit|golden)$'
else
  step "build (release, from scratch)"
  bash scripts/build.sh release --clean > /dev/null
  step "unit, golden and CLI tests"
  ctest --test-dir build --output-on-failure -j "$(nproc)"
fi

# The static binary (what the Action and the release ship) is built before the gates, which run
# it: they start it some 11,000 times, and the development build's start-up (loading libcurl's ~30
# shared libraries and resolving their symbols: ~15 ms a run against ~6 ms) made up most of their
# time. With SKIP_STATIC=1 the gates run the release build.
GATE_BIN=build/ci-triage
if [ "${SKIP_STATIC:-0}" != 1 ]; then
  step "static Linux binary (scripts/build.sh static; the corpus gates run it)"
  STATIC_LOG=$(mktemp)
  if ! bash scripts/build.sh static --clean > "$STATIC_LOG" 2>&1; then cat "$STATIC_LOG"; echo "FAILED: static build" >&2; exit 1; fi
  rm -f "$STATIC_LOG"
  echo "static build: $(stat -c %s build-static/ci-triage.stripped) bytes stripped"
  GATE_BIN=build-static/ci-triage.stripped
fi

step "corpus quality gates"
# The gates sit at what main reaches (its unrounded score, floored to 3 decimals: the
# printed score is rounded) and only ever go up.
# The checks are independent processes over the same binary: they run side by side, and each
# prints its last line (all of its output when it fails) in this order.
GATES=$(mktemp -d)
NAMES=()
gate() {  # gate NAME COMMAND...: run in the background, output to $GATES/NAME
  local name=$1; shift
  NAMES+=("$name")
  { rc=0; "$@" > "$GATES/$name" 2>&1 || rc=$?; echo "$rc" > "$GATES/$name.rc"; } &
}
gate corpus-labels /usr/bin/env python3 tests/corpus/gen/check_corpus.py  # labels and logs are well-formed
gate corpus-copies python3 scripts/check-corpus-copies.py tests/corpus tests/public  # a log counts once
gate one-finding python3 scripts/check-one-finding-per-line.py "$GATE_BIN" tests/corpus tests/golden tests/public
# Every rule should have a real log in the repository that fires it; a ratchet until then.
gate rules-fire python3 scripts/check-rules-fire.py --max-never 9 "$GATE_BIN" tests
# A log's diagnosis does not depend on the frame it arrives in (the runner's stamps, gh's columns,
# Jenkins' stamps, CRLF, GitLab's ESC[0K): every 7th public log, each line wrapped in each frame.
gate wrapper-invariance python3 scripts/check-wrapper-invariance.py --every 7 "$GATE_BIN" tests/public
# tests/corpus without blind/ (the real-tool runs made blind have gates of their own).
CORPUS_GENERATED=$(ls -d tests/corpus/*/ | grep -v /blind/)
# The same job log copied from the web UI (no stamps, no ##[…] markers): a ceiling on the answers
# that differ (a whole job copied so is one block of plain output), only ever lowered.
gate webui-copies python3 scripts/check-webui-copies.py --max-differ 4 "$GATE_BIN" $CORPUS_GENERATED
# The blind real-tool runs (tests/corpus/blind): eight whose only sign of the area is the script a
# folded header hides (a loop over db/migrations/*.sql, a `kubectl auth can-i` that answers "no",
# a `docker load` of a cache tarball, a `docker pull` of the --cache-from image, `git revert` after
# `git config`, `nc -z` in a loop, a Grafana import loop, an alembic downgrade after `set +e`).
gate webui-copies-blind python3 scripts/check-webui-copies.py --max-differ 8 "$GATE_BIN" tests/corpus/blind
# No rule's regex may run on more than 5 % of a 16 MB job log's lines (a count, not a time): a
# prefilter literal that is a common word makes RE2 confirm it line after line (bench_engine.cc).
gate run-share bash bench/run-share.sh 0.05
SCORE=$SHARED/tools/score-corpus
if [ -f "$SCORE" ]; then
  if [ -d "$SHARED/corpus" ]; then
    gate shared-corpus python3 "$SCORE" --min-primary 0.993 --min-evidence 0.986 "$GATE_BIN" "$SHARED/corpus"
    # One event, one finding: no two error findings cite the same line.
    gate shared-one-finding python3 scripts/check-one-finding-per-line.py "$GATE_BIN" "$SHARED/corpus"
  fi
  gate tests-corpus python3 "$SCORE" --min-primary 0.995 --min-evidence 0.997 "$GATE_BIN" $CORPUS_GENERATED
  # Real tool runs made by helpers who never saw the engine (tests/corpus/INDEX.md, blind/).
  gate tests-corpus-blind python3 "$SCORE" --min-primary 0.974 --min-evidence 0.997 "$GATE_BIN" tests/corpus/blind
  # Real job-log text from public projects, as their users quoted it (tests/public/README.md).
  gate tests-public python3 "$SCORE" --min-primary 0.923 --min-evidence 0.985 "$GATE_BIN" tests/public
else
  echo "score-corpus not found at $SCORE: corpus gates skipped" >&2
fi
wait
GATE_FAILED=0
for n in "${NAMES[@]}"; do
  if [ "$(cat "$GATES/$n.rc")" = 0 ]; then tail -1 "$GATES/$n"
  else cat "$GATES/$n"; echo "FAILED: $n" >&2; GATE_FAILED=1; fi
done
rm -rf "$GATES"
[ "$GATE_FAILED" = 0 ] || exit 1

if [ "${SKIP_SANITIZE:-0}" != 1 ]; then
  step "ASan/UBSan build (clang, with the fuzz targets) and every ctest suite: unit, golden, CLI"
  bash scripts/build.sh sanitize --clean > /dev/null
  # ASan shadow memory inflates RSS: the memory bar is checked on the release build.
  # The patches it proposes are compared with expected.patch byte for byte; re-running the real
  # tools on them (verify.sh) proved them in the release pass already.
  RSS_LIMIT_KB=1048576 ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    PATCHES_VERIFY=0 ctest --test-dir build-sanitize --output-on-failure -j "$(nproc)"
fi

# The GitHub loop (tests/github/README.md). Each check keeps its full log and prints it on failure.
GHLOG=$(mktemp -d)
# A test skipped because a tool is not installed is a missing install step, not a pass.
no_missing_tools() {   # no_missing_tools NAME LOG
  if grep -E "skipped '.*not installed" "$2"; then
    echo "FAILED: $1: tests skipped for a tool that scripts/install-deps.sh --test does not install" >&2; exit 1
  fi
}
gh_report() {   # gh_report NAME RC: the tail of $GHLOG/NAME.log, or all of it and stop
  if [ "$2" = 0 ]; then tail -n 2 "$GHLOG/$1.log"
  else cat "$GHLOG/$1.log"; echo "FAILED: $1" >&2; exit 1; fi
  no_missing_tools "$1" "$GHLOG/$1.log"
}
gh_check() {   # gh_check NAME COMMAND...
  local name=$1 rc=0; shift
  "$@" > "$GHLOG/$name.log" 2>&1 || rc=$?
  gh_report "$name" "$rc"
}
# A check that mostly waits, or takes one core, runs beside a step that leaves a core idle; its
# own step reports it later, the same way.
bg_check() {   # bg_check NAME COMMAND...: gh_check in the background
  local name=$1; shift
  ( rc=0; "$@" > "$GHLOG/$name.log" 2>&1 || rc=$?; echo "$rc" > "$GHLOG/$name.rc" ) &
  BG_PID[$name]=$!
}
bg_report() {   # bg_report NAME: waits for the check, then reports it like gh_check
  wait "${BG_PID[$1]}" || true
  unset "BG_PID[$1]"
  gh_report "$1" "$(cat "$GHLOG/$1.rc")"
}

# The end-to-end run against the fake GitHub mostly waits (its retries and back-offs sleep in real
# time: ~35 s wall, 5 s CPU), so it runs beside the fuzzers; they run for a fixed time with a fixed
# seed, and a few seconds of CPU beside them only changes how many inputs they try.
if [ "${SKIP_FUZZ:-0}" != 1 ]; then
  bg_check e2e timeout 900 /usr/bin/python3 tests/github/test_github_command.py build/ci-triage
  # The GitHub loop's checks below need the locked npm tree (prism, the OpenAPI description, the
  # SARIF Multitool) and chromium: in the clean room that is ~1 min of apt and `npm ci` unpacking
  # every run (a no-op on a machine that has them). Installed once here, beside the fuzzers, and
  # not by the checks themselves, which started side by side and raced to make the npm tree.
  bg_check gh-tools bash scripts/install-gh-test-tools.sh all
  step "fuzzing (tests/fuzz, clang + ASan/UBSan): replay the regression corpus, then ${FUZZ_SECONDS:-20} s per target"
  bash scripts/fuzz.sh "${FUZZ_SECONDS:-20}"
fi

step "adversarial inputs: worst-case throughput and peak RSS (bench/adversarial.sh, bars 50 MB/s and 64 MiB)"
# The bench measures CPU time on one core and needs the machine to itself: the end-to-end run
# started beside the fuzzers may still be running (its fake server and ci-triage processes);
# wait for it here, it is reported in its own step below (so is the tools' install).
[ -n "${BG_PID[e2e]:-}" ] && { wait "${BG_PID[e2e]}" || true; }
[ -n "${BG_PID[gh-tools]:-}" ] && { wait "${BG_PID[gh-tools]}" || true; }
ADV_LOG=$(mktemp)
if ! RUNS=3 bash bench/adversarial.sh --size 32M --check > "$ADV_LOG" 2>&1; then cat "$ADV_LOG"; rm -f "$ADV_LOG"; exit 1; fi
head -2 "$ADV_LOG"; tail -1 "$ADV_LOG"; rm -f "$ADV_LOG"
rm -rf build/bench/adversarial-32M

step "fake GitHub API server (tests/github, for the GitHub loop)"
timeout 120 python3 tests/github/test_fake_github.py 2>&1 | tail -3

step "ci-triage github end to end against the fake GitHub (started beside the fuzzers)"
if [ -n "${BG_PID[e2e]:-}" ]; then
  bg_report e2e
else
  gh_check e2e timeout 900 /usr/bin/python3 tests/github/test_github_command.py build/ci-triage
fi
step "the GitHub loop's tools: npm tree, SARIF Multitool, chromium (scripts/install-gh-test-tools.sh; beside the fuzzers)"
if [ -n "${BG_PID[gh-tools]:-}" ]; then
  bg_report gh-tools
else
  gh_check gh-tools bash scripts/install-gh-test-tools.sh all
fi
# prism keeps about one core busy (node and the fake server mostly wait on each other): the SARIF
# check and the rendering smoke, one core each for ~15 and ~30 s, run beside it.
build/ci-triage analyze --format markdown tests/github/logs/dev-imports-crypto.log > "$GHLOG/smoke.md"
bg_check sarif timeout 600 bash tests/sarif/run.sh build/ci-triage
bg_check render timeout 300 bash scripts/render-markdown.sh "$GHLOG/smoke.md" "$GHLOG/smoke.png"
step "every request ci-triage github sends vs GitHub's OpenAPI description (prism)"
gh_check prism timeout 900 bash tests/github/prism_check.sh build/ci-triage
step "SARIF for code scanning: every golden log through the SARIF Multitool (GitHub's rules; beside prism)"
bg_report sarif
step "rendering smoke: Markdown as GitHub shows it, screenshot with chromium (beside prism)"
bg_report render
/usr/bin/python3 - "$GHLOG/smoke.png" <<'PY'
import struct, sys
b = open(sys.argv[1], "rb").read()
assert b[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
w, h = struct.unpack(">II", b[16:24])
assert w >= 800 and h >= 300 and len(b) > 20000, (w, h, len(b))
print("render smoke: %dx%d PNG, %d bytes" % (w, h, len(b)))
PY

if [ "${SKIP_STATIC:-0}" != 1 ]; then
  step "the static binary's proof in a Debian bullseye root, and its start-up"
  bash tests/static/run.sh build-static/ci-triage.stripped
  bash bench/startup.sh build-static/ci-triage.stripped 30  # printed, not a timed test
fi

# The 1 GiB streaming check (one core for ~10 s; its bars are memory and completion, not time) runs
# beside the Action harness, actionlint and the format check, which mostly wait or take a second.
[ "${SKIP_BIG:-0}" = 1 ] || bg_check big bash tests/cli/big_log.sh build/ci-triage

step "the GitHub Action: action.yml schema and the runner harness (tests/action)"
/usr/bin/python3 tests/action/validate_schema.py action.yml
ACTION_LOG=$(mktemp)
if ! timeout 1200 /usr/bin/python3 tests/action/test_action.py -v > "$ACTION_LOG" 2>&1; then
  cat "$ACTION_LOG"; rm -f "$ACTION_LOG"; exit 1
fi
grep -E "skipped '|build from source:" "$ACTION_LOG" || true
no_missing_tools "action harness" "$ACTION_LOG"
tail -3 "$ACTION_LOG"; rm -f "$ACTION_LOG"

step "workflows (actionlint)"
bash scripts/lint-workflows.sh

step "formatting (clang-format) and generated docs"
bash scripts/format.sh --check
# The README is for users: at most 250 lines (contributor material lives in docs/).
[ "$(wc -l < README.md)" -le 250 ] || { echo "FAILED: README.md has $(wc -l < README.md) lines (at most 250)" >&2; exit 1; }
# (not `--check && echo`: under `set -e` a failing command before `&&` does not stop the script)
if ! python3 scripts/gen-rules-doc.py --check; then echo "FAILED: docs/rules.md is stale" >&2; exit 1; fi
echo "docs/rules.md: catalogue is current"

if [ "${SKIP_BIG:-0}" != 1 ]; then
  step "streaming: 1 GiB log in bounded memory (beside the Action harness)"
  bg_report big
fi
rm -rf "$GHLOG"
echo
echo "all tests passed"
