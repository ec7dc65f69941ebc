#!/bin/bash
# Nim cases for tests/corpus/toolchain/ from REAL tool runs: Debian 12's nim (the compiler run as
# the job's test step, `nim c -r`).
#
#   bash tests/corpus/gen/cases_nim.sh                    # all cases here
#   bash tests/corpus/gen/cases_nim.sh nim_import_missing # only some
#
# Reuses make_cases.sh (sourced: proj, cap, spec, wrap_gha.py) with its own scratch space
# (/tmp/ci-corpus-nim) and repositories named nim-* under /home/runner/work.  Needs: nim (Debian);
# nothing leaves the machine (no nimble package is fetched).
set -u
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=make_cases.sh
source "$HERE/make_cases.sh"
W=/tmp/ci-corpus-nim
G=toolchain
mkdir -p "$W"
NIMV="Nim $(nim --version 2>/dev/null | head -1 | awk '{print $4}')"
NOTE_NIM="Tool output really captured on Debian 12 ($NIMV, Debian's nim) in a throwaway project at /home/runner/work/REPO/REPO, step script run as the runner does (bash -e /home/runner/work/_temp/UUID.sh, stdout+stderr together). Synthetic: timestamps, runner preamble, checkout group, step headers, ##[error]/post-job lines. Generator: tests/corpus/gen/cases_nim.sh + wrap_gha.py."
hdr() { spec_head "$NOTE_NIM" "$1" "$2" "$3" "$4" "$5" "$NIMV" "${6:-}"; }

nim_import_missing() {
  local C=imports-nim-cannot-open-file-package-not-installed
  proj ledgerline/nim-grammar-tools
  mkdir -p src tests
  cat > grammar_tools.nimble <<'EOF'
version       = "0.1.0"
author        = "ledgerline"
description   = "Grammar helpers"
license       = "MIT"
srcDir        = "src"

requires "nim >= 1.6.0"
EOF
  cat > src/grammar_tools.nim <<'EOF'
proc ruleCount*(text: string): int =
  for line in text.splitLines:
    if line.len > 0 and line[0] != '#': inc result
EOF
  cat > tests/test.nim <<'EOF'
import std/unittest
import std/strutils
import gram
import ../src/grammar_tools

suite "grammar":
  test "counts rules":
    check ruleCount("a -> b\n# note\nb -> c\n") == 2
EOF
  cap $C 1 <<'EOF'
nim c -r --hints:off --nimcache:build/nimcache tests/test.nim
EOF
  spec $C $G <<E
$(hdr $C test u24 imports imports "The test imports gram, a nimble package the .nimble file does not require and nothing installed: the compiler stops at the import with '…/tests/test.nim(3, 8) Error: cannot open file: gram' (its absolute path; exit 1) before any test runs. The wording first came from a public Nim CI log (tests/public, set 194).")
field exit_code $(rc $C 1)
field module gram
evidence Error: cannot open file: gram
$(st $C 1)
E
}

# ---------------------------------------------------------------- main
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  run_cases nim_ "$@"
fi
