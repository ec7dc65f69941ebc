#!/usr/bin/env bash
# Puts a ci-triage binary on the runner for the composite action (action.yml) and prints
# `bin=<path>` to $GITHUB_OUTPUT.
#
# 1. A release version (the one this action tag pins, or the `version` input) is downloaded for
#    runner.os/runner.arch and its SHA-256 is checked against action/checksums.txt, which is part
#    of the action's tagged files (written by .github/workflows/release.yml). A mismatch is refused.
#    Verified binaries are cached in $RUNNER_TOOL_CACHE/ci-triage/<version>/<arch>
#    (with the tool-cache's <arch>.complete marker) and re-verified when reused.
# 2. Without a pinned checksum for this platform (a branch or SHA ref, `uses: ./`) or when the
#    download fails, it builds from source with the README's scripts (Debian/Ubuntu only).
#
# env: CI_TRIAGE_VERSION (input `version`: empty, X.Y.Z or `source`), CI_TRIAGE_RUNNER_OS,
#      CI_TRIAGE_RUNNER_ARCH (runner.os/runner.arch; uname when unset), GITHUB_ACTION_PATH,
#      RUNNER_TOOL_CACHE, RUNNER_TEMP, GITHUB_OUTPUT, GITHUB_PATH.
#      GITHUB_SERVER_URL (releases are downloaded from <server>/<repo>/releases/download, then
#      github.com's as a fallback on GHES).
#      CI_TRIAGE_TEST_DOWNLOAD_BASE: for tests only, a loopback http:// URL replacing
#      <server>/<repo>/releases/download (checksums are verified all the same).
set -euo pipefail
ACTION_PATH=${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}
CHECKSUMS=$ACTION_PATH/action/checksums.txt

log() { echo "ci-triage: $*" >&2; }
die() {
  echo "::error title=ci-triage::$*"
  echo "ci-triage: error: $*" >&2
  exit 1
}

# --- platform -------------------------------------------------------------------------------
RUNNER_OS_=${CI_TRIAGE_RUNNER_OS:-$(uname -s)}
RUNNER_ARCH_=${CI_TRIAGE_RUNNER_ARCH:-$(uname -m)}
case "$RUNNER_OS_" in
  Linux) OS=linux ;;
  macOS | Darwin) OS=macos ;;
  *) OS="" ;;
esac
case "$RUNNER_ARCH_" in
  X64 | x86_64 | amd64) ARCH=x64 ;;
  ARM64 | aarch64 | arm64) ARCH=arm64 ;;
  *) ARCH="" ;;
esac
PLATFORM="$RUNNER_OS_ $RUNNER_ARCH_"
[ -n "$OS" ] && [ -n "$ARCH" ] || die "ci-triage has no binary for $PLATFORM and cannot be built there (supported: Linux X64/ARM64, macOS X64/ARM64)"

# --- what the action's files pin ---------------------------------------------------------
pinned() {  # pinned KEY: value of a 'KEY value' line in checksums.txt
  [ -f "$CHECKSUMS" ] || return 0
  awk -v k="$1" '$1 == k { print $2; exit }' "$CHECKSUMS"
}
pinned_sha() {  # pinned_sha ASSET: the SHA-256 pinned for that asset name
  [ -f "$CHECKSUMS" ] || return 0
  awk -v a="$1" 'length($1) == 64 && $1 ~ /^[0-9a-f]+$/ && $2 == a { print $1; exit }' "$CHECKSUMS"
}
sha256_of() {
  if command -v sha256sum > /dev/null; then sha256sum "$1" | cut -d' ' -f1
  else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

emit() {  # emit BIN HOW
  local bin=$1 how=$2
  "$bin" --version > /dev/null 2>&1 || die "the ci-triage binary at $bin does not run on $PLATFORM"
  log "using $("$bin" --version 2>&1 | head -1) ($how): $bin"
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    { echo "bin=$bin"; echo "how=$how"; } >> "$GITHUB_OUTPUT"
  fi
  if [ -n "${GITHUB_PATH:-}" ]; then dirname "$bin" >> "$GITHUB_PATH"; fi
  exit 0
}

build_from_source() {  # build_from_source WHY
  local why=$1
  if [ "$OS" != linux ] || ! command -v apt-get > /dev/null; then
    die "no verified release binary of ci-triage for $PLATFORM ($why), and building from source needs Debian or Ubuntu (apt-get); use a release tag of the action on Linux or macOS"
  fi
  [ -f "$ACTION_PATH/scripts/build.sh" ] || die "no verified release binary for $PLATFORM ($why) and no sources to build at $ACTION_PATH"
  log "building from source ($why): scripts/install-deps.sh and scripts/build.sh release in $ACTION_PATH"
  bash "$ACTION_PATH/scripts/install-deps.sh" || die "installing the build dependencies on $PLATFORM failed (scripts/install-deps.sh)"
  # The binary only: the unit tests would double the build time on the user's runner.
  TARGETS=ci-triage bash "$ACTION_PATH/scripts/build.sh" release > "${RUNNER_TEMP:-/tmp}/ci-triage-build.log" 2>&1 || {
    tail -40 "${RUNNER_TEMP:-/tmp}/ci-triage-build.log" >&2
    die "building ci-triage from source on $PLATFORM failed (scripts/build.sh release)"
  }
  emit "$ACTION_PATH/build/ci-triage" source
}

REQ=${CI_TRIAGE_VERSION:-}
REQ=${REQ#v}
if [ "$REQ" = source ]; then build_from_source "version: source"; fi
VERSION=${REQ:-$(pinned version)}
if [ -z "$VERSION" ]; then build_from_source "this action ref pins no release, e.g. a branch or a SHA"; fi
[[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$ ]] \
  || die "input 'version' must be empty, 'source' or a release like 1.2.3, got '$CI_TRIAGE_VERSION'"

ASSET=ci-triage-$VERSION-$OS-$ARCH
SHA=$(pinned_sha "$ASSET")
if [ -z "$SHA" ]; then
  if [ -n "$REQ" ] && [ "$REQ" != "$(pinned version)" ]; then
    die "no SHA-256 for $ASSET is pinned in this action's action/checksums.txt: use the action's tag of that release (uses: …/ci-triage@v$VERSION) or version: source"
  fi
  build_from_source "no release asset is pinned for $PLATFORM in version $VERSION"
fi

# --- cache (the @actions/tool-cache layout) ---------------------------------------------
CACHE_ROOT=${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}}/ci-triage/$VERSION
DEST=$CACHE_ROOT/$ARCH
if [ -f "$CACHE_ROOT/$ARCH.complete" ] && [ -x "$DEST/ci-triage" ]; then
  if [ "$(sha256_of "$DEST/ci-triage")" = "$SHA" ]; then emit "$DEST/ci-triage" cache; fi
  log "the cached $DEST/ci-triage does not match the pinned SHA-256: downloading it again"
  rm -rf "$DEST" "$CACHE_ROOT/$ARCH.complete"
fi

# --- download and verify ------------------------------------------------------------------
REPO=$(pinned repository)
REPO=${REPO:-${GITHUB_ACTION_REPOSITORY:-}}
# Releases live on the server the workflow runs on: GitHub.com, or a GHES host whose copy of the
# action (actions-sync) carries the release. github.com is the fallback below; both are verified.
SERVER=${GITHUB_SERVER_URL:-https://github.com}
SERVER=${SERVER%/}
BASE=$SERVER/$REPO/releases/download
FALLBACK_BASE=""
[ "$SERVER" = https://github.com ] || FALLBACK_BASE=https://github.com/$REPO/releases/download
if [ -n "${CI_TRIAGE_TEST_DOWNLOAD_BASE:-}" ]; then
  [[ "$CI_TRIAGE_TEST_DOWNLOAD_BASE" =~ ^http://(127\.0\.0\.1|localhost)(:[0-9]+)?(/.*)?$ ]] \
    || die "CI_TRIAGE_TEST_DOWNLOAD_BASE is for tests only and must be a loopback http:// URL, got '$CI_TRIAGE_TEST_DOWNLOAD_BASE'"
  BASE=${CI_TRIAGE_TEST_DOWNLOAD_BASE%/}
  FALLBACK_BASE=""
elif [ -z "$REPO" ]; then
  build_from_source "action/checksums.txt names no repository to download from"
fi
URL=$BASE/v$VERSION/$ASSET
mkdir -p "$CACHE_ROOT"
TMP=$(mktemp "$CACHE_ROOT/.download.XXXXXX")
trap 'rm -f "$TMP"' EXIT
log "downloading $URL"
if ! curl -fsSL --retry 3 --retry-delay 2 --connect-timeout 20 -o "$TMP" "$URL"; then
  if [ -n "$FALLBACK_BASE" ] && log "downloading $URL failed; trying $FALLBACK_BASE" \
     && curl -fsSL --retry 3 --retry-delay 2 --connect-timeout 20 -o "$TMP" "$FALLBACK_BASE/v$VERSION/$ASSET"; then
    URL=$FALLBACK_BASE/v$VERSION/$ASSET
  else
    rm -f "$TMP"
    build_from_source "downloading $URL failed"
  fi
fi
GOT=$(sha256_of "$TMP")
if [ "$GOT" != "$SHA" ]; then
  rm -f "$TMP"
  die "refusing $ASSET from $URL: its SHA-256 is $GOT but this action pins $SHA (action/checksums.txt)"
fi
log "SHA-256 verified: $GOT"
rm -rf "$DEST"
mkdir -p "$DEST"
mv "$TMP" "$DEST/ci-triage"
chmod 755 "$DEST/ci-triage"
touch "$CACHE_ROOT/$ARCH.complete"
emit "$DEST/ci-triage" download
