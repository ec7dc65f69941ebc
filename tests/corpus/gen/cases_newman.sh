#!/bin/bash
# newman (Postman's CLI runner) smoke-test cases from REAL tool runs: newman 6.2 from the npm
# registry against the small real HTTP service ctr_stub_app.py on 127.0.0.1.
#
#   bash tests/corpus/gen/cases_newman.sh                 # all cases here
#   bash tests/corpus/gen/cases_newman.sh nm_smoke_failed # only some
#
# Reuses make_cases.sh (sourced: proj, cap, spec, wrap_gha.py) with its own scratch space
# (/tmp/ci-corpus-newman) and repositories named nm-* under /home/runner/work.  Needs: nodejs
# with npm and the npm registry (newman is installed by the step, as a job does), python3.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=make_cases.sh
source "$HERE/make_cases.sh"
W=/tmp/ci-corpus-newman
G=ctr
mkdir -p "$W"
NOTE_NM="Tool output really captured on Debian 12 in a throwaway project at /home/runner/work/REPO/REPO against a small real HTTP service on 127.0.0.1 (tests/corpus/gen/ctr_stub_app.py), step script run as the runner does (bash -e /home/runner/work/_temp/UUID.sh, stdout+stderr together). Synthetic: timestamps, runner preamble, checkout group, step headers, ##[error]/post-job lines. Generator: tests/corpus/gen/cases_newman.sh + wrap_gha.py."
APP=18392   # ctr_stub_app.py for these cases
NEWMAN=6.2.2
hdr() { spec_head "$NOTE_NM" "$@"; }

app_up() {
  /usr/bin/python3 "$HERE/ctr_stub_app.py" $APP > "$W/app.log" 2>&1 &
  echo $! > "$W/app.pid"
  wait_port $APP
}
app_down() { kill "$(cat "$W/app.pid")" 2>/dev/null; rm -f "$W/app.pid"; }

# a request with one status test: NAME PATH STATUS [extra test line]
item() {
  local extra=""
  [ -n "${4:-}" ] && extra=", \"$4\""
  printf '    {"name": "%s", "request": {"method": "GET", "url": "{{baseUrl}}%s"},\n' "$1" "$2"
  printf '     "event": [{"listen": "test", "script": {"exec": ["pm.test(\\"Status code is %s\\", function () { pm.response.to.have.status(%s); });"%s]}}]}' "$3" "$3" "$extra"
}
# collection NAME ITEM... : tests/NAME.postman_collection.json
collection() {
  local name=$1 first=1 it
  shift
  mkdir -p tests
  {
    printf '{\n  "info": {"name": "%s", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},\n  "item": [\n' "$name"
    for it in "$@"; do
      [ $first = 1 ] || printf ',\n'
      first=0
      printf '%s' "$it"
    done
    printf '\n  ]\n}\n'
  } > "tests/$name.postman_collection.json"
}

# run_smoke CASE: the job's smoke step (install newman, run the collection) against the stub app
run_smoke() {
  app_up
  cap "$1" 1 <<S
npm install --no-audit --no-fund --no-save newman@$NEWMAN
npx newman run tests/orders-smoke.postman_collection.json --env-var baseUrl=http://127.0.0.1:$APP
S
  app_down
}

nm_smoke_failed() {
  local C=smoke-tests-newman-assertions-failed
  proj harbor-lane/nm-orders
  collection orders-smoke \
    "$(item Health /healthz 200)" \
    "$(item 'List orders' /api/v1/orders 200)" \
    "$(item Catalog /api/v2/catalog 200 'const body = pm.response.json();')"
  run_smoke $C
  spec $C $G <<E
$(hdr $C smoke u24 smoke-tests smoke-tests "newman $NEWMAN" "The post-deploy smoke collection: the health check passes, the orders API answers 401 without a token and the catalog 502 from its proxy (an HTML page the test cannot parse as JSON); newman lists three failures and exits 1.")
field exit_code $(rc $C 1)
field failed_count 2
field http_status 401
evidence expected response to have status code 200 but got 401
evidence AssertionError
step Smoke test the deployment
  from $W/$C/1
E
}

nm_smoke_passed() {
  local C=none-newman-smoke-passed-expected-404
  proj harbor-lane/nm-orders
  collection orders-smoke \
    "$(item Health /healthz 200)" \
    "$(item 'Version' /api/v1/version 200)" \
    "$(item 'Unknown order is 404' /api/v1/orders/999999/items 404)"
  run_smoke $C
  spec $C $G <<E
$(hdr $C smoke u24 none none "newman $NEWMAN" "A passing smoke collection whose last request checks that an unknown order answers 404 (the request line shows '404 Not Found', the test passes); newman's table has no failures.")
step Smoke test the deployment
  from $W/$C/1
E
}

# ---------------------------------------------------------------- main
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  run_cases nm_ "$@"
fi
