#!/usr/bin/env bash
# Installs the tools the GitHub-loop checks need, OUTSIDE the repository, on a cold machine too.
# usage: scripts/install-gh-test-tools.sh npm|css|render|sarif|node|all
#   npm     the locked tree of scripts/npm-tools (npm ci): @stoplight/prism-cli@5.14.2,
#           @octokit/openapi@23.0.2, github-markdown-css@5.9.0, @microsoft/sarif-multitool@5.7.0
#           into $CI_TRIAGE_NPM_DIR (default /var/cache/ci-triage/npm, or ~/.cache/ci-triage/npm
#           when /var/cache is not writable); prints that directory on stdout (node_modules/ inside it)
#   css     only github-markdown-css@5.9.0 (small, no dependencies); prints the directory that
#           holds it in node_modules/ (the npm directory when the locked tree is there, else css/ in it)
#   render  Debian cmark-gfm, chromium, fonts-noto-color-emoji (apt-get, as root)
#   sarif   the locked tree (as npm); the Multitool is a self-contained Linux binary, made
#           executable here in case npm skipped its postinstall; prints the Sarif.Multitool path
#   node    node and npm only (Debian nodejs and npm when there are none on PATH)
# Everything is pinned and installed only when missing; a warm machine does nothing (< 1 s).
set -euo pipefail
what=${1:-all}
log() { echo "install-gh-test-tools: $*" >&2; }

apt_install() {   # apt_install PKG... (only the missing ones)
  local missing=()
  for p in "$@"; do dpkg -s "$p" > /dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "apt-get install ${missing[*]}"
  local sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
  # another apt may hold the lock for a while (unattended upgrades, a parallel install)
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${missing[@]}" > /dev/null \
    || { $sudo apt-get -o DPkg::Lock::Timeout=600 update > /dev/null && \
         $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${missing[@]}" > /dev/null; }
}

npm_dir() {
  if [ -n "${CI_TRIAGE_NPM_DIR:-}" ]; then echo "$CI_TRIAGE_NPM_DIR"
  elif mkdir -p /var/cache/ci-triage/npm 2> /dev/null && [ -w /var/cache/ci-triage/npm ]; then echo /var/cache/ci-triage/npm
  else echo "${XDG_CACHE_HOME:-$HOME/.cache}/ci-triage/npm"; fi
}

install_node() {
  command -v node > /dev/null && command -v npm > /dev/null || apt_install nodejs npm
}

# The npm tree is locked (scripts/npm-tools/package-lock.json, every transitive version and its
# integrity hash), so it does not drift with the registry. prism-cli 5.14.2 is the newest whose
# tree supports Debian 12's Node.js 18 (prism 5.15+ declares node >= 24 and loads the ESM-only
# faker 10, which node 18 cannot require()); package.json's overrides keep prism-cli's own
# ^ranges on 5.12-era packages (and jsep on a node-18 release).
LOCK_DIR=$(cd "$(dirname "$0")" && pwd)/npm-tools
locked_current() {   # locked_current DIR: the locked tree of this lockfile is installed in DIR
  [ -d "$1/node_modules" ] && [ "$(cat "$1/.lock.sha256" 2> /dev/null)" = "$(sha256sum < "$LOCK_DIR/package-lock.json" | cut -d' ' -f1)" ]
}

install_npm() {
  local dir; dir=$(npm_dir)
  if ! locked_current "$dir"; then
    install_node
    mkdir -p "$dir"
    log "npm ci: scripts/npm-tools (prism-cli, @octokit/openapi, github-markdown-css, sarif-multitool) into $dir (once per lockfile; ~580 MB)"
    rm -f "$dir/.lock.sha256"
    cp "$LOCK_DIR/package.json" "$LOCK_DIR/package-lock.json" "$dir/"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
    sha256sum < "$LOCK_DIR/package-lock.json" | cut -d' ' -f1 > "$dir/.lock.sha256"
  fi
  echo "$dir"
}

install_css() {   # github-markdown-css alone: from the locked tree when it is installed
  local dir; dir=$(npm_dir)
  if locked_current "$dir"; then echo "$dir"; return; fi
  install_node
  dir=$dir/css
  mkdir -p "$dir"
  local have
  have=$(node -e "try{console.log(require('$dir/node_modules/github-markdown-css/package.json').version)}catch(e){}" 2> /dev/null || true)
  if [ "$have" != 5.9.0 ]; then
    log "npm install github-markdown-css@5.9.0 into $dir"
    [ -f "$dir/package.json" ] || echo '{"name":"ci-triage-markdown-css","private":true}' > "$dir/package.json"
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error github-markdown-css@5.9.0 >&2)
  fi
  echo "$dir"
}

install_render() {
  apt_install cmark-gfm chromium fonts-noto-color-emoji
}

install_sarif() {
  local dir; dir=$(install_npm)
  local bin=$dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
  [ -f "$bin" ] || { log "no Sarif.Multitool in $dir (the linux package was not installed)"; exit 1; }
  chmod u+x "$bin"
  echo "$bin"
}

case "$what" in
  npm) install_npm ;;
  css) install_css ;;
  render) install_render ;;
  sarif) install_sarif ;;
  node) install_node ;;
  all) install_render; install_npm ;;
  *) echo "usage: $0 npm|css|render|sarif|node|all" >&2; exit 2 ;;
esac
