#!/usr/bin/env bash
# Installs what ci-triage needs to build and test, from Debian/Ubuntu packages.
# Idempotent: installs only what is missing. Needs root (or sudo).
set -euo pipefail
# libvectorscan-dev: Hyperscan's portable fork (x86-64 and arm64), the literal prefilter.
# libtomlplusplus-dev: parses pyproject.toml for the patch generators (errors, source lines).
PKGS=(cmake ninja-build g++ pkg-config libcurl4-openssl-dev rapidjson-dev libfmt-dev libcxxopts-dev
      libboost-test-dev libre2-dev libvectorscan-dev libtomlplusplus-dev python3)
# --test: tests/patches re-runs the real tools on patched fixtures (git apply, mypy, pytest, pip's
# parser, PyYAML); its req-* fixtures run `pip install --dry-run --no-index`, which must find
# every other requirement they name installed (attrs, click, six, toml) to reach the one the
# patch added. cmark-gfm renders Markdown as GitHub does (autolink extension) for tests/cli and
# tests/github; tests/static/run.sh needs file and openssl; tests/action runs action/install.sh,
# which downloads the release binary with curl (as on GitHub's runners); the ctest 'schema'
# validates reports with python3-jsonschema; clang + libclang-rt-14-dev: libFuzzer, ASan and
# UBSan for tests/fuzz (scripts/fuzz.sh); ccache makes the builds of a second scripts/test.sh
# compile only what changed (CMake uses it when present). (Chromium, Node.js and the npm tools:
# scripts/install-gh-test-tools.sh.)
if [ "${1:-}" = "--test" ]; then
  PKGS+=(ccache clang-format ripgrep time git python3-pytest python3-mypy python3-pip python3-setuptools python3-yaml
         python3-attr python3-click python3-six python3-toml python3-jsonschema cmark-gfm file openssl curl
         clang libclang-rt-14-dev)
fi
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
