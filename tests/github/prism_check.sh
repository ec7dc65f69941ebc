#!/usr/bin/env bash
# Validates every request `ci-triage github` sends against GitHub's OpenAPI description
# (@octokit/openapi@23.0.2 generated/api.github.com.json) with @stoplight/prism-cli@5.14.2 as a
# validating proxy in front of tests/github/fake_github.py.  Installs both (once, outside the
# repository) when missing.  Offline once installed.  Fails on any request violation.
# usage: bash tests/github/prism_check.sh BIN [--keep-log FILE]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BIN=${1:?usage: prism_check.sh BIN}
shift
NPM_DIR=$(bash "$ROOT/scripts/install-gh-test-tools.sh" npm)
exec /usr/bin/python3 "$HERE/prism_check.py" "$BIN" --npm-dir "$NPM_DIR" "$@"
