#!/usr/bin/env bash
# Configures and builds ci-triage with CMake + Ninja.
# usage: scripts/build.sh [release|debug|sanitize|static] [--clean]
#        (build dir: build/, build-debug/, build-sanitize/, build-static/)
# static: a fully static Linux binary (build-static/ci-triage, stripped copy
#         build-static/ci-triage.stripped) with the libcurl of scripts/build-curl-static.sh
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-release}
case "$MODE" in
  release)  DIR=build;          ARGS=(-DCMAKE_BUILD_TYPE=RelWithDebInfo) ;;
  debug)    DIR=build-debug;    ARGS=(-DCMAKE_BUILD_TYPE=Debug) ;;
  sanitize) DIR=build-sanitize; ARGS=(-DCMAKE_BUILD_TYPE=Debug -DCI_TRIAGE_SANITIZE=ON) ;;
  static)   DIR=build-static
            CURL_PREFIX=$(bash scripts/build-curl-static.sh)
            ARGS=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DCI_TRIAGE_STATIC=ON -DCI_TRIAGE_TESTS=OFF
                  "-DCI_TRIAGE_CURL_PREFIX=$CURL_PREFIX") ;;
  *) echo "build.sh: unknown mode '$MODE' (release, debug, sanitize, static)" >&2; exit 2 ;;
esac
[ "${2:-}" = "--clean" ] && rm -rf "$DIR"
cmake -S . -B "$DIR" -G Ninja "${ARGS[@]}" > "$DIR.configure.log" 2>&1 || { cat "$DIR.configure.log" >&2; exit 1; }
rm -f "$DIR.configure.log"
if [ "$MODE" = static ]; then
  ninja -C "$DIR" -j "${JOBS:-$(nproc)}" ci-triage ci-triage-https-probe
  strip -o "$DIR/ci-triage.stripped" "$DIR/ci-triage"
else
  ninja -C "$DIR" -j "${JOBS:-$(nproc)}"
fi
