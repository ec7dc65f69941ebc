#!/bin/bash
# TAP cases for tests/corpus/toolchain/ from REAL tool runs: Perl's prove (TAP::Harness, Test::More;
# Debian 12's perl) and bats (Debian 12's bats), which both report in TAP, and Lua's busted
# (Debian 12's lua-busted, its default output; it can report in TAP too).
#
#   bash tests/corpus/gen/cases_tap.sh                  # all TAP cases
#   bash tests/corpus/gen/cases_tap.sh tap_bats_failed  # only some
#
# Reuses make_cases.sh (sourced: proj, cap, spec, wrap_gha.py) with its own scratch space
# (/tmp/ci-corpus-tap) and repositories named tap-* under /home/runner/work.  Needs: perl (prove),
# bats, bc, lua-busted (Debian packages); no network.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=make_cases.sh
source "$HERE/make_cases.sh"
W=/tmp/ci-corpus-tap
G=toolchain
mkdir -p "$W"
PERLV="prove (perl $(perl -e 'printf "%vd", $^V'))"
BATSV="$(bats --version)"
NOTE_TAP="Tool output really captured on Debian 12 in a throwaway project at /home/runner/work/REPO/REPO, step script run as the runner does (bash -e /home/runner/work/_temp/UUID.sh, stdout+stderr together). Synthetic: timestamps, runner preamble, checkout group, step headers, ##[error]/post-job lines. Generator: tests/corpus/gen/cases_tap.sh + wrap_gha.py."

# hdr CASE JOB RUNNER PRIMARY "CATEGORIES" TOOL "NOTES"
hdr() { spec_head "$NOTE_TAP" "$@"; }

# a small Perl module: prices with VAT
perl_lib() {
  mkdir -p lib/Shop t
  cat > lib/Shop/Price.pm <<'EOF'
package Shop::Price;
use strict;
use warnings;

sub with_vat {
    my ($net, $rate) = @_;
    return sprintf('%.2f', $net * (1 + $rate));
}

sub label {
    my ($name, $net) = @_;
    return "$name: " . with_vat($net, 0.2);
}

1;
EOF
}

tap_prove_failed() {
  local C=tests-prove-test-more-failed
  proj acme/tap-shop
  perl_lib
  cat > t/price.t <<'EOF'
use strict;
use warnings;
use Test::More tests => 3;
use Shop::Price;

is(Shop::Price::with_vat(10, 0.2), '12.00', 'adds VAT');
is(Shop::Price::with_vat(9.99, 0.07), '10.69', 'rounds to cents');
like(Shop::Price::label('pen', 2), qr/^pen: 2\.50$/, 'labels a price');
EOF
  cat > t/load.t <<'EOF'
use strict;
use warnings;
use Test::More;
use_ok('Shop::Price');
done_testing();
EOF
  cap $C 1 <<'S'
prove -l t/
S
  spec $C $G <<E
$(hdr $C test u24 tests tests "$PERLV" "One Test::More check of three fails (a label's price, whose VAT the test expects at another rate); prove prints the failure (got / expected) and its summary report.")
field exit_code $(rc $C 1)
field failed_count 1
field test_ids ["labels a price"]
evidence Failed test 'labels a price'
evidence Result: FAIL
step Run Perl tests
  from $W/$C/1
E
}

# a one-line shell CLI and the start of its bats file (one passing test); callers append tests
greet_cli() {
  mkdir -p bin test
  cat > bin/greet <<'EOF'
#!/bin/sh
echo "hello ${1:-world}"
EOF
  chmod +x bin/greet
  cat > test/greet.bats <<'EOF'
#!/usr/bin/env bats

@test "greets the world by default" {
  run bin/greet
  [ "$status" -eq 0 ]
  [ "$output" = "hello world" ]
}
EOF
}

tap_bats_failed() {
  local C=tests-bats-not-ok
  proj acme/tap-cli
  greet_cli
  cat >> test/greet.bats <<'EOF'

@test "greets by name with a capital" {
  run bin/greet ada
  [ "$output" = "Hello ada" ]
}

@test "sums with bc" {
  result="$(echo 2+2 | bc)"
  [ "$result" -eq 4 ]
}
EOF
  cap $C 1 <<'S'
bats test/
S
  spec $C $G <<E
$(hdr $C test u24 tests tests "$BATSV" "One bats test fails (an expected capital letter); bats reports in TAP, with the file and line of the failed check.")
field exit_code $(rc $C 1)
field test_ids ["greets by name with a capital"]
evidence not ok 2 greets by name with a capital
step Run shell tests
  from $W/$C/1
E
}

tap_bats_passed() {
  local C=none-bats-all-ok
  proj acme/tap-cli
  greet_cli
  cat >> test/greet.bats <<'EOF'

@test "skips on systems without a terminal" {
  skip "needs a terminal"
}
EOF
  cap $C 1 <<'S'
bats test/
S
  spec $C $G <<E
$(hdr $C test u24 none none "$BATSV" "Every bats test passes; one is skipped (TAP's 'ok 2 … # skip' is no failure).")
step Run shell tests
  from $W/$C/1
E
}

tap_busted_failed() {
  local C=tests-busted-lua-spec-failed
  proj acme/tap-lua-cart
  mkdir -p spec src
  cat > src/cart.lua <<'EOF'
local cart = {}

function cart.with_vat(net)
  return net * 1.2
end

function cart.label(name, net)
  return string.format("%s: %.2f €", name, cart.with_vat(net))
end

return cart
EOF
  cat > spec/cart_spec.lua <<'EOF'
package.path = "src/?.lua;" .. package.path
local cart = require("cart")

describe("cart", function()
  it("adds VAT", function()
    assert.are.equal(12, cart.with_vat(10))
  end)

  it("labels a price in euros", function()
    assert.are.equal("pen: 2.40 EUR", cart.label("pen", 2))
  end)
end)
EOF
  cap $C 1 <<'S'
busted --output=utfTerminal spec
S
  spec $C $G <<E
$(hdr $C test u24 tests tests "busted $(busted --version 2>/dev/null | head -1)" "One busted spec of two fails (a label printed with the euro sign, the test expects EUR); busted's default output: its marks line, the summary, then the failure with file and line, the test's name and the assertion.")
field exit_code $(rc $C 1)
field failed_count 1
evidence 1 success / 1 failure
evidence Failure
step Run Lua specs
  from $W/$C/1
E
}

# ---------------------------------------------------------------- main
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  run_cases tap_ "$@"
fi
