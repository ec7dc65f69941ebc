#!/usr/bin/env bash
# Streams a 1 GiB log (real corpus lines, bench/make_log.py's job mix: the same log as
# bench/run.sh's default) through the binary:
# it must finish, with peak RSS at most 64 MiB.
set -euo pipefail
BIN=$(realpath "${1:?usage: big_log.sh BINARY}")
cd "$(dirname "$0")/../.."
SIZE=${SIZE:-1G}
LOG=build/bench/bench-job-$SIZE.log
mkdir -p build/bench
[ -s "$LOG" ] || python3 bench/make_log.py --mix job --size "$SIZE" --out "$LOG" $(ls -d ../shared/corpus tests/corpus tests/public 2>/dev/null)
/usr/bin/time -f '%e %M' -o build/bench/big.time "$BIN" analyze --format json "$LOG" > build/bench/big.json
read -r secs kb < build/bench/big.time
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' build/bench/big.json
echo "big log: $(stat -c %s "$LOG") bytes in ${secs} s, peak RSS $((kb / 1024)) MiB"
[ "$kb" -le 65536 ] || { echo "FAIL: peak RSS ${kb} KiB > 64 MiB" >&2; exit 1; }
