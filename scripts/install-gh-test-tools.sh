#!/usr/bin/env bash
# Installs the tools the GitHub-loop checks need, OUTSIDE the repository, on a cold machine too.
# usage: scripts/install-gh-test-tools.sh npm|css|render|sarif|all
#   npm     @stoplight/prism-cli@5.16.0, @octokit/openapi@23.0.2, github-markdown-css@5.9.0 into
#           $CI_TRIAGE_NPM_DIR (default /var/cache/ci-triage/npm, or ~/.cache/ci-triage/npm when
#           /var/cache is not writable); prints that directory on stdout (node_modules/ inside it)
#   css     only github-markdown-css@5.9.0 (small), same directory and output
#   render  Debian cmark-gfm, chromium, fonts-noto-color-emoji (apt-get, as root)
#   sarif   @microsoft/sarif-multitool@5.7.0 (a self-contained Linux binary; npm here skips its
#           postinstall, so the binary is made executable here); prints the Sarif.Multitool path
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

install_npm() {   # install_npm SPEC... (name@version, pinned)
  command -v node > /dev/null && command -v npm > /dev/null || apt_install nodejs npm
  local dir; dir=$(npm_dir)
  mkdir -p "$dir"
  local want=("$@")
  local need=()
  for spec in "${want[@]}"; do
    local name=${spec%@*} ver=${spec##*@}
    local have
    have=$(node -e "try{console.log(require('$dir/node_modules/$name/package.json').version)}catch(e){}" 2> /dev/null || true)
    [ "$have" = "$ver" ] || need+=("$spec")
  done
  if [ ${#need[@]} -gt 0 ]; then
    log "npm install ${need[*]} into $dir (once; all three: ~460 MB)"
    [ -f "$dir/package.json" ] || echo '{"name":"ci-triage-test-tools","private":true}' > "$dir/package.json"
    # prism 5.16 declares node >= 24 but runs on Debian/NodeSource node 20 (tested)
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error "${need[@]}" >&2)
  fi
  echo "$dir"
}

install_render() {
  apt_install cmark-gfm chromium fonts-noto-color-emoji
}

ALL_NPM=("@stoplight/prism-cli@5.16.0" "@octokit/openapi@23.0.2" "github-markdown-css@5.9.0")
install_sarif() {
  local dir; dir=$(install_npm "@microsoft/sarif-multitool@5.7.0")
  local bin=$dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
  [ -f "$bin" ] || { log "no Sarif.Multitool in $dir (the linux package was not installed)"; exit 1; }
  chmod u+x "$bin"
  echo "$bin"
}

case "$what" in
  sarif) install_sarif ;;
  npm) install_npm "${ALL_NPM[@]}" ;;
  css) install_npm "github-markdown-css@5.9.0" ;;
  render) install_render ;;
  all) install_render; install_npm "${ALL_NPM[@]}" ;;
  *) echo "usage: $0 npm|css|render|sarif|all" >&2; exit 2 ;;
esac
