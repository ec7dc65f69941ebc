#!/bin/bash
# Captures the failing job logs of the patch fixtures by running the REAL
# tools (pip, pytest, mypy from Debian 12) in a copy of each fixture repository,
# then wraps the output like a GitHub Actions job log with
# tests/corpus/gen/wrap_gha.py (timestamps, runner preamble, step groups are
# synthetic; everything a step prints is captured).
#
#   bash tests/patches/gen/make_logs.sh            # every Python case
#   bash tests/patches/gen/make_logs.sh req-sorted # some
#
# The docker/registry cases reuse real logs from the shared corpus (their
# job.log says where it came from); they are not regenerated here.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
CASES=$(dirname "$HERE")
WRAP="/usr/bin/python3 $CASES/../corpus/gen/wrap_gha.py"
W=/tmp/ci-patches-logs
VENV=/tmp/ci-patches-venv   # "setup-python": Debian's python3 with its packages, and a pip that may install
BASEPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
mkdir -p "$W" /home/runner/work/_temp
[ -x "$VENV/bin/python" ] || /usr/bin/python3 -m venv --system-site-packages "$VENV"

# cap CASE IDX <<script : run a step script like the runner (bash -e), in $P
cap() {
  local c=$1 i=$2
  mkdir -p "$W/$c"
  echo "/usr/bin/bash -e {0}" > "$W/$c/shell$i"; : > "$W/$c/env$i"
  local tmp=/home/runner/work/_temp/$(cat /proc/sys/kernel/random/uuid).sh
  cat > "$W/$c/step$i.sh"; cp "$W/$c/step$i.sh" "$tmp"
  # PIP_NO_INDEX: offline; pip still resolves what is installed ("Requirement already satisfied").
  env -i HOME=/home/runner PATH="$VENV/bin:$BASEPATH" LANG=C.UTF-8 CI=true GITHUB_ACTIONS=true \
    PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1 GITHUB_WORKSPACE="$P" \
    bash -e "$tmp" > "$W/$c/out$i.txt" 2>&1 < /dev/null
  echo $? > "$W/$c/rc$i"
  rm -f "$tmp"
  echo "   [$c step $i] exit $(cat "$W/$c/rc$i")"
}
# ws CASE REPO : a fresh copy of the fixture at /home/runner/work/REPO/REPO
ws() { P=/home/runner/work/$2/$2; rm -rf "$P"; mkdir -p "$P"; cp -a "$CASES/$1/repo/." "$P/"; cd "$P" || exit 1; }
# wrap CASE REPO PRIMARY EVIDENCE STEPNAMES... : job.log from the captured steps
wrap() {
  local c=$1 repo=$2 primary=$3 evidence=$4; shift 4
  {
    echo "name $c"; echo "job build"; echo "repo acme/$repo"; echo "runner u22"
    echo "start 2025-06-02T09:14:07"; echo "setup python 3.11.2"
    echo "primary $primary"; echo "categories $primary"; echo "tool $TOOL"
    echo "notes Real tool output captured by tests/patches/gen/make_logs.sh."
    echo "evidence $evidence"
    local i=1
    for s in "$@"; do echo "step $s"; echo "  from $W/$c/$i"; i=$((i + 1)); done
  } > "$W/$c/spec"
  mkdir -p "$W/out"
  $WRAP "$W/$c/spec" "$W/out" > /dev/null && cp "$W/out/$c.log" "$CASES/$c/job.log"
}
TOOL="pytest $(/usr/bin/python3 -c 'import pytest;print(pytest.__version__)'), pip $(/usr/bin/python3 -m pip --version | cut -d' ' -f2)"

# pytest fails to import dateutil; INSTALL is what the job installs first ("" = nothing)
py_import_case() {
  local c=$1 install=$2
  ws "$c" ledger
  if [ -n "$install" ]; then
    cap "$c" 1 <<<"$install"
    cap "$c" 2 <<<"python -m pytest -q"
    wrap "$c" ledger imports "ModuleNotFoundError" - -
  else
    cap "$c" 1 <<<"python -m pytest -q"
    wrap "$c" ledger imports "ModuleNotFoundError" -
  fi
}
c_req_sorted() { py_import_case req-sorted "pip install -r requirements.txt"; }
c_req_crlf_pinned() { py_import_case req-crlf-pinned "pip install -r requirements.txt"; }
c_req_include() { py_import_case req-include "pip install -r requirements-dev.txt"; }
c_req_dir() { py_import_case req-dir "pip install -r requirements/test.txt"; }
c_pep621() { py_import_case pep621 ""; }
c_poetry() { py_import_case poetry ""; }
c_setupcfg() { py_import_case setupcfg ""; }
c_ambiguous() { py_import_case ambiguous ""; }
c_pyproject_invalid() {  # pytest itself would stop at the broken pyproject.toml: import the module directly
  ws pyproject-invalid ledger
  cap pyproject-invalid 1 <<<"python -c 'import ledger.dates'"
  wrap pyproject-invalid ledger imports "ModuleNotFoundError" -
}
c_own_src_layout() {
  ws own-src-layout widgets
  cap own-src-layout 1 <<<"python -m pytest"
  wrap own-src-layout widgets imports "ModuleNotFoundError" -
}

mypy_case() {
  local c=$1 repo=$2 cmd=$3
  TOOL="mypy $(/usr/bin/python3 -m mypy --version | cut -d' ' -f2)"
  ws "$c" "$repo"
  cap "$c" 1 <<<"$cmd"
  wrap "$c" "$repo" typecheck "error:" -
}
c_mypy_ini_override() { mypy_case mypy-ini-override deploy "python -m mypy deploy"; }
c_mypy_pyproject_override() { mypy_case mypy-pyproject-override deploy "python -m mypy deploy"; }
c_mypy_setupcfg_override() { mypy_case mypy-setupcfg-override deploy "python -m mypy deploy"; }
c_mypy_stubs_devreq() { mypy_case mypy-stubs-devreq webapp "python -m mypy app"; }

ALL="req_sorted req_crlf_pinned req_include req_dir pep621 poetry setupcfg ambiguous pyproject_invalid own_src_layout
     mypy_ini_override mypy_pyproject_override mypy_setupcfg_override mypy_stubs_devreq"
for c in ${*:-$ALL}; do "c_${c//-/_}"; done
