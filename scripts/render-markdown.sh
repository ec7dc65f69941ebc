#!/usr/bin/env bash
# Renders a GitHub-flavoured Markdown file as GitHub shows it and screenshots it to a PNG.
# Installs cmark-gfm, chromium and github-markdown-css (outside the repo) when missing.
# usage: bash scripts/render-markdown.sh IN.md OUT.png [--html OUT.html] [--width N] [--strict]
# (details: scripts/render-markdown.py)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
bash "$ROOT/scripts/install-gh-test-tools.sh" render
NPM_DIR=$(bash "$ROOT/scripts/install-gh-test-tools.sh" css)
export GITHUB_MARKDOWN_CSS="$NPM_DIR/node_modules/github-markdown-css/github-markdown-light.css"
exec /usr/bin/python3 "$ROOT/scripts/render-markdown.py" "$@"
