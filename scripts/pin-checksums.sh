#!/usr/bin/env bash
# Pins the SHA-256 of a release's binaries inside the action's files (action/checksums.txt),
# which action/install.sh checks every download against. Run by .github/workflows/release.yml
# before it moves the release tag and v<major> to the commit holding the pins.
# usage: scripts/pin-checksums.sh VERSION OWNER/REPO DIST_DIR
#        DIST_DIR holds ci-triage-VERSION-<linux|macos>-<x64|arm64>; lines of earlier versions are kept.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 3 ] || { echo "usage: scripts/pin-checksums.sh VERSION OWNER/REPO DIST_DIR" >&2; exit 2; }
VERSION=${1#v} REPO=$2 DIST=$3
[[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "pin-checksums: error: version must be X.Y.Z, got '$1'" >&2; exit 2; }
[[ "$REPO" =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]] || { echo "pin-checksums: error: repository must be OWNER/NAME, got '$2'" >&2; exit 2; }
shopt -s nullglob
ASSETS=("$DIST"/ci-triage-"$VERSION"-*)
[ ${#ASSETS[@]} -gt 0 ] || { echo "pin-checksums: error: no ci-triage-$VERSION-* assets in $DIST" >&2; exit 1; }
OUT=action/checksums.txt
TMP=$(mktemp)
grep '^#' "$OUT" > "$TMP" || true
echo "repository $REPO" >> "$TMP"
echo "version $VERSION" >> "$TMP"
for a in "${ASSETS[@]}"; do
  name=$(basename "$a")
  [[ "$name" =~ ^ci-triage-$VERSION-(linux|macos)-(x64|arm64)$ ]] || { echo "pin-checksums: error: unexpected asset name '$name'" >&2; exit 1; }
  sha=$( (command -v sha256sum > /dev/null && sha256sum "$a") || shasum -a 256 "$a")
  echo "${sha%% *}  $name" >> "$TMP"
done
# Earlier releases stay pinned, so `version: X.Y.Z` keeps working from newer tags.
grep -E '^[0-9a-f]{64}  ' "$OUT" | grep -v -E "  ci-triage-$VERSION-" >> "$TMP" || true
mv "$TMP" "$OUT"
chmod 644 "$OUT"
echo "pin-checksums: pinned ${#ASSETS[@]} asset(s) of $VERSION in $OUT"
