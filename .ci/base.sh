#!/usr/bin/env bash
# Prints the path of the pristine Debian base tarball for the clean room (.ci/run), making it
# once with debootstrap. Only this tarball is cached: nothing is ever installed into it, and
# every CI run unpacks a fresh copy.
#
# The root is `debootstrap --variant=minbase` (essential packages + apt: what Docker's
# debian:bookworm image holds), with the apt sources of a fresh install (SUITE, -updates,
# -security from deb.debian.org). It is verified with Debian's archive keyring.
#
# Cache key: $CI_TRIAGE_CACHE/cleanroom/base/debian-SUITE-ARCH-minbase-debootstrap_VERSION-YYYYMMDD.tar.gz
# (the suite, the debootstrap version that made it, the day it was made). A tarball older than
# CI_TRIAGE_BASE_MAX_AGE_DAYS (default 30) is made again, so the base follows Debian's point
# releases; older tarballs are deleted once a new one is complete.
# usage: .ci/base.sh [SUITE]        (default bookworm; needs root)
set -euo pipefail
SUITE=${1:-bookworm}
CACHE=${CI_TRIAGE_CACHE:-/var/cache/ci-triage}
DIR=$CACHE/cleanroom/base
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECURITY=${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
MAX_AGE_DAYS=${CI_TRIAGE_BASE_MAX_AGE_DAYS:-30}
. "$(dirname "$0")/lib.sh"
log() { echo "cleanroom base: $*" >&2; }
die() { echo "cleanroom base: error: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "debootstrap needs root"

# debootstrap runs on the host (CI tooling, never inside the clean room).
if ! command -v debootstrap > /dev/null || [ ! -f "$KEYRING" ]; then
  log "installing debootstrap and debian-archive-keyring on the host"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
    debootstrap debian-archive-keyring > /dev/null
fi
ARCH=$(dpkg --print-architecture)
DBS=$(dpkg-query -W -f='${Version}' debootstrap)
STEM=debian-$SUITE-$ARCH-minbase-debootstrap_$DBS
mkdir -p "$DIR"

exec 9> "$DIR/.lock"   # one maker at a time; a second run waits and then reuses the result
flock 9
newest=$(find "$DIR" -maxdepth 1 -name "$STEM-*.tar.gz" -mtime "-$MAX_AGE_DAYS" | sort | tail -1)
if [ -n "$newest" ]; then echo "$newest"; exit 0; fi

OUT=$DIR/$STEM-$(date -u +%Y%m%d).tar.gz
TMP=$(mktemp -d "$DIR/make.XXXXXX")
trap 'remove_tree "$TMP"' EXIT
LOG=$DIR/debootstrap.log
log "debootstrap --variant=minbase $SUITE ($ARCH, debootstrap $DBS) from $MIRROR (log: $LOG)"
t0=$SECONDS
debootstrap --variant=minbase --arch="$ARCH" --keyring="$KEYRING" "$SUITE" "$TMP/root" "$MIRROR" > "$LOG" 2>&1 \
  || { tail -20 "$LOG" >&2; die "debootstrap $SUITE failed (see $LOG)"; }
R=$TMP/root
# The sources of a fresh install; no package lists and no .deb files (apt-get update is the
# first thing a fresh machine needs, and the install scripts do it).
rm -f "$R/etc/apt/sources.list"
cat > "$R/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $MIRROR
Suites: $SUITE $SUITE-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $SECURITY
Suites: $SUITE-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
rm -rf "$R"/var/lib/apt/lists/* "$R"/var/cache/apt/archives/*.deb "$R"/var/cache/apt/*.bin
mkdir -p "$R/var/lib/apt/lists/partial" "$R/var/cache/apt/archives/partial"
# What debootstrap copied from the host is replaced at run time (.ci/run): resolv.conf, hosts.
rm -f "$R/etc/resolv.conf" "$R/etc/hostname"
chroot "$R" dpkg-query -W -f='${Package} ${Version}\n' > "${OUT%.tar.gz}.packages"
tar --numeric-owner -C "$R" -czf "$TMP/base.tar.gz" .
mv "$TMP/base.tar.gz" "$OUT"
find "$DIR" -maxdepth 1 -name "debian-$SUITE-$ARCH-minbase-*" ! -name "$(basename "${OUT%.tar.gz}").*" -delete
log "made $OUT ($(du -h "$OUT" | cut -f1), $(wc -l < "${OUT%.tar.gz}.packages") packages) in $((SECONDS - t0)) s"
echo "$OUT"
