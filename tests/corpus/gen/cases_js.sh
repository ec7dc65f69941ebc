#!/bin/bash
# JavaScript/TypeScript cases for tests/corpus/js/ from REAL tool runs (node 20, npm registry).
#
#   bash tests/corpus/gen/cases_js.sh                 # all js cases
#   bash tests/corpus/gen/cases_js.sh jc_jest_assert  # only some
#
# Reuses make_cases.sh (sourced: proj, cap, spec, wrap_gha.py) with its own scratch space
# (/tmp/ci-corpus-js) and repositories named js-* under /home/runner/work.  Each case
# function builds a throwaway npm/yarn/pnpm project, installs the real tools from the npm
# registry (a per-package-set template under $W/tpl, copied into the project), runs the step
# script as the runner does and writes a spec for wrap_gha.py.
# Needs: nodejs + npm (Debian or NodeSource, node 20), npm registry reachable.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=make_cases.sh
source "$HERE/make_cases.sh"
W=/tmp/ci-corpus-js
mkdir -p "$W"

NODEV=$(node --version | tr -d v)
NODEBIN=/opt/hostedtoolcache/node/$NODEV/x64/bin
PNPMBIN=/home/runner/setup-pnpm/node_modules/.bin
YARN1=1.22.22 PNPM=9.15.9 BERRY=4.9.1
# fake actions/setup-node toolcache (node, npm, npx, yarn classic like the hosted image) and
# pnpm/action-setup's location; the package managers come from the npm registry
setup_nodebin() {
  local t=$W/tools
  mkdir -p "$NODEBIN" "$PNPMBIN"
  [ -x "$t/yarn1/node_modules/.bin/yarn" ] || (mkdir -p "$t/yarn1" && cd "$t/yarn1" && npm install --no-audit --no-fund "yarn@$YARN1" >/dev/null 2>&1)
  [ -x "$t/pnpm/node_modules/.bin/pnpm" ] || (mkdir -p "$t/pnpm" && cd "$t/pnpm" && npm install --no-audit --no-fund "pnpm@$PNPM" >/dev/null 2>&1)
  [ -f "$t/berry/node_modules/@yarnpkg/cli-dist/bin/yarn.js" ] || (mkdir -p "$t/berry" && cd "$t/berry" && npm install --no-audit --no-fund "@yarnpkg/cli-dist@$BERRY" >/dev/null 2>&1)
  local b
  for b in node npm npx corepack; do ln -sf "/usr/bin/$b" "$NODEBIN/$b"; done
  ln -sf "$t/yarn1/node_modules/yarn/bin/yarn.js" "$NODEBIN/yarn"
  ln -sf "$t/pnpm/node_modules/pnpm/bin/pnpm.cjs" "$PNPMBIN/pnpm"
}
setup_nodebin
BASEPATH=$PNPMBIN:$NODEBIN:$BASEPATH
export PATH=$PNPMBIN:$NODEBIN:$PATH   # the generator's own set-up commands (yarn/pnpm installs)
NOTE_JS="Tool output really captured on Debian 12 with node v$NODEV (npm $(npm --version), yarn $YARN1, pnpm $PNPM; tools installed from the npm registry) in a throwaway project at /home/runner/work/REPO/REPO, step script run as the runner does (bash -e /home/runner/work/_temp/UUID.sh, stdout+stderr together). Synthetic: timestamps, runner preamble, checkout/setup-node groups, step headers, ##[error]/post-job lines (setup-node wording from real public job logs). Generator: tests/corpus/gen/cases_js.sh + wrap_gha.py."

# jsproj NAME [OWNER]: fresh /home/runner/work/js-NAME/js-NAME, package.json from stdin
jsproj() {
  proj "${2:-acme}/js-$1"
  cat > package.json
}
# deps PKG@VER... : install dev dependencies (once per package set, then copied) and record
# them in package.json + package-lock.json like `npm install -D` does
deps() {
  local key; key=$(printf '%s\n' "$@" | sort | md5sum | cut -c1-12)
  local tpl=$W/tpl/$key
  if [ ! -d "$tpl/node_modules" ]; then
    rm -rf "$tpl"; mkdir -p "$tpl"
    (cd "$tpl" && echo '{"name":"tpl","version":"1.0.0","private":true}' > package.json &&
      npm install --no-audit --no-fund --save-dev "$@" >/dev/null 2>&1) || { echo "deps: npm install $* failed"; exit 1; }
  fi
  rm -rf node_modules; cp -a "$tpl/node_modules" node_modules
  /usr/bin/python3 - "$tpl/package.json" <<'PY'
import json, sys
tpl = json.load(open(sys.argv[1]))
pkg = json.load(open("package.json"))
pkg["devDependencies"] = tpl["devDependencies"]
json.dump(pkg, open("package.json", "w"), indent=2)
open("package.json", "a").write("\n")
PY
  npm install --no-audit --no-fund --package-lock-only >/dev/null 2>&1
}
# ver PKG: installed version of a package in the current project
ver() { node -p "require('./node_modules/$1/package.json').version"; }
# file PATH: write stdin to PATH (creating directories)
file() { mkdir -p "$(dirname "$1")"; cat > "$1"; }
# hdr CASE "JOB" RUNNER PRIMARY "CATEGORIES" "TOOL" : the common spec header (repo = current)
hdr() {
  cat <<H
name $1
job $2
repo $REPO
runner $3
setup node $NODEV npm=$(npm --version) yarn=$YARN1
primary $4
categories $5
tool $6
notes ${7:+$7 }${NOTE_JS//REPO/${REPO#*/}}
H
}

# ---------------------------------------------------------------- shared sources
# a small price/cart module used by the test-runner cases (CommonJS)
cart_src() {
  file src/cart.js <<'JS'
'use strict';
const VAT = 0.2;
function lineTotal(qty, unitCents) {
  return qty * unitCents;
}
function withVat(cents) {
  // BUG: truncates instead of rounding to the nearest cent
  return Math.floor(cents * (1 + VAT));
}
function applyCoupon(cents, coupon) {
  if (!coupon) return cents;
  if (coupon.kind === 'percent') return cents - Math.round((cents * coupon.value) / 100);
  if (coupon.kind === 'fixed') return Math.max(0, cents - coupon.value);
  throw new TypeError(`unknown coupon kind: ${coupon.kind}`);
}
function summary(items) {
  const net = items.reduce((s, i) => s + lineTotal(i.qty, i.unitCents), 0);
  return { items: items.length, net, gross: withVat(net), currency: 'EUR' };
}
module.exports = { lineTotal, withVat, applyCoupon, summary };
JS
}
# the same tests for jest / vitest (globals) / mocha+assert
cart_tests() {  # $1 = jest | vitest | mocha
  local imp='' ok='expect(withVat(1003)).toBe(1204);' eq='expect(applyCoupon(1000, { kind: "bogus", value: 1 })).toBe(1000);'
  case $1 in
    vitest) imp="import { describe, it, expect } from 'vitest';" ;;
    mocha) imp="const assert = require('node:assert/strict');" ;;
  esac
  if [ "$1" = mocha ]; then ok='assert.equal(withVat(1003), 1204);'; eq='assert.equal(applyCoupon(1000, { kind: "bogus", value: 1 }), 1000);'; fi
  local line='expect(lineTotal(3, 250)).toBe(750);' pct='expect(applyCoupon(1000, { kind: "percent", value: 15 })).toBe(850);'
  [ "$1" = mocha ] && line='assert.equal(lineTotal(3, 250), 750);' && pct='assert.equal(applyCoupon(1000, { kind: "percent", value: 15 }), 850);'
  file "test/cart.test.js" <<JS
$imp
const { lineTotal, withVat, applyCoupon } = require('../src/cart');

describe('cart', () => {
  it('multiplies quantity by unit price', () => {
    $line
  });
  it('adds VAT rounded to the cent', () => {
    $ok
  });
  describe('coupons', () => {
    it('takes a percentage off', () => {
      $pct
    });
    it('ignores unknown coupon kinds', () => {
      $eq
    });
  });
});
JS
}

# ---------------------------------------------------------------- tests
jc_jest_assert_ci() {
  local C=tests-jest-ci-assertions
  jsproj cart acme <<'J'
{ "name": "cart", "version": "2.3.0", "private": true, "scripts": { "test": "jest" } }
J
  cart_src; cart_tests jest; deps jest@29
  cap $C 1 <<'S'
npx jest --ci
S
  spec $C js <<E
$(hdr $C "test (20.x)" u24 tests tests "jest $(ver jest)")
field exit_code $(rc $C 1)
field test_ids ["cart › adds VAT rounded to the cent", "cart › coupons › ignores unknown coupon kinds"]
field failed_count 2
evidence ● cart › adds VAT rounded to the cent
evidence ● cart › coupons › ignores unknown coupon kinds
evidence Tests:
step Run unit tests
  from $W/$C/1
E
}

jc_jest_snapshot_npm_test() {
  local C=tests-jest30-snapshot-npm-test
  jsproj receipts shopfront <<'J'
{ "name": "receipts", "version": "0.9.1", "private": true, "scripts": { "test": "jest --ci" } }
J
  cart_src
  file test/summary.test.js <<'JS'
const { summary } = require('../src/cart');

test('summary of a two-line cart', () => {
  expect(summary([{ qty: 2, unitCents: 499 }, { qty: 1, unitCents: 1250 }])).toMatchSnapshot();
});
JS
  file test/__snapshots__/summary.test.js.snap <<'SNAP'
// Jest Snapshot v1, https://jestjs.io/docs/snapshot-testing

exports[`summary of a two-line cart 1`] = `
{
  "currency": "EUR",
  "gross": 2699,
  "items": 2,
  "net": 2248,
}
`;
SNAP
  deps jest@30
  cap $C 1 <<'S'
npm test
S
  spec $C js <<E
$(hdr $C "build-and-test" u24new tests tests "jest $(ver jest) via npm test" "Snapshot mismatch under --ci (snapshots are not written); npm 11 prints no lifecycle error.")
field exit_code $(rc $C 1)
field test_ids ["summary of a two-line cart"]
field failed_count 1
evidence ● summary of a two-line cart
evidence Snapshot name: \`summary of a two-line cart 1\`
evidence Tests:
step Test
  from $W/$C/1
E
}

jc_jest_unexpected_token() {
  local C=imports-jest-esm-only-dependency-not-transformed
  jsproj slugger <<'J'
{ "name": "slugger", "version": "1.0.0", "private": true, "scripts": { "test": "jest" } }
J
  file src/slug.js <<'JS'
const { nanoid } = require('nanoid');
function slug(title) {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-') + '-' + nanoid(6);
}
module.exports = { slug };
JS
  file test/slug.test.js <<'JS'
const { slug } = require('../src/slug');
test('slug keeps words', () => {
  expect(slug('Hello World')).toMatch(/^hello-world-/);
});
JS
  deps jest@29 nanoid@5
  cap $C 1 bash <<'S'
npx jest --ci --reporters=default
S
  spec $C js <<E
$(hdr $C "test" u22 imports "imports tests" "jest $(ver jest) (babel-jest default transform)" "ESM-only dependency (nanoid 5) required from CommonJS code under jest: the suite fails to run. Labelled imports (was tests): the dependency cannot be loaded in the module system the tests use, as two blind labelers of public logs of the same failure (tests/public) put it.")
field exit_code $(rc $C 1)
evidence ● Test suite failed to run
evidence Jest encountered an unexpected token
evidence SyntaxError: Cannot use import statement outside a module
evidence Test Suites: 1 failed
step -
  from $W/$C/1
E
}

jc_jest_timeout() {
  local C=tests-jest-exceeded-timeout
  jsproj webhooks acme <<'J'
{ "name": "webhooks", "version": "3.1.0", "private": true, "scripts": { "test": "jest" } }
J
  file src/retry.js <<'JS'
async function deliver(send, attempts = 5, delayMs = 2000) {
  for (let i = 0; i < attempts; i++) {
    try {
      return await send();
    } catch (e) {
      await new Promise((r) => setTimeout(r, delayMs));
    }
  }
  throw new Error('gave up');
}
module.exports = { deliver };
JS
  file test/retry.test.js <<'JS'
const { deliver } = require('../src/retry');

test('delivers on first try', async () => {
  await expect(deliver(async () => 'ok')).resolves.toBe('ok');
});

test('gives up after five attempts', async () => {
  const send = jest.fn().mockRejectedValue(new Error('503'));
  await expect(deliver(send)).rejects.toThrow('gave up');
  expect(send).toHaveBeenCalledTimes(5);
});
JS
  deps jest@29
  cap $C 1 <<'S'
npx jest
S
  spec $C js <<E
$(hdr $C "unit" u24 tests tests "jest $(ver jest)" "A retry loop with real timers outlives jest's default 5 s test timeout.")
field exit_code $(rc $C 1)
field test_ids ["gives up after five attempts"]
field failed_count 1
field timeout_seconds 5
evidence ● gives up after five attempts
evidence thrown: "Exceeded timeout of 5000 ms for a test.
evidence Tests:
step Run unit tests
  from $W/$C/1
E
}

jc_vitest_failures() {
  local C=tests-vitest-run-failures
  jsproj pricing shopfront <<'J'
{ "name": "pricing", "version": "1.2.0", "private": true, "type": "commonjs", "scripts": { "test": "vitest run" } }
J
  cart_src; cart_tests vitest
  file test/summary.test.js <<'JS'
import { test, expect } from 'vitest';
const { summary } = require('../src/cart');
test('summary counts items', () => {
  expect(summary([{ qty: 1, unitCents: 100 }]).items).toBe(1);
});
JS
  deps vitest@3
  cap $C 1 bash <<'S'
npx vitest run
S
  spec $C js <<E
$(hdr $C "test (ubuntu-latest, 20)" u24new tests tests "vitest $(ver vitest)")
field exit_code $(rc $C 1)
field test_ids ["test/cart.test.js > cart > adds VAT rounded to the cent", "test/cart.test.js > cart > coupons > ignores unknown coupon kinds"]
field failed_count 2
match_plain 1
evidence_all  FAIL  test/cart.test.js > cart
evidence Tests  2 failed
step -
  from $W/$C/1
E
}

jc_vitest_unhandled() {
  local C=tests-vitest-unhandled-rejection
  jsproj notifier <<'J'
{ "name": "notifier", "version": "0.4.0", "private": true, "type": "module", "scripts": { "test": "vitest run" } }
J
  file src/notify.js <<'JS'
export function notify(queue, msg) {
  queue.push(msg);
  // fire-and-forget flush: a rejection here is never awaited
  Promise.resolve().then(() => {
    if (!msg.to) throw new Error(`notification without recipient: ${msg.subject}`);
  });
  return queue.length;
}
JS
  file test/notify.test.js <<'JS'
import { test, expect } from 'vitest';
import { notify } from '../src/notify.js';
test('queues a message', () => {
  expect(notify([], { to: 'a@b.io', subject: 'hi' })).toBe(1);
});
test('queues a broadcast', () => {
  expect(notify([], { subject: 'maintenance' })).toBe(1);
});
JS
  deps vitest@3
  cap $C 1 <<'S'
npm test
S
  spec $C js <<E
$(hdr $C "test" u24 tests tests "vitest $(ver vitest) via npm test" "All tests pass but an unhandled rejection fails the run.")
match_plain 1
field exit_code $(rc $C 1)
evidence Vitest caught 1 unhandled error during the test run.
evidence Error: notification without recipient: maintenance
evidence Errors  1 error
step -
  from $W/$C/1
E
}

jc_mocha_yarn() {
  local C=tests-mocha-spec-yarn-test
  jsproj invoices billing <<'J'
{ "name": "invoices", "version": "5.0.2", "private": true, "scripts": { "test": "mocha" } }
J
  cart_src; cart_tests mocha; deps mocha@11
  cap $C 1 <<'S'
yarn test
S
  spec $C js <<E
$(hdr $C "test" u22 tests tests "mocha $(ver mocha) (spec reporter) via yarn $YARN1" "yarn classic prints 'Command failed' after mocha's own summary.")
field exit_code $(rc $C 1)
field test_ids ["adds VAT rounded to the cent", "ignores unknown coupon kinds"]
field failed_count 2
evidence 2 failing
evidence 1) cart
evidence 2) cart
step -
  from $W/$C/1
E
}

jc_mocha_dot() {
  local C=tests-mocha-dot-reporter
  jsproj invoices billing <<'J'
{ "name": "invoices", "version": "5.0.2", "private": true }
J
  cart_src; cart_tests mocha; deps mocha@10
  cap $C 1 bash <<'S'
npx mocha --reporter dot --forbid-only test/
S
  spec $C js <<E
$(hdr $C "unit-tests" u24 tests tests "mocha $(ver mocha) (dot reporter)")
field exit_code $(rc $C 1)
field failed_count 2
evidence 2 failing
evidence 1) cart
evidence 2) cart
step -
  from $W/$C/1
E
}

node_test_src() {
  file src/duration.js <<'JS'
'use strict';
// parse "1h30m", "45s", "2m" into seconds
function parseDuration(s) {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(s);
  if (!m || s === '') throw new RangeError(`bad duration: ${s}`);
  return (+m[1] || 0) * 3600 + (+m[2] || 0) * 60 + (+m[3] || 0);
}
function humanize(sec) {
  const h = Math.floor(sec / 3600), m = Math.floor((sec % 3600) / 60);
  return h ? `${h}h${m}m` : `${m}m`;
}
module.exports = { parseDuration, humanize };
JS
  file test/duration.test.js <<'JS'
'use strict';
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { parseDuration, humanize } = require('../src/duration');

describe('parseDuration', () => {
  it('parses hours and minutes', () => {
    assert.equal(parseDuration('1h30m'), 5400);
  });
  it('rejects an empty string', () => {
    assert.throws(() => parseDuration(''), RangeError);
  });
});

describe('humanize', () => {
  it('keeps seconds under a minute', () => {
    assert.equal(humanize(45), '45s');
  });
});
JS
}

jc_node_test_spec() {
  local C=tests-node-test-spec-reporter
  jsproj timekeeper tools <<'J'
{ "name": "timekeeper", "version": "0.2.0", "private": true }
J
  node_test_src
  cap $C 1 bash <<'S'
node --test --test-reporter=spec test/
S
  spec $C js <<E
$(hdr $C "node-test" u24 tests tests "node $NODEV --test (spec reporter)")
field exit_code $(rc $C 1)
field test_ids ["keeps seconds under a minute"]
field failed_count 1
evidence ✖ failing tests:
evidence ✖ keeps seconds under a minute
evidence ℹ fail 1
step -
  from $W/$C/1
E
}

jc_node_test_pnpm() {
  local C=tests-node-test-tap-pnpm-test
  jsproj timekeeper tools <<'J'
{ "name": "timekeeper", "version": "0.2.0", "private": true, "packageManager": "pnpm@9.15.9", "scripts": { "test": "node --test --test-reporter=tap test/" } }
J
  node_test_src
  cap $C 1 <<'S'
pnpm test
S
  spec $C js <<E
$(hdr $C "test" u24new tests tests "node $NODEV --test (TAP reporter) via pnpm $PNPM" "pnpm prints ELIFECYCLE after the runner's TAP summary.")
field exit_code $(rc $C 1)
field test_ids ["keeps seconds under a minute"]
field failed_count 1
evidence not ok 1 - keeps seconds under a minute
evidence # fail 1
step -
  from $W/$C/1
E
}

jc_ava() {
  local C=tests-ava-assertion
  jsproj timekeeper tools <<'J'
{ "name": "timekeeper", "version": "0.2.0", "private": true, "scripts": { "test": "ava" } }
J
  node_test_src
  rm test/duration.test.js
  file test/duration.js <<'JS'
const test = require('ava');
const { parseDuration, humanize } = require('../src/duration');
test('parses hours and minutes', (t) => {
  t.is(parseDuration('1h30m'), 5400);
});
test('humanize keeps seconds under a minute', (t) => {
  t.is(humanize(45), '45s');
});
JS
  deps ava@6
  cap $C 1 <<'S'
npm test
S
  spec $C js <<E
$(hdr $C "test" u24 tests tests "ava $(ver ava) via npm test")
field exit_code $(rc $C 1)
field test_ids ["humanize keeps seconds under a minute"]
field failed_count 1
evidence ✘ [fail]: humanize keeps seconds under a minute
evidence 1 test failed
step -
  from $W/$C/1
E
}

jc_jest_yarn() {
  local C=tests-jest-yarn-workspace-test
  jsproj cart acme <<'J'
{ "name": "cart", "version": "2.3.0", "private": true, "scripts": { "test": "jest --colors" } }
J
  cart_src; cart_tests jest; deps jest@29
  cap $C 1 bash <<'S'
yarn install --frozen-lockfile --ignore-engines >/dev/null
yarn test --coverage=false
S
  spec $C js <<E
$(hdr $C "ci / test" u24 tests tests "jest $(ver jest) via yarn $YARN1 (--colors)" "jest forced to colour output (ANSI codes kept in the log).")
field exit_code $(rc $C 1)
field test_ids ["cart › adds VAT rounded to the cent", "cart › coupons › ignores unknown coupon kinds"]
field failed_count 2
evidence cart › adds VAT rounded to the cent
evidence cart › coupons › ignores unknown coupon kinds
evidence Tests:
step -
  from $W/$C/1
E
}

# ---------------------------------------------------------------- test-isolation
# cap_failing CASE IDX ARGS... <<script : like cap, repeated (max 8 runs) until the step fails
# (random test order: only some seeds expose the order dependency)
cap_failing() {
  local c=$1 i=$2 body; shift 2; body=$(cat)
  for _ in 1 2 3 4 5 6 7 8; do
    cap "$c" "$i" "$@" <<< "$body"
    [ "$(rc "$c" "$i")" != 0 ] && return
  done
}
registry_src() {
  file src/registry.js <<'JS'
'use strict';
// module-level state shared by everything that requires this module
const plugins = new Map();
function register(name, impl) {
  if (plugins.has(name)) throw new Error(`plugin already registered: ${name}`);
  plugins.set(name, impl);
}
function names() {
  return [...plugins.keys()].sort();
}
module.exports = { register, names };
JS
}

jc_iso_jest_randomize() {
  local C=test-isolation-jest-randomize-shared-module
  jsproj exporters dataflow <<'J'
{ "name": "exporters", "version": "1.8.0", "private": true, "scripts": { "test": "jest" } }
J
  registry_src
  file test/registry.test.js <<'JS'
const registry = require('../src/registry');

describe('plugin registry', () => {
  test('starts with no plugins', () => {
    expect(registry.names()).toEqual([]);
  });
  test('registers the csv exporter', () => {
    registry.register('csv', () => 'a,b');
    expect(registry.names()).toContain('csv');
  });
  test('registers the json exporter', () => {
    registry.register('json', JSON.stringify);
    expect(registry.names()).toContain('json');
  });
});
JS
  deps jest@29
  cap_failing $C 1 <<'S'
npx jest --ci --randomize
S
  spec $C js <<E
$(hdr $C "test (randomized order)" u24 test-isolation "test-isolation tests" "jest $(ver jest) --randomize" "Tests share a module-level registry; they pass in file order and fail for seeds that run a registering test first (captured by re-running until a failing seed came up).")
field exit_code $(rc $C 1)
field test_ids ["plugin registry › starts with no plugins"]
field failed_count 1
evidence ● plugin registry › starts with no plugins
evidence Seed:
step -
  from $W/$C/1
E
}

jc_iso_vitest_shuffle() {
  local C=test-isolation-vitest-sequence-shuffle
  jsproj exporters dataflow <<'J'
{ "name": "exporters", "version": "1.8.0", "private": true, "scripts": { "test": "vitest run --sequence.shuffle" } }
J
  registry_src
  file test/registry.test.js <<'JS'
import { describe, test, expect } from 'vitest';
const registry = require('../src/registry');

describe('plugin registry', () => {
  test('starts with no plugins', () => {
    expect(registry.names()).toEqual([]);
  });
  test('registers the csv exporter', () => {
    registry.register('csv', () => 'a,b');
    expect(registry.names()).toEqual(['csv']);
  });
});
JS
  deps vitest@3
  cap_failing $C 1 <<'S'
npm test
S
  spec $C js <<E
$(hdr $C "test" u24new test-isolation "test-isolation tests" "vitest $(ver vitest) --sequence.shuffle via npm test" "Order-dependent tests under vitest's shuffled sequence (seed printed at the start).")
match_plain 1
field exit_code $(rc $C 1)
field test_ids ["test/registry.test.js > plugin registry > starts with no plugins"]
field failed_count 1
evidence Running tests with seed
evidence FAIL  test/registry.test.js > plugin registry > starts with no plugins
evidence Tests  1 failed
step -
  from $W/$C/1
E
}

jc_iso_mocha_rerun_alone() {
  local C=test-isolation-mocha-passes-alone
  jsproj ledger-fmt billing <<'J'
{ "name": "ledger-fmt", "version": "0.7.3", "private": true, "scripts": { "test": "mocha" } }
J
  file src/config.js <<'JS'
module.exports = { currency: 'EUR', locale: 'de-DE' };
JS
  file src/format.js <<'JS'
const config = require('./config');
function money(cents) {
  return new Intl.NumberFormat(config.locale, { style: 'currency', currency: config.currency }).format(cents / 100);
}
module.exports = { money };
JS
  file test/export.test.js <<'JS'
const assert = require('node:assert/strict');
const config = require('../src/config');
const { money } = require('../src/format');
describe('csv export', () => {
  before(() => { config.currency = 'USD'; config.locale = 'en-US'; });
  it('formats amounts for the US feed', () => {
    assert.equal(money(123456), '$1,234.56');
  });
});
JS
  file test/format.test.js <<'JS'
const assert = require('node:assert/strict');
const { money } = require('../src/format');
describe('money', () => {
  it('formats euros with a comma', () => {
    assert.equal(money(1999), '19,99\u00a0€');
  });
  it('formats thousands', () => {
    assert.equal(money(123456), '1.234,56\u00a0€');
  });
});
JS
  deps mocha@11
  cap $C 1 <<'S'
npx mocha
S
  cap $C 2 <<'S'
npx mocha test/format.test.js
S
  spec $C js <<E
$(hdr $C "test" u22 test-isolation "test-isolation tests" "mocha $(ver mocha)" "One spec mutates a shared config module; the other fails only when run after it in the same process. The job's if: failure() step re-runs the failing file alone and it passes.")
field exit_code $(rc $C 1)
field test_ids ["formats euros with a comma", "formats thousands"]
field failed_count 2
evidence 2 failing
evidence 1) money
evidence 2) money
evidence 2 passing
step Unit tests
  from $W/$C/1
step Re-run failing spec alone
  from $W/$C/2
  always 1
E
}

jc_iso_jest_port_workers() {
  local C=test-isolation-jest-workers-port-in-use
  jsproj gateway edge <<'J'
{ "name": "gateway", "version": "4.0.0", "private": true, "scripts": { "test": "jest" } }
J
  file src/server.js <<'JS'
const http = require('node:http');
// tests start the real server on the configured port (18042 unless PORT is set)
function start(port = Number(process.env.PORT || 18042)) {
  const srv = http.createServer((req, res) => res.end(req.url === '/health' ? 'ok' : 'hello'));
  return new Promise((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(port, () => resolve(srv));
  });
}
module.exports = { start };
JS
  local f
  for f in health hello; do
    file test/$f.test.js <<JS
const { start } = require('../src/server');
let srv;
beforeAll(async () => { srv = await start(); });
afterAll(() => srv && srv.close());
test('GET /$f', async () => {
  await new Promise((r) => setTimeout(r, 1500));
  const res = await fetch('http://127.0.0.1:18042/$f');
  expect(res.status).toBe(200);
});
JS
  done
  deps jest@29
  cap_failing $C 1 bash <<'S'
npx jest --ci --maxWorkers=2
S
  spec $C js <<E
$(hdr $C "test" u24 test-isolation "test-isolation tests" "jest $(ver jest) (2 workers)" "Two test files start the server on the same fixed port; run in parallel workers one of them cannot bind (passes with --runInBand).")
field exit_code $(rc $C 1)
field failed_count 1
evidence listen EADDRINUSE: address already in use
evidence Tests:
step -
  from $W/$C/1
E
}

jc_iso_timezone() {
  local C=test-isolation-node-test-timezone-utc
  jsproj reports dataflow <<'J'
{ "name": "reports", "version": "2.2.0", "private": true, "scripts": { "test": "node --test" } }
J
  file src/day.js <<'JS'
'use strict';
// the calendar day an event belongs to (uses the process time zone)
function dayOf(iso) {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
module.exports = { dayOf };
JS
  file test/day.test.js <<'JS'
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { dayOf } = require('../src/day');
test('late-evening event counts for the next day', () => {
  assert.equal(dayOf('2024-03-10T23:30:00Z'), '2024-03-11');
});
test('midday event', () => {
  assert.equal(dayOf('2024-03-10T12:00:00Z'), '2024-03-10');
});
JS
  cap $C 1 bash TZ=UTC <<'S'
npm test
S
  spec $C js <<E
$(hdr $C "test (tz: UTC)" u24new test-isolation "test-isolation tests" "node $NODEV --test via npm test" "A date test written in Europe/Berlin passes there and fails in the CI job's time zone (matrix over TZ, here UTC).")
field exit_code $(rc $C 1)
field test_ids ["late-evening event counts for the next day"]
field failed_count 1
evidence not ok 1 - late-evening event counts for the next day
evidence # fail 1
step Test
  from $W/$C/1
E
}

# ---------------------------------------------------------------- typecheck
ts_src() {
  file tsconfig.json <<'JSON'
{
  "compilerOptions": {
    "target": "ES2022", "module": "commonjs", "strict": true, "outDir": "dist",
    "esModuleInterop": true, "skipLibCheck": true
  },
  "include": ["src"]
}
JSON
  file src/order.ts <<'TS'
export interface Order {
  id: string;
  totalCents: number;
  placedAt: Date;
}

export function parseOrder(raw: Record<string, string>): Order {
  return {
    id: raw.id,
    totalCents: raw.total,
    placedAt: new Date(raw.placedAt),
  };
}
TS
  file src/report.ts <<'TS'
import { Order, parseOrder } from './order';

export function revenue(orders: Order[]): number {
  return orders.reduce((sum, o) => sum + o.totalCents, 0);
}

export function latest(orders: Order[]): Order | undefined {
  return orders.sort((a, b) => b.placedAt - a.placedAt)[0];
}

export function fromCsv(line: string): Order {
  const [id, total, placedAt] = line.split(',');
  return parseOrder({ id, total, placedAt }, true);
}
TS
}

jc_tsc_noemit() {
  local C=typecheck-tsc-noemit
  jsproj orders shopfront <<'J'
{ "name": "orders", "version": "1.0.0", "private": true, "scripts": { "typecheck": "tsc --noEmit" } }
J
  ts_src; deps typescript@5.9
  cap $C 1 <<'S'
npx tsc --noEmit
S
  spec $C js <<E
$(hdr $C "typecheck" u24 typecheck typecheck "typescript $(ver typescript) (tsc)" "tsc on a non-TTY prints plain file(line,col) diagnostics.")
field exit_code $(rc $C 1)
evidence_all : error TS
step -
  from $W/$C/1
E
}

jc_tsc_pretty_npm() {
  local C=typecheck-tsc-pretty-npm-run
  jsproj orders shopfront <<'J'
{ "name": "orders", "version": "1.0.0", "private": true, "scripts": { "typecheck": "tsc --noEmit --pretty" } }
J
  ts_src; deps typescript@5.9
  cap $C 1 <<'S'
npm run typecheck
S
  spec $C js <<E
$(hdr $C "lint-and-typecheck" u24new typecheck typecheck "typescript $(ver typescript) (tsc --pretty) via npm run" "Pretty diagnostics (colour, code frames) and tsc's closing summary.")
match_plain 1
field exit_code $(rc $C 1)
evidence_all  - error TS
evidence Found 4 errors in 2 files.
step Type check
  from $W/$C/1
E
}

jc_tsc_build_refs() {
  local C=typecheck-tsc-build-project-references
  jsproj monorepo platform <<'J'
{ "name": "monorepo", "version": "0.0.0", "private": true, "workspaces": ["packages/*"] }
J
  file tsconfig.json <<'JSON'
{ "files": [], "references": [{ "path": "packages/core" }, { "path": "packages/api" }] }
JSON
  local p
  for p in core api; do
    file packages/$p/tsconfig.json <<JSON
{
  "compilerOptions": { "composite": true, "strict": true, "target": "ES2022", "module": "commonjs", "outDir": "dist", "rootDir": "src", "declaration": true },
  "include": ["src"]$( [ $p = api ] && echo ', "references": [{ "path": "../core" }]' )
}
JSON
  done
  file packages/core/src/index.ts <<'TS'
export type Role = 'admin' | 'member' | 'viewer';
export interface User { id: number; name: string; role: Role }
export function canEdit(u: User): boolean {
  return u.role !== 'viewer';
}
TS
  file packages/api/src/users.ts <<'TS'
import { User, canEdit } from '../../core/src/index';

export function toUser(row: { id: string; name: string; role: string }): User {
  return { id: Number(row.id), name: row.name, role: row.role };
}

export function editors(users: User[]): string[] {
  return users.filter(canEdit).map((u) => u.id);
}
TS
  deps typescript@5.9
  cap $C 1 bash <<'S'
npx tsc -b --verbose
S
  spec $C js <<E
$(hdr $C "build" u22 typecheck typecheck "typescript $(ver typescript) (tsc -b, project references)" "Build mode over project references; the api project fails type checking.")
field exit_code $(rc $C 1)
evidence_all : error TS
step -
  from $W/$C/1
E
}

jc_vue_tsc() {
  local C=typecheck-vue-tsc
  jsproj storefront-ui shopfront <<'J'
{ "name": "storefront-ui", "version": "0.3.0", "private": true, "scripts": { "type-check": "vue-tsc --build" } }
J
  file tsconfig.json <<'JSON'
{
  "compilerOptions": { "target": "ES2022", "module": "ESNext", "moduleResolution": "bundler", "strict": true, "jsx": "preserve", "noEmit": true, "skipLibCheck": true },
  "include": ["src/**/*.ts", "src/**/*.vue"]
}
JSON
  file src/env.d.ts <<'TS'
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<{}, {}, any>;
  export default component;
}
TS
  file src/components/PriceTag.vue <<'VUE'
<script setup lang="ts">
import { computed } from 'vue';

const props = defineProps<{ cents: number; currency: string }>();
const label = computed<string>(() => props.cents / 100);
</script>

<template>
  <span class="price">{{ label }} {{ props.currency.toUpperCase(2) }}</span>
</template>
VUE
  deps vue@3 vue-tsc@2 typescript@5.9
  cap $C 1 <<'S'
npm run type-check
S
  spec $C js <<E
$(hdr $C "type-check" u24 typecheck typecheck "vue-tsc $(ver vue-tsc) (typescript $(ver typescript)) via npm run" "Vue single-file component type errors under vue-tsc.")
field exit_code $(rc $C 1)
evidence_all : error TS
step -
  from $W/$C/1
E
}

jc_pyright_npx() {
  local C=typecheck-pyright-npx-warnings
  jsproj etl-jobs dataflow <<'J'
{ "name": "etl-jobs", "version": "0.0.0", "private": true }
J
  file pyrightconfig.json <<'JSON'
{ "include": ["etl"], "reportMissingModuleSource": "warning", "reportUnusedVariable": "warning", "typeCheckingMode": "standard" }
JSON
  file etl/__init__.py </dev/null
  file etl/load.py <<'PY'
from dataclasses import dataclass
from typing import Optional


@dataclass
class Row:
    key: str
    amount: int


def parse(line: str) -> Row:
    key, amount = line.split(",")
    return Row(key, amount)


def find(rows: list[Row], key: str) -> Optional[Row]:
    for r in rows:
        if r.key == key:
            return r


def total(rows: list[Row]) -> int:
    unused = len(rows)
    return sum(find(rows, "x").amount for _ in rows)
PY
  deps pyright@1.1.407
  cap $C 1 <<'S'
npx pyright
S
  spec $C js <<E
$(hdr $C "typecheck" u24new typecheck typecheck "pyright $(ver pyright) (npm) on node $NODEV" "pyright installed as an npm devDependency of a mixed repo, run with npx on a Python package.")
field exit_code $(rc $C 1)
evidence_all  - error:
evidence errors,
step -
  from $W/$C/1
E
}

# ---------------------------------------------------------------- coverage
# cart module + tests that leave the coupon branches and summary() uncovered
cov_tests() {  # $1 = jest | vitest | mocha | node
  cart_src
  local hdr="" a="expect(lineTotal(3, 250)).toBe(750);" b="expect(withVat(1000)).toBe(1200);" c="expect(applyCoupon(990, null)).toBe(990);"
  case $1 in
    vitest) hdr="import { test, expect } from 'vitest';" ;;
    mocha) hdr="const assert = require('node:assert/strict'); const test = it;" ;;
    node) hdr="const test = require('node:test'); const assert = require('node:assert/strict');" ;;
  esac
  case $1 in mocha|node) a="assert.equal(lineTotal(3, 250), 750);"; b="assert.equal(withVat(1000), 1200);"; c="assert.equal(applyCoupon(990, null), 990);" ;; esac
  file src/fmt.js <<'JS'
function euros(cents) {
  const s = (cents / 100).toFixed(2);
  return `${s} EUR`;
}
function pad(s, n) {
  return String(s).padStart(n, ' ');
}
module.exports = { euros, pad };
JS
  file test/cart.test.js <<JS
$hdr
const { lineTotal, withVat, applyCoupon } = require('../src/cart');
const { euros } = require('../src/fmt');
test('euros', () => {
  euros(1050);
});
test('line total', () => {
  $a
});
test('vat', () => {
  $b
});
test('no coupon', () => {
  $c
});
JS
}

jc_cov_jest_global() {
  local C=coverage-jest-global-threshold
  jsproj cart acme <<'J'
{ "name": "cart", "version": "2.3.0", "private": true,
  "scripts": { "test": "jest", "test:ci": "jest --ci --coverage" },
  "jest": { "coverageThreshold": { "global": { "lines": 80, "branches": 50 } } } }
J
  cov_tests jest; deps jest@29
  cap $C 1 <<'S'
npm run test:ci
S
  spec $C js <<E
$(hdr $C "coverage" u24 coverage coverage "jest $(ver jest) coverageThreshold via npm run" "All tests pass; the global coverage threshold fails the run.")
field exit_code $(rc $C 1)
field coverage_percent $(grep -o 'coverage threshold for lines (80%) not met: [0-9.]*' "$W/$C/out1.txt" | grep -o '[0-9.]*$')
field threshold 80
evidence coverage threshold for lines (80%) not met
evidence coverage threshold for branches (50%) not met
step Test with coverage
  from $W/$C/1
E
}

jc_cov_jest_path() {
  local C=coverage-jest30-per-file-threshold
  jsproj cart acme <<'J'
{ "name": "cart", "version": "2.3.0", "private": true, "scripts": { "test": "jest" },
  "jest": { "collectCoverage": true, "coverageReporters": ["text-summary"],
            "coverageThreshold": { "global": { "lines": 60 }, "./src/cart.js": { "functions": 90 } } } }
J
  cov_tests jest; deps jest@30
  cap $C 1 bash <<'S'
yarn test --ci
S
  spec $C js <<E
$(hdr $C "test" u22 coverage coverage "jest $(ver jest) per-file coverageThreshold via yarn $YARN1" "A per-path threshold (functions 90%) for one source file; the global one (over the other files) passes.")
field exit_code $(rc $C 1)
field coverage_percent $(grep -o 'Coverage for functions ([0-9.]*%)' "$W/$C/out1.txt" | grep -o '[0-9.]*')
field threshold 90
evidence Jest: Coverage for functions
step -
  from $W/$C/1
E
}

jc_cov_nyc() {
  local C=coverage-nyc-check-coverage
  jsproj cart acme <<'J'
{ "name": "cart", "version": "2.3.0", "private": true, "scripts": { "test": "nyc --check-coverage --lines 90 --reporter=text mocha" } }
J
  cov_tests mocha; deps mocha@10 nyc@17
  cap $C 1 <<'S'
npm test
S
  local pct; pct=$(grep -o 'Coverage for lines ([0-9.]*%)' "$W/$C/out1.txt" | grep -o '[0-9.]*')
  spec $C js <<E
$(hdr $C "test" u24new coverage coverage "nyc $(ver nyc) + mocha $(ver mocha) via npm test")
field exit_code $(rc $C 1)
field coverage_percent $pct
field threshold 90
evidence ERROR: Coverage for lines
step -
  from $W/$C/1
E
}

jc_cov_c8() {
  local C=coverage-c8-node-test
  jsproj cart acme <<'J'
{ "name": "cart", "version": "2.3.0", "private": true, "scripts": { "coverage": "c8 --check-coverage --lines 95 --functions 95 --branches 80 node --test" } }
J
  cov_tests node; deps c8@10
  cap $C 1 <<'S'
npm run coverage
S
  local pct; pct=$(grep -o 'Coverage for lines ([0-9.]*%)' "$W/$C/out1.txt" | grep -o '[0-9.]*')
  spec $C js <<E
$(hdr $C "coverage" u24 coverage coverage "c8 $(ver c8) over node $NODEV --test via npm run")
field exit_code $(rc $C 1)
field coverage_percent $pct
field threshold 95
evidence ERROR: Coverage for lines
evidence ERROR: Coverage for functions
step Coverage gate
  from $W/$C/1
E
}

jc_cov_vitest() {
  local C=coverage-vitest-v8-thresholds
  jsproj cart acme <<'J'
{ "name": "cart", "version": "2.3.0", "private": true, "scripts": { "test": "vitest run --coverage" } }
J
  file vitest.config.mjs <<'JS'
import { defineConfig } from 'vitest/config';
export default defineConfig({
  test: {
    coverage: { provider: 'v8', include: ['src/**'], reporter: ['text'], thresholds: { lines: 85, statements: 85 } },
  },
});
JS
  cov_tests vitest; deps vitest@3 @vitest/coverage-v8@3
  cap $C 1 <<'S'
npm test
S
  local pct; pct=$(sed 's/\x1b\[[0-9;]*m//g' "$W/$C/out1.txt" | grep -o 'Coverage for lines ([0-9.]*%)' | grep -o '[0-9.]*')
  spec $C js <<E
$(hdr $C "test" u24new coverage coverage "vitest $(ver vitest) + @vitest/coverage-v8 via npm test")
match_plain 1
field exit_code $(rc $C 1)
field coverage_percent $pct
field threshold 85
evidence ERROR: Coverage for lines
evidence ERROR: Coverage for statements
step -
  from $W/$C/1
E
}

# ---------------------------------------------------------------- dependency-install
# app_pkg NAME [EXTRA-JSON-MEMBERS]: a small app package.json with runtime dependencies
app_pkg() {
  jsproj "$1" "${3:-acme}" <<J
{
  "name": "$1",
  "version": "1.0.0",
  "private": true,
  "scripts": { "test": "node --test" },
  "dependencies": { "ms": "^2.1.3", "left-pad": "^1.3.0" }${2:+,
  $2}
}
J
}
# add_dep NAME RANGE: add a runtime dependency to package.json without touching the lockfile
add_dep() {
  node -e 'const f="package.json",p=JSON.parse(require("fs").readFileSync(f));p.dependencies[process.argv[1]]=process.argv[2];require("fs").writeFileSync(f,JSON.stringify(p,null,2)+"\n")' "$1" "$2"
}
quiet() { "$@" >/dev/null 2>&1; }

jc_dep_npm_ci_out_of_sync() {
  local C=dependency-install-npm-ci-lock-out-of-sync
  app_pkg api-gateway; quiet npm install --no-audit --no-fund --package-lock-only
  add_dep uuid ^9.0.1
  cap $C 1 <<'S'
npm ci
S
  spec $C js <<E
$(hdr $C "build" u24 dependency-install dependency-install "npm $(npm --version)" "uuid added to package.json without updating package-lock.json.")
field exit_code $(rc $C 1)
evidence npm error code EUSAGE
evidence can only install packages when your package.json and package-lock.json
evidence Missing: uuid@
step Install dependencies
  from $W/$C/1
E
}

jc_dep_npm_eresolve() {
  local C=dependency-install-npm-eresolve-peer
  app_pkg storefront '"peerDependenciesMeta": {}' shopfront
  add_dep react 17.0.2; add_dep react-dom ^18.3.1
  cap $C 1 bash <<'S'
npm install --no-audit --no-fund
S
  spec $C js <<E
$(hdr $C "build (node 20)" u24new dependency-install dependency-install "npm $(npm --version) (public registry)" "react-dom 18 declares a peer dependency on react ^18.3.1; react is pinned to 17.")
field exit_code $(rc $C 1)
field package react-dom
evidence npm error code ERESOLVE
evidence npm error ERESOLVE unable to resolve dependency tree
evidence npm error Could not resolve dependency:
step -
  from $W/$C/1
E
}

jc_dep_npm_ebadengine_strict() {
  local C=dependency-install-npm-ebadengine-engine-strict
  app_pkg docs-site
  add_dep vitest 5.1.2
  quiet npm install --no-audit --no-fund --package-lock-only
  echo "engine-strict=true" > .npmrc
  cap $C 1 <<'S'
npm ci --no-audit
S
  spec $C js <<E
$(hdr $C "docs" u22 dependency-install dependency-install "npm $(npm --version) (engine-strict)" "engine-strict=true in .npmrc; a dependency requires a newer node than setup-node installed.")
field exit_code $(rc $C 1)
field package vitest
evidence npm error code EBADENGINE
evidence npm error engine Unsupported engine
evidence npm error notsup Not compatible with your version of node/npm: vitest@5.1.2
step -
  from $W/$C/1
E
}

jc_dep_yarn_frozen() {
  local C=dependency-install-yarn-frozen-lockfile
  app_pkg webapp; quiet yarn install --non-interactive
  add_dep uuid ^9.0.1
  cap $C 1 <<'S'
yarn install --frozen-lockfile
S
  spec $C js <<E
$(hdr $C "install" u24 dependency-install dependency-install "yarn $YARN1")
field exit_code $(rc $C 1)
evidence error Your lockfile needs to be updated
step -
  from $W/$C/1
E
}

jc_dep_yarn_engine() {
  local C=dependency-install-yarn-engine-incompatible
  app_pkg docs-site
  add_dep vitest 5.1.2
  cap $C 1 bash <<'S'
yarn install --non-interactive
S
  spec $C js <<E
$(hdr $C "docs" u24new dependency-install dependency-install "yarn $YARN1" "yarn classic checks engines by default.")
field exit_code $(rc $C 1)
field package vitest
evidence The engine "node" is incompatible with this module.
evidence error Found incompatible module.
step -
  from $W/$C/1
E
}

jc_dep_yarn_404() {
  local C=dependency-install-yarn-package-not-found
  app_pkg webapp
  add_dep @acme-internal/design-tokens ^3.2.0
  cap $C 1 <<'S'
yarn install
S
  spec $C js <<E
$(hdr $C "install" u22 dependency-install dependency-install "yarn $YARN1 (public registry)" "Private scoped package resolved against the public registry (no .npmrc/.yarnrc for the scope).")
field exit_code $(rc $C 1)
field package @acme-internal/design-tokens
evidence error Couldn't find package "@acme-internal/design-tokens"
step -
  from $W/$C/1
E
}

berry_proj() {
  app_pkg "$1"
  mkdir -p .yarn/releases
  cp "$W/tools/berry/node_modules/@yarnpkg/cli-dist/bin/yarn.js" .yarn/releases/yarn-$BERRY.cjs
  printf 'nodeLinker: node-modules\nyarnPath: .yarn/releases/yarn-%s.cjs\nenableTelemetry: false\nhttpsCaFilePath: /etc/ssl/certs/ca-certificates.crt\n' "$BERRY" > .yarnrc.yml
  node -e 'const f="package.json",p=JSON.parse(require("fs").readFileSync(f));p.packageManager="yarn@'$BERRY'";require("fs").writeFileSync(f,JSON.stringify(p,null,2)+"\n")'
  CI='' quiet yarn install
}

jc_dep_yarn_berry_immutable() {
  local C=dependency-install-yarn-berry-immutable
  berry_proj admin-console
  add_dep uuid ^9.0.1
  cap $C 1 <<'S'
yarn install --immutable
S
  spec $C js <<E
$(hdr $C "install" u24 dependency-install dependency-install "yarn $BERRY (berry, yarnPath release from @yarnpkg/cli-dist)" "Berry via yarnPath (corepack cannot fetch yarn releases here); the lockfile misses a dependency added to package.json.")
field exit_code $(rc $C 1)
evidence_all The lockfile would have been modified by this install, which is explicitly forbidden.
evidence YN0000: · Failed with errors
step -
  from $W/$C/1
E
}

jc_dep_pnpm_outdated() {
  local C=dependency-install-pnpm-outdated-lockfile
  app_pkg worker-svc '"packageManager": "pnpm@9.15.9"' platform
  quiet pnpm install
  add_dep uuid ^9.0.1
  cap $C 1 <<'S'
pnpm install --frozen-lockfile
S
  spec $C js <<E
$(hdr $C "build" u24new dependency-install dependency-install "pnpm $PNPM")
field exit_code $(rc $C 1)
evidence ERR_PNPM_OUTDATED_LOCKFILE
step -
  from $W/$C/1
E
}

jc_dep_pnpm_engine() {
  local C=dependency-install-pnpm-unsupported-engine
  app_pkg worker-svc '"packageManager": "pnpm@9.15.9", "engines": { "node": ">=22.12.0" }' platform
  echo "engine-strict=true" > .npmrc
  cap $C 1 <<'S'
pnpm install
S
  spec $C js <<E
$(hdr $C "build" u24 dependency-install dependency-install "pnpm $PNPM (engine-strict)" "The project's own engines.node asks for a newer node than the job set up.")
field exit_code $(rc $C 1)
evidence ERR_PNPM_UNSUPPORTED_ENGINE
step -
  from $W/$C/1
E
}

jc_dep_pnpm_no_matching() {
  local C=dependency-install-pnpm-no-matching-version
  app_pkg worker-svc '"packageManager": "pnpm@9.15.9"' platform
  add_dep ms ^7.0.0
  cap $C 1 bash <<'S'
pnpm install --no-frozen-lockfile
S
  spec $C js <<E
$(hdr $C "build" u22 dependency-install dependency-install "pnpm $PNPM (public registry)")
field exit_code $(rc $C 1)
field package ms
evidence ERR_PNPM_NO_MATCHING_VERSION
step -
  from $W/$C/1
E
}

# ---------------------------------------------------------------- imports
jc_imp_node_cjs() {
  local C=imports-node-cannot-find-module
  jsproj static-site docs <<'J'
{ "name": "static-site", "version": "1.0.0", "private": true, "scripts": { "build": "node scripts/build.js" } }
J
  file scripts/build.js <<'JS'
'use strict';
require('dotenv').config();
const fs = require('node:fs');
fs.mkdirSync('dist', { recursive: true });
fs.writeFileSync('dist/index.html', `<h1>${process.env.SITE_TITLE || 'Docs'}</h1>`);
console.log('built dist/index.html');
JS
  cap $C 1 <<'S'
npm run build
S
  spec $C js <<E
$(hdr $C "build" u24 imports imports "node $NODEV (CommonJS require) via npm run" "A build script requires a package that is not in package.json.")
field exit_code $(rc $C 1)
field module dotenv
evidence Error: Cannot find module 'dotenv'
evidence code: 'MODULE_NOT_FOUND'
step Build
  from $W/$C/1
E
}

jc_imp_node_esm_package() {
  local C=imports-node-esm-cannot-find-package
  jsproj api-server edge <<'J'
{ "name": "api-server", "version": "0.5.0", "private": true, "type": "module", "scripts": { "smoke": "node src/main.js --check" } }
J
  file src/main.js <<'JS'
import Fastify from 'fastify';
const app = Fastify();
app.get('/health', async () => ({ ok: true }));
if (process.argv.includes('--check')) { console.log('routes ok'); process.exit(0); }
await app.listen({ port: 3000 });
JS
  cap $C 1 bash <<'S'
node src/main.js --check
S
  spec $C js <<E
$(hdr $C "check" u24new imports imports "node $NODEV (ESM import)")
field exit_code $(rc $C 1)
field module fastify
evidence Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'fastify'
step -
  from $W/$C/1
E
}

jc_imp_node_esm_relative() {
  local C=imports-node-esm-relative-without-extension
  jsproj api-server edge <<'J'
{ "name": "api-server", "version": "0.5.0", "private": true, "type": "module", "scripts": { "migrate": "node scripts/migrate.js" } }
J
  file src/db.js <<'JS'
export const url = process.env.DATABASE_URL ?? 'postgres://localhost/app';
JS
  file scripts/migrate.js <<'JS'
import { url } from '../src/db';
console.log(`migrating ${url}`);
JS
  cap $C 1 <<'S'
npm run migrate
S
  spec $C js <<E
$(hdr $C "deploy-staging" u22 imports imports "node $NODEV (ESM import) via npm run" "An extensionless relative import, which ESM resolution does not complete (bundlers and TypeScript do).")
field exit_code $(rc $C 1)
evidence Error [ERR_MODULE_NOT_FOUND]: Cannot find module
step Migrate
  from $W/$C/1
E
}

jc_imp_jest_cannot_find() {
  local C=imports-jest-cannot-find-module-from
  jsproj charts dataflow <<'J'
{ "name": "charts", "version": "3.0.1", "private": true, "scripts": { "test": "jest" } }
J
  file src/axis.js <<'JS'
const { scaleLinear } = require('d3-scale');
function ticks(min, max, n) {
  return scaleLinear().domain([min, max]).ticks(n);
}
module.exports = { ticks };
JS
  file src/legend.js <<'JS'
function legend(items) { return items.map((i) => `■ ${i}`).join('  '); }
module.exports = { legend };
JS
  file test/axis.test.js <<'JS'
const { ticks } = require('../src/axis');
test('ticks', () => { expect(ticks(0, 10, 5)).toEqual([0, 2, 4, 6, 8, 10]); });
JS
  file test/legend.test.js <<'JS'
const { legend } = require('../src/legend');
test('legend', () => { expect(legend(['a', 'b'])).toBe('■ a  ■ b'); });
JS
  deps jest@29
  cap $C 1 <<'S'
npx jest --ci
S
  spec $C js <<E
$(hdr $C "test" u24 imports "imports tests" "jest $(ver jest)" "A source module requires a package missing from the dependencies; jest reports the suite as failed to run.")
field exit_code $(rc $C 1)
field module d3-scale
evidence Cannot find module 'd3-scale' from 'src/axis.js'
evidence Test Suites: 1 failed
step Run tests
  from $W/$C/1
E
}

jc_imp_vitest_resolve() {
  local C=imports-vitest-failed-to-resolve-import
  jsproj charts dataflow <<'J'
{ "name": "charts", "version": "3.0.1", "private": true, "type": "module", "scripts": { "test": "vitest run" } }
J
  file src/when.js <<'JS'
import { formatDistanceToNowStrict } from 'date-fns';
export const ago = (d) => formatDistanceToNowStrict(d, { addSuffix: true });
JS
  file test/when.test.js <<'JS'
import { test, expect } from 'vitest';
import { ago } from '../src/when.js';
test('ago', () => { expect(ago(new Date(Date.now() - 3600e3))).toBe('1 hour ago'); });
JS
  deps vitest@3
  cap $C 1 <<'S'
npm test
S
  spec $C js <<E
$(hdr $C "test" u24new imports "imports tests" "vitest $(ver vitest) via npm test")
match_plain 1
field exit_code $(rc $C 1)
field module date-fns
evidence Error: Cannot find package 'date-fns' imported from
evidence Test Files  1 failed
step -
  from $W/$C/1
E
}

# ---------------------------------------------------------------- green / near-miss
jc_none_jest_console_error() {
  local C=none-jest-console-error-noise
  jsproj webhooks acme <<'J'
{ "name": "webhooks", "version": "3.1.0", "private": true, "scripts": { "test": "jest" } }
J
  file src/deliver.js <<'JS'
async function deliver(send, payload) {
  try {
    return await send(payload);
  } catch (err) {
    console.error('delivery failed, will retry later:', err);
    console.warn('Warning: queue depth above 100');
    return null;
  }
}
module.exports = { deliver };
JS
  file test/deliver.test.js <<'JS'
const { deliver } = require('../src/deliver');
test('returns null when the endpoint fails', async () => {
  await expect(deliver(async () => { throw new Error('connect ECONNREFUSED 127.0.0.1:9'); }, {})).resolves.toBeNull();
});
test('returns the response', async () => {
  await expect(deliver(async (p) => ({ status: 200, p }), 1)).resolves.toEqual({ status: 200, p: 1 });
});
JS
  deps jest@29
  cap $C 1 <<'S'
npx jest --ci
S
  spec $C js <<E
$(hdr $C "test" u24 none none "jest $(ver jest)" "Passing suite whose code under test logs console.error with an Error and stack (ECONNREFUSED) and console.warn.")
step -
  from $W/$C/1
E
}

jc_none_vitest_skipped() {
  local C=none-vitest-skipped-and-todo
  jsproj pricing shopfront <<'J'
{ "name": "pricing", "version": "1.2.0", "private": true, "type": "module", "scripts": { "test": "vitest run" } }
J
  file test/tax.test.js <<'JS'
import { describe, it, expect } from 'vitest';
describe('tax', () => {
  it('standard rate', () => { expect(Math.round(1000 * 1.2)).toBe(1200); });
  it.skip('reduced rate for books (FAILING upstream, see #412)', () => { expect(1).toBe(2); });
  it.todo('zero rate for exports');
  it('logs a deprecation', () => {
    console.error('Error: legacy rate table is deprecated and will be removed');
    expect(true).toBe(true);
  });
});
JS
  deps vitest@3
  cap $C 1 <<'S'
npm test
S
  spec $C js <<E
$(hdr $C "test" u24new none none "vitest $(ver vitest) via npm test" "Passing run with a skipped test whose name says FAILING, a todo, and an 'Error:' line on stderr.")
step -
  from $W/$C/1
E
}

jc_none_mocha_deprecation() {
  local C=none-mocha-deprecation-warning-pending
  jsproj invoices billing <<'J'
{ "name": "invoices", "version": "5.0.2", "private": true, "scripts": { "test": "mocha" } }
J
  file src/id.js <<'JS'
const fs = require('node:fs');
function cleanSpool(dir) {
  fs.rmdirSync(dir, { recursive: true });
}
function invoiceId(n) {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return 'INV-' + b.toString('hex');
}
module.exports = { invoiceId, cleanSpool };
JS
  file test/id.test.js <<'JS'
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { invoiceId, cleanSpool } = require('../src/id');
describe('invoiceId', () => {
  it('cleans the spool directory', () => {
    fs.mkdirSync('tmp-spool/a', { recursive: true });
    cleanSpool('tmp-spool');
    assert.equal(fs.existsSync('tmp-spool'), false);
  });
  it('is hex', () => assert.equal(invoiceId(255), 'INV-000000ff'));
  it('handles failures of the numbering service');
});
JS
  deps mocha@11
  cap $C 1 <<'S'
yarn test
S
  spec $C js <<E
$(hdr $C "test" u22 none none "mocha $(ver mocha) via yarn $YARN1" "Passing run with a node DeprecationWarning (DEP0147) and a pending test.")
step -
  from $W/$C/1
E
}

jc_none_npm_install_warnings() {
  local C=none-npm-install-deprecated-ebadengine-warnings
  app_pkg legacy-api '"engines": { "node": ">=18" }' billing
  add_dep request 2.88.2; add_dep vitest 5.1.2
  quiet npm install --no-audit --no-fund --package-lock-only
  cap $C 1 bash <<'S'
npm install --no-audit
node -e "require('ms'); console.log('dependencies load')"
S
  spec $C js <<E
$(hdr $C "build" u24 none none "npm $(npm --version)" "npm ci succeeds with 'npm warn deprecated' and 'npm warn EBADENGINE' lines (no engine-strict).")
step Install
  from $W/$C/1
E
}

jc_none_node_test_skip() {
  local C=none-node-test-skip-todo
  jsproj timekeeper tools <<'J'
{ "name": "timekeeper", "version": "0.2.0", "private": true, "scripts": { "test": "node --test" } }
J
  node_test_src
  file test/duration.test.js <<'JS'
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { parseDuration } = require('../src/duration');
test('parses hours and minutes', () => {
  assert.equal(parseDuration('1h30m'), 5400);
});
test('rejects garbage', { skip: 'error messages are being reworded' }, () => {});
test('parses days', { todo: true }, () => {
  throw new Error('not implemented: 1d');
});
JS
  cap $C 1 <<'S'
npm test
S
  spec $C js <<E
$(hdr $C "test" u24new none none "node $NODEV --test via npm test" "Passing run with a skipped test and a failing todo test (todo failures do not fail the run).")
step -
  from $W/$C/1
E
}

jc_none_pnpm_ok() {
  local C=none-pnpm-install-peer-warnings-tsc-ok
  app_pkg worker-svc '"packageManager": "pnpm@9.15.9"' platform
  add_dep react-dom ^18.3.1; add_dep react 17.0.2
  file tsconfig.json <<'JSON'
{ "compilerOptions": { "strict": true, "noEmit": true, "target": "ES2022", "module": "commonjs" }, "include": ["src"] }
JSON
  file src/index.ts <<'TS'
export const add = (a: number, b: number): number => a + b;
TS
  node -e 'const f="package.json",p=JSON.parse(require("fs").readFileSync(f));p.devDependencies={typescript:"5.9.3"};require("fs").writeFileSync(f,JSON.stringify(p,null,2)+"\n")'
  cap $C 1 <<'S'
pnpm install --no-frozen-lockfile
pnpm exec tsc
S
  spec $C js <<E
$(hdr $C "build" u24 none none "pnpm $PNPM + typescript 5.9.3" "pnpm reports unmet peer dependencies as warnings; install and tsc succeed.")
step -
  from $W/$C/1
E
}

# ---------------------------------------------------------------- held-out variants
# Captured after rules/js.json was first written and scored with it unchanged (tests/corpus/js/
# HELD-OUT.txt): other reporters, wrappers and phrasings of the same tools.
HELD="Held-out variant (captured after the first rules were written)."

jc_h_jest_gha_reporter() {
  local C=tests-jest-github-actions-reporter
  jsproj cart acme <<'J'
{ "name": "cart", "version": "2.3.0", "private": true, "scripts": { "test": "jest" } }
J
  cart_src; cart_tests jest; deps jest@29
  cap $C 1 bash <<'S'
npx jest --ci --reporters=default --reporters=github-actions
S
  spec $C js <<E
$(hdr $C "test (20.x)" u24 tests tests "jest $(ver jest) (default + github-actions reporters)" "$HELD jest's github-actions reporter prints ::error workflow commands, logged by the runner as ##[error] lines.")
field exit_code $(rc $C 1)
field test_ids ["cart › adds VAT rounded to the cent", "cart › coupons › ignores unknown coupon kinds"]
field failed_count 2
evidence ● cart › adds VAT rounded to the cent
evidence ● cart › coupons › ignores unknown coupon kinds
evidence Tests:
step -
  from $W/$C/1
E
}

jc_h_pnpm_recursive_vitest() {
  local C=tests-vitest-pnpm-recursive-run
  jsproj shop-monorepo shopfront <<'J'
{ "name": "shop-monorepo", "private": true, "packageManager": "pnpm@9.15.9", "scripts": { "test": "pnpm -r test" } }
J
  printf 'packages:\n  - "packages/*"\n' > pnpm-workspace.yaml
  local pk
  for pk in money cart; do
    file packages/$pk/package.json <<JSON
{ "name": "@shop/$pk", "version": "1.0.0", "private": true, "scripts": { "test": "vitest run" }, "devDependencies": { "vitest": "3.2.4" } }
JSON
  done
  file packages/money/test/money.test.js <<'JS'
import { test, expect } from 'vitest';
test('cents to euros', () => { expect((1999 / 100).toFixed(2)).toBe('19.99'); });
JS
  file packages/cart/src/cart.js <<'JS'
export const total = (items) => items.reduce((s, i) => s + i.qty * i.price, 0);
export const count = (items) => items.length;
JS
  file packages/cart/test/cart.test.js <<'JS'
import { describe, test, expect } from 'vitest';
import { total, count } from '../src/cart.js';
describe('cart totals', () => {
  test('sums quantity times price', () => { expect(total([{ qty: 2, price: 5 }, { qty: 1, price: 3 }])).toBe(13); });
  test('counts units, not lines', () => { expect(count([{ qty: 2, price: 5 }])).toBe(2); });
});
JS
  quiet pnpm install --no-frozen-lockfile
  cap $C 1 <<'S'
pnpm test
S
  spec $C js <<E
$(hdr $C "test" u24new tests tests "vitest 3.2.4 in a pnpm $PNPM workspace (pnpm -r test)" "$HELD pnpm's recursive run prints ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL after the package's vitest failure.")
match_plain 1
field exit_code $(rc $C 1)
field test_ids ["test/cart.test.js > cart totals > counts units, not lines"]
field failed_count 1
evidence FAIL  test/cart.test.js > cart totals > counts units, not lines
evidence Tests  1 failed
step -
  from $W/$C/1
E
}

jc_h_mocha_tap() {
  local C=tests-mocha-tap-reporter
  jsproj invoices billing <<'J'
{ "name": "invoices", "version": "5.0.2", "private": true }
J
  cart_src; cart_tests mocha; deps mocha@11
  cap $C 1 <<'S'
npx mocha --reporter tap
S
  spec $C js <<E
$(hdr $C "unit-tests" u22 tests tests "mocha $(ver mocha) (tap reporter)" "$HELD")
field exit_code $(rc $C 1)
field failed_count 2
evidence not ok 2 cart adds VAT rounded to the cent
evidence not ok 4 cart coupons ignores unknown coupon kinds
evidence # fail 2
step -
  from $W/$C/1
E
}

jc_h_node_test_dot() {
  local C=tests-node-test-dot-reporter
  jsproj timekeeper tools <<'J'
{ "name": "timekeeper", "version": "0.2.0", "private": true, "scripts": { "test": "node --test --test-reporter=dot" } }
J
  node_test_src
  cap $C 1 <<'S'
npm test
S
  spec $C js <<E
$(hdr $C "test" u24 tests tests "node $NODEV --test (dot reporter) via npm test" "$HELD")
field exit_code $(rc $C 1)
field test_ids ["keeps seconds under a minute"]
field failed_count 1
evidence Failed tests:
evidence ✖ keeps seconds under a minute
step -
  from $W/$C/1
E
}

jc_h_tsc_ts2307() {
  local C=typecheck-tsc-cannot-find-module-types
  jsproj orders shopfront <<'J'
{ "name": "orders", "version": "1.0.0", "private": true, "scripts": { "build": "tsc -p tsconfig.json" } }
J
  ts_src
  file src/ids.ts <<'TS'
import { v4 as uuid } from 'uuid';
import type { Order } from './order';
export const newId = (): Order['id'] => uuid();
TS
  sed -i 's/    totalCents: raw.total,/    totalCents: Number(raw.total),/; s/b.placedAt - a.placedAt/b.placedAt.getTime() - a.placedAt.getTime()/; s/, true);/);/' src/order.ts src/report.ts
  deps typescript@5.9
  cap $C 1 <<'S'
npm run build
S
  spec $C js <<E
$(hdr $C "build" u24new typecheck typecheck "typescript $(ver typescript) (tsc -p) via npm run" "$HELD An import of a package that is neither installed nor typed (TS2307) is the only error.")
field exit_code $(rc $C 1)
evidence error TS2307: Cannot find module 'uuid'
step Build
  from $W/$C/1
E
}

jc_h_jest_alias() {
  local C=imports-jest-path-alias-not-mapped
  jsproj cart acme <<'J'
{ "name": "cart", "version": "2.3.0", "private": true, "scripts": { "test": "jest" } }
J
  cart_src
  file src/checkout.js <<'JS'
const { summary } = require('@/cart');
module.exports = { checkout: (items) => ({ ...summary(items), status: 'open' }) };
JS
  file test/checkout.test.js <<'JS'
const { checkout } = require('../src/checkout');
test('opens a checkout', () => { expect(checkout([]).status).toBe('open'); });
JS
  deps jest@29
  cap $C 1 <<'S'
npm test -- --ci
S
  spec $C js <<E
$(hdr $C "test" u24 imports "imports tests" "jest $(ver jest) via npm test" "$HELD A webpack/TypeScript path alias (@/) that jest's moduleNameMapper does not map.")
field exit_code $(rc $C 1)
field module @/cart
evidence Cannot find module '@/cart' from 'src/checkout.js'
step -
  from $W/$C/1
E
}

jc_h_node_exports() {
  local C=imports-node-package-subpath-not-exported
  app_pkg ids-worker '"type": "commonjs"' platform
  add_dep uuid 9.0.1
  file src/worker.js <<'JS'
const uuidv4 = require('uuid/v4');
console.log('job', uuidv4());
JS
  quiet npm install --no-audit --no-fund
  cap $C 1 <<'S'
node src/worker.js
S
  spec $C js <<E
$(hdr $C "smoke" u22 imports imports "node $NODEV (CommonJS require)" "$HELD A deep import that uuid 9's exports map no longer provides.")
field exit_code $(rc $C 1)
field module uuid
evidence Error [ERR_PACKAGE_PATH_NOT_EXPORTED]: Package subpath './v4' is not defined by "exports"
step -
  from $W/$C/1
E
}

jc_h_nyc_per_file() {
  local C=coverage-nyc-per-file-branches
  jsproj cart acme <<'J'
{ "name": "cart", "version": "2.3.0", "private": true, "scripts": { "test": "mocha", "coverage": "nyc --check-coverage --per-file --branches 80 --reporter=text-summary npm test" } }
J
  cov_tests mocha; deps mocha@10 nyc@17
  cap $C 1 <<'S'
npm run coverage
S
  spec $C js <<E
$(hdr $C "coverage" u24 coverage coverage "nyc $(ver nyc) --per-file + mocha $(ver mocha) via npm run" "$HELD nyc --check-coverage keeps its default lines threshold (90) next to --branches 80.")
field exit_code $(rc $C 1)
field coverage_percent $(grep -o 'Coverage for lines ([0-9.]*%)' "$W/$C/out1.txt" | head -1 | grep -o '[0-9.]*')
field threshold 90
evidence_all ERROR: Coverage for
step -
  from $W/$C/1
E
}

jc_h_vitest_istanbul() {
  local C=coverage-vitest-istanbul-glob-threshold
  jsproj cart acme <<'J'
{ "name": "cart", "version": "2.3.0", "private": true, "scripts": { "test": "vitest run --coverage" } }
J
  file vitest.config.mjs <<'JS'
import { defineConfig } from 'vitest/config';
export default defineConfig({
  test: {
    coverage: { provider: 'istanbul', include: ['src/**'], reporter: ['text-summary'],
                thresholds: { 'src/cart.js': { functions: 90, lines: 70 } } },
  },
});
JS
  cov_tests vitest; deps vitest@3 @vitest/coverage-istanbul@3
  cap $C 1 <<'S'
npm test
S
  local pct; pct=$(sed 's/\x1b\[[0-9;]*m//g' "$W/$C/out1.txt" | grep -o 'Coverage for lines ([0-9.]*%)' | head -1 | grep -o '[0-9.]*')
  spec $C js <<E
$(hdr $C "test" u24new coverage coverage "vitest $(ver vitest) + @vitest/coverage-istanbul (glob thresholds) via npm test" "$HELD The test loads the module with require(), which the istanbul provider does not instrument, so 0% is measured.")
match_plain 1
field exit_code $(rc $C 1)
${pct:+field coverage_percent $pct}
${pct:+field threshold 70}
evidence_all ERROR: Coverage for
step -
  from $W/$C/1
E
}

# a local stand-in for a private registry that refuses the token (the npm client output is real)
registry_401() {
  cat > "$W/reg401.py" <<'PY'
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b'{"error":"Unauthorized"}'
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="npm"')
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
  /usr/bin/python3 "$W/reg401.py" 18010 & REGPID=$!
  sleep 1
}

jc_h_npm_e401() {
  local C=dependency-install-npm-e401-private-registry
  app_pkg design-app '"publishConfig": {}' shopfront
  add_dep @shopfront/ui-kit ^4.1.0
  printf '@shopfront:registry=http://127.0.0.1:18010/\n//127.0.0.1:18010/:_authToken=${NPM_TOKEN}\n' > .npmrc
  registry_401
  cap $C 1 bash SECRET:NPM_TOKEN=npm_expiredtoken0000 <<'S'
npm install --no-audit --no-fund
S
  kill "$REGPID"
  spec $C js <<E
$(hdr $C "build" u24 dependency-install dependency-install "npm $(npm --version) against a private registry answering 401" "$HELD The registry is a local stub answering 401 with WWW-Authenticate (client output real).")
field exit_code $(rc $C 1)
evidence npm error code E401
step -
  from $W/$C/1
E
}

jc_h_pnpm_peer_strict() {
  local C=dependency-install-pnpm-strict-peer-dependencies
  app_pkg worker-svc '"packageManager": "pnpm@9.15.9"' platform
  add_dep react-dom ^18.3.1; add_dep react 17.0.2
  echo "strict-peer-dependencies=true" > .npmrc
  cap $C 1 <<'S'
pnpm install --no-frozen-lockfile
S
  spec $C js <<E
$(hdr $C "build" u22 dependency-install dependency-install "pnpm $PNPM (strict-peer-dependencies)" "$HELD")
field exit_code $(rc $C 1)
evidence ERR_PNPM_PEER_DEP_ISSUES
step -
  from $W/$C/1
E
}

jc_h_yarn_jest_and_coverage() {
  local C=tests-jest-failures-and-coverage-yarn
  jsproj cart acme <<'J'
{ "name": "cart", "version": "2.3.0", "private": true, "scripts": { "test": "jest --coverage" },
  "jest": { "coverageThreshold": { "global": { "lines": 90 } } } }
J
  cart_src; cart_tests jest; deps jest@29
  cap $C 1 <<'S'
yarn test --ci
S
  spec $C js <<E
$(hdr $C "test" u24new tests "tests coverage" "jest $(ver jest) via yarn $YARN1" "$HELD Failing tests and a coverage threshold in the same run: the tests are the cause.")
field exit_code $(rc $C 1)
field test_ids ["cart › adds VAT rounded to the cent", "cart › coupons › ignores unknown coupon kinds"]
field failed_count 2
evidence ● cart › adds VAT rounded to the cent
evidence Tests:
step -
  from $W/$C/1
E
}

jc_h_none_jest_open_handles() {
  local C=none-jest-coverage-met-worker-warning
  jsproj cart acme <<'J'
{ "name": "cart", "version": "2.3.0", "private": true, "scripts": { "test": "jest --coverage" },
  "jest": { "coverageThreshold": { "global": { "lines": 40 } } } }
J
  cov_tests jest
  file test/poll.test.js <<'JS'
test('starts polling', () => {
  setInterval(() => {}, 1000);
  expect(1).toBe(1);
});
JS
  deps jest@29
  cap $C 1 <<'S'
npm test -- --ci --maxWorkers=2
S
  spec $C js <<E
$(hdr $C "test" u24 none none "jest $(ver jest) via npm test" "$HELD Passing run, coverage above the threshold, and jest's 'worker process has failed to exit gracefully' / open-handle warning.")
step -
  from $W/$C/1
E
}

jc_h_none_berry_warnings() {
  local C=none-yarn-berry-install-peer-warnings
  berry_proj admin-console
  add_dep react-dom ^18.3.1; add_dep react 17.0.2
  CI='' quiet yarn install
  cap $C 1 <<'S'
yarn install --immutable
S
  spec $C js <<E
$(hdr $C "install" u24new none none "yarn $BERRY (berry)" "$HELD Immutable install that succeeds with a peer-dependency warning (YN0060).")
step -
  from $W/$C/1
E
}

# ---------------------------------------------------------------- more phrasings (after the held-out round)
jc_mocha_timeout() {
  local C=tests-mocha-timeout-exceeded
  jsproj webhooks acme <<'J'
{ "name": "webhooks", "version": "3.1.0", "private": true, "scripts": { "test": "mocha" } }
J
  file test/deliver.test.js <<'JS'
const assert = require('node:assert/strict');
describe('deliver', () => {
  it('acks quickly', () => assert.ok(true));
  it('retries a 503 three times', async () => {
    for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 1000));
  });
});
JS
  deps mocha@11
  cap $C 1 <<'S'
npm test
S
  spec $C js <<E
$(hdr $C "test" u24 tests tests "mocha $(ver mocha) via npm test" "An async test outlives mocha's default 2 s timeout.")
field exit_code $(rc $C 1)
field test_ids ["retries a 503 three times"]
field failed_count 1
field timeout_seconds 2
evidence 1 failing
evidence Error: Timeout of 2000ms exceeded.
step -
  from $W/$C/1
E
}

jc_vitest_timeout() {
  local C=tests-vitest-test-timed-out
  jsproj webhooks acme <<'J'
{ "name": "webhooks", "version": "3.1.0", "private": true, "type": "module", "scripts": { "test": "vitest run" } }
J
  file test/deliver.test.js <<'JS'
import { test, expect } from 'vitest';
test('acks quickly', () => { expect(1).toBe(1); });
test('retries a 503 until the queue drains', async () => {
  await new Promise((r) => setTimeout(r, 8000));
});
JS
  deps vitest@3
  cap $C 1 bash <<'S'
npx vitest run --reporter=verbose
S
  spec $C js <<E
$(hdr $C "test" u22 tests tests "vitest $(ver vitest) (verbose reporter)" "An async test outlives vitest's default 5 s test timeout.")
match_plain 1
field exit_code $(rc $C 1)
field test_ids ["test/deliver.test.js > retries a 503 until the queue drains"]
field failed_count 1
field timeout_seconds 5
evidence FAIL  test/deliver.test.js > retries a 503 until the queue drains
evidence Error: Test timed out in 5000ms.
step -
  from $W/$C/1
E
}

jc_playwright_api() {
  local C=tests-playwright-api-request
  jsproj storefront-e2e shopfront <<'J'
{ "name": "storefront-e2e", "version": "1.0.0", "private": true, "scripts": { "e2e": "playwright test" } }
J
  file playwright.config.js <<'JS'
const { defineConfig } = require('@playwright/test');
module.exports = defineConfig({ testDir: 'e2e', reporter: 'list', retries: 0, use: { baseURL: 'http://127.0.0.1:18020' } });
JS
  file e2e/api.spec.js <<'JS'
const { test, expect } = require('@playwright/test');
test.describe('public API', () => {
  test('health answers ok', async ({ request }) => {
    const res = await request.get('/health');
    expect(res.ok()).toBeTruthy();
  });
  test('catalog lists products', async ({ request }) => {
    const res = await request.get('/api/products');
    expect(res.status()).toBe(200);
    expect((await res.json()).length).toBeGreaterThan(0);
  });
});
JS
  cat > "$W/shop-api.py" <<'PY'
import http.server, json
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        code, body = (200, b"ok") if self.path == "/health" else (500, json.dumps({"error": "db timeout"}).encode())
        self.send_response(code); self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", 18020), H).serve_forever()
PY
  deps @playwright/test@1.55
  /usr/bin/python3 "$W/shop-api.py" & local pid=$!
  sleep 1
  cap $C 1 <<'S'
npm run e2e
S
  kill $pid
  spec $C js <<E
$(hdr $C "e2e" u24 tests tests "@playwright/test $(ver @playwright/test) (list reporter, API tests only) via npm run" "Request-fixture tests (no browser needed) against a local stub API that answers 500.")
field exit_code $(rc $C 1)
field test_ids ["e2e/api.spec.js:7:3 › public API › catalog lists products"]
field failed_count 1
evidence 1 failed
evidence public API › catalog lists products
step E2E
  from $W/$C/1
E
}

jc_jasmine() {
  local C=tests-jasmine-failures
  jsproj ledger-fmt billing <<'J'
{ "name": "ledger-fmt", "version": "0.7.3", "private": true, "scripts": { "test": "jasmine" } }
J
  cart_src
  file spec/support/jasmine.json <<'JSON'
{ "spec_dir": "spec", "spec_files": ["**/*[sS]pec.js"], "env": { "random": true } }
JSON
  file spec/cart.spec.js <<'JS'
const { withVat, applyCoupon } = require('../src/cart');
describe('cart', () => {
  it('adds VAT rounded to the cent', () => {
    expect(withVat(1003)).toBe(1204);
  });
  it('takes a percentage off', () => {
    expect(applyCoupon(1000, { kind: 'percent', value: 15 })).toBe(850);
  });
});
JS
  deps jasmine@5
  cap $C 1 <<'S'
npm test
S
  spec $C js <<E
$(hdr $C "test" u24 tests tests "jasmine $(ver jasmine) via npm test" "jasmine randomizes order by default and prints its seed on every run; the failure is an ordinary assertion.")
field exit_code $(rc $C 1)
field failed_count 1
evidence 1) cart adds VAT rounded to the cent
evidence 2 specs, 1 failure
step -
  from $W/$C/1
E
}

# bundlers: an import of a package that is not installed, at build time
bundle_src() {
  file src/main.js <<'JS'
import { formatDistanceToNow } from 'date-fns';
import { money } from './money.js';
document.querySelector('#app').textContent = `${money(1999)} · ${formatDistanceToNow(new Date())}`;
JS
  file src/money.js <<'JS'
export const money = (cents) => `${(cents / 100).toFixed(2)} EUR`;
JS
  file index.html <<'HTML'
<!doctype html><html><body><div id="app"></div><script type="module" src="/src/main.js"></script></body></html>
HTML
}

jc_imp_vite_build() {
  local C=imports-vite-build-rollup-failed-to-resolve
  jsproj storefront-ui shopfront <<'J'
{ "name": "storefront-ui", "version": "0.3.0", "private": true, "type": "module", "scripts": { "build": "vite build" } }
J
  bundle_src; deps vite@6
  cap $C 1 <<'S'
npm run build
S
  spec $C js <<E
$(hdr $C "build" u24new imports imports "vite $(ver vite) build via npm run" "A dependency used by the app is missing from package.json; Rollup cannot resolve it.")
field exit_code $(rc $C 1)
field module date-fns
evidence Rollup failed to resolve import "date-fns"
step Build
  from $W/$C/1
E
}

jc_imp_webpack() {
  local C=imports-webpack-module-not-found
  jsproj storefront-ui shopfront <<'J'
{ "name": "storefront-ui", "version": "0.3.0", "private": true, "scripts": { "build": "webpack --mode production" } }
J
  bundle_src
  file webpack.config.js <<'JS'
module.exports = { entry: './src/main.js', output: { filename: 'bundle.js' } };
JS
  deps webpack@5 webpack-cli@5
  cap $C 1 bash <<'S'
npm run build
S
  spec $C js <<E
$(hdr $C "build" u22 imports imports "webpack $(ver webpack) (webpack-cli $(ver webpack-cli)) via npm run")
field exit_code $(rc $C 1)
match_plain 1
field module date-fns
evidence Module not found: Error: Can't resolve 'date-fns'
step -
  from $W/$C/1
E
}

jc_cucumber_failing_scenario() {
  local C=tests-cucumber-js-failing-scenario
  jsproj checkout acme <<'J'
{ "name": "checkout", "version": "1.4.0", "private": true, "scripts": { "test:acceptance": "cucumber-js" } }
J
  deps @cucumber/cucumber@10
  cart_feature
  file features/step_definitions/cart.steps.js <<'JS'
const { Given, When, Then } = require('@cucumber/cucumber');
const assert = require('node:assert');

Given('an empty cart', function () { this.items = []; });
When('I add a pen for {float}', function (price) { this.items.push(price); });
When('I apply the code {word}', function (code) { this.items = this.items.map((p) => p * 0.9); });
Then('the total is {float}', function (total) {
  const sum = this.items.reduce((a, b) => a + b, 0);
  assert.strictEqual(Math.round(sum * 100) / 100, total);
});
JS
  cap $C 1 <<'S'
npm run test:acceptance
S
  spec $C js <<E
$(hdr $C "acceptance" u24 tests tests "@cucumber/cucumber $(ver @cucumber/cucumber)" "cucumber-js: one scenario of two fails (a discount the step expects at 5 %, the code applies 10 %); the failed step is marked with its assertion, then the summary.")
field exit_code $(rc $C 1)
field failed_count 1
field test_ids ["Applying a discount"]
evidence 1) Scenario: Applying a discount
evidence ✖ Then the total is 9.50
step Run acceptance tests
  from $W/$C/1
E
}

jc_node_too_old_dependency() {
  local C=other-node-too-old-for-dependency-syntax
  jsproj badges tools <<'J'
{ "name": "badges", "version": "1.4.0", "private": true, "scripts": { "build": "node scripts/build.js" } }
J
  # a dependency whose new major needs a newer Node.js (engines >=24: `using` declarations),
  # installed from its tarball as npm installs a registry package (copied into node_modules)
  mkdir -p "$W/pkgsrc/fastid"
  file "$W/pkgsrc/fastid/package.json" <<'P'
{ "name": "fastid", "version": "3.0.0", "main": "index.js", "engines": { "node": ">=24" } }
P
  file "$W/pkgsrc/fastid/index.js" <<'JS'
'use strict';
let counter = 0;
function lease() { return { id: ++counter, [Symbol.dispose]() {} }; }
function nextId(prefix) {
  using handle = lease();
  return `${prefix}-${handle.id}`;
}
module.exports = { nextId };
JS
  (cd "$W/pkgsrc" && npm pack ./fastid >/dev/null 2>&1)
  npm install --no-audit --no-fund "$W/pkgsrc/fastid-3.0.0.tgz" >/dev/null 2>&1
  file scripts/build.js <<'JS'
const fs = require('node:fs');
const { nextId } = require('fastid');
fs.mkdirSync('dist', { recursive: true });
fs.writeFileSync('dist/badge.json', JSON.stringify({ id: nextId('badge') }));
console.log('built dist/badge.json');
JS
  cap $C 1 <<'S'
npm run build
S
  spec $C js <<E
$(hdr $C "build" u24 other other "node $NODEV, npm $(npm --version)" "A dependency's new major release (engines node >=24) uses a using declaration that node 20 cannot parse: the build script crashes on require. Labelled other: the runtime's version is the workflow's, no runbook area.")
field exit_code $(rc $C 1)
evidence SyntaxError: Unexpected identifier 'handle'
step Build
  from $W/$C/1
E
}

# ---------------------------------------------------------------- main
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  run_cases jc_ "$@"
fi
