#!/usr/bin/env bash
# Benchmark of `ci-triage github` end to end (list, download, analyse, summary, comment) against
# the local fake GitHub: 50 failed jobs x 5 MB real logs.  Bars (issue 3): <= 1.5 s wall on the
# 2-core machine, <= jobs + 5 API requests.  Prints wall time, requests, peak RSS, and the
# server's own cost (curl alone).  Not a timed test: run it on a quiet machine.
# usage: bash bench/github_bench.sh [BIN] [--jobs N] [--size-mb M] [--runs K] [--args "..."]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$ROOT/build/ci-triage}
[ $# -gt 0 ] && shift
command -v curl > /dev/null || { echo "github_bench: curl is needed" >&2; exit 1; }
[ -x /usr/bin/time ] || apt-get install -y time > /dev/null
exec /usr/bin/python3 "$ROOT/bench/github_bench.py" "$BIN" "$@"
