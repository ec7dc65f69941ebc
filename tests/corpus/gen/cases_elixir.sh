#!/bin/bash
# Elixir cases for tests/corpus/elixir/ from REAL tool runs (Debian 12's elixir 1.14 + Mix; the
# Dialyzer case runs Erlang's rebar3 and needs only rebar3 and erlang-dialyzer).
#
#   bash tests/corpus/gen/cases_elixir.sh                      # all elixir cases
#   bash tests/corpus/gen/cases_elixir.sh ex_exunit_failures   # only some
#
# Reuses make_cases.sh (sourced: proj, cap, spec, wrap_gha.py) with its own scratch space
# (/tmp/ci-corpus-elixir) and repositories named ex-* under /home/runner/work. Nothing leaves
# the machine: the dependency cases fail before Mix would fetch anything.  Needs: elixir (Debian
# package; it pulls erlang).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=make_cases.sh
source "$HERE/make_cases.sh"
W=/tmp/ci-corpus-elixir
G=elixir
mkdir -p "$W"
EXV="Elixir $(elixir -e 'IO.write(System.version())' 2>/dev/null), Mix and ExUnit"
# note_for TOOLS : the label note of this generator's cases, TOOLS being what ran them
note_for() { printf '%s' "Tool output really captured on Debian 12 ($1) in a throwaway project at /home/runner/work/REPO/REPO, step script run as the runner does (bash -e /home/runner/work/_temp/UUID.sh, stdout+stderr together). Synthetic: timestamps, runner preamble, checkout group, step headers, ##[error]/post-job lines. Generator: tests/corpus/gen/cases_elixir.sh + wrap_gha.py."; }
NOTE_EX=$(note_for "$EXV, Debian's elixir package")

# hdr CASE JOB RUNNER PRIMARY "CATEGORIES" "NOTES"
hdr() { spec_head "$NOTE_EX" "$1" "$2" "$3" "$4" "$5" "$EXV" "${6:-}"; }

# shop_proj DEPS : a Mix project (lib/shop.ex, test_helper) whose deps list is DEPS
shop_proj() {
  mkdir -p lib test
  cat > mix.exs <<EOF
defmodule Shop.MixProject do
  use Mix.Project

  def project do
    [app: :shop, version: "0.1.0", elixir: "~> 1.14", deps: deps()]
  end

  def application, do: [extra_applications: [:logger]]

  defp deps do
    [$1]
  end
end
EOF
  cat > lib/shop.ex <<'EOF'
defmodule Shop do
  def total(items), do: items |> Enum.map(fn {_name, price, qty} -> price * qty end) |> Enum.sum()
  def discount(total, "TEN"), do: Float.round(total * 0.9, 2)

  def notify(pid) do
    spawn(fn ->
      Process.sleep(200)
      send(pid, :done)
    end)
  end
end
EOF
  echo 'ExUnit.start()' > test/test_helper.exs
}

ex_exunit_failures() {
  local C=tests-exunit-assertion-and-receive-timeout
  proj acme/ex-shop
  shop_proj ""
  cat > test/shop_test.exs <<'EOF'
defmodule ShopTest do
  use ExUnit.Case

  test "sums quantities" do
    assert Shop.total([{"pen", 1.5, 3}, {"pad", 4.25, 1}]) == 8.75
  end

  test "takes ten percent off" do
    assert Shop.discount(10.0, "TEN") == 9.5
  end

  test "notifies when done" do
    Shop.notify(self())
    assert_receive :done
  end
end
EOF
  cap $C 1 <<'S'
mix test
S
  spec $C $G <<E
$(hdr $C test u24 tests tests "Two ExUnit tests fail: an equality assertion with a wrong expected value, and an assert_receive whose message arrives after the default 100 ms (the sender sleeps 200 ms: the kind of timing a slower CI machine misses).")
field exit_code $(rc $C 1)
field failed_count 2
evidence ) test takes ten percent off (ShopTest)
evidence ) test notifies when done (ShopTest)
evidence Assertion with == failed
evidence Assertion failed, no matching message after 100ms
step Run tests
  from $W/$C/1
E
}

ex_mix_deps_unavailable() {
  local C=dependency-install-mix-deps-not-fetched
  proj acme/ex-shop
  shop_proj '{:money_fmt, git: "https://github.com/acme/money_fmt.git", tag: "v0.2.0"}'
  echo 'defmodule ShopTest do use ExUnit.Case; test "ok", do: assert(true) end' > test/shop_test.exs
  cap $C 1 <<'S'
mix test
S
  spec $C $G <<E
$(hdr $C test u24 dependency-install dependency-install "The job runs mix test without mix deps.get (or with a dependency cache from another lock): Mix refuses to start because a dependency is not available.")
field exit_code $(rc $C 1)
evidence the dependency is not available, run "mix deps.get"
evidence Can't continue due to errors on dependencies
step Run tests
  from $W/$C/1
E
}

ex_mix_no_hex() {
  local C=dependency-install-mix-hex-not-installed
  proj acme/ex-api
  shop_proj '{:jason, "~> 1.4"}'
  cap $C 1 <<'S'
mix deps.get
S
  spec $C $G <<E
$(hdr $C build u24 dependency-install dependency-install "A fresh runner has no Hex: mix asks whether to install it, reads no answer (non-interactive), and cannot fetch the Hex package. The fix is mix local.hex --force before deps.get.")
field exit_code $(rc $C 1)
field package jason
evidence Could not find Hex, which is needed to build dependency :jason
evidence Could not find an SCM for dependency :jason
step Install dependencies
  from $W/$C/1
E
}

# Erlang's Dialyzer through rebar3 (Debian's rebar3 and erlang-dialyzer; no Elixir needed): a spec
# that does not match the function's success typing
ex_rebar3_dialyzer() {
  local C=typecheck-rebar3-dialyzer-invalid-spec
  proj harbor-lane/ex-totals
  mkdir -p src
  printf '{erl_opts, [debug_info]}.\n{dialyzer, [{plt_apps, top_level_deps}]}.\n' > rebar.config
  cat > src/totals.app.src <<'EOF'
{application, totals,
 [{description, "Ledger totals"},
  {vsn, "0.1.0"},
  {applications, [kernel, stdlib]},
  {modules, []}]}.
EOF
  cat > src/totals.erl <<'EOF'
-module(totals).
-export([total/1, label/1]).

-spec total([{string(), integer()}]) -> integer().
total(Entries) -> lists:sum([A || {_, A} <- Entries]).

-spec label([{string(), integer()}]) -> string().
label(Entries) -> "total: " ++ total(Entries).
EOF
  cap $C 1 <<'EOF'
rebar3 dialyzer
EOF
  local erl; erl=$(erl -noshell -eval 'io:format("~s", [erlang:system_info(otp_release)]), halt().')
  spec $C $G <<E
$(spec_head "$(note_for "Erlang/OTP $erl, Debian's rebar3 and erlang-dialyzer")" $C typecheck u24 typecheck typecheck "rebar3 $(rebar3 version 2>/dev/null | awk '{print $2}') + Dialyzer (OTP $erl)" "rebar3 dialyzer builds its PLT, then finds label/1's spec (returns string()) at odds with its success typing (a string ++ integer improper list); it writes the warning and exits 1 with '===> Warnings occurred running dialyzer: 1'.")
field exit_code $(rc $C 1)
evidence Invalid type specification for function
evidence Warnings occurred running dialyzer: 1
$(st $C 1)
E
}

# ---------------------------------------------------------------- main
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  run_cases ex_ "$@"
fi
