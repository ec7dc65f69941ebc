#!/usr/bin/env bash
# Start-up time of `ci-triage analyze` on a tiny log (issue 13: ≤ 10 ms): the
# median and the best of N runs, wall clock, with hyperfine when it is
# installed, else a plain loop. The machine may be loaded: the best run is the
# figure that shows what the program itself costs. The binary users run is the
# static release one (build-static/ci-triage.stripped, what the Action
# downloads): it is the default when it has been built; a dynamically linked
# development build spends most of its start-up in the loader (~40 libraries).
#
# usage: bench/startup.sh [BINARY] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
DEFAULT=build/ci-triage
[ -x build-static/ci-triage.stripped ] && DEFAULT=build-static/ci-triage.stripped
BIN=${1:-$DEFAULT}
RUNS=${2:-50}
LOG=$(mktemp --suffix=.log)
trap 'rm -f "$LOG"' EXIT
printf '2026-01-01T00:00:00.0000000Z ##[group]Run make\n2026-01-01T00:00:00.1000000Z ##[endgroup]\n2026-01-01T00:00:01.0000000Z hello\n' > "$LOG"
if command -v hyperfine > /dev/null; then
  hyperfine -N --warmup 3 --runs "$RUNS" "$BIN analyze $LOG"
  exit
fi
python3 - "$BIN" "$LOG" "$RUNS" <<'PY'
import statistics, subprocess, sys, time
binary, log, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
times = []
for _ in range(runs + 3):
    t = time.perf_counter()
    subprocess.run([binary, "analyze", log], stdout=subprocess.DEVNULL, check=True)
    times.append((time.perf_counter() - t) * 1000)
times = sorted(times[3:])
print(f"start-up ({binary} analyze on a 3-line log, {runs} runs): "
      f"median {statistics.median(times):.1f} ms, best {times[0]:.1f} ms")
PY
