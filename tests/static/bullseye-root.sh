#!/usr/bin/env bash
# Makes (once) a minimal Debian bullseye root (glibc 2.31) with debootstrap and prints its path.
# The root is cached outside the repository: $CI_TRIAGE_CACHE/bullseye-root (default /var/cache/ci-triage).
# Needs root and a reachable Debian mirror (DEBIAN_MIRROR, default http://deb.debian.org/debian).
set -euo pipefail
CACHE=${CI_TRIAGE_CACHE:-/var/cache/ci-triage}
ROOT=$CACHE/bullseye-root
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
if [ -f "$ROOT/.complete" ]; then echo "$ROOT"; exit 0; fi
[ "$(id -u)" -eq 0 ] || { echo "bullseye-root: error: debootstrap and chroot need root" >&2; exit 1; }
# Ubuntu hosts (GitHub's runners) need Debian's archive keyring to verify bullseye.
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
if ! command -v debootstrap > /dev/null || [ ! -f "$KEYRING" ]; then
  echo "bullseye-root: installing debootstrap and debian-archive-keyring" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap debian-archive-keyring > /dev/null
fi
mkdir -p "$CACHE"
rm -rf "$ROOT" "$ROOT.tmp"
LOG=$CACHE/bullseye-root.log
echo "bullseye-root: debootstrap --variant=minbase bullseye $ROOT (log: $LOG)" >&2
if ! debootstrap --variant=minbase --keyring="$KEYRING" bullseye "$ROOT.tmp" "$MIRROR" > "$LOG" 2>&1; then
  tail -20 "$LOG" >&2
  echo "bullseye-root: error: debootstrap bullseye from $MIRROR failed (see $LOG)" >&2
  exit 1
fi
mv "$ROOT.tmp" "$ROOT"
touch "$ROOT/.complete"
echo "$ROOT"
