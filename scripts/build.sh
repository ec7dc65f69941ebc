#!/usr/bin/env bash
# Configures and builds ci-triage with CMake + Ninja.
# usage: scripts/build.sh [release|debug|sanitize|static] [--clean]
#        (build dir: build/, build-debug/, build-sanitize/, build-static/)
# env:   JOBS (parallel compiles), TARGETS (build only these ninja targets),
#        SANITIZE_CXX (sanitize: the clang to use, default clang++)
# static: a fully static Linux binary (build-static/ci-triage, stripped copy
#         build-static/ci-triage.stripped) with the libcurl of scripts/build-curl-static.sh
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-release}
case "$MODE" in
  release)  DIR=build;          ARGS=(-DCMAKE_BUILD_TYPE=RelWithDebInfo) ;;
  debug)    DIR=build-debug;    ARGS=(-DCMAKE_BUILD_TYPE=Debug) ;;
  sanitize) DIR=build-sanitize
            # With clang: ASan + UBSan objects that serve the unit tests and the libFuzzer targets
            # of tests/fuzz alike (scripts/fuzz.sh builds its targets here), at -O1 for the
            # fuzzers' speed. Without clang: gcc's ASan + UBSan, unit tests only.
            SAN_CXX=${SANITIZE_CXX:-clang++}
            if command -v "$SAN_CXX" > /dev/null; then
              ARGS=(-DCMAKE_CXX_COMPILER="$SAN_CXX" -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-g -O1"
                    -DCI_TRIAGE_SANITIZE=ON -DCI_TRIAGE_FUZZ=ON)
            else
              ARGS=(-DCMAKE_BUILD_TYPE=Debug -DCI_TRIAGE_SANITIZE=ON)
            fi ;;
  static)   DIR=build-static
            CURL_PREFIX=$(bash scripts/build-curl-static.sh)
            ARGS=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DCI_TRIAGE_STATIC=ON -DCI_TRIAGE_TESTS=OFF
                  "-DCI_TRIAGE_CURL_PREFIX=$CURL_PREFIX") ;;
  *) echo "build.sh: unknown mode '$MODE' (release, debug, sanitize, static)" >&2; exit 2 ;;
esac
[ "${2:-}" = "--clean" ] && rm -rf "$DIR"
# ccache (CMakeLists.txt uses it when installed): paths under the checkout are hashed relative to
# it, so a clone elsewhere (a CI workspace, the clean room's /work/ci-triage) reuses the objects of
# another; the cache key still holds the compiler, its flags and every preprocessed source and
# header. CCACHE_DISABLE=1 measures a cold build.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-true}
cmake -S . -B "$DIR" -G Ninja "${ARGS[@]}" > "$DIR.configure.log" 2>&1 || { cat "$DIR.configure.log" >&2; exit 1; }
rm -f "$DIR.configure.log"
if [ -n "${TARGETS:-}" ]; then  # TARGETS="a b": only these (scripts/fuzz.sh)
  # shellcheck disable=SC2086
  ninja -C "$DIR" -j "${JOBS:-$(nproc)}" $TARGETS
elif [ "$MODE" = static ]; then
  ninja -C "$DIR" -j "${JOBS:-$(nproc)}" ci-triage ci-triage-https-probe
  strip -o "$DIR/ci-triage.stripped" "$DIR/ci-triage"
else
  ninja -C "$DIR" -j "${JOBS:-$(nproc)}"
fi
