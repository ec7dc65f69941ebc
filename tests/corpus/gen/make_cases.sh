#!/bin/bash
# Regenerate tests/corpus/<group>/NAME.log + NAME.expect.json from REAL tool runs.
#
#   bash tests/corpus/gen/make_cases.sh            # all cases
#   bash tests/corpus/gen/make_cases.sh c_tests_pytest_ra   # only some
#
# Each case function (re)creates a throwaway project under
# /home/runner/work/<repo>/<repo> (so paths in tool output look like a hosted
# runner's), writes each step's script to /home/runner/work/_temp/<uuid>.sh and
# runs it like the runner does (`bash -e {0}` or
# `bash --noprofile --norc -e -o pipefail {0}`), capturing stdout+stderr
# together (2>&1).  wrap_gha.py then adds the synthetic GitHub Actions wrapping
# and computes evidence line numbers.  Needs: Debian 12 with the packages listed
# in tests/corpus/INDEX.md; no network except the npm registry (npm cases).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$(dirname "$HERE")
W=/tmp/ci-corpus
WRAP="/usr/bin/python3 $HERE/wrap_gha.py"
PYBIN=/opt/hostedtoolcache/Python/3.11.2/x64/bin
BASEPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/root/.cargo/bin
SH_DEFAULT='/usr/bin/bash -e {0}'
SH_BASH='/usr/bin/bash --noprofile --norc -e -o pipefail {0}'
mkdir -p "$W" /home/runner/work/_temp

# fake "setup-python" toolcache: python/pip/coverage/alembic launchers for Debian's python3
setup_pybin() {
  mkdir -p "$PYBIN"
  ln -sf /usr/bin/python3 "$PYBIN/python"; ln -sf /usr/bin/python3 "$PYBIN/python3"
  ln -sf /usr/bin/pip3 "$PYBIN/pip"; ln -sf /usr/bin/python3-coverage "$PYBIN/coverage"
  ln -sf /usr/bin/pytest-3 "$PYBIN/pytest"
  py_launcher alembic alembic.config
}
# py_launcher NAME MODULE : $PYBIN/NAME, a console script like pip writes, calling MODULE's main()
py_launcher() {
  rm -f "$PYBIN/$1"
  cat > "$PYBIN/$1" <<EOF
#!/opt/hostedtoolcache/Python/3.11.2/x64/bin/python
# -*- coding: utf-8 -*-
import re
import sys
from $2 import main
if __name__ == '__main__':
    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?\$', '', sys.argv[0])
    sys.exit(main())
EOF
  chmod +x "$PYBIN/$1"
}
setup_pybin

# proj OWNER/REPO : fresh workspace, cd into it
proj() { REPO=$1; local n=${REPO#*/}; P=/home/runner/work/$n/$n; rm -rf "$P"; mkdir -p "$P"; cd "$P" || exit 1; }
# cap CASE IDX [bash|default] [py] [NAME=VALUE | SECRET:NAME=VALUE ...] <<'EOF' script
cap() {
  local c=$1 i=$2; shift 2
  local shline=$SH_DEFAULT opts=(-e) path=$BASEPATH
  if [ "${1:-}" = bash ]; then shline=$SH_BASH; opts=(--noprofile --norc -e -o pipefail); shift
  elif [ "${1:-}" = default ]; then shift; fi
  if [ "${1:-}" = py ]; then path=$PYBIN:$BASEPATH; shift; fi
  mkdir -p "$W/$c"; : > "$W/$c/env$i"
  local envs=() kv
  for kv in "$@"; do
    case $kv in
      SECRET:*) kv=${kv#SECRET:}; envs+=("$kv"); echo "${kv%%=*}: ***" >> "$W/$c/env$i" ;;
      *) envs+=("$kv"); echo "${kv%%=*}: ${kv#*=}" >> "$W/$c/env$i" ;;
    esac
  done
  echo "$shline" > "$W/$c/shell$i"
  local tmp; tmp=/home/runner/work/_temp/$(cat /proc/sys/kernel/random/uuid).sh
  cat > "$W/$c/step$i.sh"; cp "$W/$c/step$i.sh" "$tmp"
  # CAP_KILL="-s KILL 5": simulate the runner killing the step (timeout-minutes / cancellation)
  # CAP_ENV="K=V ...": extra environment NOT shown in the step's env: block (machine set-up such
  # as PATH or a container storage config; word-split, so no spaces inside values)
  # shellcheck disable=SC2086  # CAP_ENV is a list of K=V words
  ${CAP_KILL:+timeout $CAP_KILL} env -i HOME=/home/runner PATH="$path" LANG=C.UTF-8 CI=true GITHUB_ACTIONS=true RUNNER_OS=Linux \
      RUNNER_TEMP=/home/runner/work/_temp GITHUB_WORKSPACE="$PWD" CARGO_HOME=/root/.cargo RUSTUP_HOME=/root/.rustup \
      ${CAP_ENV:-} "${envs[@]}" bash "${opts[@]}" "$tmp" > "$W/$c/out$i.txt" 2>&1 < /dev/null
  echo $? > "$W/$c/rc$i"
  rm -f "$tmp"
  echo "   [$c step $i] exit $(cat "$W/$c/rc$i")"
}
rc() { cat "$W/$1/rc$2"; }
# spec CASE GROUP <<EOF ... : write spec + wrap
spec() { mkdir -p "$W/$1"; cat > "$W/$1/spec"; $WRAP "$W/$1/spec" "$OUT/$2"; }
# -- shared by the area generators (gen/cases_*.sh source this file)
# spec_head NOTE_TEMPLATE CASE JOB RUNNER PRIMARY "CATEGORIES" TOOL ["NOTES"] : a spec's first lines
# (repo $REPO; the case's notes, then the area's note template with REPO replaced)
spec_head() {
  printf 'name %s\njob %s\nrepo %s\nrunner %s\nprimary %s\ncategories %s\ntool %s\n' \
    "$2" "$3" "$REPO" "$4" "$5" "$6" "$7"
  printf 'notes %s%s\n' "${8:+$8 }" "${1//REPO/${REPO#*/}}"
}
# cart_feature: features/cart.feature, the Gherkin file both BDD runners' cases use (behave in
# cases_py2.sh, cucumber-js in cases_js.sh), so their failures are the same scenario's
cart_feature() {
  mkdir -p features
  cat > features/cart.feature <<'EOF'
Feature: Shopping cart
  Scenario: Adding an item
    Given an empty cart
    When I add a pen for 1.50
    Then the total is 1.50

  Scenario: Applying a discount
    Given an empty cart
    When I add a pen for 10.00
    And I apply the code TEN
    Then the total is 9.50
EOF
}
# calc_c: a small C library (calc.c) and two test programs, test_add.c and test_mean.c; the mean
# truncates, so test_mean fails (Meson's cases in cases_meson.sh, Automake's in cases_cxx.sh)
calc_c() {
  cat > calc.c <<'EOF'
int calc_add(int a, int b) { return a + b; }
int calc_mean(int a, int b) { return (a + b) / 2; }
EOF
  cat > test_add.c <<'EOF'
int calc_add(int a, int b);
int main(void) { return calc_add(2, 2) == 4 ? 0 : 1; }
EOF
  cat > test_mean.c <<'EOF'
#include <stdio.h>
int calc_mean(int a, int b);
int main(void) {
  int m = calc_mean(3, 4);
  if (m != 4) {
    fprintf(stderr, "mean(3, 4): expected 4 (rounded), got %d\n", m);
    return 1;
  }
  return 0;
}
EOF
}
# st CASE IDX [NAME] : one captured step of a spec ("step NAME" + "from $W/CASE/IDX"; NAME - = Run <cmd>)
st() { printf 'step %s\n  from %s/%s/%s\n' "${3:--}" "$W" "$1" "$2"; }
# wait_port PORT : until something listens on 127.0.0.1:PORT (5 s at most)
wait_port() { local _; for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }
# serve_dir PORT DIR LOG : a static HTTP server for DIR on 127.0.0.1:PORT (a package index, an
# empty Maven mirror); its pid in SERVE_PID; stop it with stop_pid
serve_dir() {
  mkdir -p "$2"
  /usr/bin/python3 -m http.server --bind 127.0.0.1 --directory "$2" "$1" > "$3" 2>&1 &
  # shellcheck disable=SC2034  # read by the generators that source this file
  SERVE_PID=$!; wait_port "$1"
}
# stop_pid PID : stop a server this generator started (nothing if PID is empty)
stop_pid() { [ -n "${1:-}" ] || return 0; kill "$1" 2>/dev/null; wait "$1" 2>/dev/null; return 0; }
# run_cases REGEX [CASE...] : run the named case functions (default: every function matching
# ^REGEX), then rewrite INDEX.md and run the checker
run_cases() {
  local re=$1 c cases; shift
  cases=("$@")
  [ ${#cases[@]} -gt 0 ] || mapfile -t cases < <(declare -F | awk '{print $3}' | grep -E "^$re")
  for c in "${cases[@]}"; do echo "== $c"; "$c"; done
  /usr/bin/python3 "$HERE/make_index.py"
  /usr/bin/python3 "$HERE/check_corpus.py"
}
PYV="$(/usr/bin/python3 -c 'import platform;print(platform.python_version())')"
NOTE_PY="Tool output really captured on Debian 12 (CPython $PYV, Debian python3-* packages; python/pip/pytest/coverage resolve to them via a fake /opt/hostedtoolcache/Python/3.11.2/x64/bin) in a throwaway project at /home/runner/work/REPO/REPO, step script run as the runner does (bash -e /home/runner/work/_temp/UUID.sh, 2>&1). Synthetic: timestamps, runner preamble, checkout/setup-python groups, step headers, ##[error]/post-job lines (format copied from /work/shared/corpus/generated*). Generator: tests/corpus/gen/make_cases.sh + wrap_gha.py."
NOTE="Tool output really captured on Debian 12 in a throwaway project at /home/runner/work/REPO/REPO, step script run as the runner does (bash -e /home/runner/work/_temp/UUID.sh, stdout+stderr together). Synthetic: timestamps, runner preamble, checkout group, step headers, ##[error]/post-job lines (format copied from /work/shared/corpus/generated*). Generator: tests/corpus/gen/make_cases.sh + wrap_gha.py."

# ---------------------------------------------------------------- python/
PYTOOL="pytest $(/usr/bin/python3 -c 'import pytest;print(pytest.__version__)')"

c_tests_pytest_ra() {
  local C=tests-pytest-rA-assertion
  proj ledgerline/invoicing
  mkdir -p invoicing tests
  cat > invoicing/__init__.py <<'EOF'
EOF
  cat > invoicing/totals.py <<'EOF'
from decimal import Decimal, ROUND_HALF_UP


def line_total(qty, unit_price):
    return (Decimal(qty) * Decimal(unit_price)).quantize(Decimal("0.01"))


def apply_discount(total, percent):
    # BUG: discount applied twice for percent > 10
    factor = Decimal(100 - percent) / Decimal(100)
    if percent > 10:
        factor = factor * factor
    return (total * factor).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
EOF
  cat > tests/test_totals.py <<'EOF'
from decimal import Decimal

from invoicing.totals import apply_discount, line_total


def test_line_total():
    assert line_total(3, "2.50") == Decimal("7.50")


def test_small_discount():
    assert apply_discount(Decimal("100.00"), 5) == Decimal("95.00")


def test_discount_applied_once():
    assert apply_discount(Decimal("200.00"), 15) == Decimal("170.00")


def test_zero_discount():
    assert apply_discount(Decimal("10.00"), 0) == Decimal("10.00")
EOF
  cap $C 1 py <<'EOF'
python -m pytest -rA tests/
EOF
  spec $C python <<EOF
name $C
job test (3.11)
repo ledgerline/invoicing
runner u24
start 2025-09-02T14:21:07
setup python 3.11.2
primary tests
categories tests
tool $PYTOOL
field exit_code $(rc $C 1)
field test_ids ["tests/test_totals.py::test_discount_applied_once"]
field failed_count 1
evidence E       AssertionError: assert Decimal('144.50') == Decimal('170.00')
evidence FAILED tests/test_totals.py::test_discount_applied_once
notes pytest -rA (summary with PASSED lines too). ${NOTE_PY//REPO/invoicing}
step -
  from $W/$C/1
EOF
}

c_tests_pytest_native() {
  local C=tests-pytest-tb-native-keyerror
  proj northwind-dev/catalog-sync
  mkdir -p catalog tests
  : > catalog/__init__.py
  cat > catalog/mapping.py <<'EOF'
FIELD_MAP = {"sku": "id", "title": "name", "price_cents": "price"}


def to_internal(record):
    out = {}
    for src, dst in FIELD_MAP.items():
        out[dst] = record[src]
    return out
EOF
  cat > tests/test_mapping.py <<'EOF'
from catalog.mapping import to_internal


def test_full_record():
    rec = {"sku": "A-1", "title": "Lamp", "price_cents": 1299}
    assert to_internal(rec) == {"id": "A-1", "name": "Lamp", "price": 1299}


def test_record_without_price():
    rec = {"sku": "A-2", "title": "Shade"}
    assert to_internal(rec)["price"] is None
EOF
  printf '[pytest]\npythonpath = .\n' > pytest.ini
  cap $C 1 bash py <<'EOF'
pytest --tb=native -p no:cacheprovider -q tests
EOF
  spec $C python <<EOF
name $C
job unit
repo northwind-dev/catalog-sync
runner u22
start 2025-05-19T06:40:51
setup python 3.11.2
primary tests
categories tests
tool $PYTOOL
field exit_code $(rc $C 1)
field test_ids ["tests/test_mapping.py::test_record_without_price"]
field failed_count 1
evidence KeyError: 'price_cents'
evidence FAILED tests/test_mapping.py::test_record_without_price
notes pytest --tb=native -p no:cacheprovider -q: native traceback, no E lines. ${NOTE_PY//REPO/catalog-sync}
step -
  from $W/$C/1
EOF
}

geofence_proj() {
  proj quarry-io/geofence
  mkdir -p geofence tests
  : > geofence/__init__.py
  cat > geofence/shapes.py <<'EOF'
def point_in_box(x, y, box):
    (x0, y0), (x1, y1) = box
    return x0 < x <= x1 and y0 < y <= y1


def bbox(points):
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return (min(xs), min(ys)), (max(xs), max(ys))
EOF
  for i in 1 2 3; do
  cat > tests/test_box_$i.py <<EOF
from geofence.shapes import bbox, point_in_box

BOX = ((0, 0), (10, 10))


def test_inside_$i():
    assert point_in_box(5, 5, BOX)


def test_bbox_$i():
    assert bbox([(1, 2), (3, 4), ($i, 9)]) == ((1, 2), (3, 9))
EOF
  done
  cat >> tests/test_box_2.py <<'EOF'


def test_corner_is_inside():
    assert point_in_box(0, 0, BOX), "lower-left corner must count as inside"
EOF
  cat >> tests/test_box_3.py <<'EOF'


def test_empty_bbox_raises():
    import pytest
    with pytest.raises(ValueError, match="no points"):
        bbox([])
EOF
}

c_tests_pytest_xdist() {
  local C=tests-pytest-xdist-two-failures
  geofence_proj
  cat > pyproject.toml <<'EOF'
[tool.pytest.ini_options]
pythonpath = ["."]
addopts = "-ra"
EOF
  cap $C 1 py <<'EOF'
pytest -n 2 -q
EOF
  spec $C python <<EOF
name $C
job tests
repo quarry-io/geofence
runner u24new
start 2025-11-12T09:03:44
setup python 3.11.2
primary tests
categories tests
tool $PYTOOL + pytest-xdist 3.1.0
field exit_code $(rc $C 1)
field test_ids ["tests/test_box_2.py::test_corner_is_inside", "tests/test_box_3.py::test_empty_bbox_raises"]
field failed_count 2
evidence_all FAILED tests/
notes pytest -n 2 (xdist, 2 workers). ${NOTE_PY//REPO/geofence}
step Run unit tests
  from $W/$C/1
EOF
}

c_tests_unittest() {
  local C=tests-unittest-discover-fail
  proj hollow-oak/slugkit
  mkdir -p slugkit tests
  : > slugkit/__init__.py; : > tests/__init__.py
  cat > slugkit/core.py <<'EOF'
import re
import unicodedata


def slugify(text):
    text = unicodedata.normalize("NFKD", text)
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)
EOF
  cat > tests/test_core.py <<'EOF'
import unittest

from slugkit.core import slugify


class SlugifyTests(unittest.TestCase):
    def test_basic(self):
        self.assertEqual(slugify("Hello World"), "hello-world")

    def test_accents_are_stripped(self):
        self.assertEqual(slugify("Crème Brûlée"), "creme-brulee")

    def test_collapses_dashes(self):
        self.assertEqual(slugify("a -- b"), "a-b")

    def test_underscores_become_dashes(self):
        self.assertEqual(slugify("snake_case_name"), "snake-case-name")


if __name__ == "__main__":
    unittest.main()
EOF
  cap $C 1 py <<'EOF'
python -m unittest discover -s tests -t . -v
EOF
  spec $C python <<EOF
name $C
job build
repo hollow-oak/slugkit
runner u22
start 2025-03-30T17:55:10
setup python 3.11.2
primary tests
categories tests
tool unittest (CPython $PYV)
field exit_code $(rc $C 1)
field test_ids ["tests.test_core.SlugifyTests.test_underscores_become_dashes"]
field failed_count 1
evidence FAIL: test_underscores_become_dashes
evidence AssertionError: 'snake_case_name' != 'snake-case-name'
evidence FAILED (failures=1)
notes python -m unittest discover -v. ${NOTE_PY//REPO/slugkit}
step Run python -m unittest discover -s tests -t . -v
  from $W/$C/1
EOF
}

c_tests_pytest_fixture_error() {
  local C=tests-pytest-fixture-setup-error
  proj cobalt-grid/meter-reader
  mkdir -p meter tests/fixtures
  : > meter/__init__.py
  cat > meter/parse.py <<'EOF'
import json


def load_readings(path):
    with open(path) as fh:
        return [r for r in json.load(fh) if r["kwh"] >= 0]
EOF
  cat > tests/conftest.py <<'EOF'
import json
import pathlib

import pytest

FIXTURES = pathlib.Path(__file__).parent / "fixtures"


@pytest.fixture
def sample_readings():
    with open(FIXTURES / "readings-2024-01.json") as fh:
        return json.load(fh)
EOF
  cat > tests/test_parse.py <<'EOF'
from meter.parse import load_readings


def test_negative_readings_dropped(tmp_path):
    p = tmp_path / "r.json"
    p.write_text('[{"kwh": 1.5}, {"kwh": -2}]')
    assert load_readings(p) == [{"kwh": 1.5}]


def test_january_total(sample_readings):
    assert round(sum(r["kwh"] for r in sample_readings), 1) == 412.7


def test_january_has_31_days(sample_readings):
    assert len(sample_readings) == 31
EOF
  cap $C 1 py <<'EOF'
python -m pytest -v
EOF
  spec $C python <<EOF
name $C
job pytest
repo cobalt-grid/meter-reader
runner u24
start 2025-08-21T11:02:36
setup python 3.11.2
primary tests
categories tests
tool $PYTOOL
field exit_code $(rc $C 1)
field test_ids ["tests/test_parse.py::test_january_total", "tests/test_parse.py::test_january_has_31_days"]
evidence ERROR at setup of test_january_total
evidence E       FileNotFoundError: [Errno 2] No such file or directory
evidence_all ERROR tests/test_parse.py::
notes Errors in a fixture (setup), not assertion failures. ${NOTE_PY//REPO/meter-reader}
step -
  from $W/$C/1
EOF
}

c_imports_pytest_rootdir() {
  local C=imports-pytest-xdist-package-not-on-path
  geofence_proj
  cap $C 1 py <<'EOF'
pytest -n 2 -q
EOF
  spec $C python <<EOF
name $C
job tests
repo quarry-io/geofence
runner u24
start 2025-11-10T16:44:09
setup python 3.11.2
primary imports
categories imports
tool $PYTOOL + pytest-xdist 3.1.0
field exit_code $(rc $C 1)
field module geofence
evidence_all E   ModuleNotFoundError: No module named 'geofence'
notes The project's own package is not importable: the pytest console script (unlike python -m pytest) does not put the rootdir on sys.path and there is no pythonpath setting / editable install. ${NOTE_PY//REPO/geofence}
step Run unit tests
  from $W/$C/1
EOF
}

c_imports_python_c() {
  local C=imports-python-c-requests
  proj tallyho-apps/webhook-relay
  printf 'requests>=2.31\n' > requirements.txt
  cap $C 1 py <<'EOF'
python -c "import requests, sys; print('requests', requests.__version__, 'on', sys.version.split()[0])"
EOF
  spec $C python <<EOF
name $C
job smoke-import
repo tallyho-apps/webhook-relay
runner u24new
start 2025-10-03T07:15:29
setup python 3.11.2
primary imports
categories imports
tool CPython $PYV
field exit_code $(rc $C 1)
field module requests
field package requests
evidence ModuleNotFoundError: No module named 'requests'
notes Import check via python -c before any pip install step. ${NOTE_PY//REPO/webhook-relay}
step Verify runtime imports
  from $W/$C/1
EOF
}

c_imports_script() {
  local C=imports-script-sklearn-in-function
  proj fieldnotes-ml/churn-report
  mkdir -p scripts data
  printf 'customer,months,churned\na,3,1\nb,12,0\n' > data/sample.csv
  cat > scripts/build_report.py <<'EOF'
"""Build the weekly churn report."""
import argparse
import csv


def load(path):
    with open(path, newline="") as fh:
        return list(csv.DictReader(fh))


def fit(rows):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression()
    model.fit([[int(r["months"])] for r in rows], [int(r["churned"]) for r in rows])
    return model


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    args = ap.parse_args()
    rows = load(args.csv)
    print(f"loaded {len(rows)} rows from {args.csv}")
    fit(rows)


if __name__ == "__main__":
    main()
EOF
  cap $C 1 py <<'EOF'
python scripts/build_report.py data/sample.csv
EOF
  spec $C python <<EOF
name $C
job report
repo fieldnotes-ml/churn-report
runner u22
start 2025-04-07T03:00:12
setup python 3.11.2
primary imports
categories imports
tool CPython $PYV
field exit_code $(rc $C 1)
field module sklearn
field package scikit-learn
evidence from sklearn.linear_model import LogisticRegression
evidence ModuleNotFoundError: No module named 'sklearn'
notes Lazy import inside a function: the script runs a while before failing; import name differs from the pip name. ${NOTE_PY//REPO/churn-report}
step Build report
  from $W/$C/1
EOF
}

c_imports_append_mode() {
  local C=imports-pytest-import-mode-append-hypothesis
  proj brightline/ratelimit
  mkdir -p ratelimit tests
  : > ratelimit/__init__.py
  cat > ratelimit/bucket.py <<'EOF'
class TokenBucket:
    def __init__(self, rate, capacity):
        self.rate, self.capacity, self.tokens = rate, capacity, capacity

    def take(self, n=1):
        if n <= self.tokens:
            self.tokens -= n
            return True
        return False
EOF
  cat > tests/test_bucket.py <<'EOF'
from ratelimit.bucket import TokenBucket


def test_take_until_empty():
    b = TokenBucket(rate=1, capacity=2)
    assert [b.take(), b.take(), b.take()] == [True, True, False]
EOF
  cat > tests/test_bucket_props.py <<'EOF'
from hypothesis import given, strategies as st

from ratelimit.bucket import TokenBucket


@given(st.integers(min_value=1, max_value=50))
def test_never_negative(cap):
    b = TokenBucket(rate=1, capacity=cap)
    for _ in range(cap + 5):
        b.take()
    assert b.tokens >= 0
EOF
  cap $C 1 bash py <<'EOF'
python -m pytest --import-mode=append -p no:cacheprovider tests/
EOF
  spec $C python <<EOF
name $C
job test
repo brightline/ratelimit
runner u24
start 2025-07-22T10:30:00
setup python 3.11.2
primary imports
categories imports
tool $PYTOOL
field exit_code $(rc $C 1)
field module hypothesis
field package hypothesis
evidence E   ModuleNotFoundError: No module named 'hypothesis'
evidence ERROR tests/test_bucket_props.py
notes Collection error with --import-mode=append; the other test module still collects. ${NOTE_PY//REPO/ratelimit}
step -
  from $W/$C/1
EOF
}

c_imports_cannot_import_name() {
  local C=imports-cannot-import-name-python-m
  proj parcelworks/billing
  mkdir -p billing
  : > billing/__init__.py
  cat > billing/tax.py <<'EOF'
RATES = {"DE": 19, "FR": 20, "NL": 21}


def vat_for(country, net_cents):
    return net_cents * RATES[country] // 100
EOF
  cat > billing/cli.py <<'EOF'
import sys

from billing.tax import compute_vat


def main(argv):
    country, net = argv[1], int(argv[2])
    print(compute_vat(country, net))


if __name__ == "__main__":
    main(sys.argv)
EOF
  cap $C 1 py <<'EOF'
python -m billing.cli DE 10000
EOF
  spec $C python <<EOF
name $C
job cli-smoke
repo parcelworks/billing
runner u24
start 2025-06-11T12:48:20
setup python 3.11.2
primary imports
categories imports
tool CPython $PYV
field exit_code $(rc $C 1)
field module billing.tax
field name compute_vat
evidence ImportError: cannot import name 'compute_vat' from 'billing.tax'
notes Renamed function; ImportError (not ModuleNotFoundError) from python -m. ${NOTE_PY//REPO/billing}
step CLI smoke test
  from $W/$C/1
EOF
}

c_imports_circular() {
  local C=imports-circular-partially-initialized
  proj parcelworks/notify
  mkdir -p notify tests
  : > notify/__init__.py
  cat > notify/models.py <<'EOF'
from notify.render import render_subject


class Message:
    def __init__(self, kind, to):
        self.kind, self.to = kind, to

    def subject(self):
        return render_subject(self)
EOF
  cat > notify/render.py <<'EOF'
from notify.models import Message

TEMPLATES = {"welcome": "Welcome aboard, {to}!"}


def render_subject(msg: Message) -> str:
    return TEMPLATES[msg.kind].format(to=msg.to)
EOF
  cat > tests/test_models.py <<'EOF'
from notify.models import Message


def test_subject():
    assert Message("welcome", "ana").subject() == "Welcome aboard, ana!"
EOF
  cap $C 1 py <<'EOF'
python -m pytest -q tests
EOF
  spec $C python <<EOF
name $C
job test
repo parcelworks/notify
runner u24new
start 2025-10-29T15:05:55
setup python 3.11.2
primary imports
categories imports
tool $PYTOOL
field exit_code $(rc $C 1)
field module notify.models
field name Message
evidence E   ImportError: cannot import name 'Message' from partially initialized module 'notify.models'
notes Circular import surfaced at pytest collection. ${NOTE_PY//REPO/notify}
step -
  from $W/$C/1
EOF
}

MYPYTOOL="mypy $(/usr/bin/mypy --version | awk '{print $2}')"
c_typecheck_mypy_one() {
  local C=typecheck-mypy-found-1-error
  proj orbit-labs/scheduler
  mkdir -p scheduler
  : > scheduler/__init__.py
  cat > scheduler/jobs.py <<'EOF'
from dataclasses import dataclass
from typing import Optional


@dataclass
class Job:
    name: str
    cron: str
    retries: int = 0


def find(jobs: list[Job], name: str) -> Optional[Job]:
    for j in jobs:
        if j.name == name:
            return j
    return None


def retries_for(jobs: list[Job], name: str) -> int:
    return find(jobs, name).retries
EOF
  cat > scheduler/cli.py <<'EOF'
from scheduler.jobs import Job, retries_for


def main() -> None:
    jobs = [Job("backup", "0 3 * * *", retries=2)]
    print(retries_for(jobs, "backup"))
EOF
  cap $C 1 py <<'EOF'
mypy scheduler
EOF
  spec $C python <<EOF
name $C
job typecheck
repo orbit-labs/scheduler
runner u24
start 2025-08-05T09:41:18
setup python 3.11.2
primary typecheck
categories typecheck
tool $MYPYTOOL
field exit_code $(rc $C 1)
field mypy_error_count 1
evidence scheduler/jobs.py:20: error: Item "None" of "Optional[Job]" has no attribute "retries"
evidence Found 1 error in 1 file
notes Singular 'Found 1 error in 1 file'. ${NOTE_PY//REPO/scheduler}
step -
  from $W/$C/1
EOF
}

c_typecheck_mypy_stubs() {
  local C=typecheck-mypy-library-stubs-missing
  proj orbit-labs/config-loader
  mkdir -p loader
  : > loader/__init__.py
  cat > loader/fetch.py <<'EOF'
import docker
import requests
import yaml
from flask_migrate import Migrate


def fetch_config(url: str) -> dict:
    resp = requests.get(url, timeout=5)
    resp.raise_for_status()
    return yaml.safe_load(resp.text)


def image_tags(name: str) -> list[str]:
    client = docker.from_env()
    return client.images.get(name).tags


def init_migrations(app, db) -> Migrate:
    return Migrate(app, db)
EOF
  printf '[mypy]\nstrict = True\n' > mypy.ini
  cap $C 1 bash py <<'EOF'
python -m mypy loader/
EOF
  spec $C python <<EOF
name $C
job lint-and-types
repo orbit-labs/config-loader
runner u22
start 2025-02-17T13:27:40
setup python 3.11.2
primary typecheck
categories typecheck
tool $MYPYTOOL
field exit_code $(rc $C 1)
field mypy_error_count $(grep -o 'Found [0-9]* error' /tmp/ci-corpus/$C/out1.txt | awk '{print $2}')
evidence error: Library stubs not installed for "flask_migrate"
evidence error: Cannot find implementation or library stub for module named "docker"
evidence Found
notes mypy strict mode: one third-party import without installed stubs (types-Flask-Migrate hint), one not installed at all, plus strict-mode errors. ${NOTE_PY//REPO/config-loader}
step Type check
  from $W/$C/1
EOF
}

c_typecheck_mypy_pretty() {
  local C=typecheck-mypy-pretty-multiple-files
  proj orbit-labs/pricing
  mkdir -p pricing
  : > pricing/__init__.py
  cat > pricing/money.py <<'EOF'
from decimal import Decimal


def to_cents(amount: Decimal) -> int:
    return int(amount * 100)


def fmt(cents: int, currency: str = "EUR") -> str:
    return f"{cents / 100:.2f} {currency}"
EOF
  cat > pricing/quote.py <<'EOF'
from decimal import Decimal

from pricing.money import fmt, to_cents


class Quote:
    def __init__(self, net: Decimal, vat_rate: Decimal) -> None:
        self.net = net
        self.vat_rate = vat_rate

    def gross_cents(self) -> int:
        return to_cents(self.net * (1 + self.vat_rate))

    def label(self) -> str:
        return fmt(self.gross_cents(), currency=978)

    def discount(self, pct: float) -> Decimal:
        return self.net * (1 - pct / 100)


def parse(raw: str) -> Quote:
    net, rate = raw.split(";")
    return Quote(net, Decimal(rate))
EOF
  cap $C 1 py <<'EOF'
mypy --pretty --show-error-codes --python-version 3.11 pricing
EOF
  spec $C python <<EOF
name $C
job mypy
repo orbit-labs/pricing
runner u24new
start 2025-11-03T18:09:51
setup python 3.11.2
primary typecheck
categories typecheck
tool $MYPYTOOL
field exit_code $(rc $C 1)
field mypy_error_count $(grep -o 'Found [0-9]* error' /tmp/ci-corpus/$C/out1.txt | awk '{print $2}')
evidence_all : error:
evidence Found
notes mypy --pretty: each error followed by the source line and a caret line. ${NOTE_PY//REPO/pricing}
step -
  from $W/$C/1
EOF
}

c_coverage_report() {
  local C=coverage-report-fail-under-term-missing
  proj ledgerline/fx-rates
  mkdir -p fx tests
  : > fx/__init__.py
  cat > fx/convert.py <<'EOF'
RATES = {"EUR": 1.0, "USD": 1.08, "GBP": 0.85}


def convert(amount, src, dst):
    if src == dst:
        return amount
    return round(amount / RATES[src] * RATES[dst], 2)


def parse_pair(pair):
    if "/" not in pair:
        raise ValueError(f"bad pair {pair!r}")
    a, b = pair.upper().split("/")
    if a not in RATES or b not in RATES:
        raise KeyError(pair)
    return a, b


def table(base):
    rows = []
    for cur, rate in sorted(RATES.items()):
        if cur == base:
            continue
        rows.append((cur, convert(1, base, cur)))
    return rows
EOF
  cat > tests/test_convert.py <<'EOF'
from fx.convert import convert


def test_same_currency():
    assert convert(10, "EUR", "EUR") == 10


def test_eur_usd():
    assert convert(100, "EUR", "USD") == 108.0
EOF
  printf '[pytest]\npythonpath = .\n' > pytest.ini
  cap $C 1 bash py <<'EOF'
coverage run --source=fx -m pytest -q
coverage report -m --fail-under=90
EOF
  spec $C python <<EOF
name $C
job coverage
repo ledgerline/fx-rates
runner u24
start 2025-07-14T20:12:33
setup python 3.11.2
primary coverage
categories coverage
tool coverage $(/usr/bin/python3 -c 'import coverage;print(coverage.__version__)') + $PYTOOL
field exit_code $(rc $C 1)
field coverage_percent $(grep '^TOTAL' /tmp/ci-corpus/$C/out1.txt | awk '{print $4}' | tr -d %)
field threshold 90
evidence TOTAL
evidence Coverage failure: total of
notes coverage run + coverage report -m --fail-under=90 in one step; tests pass. ${NOTE_PY//REPO/fx-rates}
step Tests with coverage
  from $W/$C/1
EOF
}

c_coverage_pytest_cov_xdist() {
  local C=coverage-pytest-cov-xdist-fail-under
  geofence_proj
  rm -f tests/test_box_3.py
  sed -i 's/point_in_box(0, 0, BOX)/point_in_box(1, 1, BOX)/' tests/test_box_2.py
  cat >> geofence/shapes.py <<'EOF'


def area(box):
    (x0, y0), (x1, y1) = box
    if x1 < x0 or y1 < y0:
        raise ValueError("inverted box")
    return (x1 - x0) * (y1 - y0)


def merge(a, b):
    (ax0, ay0), (ax1, ay1) = a
    (bx0, by0), (bx1, by1) = b
    return (min(ax0, bx0), min(ay0, by0)), (max(ax1, bx1), max(ay1, by1))


def centre(box):
    (x0, y0), (x1, y1) = box
    return ((x0 + x1) / 2, (y0 + y1) / 2)
EOF
  printf '[pytest]\npythonpath = .\n' > pytest.ini
  cap $C 1 py <<'EOF'
pytest -n 2 --cov=geofence --cov-report=term-missing:skip-covered --cov-fail-under=85
EOF
  spec $C python <<EOF
name $C
job coverage-gate
repo quarry-io/geofence
runner u22
start 2025-03-02T08:30:17
setup python 3.11.2
primary coverage
categories coverage
tool pytest-cov 4.0.0 + pytest-xdist 3.1.0 + $PYTOOL
field exit_code $(rc $C 1)
field coverage_percent $(grep -o 'Total coverage: [0-9.]*' /tmp/ci-corpus/$C/out1.txt | awk '{print $3}')
field threshold 85
evidence FAIL Required test coverage of 85% not reached
notes pytest-cov under xdist; all tests pass, gate fails. ${NOTE_PY//REPO/geofence}
step -
  from $W/$C/1
EOF
}

PIPTOOL="pip $(/usr/bin/pip3 --version | awk '{print $2}')"
c_deps_externally_managed() {
  local C=dependency-install-externally-managed
  proj tallyho-apps/webhook-relay
  printf 'requests>=2.31\nitsdangerous==2.1.2\n' > requirements.txt
  cap $C 1 <<'EOF'
pip3 install -r requirements.txt
EOF
  spec $C python <<EOF
name $C
job deploy-hooks
repo tallyho-apps/webhook-relay
runner u24new
start 2025-10-21T05:52:14
primary dependency-install
categories dependency-install
tool $PIPTOOL (Debian python3-pip, system interpreter)
field exit_code $(rc $C 1)
evidence error: externally-managed-environment
notes System pip refuses to install (PEP 668) because the job has no setup-python/venv. ${NOTE//REPO/webhook-relay}
step Install dependencies
  from $W/$C/1
EOF
}

c_deps_invalid_requirement() {
  local C=dependency-install-invalid-requirement-operator
  proj hollow-oak/slugkit
  python3 -m venv /home/runner/work/_temp/venv-slugkit >/dev/null 2>&1
  printf '# runtime\nunidecode==1.3.6\nflask=2.3.0\n' > requirements.txt
  cap $C 1 bash <<'EOF'
source /home/runner/work/_temp/venv-slugkit/bin/activate
python -m pip install --no-index --find-links ./wheels -r requirements.txt
EOF
  spec $C python <<EOF
name $C
job install
repo hollow-oak/slugkit
runner u22
start 2025-03-30T17:40:02
setup python 3.11.2
primary dependency-install
categories dependency-install
tool $PIPTOOL (venv)
field exit_code $(rc $C 1)
evidence ERROR: Invalid requirement: 'flask=2.3.0'
notes Typo in requirements.txt (single '='). ${NOTE_PY//REPO/slugkit}
step -
  from $W/$C/1
EOF
}

c_deps_no_matching() {
  local C=dependency-install-no-index-no-matching-distribution
  proj cobalt-grid/meter-reader
  python3 -m venv /home/runner/work/_temp/venv-meter >/dev/null 2>&1
  mkdir -p wheelhouse
  printf 'structlog==23.1.0\n' > requirements.txt
  cap $C 1 bash <<'EOF'
. /home/runner/work/_temp/venv-meter/bin/activate
pip install --no-index --find-links wheelhouse/ -r requirements.txt
EOF
  spec $C python <<EOF
name $C
job build-offline
repo cobalt-grid/meter-reader
runner u24
start 2025-08-21T10:58:02
setup python 3.11.2
primary dependency-install
categories dependency-install
tool $PIPTOOL (venv)
field exit_code $(rc $C 1)
field package structlog
evidence ERROR: Could not find a version that satisfies the requirement structlog==23.1.0
evidence ERROR: No matching distribution found for structlog==23.1.0
notes Offline wheelhouse does not contain the pinned package. ${NOTE_PY//REPO/meter-reader}
step Install from wheelhouse
  from $W/$C/1
EOF
}

c_deps_editable_not_project() {
  local C=dependency-install-editable-not-a-project
  proj brightline/ratelimit
  mkdir -p ratelimit; : > ratelimit/__init__.py
  python3 -m venv /home/runner/work/_temp/venv-rl >/dev/null 2>&1
  cap $C 1 bash <<'EOF'
source /home/runner/work/_temp/venv-rl/bin/activate
pip install --no-index -e .
EOF
  spec $C python <<EOF
name $C
job package
repo brightline/ratelimit
runner u24new
start 2025-07-22T10:22:41
setup python 3.11.2
primary dependency-install
categories dependency-install
tool $PIPTOOL (venv)
field exit_code $(rc $C 1)
evidence does not appear to be a Python project
notes pip install -e . in a repo without pyproject.toml/setup.py. ${NOTE_PY//REPO/ratelimit}
step -
  from $W/$C/1
EOF
}

c_isolation_sqlite_unique() {
  local C=test-isolation-sqlite-unique-shared-db
  proj harbor-ops/accounts
  mkdir -p accounts tests
  : > accounts/__init__.py
  cat > accounts/store.py <<'EOF'
import os
import sqlite3

DB_PATH = os.environ.get("ACCOUNTS_DB", "accounts-test.db")


def connect():
    con = sqlite3.connect(DB_PATH)
    con.execute("CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT UNIQUE NOT NULL)")
    return con


def create_user(email):
    with connect() as con:
        cur = con.execute("INSERT INTO users (email) VALUES (?)", (email,))
        return cur.lastrowid
EOF
  cat > tests/test_signup.py <<'EOF'
from accounts.store import create_user


def test_signup_creates_user():
    assert create_user("dev@example.com") > 0
EOF
  cat > tests/test_admin.py <<'EOF'
from accounts.store import connect, create_user


def test_admin_can_list_users():
    create_user("dev@example.com")
    rows = connect().execute("SELECT email FROM users").fetchall()
    assert ("dev@example.com",) in rows
EOF
  printf '[pytest]\npythonpath = .\n' > pytest.ini
  rm -f accounts-test.db
  cap $C 1 py <<'EOF'
python -m pytest -q -p no:randomly tests/
EOF
  spec $C python <<EOF
name $C
job tests
repo harbor-ops/accounts
runner u24
start 2025-09-09T12:14:25
setup python 3.11.2
primary test-isolation
categories test-isolation tests
tool $PYTOOL + sqlite3 (CPython $PYV)
field exit_code $(rc $C 1)
field test_ids ["tests/test_signup.py::test_signup_creates_user"]
field failed_count 1
evidence sqlite3.IntegrityError: UNIQUE constraint failed: users.email
evidence FAILED tests/test_signup.py::test_signup_creates_user
notes Two test modules write the same row into one on-disk sqlite file that no fixture resets; the second writer fails depending on order. ${NOTE_PY//REPO/accounts}
step -
  from $W/$C/1
EOF
}

c_migration_alembic_sqlite() {
  local C=db-migration-alembic-sqlite-not-null-column
  proj harbor-ops/accounts
  mkdir -p migrations/versions
  cat > alembic.ini <<'EOF'
[alembic]
script_location = migrations
sqlalchemy.url = sqlite:///ci.db

[loggers]
keys = root,sqlalchemy,alembic

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARN
handlers = console
qualname =

[logger_sqlalchemy]
level = WARN
handlers =
qualname = sqlalchemy.engine

[logger_alembic]
level = INFO
handlers =
qualname = alembic

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %(levelname)-5.5s [%(name)s] %(message)s
datefmt = %H:%M:%S
EOF
  cat > migrations/env.py <<'EOF'
from alembic import context
from sqlalchemy import engine_from_config, pool

config = context.config
if config.config_file_name is not None:
    from logging.config import fileConfig
    fileConfig(config.config_file_name)

connectable = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.", poolclass=pool.NullPool)
with connectable.connect() as connection:
    context.configure(connection=connection, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()
EOF
  cat > migrations/script.py.mako <<'EOF'
EOF
  cat > migrations/versions/1a2b3c4d5e6f_create_users.py <<'EOF'
"""create users

Revision ID: 1a2b3c4d5e6f
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = "1a2b3c4d5e6f"
down_revision = None


def upgrade():
    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True), sa.Column("email", sa.String(255), nullable=False, unique=True))
    op.execute("INSERT INTO users (email) VALUES ('seed@example.com')")


def downgrade():
    op.drop_table("users")
EOF
  cat > migrations/versions/7f8e9d0c1b2a_add_tenant.py <<'EOF'
"""add users.tenant_id

Revision ID: 7f8e9d0c1b2a
Revises: 1a2b3c4d5e6f
"""
from alembic import op
import sqlalchemy as sa

revision = "7f8e9d0c1b2a"
down_revision = "1a2b3c4d5e6f"


def upgrade():
    op.add_column("users", sa.Column("tenant_id", sa.Integer, nullable=False))


def downgrade():
    op.drop_column("users", "tenant_id")
EOF
  rm -f ci.db
  cap $C 1 py <<'EOF'
alembic upgrade head
EOF
  spec $C python <<EOF
name $C
job migrate
repo harbor-ops/accounts
runner u22
start 2025-09-09T12:02:10
setup python 3.11.2
primary db-migration
categories db-migration
tool alembic $(/usr/bin/python3 -c 'import alembic;print(alembic.__version__)') + SQLAlchemy $(/usr/bin/python3 -c 'import sqlalchemy;print(sqlalchemy.__version__)') (sqlite3)
field exit_code $(rc $C 1)
evidence Running upgrade 1a2b3c4d5e6f -> 7f8e9d0c1b2a
evidence sqlalchemy.exc.OperationalError: (sqlite3.OperationalError) Cannot add a NOT NULL column with default value NULL
notes alembic upgrade head on sqlite; second migration adds a NOT NULL column without server_default. ${NOTE_PY//REPO/accounts}
step Run migrations
  from $W/$C/1
EOF
}

c_migration_alembic_heads() {
  local C=db-migration-alembic-multiple-heads
  c_migration_alembic_sqlite >/dev/null
  C=db-migration-alembic-multiple-heads
  sed -i 's/nullable=False))/nullable=True))/' migrations/versions/7f8e9d0c1b2a_add_tenant.py
  cat > migrations/versions/9c0ffee12345_add_last_login.py <<'EOF'
"""add users.last_login

Revision ID: 9c0ffee12345
Revises: 1a2b3c4d5e6f
"""
from alembic import op
import sqlalchemy as sa

revision = "9c0ffee12345"
down_revision = "1a2b3c4d5e6f"


def upgrade():
    op.add_column("users", sa.Column("last_login", sa.DateTime, nullable=True))


def downgrade():
    op.drop_column("users", "last_login")
EOF
  rm -f ci.db
  cap $C 1 bash py <<'EOF'
alembic current
alembic upgrade head
EOF
  spec $C python <<EOF
name $C
job migrate
repo harbor-ops/accounts
runner u24new
start 2025-09-16T08:45:31
setup python 3.11.2
primary db-migration
categories db-migration
tool alembic $(/usr/bin/python3 -c 'import alembic;print(alembic.__version__)')
field exit_code $(rc $C 1)
evidence_all Multiple head revisions are present
notes Two migrations branch from the same down_revision (merged PRs). ${NOTE_PY//REPO/accounts}
step Apply migrations
  from $W/$C/1
EOF
}

# ---------------------------------------------------------------- build/
GOTOOL="$(go version | awk '{print $1, $3}' | sed 's/ go/ /')"
go_proj() {
  proj tidewave/ratecard
  cat > go.mod <<'EOF'
module github.com/tidewave/ratecard

go 1.19
EOF
  mkdir -p pricing cmd/ratecard
  cat > pricing/pricing.go <<'EOF'
package pricing

import "errors"

var ErrNegative = errors.New("pricing: negative quantity")

// Tiered returns the price in cents for qty units.
func Tiered(qty int) (int, error) {
	if qty < 0 {
		return 0, ErrNegative
	}
	switch {
	case qty <= 10:
		return qty * 100, nil
	case qty <= 100:
		return 1000 + (qty-10)*90, nil
	default:
		return 1000 + 90*90 + (qty-100)*75, nil
	}
}
EOF
  cat > pricing/pricing_test.go <<'EOF'
package pricing

import "testing"

func TestTiered(t *testing.T) {
	cases := []struct {
		qty  int
		want int
	}{
		{0, 0},
		{10, 1000},
		{11, 1090},
		{100, 9100},
		{101, 9175},
	}
	for _, c := range cases {
		got, err := Tiered(c.qty)
		if err != nil {
			t.Fatalf("Tiered(%d) error: %v", c.qty, err)
		}
		if got != c.want {
			t.Errorf("Tiered(%d) = %d, want %d", c.qty, got, c.want)
		}
	}
}

func TestNegative(t *testing.T) {
	if _, err := Tiered(-1); err != ErrNegative {
		t.Fatalf("want ErrNegative, got %v", err)
	}
}
EOF
  cat > cmd/ratecard/main.go <<'EOF'
package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/tidewave/ratecard/pricing"
)

func main() {
	qty, _ := strconv.Atoi(os.Args[1])
	p, err := pricing.Tiered(qty)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(p)
}
EOF
}
GOENV=(GOPROXY=off GOFLAGS=-mod=mod GOCACHE=/home/runner/.cache/go-build GOPATH=/home/runner/go)

c_go_test() {
  local C=tests-go-test-table-case-fails
  go_proj
  sed -i 's/{101, 9175},/{101, 9175},\n\t\t{250, 20000},/' pricing/pricing_test.go
  cap $C 1 "${GOENV[@]}" <<'EOF'
go test ./...
EOF
  spec $C toolchain <<EOF
name $C
job go-test
repo tidewave/ratecard
runner u24
start 2025-06-30T09:12:44
primary tests
categories tests
tool $GOTOOL
field exit_code $(rc $C 1)
field test_ids ["TestTiered"]
field failed_count 1
evidence pricing_test.go:
evidence --- FAIL: TestTiered
evidence FAIL	github.com/tidewave/ratecard/pricing
notes go test ./... with a wrong expectation in a table test. ${NOTE//REPO/ratecard}
step -
  from $W/$C/1
EOF
}

c_go_test_panic() {
  local C=tests-go-test-panic-nil-map
  go_proj
  cat > pricing/cache.go <<'EOF'
package pricing

type Cache struct {
	m map[int]int
}

func (c *Cache) Get(qty int) int {
	if v, ok := c.m[qty]; ok {
		return v
	}
	v, _ := Tiered(qty)
	c.m[qty] = v
	return v
}
EOF
  cat > pricing/cache_test.go <<'EOF'
package pricing

import "testing"

func TestCacheGet(t *testing.T) {
	var c Cache
	if got := c.Get(5); got != 500 {
		t.Fatalf("got %d", got)
	}
}
EOF
  cap $C 1 bash "${GOENV[@]}" <<'EOF'
go test -race=false -v ./pricing/...
EOF
  spec $C toolchain <<EOF
name $C
job test (go 1.19)
repo tidewave/ratecard
runner u22
start 2025-05-02T21:33:09
primary tests
categories tests
tool $GOTOOL
field exit_code $(rc $C 1)
field test_ids ["TestCacheGet"]
field failed_count 1
evidence panic: assignment to entry in nil map
evidence --- FAIL: TestCacheGet
notes go test -v; a test panics (nil map write), go prints the goroutine trace. ${NOTE//REPO/ratecard}
step Test
  from $W/$C/1
EOF
}

c_go_build() {
  local C=compile-go-build-undefined
  go_proj
  sed -i 's/pricing.Tiered(qty)/pricing.TieredPrice(qty)/' cmd/ratecard/main.go
  sed -i 's/if err != nil {/if err != nil {\n\t\tunused := 1/' cmd/ratecard/main.go
  cap $C 1 "${GOENV[@]}" <<'EOF'
go build -o bin/ ./...
EOF
  spec $C toolchain <<EOF
name $C
job build
repo tidewave/ratecard
runner u24new
start 2025-10-08T13:20:50
primary compile
categories compile
tool $GOTOOL
field exit_code $(rc $C 1)
evidence_all cmd/ratecard/main.go:
notes go build: undefined function after a rename + unused variable. ${NOTE//REPO/ratecard}
step -
  from $W/$C/1
EOF
}

c_go_vet() {
  local C=compile-go-vet-printf
  go_proj
  sed -i 's/fmt.Println(p)/fmt.Printf("price: %d cents for %s units\\n", p)/' cmd/ratecard/main.go
  cap $C 1 bash "${GOENV[@]}" <<'EOF'
go vet ./...
EOF
  spec $C toolchain <<EOF
name $C
job vet
repo tidewave/ratecard
runner u24
start 2025-06-30T09:10:02
primary compile
categories compile
tool $GOTOOL (go vet)
field exit_code $(rc $C 1)
evidence cmd/ratecard/main.go:
notes go vet printf check (format expects 2 args). Labeled compile (static check of the Go toolchain). ${NOTE//REPO/ratecard}
step Run go vet ./...
  from $W/$C/1
EOF
}

CARGOTOOL="$(/root/.cargo/bin/cargo --version | awk '{print $1, $2}') / $(/root/.cargo/bin/rustc --version | awk '{print $1, $2}')"
cargo_proj() {
  proj ferrous-labs/semver-lite
  mkdir -p src
  cat > Cargo.toml <<'EOF'
[package]
name = "semver-lite"
version = "0.3.1"
edition = "2021"

[dependencies]
EOF
  cat > src/lib.rs <<'EOF'
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
}

pub fn parse(s: &str) -> Option<Version> {
    let mut it = s.trim_start_matches('v').split('.');
    let major = it.next()?.parse().ok()?;
    let minor = it.next()?.parse().ok()?;
    let patch = it.next().unwrap_or("0").parse().ok()?;
    Some(Version { major, minor, patch })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_full() {
        assert_eq!(parse("1.2.3"), Some(Version { major: 1, minor: 2, patch: 3 }));
    }

    #[test]
    fn strips_v_prefix() {
        assert_eq!(parse("v2.0.1").unwrap().major, 2);
    }

    #[test]
    fn rejects_two_components() {
        assert_eq!(parse("1.2"), None, "two-component versions must be rejected");
    }

    #[test]
    fn ordering() {
        assert!(parse("1.10.0").unwrap() > parse("1.9.9").unwrap());
    }
}
EOF
}
CARGOENV=(CARGO_TERM_COLOR=never CARGO_NET_OFFLINE=true)

c_cargo_test() {
  local C=tests-cargo-test-assert-eq-failure
  cargo_proj
  cap $C 1 "${CARGOENV[@]}" <<'EOF'
cargo test
EOF
  spec $C toolchain <<EOF
name $C
job test
repo ferrous-labs/semver-lite
runner u24
start 2025-08-12T16:02:27
primary tests
categories tests
tool $CARGOTOOL
field exit_code $(rc $C 1)
field test_ids ["tests::rejects_two_components"]
field failed_count 1
evidence panicked at
evidence test result: FAILED.
notes cargo test; one unit test fails an assert_eq! with a custom message. ${NOTE//REPO/semver-lite}
step -
  from $W/$C/1
EOF
}

c_cargo_build() {
  local C=compile-cargo-build-mismatched-types
  cargo_proj
  cat >> src/lib.rs <<'EOF'

pub fn bump_minor(v: &Version) -> Version {
    Version { major: v.major, minor: v.minor + 1, patch: "0" }
}

pub fn describe(v: Version) -> String {
    let s = format!("{}.{}.{}", v.major, v.minor, v.patch);
    drop(v);
    format!("{} ({:?})", s, v)
}
EOF
  cap $C 1 bash "${CARGOENV[@]}" <<'EOF'
cargo build --release
EOF
  spec $C toolchain <<EOF
name $C
job build
repo ferrous-labs/semver-lite
runner u24new
start 2025-10-14T11:11:11
primary compile
categories compile
tool $CARGOTOOL
field exit_code $(rc $C 1)
evidence error[E0308]: mismatched types
evidence error[E0382]: borrow of moved value: \`v\`
evidence error: could not compile
notes cargo build --release: two rustc errors (E0308, E0382). ${NOTE//REPO/semver-lite}
step Build release
  from $W/$C/1
EOF
}

c_gcc_make() {
  local C=compile-gcc-make-implicit-declaration
  proj kestrel-embedded/ringbuf
  mkdir -p src include
  cat > include/ringbuf.h <<'EOF'
#ifndef RINGBUF_H
#define RINGBUF_H
#include <stddef.h>
typedef struct { unsigned char *buf; size_t cap, head, tail; } ringbuf_t;
int rb_init(ringbuf_t *rb, size_t cap);
int rb_push(ringbuf_t *rb, unsigned char c);
#endif
EOF
  cat > src/ringbuf.c <<'EOF'
#include <stdlib.h>
#include "ringbuf.h"

int rb_init(ringbuf_t *rb, size_t cap) {
    rb->buf = malloc(cap);
    rb->cap = cap;
    rb->head = rb->tail = 0;
    return rb->buf ? 0 : -1;
}

int rb_push(ringbuf_t *rb, unsigned char c) {
    size_t next = (rb->head + 1) % rb->cap;
    if (next == rb->tail)
        return -1;
    rb->buf[rb->head] = c;
    rb->head = next;
    return 0
}
EOF
  cat > src/main.c <<'EOF'
#include <stdio.h>
#include "ringbuf.h"

int main(void) {
    ringbuf_t rb;
    rb_init(&rb, 8);
    rb_push(&rb, 'x');
    printf("%zu\n", rb_len(&rb));
    return 0;
}
EOF
  cat > Makefile <<'EOF'
CC ?= gcc
CFLAGS ?= -O2 -Wall -Werror -std=c11 -Iinclude
OBJS = src/ringbuf.o src/main.o

ringbuf: $(OBJS)
	$(CC) $(CFLAGS) -o $@ $(OBJS)

clean:
	rm -f $(OBJS) ringbuf
EOF
  cap $C 1 <<'EOF'
make -k
EOF
  spec $C toolchain <<EOF
name $C
job build (gcc)
repo kestrel-embedded/ringbuf
runner u22
start 2025-04-18T07:07:07
primary compile
categories compile
tool $(gcc --version | head -1) + GNU Make $(make --version | head -1 | awk '{print $3}')
field exit_code $(rc $C 1)
evidence src/ringbuf.c:17:13: error: expected ‘;’ before ‘}’ token
evidence error: implicit declaration of function ‘rb_len’
evidence_all make: *** [
notes make -k with gcc -Wall -Werror: syntax error in one TU and implicit declaration (an error with -Werror) in another. ${NOTE//REPO/ringbuf}
step Run make -k
  from $W/$C/1
EOF
}

c_cmake_ninja_link() {
  local C=compile-cmake-ninja-undefined-reference
  proj kestrel-embedded/crc-tools
  mkdir -p src
  cat > CMakeLists.txt <<'EOF'
cmake_minimum_required(VERSION 3.16)
project(crc_tools CXX)
set(CMAKE_CXX_STANDARD 17)
add_library(crc STATIC src/crc32.cpp)
add_executable(crcsum src/main.cpp)
target_link_libraries(crcsum PRIVATE crc)
EOF
  cat > src/crc32.hpp <<'EOF'
#pragma once
#include <cstdint>
#include <string_view>
namespace crc {
std::uint32_t crc32(std::string_view data);
std::uint32_t crc32c(std::string_view data);
}
EOF
  cat > src/crc32.cpp <<'EOF'
#include "crc32.hpp"
namespace crc {
std::uint32_t crc32(std::string_view data) {
    std::uint32_t c = 0xFFFFFFFFu;
    for (unsigned char b : data) {
        c ^= b;
        for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}
}
EOF
  cat > src/main.cpp <<'EOF'
#include <cstdio>
#include <string>
#include "crc32.hpp"
int main(int argc, char** argv) {
    std::string s = argc > 1 ? argv[1] : "";
    std::printf("%08x %08x\n", crc::crc32(s), crc::crc32c(s));
}
EOF
  cap $C 1 bash <<'EOF'
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build --parallel 2
EOF
  spec $C toolchain <<EOF
name $C
job linux-release
repo kestrel-embedded/crc-tools
runner u24
start 2025-09-25T19:31:40
primary compile
categories compile
tool $(cmake --version | head -1) + ninja $(ninja --version) + $(g++ --version | head -1)
field exit_code $(rc $C 1)
evidence undefined reference to \`crc::crc32c
evidence collect2: error: ld returned 1 exit status
evidence ninja: build stopped: subcommand failed.
notes cmake configure + ninja build; link error (declared, never defined). ${NOTE//REPO/crc-tools}
step Configure and build
  from $W/$C/1
EOF
}

c_clang_template() {
  local C=compile-clang-no-matching-function
  proj kestrel-embedded/crc-tools
  mkdir -p src
  cat > src/table.cpp <<'EOF'
#include <map>
#include <string>
#include <vector>

struct Row { std::string name; int width; };

int total_width(const std::vector<Row>& rows) {
    int w = 0;
    for (const auto& r : rows) w += r.width;
    return w;
}

int main() {
    std::map<std::string, int> widths{{"id", 4}, {"name", 20}};
    return total_width(widths) > 0 ? 0 : 1;
}
EOF
  cap $C 1 <<'EOF'
clang++ -std=c++17 -Wall -Wextra -c src/table.cpp -o /tmp/table.o
EOF
  spec $C toolchain <<EOF
name $C
job clang
repo kestrel-embedded/crc-tools
runner u24new
start 2025-10-30T10:40:05
primary compile
categories compile
tool $(clang --version | head -1)
field exit_code $(rc $C 1)
evidence error: no matching function for call to 'total_width'
evidence 1 error generated.
notes clang++ direct compile; no-matching-function with candidate note. ${NOTE//REPO/crc-tools}
step -
  from $W/$C/1
EOF
}

c_javac() {
  local C=compile-javac-cannot-find-symbol
  proj lumen-works/invoice-pdf
  mkdir -p src/main/java/com/lumen/invoice
  cat > src/main/java/com/lumen/invoice/Invoice.java <<'EOF'
package com.lumen.invoice;

import java.math.BigDecimal;
import java.util.List;

public class Invoice {
    private final List<LineItem> items;

    public Invoice(List<LineItem> items) {
        this.items = items;
    }

    public BigDecimal total() {
        BigDecimal sum = BigDecimal.ZERO;
        for (LineItem it : items) {
            sum = sum.add(it.amount());
        }
        return sum.setScale(2, RoundingMode.HALF_UP);
    }

    public int count() {
        return items.size() + "";
    }
}
EOF
  cat > src/main/java/com/lumen/invoice/LineItem.java <<'EOF'
package com.lumen.invoice;

import java.math.BigDecimal;

public record LineItem(String sku, BigDecimal amount) {}
EOF
  cap $C 1 <<'EOF'
mkdir -p out
javac -d out $(find src/main/java -name '*.java')
EOF
  spec $C toolchain <<EOF
name $C
job compile
repo lumen-works/invoice-pdf
runner u22
start 2025-05-27T14:44:15
primary compile
categories compile
tool $(javac -version 2>&1)
field exit_code $(rc $C 1)
evidence error: cannot find symbol
evidence error: incompatible types: String cannot be converted to int
evidence 2 errors
notes Plain javac (Maven could not be used offline: no ~/.m2 and Debian's maven-repo lacks the default plugin versions). ${NOTE//REPO/invoice-pdf}
step Compile
  from $W/$C/1
EOF
}

c_junit() {
  local C=tests-junit5-console-assertion
  proj lumen-works/invoice-pdf
  mkdir -p src/main/java/com/lumen/invoice src/test/java/com/lumen/invoice
  cat > src/main/java/com/lumen/invoice/Vat.java <<'EOF'
package com.lumen.invoice;

import java.math.BigDecimal;
import java.math.RoundingMode;

public final class Vat {
    private Vat() {}

    public static BigDecimal gross(BigDecimal net, int ratePercent) {
        return net.multiply(BigDecimal.valueOf(100 + ratePercent)).divide(BigDecimal.valueOf(100), RoundingMode.DOWN);
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
  cap $C 1 bash <<'EOF'
JUNIT=/usr/share/java/junit-platform-console-standalone.jar
javac -d build/classes $(find src/main/java -name '*.java')
javac -d build/test-classes -cp build/classes:$JUNIT $(find src/test/java -name '*.java')
java -jar $JUNIT --disable-banner --details=tree -cp build/classes:build/test-classes --scan-classpath
EOF
  spec $C toolchain <<EOF
name $C
job unit-tests (jdk 17)
repo lumen-works/invoice-pdf
runner u24
start 2025-09-03T06:06:41
primary jvm-test
categories jvm-test
tool JUnit Platform Console Launcher 1.9.1 (Debian junit5 5.9.2) on $(java -version 2>&1 | head -1)
field exit_code $(rc $C 1)
field test_ids ["grossRoundsHalfUp()"]
field failed_count 1
evidence expected: <11.96> but was: <11.95>
evidence tests failed
notes JUnit 5 via the console launcher (Maven/Surefire not usable offline here). ${NOTE//REPO/invoice-pdf}
step Run unit tests
  from $W/$C/1
EOF
}

NPMTOOL="npm $(npm --version) / node $(node --version)"
node_proj() {
  proj pinecone-web/form-kit
  cat > package.json <<'EOF'
{
  "name": "form-kit",
  "version": "1.4.0",
  "private": true,
  "scripts": {
    "test": "node --test test/",
    "build": "node scripts/build.js"
  }
}
EOF
  mkdir -p src test scripts
  cat > src/validate.js <<'EOF'
'use strict';
function isEmail(s) {
  return /^[^@\s]+@[^@\s]+$/.test(s);
}
function clampLength(s, max) {
  return s.length > max ? s.slice(0, max - 1) : s;
}
module.exports = { isEmail, clampLength };
EOF
  cat > test/validate.test.js <<'EOF'
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { isEmail, clampLength } = require('../src/validate');

test('accepts a plain address', () => {
  assert.ok(isEmail('a@b.io'));
});

test('clampLength keeps max characters', () => {
  assert.strictEqual(clampLength('abcdef', 4), 'abcd');
});
EOF
  echo "console.log('built')" > scripts/build.js
}

c_npm_test() {
  local C=tests-node-test-runner-fails
  node_proj
  cap $C 1 <<'EOF'
npm test
EOF
  spec $C toolchain <<EOF
name $C
job test (node 20)
repo pinecone-web/form-kit
runner u24
start 2025-09-18T15:47:03
primary tests
categories tests
tool $NPMTOOL (node:test)
field exit_code $(rc $C 1)
field test_ids ["clampLength keeps max characters"]
field failed_count 1
evidence not ok 2 - clampLength keeps max characters
evidence # fail 1
notes npm test running node's built-in test runner (TAP-like output on a non-TTY); npm itself prints no error summary in npm 11. ${NOTE//REPO/form-kit}
step -
  from $W/$C/1
EOF
}

c_npm_missing_script() {
  local C=other-npm-run-missing-script-lint
  node_proj
  cap $C 1 <<'EOF'
npm run lint
EOF
  spec $C toolchain <<EOF
name $C
job lint
repo pinecone-web/form-kit
runner u24new
start 2025-10-02T08:18:26
primary other
categories other
tool $NPMTOOL
field exit_code $(rc $C 1)
evidence npm error Missing script: "lint"
notes npm run of a script not defined in package.json. ${NOTE//REPO/form-kit}
step Lint
  from $W/$C/1
EOF
}

c_npm_ci_nolock() {
  local C=dependency-install-npm-ci-without-lockfile
  node_proj
  cap $C 1 <<'EOF'
npm ci
EOF
  spec $C toolchain <<EOF
name $C
job build
repo pinecone-web/form-kit
runner u22
start 2025-05-05T12:00:31
primary dependency-install
categories dependency-install
tool $NPMTOOL
field exit_code $(rc $C 1)
evidence npm error code EUSAGE
evidence The \`npm ci\` command can only install with an existing package-lock.json
notes npm ci in a repo without package-lock.json. ${NOTE//REPO/form-kit}
step Install dependencies
  from $W/$C/1
EOF
}

c_npm_e404() {
  local C=dependency-install-npm-e404-not-in-registry
  node_proj
  cap $C 1 bash <<'EOF'
npm install --no-audit --no-fund @pinecone-web/form-kit-internal-themes@^2.0.0
EOF
  spec $C toolchain <<EOF
name $C
job build
repo pinecone-web/form-kit
runner u24
start 2025-09-18T15:40:11
primary dependency-install
categories dependency-install
tool $NPMTOOL (public npm registry really queried)
field exit_code $(rc $C 1)
evidence npm error code E404
evidence npm error 404 Not Found
notes Scoped package that does not exist on the public registry (e.g. missing private-registry .npmrc). ${NOTE//REPO/form-kit}
step Install theme package
  from $W/$C/1
EOF
}

c_npm_etarget() {
  local C=dependency-install-npm-etarget-no-matching-version
  node_proj
  cap $C 1 bash <<'EOF'
npm install --no-audit --no-fund left-pad@^9.0.0
EOF
  spec $C toolchain <<EOF
name $C
job build
repo pinecone-web/form-kit
runner u24new
start 2025-10-02T08:10:44
primary dependency-install
categories dependency-install
tool $NPMTOOL (public npm registry really queried)
field exit_code $(rc $C 1)
evidence npm error code ETARGET
evidence npm error notarget No matching version found for left-pad@^9.0.0.
notes Version range that no published version satisfies. ${NOTE//REPO/form-kit}
step -
  from $W/$C/1
EOF
}

c_eslint() {
  local C=lint-eslint-no-unused-vars
  node_proj
  cat > eslint.config.js <<'EOF'
const js = require('@eslint/js');
module.exports = [js.configs.recommended, { languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', console: 'readonly' } } }];
EOF
  cat >> src/validate.js <<'EOF'

function normalise(s, opts) {
  const trimmed = s.trim();
  if (trimmed == '') return null;
  return trimmed.toLowerCase();
}
module.exports.normalise = normalise;
undefinedHelper();
EOF
  npm install --no-audit --no-fund --save-dev eslint@8 @eslint/js@8 >/dev/null 2>&1
  cap $C 1 <<'EOF'
npx eslint src/
EOF
  spec $C toolchain <<EOF
name $C
job lint
repo pinecone-web/form-kit
runner u24
start 2025-09-18T15:44:50
primary lint
categories lint
tool eslint $(cd /home/runner/work/form-kit/form-kit && npx eslint --version) via npx
field exit_code $(rc $C 1)
evidence_all  error 
evidence problems
notes eslint (flat config, js.configs.recommended) on a CommonJS project. ${NOTE//REPO/form-kit}
step -
  from $W/$C/1
EOF
}

py_lint_proj() {
  proj orbit-labs/scheduler
  mkdir -p scheduler
  : > scheduler/__init__.py
  cat > scheduler/cron.py <<'EOF'
import os, sys
import re


FIELDS = ["minute", "hour", "day", "month", "weekday"]

def parse(expr):
    parts = expr.split()
    if len(parts) != 5:
        raise ValueError("cron expression needs 5 fields, got %d" % len(parts))
    return dict(zip(FIELDS,parts))


def matches(expr, when):
    spec = parse(expr)
    for name, value in spec.items():
        if value == "*":
            continue
        if int(value) != getattr(when, name if name != "weekday" else "isoweekday")() if name == "weekday" else getattr(when, name):
            return False
    return True
EOF
}

c_flake8() {
  local C=lint-flake8-unused-import-e231
  py_lint_proj
  cap $C 1 py <<'EOF'
flake8 --max-line-length=100 scheduler/
EOF
  spec $C toolchain <<EOF
name $C
job lint
repo orbit-labs/scheduler
runner u22
start 2025-02-11T09:25:12
setup python 3.11.2
primary lint
categories lint
tool flake8 $(flake8 --version | awk '{print $1}')
field exit_code $(rc $C 1)
evidence_all scheduler/cron.py:
notes flake8 (pyflakes F401, pycodestyle E401/E231/E302). ${NOTE_PY//REPO/scheduler}
step Run flake8
  from $W/$C/1
EOF
}

c_black_isort() {
  local C=lint-black-check-would-reformat
  py_lint_proj
  cap $C 1 bash py <<'EOF'
isort --check-only --diff scheduler
black --check scheduler
EOF
  spec $C toolchain <<EOF
name $C
job format
repo orbit-labs/scheduler
runner u24
start 2025-08-05T09:38:00
setup python 3.11.2
primary lint
categories lint
tool $(isort --version | grep VERSION | awk '{print "isort", $2}'); $(black --version | head -1 | sed 's/,//')
field exit_code $(rc $C 1)
evidence ERROR: /home/runner/work/scheduler/scheduler/scheduler/cron.py Imports are incorrectly sorted
notes isort --check-only --diff fails first (set -e), so black never runs. ${NOTE_PY//REPO/scheduler}
step Check formatting
  from $W/$C/1
EOF
}

c_black_only() {
  local C=lint-black-check-only
  py_lint_proj
  cap $C 1 py <<'EOF'
black --check --diff scheduler/
EOF
  spec $C toolchain <<EOF
name $C
job black
repo orbit-labs/scheduler
runner u24new
start 2025-11-20T10:15:00
setup python 3.11.2
primary lint
categories lint
tool $(black --version | head -1 | sed 's/,//')
field exit_code $(rc $C 1)
evidence would reformat
evidence 1 file would be reformatted
notes black --check --diff. ${NOTE_PY//REPO/scheduler}
step -
  from $W/$C/1
EOF
}

c_shellcheck() {
  local C=lint-shellcheck-deploy-script
  proj harbor-ops/deploy-scripts
  mkdir -p scripts
  cat > scripts/release.sh <<'EOF'
#!/bin/bash
set -e
TAG=$1
for f in $(ls dist/*.tar.gz); do
  echo "uploading $f"
  cp $f /srv/releases/$TAG/
done
if [ $TAG == "" ]; then
  echo "no tag"
fi
cd /srv/releases
EOF
  cap $C 1 <<'EOF'
shellcheck scripts/*.sh
EOF
  spec $C toolchain <<EOF
name $C
job shellcheck
repo harbor-ops/deploy-scripts
runner u24
start 2025-07-01T13:13:13
primary lint
categories lint
tool ShellCheck $(shellcheck --version | sed -n 2p | awk '{print $2}')
field exit_code $(rc $C 1)
evidence_all In scripts/release.sh line
notes shellcheck on a release script (SC2045, SC2086, ...). ${NOTE//REPO/deploy-scripts}
step -
  from $W/$C/1
EOF
}

c_clang_format() {
  local C=lint-clang-format-dry-run-werror
  proj kestrel-embedded/ringbuf
  mkdir -p src
  printf 'BasedOnStyle: LLVM\nIndentWidth: 4\n' > .clang-format
  cat > src/ringbuf.c <<'EOF'
#include <stdlib.h>
#include "ringbuf.h"

int rb_init(ringbuf_t *rb, size_t cap){
  rb->buf = malloc(cap);
    rb->cap=cap;
    rb->head = rb->tail = 0;
    return rb->buf ? 0 : -1;
}
EOF
  cap $C 1 <<'EOF'
clang-format --dry-run --Werror src/*.c
EOF
  spec $C toolchain <<EOF
name $C
job format
repo kestrel-embedded/ringbuf
runner u22
start 2025-04-18T07:01:00
primary lint
categories lint
tool $(clang-format --version)
field exit_code $(rc $C 1)
evidence_all error: code should be clang-formatted [-Wclang-format-violations]
notes clang-format --dry-run --Werror. ${NOTE//REPO/ringbuf}
step Check formatting
  from $W/$C/1
EOF
}

c_terraform_fmt() {
  local C=lint-terraform-fmt-check
  proj harbor-ops/infra
  cat > main.tf <<'EOF'
resource "null_resource" "hello" {
  triggers = {
      always = "x"
    name="demo"
  }
}
EOF
  cap $C 1 <<'EOF'
terraform fmt -check -recursive -diff
EOF
  spec $C toolchain <<EOF
name $C
job terraform
repo harbor-ops/infra
runner u24new
start 2025-11-02T17:40:19
primary lint
categories lint
tool $(terraform version 2>/dev/null | head -1)
field exit_code $(rc $C 1)
evidence main.tf
notes terraform fmt -check -diff (exit 3: files need formatting). ${NOTE//REPO/infra}
step -
  from $W/$C/1
EOF
}

# ---------------------------------------------------------------- runner/
c_timeout_cmd() {
  local C=timeout-coreutils-wait-for-service
  proj cobalt-grid/meter-reader
  mkdir -p scripts
  cat > scripts/wait-for-api.sh <<'EOF'
#!/bin/bash
until curl -fsS http://127.0.0.1:18080/healthz >/dev/null 2>&1; do
  echo "waiting for api on :18080 ..."
  sleep 2
done
EOF
  chmod +x scripts/wait-for-api.sh
  cap $C 1 <<'EOF'
timeout --verbose 10 ./scripts/wait-for-api.sh
EOF
  spec $C runner <<EOF
name $C
job integration
repo cobalt-grid/meter-reader
runner u24
primary timeout
categories timeout
tool GNU coreutils timeout $(timeout --version | head -1 | awk '{print $4}')
field exit_code $(rc $C 1)
field timeout_seconds 10
evidence timeout: sending signal TERM to command
notes timeout(1) kills a wait loop whose service never came up; exit 124. ${NOTE//REPO/meter-reader}
step Wait for API
  from $W/$C/1
  duration 10
EOF
}

c_timeout_step() {
  local C=timeout-step-timeout-minutes-pytest-hang
  proj harbor-ops/accounts
  mkdir -p tests
  printf '[pytest]\npythonpath = .\n' > pytest.ini
  cat > tests/test_sync.py <<'EOF'
import socket


def test_fast():
    assert 1 + 1 == 2


def test_waits_for_broker():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen()
    c = socket.create_connection(s.getsockname())
    c.recv(1)  # the broker never answers


def test_never_reached():
    assert True
EOF
  # the runner kills the step when timeout-minutes expires; here the kill comes from timeout -s KILL
  CAP_KILL="-s KILL 5" cap $C 1 py <<'EOF'
python -m pytest -v tests/
EOF
  spec $C runner <<EOF
name $C
job integration-tests
repo harbor-ops/accounts
runner u24new
primary timeout
categories timeout
tool $PYTOOL (killed) + runner step timeout
field timeout_seconds 900
evidence tests/test_sync.py::test_waits_for_broker
evidence_runner has timed out after 15 minutes
notes Step with timeout-minutes: 15; pytest output really captured until the process was killed (SIGKILL after 5 s here). The runner line '##[error]The action '<step>' has timed out after N minutes.' uses the wording of a real runner log (shared/corpus/peer-pytorch/gha_timeout.log). ${NOTE_PY//REPO/accounts}
step Integration tests
  from $W/$C/1
  end timeout 15
  duration 5
EOF
}

c_cancelled() {
  local C=cancelled-operation-canceled-go-test
  go_proj
  cat > pricing/slow_test.go <<'EOF'
package pricing

import (
	"testing"
	"time"
)

func TestSoak(t *testing.T) {
	for i := 1; i <= 600; i++ {
		if i%2 == 0 {
			t.Logf("soak iteration %d ok", i)
		}
		time.Sleep(1 * time.Second)
	}
}
EOF
  CAP_KILL="-s INT 6" cap $C 1 "${GOENV[@]}" <<'EOF'
go test -v ./pricing/
EOF
  spec $C runner <<EOF
name $C
job soak (linux)
repo tidewave/ratecard
runner u24
primary cancelled
categories cancelled
tool $GOTOOL (interrupted) + runner cancellation
evidence_runner The operation was canceled.
notes Run cancelled (new push / concurrency group) while go test -v was running; go test output really captured until SIGINT. Runner wording from shared/corpus/peer-pytorch/gha_operation_canceled.log. ${NOTE//REPO/ratecard}
step -
  from $W/$C/1
  end cancel
  duration 6
EOF
}

c_shutdown() {
  local C=cancelled-runner-shutdown-signal
  cargo_proj
  cap $C 1 "${CARGOENV[@]}" <<'EOF'
cargo build --release
EOF
  # second step never produced output: the runner was shut down as it started
  echo 'cargo test --release' > "$W/$C/step2.sh"; : > "$W/$C/out2.txt"; echo 0 > "$W/$C/rc2"
  cp "$W/$C/shell1" "$W/$C/shell2"; : > "$W/$C/env2"
  spec $C runner <<EOF
name $C
job build (self-hosted)
repo ferrous-labs/semver-lite
runner u22
primary cancelled
categories cancelled
tool $CARGOTOOL + runner shutdown
evidence_runner The runner has received a shutdown signal.
notes Runner stopped mid-job (spot instance reclaimed) right after a successful build step; wording from shared/corpus/public/ite-runner-shutdown-signal.log. ${NOTE//REPO/semver-lite}
step -
  from $W/$C/1
step -
  from $W/$C/2
  end shutdown
EOF
}

c_oom_killed() {
  local C=oom-killed-exit-137
  proj fieldnotes-ml/churn-report
  mkdir -p scripts
  cat > scripts/train.py <<'EOF'
import sys

print("loading feature matrix ...", flush=True)
rows = []
for chunk in range(64):
    rows.append(bytearray(16 * 1024 * 1024))
    print(f"  chunk {chunk + 1}/64 loaded", flush=True)
print("training", file=sys.stderr)
EOF
  mkdir -p /sys/fs/cgroup/memory/ci-oom
  echo 96M > /sys/fs/cgroup/memory/ci-oom/memory.limit_in_bytes
  echo 0 > /sys/fs/cgroup/memory/ci-oom/memory.swappiness 2>/dev/null
  ( echo $BASHPID > /sys/fs/cgroup/memory/ci-oom/cgroup.procs
    cap $C 1 py <<'EOF'
python scripts/train.py --full
EOF
  )
  echo $$ > /sys/fs/cgroup/memory/cgroup.procs 2>/dev/null
  spec $C runner <<EOF
name $C
job train
repo fieldnotes-ml/churn-report
runner u24
setup python 3.11.2
primary oom
categories oom
tool GNU bash $(bash --version | head -1 | awk '{print $4}') + Linux OOM killer
field exit_code $(rc $C 1)
evidence Killed
notes Python process really OOM-killed by the kernel (memory cgroup limit 96M); bash reports 'Killed' and the step exits 137. ${NOTE_PY//REPO/churn-report}
step Train model
  from $W/$C/1
EOF
}

c_oom_memoryerror() {
  local C=oom-python-memoryerror-ulimit
  proj fieldnotes-ml/churn-report
  mkdir -p scripts
  cat > scripts/dedupe.py <<'EOF'
import sys

n = int(sys.argv[1])
print(f"allocating index for {n} ids", flush=True)
seen = [0] * n
print(len(seen))
EOF
  cap $C 1 bash py <<'EOF'
ulimit -v 1000000
python scripts/dedupe.py 400000000
EOF
  spec $C runner <<EOF
name $C
job dedupe
repo fieldnotes-ml/churn-report
runner u24new
setup python 3.11.2
primary oom
categories oom
tool CPython $PYV
field exit_code $(rc $C 1)
evidence MemoryError
notes Address-space limit (ulimit -v, as on some self-hosted runners) makes the allocation fail inside Python: MemoryError, exit 1. ${NOTE_PY//REPO/churn-report}
step -
  from $W/$C/1
EOF
}

c_disk_full() {
  local C=disk-full-tar-wrote-only-partial
  proj harbor-ops/infra
  mkdir -p /mnt/ci-small
  mountpoint -q /mnt/ci-small || mount -t tmpfs -o size=4m tmpfs /mnt/ci-small
  rm -rf /mnt/ci-small/*
  mkdir -p artifacts
  head -c 3000000 /dev/urandom > artifacts/app.bin
  head -c 2500000 /dev/urandom > artifacts/assets.bin
  cap $C 1 bash <<'EOF'
echo "Packing release into /mnt/ci-small/release.tar"
tar -cf /mnt/ci-small/release.tar artifacts/
EOF
  spec $C runner <<EOF
name $C
job package
repo harbor-ops/infra
runner u22
primary disk-full
categories disk-full
tool GNU tar $(tar --version | head -1 | awk '{print $4}')
field exit_code $(rc $C 1)
evidence Wrote only
notes tar into a 4 MiB tmpfs really fills it; GNU tar reports a short write ("Wrote only N of M bytes") without the ENOSPC text. ${NOTE//REPO/infra}
step Package release
  from $W/$C/1
EOF
}

c_disk_full_python() {
  local C=disk-full-python-oserror-errno-28
  proj fieldnotes-ml/churn-report
  mkdir -p /mnt/ci-small
  mountpoint -q /mnt/ci-small || mount -t tmpfs -o size=4m tmpfs /mnt/ci-small
  rm -rf /mnt/ci-small/*
  mkdir -p scripts
  cat > scripts/export.py <<'EOF'
import os
import sys

out = sys.argv[1]
with open(out, "wb") as fh:
    for i in range(10):
        fh.write(os.urandom(1024 * 1024))
        print(f"wrote part {i + 1}/10", flush=True)
EOF
  cap $C 1 py TMPDIR=/mnt/ci-small <<'EOF'
python scripts/export.py "$TMPDIR/features.parquet"
EOF
  spec $C runner <<EOF
name $C
job export
repo fieldnotes-ml/churn-report
runner u24
setup python 3.11.2
primary disk-full
categories disk-full
tool CPython $PYV
field exit_code $(rc $C 1)
evidence OSError: [Errno 28] No space left on device
notes Python write into a full 4 MiB tmpfs. ${NOTE_PY//REPO/churn-report}
step Export features
  from $W/$C/1
EOF
}

c_network_curl() {
  local C=network-curl-could-not-resolve-host
  proj kestrel-embedded/ringbuf
  cap $C 1 bash <<'EOF'
curl -fsSL https://downloads.toolchain-mirror.invalid/arm-gnu-toolchain-13.2.tar.xz -o /tmp/toolchain.tar.xz
tar -xf /tmp/toolchain.tar.xz -C /opt
EOF
  spec $C runner <<EOF
name $C
job cross-build
repo kestrel-embedded/ringbuf
runner u24
primary network
categories network
tool $(curl --version | head -1 | awk '{print $1, $2}')
field exit_code $(rc $C 1)
field url https://downloads.toolchain-mirror.invalid/arm-gnu-toolchain-13.2.tar.xz
evidence curl: (6) Could not resolve host: downloads.toolchain-mirror.invalid
notes DNS failure downloading a toolchain (.invalid TLD never resolves). ${NOTE//REPO/ringbuf}
step Download toolchain
  from $W/$C/1
EOF
}

c_network_git() {
  local C=network-git-clone-could-not-resolve
  proj kestrel-embedded/ringbuf
  cap $C 1 <<'EOF'
git clone --depth 1 https://git.vendor-mirror.invalid/acme/protocol-defs.git third_party/protocol-defs
EOF
  spec $C runner <<EOF
name $C
job build
repo kestrel-embedded/ringbuf
runner u22
primary network
categories network
tool $(git --version)
field exit_code $(rc $C 1)
evidence fatal: unable to access
notes git clone of a vendored dependency; DNS failure. ${NOTE//REPO/ringbuf}
step Fetch protocol definitions
  from $W/$C/1
EOF
}

c_network_go() {
  local C=dependency-install-go-mod-download-no-such-host
  go_proj
  cat >> go.mod <<'EOF'

require github.com/google/uuid v1.6.0
EOF
  cap $C 1 GOPROXY=https://goproxy.corp-mirror.invalid GOFLAGS=-mod=mod GOCACHE=/home/runner/.cache/go-build GOPATH=/home/runner/go GONOSUMDB=* GONOSUMCHECK=1 GOSUMDB=off <<'EOF'
go mod download
EOF
  spec $C runner <<EOF
name $C
job deps
repo tidewave/ratecard
runner u24new
primary dependency-install
categories dependency-install
tool $GOTOOL
field exit_code $(rc $C 1)
evidence no such host
notes GOPROXY points at an unresolvable corporate mirror. ${NOTE//REPO/ratecard}
step -
  from $W/$C/1
EOF
}

# ---------------------------------------------------------------- infra/
# tiny local HTTP(S) servers: python3 stdlib, answer every request with a fixed status/body
fake_http() { # fake_http PORT STATUS BODY [cert.pem key.pem]
  /usr/bin/python3 - "$@" <<'EOF' &
import http.server, ssl, sys
port, status, body = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3].encode()
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    do_POST = do_PATCH = do_PUT = do_GET
    def log_message(self, *a):
        pass
srv = http.server.HTTPServer(("127.0.0.1", port), H)
if len(sys.argv) > 5:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(sys.argv[4], sys.argv[5])
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
srv.serve_forever()
EOF
  FAKE_PID=$!
  sleep 1
}

c_smoke_curl_503() {
  local C=smoke-tests-curl-fail-with-body-503
  proj pinecone-web/storefront
  fake_http 18089 503 '{"status":"unavailable","checks":{"db":"ok","search":"timeout"}}'
  cap $C 1 bash <<'EOF'
for path in /healthz /api/v1/products?limit=1; do
  echo "GET $path"
  curl -sS --fail-with-body --max-time 10 "http://127.0.0.1:18089$path"
  echo
done
EOF
  kill $FAKE_PID
  spec $C infra <<EOF
name $C
job smoke (staging)
repo pinecone-web/storefront
runner u24
primary smoke-tests
categories smoke-tests
tool $(curl --version | head -1 | awk '{print $1, $2}') (local python http.server answering 503)
field exit_code $(rc $C 1)
field http_status 503
field url http://127.0.0.1:18089/healthz
evidence {"status":"unavailable"
evidence curl: (22) The requested URL returned error: 503
notes Post-deploy smoke test; curl --fail-with-body prints the body then the error. ${NOTE//REPO/storefront}
step Smoke test
  from $W/$C/1
EOF
}

c_smoke_wget_401() {
  local C=smoke-tests-wget-401-unauthorized
  proj pinecone-web/storefront
  fake_http 18090 401 '{"error":"unauthorized"}'
  cap $C 1 <<'EOF'
wget --tries=1 -O /dev/null http://127.0.0.1:18090/admin/status
EOF
  kill $FAKE_PID
  spec $C infra <<EOF
name $C
job smoke (production)
repo pinecone-web/storefront
runner u22
primary smoke-tests
categories smoke-tests
tool GNU Wget $(wget --version | head -1 | awk '{print $3}') (local python http.server answering 401)
field exit_code $(rc $C 1)
field http_status 401
field url http://127.0.0.1:18090/admin/status
evidence Username/Password Authentication Failed.
notes wget against an endpoint that needs a token the job did not send. ${NOTE//REPO/storefront}
step Check admin endpoint
  from $W/$C/1
EOF
}

kubeconfig() { # kubeconfig SERVER
  mkdir -p /home/runner/.kube
  cat > /home/runner/.kube/config <<EOF
apiVersion: v1
kind: Config
clusters:
- cluster:
    server: $1
    insecure-skip-tls-verify: true
  name: staging
contexts:
- context:
    cluster: staging
    namespace: staging
    user: deployer
  name: staging
current-context: staging
users:
- name: deployer
  user:
    token: expired-token-value
EOF
}

c_kubectl_refused() {
  local C=kubectl-auth-connection-refused
  proj harbor-ops/deploy-scripts
  kubeconfig https://127.0.0.1:16443
  cap $C 1 <<'EOF'
kubectl -n staging set image deployment/api api=ghcr.io/harbor-ops/api:4f1c2d9
EOF
  spec $C infra <<EOF
name $C
job deploy-staging
repo harbor-ops/deploy-scripts
runner u24
primary kubectl-auth
categories kubectl-auth
tool $(kubectl version --client 2>/dev/null | head -1)
field exit_code $(rc $C 1)
field namespace staging
field deployment api
evidence The connection to the server 127.0.0.1:16443 was refused
notes kubeconfig points at an API server that is not listening (tunnel/VPN step missing). ${NOTE//REPO/deploy-scripts}
step -
  from $W/$C/1
EOF
}

c_kubectl_401() {
  local C=kubectl-auth-unauthorized-expired-token
  proj harbor-ops/deploy-scripts
  openssl req -x509 -newkey rsa:2048 -nodes -keyout $W/k.key -out $W/k.crt -days 2 -subj /CN=127.0.0.1 >/dev/null 2>&1
  fake_http 16444 401 '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}' $W/k.crt $W/k.key
  kubeconfig https://127.0.0.1:16444
  cap $C 1 <<'EOF'
kubectl -n staging rollout status deployment/api --timeout=120s
EOF
  kill $FAKE_PID
  spec $C infra <<EOF
name $C
job deploy-staging
repo harbor-ops/deploy-scripts
runner u24new
primary kubectl-auth
categories kubectl-auth
tool $(kubectl version --client 2>/dev/null | head -1) (local HTTPS stub answering the apiserver's standard 401 Status)
field exit_code $(rc $C 1)
field namespace staging
field deployment api
evidence error: You must be logged in to the server
notes Expired service-account token; the stub returns the standard Kubernetes 401 Status object. ${NOTE//REPO/deploy-scripts}
step Wait for rollout
  from $W/$C/1
EOF
}

c_promtool_config() {
  local C=monitoring-promtool-check-config-bad-rule-file
  proj harbor-ops/infra
  mkdir -p monitoring/rules
  cat > monitoring/prometheus.yml <<'EOF'
global:
  scrape_interval: 30s
rule_files:
  - rules/*.yml
scrape_configs:
  - job_name: api
    static_configs:
      - targets: ["api:9100"]
EOF
  cat > monitoring/rules/api.yml <<'EOF'
groups:
  - name: api
    rules:
      - alert: ApiHighErrorRate
        expr: sum(rate(http_requests_total{status=~"5.."}[5m])) / sum(rate(http_requests_total[5m]) > 0.05
        for: 10m
        labels:
          severity: page
EOF
  cap $C 1 <<'EOF'
promtool check config monitoring/prometheus.yml
EOF
  spec $C infra <<EOF
name $C
job validate-monitoring
repo harbor-ops/infra
runner u22
primary monitoring
categories monitoring
tool $(promtool --version 2>&1 | head -1)
field exit_code $(rc $C 1)
evidence FAILED:
notes promtool check config follows rule_files; unbalanced parenthesis in an alert expr. ${NOTE//REPO/infra}
step Check Prometheus config
  from $W/$C/1
EOF
}

# ---------------------------------------------------------------- none/
c_none_pytest_scary() {
  local C=none-pytest-xfail-warnings-error-names
  proj cobalt-grid/meter-reader
  mkdir -p meter tests
  : > meter/__init__.py
  printf '[pytest]\npythonpath = .\n' > pytest.ini
  cat > meter/errors.py <<'EOF'
import warnings


class ReadingError(ValueError):
    pass


def parse(v):
    if v is None:
        warnings.warn("None reading treated as 0; this fallback is deprecated", DeprecationWarning)
        return 0.0
    f = float(v)
    if f < 0:
        raise ReadingError(f"negative reading: {f}")
    return f
EOF
  cat > tests/test_error_handling.py <<'EOF'
import pytest

from meter.errors import ReadingError, parse


def test_error_handling_negative_raises():
    with pytest.raises(ReadingError, match="negative reading"):
        parse(-1)


def test_none_falls_back_with_warning():
    assert parse(None) == 0.0


@pytest.mark.xfail(reason="ValueError: locale decimal comma not supported yet", strict=False)
def test_decimal_comma():
    assert parse("1,5") == 1.5


@pytest.mark.skip(reason="requires hardware meter (ConnectionError in CI)")
def test_live_meter():
    pass


def test_failed_readings_are_counted():
    errors = 0
    for v in ["1", "-2", "x"]:
        try:
            parse(v)
        except ValueError:
            errors += 1
    assert errors == 2
EOF
  cap $C 1 py <<'EOF'
python -m pytest -rxXs -v
EOF
  spec $C none <<EOF
name $C
job test
repo cobalt-grid/meter-reader
runner u24
setup python 3.11.2
primary none
categories none
tool $PYTOOL
notes Passing job whose output contains 'error', 'ValueError', 'ConnectionError', 'failed', warnings, XFAIL and SKIPPED: a triage must not report a failure. ${NOTE_PY//REPO/meter-reader}
step -
  from $W/$C/1
EOF
}

c_none_go_cargo() {
  local C=none-go-and-cargo-tests-pass
  go_proj
  cat > pricing/errors_test.go <<'EOF'
package pricing

import "testing"

func TestErrorOnNegativeQuantity(t *testing.T) {
	if _, err := Tiered(-5); err == nil {
		t.Fatal("expected an error")
	}
}

func TestFailFastDisabled(t *testing.T) {
	t.Skip("panic-recovery path covered by integration suite")
}
EOF
  cap $C 1 "${GOENV[@]}" <<'EOF'
go test -v ./...
EOF
  cargo_proj
  sed -i 's/assert_eq!(parse("1.2"), None, "two-component versions must be rejected");/assert_eq!(parse("1.2").unwrap().patch, 0, "missing patch defaults to 0");/' src/lib.rs
  cat >> src/lib.rs <<'EOF'

#[cfg(test)]
mod error_tests {
    #[test]
    #[should_panic(expected = "called `Option::unwrap()` on a `None` value")]
    fn unwrap_error_panics() {
        super::parse("garbage").unwrap();
    }

    #[test]
    #[ignore = "slow: fuzz corpus"]
    fn fuzz_failures() {}
}
EOF
  cap $C 2 "${CARGOENV[@]}" <<'EOF'
cargo test
EOF
  spec $C none <<EOF
name $C
job test-all
repo tidewave/ratecard
runner u24new
primary none
categories none
tool $GOTOOL; $CARGOTOOL
notes Two passing test steps whose output names errors, panics, failures, skips and ignored tests. ${NOTE//REPO/ratecard}
step -
  from $W/$C/1
step -
  from $W/$C/2
EOF
}

c_none_lint_warnings() {
  local C=none-eslint-warnings-only
  node_proj
  cat > eslint.config.js <<'EOF'
const js = require('@eslint/js');
module.exports = [js.configs.recommended, { languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', console: 'readonly' } }, rules: { 'no-unused-vars': 'warn', 'no-console': 'warn' } }];
EOF
  cat >> src/validate.js <<'EOF'

function debugError(err, context) {
  console.error('validation error:', err.message);
}
module.exports.debugError = debugError;
EOF
  npm install --no-audit --no-fund --save-dev eslint@8 @eslint/js@8 >/dev/null 2>&1
  cap $C 1 <<'EOF'
npx eslint src/ && echo "lint ok (0 errors)"
EOF
  spec $C none <<EOF
name $C
job lint
repo pinecone-web/form-kit
runner u22
primary none
categories none
tool eslint $(cd /home/runner/work/form-kit/form-kit && npx eslint --version) via npx
notes eslint exits 0 with warnings only ('0 errors, 2 warnings'). ${NOTE//REPO/form-kit}
step -
  from $W/$C/1
EOF
}

c_typecheck_pyright_three_errors() {
  local C=typecheck-pyright-three-errors
  proj ledgerline/ledger-api
  mkdir -p app
  cat > app/calc.py <<'EOF'
import requests_oauth_helper


def total(items: list[int]) -> int:
    return sum(items)


def label(n: int) -> str:
    return n + 1


print(total(["a"]))
EOF
  # pyright from the npm registry (node is on the machine); installed outside the project
  [ -d /tmp/node_modules/pyright ] || (cd /tmp && npm install --no-audit --no-fund pyright@1.1.389 >/dev/null 2>&1)
  cap $C 1 <<'EOF'
node /tmp/node_modules/pyright/index.js app
EOF
  spec $C python <<EOF
name $C
job typecheck
repo ledgerline/ledger-api
runner u24
start 2025-10-06T09:14:41
primary typecheck
categories typecheck
tool pyright 1.1.389 (npm) on node $(node --version)
field exit_code $(rc $C 1)
evidence - error: Import "requests_oauth_helper" could not be resolved
evidence 3 errors, 0 warnings, 0 informations
notes pyright run as the step's command (the runner would usually call 'npx pyright'). ${NOTE//REPO/ledger-api}
step -
  from $W/$C/1
EOF
}

# ---------------------------------------------------------------- main
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  run_cases c_ "$@"
fi
