#!/bin/bash
# Meson cases for tests/corpus/toolchain/ from REAL tool runs (Debian 12's meson 1.0, ninja, gcc).
#
#   bash tests/corpus/gen/cases_meson.sh                    # all Meson cases
#   bash tests/corpus/gen/cases_meson.sh ms_test_failed     # only some
#
# Reuses make_cases.sh (sourced: proj, cap, spec, wrap_gha.py) with its own scratch space
# (/tmp/ci-corpus-meson) and repositories named ms-* under /home/runner/work.  Needs: meson,
# ninja-build, gcc (Debian packages); no network.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=make_cases.sh
source "$HERE/make_cases.sh"
W=/tmp/ci-corpus-meson
G=toolchain
mkdir -p "$W"
MESONV="meson $(meson --version)"
NOTE_MS="Tool output really captured on Debian 12 in a throwaway project at /home/runner/work/REPO/REPO, step script run as the runner does (bash -e /home/runner/work/_temp/UUID.sh, stdout+stderr together). Synthetic: timestamps, runner preamble, checkout group, step headers, ##[error]/post-job lines. Generator: tests/corpus/gen/cases_meson.sh + wrap_gha.py."

# hdr CASE JOB RUNNER PRIMARY "CATEGORIES" TOOL "NOTES"
hdr() { spec_head "$NOTE_MS" "$@"; }

# a small C library with two test programs
calc_proj() {
  cat > meson.build <<'EOF'
project('calc', 'c')
calc = static_library('calc', 'calc.c')
test('add', executable('test_add', 'test_add.c', link_with: calc))
test('mean', executable('test_mean', 'test_mean.c', link_with: calc))
EOF
  calc_c
}

ms_test_failed() {
  local C=tests-meson-test-failed
  proj acme/ms-calc
  calc_proj
  cap $C 1 <<'S'
meson setup builddir
meson test -C builddir
S
  spec $C $G <<E
$(hdr $C test u24 tests tests "$MESONV" "One of two Meson tests fails (an integer mean that truncates instead of rounding); meson test prints its progress lines and summary, the test's own stderr is only in the test log.")
field exit_code $(rc $C 1)
field failed_count 1
field test_ids ["mean"]
evidence mean FAIL
step Build and test
  from $W/$C/1
E
}

# ---------------------------------------------------------------- main
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  run_cases ms_ "$@"
fi
