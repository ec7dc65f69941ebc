#!/usr/bin/env bash
# Configures and builds ci-triage with CMake + Ninja.
# usage: scripts/build.sh [release|debug|sanitize] [--clean]   (build dir: build/, build-debug/, build-sanitize/)
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-release}
case "$MODE" in
  release)  DIR=build;          ARGS=(-DCMAKE_BUILD_TYPE=RelWithDebInfo) ;;
  debug)    DIR=build-debug;    ARGS=(-DCMAKE_BUILD_TYPE=Debug) ;;
  sanitize) DIR=build-sanitize; ARGS=(-DCMAKE_BUILD_TYPE=Debug -DCI_TRIAGE_SANITIZE=ON) ;;
  *) echo "build.sh: unknown mode '$MODE' (release, debug, sanitize)" >&2; exit 2 ;;
esac
[ "${2:-}" = "--clean" ] && rm -rf "$DIR"
cmake -S . -B "$DIR" -G Ninja "${ARGS[@]}" > "$DIR.configure.log" 2>&1 || { cat "$DIR.configure.log" >&2; exit 1; }
rm -f "$DIR.configure.log"
ninja -C "$DIR" -j "${JOBS:-$(nproc)}"
