#!/bin/bash
# Haskell test cases for tests/corpus/toolchain/ from REAL tool runs: hspec (Debian 12's GHC 9.0 and
# libghc-hspec-dev, hspec 2.8), the spec built with ghc and run as the job's test step.
#
#   bash tests/corpus/gen/cases_haskell.sh                 # all cases here
#   bash tests/corpus/gen/cases_haskell.sh hs_hspec_failed # only some
#
# Reuses make_cases.sh (sourced: proj, cap, spec, wrap_gha.py) with its own scratch space
# (/tmp/ci-corpus-haskell) and repositories named hs-* under /home/runner/work.  Needs: ghc and
# libghc-hspec-dev (Debian); nothing leaves the machine.
set -u
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=make_cases.sh
source "$HERE/make_cases.sh"
W=/tmp/ci-corpus-haskell
G=toolchain
mkdir -p "$W"
HSPECV=$(ghc-pkg field hspec version --simple-output 2>/dev/null | head -1)
HSV="GHC $(ghc --numeric-version 2>/dev/null)${HSPECV:+ + hspec $HSPECV}"
NOTE_HS="Tool output really captured on Debian 12 ($HSV, Debian's ghc and libghc-hspec-dev) in a throwaway project at /home/runner/work/REPO/REPO, step script run as the runner does (bash -e /home/runner/work/_temp/UUID.sh, stdout+stderr together). Synthetic: timestamps, runner preamble, checkout group, step headers, ##[error]/post-job lines. Generator: tests/corpus/gen/cases_haskell.sh + wrap_gha.py."
hdr() { spec_head "$NOTE_HS" "$1" "$2" "$3" "$4" "$5" "$HSV" "${6:-}"; }

# pricing_hs : src/Pricing.hs (a discount that is taken twice over ten percent) and its spec
pricing_hs() {
  mkdir -p src test
  cat > src/Pricing.hs <<'EOF'
module Pricing (discount, total) where

discount :: Int -> Double -> Double
discount percent price
  | percent > 10 = price * (1 - fromIntegral percent / 100) * 0.9
  | otherwise = price * (1 - fromIntegral percent / 100)

total :: [Double] -> Double
total = sum
EOF
  cat > test/Spec.hs <<'EOF'
import Test.Hspec
import Pricing

main :: IO ()
main = hspec $ do
  describe "Pricing.total" $ do
    it "adds the line prices" $
      total [1.5, 2.5] `shouldBe` 4.0
  describe "Pricing.discount" $ do
    it "takes five percent off" $
      discount 5 100 `shouldBe` 95.0
    it "takes fifteen percent off" $
      discount 15 100 `shouldBe` 85.0
EOF
}

hs_hspec_failed() {
  local C=tests-hspec-example-failed
  proj ledgerline/hs-pricing
  pricing_hs
  cap $C 1 <<'EOF'
mkdir -p build
ghc -isrc -outputdir build -o build/spec test/Spec.hs
./build/spec
EOF
  spec $C $G <<E
$(hdr $C test u24 tests tests "The spec is built with ghc and run: two examples pass, the fifteen-percent discount does not (the code takes it twice); hspec marks it 'FAILED [1]', lists it under Failures with expected and actual values and the --match to rerun it, and ends '3 examples, 1 failure' (exit 1).")
field exit_code $(rc $C 1)
field failed_count 1
field test_ids ["takes fifteen percent off"]
evidence FAILED [1]
evidence 3 examples, 1 failure
$(st $C 1)
E
}

# hs_ghc_not_in_scope : the module misspells a function it calls; ghc stops before linking
hs_ghc_not_in_scope() {
  local C=compile-ghc-variable-not-in-scope
  proj ledgerline/hs-ledger
  cat > Main.hs <<'EOF'
module Main where

total :: [Int] -> Int
total xs = sum (map prce xs)

main :: IO ()
main = print (total [1, 2, 3])
EOF
  cap $C 1 <<'EOF'
ghc -o build-ledger Main.hs
EOF
  spec $C $G <<E
$(hdr $C build u24 compile compile "The build step compiles the program with ghc: Main.hs calls prce, which nothing defines (a misspelt price), and ghc stops with 'Variable not in scope' on the error's own header line (a one-line message), the source line and a caret under it (exit 1). Labeled compile: not a type mismatch, not an import.")
field exit_code $(rc $C 1)
evidence Variable not in scope: prce
$(st $C 1)
E
}

# ---------------------------------------------------------------- main
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  run_cases hs_ "$@"
fi
