#!/usr/bin/env bash
# One command from a fresh Debian/Ubuntu machine: install what is missing, build,
# and triage a bundled real job log (a pytest run that cannot import 'yaml').
# usage: bash scripts/demo.sh [LOG] [--format text|json|markdown|annotations]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh release > /dev/null
LOG=${1:-examples/pytest-missing-module.log}
shift || true
echo "== ci-triage analyze $LOG" >&2
exec build/ci-triage analyze "$@" "$LOG"
