#!/bin/bash
# Regenerate tests/corpus/pairs/: green/red log pairs of the same job for `analyze --baseline`.
#
#   bash tests/corpus/gen/make_pairs.sh               # all pairs
#   bash tests/corpus/gen/make_pairs.sh p_go_test     # some
#
# Each pair is one throwaway project run twice by the same step scripts, as the runner runs them
# (make_cases.sh cap: bash -e /home/runner/work/_temp/UUID.sh, stdout+stderr together): once as
# it is (the green run), then after one breaking change (the red run). Everything in the logs
# between the step headers is the real output of the real tool; wrap_gha.py adds the GitHub
# Actions framing (its own timestamps, GUIDs and commit per run, as two real runs differ).
# Output: tests/corpus/pairs/NAME/{good.log,bad.log,pair.json}; pair.json says what changed and
# which lines of bad.log a human would point at (evidence_lines, computed from the spec's
# `evidence` substrings by wrap_gha.py). Scored by tests/corpus/pairs/score_pairs.py.
# Needs what make_cases.sh needs (tests/corpus/INDEX.md), plus jq, sqlite3, terraform, maven with
# Debian's maven-repo, the npm registry (jest, eslint).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=make_cases.sh
source "$HERE/make_cases.sh"
W=/tmp/ci-pairs
PAIRS=$OUT/pairs
mkdir -p "$W"
NOTE_P="Tool output really captured on Debian 12 in a throwaway project at /home/runner/work/REPO/REPO, run twice by the same step scripts as the runner runs them (stdout+stderr together): green as committed, red after the change. Synthetic: timestamps, runner preamble, checkout group, step headers, ##[error]/post-job lines. Generator: tests/corpus/gen/make_pairs.sh + wrap_gha.py."

# pair CASE : the spec (stdin) is written twice, @@ standing for good/bad; the good run gets no
# label. Wraps both and writes tests/corpus/pairs/CASE/{good.log,bad.log,pair.json}.
pair() {
  local c=$1 t=$W/$1
  mkdir -p "$t"
  cat > "$t/spec.in"
  sed -e "s/@@/good/g" -e "s/^name .*/name $c-good/" -e '/^evidence/d' -e 's/^primary .*/primary none/' \
    "$t/spec.in" > "$t/spec.good"
  sed -e "s/@@/bad/g" -e "s/^name .*/name $c-bad/" "$t/spec.in" > "$t/spec.bad"
  rm -rf "$t/out"
  $WRAP "$t/spec.good" "$t/out" > /dev/null && $WRAP "$t/spec.bad" "$t/out" || { echo "pair $c: wrap failed"; return 1; }
  mkdir -p "$PAIRS/$c"
  mv "$t/out/$c-good.log" "$PAIRS/$c/good.log"
  mv "$t/out/$c-bad.log" "$PAIRS/$c/bad.log"
  /usr/bin/python3 - "$t/spec.in" "$t/out/$c-bad.expect.json" "$PAIRS/$c/pair.json" <<'PY'
import json, sys
spec = {}
for line in open(sys.argv[1], encoding="utf-8"):
    k, _, v = line.strip().partition(" ")
    if k in ("change", "tool", "notes", "primary") and not line.startswith(" "):
        spec[k] = v.strip()
lab = json.load(open(sys.argv[2], encoding="utf-8"))
out = {"good": "good.log", "bad": "bad.log", "tool": spec["tool"], "change": spec["change"],
       "primary": spec["primary"], "evidence_lines": lab["evidence_lines"], "notes": spec.get("notes", "")}
json.dump(out, open(sys.argv[3], "w", encoding="utf-8"), indent=2, ensure_ascii=False)
open(sys.argv[3], "a").write("\n")
PY
  echo "   pair $c: bad evidence $(/usr/bin/python3 -c "import json;print(json.load(open('$PAIRS/$c/pair.json'))['evidence_lines'])")"
}
# good CASE IDX [cap args] / bad CASE IDX [cap args]: one step of the green / red run
good() { local c=$1; shift; cap "$c-good" "$@"; }
bad() { local c=$1; shift; cap "$c-bad" "$@"; }

# ---------------------------------------------------------------- test runners
invoicing_proj() {
  proj pair-ledger/invoicing
  mkdir -p invoicing tests
  : > invoicing/__init__.py
  cat > invoicing/totals.py <<'EOF'
from decimal import Decimal, ROUND_HALF_UP


def line_total(qty, unit_price):
    return (Decimal(qty) * Decimal(unit_price)).quantize(Decimal("0.01"))


def apply_discount(total, percent):
    factor = Decimal(100 - percent) / Decimal(100)
    return (total * factor).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
EOF
  cat > tests/test_totals.py <<'EOF'
from decimal import Decimal

import pytest

from invoicing.totals import apply_discount, line_total


def test_line_total():
    assert line_total(3, "2.50") == Decimal("7.50")


@pytest.mark.parametrize("percent,expected", [(0, "200.00"), (5, "190.00"), (15, "170.00"), (50, "100.00")])
def test_discount(percent, expected):
    assert apply_discount(Decimal("200.00"), percent) == Decimal(expected)


def test_discount_rounds_half_up():
    assert apply_discount(Decimal("0.05"), 50) == Decimal("0.03")
EOF
}
# the breaking change: the discount is applied twice above 10 percent
invoicing_break() {
  sed -i 's/    factor = Decimal(100 - percent) \/ Decimal(100)/    factor = Decimal(100 - percent) \/ Decimal(100)\n    if percent > 10:\n        factor = factor * factor/' invoicing/totals.py
}

p_pytest_assert() {
  local C=pytest-assert-rounding
  invoicing_proj
  local S1='python -m pytest --version' S2='python -m pytest -v --durations=3'
  good $C 1 py <<<"$S1"; good $C 2 py <<<"$S2"
  invoicing_break
  bad $C 1 py <<<"$S1"; bad $C 2 py <<<"$S2"
  pair $C <<EOF
name $C
job test (3.11)
repo pair-ledger/invoicing
runner u24
setup python 3.11.2
primary tests
tool $PYTOOL
change apply_discount applies the discount twice above 10 percent.
evidence_all E       AssertionError: assert Decimal
notes ${NOTE_P//REPO/invoicing}
step Show versions
  from $W/$C-@@/1
step Run tests
  from $W/$C-@@/2
EOF
}

p_pytest_import() {
  local C=pytest-import-renamed-function
  proj pair-ledger/billing
  mkdir -p billing tests
  : > billing/__init__.py
  cat > billing/tax.py <<'EOF'
RATES = {"DE": 19, "FR": 20, "NL": 21}


def vat_rate(country):
    return RATES[country]
EOF
  cat > billing/invoice.py <<'EOF'
from billing.tax import vat_rate


def gross(net_cents, country):
    return net_cents + net_cents * vat_rate(country) // 100
EOF
  cat > tests/test_invoice.py <<'EOF'
from billing.invoice import gross


def test_gross_de():
    assert gross(1000, "DE") == 1190


def test_gross_nl():
    assert gross(1000, "NL") == 1210
EOF
  cat > tests/test_tax.py <<'EOF'
from billing.tax import RATES


def test_rates_are_percentages():
    assert all(0 < r < 100 for r in RATES.values())
EOF
  local S1='python -m pytest -q'
  good $C 1 py <<<"$S1"
  sed -i 's/^def vat_rate(country):/def rate_for(country):/' billing/tax.py
  bad $C 1 py <<<"$S1"
  pair $C <<EOF
name $C
job test (3.11)
repo pair-ledger/billing
runner u24
setup python 3.11.2
primary imports
tool $PYTOOL
change vat_rate renamed to rate_for; billing/invoice.py still imports the old name.
evidence E   ImportError: cannot import name
notes ${NOTE_P//REPO/billing}
step Run tests
  from $W/$C-@@/1
EOF
}

p_go_test() {
  local C=go-test-tier-price
  go_proj
  local S1='go build ./...' S2='go test -v -count=1 ./...'
  good $C 1 "${GOENV[@]}" <<<"$S1"; good $C 2 "${GOENV[@]}" <<<"$S2"
  sed -i 's/return 1000 + (qty-10)\*90, nil/return 1000 + (qty-10)*85, nil/' pricing/pricing.go
  bad $C 1 "${GOENV[@]}" <<<"$S1"; bad $C 2 "${GOENV[@]}" <<<"$S2"
  pair $C <<EOF
name $C
job go-test
repo tidewave/ratecard
runner u24
primary tests
tool $GOTOOL
change The 11-100 tier price changed from 90 to 85 cents without updating the table test.
evidence pricing_test.go:
evidence --- FAIL: TestTiered
notes ${NOTE_P//REPO/ratecard}
step Build
  from $W/$C-@@/1
step Test
  from $W/$C-@@/2
EOF
}

p_go_build() {
  local C=go-build-undefined
  go_proj
  local S1='go build -o bin/ ./... && go vet ./...'
  good $C 1 "${GOENV[@]}" <<<"$S1"
  sed -i 's/pricing.Tiered(qty)/pricing.TieredPrice(qty)/' cmd/ratecard/main.go
  bad $C 1 "${GOENV[@]}" <<<"$S1"
  pair $C <<EOF
name $C
job build
repo tidewave/ratecard
runner u24
primary compile
tool $GOTOOL
change cmd/ratecard calls pricing.TieredPrice, which does not exist.
evidence undefined: pricing.TieredPrice
notes ${NOTE_P//REPO/ratecard}
step Vet and build
  from $W/$C-@@/1
EOF
}

p_cargo_test() {
  local C=cargo-test-two-components
  cargo_proj
  # as committed: a version needs three components
  sed -i 's/let patch = it.next().unwrap_or("0").parse().ok()?;/let patch = it.next()?.parse().ok()?;/' src/lib.rs
  /root/.cargo/bin/cargo generate-lockfile --offline > /dev/null 2>&1
  local S1='cargo build --locked' S2='cargo test --locked'
  good $C 1 "${CARGOENV[@]}" <<<"$S1"; good $C 2 "${CARGOENV[@]}" <<<"$S2"
  sed -i 's/let patch = it.next()?.parse().ok()?;/let patch = it.next().unwrap_or("0").parse().ok()?;/' src/lib.rs
  bad $C 1 "${CARGOENV[@]}" <<<"$S1"; bad $C 2 "${CARGOENV[@]}" <<<"$S2"
  pair $C <<EOF
name $C
job test
repo ferrous-labs/semver-lite
runner u24
primary tests
tool $CARGOTOOL
change parse() lets the patch component default to 0, so "1.2" parses.
evidence panicked at
evidence_all left: Some(
notes ${NOTE_P//REPO/semver-lite}
step Build
  from $W/$C-@@/1
step Test
  from $W/$C-@@/2
EOF
}

# npm projects: the tools come from the npm registry once (a template copied into the project)
NPMTPL=$W/npm
npm_tools() {  # npm_tools PKG@VER... : node_modules + lock for these dev dependencies
  local key; key=$(printf '%s\n' "$@" | sort | md5sum | cut -c1-12)
  if [ ! -d "$NPMTPL/$key/node_modules" ]; then
    rm -rf "$NPMTPL/$key"; mkdir -p "$NPMTPL/$key"
    (cd "$NPMTPL/$key" && echo '{"name":"tpl","version":"1.0.0","private":true}' > package.json &&
      npm install --no-audit --no-fund --save-dev "$@" > /dev/null 2>&1) || { echo "npm install $* failed"; exit 1; }
  fi
  /usr/bin/python3 - "$NPMTPL/$key/package.json" <<'PY'
import json, sys
pkg = json.load(open("package.json"))
pkg["devDependencies"] = json.load(open(sys.argv[1]))["devDependencies"]
json.dump(pkg, open("package.json", "w"), indent=2)
open("package.json", "a").write("\n")
PY
  npm install --no-audit --no-fund --package-lock-only > /dev/null 2>&1
}

p_jest() {
  local C=jest-vat-rounding
  proj pair-shop/cart
  cat > package.json <<'EOF'
{
  "name": "cart",
  "version": "2.1.0",
  "private": true,
  "scripts": { "test": "jest --ci" }
}
EOF
  npm_tools jest@29.7.0
  mkdir -p src
  cat > src/cart.js <<'EOF'
'use strict';
const VAT = 0.2;
function lineTotal(qty, unitCents) {
  return qty * unitCents;
}
function withVat(cents) {
  return Math.round(cents * (1 + VAT));
}
function summary(items) {
  const net = items.reduce((s, i) => s + lineTotal(i.qty, i.unitCents), 0);
  return { items: items.length, net, gross: withVat(net) };
}
module.exports = { lineTotal, withVat, summary };
EOF
  cat > src/cart.test.js <<'EOF'
'use strict';
const { lineTotal, withVat, summary } = require('./cart');

describe('cart', () => {
  test('line total', () => {
    expect(lineTotal(3, 250)).toBe(750);
  });
  test('VAT is rounded to the nearest cent', () => {
    expect(withVat(999)).toBe(1199);
  });
  test('summary', () => {
    expect(summary([{ qty: 2, unitCents: 500 }])).toEqual({ items: 1, net: 1000, gross: 1200 });
  });
});
EOF
  local S1='npm ci --no-audit --no-fund' S2='npm test'
  good $C 1 <<<"$S1"; good $C 2 <<<"$S2"
  sed -i 's/return Math.round(cents \* (1 + VAT));/return Math.floor(cents * (1 + VAT));/' src/cart.js
  bad $C 1 <<<"$S1"; bad $C 2 <<<"$S2"
  pair $C <<EOF
name $C
job test (node 20)
repo pair-shop/cart
runner u24
primary tests
tool jest $(node -p "require('./node_modules/jest/package.json').version") on node $(node --version)
change withVat truncates instead of rounding.
evidence ● cart › VAT is rounded to the nearest cent
evidence Received: 1198
notes ${NOTE_P//REPO/cart}
step Install
  from $W/$C-@@/1
step Test
  from $W/$C-@@/2
EOF
}

p_node_test() {
  local C=node-test-clamp
  proj pair-web/form-kit
  cat > package.json <<'EOF'
{
  "name": "form-kit",
  "version": "1.4.0",
  "private": true,
  "scripts": { "test": "node --test test/" }
}
EOF
  mkdir -p src test
  cat > src/validate.js <<'EOF'
'use strict';
function isEmail(s) {
  return /^[^@\s]+@[^@\s]+$/.test(s);
}
function clampLength(s, max) {
  return s.length > max ? s.slice(0, max) : s;
}
module.exports = { isEmail, clampLength };
EOF
  cat > test/validate.test.js <<'EOF'
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { isEmail, clampLength } = require('../src/validate');

test('isEmail accepts a plain address', () => {
  assert.ok(isEmail('a@b.example'));
});
test('clampLength keeps max characters', () => {
  assert.strictEqual(clampLength('abcdef', 4), 'abcd');
});
test('clampLength leaves short strings', () => {
  assert.strictEqual(clampLength('ab', 4), 'ab');
});
EOF
  local S1='npm test'
  good $C 1 <<<"$S1"
  sed -i 's/s.slice(0, max)/s.slice(0, max - 1)/' src/validate.js
  bad $C 1 <<<"$S1"
  pair $C <<EOF
name $C
job test (node 20)
repo pair-web/form-kit
runner u24
primary tests
tool npm $(npm --version) + node $(node --version) (node:test)
change clampLength cuts one character too many.
evidence not ok 2 - clampLength keeps max characters
evidence 'abc' !== 'abcd'
notes ${NOTE_P//REPO/form-kit}
step -
  from $W/$C-@@/1
EOF
}

p_mypy() {
  local C=mypy-optional-return
  proj pair-ledger/rates
  mkdir -p rates
  : > rates/__init__.py
  cat > rates/lookup.py <<'EOF'
from typing import Dict

RATES: Dict[str, int] = {"DE": 19, "FR": 20}


def rate(country: str) -> int:
    return RATES[country]
EOF
  cat > rates/report.py <<'EOF'
from rates.lookup import rate


def line(country: str, net: int) -> str:
    return f"{country}: {net + net * rate(country) // 100}"
EOF
  local S1='mypy --version' S2='mypy --strict rates'
  good $C 1 py <<<"$S1"; good $C 2 py <<<"$S2"
  sed -i 's/^from typing import Dict$/from typing import Dict, Optional/; s/^def rate(country: str) -> int:$/def rate(country: str) -> Optional[int]:/; s/    return RATES\[country\]/    return RATES.get(country)/' rates/lookup.py
  bad $C 1 py <<<"$S1"; bad $C 2 py <<<"$S2"
  pair $C <<EOF
name $C
job typecheck
repo pair-ledger/rates
runner u24
setup python 3.11.2
primary typecheck
tool $(mypy --version | head -1)
change rate() now returns Optional[int]; its caller still does arithmetic on it.
evidence_all error: Unsupported operand types
notes ${NOTE_P//REPO/rates}
step Versions
  from $W/$C-@@/1
step Type check
  from $W/$C-@@/2
EOF
}

p_eslint() {
  local C=eslint-no-undef
  proj pair-web/widgets
  cat > package.json <<'EOF'
{
  "name": "widgets",
  "version": "0.9.0",
  "private": true,
  "scripts": { "lint": "eslint src" }
}
EOF
  npm_tools eslint@8.57.1
  cat > .eslintrc.json <<'EOF'
{ "root": true, "env": { "node": true, "es2022": true }, "extends": "eslint:recommended" }
EOF
  mkdir -p src
  cat > src/format.js <<'EOF'
'use strict';
function money(cents, currency) {
  const units = (cents / 100).toFixed(2);
  return `${units} ${currency}`;
}
module.exports = { money };
EOF
  local S1='npm ci --no-audit --no-fund' S2='npm run lint'
  good $C 1 <<<"$S1"; good $C 2 <<<"$S2"
  sed -i 's/  return `${units} ${currency}`;/  return `${units} ${curency}`;/' src/format.js
  bad $C 1 <<<"$S1"; bad $C 2 <<<"$S2"
  pair $C <<EOF
name $C
job lint
repo pair-web/widgets
runner u24
primary lint
tool eslint $(node -p "require('./node_modules/eslint/package.json').version") on node $(node --version)
change A typo in a template string: curency is not defined.
evidence 'curency' is not defined
notes ${NOTE_P//REPO/widgets}
step Install
  from $W/$C-@@/1
step Lint
  from $W/$C-@@/2
EOF
}

p_junit() {
  local C=junit-console-vat
  proj pair-lumen/invoice-pdf
  mkdir -p src/main/java/com/lumen/invoice src/test/java/com/lumen/invoice
  cat > src/main/java/com/lumen/invoice/Vat.java <<'EOF'
package com.lumen.invoice;

import java.math.BigDecimal;
import java.math.RoundingMode;

public final class Vat {
    private Vat() {}

    public static BigDecimal gross(BigDecimal net, int ratePercent) {
        return net.multiply(BigDecimal.valueOf(100 + ratePercent)).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
    }
}
EOF
  cat > src/test/java/com/lumen/invoice/VatTest.java <<'EOF'
package com.lumen.invoice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class VatTest {
    @Test
    void grossOfRoundNumber() {
        assertEquals(new BigDecimal("119.00"), Vat.gross(new BigDecimal("100.00"), 19));
    }

    @Test
    void grossRoundsHalfUp() {
        assertEquals(new BigDecimal("11.96"), Vat.gross(new BigDecimal("10.05"), 19));
    }
}
EOF
  local S1='JUNIT=/usr/share/java/junit-platform-console-standalone.jar
javac -d build/classes $(find src/main/java -name '"'*.java'"')
javac -d build/test-classes -cp build/classes:$JUNIT $(find src/test/java -name '"'*.java'"')
java -jar $JUNIT --disable-banner --details=tree -cp build/classes:build/test-classes --scan-classpath'
  good $C 1 bash <<<"$S1"
  sed -i 's/RoundingMode.HALF_UP/RoundingMode.DOWN/' src/main/java/com/lumen/invoice/Vat.java
  bad $C 1 bash <<<"$S1"
  pair $C <<EOF
name $C
job unit-tests (jdk 17)
repo pair-lumen/invoice-pdf
runner u24
primary tests
tool JUnit Platform console launcher (Debian junit5) on $(java -version 2>&1 | head -1)
change Vat.gross rounds down instead of half up.
evidence expected: <11.96> but was: <11.95>
notes ${NOTE_P//REPO/invoice-pdf}
step Unit tests
  from $W/$C-@@/1
EOF
}

M2=/home/runner/.m2/repository
p_maven() {
  local C=maven-surefire-split
  [ -d "$M2/org/apache/maven/plugins/maven-surefire-plugin" ] || { mkdir -p "$M2"; cp -rL /usr/share/maven-repo/. "$M2/"; }
  proj pair-ledgerline/ledger
  mkdir -p .mvn src/main/java/io/ledgerline src/test/java/io/ledgerline
  echo "-Duser.home=/home/runner" > .mvn/jvm.config
  cat > pom.xml <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.ledgerline</groupId>
  <artifactId>ledger</artifactId>
  <version>1.4.0-SNAPSHOT</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
    <dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>4.13.2</version><scope>test</scope></dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.0</version></plugin>
      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.10.1</version></plugin>
      <plugin><artifactId>maven-surefire-plugin</artifactId><version>2.22.3</version></plugin>
    </plugins>
  </build>
</project>
EOF
  cat > src/main/java/io/ledgerline/Money.java <<'EOF'
package io.ledgerline;

import java.math.BigDecimal;
import java.math.RoundingMode;

public final class Money {
    private Money() {}

    public static BigDecimal split(BigDecimal total, int parts) {
        return total.divide(BigDecimal.valueOf(parts), 2, RoundingMode.HALF_EVEN);
    }
}
EOF
  cat > src/test/java/io/ledgerline/MoneyTest.java <<'EOF'
package io.ledgerline;

import static org.junit.Assert.assertEquals;

import java.math.BigDecimal;
import org.junit.Test;

public class MoneyTest {
    @Test
    public void splitsEvenly() {
        assertEquals(new BigDecimal("33.34"), Money.split(new BigDecimal("100.01"), 3));
    }

    @Test
    public void splitsInTwo() {
        assertEquals(new BigDecimal("50.00"), Money.split(new BigDecimal("100.00"), 2));
    }
}
EOF
  local S1='mvn -B -ntp -o test'
  good $C 1 <<<"$S1"
  sed -i 's/RoundingMode.HALF_EVEN/RoundingMode.DOWN/' src/main/java/io/ledgerline/Money.java
  bad $C 1 <<<"$S1"
  pair $C <<EOF
name $C
job test (maven)
repo pair-ledgerline/ledger
runner u24
primary tests
tool $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g; s/ (.*//') + surefire 2.22.3 (Debian maven-repo, offline)
change Money.split rounds down instead of half-even.
evidence MoneyTest.splitsEvenly:
evidence_all expected:<33.34> but was:<33.33>
notes ${NOTE_P//REPO/ledger}
step Test
  from $W/$C-@@/1
EOF
}

# ---------------------------------------------------------------- build and lint
p_gcc_make() {
  local C=make-gcc-implicit-declaration
  proj pair-tools/checksum
  mkdir -p src
  cat > Makefile <<'EOF'
CFLAGS ?= -O2 -Wall -Werror
checksum: src/main.o src/adler.o
	$(CC) -o $@ $^
clean:
	rm -f checksum src/*.o
EOF
  cat > src/adler.h <<'EOF'
#include <stddef.h>
#include <stdint.h>
uint32_t adler32(const unsigned char *data, size_t len);
EOF
  cat > src/adler.c <<'EOF'
#include "adler.h"
uint32_t adler32(const unsigned char *data, size_t len) {
  uint32_t a = 1, b = 0;
  for (size_t i = 0; i < len; i++) {
    a = (a + data[i]) % 65521;
    b = (b + a) % 65521;
  }
  return (b << 16) | a;
}
EOF
  cat > src/main.c <<'EOF'
#include <stdio.h>
#include <string.h>
#include "adler.h"
int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++)
    printf("%08x  %s\n", adler32((const unsigned char *)argv[i], strlen(argv[i])), argv[i]);
  return 0;
}
EOF
  local S1='make && ./checksum hello'
  good $C 1 <<<"$S1"
  make clean > /dev/null
  sed -i 's/adler32((const unsigned char \*)argv\[i\], strlen(argv\[i\]))/adler32_update(1, (const unsigned char *)argv[i], strlen(argv[i]))/' src/main.c
  bad $C 1 <<<"$S1"
  pair $C <<EOF
name $C
job build
repo pair-tools/checksum
runner u22
primary compile
tool $(gcc --version | head -1) + $(make --version | head -1)
change main.c calls adler32_update, which was never added to adler.h.
evidence error: implicit declaration of function
notes ${NOTE_P//REPO/checksum}
step Build
  from $W/$C-@@/1
EOF
}

p_shellcheck() {
  local C=shellcheck-unquoted
  proj pair-ops/scripts
  mkdir -p bin
  cat > bin/backup.sh <<'EOF'
#!/bin/bash
set -euo pipefail
src="$1"
dest="/backups/$(date +%F)"
mkdir -p "$dest"
cp -r "$src" "$dest"
EOF
  local S1='shellcheck --version | head -2
shellcheck bin/*.sh && echo "scripts ok"'
  good $C 1 <<<"$S1"
  sed -i 's/^cp -r "$src" "$dest"$/for f in $(ls $src); do cp -r "$src\/$f" "$dest"; done/' bin/backup.sh
  bad $C 1 <<<"$S1"
  pair $C <<EOF
name $C
job lint
repo pair-ops/scripts
runner u24
primary lint
tool $(shellcheck --version | sed -n 2p)
change The copy became a loop over \$(ls \$src).
evidence SC2045
evidence SC2086
notes ${NOTE_P//REPO/scripts}
step Shellcheck
  from $W/$C-@@/1
EOF
}

p_cmake() {
  local C=cmake-missing-subdirectory
  proj pair-tools/imgconv
  mkdir -p src libs/codec
  cat > CMakeLists.txt <<'EOF'
cmake_minimum_required(VERSION 3.20)
project(imgconv C)
add_subdirectory(libs/codec)
add_executable(imgconv src/main.c)
target_link_libraries(imgconv PRIVATE codec)
EOF
  cat > libs/codec/CMakeLists.txt <<'EOF'
add_library(codec STATIC codec.c)
target_include_directories(codec PUBLIC .)
EOF
  echo 'int codec_version(void) { return 3; }' > libs/codec/codec.c
  echo 'int codec_version(void);' > libs/codec/codec.h
  printf '#include <stdio.h>\n#include "codec.h"\nint main(void) { printf("codec %%d\\n", codec_version()); return 0; }\n' > src/main.c
  local S1='cmake -S . -B build -G Ninja && cmake --build build'
  good $C 1 <<<"$S1"
  rm -rf build
  sed -i 's/^add_subdirectory(libs\/codec)$/add_subdirectory(libs\/codec)\nadd_subdirectory(libs\/resample)/' CMakeLists.txt
  bad $C 1 <<<"$S1"
  pair $C <<EOF
name $C
job build
repo pair-tools/imgconv
runner u24
primary compile
tool $(cmake --version | head -1) + ninja $(ninja --version)
change CMakeLists.txt adds libs/resample, which was not committed.
evidence CMake Error at CMakeLists.txt:4 (add_subdirectory):
evidence given source "libs/resample" which is not an existing
notes ${NOTE_P//REPO/imgconv}
step Configure and build
  from $W/$C-@@/1
EOF
}

# ---------------------------------------------------------------- deploy and ops scripts
p_deploy_unbound() {
  local C=deploy-script-unbound-variable
  proj pair-ops/deploy
  mkdir -p scripts dist
  echo "app build 1.8.2" > dist/app.txt
  cat > scripts/deploy.sh <<'EOF'
#!/bin/bash
set -euo pipefail
: "${DEPLOY_ENV:?set DEPLOY_ENV}"
echo "Deploying ${RELEASE_TAG} to ${DEPLOY_ENV}"
target="$RUNNER_TEMP/deploy/$DEPLOY_ENV/$RELEASE_TAG"
mkdir -p "$target"
cp -v dist/* "$target/"
echo "Release manifest:"
ls -l "$target" | tail -n +2 | awk '{print "  " $9 " (" $5 " bytes)"}'
echo "Deployed ${RELEASE_TAG} to ${DEPLOY_ENV} at $(date -u +%FT%TZ)"
EOF
  chmod +x scripts/deploy.sh
  local S1='./scripts/deploy.sh'
  good $C 1 bash DEPLOY_ENV=staging RELEASE_TAG=v1.8.2 <<<"$S1"
  sed -i 's/RELEASE_TAG/RELEASE_VERSION/g' scripts/deploy.sh
  bad $C 1 bash DEPLOY_ENV=staging RELEASE_TAG=v1.8.2 <<<"$S1"
  pair $C <<EOF
name $C
job deploy-staging
repo pair-ops/deploy
runner u24
primary other
tool GNU bash $(bash --version | head -1 | awk '{print $4}')
change The script was changed to read RELEASE_VERSION; the workflow still sets RELEASE_TAG.
evidence RELEASE_VERSION: unbound variable
notes ${NOTE_P//REPO/deploy}
step Deploy
  from $W/$C-@@/1
EOF
}

p_codegen_drift() {
  local C=codegen-drift-git-diff
  proj pair-api/schema
  mkdir -p schema tools gen
  cat > schema/errors.json <<'EOF'
{"NOT_FOUND": 404, "CONFLICT": 409, "RATE_LIMITED": 429}
EOF
  cat > tools/gen_errors.py <<'EOF'
import json

codes = json.load(open("schema/errors.json"))
with open("gen/errors.py", "w") as out:
    out.write("# Generated by tools/gen_errors.py from schema/errors.json. Do not edit.\n")
    for name, status in sorted(codes.items()):
        out.write(f"{name} = {status}\n")
print(f"wrote gen/errors.py ({len(codes)} codes)")
EOF
  python3 tools/gen_errors.py > /dev/null
  git init -q . && git add -A && git -c user.email=ci@example.com -c user.name=ci commit -qm init
  local S1='python tools/gen_errors.py
git diff --exit-code -- gen/'
  good $C 1 py <<<"$S1"
  echo '{"NOT_FOUND": 404, "CONFLICT": 409, "GONE": 410, "RATE_LIMITED": 429}' > schema/errors.json
  git -c user.email=ci@example.com -c user.name=ci commit -qam "add GONE"
  bad $C 1 py <<<"$S1"
  pair $C <<EOF
name $C
job generated-code
repo pair-api/schema
runner u24
setup python 3.11.2
primary other
tool $(git --version) + CPython
change schema/errors.json gained GONE but gen/errors.py was not regenerated and committed.
evidence diff --git a/gen/errors.py b/gen/errors.py
evidence +GONE = 410
notes ${NOTE_P//REPO/schema}
step Check generated code is up to date
  from $W/$C-@@/1
EOF
}

p_jq_config() {
  local C=jq-config-parse-error
  proj pair-ops/config
  mkdir -p config
  cat > config/app.json <<'EOF'
{
  "service": "billing",
  "replicas": 3,
  "limits": {"cpu": "500m", "memory": "512Mi"},
  "features": ["invoices", "refunds"]
}
EOF
  cat > config/worker.json <<'EOF'
{
  "service": "billing-worker",
  "replicas": 2,
  "queues": ["default", "mail"]
}
EOF
  local S1='for f in config/*.json; do jq -e ".service and .replicas" "$f" > /dev/null; echo "ok $f"; done'
  good $C 1 <<<"$S1"
  sed -i 's/  "features": \["invoices", "refunds"\]/  "features": ["invoices", "refunds"],/' config/app.json
  bad $C 1 <<<"$S1"
  pair $C <<EOF
name $C
job validate-config
repo pair-ops/config
runner u24
primary other
tool $(jq --version)
change A trailing comma after the last member of config/app.json.
evidence parse error:
notes ${NOTE_P//REPO/config}
step Validate config
  from $W/$C-@@/1
EOF
}

p_checksum() {
  local C=sha256sum-artifact-mismatch
  proj pair-ops/release
  mkdir -p dist
  printf 'payload v2.4.0\n' > dist/agent-linux-amd64
  printf 'payload v2.4.0 arm\n' > dist/agent-linux-arm64
  (cd dist && sha256sum agent-* > ../SHA256SUMS)
  local S1='cd dist
sha256sum -c ../SHA256SUMS --strict'
  good $C 1 <<<"$S1"
  printf 'payload v2.4.1\n' > dist/agent-linux-amd64
  bad $C 1 <<<"$S1"
  pair $C <<EOF
name $C
job verify-artifacts
repo pair-ops/release
runner u24
primary other
tool $(sha256sum --version | head -1)
change dist/agent-linux-amd64 was rebuilt but SHA256SUMS was not updated.
evidence agent-linux-amd64: FAILED
evidence computed checksum did NOT match
notes ${NOTE_P//REPO/release}
step Verify checksums
  from $W/$C-@@/1
EOF
}

p_kustomize() {
  local C=kustomize-missing-resource
  proj pair-ops/k8s
  mkdir -p base overlays/prod
  cat > base/deployment.yaml <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 1
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: registry.example.com/api:1.8.2
EOF
  printf 'resources:\n  - deployment.yaml\n' > base/kustomization.yaml
  cat > overlays/prod/kustomization.yaml <<'EOF'
resources:
  - ../../base
namespace: prod
replicas:
  - name: api
    count: 3
EOF
  local S1='kubectl kustomize overlays/prod > rendered.yaml
grep -c "kind:" rendered.yaml'
  good $C 1 <<<"$S1"
  sed -i 's#^  - ../../base$#  - ../../base\n  - hpa.yaml#' overlays/prod/kustomization.yaml
  bad $C 1 <<<"$S1"
  pair $C <<EOF
name $C
job render-manifests
repo pair-ops/k8s
runner u24
primary other
tool $(kubectl version --client 2>/dev/null | head -1) (kustomize built in)
change The prod overlay lists hpa.yaml, which was not committed.
evidence "command failed" err="accumulating resources
notes ${NOTE_P//REPO/k8s}
step Render manifests
  from $W/$C-@@/1
EOF
}

p_promtool_rules() {
  local C=promtool-check-rules-bad-expr
  proj pair-ops/monitoring
  mkdir -p rules
  cat > rules/api.yml <<'EOF'
groups:
  - name: api
    rules:
      - alert: ApiHighErrorRate
        expr: sum(rate(http_requests_total{status=~"5.."}[5m])) / sum(rate(http_requests_total[5m])) > 0.05
        for: 10m
        labels:
          severity: page
EOF
  local S1='promtool check rules rules/*.yml'
  good $C 1 <<<"$S1"
  sed -i 's/for: 10m/for: 10mins/' rules/api.yml
  bad $C 1 <<<"$S1"
  pair $C <<EOF
name $C
job validate-monitoring
repo pair-ops/monitoring
runner u22
primary monitoring
tool $(promtool --version 2>&1 | head -1)
change The alert's for: duration was written as 10mins.
evidence_all FAILED:
evidence_all not a valid duration string
notes ${NOTE_P//REPO/monitoring}
step Check rules
  from $W/$C-@@/1
EOF
}

p_promtool_test() {
  local C=promtool-test-rules-alert
  proj pair-ops/alerts
  mkdir -p rules tests
  cat > rules/api.yml <<'EOF'
groups:
  - name: api
    rules:
      - alert: ApiDown
        expr: up{job="api"} == 0
        for: 2m
        labels:
          severity: page
EOF
  cat > tests/api_test.yml <<'EOF'
rule_files:
  - ../rules/api.yml
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'up{job="api", instance="api-0"}'
        values: '1 1 0 0 0 0'
    alert_rule_test:
      - eval_time: 5m
        alertname: ApiDown
        exp_alerts:
          - exp_labels:
              severity: page
              job: api
              instance: api-0
EOF
  local S1='promtool test rules tests/*.yml'
  good $C 1 <<<"$S1"
  sed -i 's/for: 2m/for: 5m/' rules/api.yml
  bad $C 1 <<<"$S1"
  pair $C <<EOF
name $C
job alert-tests
repo pair-ops/alerts
runner u22
primary monitoring
tool $(promtool --version 2>&1 | head -1)
change ApiDown waits 5m instead of 2m; the unit test expects it firing at 5m.
evidence FAILED:
evidence alertname: ApiDown, time: 5m,
notes ${NOTE_P//REPO/alerts}
step Test alerting rules
  from $W/$C-@@/1
EOF
}

p_terraform() {
  local C=terraform-undeclared-variable
  proj pair-infra/network
  cat > main.tf <<'EOF'
terraform {
  required_version = ">= 1.5"
}

variable "environment" {
  type    = string
  default = "staging"
}

locals {
  cidr = "10.20.0.0/16"
  tags = { env = var.environment, team = "platform" }
}

output "summary" {
  value = "${var.environment}: ${local.cidr}"
}
EOF
  local S1='terraform init -input=false -no-color
terraform validate -no-color'
  good $C 1 <<<"$S1"
  sed -i 's/  value = "${var.environment}: ${local.cidr}"/  value = "${var.environment}: ${local.cidr} in ${var.region}"/' main.tf
  bad $C 1 <<<"$S1"
  pair $C <<EOF
name $C
job terraform-validate
repo pair-infra/network
runner u24
primary other
tool $(terraform version | head -1)
change The summary output reads var.region, which is not declared.
evidence Error: Reference to undeclared input variable
notes ${NOTE_P//REPO/network}
step Validate
  from $W/$C-@@/1
EOF
}

p_openssl_verify() {
  local C=openssl-verify-wrong-ca
  proj pair-ops/certs
  mkdir -p pki
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=Internal CA" -keyout pki/ca.key -out pki/ca.pem > /dev/null 2>&1
  openssl req -newkey rsa:2048 -nodes -subj "/CN=api.internal" -keyout pki/api.key -out pki/api.csr > /dev/null 2>&1
  openssl x509 -req -in pki/api.csr -CA pki/ca.pem -CAkey pki/ca.key -CAcreateserial -days 20 -out pki/api.pem > /dev/null 2>&1
  local S1='openssl x509 -in pki/api.pem -noout -subject -issuer
openssl verify -CAfile pki/ca.pem pki/api.pem'
  good $C 1 <<<"$S1"
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=Internal CA" -keyout pki/ca.key -out pki/ca.pem > /dev/null 2>&1
  bad $C 1 <<<"$S1"
  pair $C <<EOF
name $C
job check-certificates
repo pair-ops/certs
runner u24
primary other
tool $(openssl version)
change The CA was regenerated (same name, new key); the server certificate was not reissued.
evidence certificate signature failure
evidence verification failed
notes ${NOTE_P//REPO/certs}
step Verify certificate chain
  from $W/$C-@@/1
EOF
}

p_sqlite_migration() {
  local C=sqlite-migration-no-such-column
  proj pair-ledger/store
  mkdir -p migrations
  cat > migrations/001_users.sql <<'EOF'
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
EOF
  cat > migrations/002_orders.sql <<'EOF'
CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id), total INTEGER);
CREATE INDEX orders_user ON orders(user_id);
EOF
  local S1='rm -f test.db
for m in migrations/*.sql; do echo "applying $m"; sqlite3 -bail test.db < "$m"; done
sqlite3 test.db ".tables"'
  good $C 1 <<<"$S1"
  cat > migrations/003_emails.sql <<'EOF'
CREATE UNIQUE INDEX users_email ON users(email);
ALTER TABLE users ADD COLUMN email TEXT;
EOF
  bad $C 1 <<<"$S1"
  pair $C <<EOF
name $C
job migrations
repo pair-ledger/store
runner u24
primary db-migration
tool SQLite $(sqlite3 --version | awk '{print $1}')
change A migration creates an index on users.email before the column is added.
evidence no such column: email
notes ${NOTE_P//REPO/store}
step Apply migrations
  from $W/$C-@@/1
EOF
}

p_make_check() {
  local C=make-version-check
  proj pair-tools/cli
  echo "2.3.0" > VERSION
  cat > package.json <<'EOF'
{ "name": "cli", "version": "2.3.0" }
EOF
  cat > Makefile <<'EOF'
VERSION := $(shell cat VERSION)
PKG_VERSION := $(shell jq -r .version package.json)

check-version:
	@echo "VERSION file: $(VERSION), package.json: $(PKG_VERSION)"
	@test "$(VERSION)" = "$(PKG_VERSION)" || { echo "version mismatch: bump both VERSION and package.json"; exit 1; }

dist: check-version
	mkdir -p dist && tar czf dist/cli-$(VERSION).tgz VERSION package.json
	@ls dist
EOF
  local S1='make dist'
  good $C 1 <<<"$S1"
  rm -rf dist; echo "2.4.0" > VERSION
  bad $C 1 <<<"$S1"
  pair $C <<EOF
name $C
job package
repo pair-tools/cli
runner u24
primary other
tool $(make --version | head -1)
change VERSION was bumped to 2.4.0 without package.json.
evidence version mismatch: bump both VERSION and package.json
evidence VERSION file: 2.4.0, package.json: 2.3.0
notes ${NOTE_P//REPO/cli}
step Package
  from $W/$C-@@/1
EOF
}

p_tar_missing() {
  local C=tar-missing-build-output
  proj pair-tools/site
  mkdir -p src
  echo "<h1>docs</h1>" > src/index.html
  echo "body{}" > src/site.css
  cat > build.sh <<'EOF'
#!/bin/bash
set -e
mkdir -p public
for f in src/*; do cp "$f" public/; echo "built public/$(basename "$f")"; done
EOF
  chmod +x build.sh
  local S1='./build.sh
tar czvf site.tgz public/index.html public/site.css
ls -l site.tgz | awk '"'"'{print $5 " bytes"}'"'"''
  good $C 1 <<<"$S1"
  rm -rf public site.tgz; git mv -f src/site.css src/style.css 2>/dev/null || mv src/site.css src/style.css
  bad $C 1 <<<"$S1"
  pair $C <<EOF
name $C
job publish-docs
repo pair-tools/site
runner u24
primary other
tool $(tar --version | head -1)
change src/site.css was renamed to style.css; the packaging step still names site.css.
evidence public/site.css: Cannot stat
notes ${NOTE_P//REPO/site}
step Build and package
  from $W/$C-@@/1
EOF
}

p_git_apply() {
  local C=git-apply-patch-does-not-apply
  proj pair-tools/vendor
  mkdir -p third_party/lib patches
  printf 'version = 1\nretries = 3\ntimeout = 30\n' > third_party/lib/config.ini
  git init -q . && git add -A && git -c user.email=ci@example.com -c user.name=ci commit -qm init
  sed -i 's/retries = 3/retries = 5/' third_party/lib/config.ini
  git diff > patches/0001-more-retries.patch
  git checkout -q third_party/lib/config.ini
  git add -A && git -c user.email=ci@example.com -c user.name=ci commit -qm patch
  local S1='git apply --check -v patches/*.patch
git apply patches/*.patch
echo "applied $(ls patches | wc -l) patch(es)"'
  good $C 1 <<<"$S1"
  git checkout -q third_party/lib/config.ini
  printf 'version = 2\nretries = 4\ntimeout = 30\n' > third_party/lib/config.ini
  git -c user.email=ci@example.com -c user.name=ci commit -qam "update vendored lib"
  bad $C 1 <<<"$S1"
  pair $C <<EOF
name $C
job vendor
repo pair-tools/vendor
runner u24
primary other
tool $(git --version)
change The vendored library was updated; the local patch no longer applies.
evidence error: patch failed: third_party/lib/config.ini:1
evidence error: third_party/lib/config.ini: patch does not apply
notes ${NOTE_P//REPO/vendor}
step Apply local patches
  from $W/$C-@@/1
EOF
}

p_smoke_curl() {
  local C=smoke-curl-503
  proj pair-ops/smoke
  local S1='for path in /healthz /api/v1/status; do
  echo "GET $path"
  curl -sS --fail-with-body --max-time 10 "http://127.0.0.1:16481$path"
  echo
done'
  fake_http 16481 200 '{"status":"ok","version":"1.8.2"}'; sleep 1
  good $C 1 <<<"$S1"
  kill $FAKE_PID; wait $FAKE_PID 2>/dev/null
  fake_http 16481 503 '{"status":"unavailable","reason":"database migrations pending"}'; sleep 1
  bad $C 1 <<<"$S1"
  kill $FAKE_PID; wait $FAKE_PID 2>/dev/null
  pair $C <<EOF
name $C
job smoke-staging
repo pair-ops/smoke
runner u24
primary smoke-tests
tool $(curl --version | head -1 | awk '{print $1, $2}') (local python http.server stub answering 200, then 503)
change The release left the service answering 503 (migrations pending).
evidence The requested URL returned error: 503
notes ${NOTE_P//REPO/smoke}
step Smoke test
  from $W/$C-@@/1
EOF
}

p_python_script() {
  local C=release-notes-script-keyerror
  proj pair-tools/changelog
  mkdir -p tools changes
  printf 'kind: feature\ntitle: Export to CSV\n' > changes/101.yml
  printf 'kind: fix\ntitle: Rounding of VAT\n' > changes/102.yml
  cat > tools/release_notes.py <<'EOF'
import glob

SECTIONS = {"feature": "Features", "fix": "Bug fixes"}


def parse(path):
    item = {}
    for line in open(path):
        key, _, value = line.partition(":")
        item[key.strip()] = value.strip()
    return item


def main():
    grouped = {}
    for path in sorted(glob.glob("changes/*.yml")):
        item = parse(path)
        grouped.setdefault(SECTIONS[item["kind"]], []).append(item["title"])
    for section, titles in grouped.items():
        print(f"## {section}")
        for t in titles:
            print(f"- {t}")


main()
EOF
  local S1='python tools/release_notes.py > NOTES.md
cat NOTES.md'
  good $C 1 py <<<"$S1"
  printf 'kind: security\ntitle: Escape CSV cells\n' > changes/103.yml
  bad $C 1 py <<<"$S1"
  pair $C <<EOF
name $C
job release-notes
repo pair-tools/changelog
runner u24
setup python 3.11.2
primary other
tool CPython $PYV
change A change file uses kind: security, which the release-notes script has no section for.
evidence KeyError: 'security'
notes ${NOTE_P//REPO/changelog}
step Release notes
  from $W/$C-@@/1
EOF
}

# ---------------------------------------------------------------- longer steps: checks that go on
# after the failure, expected errors printed by passing checks, logs dumped on exit

p_e2e_cli() {
  local C=e2e-cli-checks-summary
  proj pair-tools/fxconv
  mkdir -p fxconv tests
  : > fxconv/__init__.py
  cat > fxconv/__main__.py <<'EOF'
import argparse
import sys
from decimal import Decimal, ROUND_HALF_UP

RATES = {"USD": Decimal("1"), "EUR": Decimal("0.92"), "GBP": Decimal("0.79"), "JPY": Decimal("151.2")}


def main(argv=None):
    p = argparse.ArgumentParser(prog="fxconv")
    p.add_argument("amount")
    p.add_argument("--from", dest="src", default="USD")
    p.add_argument("--to", dest="dst", required=True)
    a = p.parse_args(argv)
    try:
        amount = Decimal(a.amount)
    except Exception:
        p.error(f"invalid amount: {a.amount!r}")
    if a.src not in RATES or a.dst not in RATES:
        p.error(f"unknown currency: {a.src if a.src not in RATES else a.dst}")
    value = amount / RATES[a.src] * RATES[a.dst]
    places = Decimal("1") if a.dst == "JPY" else Decimal("0.01")
    print(f"{value.quantize(places, rounding=ROUND_HALF_UP)} {a.dst}")


if __name__ == "__main__":
    sys.exit(main())
EOF
  cat > tests/e2e.sh <<'EOF'
#!/bin/bash
# End-to-end checks of the fxconv CLI: expected output, or expected failure.
fails=0 n=0
check() {  # check "ARGS" "EXPECTED OUTPUT"
  n=$((n + 1))
  got=$(python -m fxconv $1 2>&1)
  if [ "$got" = "$2" ]; then echo "ok $n - fxconv $1"; else echo "FAIL $n - fxconv $1: expected '$2', got '$got'"; fails=$((fails + 1)); fi
}
rejects() {  # rejects "ARGS": must exit 2 with a usage error
  n=$((n + 1))
  python -m fxconv $1; rc=$?
  if [ $rc -eq 2 ]; then echo "ok $n - fxconv $1 is rejected"; else echo "FAIL $n - fxconv $1 exited $rc"; fails=$((fails + 1)); fi
}
check "10 --to EUR" "9.20 EUR"
check "10 --to GBP" "7.90 GBP"
rejects "ten --to EUR"
check "100 --from EUR --to USD" "108.70 USD"
rejects "10 --to XYZ"
check "3 --to JPY" "454 JPY"
rejects "10"
check "0.01 --to EUR" "0.01 EUR"
check "1000 --from GBP --to EUR" "1164.56 EUR"
check "2.5 --from JPY --to USD" "0.02 USD"
echo "$((n - fails)) of $n checks passed"
[ $fails -eq 0 ]
EOF
  chmod +x tests/e2e.sh
  local S1='./tests/e2e.sh'
  good $C 1 py <<<"$S1"
  sed -i 's/"GBP": Decimal("0.79")/"GBP": Decimal("0.785")/' fxconv/__main__.py
  bad $C 1 py <<<"$S1"
  pair $C <<EOF
name $C
job e2e
repo pair-tools/fxconv
runner u24
setup python 3.11.2
primary other
tool CPython $PYV (argparse) + bash e2e script
change The GBP rate was changed to three decimals; the GBP conversions no longer print what the checks expect.
evidence_all FAIL
notes The passing checks of invalid input print argparse's usage errors in both runs. ${NOTE_P//REPO/fxconv}
step End-to-end checks
  from $W/$C-@@/1
EOF
}

p_json_xargs() {
  local C=json-validate-xargs-one-file
  proj pair-api/fixtures
  mkdir -p fixtures
  local i
  for i in $(seq -w 1 18); do
    printf '{\n  "id": %d,\n  "sku": "SKU-%s",\n  "price_cents": %d,\n  "tags": ["catalog", "v2"]\n}\n' "$((10#$i))" "$i" $((10#$i * 150)) > fixtures/product-$i.json
  done
  local S1='find fixtures -name "*.json" | sort | xargs -n1 sh -c '"'"'python -m json.tool "$0" > /dev/null && echo "valid $0"'"'"''
  good $C 1 py <<<"$S1"
  sed -i 's/  "price_cents": 1050,/  "price_cents": 1050,,/' fixtures/product-07.json
  bad $C 1 py <<<"$S1"
  pair $C <<EOF
name $C
job validate-fixtures
repo pair-api/fixtures
runner u24
setup python 3.11.2
primary other
tool CPython $PYV json.tool + GNU findutils xargs
change A doubled comma in fixtures/product-07.json.
evidence Expecting property name enclosed in double quotes
notes ${NOTE_P//REPO/fixtures}
step Validate fixtures
  from $W/$C-@@/1
EOF
}

p_bats() {
  local C=bats-cli-suite
  proj pair-tools/slugify
  mkdir -p bin test
  cat > bin/slugify <<'EOF'
#!/bin/bash
# slugify TEXT... : lower-case, ASCII, words joined by '-'
if [ $# -eq 0 ]; then echo "slugify: error: no text given" >&2; exit 64; fi
printf '%s' "$*" | iconv -f utf-8 -t ascii//TRANSLIT | tr '[:upper:]' '[:lower:]' | sed -E 's/[^a-z0-9]+/-/g; s/^-+|-+$//g'
echo
EOF
  chmod +x bin/slugify
  cat > test/slugify.bats <<'EOF'
setup() { PATH="$BATS_TEST_DIRNAME/../bin:$PATH"; }

@test "lower-cases words" {
  run slugify Hello World
  [ "$status" -eq 0 ]
  [ "$output" = "hello-world" ]
}

@test "prints an error without text" {
  run slugify
  [ "$status" -eq 64 ]
  [ "$output" = "slugify: error: no text given" ]
}

@test "transliterates accents" {
  run slugify "Crème brûlée"
  [ "$output" = "creme-brulee" ]
}

@test "collapses punctuation" {
  run slugify "a -- b!!  c"
  [ "$output" = "a-b-c" ]
}

@test "keeps digits" {
  run slugify "Release 2.4.1"
  [ "$output" = "release-2-4-1" ]
}

@test "strips leading and trailing separators" {
  run slugify "  --x--  "
  [ "$output" = "x" ]
}
EOF
  local S1='bats --version
bats test/'
  good $C 1 <<<"$S1"
  sed -i "s/s\/\[^a-z0-9\]+\/-\/g; s\/^-+|-+\$\/\/g/s\/[^a-z0-9.]+\/-\/g; s\/^-+|-+\$\/\/g/" bin/slugify
  bad $C 1 <<<"$S1"
  pair $C <<EOF
name $C
job test
repo pair-tools/slugify
runner u24
primary tests
tool $(bats --version)
change The slug pattern now keeps dots.
evidence not ok 5 keeps digits
evidence_all failed
notes ${NOTE_P//REPO/slugify}
step Test
  from $W/$C-@@/1
EOF
}

p_server_log_on_exit() {
  local C=integration-server-log-dumped-on-exit
  proj pair-web/static-site
  mkdir -p public
  for f in index about pricing contact; do echo "<html><title>$f</title></html>" > public/$f.html; done
  cat > check-site.sh <<'EOF'
#!/bin/bash
set -euo pipefail
python -m http.server 16491 --bind 127.0.0.1 --directory public > server.log 2>&1 &
server=$!
trap 'echo "--- server log ---"; cat server.log; kill $server' EXIT
sleep 1
for page in index about pricing contact; do
  title=$(curl -sS "http://127.0.0.1:16491/$page.html" | sed -n 's:.*<title>\(.*\)</title>.*:\1:p')
  echo "$page.html: title '$title'"
  [ "$title" = "$page" ]
done
echo "all pages have their title"
EOF
  chmod +x check-site.sh
  local S1='./check-site.sh'
  good $C 1 py <<<"$S1"
  echo "<html><h1>Pricing</h1></html>" > public/pricing.html
  bad $C 1 py <<<"$S1"
  pair $C <<EOF
name $C
job integration
repo pair-web/static-site
runner u24
setup python 3.11.2
primary other
tool CPython $PYV http.server + $(curl --version | head -1 | awk '{print $1, $2}')
change pricing.html lost its <title>; the check stops there and the trap dumps the server log.
evidence pricing.html: title ''
notes ${NOTE_P//REPO/static-site}
step Check the site
  from $W/$C-@@/1
EOF
}

p_unittest_logging() {
  local C=unittest-logged-errors
  proj pair-ledger/retry
  mkdir -p retry tests
  : > retry/__init__.py
  : > tests/__init__.py
  cat > retry/policy.py <<'EOF'
import logging

log = logging.getLogger("retry")


def call_with_retry(fn, attempts=3):
    for i in range(1, attempts + 1):
        try:
            return fn()
        except ConnectionError as e:
            log.error("attempt %d/%d failed: %s", i, attempts, e)
    raise ConnectionError(f"gave up after {attempts} attempts")


def backoff(attempt, base=0.5, cap=8.0):
    return min(cap, base * 2 ** (attempt - 1))
EOF
  cat > tests/test_policy.py <<'EOF'
import logging
import unittest

from retry.policy import backoff, call_with_retry

logging.basicConfig(level=logging.INFO, format="%(levelname)s:%(name)s:%(message)s")


class Flaky:
    def __init__(self, failures):
        self.failures = failures

    def __call__(self):
        if self.failures:
            self.failures -= 1
            raise ConnectionError("connection refused")
        return "ok"


class RetryTest(unittest.TestCase):
    def test_succeeds_after_failures(self):
        self.assertEqual(call_with_retry(Flaky(2)), "ok")

    def test_gives_up(self):
        with self.assertRaises(ConnectionError):
            call_with_retry(Flaky(5))

    def test_backoff_doubles(self):
        self.assertEqual([backoff(n) for n in (1, 2, 3)], [0.5, 1.0, 2.0])

    def test_backoff_is_capped(self):
        self.assertEqual(backoff(10), 8.0)


if __name__ == "__main__":
    unittest.main()
EOF
  local S1='python -m unittest -v'
  good $C 1 py <<<"$S1"
  sed -i 's/return min(cap, base \* 2 \*\* (attempt - 1))/return min(cap, base * 2 ** attempt)/' retry/policy.py
  bad $C 1 py <<<"$S1"
  pair $C <<EOF
name $C
job test (3.11)
repo pair-ledger/retry
runner u24
setup python 3.11.2
primary tests
tool CPython $PYV unittest
change backoff() doubles one step too early.
evidence FAIL: test_backoff_doubles
evidence AssertionError: Lists differ
notes The passing retry tests log ERROR lines in both runs. ${NOTE_P//REPO/retry}
step Test
  from $W/$C-@@/1
EOF
}

p_webpack() {
  local C=webpack-module-not-found
  proj pair-web/dashboard
  cat > package.json <<'EOF'
{
  "name": "dashboard",
  "version": "3.2.0",
  "private": true,
  "scripts": { "build": "webpack --mode production" }
}
EOF
  npm_tools webpack@5.94.0 webpack-cli@5.1.4
  mkdir -p src
  cat > webpack.config.js <<'EOF'
module.exports = { entry: './src/index.js', output: { filename: 'main.js' }, stats: 'normal' };
EOF
  cat > src/format.js <<'EOF'
export const money = (cents) => (cents / 100).toFixed(2);
EOF
  cat > src/index.js <<'EOF'
import { money } from './format';
document.body.textContent = money(1999);
EOF
  local S1='npm ci --no-audit --no-fund' S2='npm run build'
  good $C 1 <<<"$S1"; good $C 2 <<<"$S2"
  git mv -f src/format.js src/formatting.js 2>/dev/null || mv src/format.js src/formatting.js
  bad $C 1 <<<"$S1"; bad $C 2 <<<"$S2"
  pair $C <<EOF
name $C
job build (node 20)
repo pair-web/dashboard
runner u24
primary compile
tool webpack $(node -p "require('./node_modules/webpack/package.json').version") + webpack-cli $(node -p "require('./node_modules/webpack-cli/package.json').version") on node $(node --version)
change src/format.js was renamed to formatting.js; index.js still imports ./format.
evidence Can't resolve './format' in
notes ${NOTE_P//REPO/dashboard}
step Install
  from $W/$C-@@/1
step Build
  from $W/$C-@@/2
EOF
}

# ---------------------------------------------------------------- logs for the history scenarios
# (tests/github/logs/history-*.log): rerun plugins' markers and a second red run of a pair, for
# the fake GitHub's base-branch and re-run scenarios. Same method: real output, GHA framing.
HLOGS=$(dirname "$OUT")/github/logs
hlog() {  # hlog CASE NAME : wrap spec (stdin) into tests/github/logs/NAME.log (+ .expect.json)
  local c=$1 name=$2 t=$W/$1
  mkdir -p "$t"
  cat > "$t/spec"
  rm -rf "$t/out"
  $WRAP "$t/spec" "$t/out" > /dev/null || { echo "hlog $c: wrap failed"; return 1; }
  mv "$t/out/$c.log" "$HLOGS/$name.log"
  mv "$t/out/$c.expect.json" "$HLOGS/$name.expect.json"
  echo "   $HLOGS/$name.log"
}

h_pytest_rerun() {
  local C=history-pytest-rerunfailures
  proj pair-ledger/replica
  mkdir -p replica tests
  : > replica/__init__.py
  cat > replica/sync.py <<'EOF'
import os
import time


def wait_for_replica(path, timeout=0.05):
    """True once the replica marker exists (written by a background sync)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if os.path.exists(path):
            return True
        time.sleep(0.01)
    return False


def lag_seconds(primary_ts, replica_ts):
    return primary_ts - replica_ts
EOF
  cat > tests/test_sync.py <<'EOF'
import os
import tempfile

from replica.sync import lag_seconds, wait_for_replica

MARK = os.path.join(tempfile.gettempdir(), "replica-sync-attempts")


def test_replica_catches_up(tmp_path):
    # The background sync writes the marker late on a cold runner: the first attempt times out.
    attempts = int(open(MARK).read()) if os.path.exists(MARK) else 0
    open(MARK, "w").write(str(attempts + 1))
    marker = tmp_path / "synced"
    if attempts:
        marker.write_text("ok")
    assert wait_for_replica(str(marker))


def test_lag_is_positive():
    assert lag_seconds(100.0, 98.5) == -1.5


def test_lag_zero():
    assert lag_seconds(5.0, 5.0) == 0
EOF
  rm -f /tmp/replica-sync-attempts
  cap $C 1 py <<<'python -m pytest -v -p rerunfailures --reruns 2'
  rm -f /tmp/replica-sync-attempts
  hlog $C history-pytest-rerunfailures <<EOF
name $C
job test (3.11)
repo pair-ledger/replica
runner u24
setup python 3.11.2
primary tests
tool $PYTOOL + pytest-rerunfailures $(/usr/bin/python3 -c 'import importlib.metadata as m;print(m.version("pytest-rerunfailures"))')
evidence FAILED tests/test_sync.py::test_lag_is_positive
notes test_replica_catches_up fails on its first attempt and passes on the rerun (flaky); test_lag_is_positive fails on every rerun. ${NOTE_P//REPO/replica}
step Run tests
  from $W/$C/1
EOF
}

h_surefire_flakes() {
  local C=history-surefire-flakes
  [ -d "$M2/org/apache/maven/plugins/maven-surefire-plugin" ] || { mkdir -p "$M2"; cp -rL /usr/share/maven-repo/. "$M2/"; }
  proj pair-ledgerline/replica
  mkdir -p .mvn src/test/java/io/ledgerline
  echo "-Duser.home=/home/runner" > .mvn/jvm.config
  cat > pom.xml <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.ledgerline</groupId>
  <artifactId>replica</artifactId>
  <version>1.4.0-SNAPSHOT</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
    <dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>4.13.2</version><scope>test</scope></dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.0</version></plugin>
      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.10.1</version></plugin>
      <plugin><artifactId>maven-surefire-plugin</artifactId><version>2.22.3</version>
        <configuration><rerunFailingTestsCount>2</rerunFailingTestsCount></configuration></plugin>
    </plugins>
  </build>
</project>
EOF
  cat > src/test/java/io/ledgerline/ReplicaTest.java <<'EOF'
package io.ledgerline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Test;

public class ReplicaTest {
    @Test
    public void catchesUp() throws Exception {
        // the replica is written late on a cold runner: the first attempt sees nothing
        Path p = Path.of(System.getProperty("java.io.tmpdir"), "replica-attempts");
        int n = Files.exists(p) ? Integer.parseInt(Files.readString(p).trim()) : 0;
        Files.writeString(p, Integer.toString(n + 1));
        assertTrue("replica not caught up yet", n >= 1);
    }

    @Test
    public void lagIsPositive() {
        assertEquals(1.5, 100.0 - 101.5, 0.0);
    }
}
EOF
  rm -f /tmp/replica-attempts
  cap $C 1 <<<'mvn -B -ntp -o test'
  rm -f /tmp/replica-attempts
  hlog $C history-surefire-flakes <<EOF
name $C
job test (maven)
repo pair-ledgerline/replica
runner u24
primary tests
tool $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g; s/ (.*//') + surefire 2.22.3 rerunFailingTestsCount=2 (Debian maven-repo, offline)
evidence ReplicaTest.lagIsPositive:
notes catchesUp fails once and passes on the rerun (Surefire lists it under Flakes); lagIsPositive fails on all three runs. ${NOTE_P//REPO/replica}
step Test
  from $W/$C/1
EOF
}

h_jest_retry() {
  local C=history-jest-retry-times
  proj pair-shop/sync
  cat > package.json <<'EOF'
{
  "name": "sync",
  "version": "1.0.0",
  "private": true,
  "scripts": { "test": "jest --ci" }
}
EOF
  npm_tools jest@29.7.0
  mkdir -p src
  cat > src/sync.test.js <<'EOF'
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

jest.retryTimes(2, { logErrorsBeforeRetry: true });

describe('sync', () => {
  test('replica catches up', () => {
    // the replica is written late on a cold runner: the first attempt sees nothing
    const p = path.join(os.tmpdir(), 'jest-replica-attempts');
    const n = fs.existsSync(p) ? Number(fs.readFileSync(p, 'utf8')) : 0;
    fs.writeFileSync(p, String(n + 1));
    expect(n).toBeGreaterThan(0);
  });
  test('lag is positive', () => {
    expect(100 - 101.5).toBe(1.5);
  });
});
EOF
  rm -f /tmp/jest-replica-attempts
  cap $C 1 <<<'npm ci --no-audit --no-fund'
  cap $C 2 <<<'npm test'
  rm -f /tmp/jest-replica-attempts
  hlog $C history-jest-retry-times <<EOF
name $C
job test (node 20)
repo pair-shop/sync
runner u24
primary tests
tool jest $(node -p "require('./node_modules/jest/package.json').version") on node $(node --version)
evidence ● sync › lag is positive
notes 'replica catches up' fails once and passes on the retry; 'lag is positive' fails on every retry. ${NOTE_P//REPO/sync}
step Install
  from $W/$C/1
step Test
  from $W/$C/2
EOF
}

h_pytest_assert_on_main() {
  # The red state of the pytest-assert-rounding pair, captured once more: the same failure on the
  # base branch (another run: its own timestamps, durations and temp paths).
  local C=history-pytest-assert-rounding-main
  invoicing_proj
  invoicing_break
  cap $C 1 py <<<'python -m pytest --version'
  cap $C 2 py <<<'python -m pytest -v --durations=3'
  hlog $C history-pytest-assert-rounding-main <<EOF
name $C
job test (3.11)
repo pair-ledger/invoicing
runner u24
setup python 3.11.2
primary tests
tool $PYTOOL
evidence_all E       AssertionError: assert Decimal
notes The red run of tests/corpus/pairs/pytest-assert-rounding captured again, as the base branch's run. ${NOTE_P//REPO/invoicing}
step Show versions
  from $W/$C/1
step Run tests
  from $W/$C/2
EOF
}

# ---------------------------------------------------------------- main
ALL_PAIRS=$(declare -F | awk '{print $3}' | grep -E '^(p|h)_')
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  for p in ${*:-$ALL_PAIRS}; do echo "== $p"; "$p"; done
fi
