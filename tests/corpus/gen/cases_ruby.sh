#!/bin/bash
# Ruby cases for tests/corpus/ruby/ from REAL tool runs (Debian 12's Ruby 3.1, rspec-core 3.12,
# minitest 5.17, rake).
#
#   bash tests/corpus/gen/cases_ruby.sh                    # all ruby cases
#   bash tests/corpus/gen/cases_ruby.sh rb_rspec_bisect    # only some
#
# Reuses make_cases.sh (sourced: proj, cap, spec, wrap_gha.py) with its own scratch space
# (/tmp/ci-corpus-ruby) and repositories named rb-* under /home/runner/work.  Needs: ruby-rspec,
# ruby-minitest, rake (Debian packages); no network.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=make_cases.sh
source "$HERE/make_cases.sh"
W=/tmp/ci-corpus-ruby
G=ruby
mkdir -p "$W"
RUBYV="Ruby $(ruby -e 'print RUBY_VERSION')"
RSPECV="rspec-core $(ruby -e 'require "rspec/core/version"; print RSpec::Core::Version::STRING')"
MINIV="minitest $(ruby -e 'require "minitest"; print Minitest::VERSION')"
NOTE_RB="Tool output really captured on Debian 12 ($RUBYV, Debian's ruby-* packages) in a throwaway project at /home/runner/work/REPO/REPO, step script run as the runner does (bash -e /home/runner/work/_temp/UUID.sh, stdout+stderr together). Synthetic: timestamps, runner preamble, checkout group, step headers, ##[error]/post-job lines. Generator: tests/corpus/gen/cases_ruby.sh + wrap_gha.py."

# hdr CASE JOB RUNNER PRIMARY "CATEGORIES" TOOL "NOTES"
hdr() { spec_head "$NOTE_RB" "$@"; }

# a small shop library: cart totals and discount codes
shop_lib() {
  mkdir -p lib
  cat > lib/cart.rb <<'EOF'
class Cart
  attr_reader :items

  def initialize
    @items = []
  end

  def add(name, price, qty = 1)
    @items << { name: name, price: price, qty: qty }
    self
  end

  def total
    @items.sum { |i| i[:price] * i[:qty] }.round(2)
  end

  def discount(code)
    raise ArgumentError, "unknown code #{code}" unless code == "TEN"

    (total * 0.9).round(2)
  end
end
EOF
}

rb_rspec_failures() {
  local C=tests-rspec-failed-examples
  proj acme/rb-shop
  shop_lib
  mkdir -p spec
  cat > .rspec <<'EOF'
--require spec_helper
EOF
  cat > spec/spec_helper.rb <<'EOF'
$LOAD_PATH.unshift File.expand_path("../lib", __dir__)
RSpec.configure do |config|
  config.order = :random
end
EOF
  cat > spec/cart_spec.rb <<'EOF'
require "cart"

RSpec.describe Cart do
  it "sums quantities" do
    cart = Cart.new.add("pen", 1.5, 3).add("pad", 4.25)
    expect(cart.total).to eq(8.75)
  end

  it "takes ten percent off with TEN" do
    expect(Cart.new.add("pen", 10).discount("TEN")).to eq(9.5)
  end

  it "rejects unknown codes" do
    expect { Cart.new.discount("X") }.to raise_error(KeyError)
  end
end
EOF
  cap $C 1 <<'S'
rspec --format progress
S
  spec $C $G <<E
$(hdr $C test u24 tests tests "$RSPECV" "Two examples fail: a wrong expected discount and a different exception class; the suite runs in random order (config.order = :random).")
field exit_code $(rc $C 1)
field failed_count 2
field test_ids ["./spec/cart_spec.rb:9", "./spec/cart_spec.rb:13"]
evidence Failure/Error: expect(Cart.new.add("pen", 10)
evidence Failure/Error: expect { Cart.new.discount("X") }
evidence 3 examples, 2 failures
step Run specs
  from $W/$C/1
E
}

rb_rspec_bisect() {
  local C=test-isolation-rspec-bisect-order-dependent
  proj acme/rb-settings
  shop_lib
  mkdir -p spec
  cat > spec/settings_spec.rb <<'EOF'
module Settings
  @currency = "EUR"
  class << self
    attr_accessor :currency
  end
end

RSpec.describe "Settings" do
  it "switches to USD for the US store" do
    Settings.currency = "USD"
    expect(Settings.currency).to eq("USD")
  end

  it "formats prices in the default currency" do
    expect("#{Settings.currency} 1.00").to eq("EUR 1.00")
  end

  it "keeps other settings" do
    expect(Settings).to respond_to(:currency)
  end
end
EOF
  # the seed the failing CI run printed ("Randomized with seed 1"), bisected in a later step
  cap $C 1 <<'S'
rspec --seed 1 || rspec --seed 1 --bisect
exit 1
S
  spec $C $G <<E
$(hdr $C "test (ruby 3.1)" u22 test-isolation "test-isolation tests" "$RSPECV" "One example sets a module-level setting and never restores it; in seed 1's order a later example reads it. The step re-runs the seed with --bisect, which confirms the failure is order-dependent.")
field exit_code $(rc $C 1)
field test_ids ["./spec/settings_spec.rb"]
evidence failure appears to be order-dependent
evidence Bisect complete!
evidence rspec './spec/settings_spec.rb[
step -
  from $W/$C/1
E
}

rb_minitest() {
  local C=tests-minitest-failure-and-error
  proj acme/rb-checkout
  shop_lib
  mkdir -p test
  cat > test/cart_test.rb <<'EOF'
require "minitest/autorun"
require "cart"

class CartTest < Minitest::Test
  def test_total_with_quantities
    assert_equal 8.5, Cart.new.add("pen", 1.5, 3).add("pad", 4.25).total
  end

  def test_discount
    assert_equal 9.0, Cart.new.add("pen", 10).discount("TEN")
  end

  def test_unknown_code_is_ignored
    assert_equal 10, Cart.new.add("pen", 10).discount("SPRING")
  end
end
EOF
  cat > Rakefile <<'EOF'
require "rake/testtask"

Rake::TestTask.new(:test) do |t|
  t.libs << "lib" << "test"
  t.test_files = FileList["test/**/*_test.rb"]
end

task default: :test
EOF
  # minitest runs in random order: the seed of the committed capture keeps Failure before Error
  cap $C 1 <<'S'
rake test TESTOPTS=--seed=24858
S
  spec $C $G <<E
$(hdr $C build u24new tests tests "$MINIV via rake test" "A wrong expected total (Failure) and an exception the test did not expect (Error).")
field exit_code $(rc $C 1)
field failed_count 1
field test_ids ["CartTest#test_total_with_quantities", "CartTest#test_unknown_code_is_ignored"]
evidence 1) Failure:
evidence 2) Error:
evidence 3 runs, 2 assertions, 1 failures, 1 errors
step Run tests
  from $W/$C/1
E
}

rb_load_error() {
  local C=imports-rspec-cannot-load-such-file
  proj acme/rb-api
  shop_lib
  mkdir -p spec
  cat > spec/client_spec.rb <<'EOF'
require "faraday/retry"
require_relative "../lib/cart"

RSpec.describe "client" do
  it "builds a cart" do
    expect(Cart.new.total).to eq(0)
  end
end
EOF
  cap $C 1 <<'S'
rspec
S
  spec $C $G <<E
$(hdr $C test u24 imports "imports tests" "$RSPECV" "A spec requires a gem that is not installed for the job (faraday-retry is missing from the bundle); RSpec reports an error outside of examples and runs none.")
field exit_code $(rc $C 1)
field module faraday/retry
evidence An error occurred while loading ./spec/client_spec.rb.
evidence cannot load such file -- faraday/retry
step -
  from $W/$C/1
E
}

# ---------------------------------------------------------------- main
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  run_cases rb_ "$@"
fi
