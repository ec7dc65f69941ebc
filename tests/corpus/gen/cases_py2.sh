#!/bin/bash
# Python-side variant corpus (area "py2"): tests/corpus/py2/NAME.log + NAME.expect.json from REAL
# tool runs, in tools and phrasings the built-in rules were not written against.
#
#   bash tests/corpus/gen/cases_py2.sh                 # all py2 cases
#   bash tests/corpus/gen/cases_py2.sh p2_tests_tox    # only some
#
# Reuses make_cases.sh (proj / cap / rc / spec, the fake setup-python toolcache) and wrap_gha.py.
# Each case function builds a throwaway project under /home/runner/work/py2-<repo>/py2-<repo>, runs
# the step scripts like the runner does and writes the label.  Local package indexes are plain
# directories served by `python3 -m http.server` on 127.0.0.1:18401 (pip/poetry/pipenv/tox see a
# PEP 503 "simple" index with wheels and sdists built here); nothing leaves the machine except
# `npx pyright` (npm registry).  Prerequisites: tests/corpus/INDEX.md ("py2").
set -u
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=make_cases.sh
source "$HERE/make_cases.sh"
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)   # make_cases.sh sets it from $0
OUT=$(dirname "$HERE")
WRAP="/usr/bin/python3 $HERE/wrap_gha.py"
W=/tmp/ci-corpus-py2
G=py2
IDX=$W/index            # the local package index (simple/<name>/<files>)
PORT=18401
mkdir -p "$W"
for t in mypy dmypy tox nox poetry pipenv diff-cover twine; do ln -sf "/usr/bin/$t" "$PYBIN/$t"; done
NOTE2="Tool output really captured on Debian 12 (CPython $PYV, Debian python3-* packages; python/pip/pytest/mypy/tox/... resolve to them via a fake /opt/hostedtoolcache/Python/3.11.2/x64/bin) in a throwaway project at /home/runner/work/REPO/REPO, step script run as the runner does (bash -e /home/runner/work/_temp/UUID.sh, 2>&1). Synthetic: timestamps, runner preamble, checkout/setup-python groups, step headers, ##[error]/post-job lines. Generator: tests/corpus/gen/cases_py2.sh + wrap_gha.py."
V() { /usr/bin/python3 -c "import importlib.metadata as m; print(m.version('$1'))"; }
PYTEST="pytest $(V pytest)"

# label CASE JOB REPO RUNNER PRIMARY "CATEGORIES" "TOOL" "NOTES" <<EOF (field/evidence/step lines)
label() {
  local c=$1 repo=$3
  {
    printf 'name %s\njob %s\nrepo %s\nrunner %s\nsetup python 3.11.2\n' "$c" "$2" "$repo" "$4"
    printf 'primary %s\ncategories %s\ntool %s\n' "$5" "$6" "$7"
    printf 'notes %s %s\n' "$8" "${NOTE2//REPO/${repo#*/}}"
    cat
  } | spec "$c" "$G"
}
# steps CASE N... : "step -" + "from" lines for captured steps 1..N (names from the script)
steps() { local c=$1 i; shift; for i in "$@"; do st "$c" "$i"; done; }
# diag CASE N : a diagnostic `if: failure()` step
diag() { st "$1" "$2"; echo '  if failure()'; }
# pkg NAME : a small importable package NAME/ with __init__.py
pkg() { mkdir -p "$1"; : > "$1/__init__.py"; }
pyproj_pythonpath() { printf '[tool.pytest.ini_options]\npythonpath = ["."]\n%s' "${1:-}" > pyproject.toml; }

# ---------------------------------------------------------------- local package index
# dist NAME VERSION [REQUIRES [REQUIRES_PYTHON [sdist]]] : build a wheel (or sdist) into $IDX
dist() {
  local name=$1 ver=$2 req=${3:-} rp=${4:-} kind=${5:-wheel} d
  d=$(mktemp -d "$W/build.XXXX")
  mkdir -p "$d/${name//-/_}"
  echo "__version__ = '$ver'" > "$d/${name//-/_}/__init__.py"
  cat > "$d/setup.py" <<EOF
from setuptools import setup
setup(name="$name", version="$ver", packages=["${name//-/_}"],
      install_requires=[r for r in "$req".split(";") if r],
      python_requires="$rp" or None)
EOF
  mkdir -p "$IDX/simple/$name"
  if [ "$kind" = sdist ]; then
    (cd "$d" && /usr/bin/python3 setup.py -q sdist -d "$IDX/simple/$name" >/dev/null 2>&1)
  else
    (cd "$d" && /usr/bin/python3 setup.py -q bdist_wheel -d "$IDX/simple/$name" >/dev/null 2>&1)
  fi
  rm -rf "$d"
}
# ext_sdist NAME VERSION C_PRELUDE BUILD_REQUIRES... : an sdist with a C extension (pyproject.toml)
ext_sdist() {
  local name=$1 ver=$2 prelude=$3 d mod; shift 3
  mod=${name//-/_}; d=$(mktemp -d "$W/build.XXXX")/$name-$ver
  mkdir -p "$d/src"
  printf '%s\n#include <Python.h>\nstatic struct PyModuleDef m = {PyModuleDef_HEAD_INIT, "_%s", 0, -1, 0};\nPyMODINIT_FUNC PyInit__%s(void) { return PyModule_Create(&m); }\n' "$prelude" "$mod" "$mod" > "$d/src/_$mod.c"
  printf 'from setuptools import Extension, setup\nsetup(name="%s", version="%s", ext_modules=[Extension("_%s", ["src/_%s.c"])])\n' "$name" "$ver" "$mod" "$mod" > "$d/setup.py"
  { printf '[build-system]\nrequires = ['; printf '"%s", ' "$@"; printf ']\nbuild-backend = "setuptools.build_meta"\n'; } > "$d/pyproject.toml"
  printf 'Metadata-Version: 2.1\nName: %s\nVersion: %s\n' "$name" "$ver" > "$d/PKG-INFO"
  mkdir -p "$IDX/simple/$name"
  tar -C "$(dirname "$d")" -czf "$IDX/simple/$name/$name-$ver.tar.gz" "$name-$ver"
  rm -rf "$(dirname "$d")"
}
build_index() {
  [ -d "$IDX/simple" ] && return
  mkdir -p "$IDX/simple"
  dist py2-http 1.4.0; dist py2-http 2.1.0
  dist py2-auth 3.0.0 "py2-http<2"
  dist py2-sdk 5.2.0 "py2-http>=2"
  dist py2-tables 1.0.0; dist py2-tables 2.0.0 "" ">=3.12"
  dist py2-render 0.9.0
  # sdists whose build fails: a C extension needing a header that is not installed, and a
  # build-system requirement the index cannot satisfy
  ext_sdist py2-fastjson 0.4.1 '#include <yajl/yajl_parse.h>' 'setuptools>=40.8.0'
  ext_sdist py2-geomath 1.2.0 '' 'setuptools>=70' 'wheel'
  # build backends for isolated sdist builds (Debian ships these wheels)
  for w in setuptools wheel; do
    mkdir -p "$IDX/simple/$w"; cp /usr/share/python-wheels/$w-*.whl "$IDX/simple/$w/"
  done
}
INDEX_PID=
serve_index() {
  build_index
  [ -n "$INDEX_PID" ] && return
  serve_dir "$PORT" "$IDX" "$W/index.log"; INDEX_PID=$SERVE_PID
}
stop_index() { stop_pid "$INDEX_PID"; INDEX_PID=; }
trap stop_index EXIT
SIMPLE=http://127.0.0.1:$PORT/simple/

# ================================================================ tests
p2_tests_param_ids() {
  local C=tests-pytest-q-parametrize-ids-brackets-color
  proj tidepool/py2-unitconv
  pkg unitconv; mkdir -p tests
  cat > unitconv/parse.py <<'EOF'
import re

_UNITS = {"km": 1000.0, "m": 1.0, "cm": 0.01, "mm": 0.001}
_RX = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*([a-z]+)\s*$")


def to_metres(text):
    m = _RX.match(text)
    if not m:
        raise ValueError(f"cannot parse {text!r}")
    value, unit = m.groups()
    return float(value) * _UNITS[unit]
EOF
  cat > tests/test_parse.py <<'EOF'
import pytest

from unitconv.parse import to_metres


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1 km", 1000.0),
        ("25 cm", 0.25),
        ("3.5 m", 3.5),
        ("12 in", 0.3048),
        ("[5 mm]", 0.005),
        ("1,5 m", 1.5),
    ],
)
def test_to_metres(text, expected):
    assert to_metres(text) == pytest.approx(expected)
EOF
  pyproj_pythonpath
  cap $C 1 py <<'EOF'
pytest -q --color=yes tests/
EOF
  label $C "test (ubuntu-latest, 3.11)" tidepool/py2-unitconv u24 tests tests "$PYTEST" \
    "pytest -q --color=yes: ANSI-coloured output; parametrized ids with spaces, brackets and commas in the short summary." <<EOF
field exit_code $(rc $C 1)
field failed_count 3
field test_ids ["tests/test_parse.py::test_to_metres[12 in-0.3048]", "tests/test_parse.py::test_to_metres[[5 mm]-0.005]", "tests/test_parse.py::test_to_metres[1,5 m-1.5]"]
evidence - KeyError: 'in'
evidence - ValueError: cannot parse '[5 mm]'
evidence - ValueError: cannot parse '1,5 m'
$(steps $C 1)
EOF
}

p2_tests_class_ids() {
  local C=tests-pytest-tb-short-class-based-ids
  proj brasswork/py2-inventory
  pkg inventory; mkdir -p tests
  cat > inventory/stock.py <<'EOF'
class OutOfStock(Exception):
    pass


class Stock:
    def __init__(self):
        self._items = {}

    def add(self, sku, qty):
        self._items[sku] = self._items.get(sku, 0) + qty

    def remove(self, sku, qty):
        have = self._items.get(sku, 0)
        if qty > have:
            raise OutOfStock(sku)
        self._items[sku] = have - qty

    def count(self, sku):
        return self._items[sku]
EOF
  cat > tests/test_stock.py <<'EOF'
import pytest

from inventory.stock import OutOfStock, Stock


class TestAdd:
    def test_add_new(self):
        s = Stock()
        s.add("A1", 3)
        assert s.count("A1") == 3

    def test_count_unknown_is_zero(self):
        assert Stock().count("ZZ") == 0


class TestRemove:
    @pytest.fixture
    def stock(self):
        s = Stock()
        s.add("B2", 5)
        return s

    def test_remove_some(self, stock):
        stock.remove("B2", 2)
        assert stock.count("B2") == 3

    def test_remove_too_many(self, stock):
        with pytest.raises(OutOfStock):
            stock.remove("B2", 6)

    def test_remove_all_drops_sku(self, stock):
        stock.remove("B2", 5)
        assert "B2" not in stock._items
EOF
  pyproj_pythonpath
  cap $C 1 bash py <<'EOF'
python -m pytest -v --tb=short
EOF
  label $C tests brasswork/py2-inventory u22 tests tests "$PYTEST" \
    "pytest -v --tb=short; failing tests are methods of test classes (file::Class::test ids)." <<EOF
field exit_code $(rc $C 1)
field failed_count 2
field test_ids ["tests/test_stock.py::TestAdd::test_count_unknown_is_zero", "tests/test_stock.py::TestRemove::test_remove_all_drops_sku"]
evidence_all FAILED tests/test_stock.py::Test
$(steps $C 1)
EOF
}

p2_tests_tb_line_maxfail() {
  local C=tests-pytest-tb-line-maxfail
  proj brasswork/py2-dates
  pkg dates; mkdir -p tests
  cat > dates/fiscal.py <<'EOF'
import datetime as dt


def fiscal_quarter(day):
    # fiscal year starts in April
    return (day.month - 4) // 3 + 1


def quarter_start(year, q):
    return dt.date(year, 3 * q + 1, 1)
EOF
  cat > tests/test_fiscal.py <<'EOF'
import datetime as dt

from dates.fiscal import fiscal_quarter, quarter_start


def test_april_is_q1():
    assert fiscal_quarter(dt.date(2024, 4, 2)) == 1


def test_january_is_q4():
    assert fiscal_quarter(dt.date(2024, 1, 15)) == 4


def test_march_is_q4():
    assert fiscal_quarter(dt.date(2024, 3, 31)) == 4


def test_q1_start():
    assert quarter_start(2024, 1) == dt.date(2024, 4, 1)


def test_q4_start():
    assert quarter_start(2024, 4) == dt.date(2025, 1, 1)
EOF
  pyproj_pythonpath
  cap $C 1 py <<'EOF'
pytest --tb=line --maxfail=2
EOF
  label $C unit-tests brasswork/py2-dates u24new tests tests "$PYTEST" \
    "pytest --tb=line --maxfail=2: one-line tracebacks (path:line: AssertionError) and the 'stopping after 2 failures' banner; no short test summary." <<EOF
field exit_code $(rc $C 1)
field failed_count 2
field test_ids ["tests/test_fiscal.py::test_january_is_q4", "tests/test_fiscal.py::test_march_is_q4"]
evidence_all /tests/test_fiscal.py:
evidence_all FAILED tests/test_fiscal.py::
evidence stopping after 2 failures
$(steps $C 1)
EOF
}

p2_tests_exitfirst_fail() {
  local C=tests-pytest-x-pytest-fail-message
  proj lumen-ops/py2-feature-flags
  pkg flags; mkdir -p tests
  cat > flags/store.py <<'EOF'
import json
import pathlib

DEFAULTS = {"new_checkout": False, "dark_mode": True}


def load(path):
    p = pathlib.Path(path)
    data = json.loads(p.read_text()) if p.exists() else {}
    return {**DEFAULTS, **data}
EOF
  cat > flags.json <<'EOF'
{"new_checkout": true, "beta_search": true}
EOF
  cat > tests/test_flags.py <<'EOF'
import pytest

from flags.store import DEFAULTS, load


def test_defaults_when_missing(tmp_path):
    assert load(tmp_path / "none.json") == DEFAULTS


def test_shipped_flags_are_known():
    unknown = sorted(set(load("flags.json")) - set(DEFAULTS))
    if unknown:
        pytest.fail(f"flags.json enables flags with no default: {', '.join(unknown)}")


def test_override():
    assert load("flags.json")["new_checkout"] is True
EOF
  pyproj_pythonpath
  cap $C 1 py <<'EOF'
python -m pytest -x -ra
EOF
  label $C test lumen-ops/py2-feature-flags u24 tests tests "$PYTEST" \
    "pytest -x -ra; the test calls pytest.fail() (no assert), pytest stops at the first failure ('stopping after 1 failures')." <<EOF
field exit_code $(rc $C 1)
field failed_count 1
field test_ids ["tests/test_flags.py::test_shipped_flags_are_known"]
evidence Failed: flags.json enables flags with no default: beta_search
evidence FAILED tests/test_flags.py::test_shipped_flags_are_known
$(steps $C 1)
EOF
}

p2_tests_doctest() {
  local C=tests-pytest-doctest-modules
  proj lumen-ops/py2-textutil
  pkg textutil
  cat > textutil/wrap.py <<'EOF'
def initials(name):
    """Return the initials of a full name.

    >>> initials("ada lovelace")
    'A.L.'
    >>> initials("Grace Brewster Murray Hopper")
    'G.B.M.H.'
    """
    return ".".join(p[0].upper() for p in name.split())


def title_case(s):
    """
    >>> title_case("hello world")
    'Hello World'
    """
    return " ".join(w.capitalize() for w in s.split())
EOF
  cap $C 1 py <<'EOF'
python -m pytest --doctest-modules textutil
EOF
  label $C doctests lumen-ops/py2-textutil u22 tests tests "$PYTEST" \
    "pytest --doctest-modules: a docstring example fails ([doctest] header, Expected/Got block, module::qualified.name id)." <<EOF
field exit_code $(rc $C 1)
field failed_count 1
field test_ids ["textutil/wrap.py::textutil.wrap.initials"]
evidence Expected:
evidence FAILED textutil/wrap.py::textutil.wrap.initials
$(steps $C 1)
EOF
}

p2_tests_xdist_verbose() {
  local C=tests-pytest-xdist-verbose-gw-markers
  proj quarry-io/py2-geohash
  pkg geohash; mkdir -p tests
  cat > geohash/codec.py <<'EOF'
_B32 = "0123456789bcdefghjkmnpqrstuvwxyz"


def encode(lat, lon, precision=6):
    lat_rng, lon_rng = [-90.0, 90.0], [-180.0, 180.0]
    bits, even, out, ch, bit = 0, True, [], 0, 0
    while len(out) < precision:
        rng, val = (lon_rng, lon) if even else (lat_rng, lat)
        mid = (rng[0] + rng[1]) / 2
        if val > mid:
            ch |= 1 << (4 - bit)
            rng[0] = mid
        else:
            rng[1] = mid
        even = not even
        bit += 1
        if bit == 5:
            out.append(_B32[ch])
            bit, ch = 0, 0
    return "".join(out)
EOF
  for n in 1 2 3 4; do
    cat > tests/test_codec_$n.py <<EOF
from geohash.codec import encode


def test_origin_$n():
    assert encode(0.0, 0.0, 1) in ("k", "s", "e", "7")


def test_length_$n():
    assert len(encode(10.0, 20.0, $n + 3)) == $n + 3
EOF
  done
  cat >> tests/test_codec_3.py <<'EOF'


def test_known_city():
    assert encode(57.64911, 10.40744, 8) == "u4pruydq"
EOF
  cat >> tests/test_codec_4.py <<'EOF'


def test_boundary_rounds_down():
    assert encode(90.0, 180.0, 2) == "zz"
    assert encode(-90.0, -180.0, 2) == "00"
    assert encode(0.0, 0.0, 2) == "s0"
EOF
  cat >> tests/test_codec_2.py <<'EOF'


def test_precision_three():
    assert encode(45.0, 45.0, 3) == "v00"
EOF
  pyproj_pythonpath
  cap $C 1 py <<'EOF'
pytest -n 2 -v -p no:randomly
EOF
  label $C "tests (xdist)" quarry-io/py2-geohash u24new tests tests "$PYTEST + pytest-xdist $(V pytest-xdist)" \
    "pytest -n 2 -v: per-test lines prefixed with the worker ('[gw0] [ 40%] FAILED tests/...'); summary at the end." <<EOF
field exit_code $(rc $C 1)
field failed_count 2
field test_ids ["tests/test_codec_4.py::test_boundary_rounds_down", "tests/test_codec_2.py::test_precision_three"]
evidence_all FAILED tests/test_codec_
$(steps $C 1)
EOF
}

p2_other_pytest_internalerror() {
  local C=other-pytest-internalerror-plugin-option
  proj brasswork/py2-ledger-export
  pkg ledger; mkdir -p tests
  printf 'def to_csv_row(entry):\n    return ",".join(str(v) for v in entry)\n' > ledger/csv.py
  printf 'from ledger.csv import to_csv_row\n\n\ndef test_row():\n    assert to_csv_row((1, "a")) == "1,a"\n' > tests/test_csv.py
  pyproj_pythonpath
  cap $C 1 py <<'EOF'
pytest -p no:cacheprovider tests
EOF
  label $C test brasswork/py2-ledger-export u24 other other "$PYTEST + pytest-random-order $(V pytest-random-order)" \
    "pytest crashes before running any test (INTERNALERROR, exit 3): with the cache plugin disabled, pytest-random-order 1.1.0 asks for the missing 'failedfirst' option. A plugin/tooling incompatibility, not a failing test." <<EOF
field exit_code $(rc $C 1)
evidence INTERNALERROR> ValueError: no option named 'failedfirst'
$(steps $C 1)
EOF
}

p2_tests_unittest_mixed() {
  local C=tests-unittest-failures-and-errors
  proj hollow-oak/py2-money
  pkg money; mkdir -p tests; : > tests/__init__.py
  cat > money/fx.py <<'EOF'
RATES = {("EUR", "USD"): 1.08, ("USD", "EUR"): 0.93}


def convert(amount, src, dst):
    if src == dst:
        return amount
    return round(amount * RATES[(src, dst)], 2)


def split(amount, parts):
    share = round(amount / parts, 2)
    return [share] * parts
EOF
  cat > tests/test_fx.py <<'EOF'
import unittest

from money.fx import convert, split


class ConvertTest(unittest.TestCase):
    def test_same_currency(self):
        self.assertEqual(convert(10, "EUR", "EUR"), 10)

    def test_eur_to_usd(self):
        self.assertEqual(convert(100, "EUR", "USD"), 108.0)

    def test_gbp_supported(self):
        self.assertAlmostEqual(convert(100, "GBP", "EUR"), 116.0)


class SplitTest(unittest.TestCase):
    def test_even(self):
        self.assertEqual(split(9, 3), [3.0, 3.0, 3.0])

    def test_remainder_kept(self):
        self.assertEqual(sum(split(10, 3)), 10)

    def test_parts_listed(self):
        self.assertListEqual(split(1, 4), [0.25, 0.25, 0.25, 0.26])
EOF
  cap $C 1 py <<'EOF'
python -m unittest
EOF
  label $C test hollow-oak/py2-money u24new tests tests "unittest (CPython $PYV)" \
    "python -m unittest (default discovery, not verbose): dots/F/E line, then FAIL:/ERROR: blocks with Python 3.11 ids and 'FAILED (failures=2, errors=1)'." <<EOF
field exit_code $(rc $C 1)
field failed_count 2
field test_ids ["tests.test_fx.SplitTest.test_parts_listed", "tests.test_fx.SplitTest.test_remainder_kept", "tests.test_fx.ConvertTest.test_gbp_supported"]
evidence_all FAIL: test_
evidence ERROR: test_gbp_supported
evidence FAILED (failures=2, errors=1)
$(steps $C 1)
EOF
}

p2_tests_django() {
  local C=tests-django-manage-py-test
  proj hollow-oak/py2-bookings
  /usr/bin/python3 -m django startproject site_cfg . >/dev/null
  /usr/bin/python3 manage.py startapp rooms >/dev/null
  sed -i "s/'django.contrib.staticfiles',/'django.contrib.staticfiles',\n    'rooms',/" site_cfg/settings.py
  cat > rooms/models.py <<'EOF'
from django.db import models


class Room(models.Model):
    name = models.CharField(max_length=40, unique=True)
    capacity = models.PositiveIntegerField()

    def fits(self, people):
        return people < self.capacity
EOF
  cat > rooms/tests.py <<'EOF'
from django.test import TestCase

from rooms.models import Room


class RoomTests(TestCase):
    def setUp(self):
        self.room = Room.objects.create(name="Orion", capacity=8)

    def test_fits_smaller_group(self):
        self.assertTrue(self.room.fits(4))

    def test_fits_exact_capacity(self):
        self.assertTrue(self.room.fits(8), "a full room must still fit")

    def test_str(self):
        self.assertEqual(str(self.room), "Orion (8)")
EOF
  /usr/bin/python3 manage.py makemigrations rooms >/dev/null
  cap $C 1 py <<'EOF'
python manage.py test --verbosity 2
EOF
  label $C "django tests" hollow-oak/py2-bookings u22 tests tests "Django $(V django) test runner (unittest) on CPython $PYV" \
    "Django's test runner (manage.py test -v 2): test database created, migrations applied, two failing tests, database destroyed after the summary." <<EOF
field exit_code $(rc $C 1)
field failed_count 2
field test_ids ["rooms.tests.RoomTests.test_fits_exact_capacity", "rooms.tests.RoomTests.test_str"]
evidence_all FAIL: test_
evidence FAILED (failures=2)
$(steps $C 1)
EOF
}

p2_tests_tox() {
  local C=tests-tox-commands-failed
  proj hollow-oak/py2-retry
  pkg retry; mkdir -p tests
  cat > retry/backoff.py <<'EOF'
def delays(base, factor, attempts, cap=None):
    out, d = [], base
    for _ in range(attempts):
        out.append(d if cap is None else min(d, cap))
        d = d * factor
    return out
EOF
  cat > tests/test_backoff.py <<'EOF'
from retry.backoff import delays


def test_exponential():
    assert delays(1, 2, 4) == [1, 2, 4, 8]


def test_capped():
    assert delays(1, 3, 4, cap=10) == [1, 3, 9, 10]


def test_zero_attempts():
    assert delays(1, 2, 0) == []


def test_jitter_free_is_integer():
    assert all(isinstance(d, int) for d in delays(0.5, 2, 3))
EOF
  cat > tox.ini <<'EOF'
[tox]
envlist = py311, lint
skipsdist = true

[testenv]
sitepackages = true
setenv =
    PYTHONPATH = {toxinidir}
commands =
    pytest -q tests

[testenv:lint]
sitepackages = true
commands =
    python -m compileall -q retry
EOF
  cap $C 1 py <<'EOF'
tox
EOF
  label $C "tox (3.11)" hollow-oak/py2-retry u24 tests tests "tox $(V tox) + $PYTEST" \
    "tox 3 runs pytest in env py311 (fails) and lint (passes); the tox summary says 'ERROR:   py311: commands failed'." <<EOF
field exit_code $(rc $C 1)
field failed_count 1
field test_ids ["tests/test_backoff.py::test_jitter_free_is_integer"]
evidence FAILED tests/test_backoff.py::test_jitter_free_is_integer
evidence ERROR:   py311: commands failed
$(steps $C 1)
EOF
}

p2_tests_nox() {
  local C=tests-nox-session-failed
  proj hollow-oak/py2-csvkit-lite
  pkg csvlite; mkdir -p tests
  cat > csvlite/sniff.py <<'EOF'
def delimiter(sample):
    counts = {d: sample.count(d) for d in ",;\t|"}
    return max(counts, key=counts.get)
EOF
  cat > tests/test_sniff.py <<'EOF'
from csvlite.sniff import delimiter


def test_comma():
    assert delimiter("a,b,c\n1,2,3\n") == ","


def test_semicolon_with_decimal_commas():
    assert delimiter("a;b\n1,5;2,5\n3,0;4,0\n") == ";"
EOF
  cat > noxfile.py <<'EOF'
import nox


@nox.session(python=False)
def tests(session):
    session.run("python", "-m", "pytest", "-q", "tests", env={"PYTHONPATH": "."})


@nox.session(python=False)
def typing(session):
    session.run("python", "-c", "import csvlite.sniff")
EOF
  cap $C 1 py <<'EOF'
nox --non-interactive
EOF
  label $C nox hollow-oak/py2-csvkit-lite u24new tests tests "nox $(V nox) + $PYTEST" \
    "nox runs two sessions; 'tests' fails (pytest exit 1) and nox prints 'nox > Session tests failed.' and a summary." <<EOF
field exit_code $(rc $C 1)
field failed_count 1
field test_ids ["tests/test_sniff.py::test_semicolon_with_decimal_commas"]
evidence FAILED tests/test_sniff.py::test_semicolon_with_decimal_commas
evidence Session tests failed.
$(steps $C 1)
EOF
}

p2_tests_hypothesis() {
  local C=tests-hypothesis-falsifying-example
  proj brightline/py2-ranges
  pkg ranges; mkdir -p tests
  cat > ranges/merge.py <<'EOF'
def merge(intervals):
    out = []
    for lo, hi in sorted(intervals):
        if out and lo < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out
EOF
  cat > tests/test_merge.py <<'EOF'
from hypothesis import given, strategies as st

from ranges.merge import merge

pairs = st.tuples(st.integers(0, 100), st.integers(0, 100)).map(sorted).map(tuple)


@given(st.lists(pairs, max_size=8))
def test_merged_intervals_do_not_touch(intervals):
    merged = merge(intervals)
    for (a_lo, a_hi), (b_lo, b_hi) in zip(merged, merged[1:]):
        assert a_hi < b_lo


def test_merge_simple():
    assert merge([(1, 3), (2, 4)]) == [(1, 4)]
EOF
  pyproj_pythonpath
  cap $C 1 py <<'EOF'
pytest -q -p no:cacheprovider tests -p no:random_order --hypothesis-seed=0
EOF
  label $C property-tests brightline/py2-ranges u24 tests tests "$PYTEST + hypothesis $(V hypothesis)" \
    "Hypothesis property test: shrinks to a minimal 'Falsifying example: test_...(intervals=[...])' above the assertion error." <<EOF
field exit_code $(rc $C 1)
field failed_count 1
field test_ids ["tests/test_merge.py::test_merged_intervals_do_not_touch"]
evidence Falsifying example: test_merged_intervals_do_not_touch(
evidence FAILED tests/test_merge.py::test_merged_intervals_do_not_touch
$(steps $C 1)
EOF
}

p2_tests_rerun() {
  local C=tests-pytest-rerunfailures-rerun-still-failing
  proj lumen-ops/py2-webhooks
  pkg webhooks; mkdir -p tests
  cat > webhooks/sign.py <<'EOF'
import hashlib
import hmac
import time


def sign(secret, body, ts=None):
    ts = int(time.time()) if ts is None else ts
    mac = hmac.new(secret, f"{ts}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={ts},v1={mac}"


def verify(secret, body, header, tolerance=300, now=None):
    parts = dict(p.split("=", 1) for p in header.split(","))
    now = int(time.time()) if now is None else now
    if abs(now - int(parts["t"])) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, body, int(parts["t"])), header)
EOF
  cat > tests/test_sign.py <<'EOF'
from webhooks.sign import sign, verify


def test_roundtrip():
    h = sign(b"k", b"{}")
    assert verify(b"k", b"{}", h)


def test_rejects_old_timestamps():
    h = sign(b"k", b"{}", ts=1_700_000_000)
    assert verify(b"k", b"{}", h, now=1_700_000_000 + 301) is False


def test_uppercase_signature_accepted():
    h = sign(b"k", b"{}")
    assert verify(b"k", b"{}", h.upper().replace("T=", "t=").replace("V1=", "v1="))
EOF
  pyproj_pythonpath
  cap $C 1 py <<'EOF'
pytest -v --reruns 2 --reruns-delay 1 tests
EOF
  label $C tests lumen-ops/py2-webhooks u22 tests tests "$PYTEST + pytest-rerunfailures $(V pytest-rerunfailures)" \
    "pytest-rerunfailures (--reruns 2): the test is RERUN twice and still fails; summary '1 failed, 2 passed, 2 rerun'." <<EOF
field exit_code $(rc $C 1)
field failed_count 1
field test_ids ["tests/test_sign.py::test_uppercase_signature_accepted"]
evidence FAILED tests/test_sign.py::test_uppercase_signature_accepted -
$(steps $C 1)
EOF
}

p2_tests_timeout() {
  local C=tests-pytest-timeout-plugin
  proj lumen-ops/py2-queue-worker
  pkg worker; mkdir -p tests
  cat > worker/poll.py <<'EOF'
import queue


def drain(q, stop_on=None):
    out = []
    while True:
        item = q.get()
        if item == stop_on:
            return out
        out.append(item)
EOF
  cat > tests/test_poll.py <<'EOF'
import queue

from worker.poll import drain


def test_drain_until_sentinel():
    q = queue.Queue()
    for i in (1, 2, None):
        q.put(i)
    assert drain(q) == [1, 2]


def test_drain_empty_queue_returns():
    q = queue.Queue()
    assert drain(q, stop_on="STOP") == []
EOF
  pyproj_pythonpath
  cap $C 1 py <<'EOF'
pytest --timeout=5 -q tests
EOF
  label $C tests lumen-ops/py2-queue-worker u24 tests tests "$PYTEST + pytest-timeout $(V pytest-timeout)" \
    "pytest-timeout (--timeout=5, signal method): a test blocks on queue.get(); the plugin dumps the stacks ('+++ Timeout +++') and fails the test with 'Failed: Timeout >5.0s'." <<EOF
field exit_code $(rc $C 1)
field failed_count 1
field test_ids ["tests/test_poll.py::test_drain_empty_queue_returns"]
evidence Failed: Timeout >5.0s
evidence FAILED tests/test_poll.py::test_drain_empty_queue_returns
$(steps $C 1)
EOF
}

# ================================================================ test-isolation
pricing_proj() {
  proj ledgerline/py2-pricing
  pkg pricing; mkdir -p tests
  cat > pricing/rates.py <<'EOF'
_CACHE = {}


def set_override(region, pct):
    _CACHE[region] = pct


def vat(region):
    if region in _CACHE:
        return _CACHE[region]
    return {"de": 19, "fr": 20, "nl": 21}[region]


def gross(net_cents, region):
    return net_cents + net_cents * vat(region) // 100
EOF
  cat > tests/test_overrides.py <<'EOF'
from pricing.rates import gross, set_override, vat


def test_override_applies():
    set_override("de", 7)
    assert vat("de") == 7


def test_override_gross():
    set_override("nl", 9)
    assert gross(1000, "nl") == 1090
EOF
  cat > tests/test_gross.py <<'EOF'
from pricing.rates import gross


def test_gross_de():
    assert gross(1000, "de") == 1190


def test_gross_fr():
    assert gross(1000, "fr") == 1200


def test_gross_nl():
    assert gross(999, "nl") == 1208
EOF
  pyproj_pythonpath
}

p2_iso_random_order() {
  local C=test-isolation-random-order-module-cache
  pricing_proj
  cap $C 1 py <<'EOF'
pytest -v -p random_order --random-order-bucket=global --random-order-seed=4
EOF
  label $C "test (shuffled)" ledgerline/py2-pricing u24 test-isolation "test-isolation tests" "$PYTEST + pytest-random-order $(V pytest-random-order)" \
    "pytest-random-order shuffles globally (the seed is printed in the header); a module-level cache written by one test leaks into tests of another module (the suite passes in file order)." <<EOF
field exit_code $(rc $C 1)
field failed_count 2
field test_ids ["tests/test_gross.py::test_gross_de", "tests/test_gross.py::test_gross_nl"]
evidence Using --random-order-seed=4
evidence_all FAILED tests/test_gross.py::
$(steps $C 1)
EOF
}

p2_iso_passes_alone() {
  local C=test-isolation-env-leak-passes-alone
  proj brightline/py2-notifier
  pkg notifier; mkdir -p tests
  cat > notifier/config.py <<'EOF'
import os


def channel():
    return "slack" if os.environ.get("NOTIFY_SLACK") == "1" else "email"


def recipients(default):
    extra = os.environ.get("NOTIFY_EXTRA", "")
    return [default] + [r for r in extra.split(",") if r]
EOF
  cat > tests/test_a_slack.py <<'EOF'
import os

from notifier.config import channel


def test_slack_when_enabled():
    os.environ["NOTIFY_SLACK"] = "1"
    assert channel() == "slack"
EOF
  cat > tests/test_b_defaults.py <<'EOF'
from notifier.config import channel, recipients


def test_default_channel_is_email():
    assert channel() == "email"


def test_default_recipients():
    assert recipients("ops@example.com") == ["ops@example.com"]
EOF
  pyproj_pythonpath
  cap $C 1 py <<'EOF'
python -m pytest -q
EOF
  cap $C 2 py <<'EOF'
echo "Re-running only the failed tests, in a fresh process:"
python -m pytest --lf -v
EOF
  label $C tests brightline/py2-notifier u24new test-isolation "test-isolation tests" "$PYTEST" \
    "A test sets os.environ directly (no monkeypatch); a later module's test fails in the full run and passes when the diagnostic if: failure() step re-runs it alone with --lf." <<EOF
field exit_code $(rc $C 1)
field failed_count 1
field test_ids ["tests/test_b_defaults.py::test_default_channel_is_email"]
evidence FAILED tests/test_b_defaults.py::test_default_channel_is_email
$(steps $C 1)
$(diag $C 2)
EOF
}

p2_iso_xdist_shared_dir() {
  local C=test-isolation-xdist-session-fixture-shared-dir
  proj brightline/py2-thumbs
  pkg thumbs; mkdir -p tests
  cat > thumbs/store.py <<'EOF'
import os


def save(root, name, data):
    path = os.path.join(root, name)
    with open(path, "wb") as fh:
        fh.write(data)
    return path
EOF
  cat > tests/conftest.py <<'EOF'
import os
import shutil
import time

import pytest

CACHE = "/tmp/py2-thumbs-cache"


@pytest.fixture(scope="session")
def cache_dir():
    os.makedirs(CACHE)
    time.sleep(0.5)
    yield CACHE
    shutil.rmtree(CACHE)
EOF
  for n in 1 2 3 4; do
    cat > tests/test_store_$n.py <<EOF
from thumbs.store import save


def test_save_$n(cache_dir):
    path = save(cache_dir, "img$n.bin", b"x" * $n)
    assert path.endswith("img$n.bin")
EOF
  done
  pyproj_pythonpath
  rm -rf /tmp/py2-thumbs-cache
  cap $C 1 py <<'EOF'
pytest -n 2 -q
EOF
  rm -rf /tmp/py2-thumbs-cache
  cap $C 2 py <<'EOF'
pytest -n 0 -q
EOF
  rm -rf /tmp/py2-thumbs-cache
  label $C "tests (parallel)" brightline/py2-thumbs u22 test-isolation "test-isolation tests" "$PYTEST + pytest-xdist $(V pytest-xdist)" \
    "A session-scoped fixture creates a fixed /tmp directory; under xdist each worker runs the session fixture, so the second worker's makedirs fails (FileExistsError) at setup. The if: failure() step re-runs without workers (-n 0) and passes." <<EOF
field exit_code $(rc $C 1)
evidence FileExistsError: [Errno 17] File exists: '/tmp/py2-thumbs-cache'
evidence_all ERROR tests/test_store_
$(steps $C 1)
$(diag $C 2)
EOF
}

p2_iso_tz() {
  local C=test-isolation-timezone-dependent
  proj tidepool/py2-shifts
  pkg shifts; mkdir -p tests
  cat > shifts/clock.py <<'EOF'
import datetime as dt


def local_label(ts):
    return dt.datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M")


def shift_of(ts):
    hour = dt.datetime.fromtimestamp(ts).hour
    return "night" if hour < 6 or hour >= 22 else "day"
EOF
  cat > tests/test_clock.py <<'EOF'
from shifts.clock import local_label, shift_of

TS = 1_700_000_000  # 2023-11-14 22:13:20 UTC


def test_label():
    assert local_label(TS) == "2023-11-14 23:13"


def test_shift():
    assert shift_of(TS) == "night"
EOF
  pyproj_pythonpath
  cap $C 1 bash py TZ=America/Los_Angeles <<'EOF'
pytest -q --tb=short
EOF
  label $C "test (tz=America/Los_Angeles)" tidepool/py2-shifts u24 test-isolation "test-isolation tests" "$PYTEST" \
    "The job runs the suite under a non-UTC TZ (matrix over time zones); the tests assume the developer's local zone (CET) via datetime.fromtimestamp() without tz. Environment dependence, not a code regression." <<EOF
field exit_code $(rc $C 1)
field failed_count 2
field test_ids ["tests/test_clock.py::test_label", "tests/test_clock.py::test_shift"]
evidence_all FAILED tests/test_clock.py::
$(steps $C 1)
EOF
}

p2_iso_cwd() {
  local C=test-isolation-relative-path-cwd
  proj tidepool/py2-etl
  mkdir -p backend/etl backend/tests/fixtures; : > backend/etl/__init__.py
  cat > backend/etl/load.py <<'EOF'
import json


def load_rows(path):
    with open(path) as fh:
        return [r for r in json.load(fh) if r.get("active")]
EOF
  printf '[{"id": 1, "active": true}, {"id": 2, "active": false}]\n' > backend/tests/fixtures/rows.json
  cat > backend/tests/test_load.py <<'EOF'
from etl.load import load_rows


def test_only_active_rows():
    rows = load_rows("fixtures/rows.json")
    assert [r["id"] for r in rows] == [1]


def test_empty_file(tmp_path):
    p = tmp_path / "e.json"
    p.write_text("[]")
    assert load_rows(p) == []
EOF
  printf '[tool.pytest.ini_options]\npythonpath = ["backend"]\ntestpaths = ["backend/tests"]\n' > pyproject.toml
  cap $C 1 bash py <<'EOF'
python -m pytest -rf
EOF
  label $C backend-tests tidepool/py2-etl u22 test-isolation "test-isolation tests" "$PYTEST" \
    "The test opens a fixture by a path relative to the current directory (works when run from backend/tests on a laptop); CI runs pytest from the repository root." <<EOF
field exit_code $(rc $C 1)
field failed_count 1
field test_ids ["backend/tests/test_load.py::test_only_active_rows"]
evidence FileNotFoundError: [Errno 2] No such file or directory: 'fixtures/rows.json'
evidence FAILED backend/tests/test_load.py::test_only_active_rows
$(steps $C 1)
EOF
}

# ================================================================ coverage
# gen_module PKG/FILE.py TOTAL COVERED : a module with TOTAL statements of which exactly COVERED run
# on import (the rest sit in a function nobody calls), to hit a coverage percentage precisely.
gen_module() {
  /usr/bin/python3 - "$1" "$2" "$3" <<'EOF'
import sys
path, total, covered = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
lines = ["def cold():"] + ["    x%d = %d" % (i, i) for i in range(total - covered)]
lines += ["TABLE_%d = %d" % (i, i) for i in range(covered - 1)]  # "def cold" counts as covered
open(path, "w").write("\n".join(lines) + "\n")
EOF
}
cov_proj() {  # cov_proj REPO TOTAL COVERED
  proj "$1"
  pkg tariffs; mkdir -p tests
  gen_module tariffs/table.py "$2" "$3"
  cat > tests/test_table.py <<'EOF'
import tariffs.table as t


def test_table_loaded():
    assert t.TABLE_0 == 0
EOF
  pyproj_pythonpath
}

p2_cov_precision() {
  local C=coverage-report-precision-two-decimals
  cov_proj tidepool/py2-tariffs 2500 1999
  cap $C 1 bash py <<'EOF'
coverage run --source=tariffs -m pytest -q
coverage report --precision=2 --fail-under=80
EOF
  label $C coverage tidepool/py2-tariffs u24 coverage coverage "coverage $(V coverage) + $PYTEST" \
    "coverage report --precision=2 --fail-under=80: total 79.96 just under the gate; the tests themselves pass." <<EOF
field exit_code $(rc $C 1)
field coverage_percent 79.96
field threshold 80
evidence Coverage failure: total of 79.96 is less than fail-under=80.00
$(steps $C 1)
EOF
}

p2_cov_rounding() {
  local C=coverage-pytest-cov-rounds-to-threshold
  cov_proj tidepool/py2-tariffs 25000 19999
  cap $C 1 py <<'EOF'
pytest -q --cov=tariffs --cov-report=term --cov-fail-under=80
EOF
  label $C "tests + coverage" tidepool/py2-tariffs u24new coverage coverage "pytest-cov $(V pytest-cov) + coverage $(V coverage) + $PYTEST" \
    "pytest-cov compares the unrounded total (79.996) with --cov-fail-under=80 but prints it with two decimals: 'FAIL Required test coverage of 80% not reached. Total coverage: 80.00%' while the TOTAL row says 80%." <<EOF
field exit_code $(rc $C 1)
field coverage_percent 80.00
field threshold 80
evidence FAIL Required test coverage of 80% not reached. Total coverage: 80.00%
$(steps $C 1)
EOF
}

p2_cov_config_100() {
  local C=coverage-report-fail-under-100-from-config
  proj tidepool/py2-validators
  pkg validators; mkdir -p tests
  cat > validators/iban.py <<'EOF'
def normalize(iban):
    return iban.replace(" ", "").upper()


def checksum_ok(iban):
    s = normalize(iban)
    if len(s) < 15:
        return False
    moved = s[4:] + s[:4]
    digits = "".join(str(int(c, 36)) for c in moved)
    return int(digits) % 97 == 1


def country(iban):
    s = normalize(iban)
    if not s[:2].isalpha():
        raise ValueError("no country code")
    return s[:2]
EOF
  cat > tests/test_iban.py <<'EOF'
from validators.iban import checksum_ok, country


def test_valid():
    assert checksum_ok("DE89 3704 0044 0532 0130 00")


def test_short():
    assert not checksum_ok("DE89")


def test_country():
    assert country("de89 3704 0044 0532 0130 00") == "DE"
EOF
  cat > pyproject.toml <<'EOF'
[tool.pytest.ini_options]
pythonpath = ["."]

[tool.coverage.run]
branch = true
source = ["validators"]

[tool.coverage.report]
fail_under = 100
show_missing = true
EOF
  cap $C 1 py <<'EOF'
python -m coverage run -m pytest -q
python -m coverage report
EOF
  label $C test tidepool/py2-validators u22 coverage coverage "coverage $(V coverage) + $PYTEST" \
    "Threshold only in pyproject.toml ([tool.coverage.report] fail_under = 100, branch coverage); one uncovered raise: 'Coverage failure: total of 90 is less than fail-under=100'." <<EOF
field exit_code $(rc $C 1)
field coverage_percent 90
field threshold 100
evidence Coverage failure: total of
$(steps $C 1)
EOF
}

p2_cov_combine() {
  local C=coverage-combine-no-data
  proj tidepool/py2-batch
  pkg batch; mkdir -p tests
  printf 'def chunks(xs, n):\n    return [xs[i:i + n] for i in range(0, len(xs), n)]\n' > batch/split.py
  printf 'from batch.split import chunks\n\n\ndef test_chunks():\n    assert chunks([1, 2, 3], 2) == [[1, 2], [3]]\n' > tests/test_split.py
  pyproj_pythonpath
  # the "download-artifact" step put nothing into coverage-reports/ (artifact name mismatch)
  mkdir -p coverage-reports
  cap $C 1 bash py <<'EOF'
ls -la coverage-reports/
python -m coverage combine coverage-reports/
python -m coverage xml -o coverage.xml
EOF
  label $C "coverage (combine)" tidepool/py2-batch u24 coverage coverage "coverage $(V coverage)" \
    "Fan-in job: coverage combine over the per-shard data files downloaded as artifacts finds none ('No data to combine'), e.g. the upload used another artifact name or include-hidden-files was off." <<EOF
field exit_code $(rc $C 1)
evidence No data to combine
$(steps $C 1)
EOF
}

diff_cover_proj() {
  proj tidepool/py2-slots
  pkg slots; mkdir -p tests
  cat > slots/calendar.py <<'EOF'
def free(busy, day_start=9, day_end=17):
    hours = set(range(day_start, day_end))
    return sorted(hours - set(busy))
EOF
  printf 'from slots.calendar import free\n\n\ndef test_free():\n    assert free([9, 10]) == [11, 12, 13, 14, 15, 16]\n' > tests/test_calendar.py
  pyproj_pythonpath
  git init -q -b main . && git add -A && git -c user.name=ci -c user.email=ci@example.com commit -qm base
  git update-ref refs/remotes/origin/main HEAD
  git checkout -q -b feature
  cat >> slots/calendar.py <<'EOF'


def first_free(busy, min_len=1):
    run = []
    for h in free(busy):
        if run and h != run[-1] + 1:
            run = []
        run.append(h)
        if len(run) >= min_len:
            return run[0]
    return None


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]
EOF
  cat >> tests/test_calendar.py <<'EOF'


def test_overlaps():
    from slots.calendar import overlaps
    assert overlaps((9, 11), (10, 12))
EOF
  git add -A && git -c user.name=ci -c user.email=ci@example.com commit -qm "first_free + overlaps"
}

p2_cov_diff_cover() {
  local C=coverage-diff-cover-fail-under
  diff_cover_proj
  cap $C 1 bash py <<'EOF'
python -m pytest -q --cov=slots --cov-report=xml
diff-cover coverage.xml --compare-branch=origin/main --fail-under=90
EOF
  rm -rf .git
  label $C "diff coverage" tidepool/py2-slots u24new coverage coverage "diff-cover $(V diff-cover) + pytest-cov $(V pytest-cov)" \
    "diff-cover gates the coverage of the lines changed by the PR (--fail-under=90); total coverage is not gated." <<EOF
field exit_code $(rc $C 1)
field threshold 90
field coverage_percent 27
evidence Failure. Coverage is below 90%.
$(steps $C 1)
EOF
}

p2_cov_runbook_script() {
  local C=coverage-shell-gate-total-awk
  proj tidepool/py2-agents
  mkdir -p backend/core backend/tests; : > backend/core/__init__.py
  cat > backend/core/router.py <<'EOF'
def route(query):
    q = query.lower()
    if "invoice" in q:
        return "billing"
    if "password" in q or "login" in q:
        return "auth"
    if "refund" in q:
        return "billing"
    if "bug" in q or "crash" in q:
        return "engineering"
    return "general"


def priority(query):
    if "urgent" in query.lower():
        return 1
    if "asap" in query.lower():
        return 2
    return 3
EOF
  printf 'from core.router import route\n\n\ndef test_general():\n    assert route("hello") == "general"\n' > backend/tests/test_router.py
  printf '[tool.pytest.ini_options]\npythonpath = ["."]\n' > backend/pyproject.toml
  cap $C 1 bash py <<'EOF'
cd backend && coverage run -m pytest -q tests && cd ..
coverage=$(cd backend && coverage report | grep TOTAL | awk '{print $4}' | sed 's/%//')
echo "Coverage: $coverage%"
if (( $(echo "$coverage < 60" | bc -l) )); then
  echo "Coverage below 60% threshold"
  exit 1
fi
EOF
  label $C backend-test-full tidepool/py2-agents u22 coverage coverage "coverage $(V coverage) + GNU bash/bc gate script" \
    "The runbook's shell gate: TOTAL percentage cut out of 'coverage report' with awk and compared with bc; the only coverage text is the script's own echo." <<EOF
field exit_code $(rc $C 1)
field coverage_percent 43
field threshold 60
evidence Coverage below 60% threshold
$(steps $C 1)
EOF
}

# ================================================================ typecheck
MYPY="mypy $(mypy --version | awk '{print $2}')"
orders_proj() {
  proj orbit-labs/py2-orders
  pkg orders
  cat > orders/model.py <<'EOF'
from dataclasses import dataclass, field
from typing import Optional


@dataclass
class Line:
    sku: str
    qty: int
    price_cents: int


@dataclass
class Order:
    id: str
    lines: list[Line] = field(default_factory=list)
    coupon: Optional[str] = None

    def total(self) -> int:
        return sum(l.qty * l.price_cents for l in self.lines)
EOF
  cat > orders/service.py <<'EOF'
from typing import Optional

from orders.model import Line, Order


def find(orders: list[Order], order_id: str) -> Optional[Order]:
    return next((o for o in orders if o.id == order_id), None)


def add_line(order, sku, qty):
    order.lines.append(Line(sku, qty, 0))


def coupon_code(orders: list[Order], order_id: str) -> str:
    return find(orders, order_id).coupon.upper()


def totals(orders: list[Order]) -> dict[str, int]:
    return {o.id: o.totl() for o in orders}


def describe(order: Order) -> str:
    return "order " + order.id + " with " + len(order.lines) + " lines"
EOF
}

p2_mypy_strict_codes() {
  local C=typecheck-mypy-strict-error-codes-context
  orders_proj
  cap $C 1 py <<'EOF'
mypy --strict --show-error-codes --show-error-context --show-column-numbers orders
EOF
  label $C typecheck orbit-labs/py2-orders u24 typecheck typecheck "$MYPY" \
    "mypy --strict with --show-error-context (\"In function ...\" note lines) and --show-column-numbers (path:line:col: error: ... [code])." <<EOF
field exit_code $(rc $C 1)
field mypy_error_count $(grep -o 'Found [0-9]*' "$W/$C/out1.txt" | awk '{print $2}')
evidence error: Item "None" of "Optional[Order]" has no attribute "coupon"
evidence error: "Order" has no attribute "totl"
evidence Found
$(steps $C 1)
EOF
}

p2_mypy_syntax() {
  local C=typecheck-mypy-syntax-error-prevented-checking
  proj orbit-labs/py2-alerts
  pkg alerts
  cat > alerts/rules.py <<'EOF'
from typing import Iterable


def firing(values: Iterable[float], threshold: float) -> list[float]:
    return [v for v in values if v > threshold]


def summary(values: list[float]) -> str:
    match len(values):
        case 0:
            return "ok"
        case n if n > 3
            return f"{n} alerts"
    return "some alerts"
EOF
  cap $C 1 bash py <<'EOF'
python -m mypy alerts/
EOF
  label $C lint-and-types orbit-labs/py2-alerts u22 typecheck typecheck "$MYPY" \
    "mypy stops at a syntax error: '[syntax]' code and 'Found 1 error in 1 file (errors prevented further checking)'." <<EOF
field exit_code $(rc $C 1)
field mypy_error_count 1
evidence error: expected ':'  [syntax]
evidence Found 1 error in 1 file (errors prevented further checking)
$(steps $C 1)
EOF
}

p2_dmypy() {
  local C=typecheck-dmypy-run
  orders_proj
  cap $C 1 py <<'EOF'
dmypy run -- --python-version 3.11 orders
EOF
  dmypy stop >/dev/null 2>&1 || true
  label $C "typecheck (daemon)" orbit-labs/py2-orders u24new typecheck typecheck "dmypy $(dmypy --version | awk '{print $2}')" \
    "mypy daemon (dmypy run): starts the daemon, prints the same error lines and summary as mypy." <<EOF
field exit_code $(rc $C 1)
field mypy_error_count $(grep -o 'Found [0-9]*' "$W/$C/out1.txt" | awk '{print $2}')
evidence error: Item "None" of "Optional[Order]" has no attribute "coupon"
evidence Found
$(steps $C 1)
EOF
}

p2_mypy_import_untyped() {
  local C=typecheck-mypy-missing-imports-untyped-local
  proj orbit-labs/py2-gateway
  pkg gateway
  # an installed package without py.typed, modules with known stubs packages, one not installed
  cat > gateway/app.py <<'EOF'
import execnet
import geoip2.database
import Xlib.display
from grpc_status import rpc_status


def handler(ip: str) -> dict[str, object]:
    reader = geoip2.database.Reader("/usr/share/GeoIP/GeoLite2-City.mmdb")
    rpc_status.from_call(None)
    return {"city": reader.city(ip).city.name, "gw": execnet.makegateway, "x": Xlib.display}
EOF
  cap $C 1 py <<'EOF'
mypy gateway
EOF
  label $C mypy orbit-labs/py2-gateway u24 typecheck typecheck "$MYPY" \
    "mypy 1.0.1 without ignore_missing_imports: an installed package without py.typed ('Skipping analyzing'), modules whose stubs package is not installed (pip hints), one module not installed at all ([import] + the missing-imports doc link)." <<EOF
field exit_code $(rc $C 1)
field mypy_error_count $(grep -o 'Found [0-9]*' "$W/$C/out1.txt" | awk '{print $2}')
evidence error: Skipping analyzing "execnet"
evidence_all error: Library stubs not installed for
evidence error: Cannot find implementation or library stub for module named "grpc_status"
$(steps $C 1)
EOF
}

p2_pyright_npx() {
  local C=typecheck-pyright-npx-warnings
  orders_proj
  cat > pyrightconfig.json <<'EOF'
{
  "include": ["orders"],
  "typeCheckingMode": "basic",
  "reportMissingModuleSource": "warning",
  "reportUnnecessaryTypeIgnoreComment": "warning"
}
EOF
  echo 'import yaml  # type: ignore' >> orders/model.py
  cap $C 1 bash <<'EOF'
npx --yes pyright@1.1.403
EOF
  label $C pyright orbit-labs/py2-orders u24new typecheck typecheck "pyright 1.1.403 via npx (npm registry) on node $(node --version)" \
    "npx --yes pyright@1.1.403 (already in the npx cache, so npx adds no line of its own), basic mode with two rules raised to warnings; the summary counts errors, warnings and informations." <<EOF
field exit_code $(rc $C 1)
evidence_all - error:
evidence errors,
$(steps $C 1)
EOF
}

# ================================================================ dependency-install
PIPV="pip $(/usr/bin/python3 -m pip --version | awk '{print $2}')"
# pip_case CASE REPO REQUIREMENTS-TEXT : project + requirements.txt, index served
pip_proj() { serve_index; proj "$1"; printf '%s\n' "$2" > requirements.txt; }
VENV_SETUP='python -m venv .venv
source .venv/bin/activate'

p2_pip_resolution() {
  local C=dependency-install-pip-resolution-impossible-private-index
  pip_proj acme-data/py2-ingest "py2-auth==3.0.0
py2-sdk==5.2.0
py2-render>=0.9"
  cap $C 1 py PIP_INDEX_URL=$SIMPLE PIP_DISABLE_PIP_VERSION_CHECK=1 <<EOF
$VENV_SETUP
pip install -r requirements.txt
EOF
  label $C build acme-data/py2-ingest u24 dependency-install dependency-install "$PIPV (venv) + local PEP 503 index" \
    "Two pinned packages need incompatible versions of a shared dependency; pip's resolver backtracks and reports ResolutionImpossible. The index is a private mirror (PIP_INDEX_URL)." <<EOF
field exit_code $(rc $C 1)
field packages ["py2-auth", "py2-sdk"]
field conflict_on py2-http
evidence ERROR: Cannot install
evidence The conflict is caused by:
evidence ERROR: ResolutionImpossible
$(steps $C 1)
EOF
}

p2_pip_requires_python() {
  local C=dependency-install-pip-requires-python
  pip_proj acme-data/py2-report "py2-tables==2.0.0"
  cap $C 1 bash py PIP_DISABLE_PIP_VERSION_CHECK=1 <<EOF
python -m venv .venv
.venv/bin/python -m pip install --index-url $SIMPLE -r requirements.txt
EOF
  label $C "build (3.11)" acme-data/py2-report u22 dependency-install dependency-install "$PIPV (venv) + local PEP 503 index" \
    "The pinned release requires Python >=3.12 while the job runs 3.11; the mirror's plain listing carries no data-requires-python, so pip downloads the wheel and then refuses it ('requires a different Python')." <<EOF
field exit_code $(rc $C 1)
field package py2-tables
evidence ERROR: Package 'py2-tables' requires a different Python: 3.11.2 not in '>=3.12'
$(steps $C 1)
EOF
}

p2_pip_hashes() {
  local C=dependency-install-pip-require-hashes-mismatch
  serve_index
  proj acme-data/py2-signer
  local good; good=$(sha256sum "$IDX"/simple/py2-http/py2_http-2.1.0-py3-none-any.whl | cut -d' ' -f1)
  cat > requirements.txt <<EOF
# generated by pip-compile --generate-hashes
py2-http==2.1.0 \\
    --hash=sha256:$good
py2-render==0.9.0 \\
    --hash=sha256:0b1f0c5ab2a4b1c7d2d5b6e0c2a1d9c4c3a2b5e6f7a8b9c0d1e2f3a4b5c6d7e8
EOF
  cap $C 1 py PIP_INDEX_URL=$SIMPLE PIP_DISABLE_PIP_VERSION_CHECK=1 <<EOF
$VENV_SETUP
pip install --require-hashes -r requirements.txt
EOF
  label $C deps acme-data/py2-signer u24new dependency-install dependency-install "$PIPV (venv) + local PEP 503 index" \
    "Hash-pinned requirements (pip-compile --generate-hashes); the mirror serves a rebuilt wheel for one pin, so pip refuses it." <<EOF
field exit_code $(rc $C 1)
field package py2-render
evidence THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE
evidence Expected sha256
evidence Got
$(steps $C 1)
EOF
}

p2_pip_sdist_header() {
  local C=dependency-install-pip-sdist-missing-header
  pip_proj acme-data/py2-events "py2-fastjson==0.4.1"
  cap $C 1 py PIP_INDEX_URL=$SIMPLE PIP_DISABLE_PIP_VERSION_CHECK=1 <<EOF
$VENV_SETUP
pip install -r requirements.txt
EOF
  label $C build acme-data/py2-events u24 dependency-install dependency-install "$PIPV (venv) + setuptools 66.1.1 + gcc $(gcc -dumpfullversion)" \
    "No wheel for the pinned version, so pip builds the sdist (isolated build env from the same index); the C extension includes a header of a system library that is not installed." <<EOF
field exit_code $(rc $C 1)
field package py2-fastjson
evidence fatal error: yajl/yajl_parse.h: No such file or directory
evidence Failed building wheel for py2-fastjson
$(steps $C 1)
EOF
}

p2_pip_build_deps() {
  local C=dependency-install-pip-build-requirements-unsatisfiable
  pip_proj acme-data/py2-mapping "py2-geomath==1.2.0"
  cap $C 1 bash py PIP_DISABLE_PIP_VERSION_CHECK=1 <<EOF
python -m venv .venv
.venv/bin/pip install --index-url $SIMPLE -r requirements.txt
EOF
  label $C install acme-data/py2-mapping u22 dependency-install dependency-install "$PIPV (venv) + local PEP 503 index" \
    "The sdist's [build-system] requires setuptools>=70 but the private index only mirrors 66.1.1: pip's subprocess installing build dependencies fails before any build." <<EOF
field exit_code $(rc $C 1)
field package setuptools
evidence pip subprocess to install build dependencies did not run successfully.
evidence ERROR: Could not find a version that satisfies the requirement setuptools>=70
$(steps $C 1)
EOF
}

p2_tox_deps() {
  local C=dependency-install-tox-could-not-install-deps
  serve_index
  proj acme-data/py2-sync
  pkg sync; mkdir -p tests
  printf 'def test_ok():\n    assert True\n' > tests/test_ok.py
  cat > tox.ini <<'EOF'
[tox]
envlist = py311
skipsdist = true

[testenv]
deps =
    py2-auth==3.0.0
    py2-sdk==5.2.0
commands = python -m pytest -q
EOF
  cap $C 1 py PIP_INDEX_URL=$SIMPLE PIP_DISABLE_PIP_VERSION_CHECK=1 <<'EOF'
tox -e py311
EOF
  label $C "tox (3.11)" acme-data/py2-sync u24 dependency-install dependency-install "tox $(V tox) + $PIPV" \
    "tox 3 installs the env's deps with pip, pip's resolver fails; tox reports 'could not install deps [...]' and an InvocationError with the pip log file." <<EOF
field exit_code $(rc $C 1)
field packages ["py2-auth", "py2-sdk"]
field conflict_on py2-http
evidence ERROR: ResolutionImpossible
evidence could not install deps
$(steps $C 1)
EOF
}

POETRYV="Poetry $(poetry --version 2>/dev/null | grep -o '[0-9][0-9.]*')"
poetry_proj() {  # poetry_proj REPO DEPENDENCY-LINES...
  serve_index
  proj "$1"; shift
  {
    printf '[tool.poetry]\nname = "%s"\nversion = "0.1.0"\ndescription = ""\nauthors = ["Data Team <data@example.com>"]\n\n' "${REPO#*/}"
    printf '[tool.poetry.dependencies]\npython = "^3.11"\n'; printf '%s\n' "$@"
    printf '\n[[tool.poetry.source]]\nname = "mirror"\nurl = "%s"\ndefault = true\n' "$SIMPLE"
    printf '\n[build-system]\nrequires = ["poetry-core"]\nbuild-backend = "poetry.core.masonry.api"\n'
  } > pyproject.toml
}

p2_poetry_solver() {
  local C=dependency-install-poetry-version-solving-failed
  poetry_proj acme-data/py2-warehouse 'py2-render = "^0.9"' 'py2-auth = "3.0.0"' 'py2-sdk = "5.2.0"'
  cap $C 1 bash py POETRY_VIRTUALENVS_IN_PROJECT=true <<'EOF'
poetry lock --no-update
poetry install --no-interaction --no-root
EOF
  label $C install acme-data/py2-warehouse u24 dependency-install dependency-install "$POETRYV (Debian python3-poetry) + local PEP 503 source" \
    "poetry's solver (PubGrub) explains the conflict in 'Because ... depends on ... version solving failed.' prose; the source is a private mirror declared in pyproject.toml." <<EOF
field exit_code $(rc $C 1)
field packages ["py2-auth", "py2-sdk"]
field conflict_on py2-http
evidence Because py2-sdk (5.2.0) depends on py2-http (>=2)
evidence version solving failed.
$(steps $C 1)
EOF
}

p2_poetry_lock_check() {
  local C=dependency-install-poetry-lock-not-consistent
  poetry_proj acme-data/py2-exporter 'py2-render = "^0.9"'
  (env -i HOME=/home/runner PATH=/usr/bin:/bin poetry lock >/dev/null 2>&1)
  # the PR adds a dependency to pyproject.toml but does not commit a new poetry.lock
  sed -i 's/^py2-render = .*/&\npy2-tables = "^1.0"/' pyproject.toml
  cap $C 1 bash py <<'EOF'
poetry --version
poetry lock --check
EOF
  label $C "lockfile" acme-data/py2-exporter u22 dependency-install dependency-install "$POETRYV (Debian python3-poetry)" \
    "A PR changed pyproject.toml dependencies without re-locking; the lock gate (poetry lock --check, Poetry 1.3) fails. Newer Poetry says 'pyproject.toml changed significantly since poetry.lock was last generated' instead." <<EOF
field exit_code $(rc $C 1)
evidence Error: poetry.lock is not consistent with pyproject.toml.
$(steps $C 1)
EOF
}

p2_pipenv_deploy() {
  local C=dependency-install-pipenv-lock-out-of-date
  serve_index
  proj acme-data/py2-scheduler
  cat > Pipfile <<EOF
[[source]]
url = "$SIMPLE"
verify_ssl = false
name = "mirror"

[packages]
py2-render = "*"

[requires]
python_version = "3.11"
EOF
  (env -i HOME=/home/runner PATH=$PYBIN:/usr/bin:/bin PIPENV_VENV_IN_PROJECT=1 pipenv lock >/dev/null 2>&1)
  sed -i 's/^py2-render = "\*"/&\npy2-tables = "==1.0.0"/' Pipfile
  rm -rf .venv
  cap $C 1 py PIPENV_VENV_IN_PROJECT=1 <<'EOF'
pipenv install --deploy --system
EOF
  label $C deps acme-data/py2-scheduler u24new dependency-install dependency-install "pipenv $(V pipenv) (Debian)" \
    "pipenv install --deploy refuses a Pipfile.lock whose hash no longer matches the Pipfile (a dependency was added without 'pipenv lock')." <<EOF
field exit_code $(rc $C 1)
evidence is out of date
evidence Aborting deploy
$(steps $C 1)
EOF
}

# ================================================================ imports
p2_imp_conftest() {
  local C=imports-pytest-conftest-module-missing
  proj parcelworks/py2-accounts
  pkg accounts; mkdir -p tests
  printf 'class User:\n    def __init__(self, email):\n        self.email = email\n' > accounts/models.py
  cat > tests/conftest.py <<'EOF'
import pytest
import factory

from accounts.models import User


class UserFactory(factory.Factory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.com")


@pytest.fixture
def user():
    return UserFactory()
EOF
  printf 'def test_email(user):\n    assert user.email.endswith("@example.com")\n' > tests/test_models.py
  pyproj_pythonpath
  cap $C 1 py <<'EOF'
pytest
EOF
  label $C test parcelworks/py2-accounts u24 imports imports "$PYTEST" \
    "tests/conftest.py imports factory_boy's 'factory', which the job never installs: pytest aborts with 'ImportError while loading conftest' (exit 4) before collecting." <<EOF
field exit_code $(rc $C 1)
field module factory
field package factory-boy
evidence ImportError while loading conftest
evidence E   ModuleNotFoundError: No module named 'factory'
$(steps $C 1)
EOF
}

p2_imp_plugin() {
  local C=imports-pytest-plugin-from-addopts
  proj parcelworks/py2-clock
  pkg clock; mkdir -p tests
  printf 'import datetime\n\n\ndef today():\n    return datetime.date.today()\n' > clock/now.py
  printf 'from clock.now import today\n\n\ndef test_today():\n    assert today().year > 2000\n' > tests/test_now.py
  printf '[tool.pytest.ini_options]\npythonpath = ["."]\naddopts = "-p pytest_freezegun -ra"\n' > pyproject.toml
  cap $C 1 py <<'EOF'
python -m pytest
EOF
  label $C tests parcelworks/py2-clock u22 imports imports "$PYTEST" \
    "addopts loads a plugin module (-p pytest_freezegun) that is not installed: pytest fails at startup with 'Error importing plugin'." <<EOF
field exit_code $(rc $C 1)
field module pytest_freezegun
field package pytest-freezegun
evidence ModuleNotFoundError: No module named 'pytest_freezegun'
evidence ImportError: Error importing plugin "pytest_freezegun": No module named 'pytest_freezegun'
$(steps $C 1)
EOF
}

p2_imp_python_m() {
  local C=imports-python-m-no-module-named
  proj parcelworks/py2-api
  mkdir -p src/apiserver
  : > src/apiserver/__init__.py
  printf 'print("serving")\n' > src/apiserver/__main__.py
  cap $C 1 py <<'EOF'
python -m apiserver --check-config
EOF
  label $C "smoke (config check)" parcelworks/py2-api u24new imports imports "CPython $PYV" \
    "src/ layout: the package is neither installed nor on PYTHONPATH, so 'python -m apiserver' fails with the interpreter's one-line 'No module named apiserver' (no traceback, no ModuleNotFoundError)." <<EOF
field exit_code $(rc $C 1)
field module apiserver
evidence No module named apiserver
$(steps $C 1)
EOF
}

p2_imp_undefined_symbol() {
  local C=imports-c-extension-undefined-symbol
  proj parcelworks/py2-fastmath
  pkg fastmath; mkdir -p src
  cat > src/_core.c <<'EOF'
#include <Python.h>
double fm_dot(const double *a, const double *b, int n);  /* implemented in libfastblas, not linked */
static PyObject *dot(PyObject *self, PyObject *args) {
    double a[1] = {1}, b[1] = {2};
    return PyFloat_FromDouble(fm_dot(a, b, 1));
}
static PyMethodDef methods[] = {{"dot", dot, METH_VARARGS, 0}, {0}};
static struct PyModuleDef mod = {PyModuleDef_HEAD_INIT, "fastmath._core", 0, -1, methods};
PyMODINIT_FUNC PyInit__core(void) { return PyModule_Create(&mod); }
EOF
  printf 'from fastmath._core import dot\n\n__all__ = ["dot"]\n' > fastmath/__init__.py
  printf 'from setuptools import Extension, setup\nsetup(name="py2-fastmath", version="0.3.0", packages=["fastmath"], ext_modules=[Extension("fastmath._core", ["src/_core.c"])])\n' > setup.py
  cap $C 1 bash py <<'EOF'
python setup.py -q build_ext --inplace
python -c "import fastmath; print(fastmath.dot([1.0], [2.0]))"
EOF
  rm -rf build
  label $C "build + import check" parcelworks/py2-fastmath u22 imports imports "CPython $PYV + setuptools $(V setuptools) + gcc $(gcc -dumpfullversion)" \
    "The C extension builds (declared, never linked symbol) and fails only when imported: 'ImportError: …/_core.cpython-311-x86_64-linux-gnu.so: undefined symbol: fm_dot'." <<EOF
field exit_code $(rc $C 1)
field module fastmath._core
evidence undefined symbol: fm_dot
$(steps $C 1)
EOF
}

p2_imp_circular_attr() {
  local C=imports-circular-attributeerror-cannot-access-submodule
  proj parcelworks/py2-mailer
  pkg mailer
  cat > mailer/config.py <<'EOF'
import mailer.templates

SENDER = "noreply@example.com"
SUBJECT_PREFIX = mailer.templates.PREFIX
EOF
  cat > mailer/templates.py <<'EOF'
import mailer.config

PREFIX = "[acme]"
FOOTER = "sent by " + mailer.config.SENDER
EOF
  printf 'import mailer.config\n\nprint(mailer.config.SUBJECT_PREFIX)\n' > send_digest.py
  cap $C 1 py <<'EOF'
python send_digest.py
EOF
  label $C digest parcelworks/py2-mailer u24 imports imports "CPython $PYV" \
    "Circular import with plain 'import a.b' statements: the second module reads an attribute of the half-initialised first one, so Python 3.11 raises AttributeError \"cannot access submodule 'config' of module 'mailer' (most likely due to a circular import)\", not ImportError." <<EOF
field exit_code $(rc $C 1)
field module mailer.config
evidence AttributeError: cannot access submodule 'config' of module 'mailer' (most likely due to a circular import)
$(steps $C 1)
EOF
}

p2_imp_unittest_loader() {
  local C=imports-unittest-failed-to-import-test-module
  proj parcelworks/py2-hooks
  pkg hooks; mkdir -p tests; : > tests/__init__.py
  printf 'import json\n\n\ndef parse(body):\n    return json.loads(body)["event"]\n' > hooks/parse.py
  cat > tests/test_http.py <<'EOF'
import unittest

import responses

from hooks.parse import parse


class ParseTest(unittest.TestCase):
    @responses.activate
    def test_parse(self):
        self.assertEqual(parse('{"event": "push"}'), "push")
EOF
  printf 'import unittest\n\nfrom hooks.parse import parse\n\n\nclass T(unittest.TestCase):\n    def test_ok(self):\n        self.assertEqual(parse(\x27{"event": "x"}\x27), "x")\n' > tests/test_parse.py
  cap $C 1 py <<'EOF'
python -m unittest discover -s tests -t .
EOF
  label $C unittest parcelworks/py2-hooks u24new imports imports "unittest (CPython $PYV)" \
    "unittest's loader turns the import error into a synthetic failing test: 'ERROR: tests.test_http (unittest.loader._FailedTest.tests.test_http)' and 'ImportError: Failed to import test module: tests.test_http'." <<EOF
field exit_code $(rc $C 1)
field module responses
field package responses
evidence ImportError: Failed to import test module: tests.test_http
evidence ModuleNotFoundError: No module named 'responses'
$(steps $C 1)
EOF
}

p2_imp_relative() {
  local C=imports-relative-import-no-parent-package
  proj parcelworks/py2-cron
  pkg cronjobs
  printf 'def run_all():\n    print("ran 3 jobs")\n' > cronjobs/jobs.py
  printf 'from .jobs import run_all\n\nif __name__ == "__main__":\n    run_all()\n' > cronjobs/main.py
  cap $C 1 py <<'EOF'
python cronjobs/main.py
EOF
  label $C nightly parcelworks/py2-cron u22 imports imports "CPython $PYV" \
    "A package module with a relative import run as a script path (python pkg/main.py instead of python -m pkg.main)." <<EOF
field exit_code $(rc $C 1)
evidence ImportError: attempted relative import with no known parent package
$(steps $C 1)
EOF
}

p2_imp_metadata() {
  local C=imports-package-metadata-not-found
  proj parcelworks/py2-billing
  mkdir -p src/billing tests
  printf 'from importlib.metadata import version\n\n__version__ = version("py2-billing")\n' > src/billing/__init__.py
  printf 'def total(xs):\n    return sum(xs)\n' > src/billing/calc.py
  printf 'from billing.calc import total\n\n\ndef test_total():\n    assert total([1, 2]) == 3\n' > tests/test_calc.py
  printf '[project]\nname = "py2-billing"\nversion = "1.4.0"\n\n[tool.pytest.ini_options]\npythonpath = ["src"]\n' > pyproject.toml
  cap $C 1 py <<'EOF'
python -m pytest -q
EOF
  label $C test parcelworks/py2-billing u24 imports imports "$PYTEST" \
    "src layout on pythonpath but the distribution is not installed (no 'pip install -e .'), so importlib.metadata.version() in __init__ raises PackageNotFoundError during collection." <<EOF
field exit_code $(rc $C 1)
field package py2-billing
evidence importlib.metadata.PackageNotFoundError: No package metadata was found for py2-billing
$(steps $C 1)
EOF
}

# ================================================================ green logs and near-misses
p2_none_xfail() {
  local C=none-pytest-xfail-xpass-warnings-error-names
  proj lumen-ops/py2-errors
  pkg errs; mkdir -p tests
  cat > errs/handler.py <<'EOF'
import warnings


class UpstreamError(Exception):
    pass


def to_status(exc):
    if isinstance(exc, UpstreamError):
        return 502
    if isinstance(exc, TimeoutError):
        return 504
    return 500


def legacy_to_status(exc):
    warnings.warn("legacy_to_status() is deprecated; use to_status()", DeprecationWarning, stacklevel=2)
    return to_status(exc)
EOF
  cat > tests/test_errors.py <<'EOF'
import pytest

from errs.handler import UpstreamError, legacy_to_status, to_status


def test_error_handler_maps_upstream_error_to_502():
    assert to_status(UpstreamError("boom")) == 502


def test_timeout_error_is_504():
    assert to_status(TimeoutError()) == 504


def test_legacy_error_path_still_works():
    assert legacy_to_status(ValueError("failed")) == 500


@pytest.mark.xfail(reason="ConnectionError mapping not implemented yet (#412)")
def test_connection_error_is_503():
    assert to_status(ConnectionError()) == 503


@pytest.mark.xfail(reason="flaky on CI runners")
def test_failed_retries_raise_error():
    assert to_status(RuntimeError("failed after 3 retries")) == 500


@pytest.mark.skip(reason="needs the staging error tracker")
def test_errors_reported_to_tracker():
    raise AssertionError("not run")
EOF
  pyproj_pythonpath
  cap $C 1 py <<'EOF'
pytest -v -rxXs
EOF
  label $C tests lumen-ops/py2-errors u24 none none "$PYTEST" \
    "Green run whose output is full of failure words: test names with error/failed, an XFAIL, an XPASS (non-strict), a SKIPPED with a reason, a DeprecationWarning in the warnings summary." <<EOF
$(steps $C 1)
EOF
}

p2_none_cov_reached() {
  local C=none-pytest-cov-threshold-reached
  cov_proj tidepool/py2-tariffs 400 371
  cap $C 1 py <<'EOF'
pytest -q --cov=tariffs --cov-report=term-missing:skip-covered --cov-fail-under=90
EOF
  label $C "tests + coverage" tidepool/py2-tariffs u22 none none "pytest-cov $(V pytest-cov) + $PYTEST" \
    "Coverage gate met: 'Required test coverage of 90% reached. Total coverage: 92.75%' (term-missing lists uncovered lines; nothing failed)." <<EOF
$(steps $C 1)
EOF
}

# ================================================================ publishing (twine)
# A local stand-in for PyPI's legacy upload endpoint (pypi_upload_stub.py): real twine, PyPI's
# refusal texts.
UPLOAD_PORT=18402
UPLOAD_PID=
serve_upload() {
  [ -n "$UPLOAD_PID" ] && return
  /usr/bin/python3 "$HERE/pypi_upload_stub.py" "$UPLOAD_PORT" > "$W/upload.log" 2>&1 &
  UPLOAD_PID=$!; wait_port "$UPLOAD_PORT"
}
stop_upload() { stop_pid "$UPLOAD_PID"; UPLOAD_PID=; }
# twine_upload CASE PASSWORD : the release step of relay-labs/py2-notify 1.4.0 (build, then upload
# to the stub with an API token whose value picks the stub's answer), captured as step 1 of CASE
twine_upload() {
  serve_upload
  proj relay-labs/py2-notify; pkg py2_notify
  printf 'from setuptools import setup\nsetup(name="py2-notify", version="1.4.0", packages=["py2_notify"])\n' > setup.py
  cap "$1" 1 bash py TWINE_USERNAME=__token__ "SECRET:TWINE_PASSWORD=$2" <<EOF
python setup.py -q sdist bdist_wheel
twine upload --non-interactive --repository-url http://127.0.0.1:$UPLOAD_PORT/legacy/ dist/*
EOF
}

p2_pypi_upload_auth() {
  local C=registry-auth-twine-upload-403-invalid-token
  twine_upload $C pypi-expired
  label $C publish relay-labs/py2-notify u24 registry-auth registry-auth "twine $(V twine) + local stand-in for PyPI's upload endpoint" \
    "The release job's API token is no longer valid: the index answers the upload with 403 and PyPI's 'Invalid or non-existent authentication information' reason." <<EOF
field exit_code $(rc $C 1)
field http_status 403
field url http://127.0.0.1:$UPLOAD_PORT/legacy/
evidence HTTPError: 403 Forbidden from
evidence Invalid or non-existent authentication information.
$(steps $C 1)
EOF
  stop_upload
}

p2_pypi_upload_exists() {
  local C=other-twine-upload-400-file-already-exists
  twine_upload $C pypi-ok
  label $C publish relay-labs/py2-notify u24 other other "twine $(V twine) + local stand-in for PyPI's upload endpoint" \
    "A push to main publishes again without a version bump: the index refuses the wheel with 400 File already exists." <<EOF
field exit_code $(rc $C 1)
field http_status 400
evidence HTTPError: 400 Bad Request from
evidence File already exists (
$(steps $C 1)
EOF
  stop_upload
}

p2_none_pip_noise() {
  local C=none-pip-warnings-not-installed-noise
  pip_proj acme-data/py2-ingest "py2-render>=0.9
py2-http>=2"
  cap $C 1 bash py PIP_INDEX_URL=$SIMPLE <<EOF
$VENV_SETUP
pip uninstall -y py2-legacy-client
pip install -r requirements.txt
pip check
EOF
  label $C build acme-data/py2-ingest u24new none none "$PIPV (venv) + local PEP 503 index" \
    "Green install step with pip's 'WARNING: Skipping ... as it is not installed.' (uninstall of a dependency dropped earlier), the install, then 'No broken requirements found.' from pip check" <<EOF
$(steps $C 1)
EOF
}

p2_none_types_clean() {
  local C=none-mypy-success-pyright-warnings-only
  proj orbit-labs/py2-units
  pkg units
  cat > units/convert.py <<'EOF'
from typing import Optional

FACTORS: dict[str, float] = {"km": 1000.0, "m": 1.0}


def factor(unit: str) -> Optional[float]:
    return FACTORS.get(unit)


def to_m(value: float, unit: str) -> float:
    f = factor(unit)
    if f is None:
        raise ValueError(f"unknown unit {unit}")
    return value * f
EOF
  printf 'import os  # unused: pyright reports it as a warning only\n' > units/env.py
  printf '{\n  "include": ["units"],\n  "reportUnusedImport": "warning"\n}\n' > pyrightconfig.json
  cap $C 1 bash py <<'EOF'
mypy --strict units
npx --yes pyright@1.1.403
EOF
  label $C typecheck orbit-labs/py2-units u24 none none "$MYPY; pyright 1.1.403 via npx" \
    "Both type checkers pass: mypy 'Success: no issues found', pyright '0 errors, 1 warning, 0 informations' (a warning does not fail pyright)." <<EOF
$(steps $C 1)
EOF
}

p2_none_flaky_rerun() {
  local C=none-pytest-rerunfailures-flaky-passed-on-rerun
  proj lumen-ops/py2-poller
  pkg poller; mkdir -p tests
  printf 'import os\n\n\ndef attempt(marker):\n    if not os.path.exists(marker):\n        open(marker, "w").close()\n        raise ConnectionError("connection reset by peer")\n    return "ok"\n' > poller/net.py
  cat > tests/test_net.py <<'EOF'
from poller.net import attempt


def test_first_call_is_flaky(tmp_path_factory):
    marker = tmp_path_factory.getbasetemp() / "seen"
    assert attempt(str(marker)) == "ok"


def test_stable():
    assert True
EOF
  pyproj_pythonpath
  cap $C 1 py <<'EOF'
pytest --reruns 3 -rR
EOF
  label $C tests lumen-ops/py2-poller u22 none none "$PYTEST + pytest-rerunfailures $(V pytest-rerunfailures)" \
    "A flaky test fails once with ConnectionError and passes on its rerun: 'R' in the progress line, the rerun summary lists the error, the job passes ('2 passed, 1 rerun')." <<EOF
$(steps $C 1)
EOF
}

p2_none_tox_nox() {
  local C=none-tox-and-nox-sessions-pass
  proj hollow-oak/py2-retry
  pkg retry; mkdir -p tests
  printf 'def delays(base, factor, n):\n    return [base * factor ** i for i in range(n)]\n' > retry/backoff.py
  printf 'from retry.backoff import delays\n\n\ndef test_exponential():\n    assert delays(1, 2, 4) == [1, 2, 4, 8]\n' > tests/test_backoff.py
  printf '[tox]\nenvlist = py311\nskipsdist = true\n\n[testenv]\nsitepackages = true\nsetenv =\n    PYTHONPATH = {toxinidir}\ncommands =\n    python -m pytest -q -W error::DeprecationWarning tests\n' > tox.ini
  printf 'import nox\n\n\n@nox.session(python=False)\ndef errors(session):\n    """Check that the error paths compile (session named errors on purpose)."""\n    session.run("python", "-m", "compileall", "-q", "retry")\n' > noxfile.py
  cap $C 1 py <<'EOF'
tox -q
nox --non-interactive
EOF
  label $C "tox + nox" hollow-oak/py2-retry u24new none none "tox $(V tox); nox $(V nox)" \
    "tox 3 ('congratulations :)') and a nox session named 'errors' that succeeds ('Session errors was successful.')." <<EOF
$(steps $C 1)
EOF
}

# unittest_money CASE EXPECTED : @expectedFailure test asserting round(0.125, 2) == EXPECTED
unittest_money() {
  proj hollow-oak/py2-money
  pkg money; mkdir -p tests; : > tests/__init__.py
  printf 'def convert(amount, rate):\n    return round(amount * rate, 2)\n' > money/fx.py
  cat > tests/test_fx.py <<EOF
import unittest

from money.fx import convert


class ConvertTest(unittest.TestCase):
    def test_basic(self):
        self.assertEqual(convert(10, 1.5), 15.0)

    @unittest.expectedFailure
    def test_banker_rounding_error(self):
        self.assertEqual(convert(0.125, 1), $2)

    @unittest.skip("FAILED upstream rate feed, see #77")
    def test_live_rates(self):
        raise RuntimeError("network")
EOF
  cap "$1" 1 py <<'EOF'
python -m unittest -v
EOF
}

p2_none_unittest_expected() {
  local C=none-unittest-expected-failure-and-skips
  unittest_money $C 0.13
  label $C test hollow-oak/py2-money u24 none none "unittest (CPython $PYV)" \
    "Green unittest run: 'expected failure', a skip reason containing FAILED, final 'OK (skipped=1, expected failures=1)'." <<EOF
$(steps $C 1)
EOF
}

p2_tests_unittest_unexpected_success() {
  local C=tests-unittest-unexpected-success
  unittest_money $C 0.12
  label $C test hollow-oak/py2-money u22 tests tests "unittest (CPython $PYV)" \
    "No assertion fails, yet the run fails: an @expectedFailure test now passes ('unexpected success'), so unittest ends with 'FAILED (skipped=1, unexpected successes=1)'." <<EOF
field exit_code $(rc $C 1)
field test_ids ["tests.test_fx.ConvertTest.test_banker_rounding_error"]
evidence UNEXPECTED SUCCESS: test_banker_rounding_error
evidence FAILED (skipped=1, unexpected successes=1)
$(steps $C 1)
EOF
}

# ================================================================ held-out batch
# Captured AFTER rules/py2.json was written (generalisation check): new phrasings of the same tools.
HO="Held-out (captured after rules/py2.json was written)."

p2_ho_poetry_install_stale() {
  local C=dependency-install-poetry-install-stale-lock-no-versions
  poetry_proj acme-data/py2-ledger-sync 'py2-render = "^0.9"'
  (env -i HOME=/home/runner PATH=/usr/bin:/bin poetry lock >/dev/null 2>&1)
  sed -i 's/^py2-render = .*/&\npy2-http = "^3.0"/' pyproject.toml
  cap $C 1 bash py POETRY_VIRTUALENVS_IN_PROJECT=true <<'EOF'
poetry install --no-interaction --no-root
EOF
  label $C install acme-data/py2-ledger-sync u24 dependency-install dependency-install "$POETRYV (Debian python3-poetry) + local PEP 503 source" \
    "$HO poetry install with a stale lock: Poetry 1.3 only warns that poetry.lock is not consistent, re-resolves, and fails because the new constraint matches no version on the source." <<EOF
field exit_code $(rc $C 1)
field package py2-http
evidence which doesn't match any versions, version solving failed.
$(steps $C 1)
EOF
}

p2_ho_python_m_spec() {
  local C=imports-python-m-error-finding-module-spec
  proj parcelworks/py2-api-main
  mkdir -p src/apiserver; : > src/apiserver/__init__.py; printf 'print("up")\n' > src/apiserver/main.py
  cap $C 1 py <<'EOF'
python -m apiserver.main --dry-run
EOF
  label $C smoke parcelworks/py2-api-main u22 imports imports "CPython $PYV" \
    "$HO python -m on a dotted module whose package is not importable: 'Error while finding module specification for ... (ModuleNotFoundError: ...)'." <<EOF
field exit_code $(rc $C 1)
field module apiserver
evidence Error while finding module specification for 'apiserver.main'
$(steps $C 1)
EOF
}

p2_ho_circular_toplevel() {
  local C=imports-circular-partially-initialized-attribute
  proj parcelworks/py2-cli-tools
  printf 'import helpers\n\nNAME = "tool"\nBANNER = helpers.banner()\n' > settings.py
  printf 'import settings\n\nPREFIX = settings.NAME.upper()\n\n\ndef banner():\n    return PREFIX + "!"\n' > helpers.py
  printf 'import settings\n\nprint(settings.BANNER)\n' > cli.py
  cap $C 1 py <<'EOF'
python cli.py
EOF
  label $C cli parcelworks/py2-cli-tools u24new imports imports "CPython $PYV" \
    "$HO Top-level modules importing each other: \"AttributeError: partially initialized module 'settings' has no attribute 'NAME' (most likely due to a circular import)\"." <<EOF
field exit_code $(rc $C 1)
field module settings
evidence AttributeError: partially initialized module 'settings' has no attribute 'NAME'
$(steps $C 1)
EOF
}

p2_ho_cov_no_report_data() {
  local C=coverage-report-no-data-to-report
  cov_proj tidepool/py2-tariffs 50 40
  cap $C 1 bash py <<'EOF'
python -m pytest -q
python -m coverage report --fail-under=80
EOF
  label $C coverage tidepool/py2-tariffs u22 coverage coverage "coverage $(V coverage) + $PYTEST" \
    "$HO The tests ran under plain pytest (no coverage run / --cov), so the gate has nothing to read: 'No data to report.'" <<EOF
field exit_code $(rc $C 1)
evidence No data to report.
$(steps $C 1)
EOF
}

p2_ho_iso_unittest_relative() {
  local C=test-isolation-unittest-relative-data-path
  proj hollow-oak/py2-geo-import
  pkg geoimp; mkdir -p tests/data; : > tests/__init__.py
  printf 'import csv\n\n\ndef read_points(path):\n    with open(path, newline="") as fh:\n        return [(float(r["lat"]), float(r["lon"])) for r in csv.DictReader(fh)]\n' > geoimp/reader.py
  printf 'lat,lon\n52.5,13.4\n' > tests/data/points.csv
  cat > tests/test_reader.py <<'EOF'
import unittest

from geoimp.reader import read_points


class ReaderTest(unittest.TestCase):
    def test_points(self):
        self.assertEqual(read_points("data/points.csv"), [(52.5, 13.4)])
EOF
  cap $C 1 py <<'EOF'
python -m unittest discover -s tests -t . -v
EOF
  label $C unittest hollow-oak/py2-geo-import u24 test-isolation "test-isolation tests" "unittest (CPython $PYV)" \
    "$HO unittest: a test reads 'data/points.csv' relative to the working directory (works from tests/ on a laptop, not from the repository root in CI)." <<EOF
field exit_code $(rc $C 1)
field test_ids ["tests.test_reader.ReaderTest.test_points"]
evidence FileNotFoundError: [Errno 2] No such file or directory: 'data/points.csv'
$(steps $C 1)
EOF
}

p2_ho_pkg_resources() {
  local C=imports-pkg-resources-distribution-not-found
  proj parcelworks/py2-plugins
  printf 'import pkg_resources\n\npkg_resources.require("py2-plugin-sdk>=2.0")\nprint("plugins ok")\n' > check_plugins.py
  cap $C 1 py <<'EOF'
python check_plugins.py
EOF
  label $C plugins parcelworks/py2-plugins u24 imports imports "CPython $PYV + setuptools $(V setuptools) (pkg_resources)" \
    "$HO pkg_resources.require() of a distribution that is not installed: DistributionNotFound." <<EOF
field exit_code $(rc $C 1)
field package py2-plugin-sdk
evidence DistributionNotFound: The 'py2-plugin-sdk>=2.0' distribution was not found
$(steps $C 1)
EOF
}

p2_ho_pip_find_links_python() {
  local C=dependency-install-pip-find-links-requires-python
  serve_index
  proj acme-data/py2-offline
  mkdir -p wheels; cp "$IDX"/simple/py2-tables/*.whl wheels/
  printf 'py2-tables==2.0.0\n' > requirements.txt
  cap $C 1 bash py <<'EOF'
python -m venv .venv
.venv/bin/pip install --no-index --find-links wheels/ -r requirements.txt
EOF
  label $C "install (offline wheelhouse)" acme-data/py2-offline u24new dependency-install dependency-install "$PIPV (venv), --no-index --find-links" \
    "$HO Offline wheelhouse (--no-index --find-links): the only wheel of the pinned version needs Python >=3.12." <<EOF
field exit_code $(rc $C 1)
field package py2-tables
evidence py2-tables
$(steps $C 1)
EOF
}

p2_ho_iso_fixed_tmp_no_xdist() {
  local C=test-isolation-fixed-tmp-dir-left-behind
  proj brightline/py2-exporter
  pkg exporter; mkdir -p tests
  printf 'import os\n\n\ndef export(rows, out_dir):\n    os.mkdir(out_dir)\n    with open(os.path.join(out_dir, "rows.csv"), "w") as fh:\n        fh.writelines(",".join(map(str, r)) + "\\n" for r in rows)\n    return sorted(os.listdir(out_dir))\n' > exporter/csvout.py
  cat > tests/test_csvout.py <<'EOF'
from exporter.csvout import export

OUT = "/tmp/py2-exporter-out"


def test_export_creates_file():
    assert export([(1, 2)], OUT) == ["rows.csv"]


def test_export_empty():
    assert export([], OUT) == ["rows.csv"]
EOF
  pyproj_pythonpath
  rm -rf /tmp/py2-exporter-out
  cap $C 1 py <<'EOF'
pytest -q -rE
EOF
  rm -rf /tmp/py2-exporter-out
  label $C tests brightline/py2-exporter u22 test-isolation "test-isolation tests" "$PYTEST" \
    "$HO Two tests export into the same fixed /tmp directory; the second finds the first one's directory (FileExistsError). No xdist involved; -rE prints no FAILED summary line." <<EOF
field exit_code $(rc $C 1)
field failed_count 1
evidence FileExistsError: [Errno 17] File exists: '/tmp/py2-exporter-out'
$(steps $C 1)
EOF
}

p2_ho_tox_unittest() {
  local C=tests-tox-unittest-commands-failed
  proj hollow-oak/py2-semver
  pkg semver; mkdir -p tests; : > tests/__init__.py
  printf 'def bump(v, part):\n    major, minor, patch = map(int, v.split("."))\n    if part == "minor":\n        return f"{major}.{minor + 1}.{patch}"\n    return f"{major}.{minor}.{patch + 1}"\n' > semver/bump.py
  printf 'import unittest\n\nfrom semver.bump import bump\n\n\nclass BumpTest(unittest.TestCase):\n    def test_patch(self):\n        self.assertEqual(bump("1.2.3", "patch"), "1.2.4")\n\n    def test_minor_resets_patch(self):\n        self.assertEqual(bump("1.2.3", "minor"), "1.3.0")\n' > tests/test_bump.py
  printf '[tox]\nenvlist = py311\nskipsdist = true\n\n[testenv]\nsitepackages = true\ncommands = python -m unittest discover -v\n' > tox.ini
  cap $C 1 py <<'EOF'
tox -q
EOF
  label $C tox hollow-oak/py2-semver u24 tests tests "tox $(V tox) + unittest (CPython $PYV)" \
    "$HO tox -q running unittest discovery; one failure, tox summary 'ERROR:   py311: commands failed'." <<EOF
field exit_code $(rc $C 1)
field failed_count 1
field test_ids ["tests.test_bump.BumpTest.test_minor_resets_patch"]
evidence FAIL: test_minor_resets_patch
evidence FAILED (failures=1)
$(steps $C 1)
EOF
}

p2_ho_diff_cover_float() {
  local C=coverage-diff-cover-fractional-threshold
  diff_cover_proj
  cap $C 1 bash py <<'EOF'
python -m pytest -q --cov=slots --cov-report=xml:reports/coverage.xml
diff-cover reports/coverage.xml --compare-branch=origin/main --fail-under=62.5 --html-report reports/diff.html
EOF
  rm -rf .git
  label $C "diff coverage" tidepool/py2-slots u24 coverage coverage "diff-cover $(V diff-cover) + pytest-cov $(V pytest-cov)" \
    "$HO diff-cover with a fractional --fail-under (62.5) and an HTML report." <<EOF
field exit_code $(rc $C 1)
field coverage_percent 27
field threshold 62.5
evidence Failure. Coverage is below
$(steps $C 1)
EOF
}

p2_behave_scenario_failed() {
  local C=tests-behave-failing-scenario
  proj tidepool/py2-cart
  mkdir -p features/steps
  cart_feature
  cat > features/steps/cart_steps.py <<'EOF'
from behave import given, then, when


@given("an empty cart")
def step_empty(context):
    context.items = []


@when("I add a pen for {price:f}")
def step_add(context, price):
    context.items.append(price)


@when("I apply the code {code}")
def step_code(context, code):
    context.items = [p * 0.9 for p in context.items]


@then("the total is {total:f}")
def step_total(context, total):
    assert round(sum(context.items), 2) == total, f"total was {sum(context.items):.2f}"
EOF
  cap $C 1 py <<'EOF'
python -m behave --no-color
EOF
  label $C "acceptance" tidepool/py2-cart u24 tests tests "behave $(V behave)" \
    "behave (BDD): one scenario of two fails (a discount the step expects at 5 %, the code applies 10 %); behave prints the failed step's assertion, the failing scenarios and its summary." <<EOF
field exit_code $(rc $C 1)
field failed_count 1
field test_ids ["Applying a discount"]
evidence Assertion Failed: total was 9.00
evidence Failing scenarios:
$(steps $C 1)
EOF
}

# ---------------------------------------------------------------- main
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  run_cases p2_ "$@"
  stop_index
fi
