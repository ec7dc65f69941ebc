#!/usr/bin/env bash
# SARIF for GitHub code scanning: `ci-triage analyze --format sarif` on every golden log (and on
# patch fixtures with a workflow, where step-level findings are located on the workflow step)
# must pass Microsoft's SARIF Multitool with GitHub's ingestion rules (`--rule-kind Gh;Sarif`)
# with zero errors, and the fingerprints must not depend on where in the log a failure is.
# usage: tests/sarif/run.sh BINARY      (installs the Multitool with scripts/install-gh-test-tools.sh)
set -euo pipefail
BIN=$(realpath "${1:?usage: run.sh BINARY}")
cd "$(dirname "$0")/../.."
MT=$(bash scripts/install-gh-test-tools.sh sarif)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0
check() {  # check NAME ARGS...: analyze → SARIF (validated together below)
  local name=$1; shift
  "$BIN" analyze --format sarif "$@" > "$T/$name.sarif"
  n=$((n + 1))
}
for log in tests/golden/err/*.log tests/golden/ok/*.log; do check "$(basename "$log" .log)" "$log"; done
for fx in registry-host-mismatch docker-cache-buildx timeout-tests-no-patch; do
  check "fx-$fx" --repo-root "tests/patches/$fx/repo" "tests/patches/$fx/job.log"
done
# One Multitool run for all of them (it takes seconds to start).
if ! "$MT" validate --rule-kind "Gh;Sarif" "$T"/*.sarif -o "$T/validation.out" > "$T/validation.txt" 2>&1; then
  cat "$T/validation.txt"; echo "sarif: the Multitool failed" >&2; exit 1
fi
if grep -E ': error [A-Z]' "$T/validation.txt"; then echo "sarif: errors (above)" >&2; exit 1; fi
grep -q "$n files scanned" "$T/validation.txt" || { cat "$T/validation.txt"; echo "sarif: not every file was validated" >&2; exit 1; }
/usr/bin/python3 - "$T" <<'PY'
import json, os, sys
t = sys.argv[1]
def results(name):
    return json.load(open(os.path.join(t, name + ".sarif")))["runs"][0]["results"]
# A finding whose step is in the workflow is located on that step's line.
r = results("fx-registry-host-mismatch")[0]
loc = r["locations"][0]["physicalLocation"]
assert loc["artifactLocation"]["uri"] == ".github/workflows/release.yml", loc
assert loc["region"]["startLine"] > 1, loc
# Every result has a fingerprint; the same log gives the same ones.
for f in os.listdir(t):
    if f.endswith(".sarif") and not f.endswith(".out.sarif"):
        for res in json.load(open(os.path.join(t, f)))["runs"][0]["results"]:
            assert len(res["partialFingerprints"]["ciTriage/v1"]) == 16, (f, res)
print("sarif: step locations and fingerprints ok")
PY
# The same failure further down a longer log (a different run of the job) keeps its fingerprint.
LOG=tests/golden/err/dev-imports-crypto.log
{ head -20 "$LOG"; for i in $(seq 50); do echo "2025-04-14T21:55:08.0000000Z padding line $i"; done; tail -n +21 "$LOG"; } > "$T/shifted.log"
"$BIN" analyze --format sarif "$T/shifted.log" > "$T/shifted.json"
"$BIN" analyze --format sarif "$LOG" > "$T/orig.json"
fp() { /usr/bin/python3 -c 'import json,sys; print([r["partialFingerprints"]["ciTriage/v1"] for r in json.load(open(sys.argv[1]))["runs"][0]["results"]])' "$1"; }
[ "$(fp "$T/shifted.json")" = "$(fp "$T/orig.json")" ] || { echo "sarif: fingerprints moved with the log lines" >&2; exit 1; }
echo "sarif: $n reports validated by the SARIF Multitool (Gh;Sarif): 0 errors"
