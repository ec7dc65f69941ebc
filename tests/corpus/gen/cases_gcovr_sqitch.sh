#!/bin/bash
# gcovr (C coverage gate) and Sqitch (database migrations) cases from REAL tool runs: Debian
# 12's gcovr 5.2 with gcc, and sqitch 1.3 with its SQLite engine (sqlite3 CLI, DBD::SQLite).
#
#   bash tests/corpus/gen/cases_gcovr_sqitch.sh              # all cases here
#   bash tests/corpus/gen/cases_gcovr_sqitch.sh gs_gcovr_line  # only some
#
# Reuses make_cases.sh (sourced: proj, cap, spec, wrap_gha.py) with its own scratch space
# (/tmp/ci-corpus-gs) and repositories named gs-* under /home/runner/work.  Needs: gcc, gcovr,
# sqitch, sqlite3, libdbd-sqlite3-perl, git (Debian packages); no network.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=make_cases.sh
source "$HERE/make_cases.sh"
W=/tmp/ci-corpus-gs
mkdir -p "$W"
GCOVRV="gcovr $(gcovr --version | head -1 | grep -oE '[0-9]+\.[0-9]+')"
SQITCHV="sqitch $(sqitch --version | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -1)"
NOTE_GS="Tool output really captured on Debian 12 in a throwaway project at /home/runner/work/REPO/REPO, step script run as the runner does (bash -e /home/runner/work/_temp/UUID.sh, stdout+stderr together). Synthetic: timestamps, runner preamble, checkout group, step headers, ##[error]/post-job lines. Generator: tests/corpus/gen/cases_gcovr_sqitch.sh + wrap_gha.py."
hdr() { spec_head "$NOTE_GS" "$@"; }

# a small C library whose test exercises one of its three functions
calc_c() {
  cat > calc.c <<'EOF'
int calc_add(int a, int b) { return a + b; }
int calc_div(int a, int b) { if (b == 0) return 0; return a / b; }
int calc_mod(int a, int b) { if (b == 0) return 0; return a % b; }
EOF
  cat > test_calc.c <<'EOF'
int calc_add(int a, int b);
int main(void) { return calc_add(2, 2) == 4 ? 0 : 1; }
EOF
}

gs_gcovr_line() {
  local C=coverage-gcovr-fail-under-line
  proj quarry-io/gs-calc
  calc_c
  cap $C 1 <<'S'
gcc --coverage -O0 -o test_calc test_calc.c calc.c
./test_calc
gcovr --root . --fail-under-line 80
S
  spec $C toolchain <<E
$(hdr $C coverage u22 coverage coverage "$GCOVRV" "The C test passes; gcovr's line-coverage gate (80%) fails at 50% and gcovr exits 2.")
field exit_code $(rc $C 1)
field coverage_percent 50.0
field threshold 80.0
evidence failed minimum line coverage
step Coverage gate
  from $W/$C/1
E
}

# a Sqitch project (SQLite engine) whose first change references a table nothing creates
ledger_sqitch() {
  git init -q .
  sqitch init ledger --engine sqlite --target db:sqlite:ledger.db > /dev/null
  sqitch config --user user.name 'CI' && sqitch config --user user.email 'ci@example.com'
  sqitch add accounts -n 'Add accounts' > /dev/null
  cat > deploy/accounts.sql <<'EOF'
BEGIN;
CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner_id INTEGER NOT NULL REFERENCES users(id));
INSERT INTO accounts (id, owner_id) SELECT id, id FROM users;
COMMIT;
EOF
}

gs_sqitch_deploy() {
  local C=db-migration-sqitch-deploy-no-such-table
  proj quarry-io/gs-ledger
  ledger_sqitch
  cap $C 1 <<'S'
sqitch deploy
S
  spec $C ctr <<E
$(hdr $C migrate u22 db-migration db-migration "$SQITCHV" "sqitch deploy runs the first change's SQL with sqlite3, which fails on a table no earlier change creates; sqitch prints the change's 'not ok' and 'Deploy failed'.")
field exit_code $(rc $C 1)
evidence no such table: users
evidence Deploy failed
step Migrate database
  from $W/$C/1
E
}

gs_n_sqitch_ok() {
  local C=none-sqitch-deploy-nothing-to-deploy
  proj quarry-io/gs-ledger2
  ledger_sqitch
  sed -i 's/REFERENCES users(id)//; /INSERT INTO accounts/d' deploy/accounts.sql
  sqitch deploy > /dev/null 2>&1
  cap $C 1 <<'S'
sqitch deploy
sqitch status
S
  spec $C ctr <<E
$(hdr $C migrate u22 none none "$SQITCHV" "The database is up to date: sqitch deploy has nothing to deploy and sqitch status reports no changes pending.")
step Migrate database
  from $W/$C/1
E
}

# ---------------------------------------------------------------- main
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  run_cases gs_ "$@"
fi
