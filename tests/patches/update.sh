#!/usr/bin/env bash
# Regenerates tests/patches/*/expected.{patch,txt} from the current binary.
# Review `git diff tests/patches` before committing: goldens are never hand-edited.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tests/patches/run.sh "${1:-build/ci-triage}" --update || true
