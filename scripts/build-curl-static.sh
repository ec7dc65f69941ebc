#!/usr/bin/env bash
# Builds a minimal static libcurl (HTTP/HTTPS only: OpenSSL, nghttp2, zlib, threaded resolver) from
# Debian's curl source package, for the fully static Linux binary (scripts/build.sh static).
# Debian's own libcurl.a cannot be linked statically (it needs Kerberos, p11-kit, libpsl, ... as .a).
#
# usage: scripts/build-curl-static.sh        prints the install prefix on stdout
# env:   CI_TRIAGE_CACHE (default /var/cache/ci-triage): the build is cached in
#        $CI_TRIAGE_CACHE/curl-static-<arch>/ (outside the repository) and reused when complete.
#        JOBS: parallel make jobs.
# Needs root (or sudo) to install libssl-dev, libnghttp2-dev, zlib1g-dev, dpkg-dev when they are missing.
set -euo pipefail
CACHE=${CI_TRIAGE_CACHE:-/var/cache/ci-triage}
ARCH=$(dpkg --print-architecture)

. /etc/os-release
BASE=$CACHE/curl-static-${ID:-linux}-${VERSION_CODENAME:-x}-$ARCH
PREFIX=$BASE/prefix
log() { echo "build-curl-static: $*" >&2; }
die() { echo "build-curl-static: error: $*" >&2; exit 1; }

SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
missing=()
for p in dpkg-dev libssl-dev libnghttp2-dev zlib1g-dev make gcc pkg-config; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi
# Checked after the install above, never before: the static link of ci-triage needs libssl.a,
# libnghttp2.a and libz.a from those packages, so a cached libcurl must not skip asking for them.
if [ -f "$PREFIX/.complete" ]; then echo "$PREFIX"; exit 0; fi

mkdir -p "$BASE"
cd "$BASE"
# A private apt configuration with deb-src lines, so the system's sources are left alone.
APT=$BASE/apt
mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial"
# The curl source of the distribution we build on (Debian or Ubuntu), verified with its keyring.

case "${ID:-}" in
  debian) MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
          SECURITY=${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
          KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg ;;
  ubuntu) MIRROR=${UBUNTU_MIRROR:-http://archive.ubuntu.com/ubuntu}
          SECURITY=$MIRROR
          KEYRING=/usr/share/keyrings/ubuntu-archive-keyring.gpg ;;
  *) die "building libcurl from source needs Debian or Ubuntu (this is '${ID:-unknown}')" ;;
esac
SUITE=${CURL_SUITE:-${VERSION_CODENAME:?no VERSION_CODENAME in /etc/os-release}}
{
  echo "deb-src [signed-by=$KEYRING] $MIRROR $SUITE main"
  echo "deb-src [signed-by=$KEYRING] $MIRROR $SUITE-updates main"
  echo "deb-src [signed-by=$KEYRING] $SECURITY $SUITE-security main"
} > "$APT/sources.list"
APTOPTS=(-o "Dir::Etc::SourceList=$APT/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
         -o "Dir::State::Lists=$APT/lists" -o "Dir::Cache=$APT/cache" -o "APT::Get::Only-Source=true")
if [ ! -d "$BASE/src" ]; then
  log "fetching the curl source package ($ID $SUITE)"
  apt-get "${APTOPTS[@]}" update -qq > "$BASE/apt.log" 2>&1 || { cat "$BASE/apt.log" >&2; die "apt-get update (deb-src $MIRROR $SUITE) failed"; }
  rm -rf "$BASE/dl" && mkdir -p "$BASE/dl"
  (cd "$BASE/dl" && apt-get "${APTOPTS[@]}" source -qq curl >> "$BASE/apt.log" 2>&1) \
    || { tail -20 "$BASE/apt.log" >&2; die "apt-get source curl failed"; }
  SRC=$(find "$BASE/dl" -mindepth 1 -maxdepth 1 -type d -name 'curl-*' | head -1)
  [ -n "$SRC" ] || die "apt-get source curl produced no source directory"
  mv "$SRC" "$BASE/src"
fi

log "configuring and building libcurl in $BASE/src (log: $BASE/build.log)"
cd "$BASE/src"
rm -rf "$PREFIX"
{
  ./configure --prefix="$PREFIX" --disable-shared --enable-static --with-pic \
    --with-openssl --with-nghttp2 --with-zlib \
    --without-libpsl --without-libidn2 --without-librtmp --without-libssh2 --without-brotli --without-zstd \
    --without-gssapi --without-ca-bundle --without-ca-path --without-ca-fallback \
    --disable-ldap --disable-ldaps --disable-rtsp --disable-dict --disable-telnet --disable-tftp \
    --disable-pop3 --disable-imap --disable-smtp --disable-gopher --disable-mqtt --disable-smb \
    --disable-ftp --disable-file --disable-manual --disable-docs --enable-threaded-resolver
  make -j "${JOBS:-$(nproc)}" -C lib
  make -C lib install
  make -C include install
  make install-pkgconfigDATA install-binSCRIPTS
} > "$BASE/build.log" 2>&1 || { tail -30 "$BASE/build.log" >&2; die "libcurl build failed (see $BASE/build.log)"; }
[ -f "$PREFIX/lib/libcurl.a" ] || die "no $PREFIX/lib/libcurl.a after the build"
touch "$PREFIX/.complete"
log "done: $PREFIX/lib/libcurl.a"
echo "$PREFIX"
