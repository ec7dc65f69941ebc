#!/usr/bin/env bash
# Proves the static Linux binary: `file` says statically linked, `ldd` says not a dynamic
# executable, and inside a Debian bullseye root (glibc 2.31, older than ubuntu-22.04's 2.35;
# made once with debootstrap, cached outside the repository by tests/static/bullseye-root.sh)
# it triages corpus logs exactly as on the build machine. When the binary has the
# `github` command, it also runs it in the root against the fake GitHub API (tests/github).
# usage: tests/static/run.sh [BINARY]      (default build-static/ci-triage.stripped; needs root)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT_DIR=$PWD
BIN=$(realpath "${1:-build-static/ci-triage.stripped}")
fail() { echo "static test: FAIL: $*" >&2; exit 1; }
[ -x "$BIN" ] || fail "no binary at $BIN (bash scripts/build.sh static)"

FILE_OUT=$(file -L "$BIN")
grep -q "statically linked" <<< "$FILE_OUT" || fail "file: $FILE_OUT"
LDD_OUT=$(ldd "$BIN" 2>&1 || true)
grep -q "not a dynamic executable" <<< "$LDD_OUT" || fail "ldd: $LDD_OUT"
echo "static test: file: statically linked; ldd: not a dynamic executable; size $(stat -c %s "$BIN") bytes"

CHROOT=$(bash tests/static/bullseye-root.sh)
GLIBC=$(chroot "$CHROOT" /usr/bin/ldd --version | sed -n 1p)
grep -q "2\.31" <<< "$GLIBC" || fail "the bullseye root does not have glibc 2.31: $GLIBC"
echo "static test: root $CHROOT ($GLIBC)"

WORK=$(mktemp -d "$CHROOT/tmp/ci-triage-static.XXXXXX")
HOSTWORK=$(mktemp -d)
trap 'rm -rf "$WORK" "$HOSTWORK"' EXIT
IN=/tmp/$(basename "$WORK")
cp "$BIN" "$WORK/ci-triage"
cp "$BIN" "$HOSTWORK/ci-triage"
LOGS=(examples/pytest-missing-module.log examples/registry-push-denied.log examples/rollout-crashloop.log)
for log in "${LOGS[@]}"; do
  cp "$log" "$WORK/"; cp "$log" "$HOSTWORK/"
done
chroot "$CHROOT" "$IN/ci-triage" --version > /dev/null || fail "ci-triage --version failed in the bullseye root"
for log in "${LOGS[@]}"; do
  name=$(basename "$log")
  for fmt in json markdown; do
    chroot "$CHROOT" /bin/sh -c "cd $IN && ./ci-triage analyze --format $fmt $name" > "$HOSTWORK/chroot.$fmt" \
      || fail "ci-triage analyze $name failed in the bullseye root"
    (cd "$HOSTWORK" && ./ci-triage analyze --format "$fmt" "$name") > "$HOSTWORK/host.$fmt"
    cmp -s "$HOSTWORK/chroot.$fmt" "$HOSTWORK/host.$fmt" || {
      diff "$HOSTWORK/host.$fmt" "$HOSTWORK/chroot.$fmt" | head -20 >&2
      fail "$name: the $fmt report in the bullseye root differs from the build machine's"
    }
  done
done
# The bundled pytest log: the cause is the missing 'yaml' module (PyYAML).
grep -q '"category": *"imports"' <(chroot "$CHROOT" /bin/sh -c "cd $IN && ./ci-triage analyze --format json pytest-missing-module.log") \
  || fail "pytest-missing-module.log: no imports finding in the bullseye root"
echo "static test: ${#LOGS[@]} corpus logs triaged in the bullseye root, reports identical to the build machine's"

# HTTPS with the static libcurl and the CA lookup (github/ca_bundle.h), in the root: a local
# TLS server with a self-signed certificate is trusted through SSL_CERT_FILE, and refused without.
PROBE=$(dirname "$BIN")/ci-triage-https-probe
if [ -x "$PROBE" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
    -keyout "$HOSTWORK/key.pem" -out "$WORK/cert.pem" 2> /dev/null || fail "openssl could not make a test certificate"
  echo "hello from the TLS test server" > "$HOSTWORK/hello.txt"
  /usr/bin/python3 - "$HOSTWORK" "$WORK/cert.pem" > "$HOSTWORK/tls.port" 2> "$HOSTWORK/tls.err" <<'PY' &
import http.server, ssl, sys, os
os.chdir(sys.argv[1])
httpd = http.server.HTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[2], os.path.join(sys.argv[1], "key.pem"))
httpd.socket = ctx.wrap_socket(httpd.socket, server_side=True)
print(httpd.server_address[1], flush=True)
httpd.serve_forever()
PY
  TLS=$!
  trap 'kill $TLS 2>/dev/null || true; rm -rf "$WORK" "$HOSTWORK"' EXIT
  for _ in $(seq 100); do [ -s "$HOSTWORK/tls.port" ] && break; sleep 0.1; done
  URL="https://127.0.0.1:$(cat "$HOSTWORK/tls.port")/hello.txt"
  cp "$PROBE" "$WORK/https-probe"
  OUT=$(chroot "$CHROOT" /usr/bin/env -i SSL_CERT_FILE="$IN/cert.pem" "$IN/https-probe" "$URL" 2>&1) \
    || fail "HTTPS with SSL_CERT_FILE failed in the bullseye root: $OUT"
  grep -qF "HTTP 200 31 bytes (CA: SSL_CERT_FILE $IN/cert.pem)" <<< "$OUT" || fail "unexpected probe output: $OUT"
  if OUT=$(chroot "$CHROOT" /usr/bin/env -i "$IN/https-probe" "$URL" 2>&1); then
    fail "the self-signed certificate was accepted without SSL_CERT_FILE: $OUT"
  fi
  echo "static test: HTTPS in the bullseye root: HTTP 200 with SSL_CERT_FILE; refused without it: ${OUT##*: }"
  # ci-triage github itself over HTTPS (GITHUB_API_URL on the TLS server, which answers 404):
  # the handshake must pass with the CA from SSL_CERT_FILE and fail without it.
  echo '{}' > "$WORK/event-empty.json"
  GH=(/usr/bin/env -i GITHUB_API_URL="https://127.0.0.1:$(cat "$HOSTWORK/tls.port")" GITHUB_REPOSITORY=o/r
      GITHUB_RUN_ID=1 GITHUB_EVENT_NAME=push GITHUB_EVENT_PATH="$IN/event-empty.json" RUNNER_TEMP="$IN")
  OUT=$(chroot "$CHROOT" "${GH[@]}" SSL_CERT_FILE="$IN/cert.pem" "$IN/ci-triage" github --comment never --no-summary --timeout 20 2>&1)
  grep -q "HTTP 404" <<< "$OUT" || fail "ci-triage github over HTTPS with SSL_CERT_FILE in the root: $OUT"
  OUT=$(chroot "$CHROOT" "${GH[@]}" "$IN/ci-triage" github --comment never --no-summary --timeout 20 2>&1)
  grep -q "SSL certificate problem" <<< "$OUT" || fail "ci-triage github trusted an unknown certificate: $OUT"
  echo "static test: ci-triage github over HTTPS in the bullseye root: the API answered with SSL_CERT_FILE, refused without it"
  kill $TLS 2> /dev/null || true
  # A real name and a real certificate chain: DNS through the static glibc in the old root, and
  # TLS with the host's CA bundle passed in SSL_CERT_FILE. Only when the host itself gets there.
  MIRROR_URL=${DEBIAN_MIRROR:-http://deb.debian.org/debian}/dists/bullseye/Release.gpg
  if "$PROBE" "$MIRROR_URL" > /dev/null 2>&1; then
    OUT=$(chroot "$CHROOT" /usr/bin/env -i "$IN/https-probe" "$MIRROR_URL" 2>&1) \
      || fail "DNS + HTTP in the bullseye root failed while the host gets $MIRROR_URL: $OUT"
    HTTPS_URL=https://${MIRROR_URL#http://}
    if HOST_OUT=$("$PROBE" "$HTTPS_URL" 2>&1); then
      HOST_CA=$(sed -n 's/.*(CA: [A-Za-z_]* \(.*\))$/\1/p' <<< "$HOST_OUT")
      [ -f "$HOST_CA" ] && cp "$HOST_CA" "$WORK/host-ca.pem"
      OUT=$(chroot "$CHROOT" /usr/bin/env -i SSL_CERT_FILE="$IN/host-ca.pem" "$IN/https-probe" "$HTTPS_URL" 2>&1) \
        || fail "HTTPS to $HTTPS_URL in the bullseye root failed while it works on the host: $OUT"
      echo "static test: DNS and HTTPS to $HTTPS_URL from the bullseye root: ${OUT%% (*}"
    else
      echo "static test: DNS and HTTP from the bullseye root: ok (HTTPS skipped: the host gets no TLS to the mirror: ${HOST_OUT##*: })"
    fi
  else
    echo "static test: SKIPPED DNS from the root: the host cannot reach $MIRROR_URL"
  fi
else
  echo "static test: SKIPPED the HTTPS probe: no $PROBE"
fi

if grep -q "ci-triage github" <<< "$("$BIN" --help 2>&1)"; then
  python=/usr/bin/python3
  READY=$HOSTWORK/fake.ready
  $python tests/github/fake_github.py --port 0 --scenario tests/github/scenarios/basic.json > "$READY" 2> "$HOSTWORK/fake.err" &
  FAKE=$!
  trap 'kill $FAKE 2>/dev/null || true; rm -rf "$WORK" "$HOSTWORK"' EXIT
  for _ in $(seq 100); do [ -s "$READY" ] && break; sleep 0.1; done
  API=$($python -c 'import json,sys; print(json.load(open(sys.argv[1]))["api"])' "$READY")
  mapfile -d '' ENVS < <($python -c 'import json,sys,urllib.request; d=json.load(urllib.request.urlopen(sys.argv[1]+"/_control/env")); sys.stdout.write("".join(f"{k}={v}\0" for k,v in d.items()))' "$API")
  $python -c 'import sys,urllib.request; sys.stdout.buffer.write(urllib.request.urlopen(sys.argv[1]+"/_control/event").read())' "$API" > "$WORK/event.json"
  # GITHUB_ACTIONS=true, as on a runner: the summary and the outputs are written.
  chroot "$CHROOT" /usr/bin/env -i PATH=/usr/bin:/bin "${ENVS[@]}" GITHUB_ACTIONS=true GITHUB_TOKEN=fake-token \
      GITHUB_EVENT_PATH="$IN/event.json" \
      GITHUB_STEP_SUMMARY="$IN/summary.md" GITHUB_OUTPUT="$IN/output" RUNNER_TEMP="$IN" \
      "$IN/ci-triage" github --comment never > "$HOSTWORK/github.out" 2>&1 \
    || { cat "$HOSTWORK/github.out" >&2; fail "ci-triage github failed in the bullseye root"; }
  # basic.json: unit-tests failed on a missing module (tests/github/logs/dev-imports-crypto.log).
  grep -qx 'primary-category=imports' "$WORK/output" || fail "ci-triage github in the root: $(cat "$WORK/output")"
  [ -s "$WORK/summary.md" ] || fail "ci-triage github wrote no job summary in the root"
  echo "static test: ci-triage github against the fake API in the bullseye root: $(grep '^primary-category=' "$WORK/output")"
else
  echo "static test: SKIPPED ci-triage github in the root: this binary has no 'github' command yet"
fi
echo "static test: passed"
