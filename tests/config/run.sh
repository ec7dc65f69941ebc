#!/usr/bin/env bash
# The repository config file end to end (docs/config.md): every kind of error is one line
# naming the file, the line and the problem (exit 3); the command line overrides the file, the
# file the defaults; `config --check` says where each value came from; the example of
# docs/config.md validates against schemas/config-1.schema.json and passes `config --check`.
# GitHub mode (a broken file never fails the step) is in tests/unit/app/github_command_test.cc.
# usage: tests/config/run.sh BINARY
set -uo pipefail
BIN=$(realpath "${1:?usage: run.sh BINARY}")
cd "$(dirname "$0")/../.."
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0 n=0
ok() { n=$((n + 1)); }
bad() { n=$((n + 1)); echo "FAIL: $*"; fail=1; }
LOG=tests/golden/err/dev-imports-crypto.log

# expect CODE PATTERN -- ARGS...: exit code and a one-line stderr matching PATTERN (ERE)
expect() {
  local code=$1 pat=$2; shift 3
  "$BIN" "$@" > "$T/out" 2> "$T/err"; local rc=$?
  if [ $rc -ne "$code" ]; then bad "ci-triage $* exited $rc, want $code ($(head -c 300 "$T/err"))"; return; fi
  if [ -n "$pat" ]; then
    [ "$(wc -l < "$T/err")" -eq 1 ] || { bad "ci-triage $*: stderr is not one line: $(cat "$T/err")"; return; }
    grep -qE -- "$pat" "$T/err" || { bad "ci-triage $*: stderr '$(cat "$T/err")' !~ $pat"; return; }
  fi
  ok
}
# bad_config TEXT PATTERN: a config of TEXT (printf format) is refused by analyze --config with
# "FILE:PATTERN" (TEXT "" = $T/c.yml as it is). No pipelines: expect counts in this shell.
bad_config() {
  [ -n "$1" ] && printf -- "$1" > "$T/c.yml"
  expect 3 "^ci-triage: error: $T/c.yml:$2\$" -- analyze --config "$T/c.yml" "$LOG"
}

# --- syntax, limits and types ------------------------------------------------------------
bad_config 'coment: never\n' '1: unknown key "coment" \(did you mean "comment"\?\)'
bad_config 'rules:\n  disabel: [x]\n' '2: rules: unknown key "disabel" \(did you mean "disable"\?\)'
bad_config 'escalation:\n  colour: red\n' '2: escalation: unknown key "colour"'
bad_config 'rules:\n  disable: monitoring\n' '2: rules.disable: expected a list of strings, got a string'
bad_config 'rules:\n  disable: [[a]]\n' '2: rules.disable\[0\]: expected a string, got a list'
bad_config 'rules: [a]\n' '1: rules: expected a mapping, got a list'
bad_config 'escalation:\n  enabled: yes\n' '2: escalation.enabled: expected true or false, got a string "yes"'
bad_config 'patches:\n  enabled: 1\n' '2: patches.enabled: expected true or false, got a number "1"'
bad_config 'escalation: {request: [a]}\n' '1: escalation.request: expected a string, got a list'
bad_config 'comment: sometimes\n' '1: comment: unknown mode "sometimes" \(expected auto, always or never\)'
bad_config 'rules:\n  severity:\n    imports: fatal\n' '3: rules.severity.imports: unknown severity "fatal" \(expected error, warning or notice\)'
bad_config 'version: 2\n' '1: version: expected 1 \(the only version of this file\), got a number "2"'
bad_config '- a\n' '1: the file: expected a mapping, got a list'
bad_config 'comment: auto\ncomment: never\n' '2: duplicate key "comment"'
bad_config 'rules:\n  disable: [a\n' '[0-9]+: invalid YAML: .*'
bad_config 'comment: auto\n---\ncomment: never\n' '[23]: more than one YAML document .*'
bad_config 'x: &x [a, a]\nrules: {disable: *x}\n' '2: YAML aliases \(\*name\) are not supported: write the value out'
bad_config "rules: $(printf '{a: %.0s' {1..20})\n" '1: nested too deeply \(more than 16 levels\)'
{ echo "rules:"; echo "  disable:"; for i in $(seq 1 7000); do echo "    - r$i"; done; } > "$T/c.yml"
bad_config "" ' larger than 64 KiB: refused'
bad_config 'comment: "auto\\u0007"\n' '1: comment: contains control characters or invalid UTF-8'
expect 3 "^ci-triage: error: $T/none.yml: cannot be read\$" -- analyze --config "$T/none.yml" "$LOG"
expect 3 "^ci-triage: error: $T: is a directory\$" -- analyze --config "$T" "$LOG"

# --- names: rule ids, categories, patch kinds --------------------------------------------
bad_config 'rules:\n  disable:\n    - pyhton-module-not-found\n' '3: unknown rules.disable: rule id or category "pyhton-module-not-found" \(did you mean "python-module-not-found"\?\)'
bad_config 'rules:\n  disable: [monitorng]\n' '2: unknown rules.disable: rule id or category "monitorng" \(did you mean "monitoring"\?\)'
bad_config 'rules:\n  severity: {imprts: notice}\n' '2: unknown rules.severity: rule id or category "imprts" \(did you mean "imports"\?\)'
bad_config 'patches:\n  disable: [docker-cash]\n' '2: unknown patches.disable: patch kind "docker-cash" \(did you mean "docker-cache"\?\)'
bad_config 'patches:\n  disable: [terraform-fmt]\n' '2: unknown patches.disable: patch kind "terraform-fmt"'

# --- rules.files: inside the repository, and their own errors at the line that names them --
R=$T/repo
mkdir -p "$R/.github" "$R/ci"
cat > "$R/ci/acme.json" <<'J'
{"schema": "ci-triage/rules@1", "rules": [{"id": "acme-crypto", "category": "imports", "priority": 99,
 "title": "ACME: the crypto module is missing", "patterns": ["ModuleNotFoundError: No module named 'Crypto'"]}]}
J
printf '{"schema": "ci-triage/rules@1", "rules": [{"id": "x", "colour": 1}]}' > "$R/ci/broken.json"
ln -s /etc "$R/ci/out"
rb() { printf "$1" > "$R/.github/ci-triage.yml"; expect 3 "^ci-triage: error: .github/ci-triage.yml:$2\$" -- analyze --repo-root "$R" "$LOG"; }
rb 'rules:\n  files: [/etc/passwd]\n' '2: rules.files: "/etc/passwd" must be a path relative to the repository root'
rb 'rules:\n  files: [ci/../../x.json]\n' '2: rules.files: "ci/../../x.json" leaves the repository'
rb 'rules:\n  files: [ci/none.json]\n' '2: rules.files: no such file "ci/none.json" in the repository'
rb 'rules:\n  files: [ci/out/passwd]\n' '2: rules.files: "ci/out/passwd" is a symlink out of the repository'
rb 'rules:\n  files:\n    - ci/acme.json\n    - ci/broken.json\n' '4: rules.files: rules file .*broken.json: .*colour.*'
# The checkout's file in analyze --repo-root is an error too (exit 3); a symlinked one is never read.
rm "$R/.github/ci-triage.yml"
ln -s "$T/c.yml" "$R/.github/ci-triage.yml"
expect 0 '' -- analyze --repo-root "$R" "$LOG"
rm "$R/.github/ci-triage.yml"
printf 'comment: sometimes\n' > "$R/.ci-triage.yml"
expect 3 '^ci-triage: error: .ci-triage.yml:1: comment: unknown mode' -- analyze --repo-root "$R" "$LOG"
expect 3 '^ci-triage: error: .ci-triage.yml:1: comment: unknown mode' -- config --check --repo-root "$R"
rm "$R/.ci-triage.yml"
expect 2 'config: nothing to do' -- config
expect 2 'config: unexpected argument "--bogus"' -- config --check --bogus

# --- what the settings do, and precedence ------------------------------------------------
json() { "$BIN" analyze --format json "$@" 2> "$T/err"; }
has() { grep -q -- "$2" "$1"; }
json "$LOG" > "$T/plain.json"
has "$T/plain.json" '"rule": "python-module-not-found"' && ok || bad "the baseline lost python-module-not-found"
printf 'rules:\n  disable: [python-module-not-found]\n' > "$T/off.yml"
json --config "$T/off.yml" "$LOG" > "$T/off.json"
has "$T/off.json" '"rule": "python-module-not-found"' && bad "rules.disable by id kept the rule" || ok
printf 'rules:\n  disable: [imports]\n' > "$T/offcat.yml"
json --config "$T/offcat.yml" "$LOG" > "$T/offcat.json"
has "$T/offcat.json" '"category": "imports"' && bad "rules.disable by category kept an imports finding" || ok
printf 'rules:\n  severity: {imports: warning, python-module-not-found: notice}\n' > "$T/sev.yml"
json --config "$T/sev.yml" "$LOG" > "$T/sev.json"
/usr/bin/python3 - "$T/sev.json" <<'P' && ok || bad "rules.severity: the rule id did not win over its category"
import json, sys
fs = [f for j in json.load(open(sys.argv[1]))["jobs"] for f in j["findings"] if f["rule"] == "python-module-not-found"]
sys.exit(0 if fs and all(f["severity"] == "notice" for f in fs) else 1)
P
# rules.files then --rules: the command line's file loads last and wins by rule id.
printf 'rules:\n  files: [ci/acme.json]\n' > "$R/.github/ci-triage.yml"
json --repo-root "$R" --no-patches "$LOG" > "$T/acme.json"
has "$T/acme.json" 'ACME: the crypto module is missing' && ok || bad "rules.files was not loaded"
sed 's/ACME: the crypto module is missing/ACME from the command line/' "$R/ci/acme.json" > "$T/cli-rules.json"
json --repo-root "$R" --no-patches --rules "$T/cli-rules.json" "$LOG" > "$T/acme2.json"
has "$T/acme2.json" 'ACME from the command line' && ! has "$T/acme2.json" 'ACME: the crypto' && ok \
  || bad "--rules did not override the config's rules file"
# --config wins over the checkout's own file.
json --repo-root "$R" --no-patches --config "$T/off.yml" "$LOG" > "$T/acme3.json"
has "$T/acme3.json" 'ACME' && bad "--config did not replace the checkout's file" || ok
# Patches: off per kind and off altogether (a real requirements fixture).
FX=tests/patches/req-sorted
cp -r "$FX/repo" "$T/req" && mkdir -p "$T/req/.github"
json --repo-root "$T/req" "$FX/job.log" > "$T/p0.json"
has "$T/p0.json" '"kind": "python-dependency"' && ok || bad "the patch fixture has no patch"
printf 'patches:\n  disable: [python-dependency]\n' > "$T/req/.github/ci-triage.yml"
json --repo-root "$T/req" "$FX/job.log" > "$T/p1.json"
has "$T/p1.json" '"kind": "python-dependency"' && bad "patches.disable kept the kind" || ok
printf 'patches:\n  enabled: false\n' > "$T/req/.github/ci-triage.yml"
json --repo-root "$T/req" "$FX/job.log" > "$T/p2.json"
has "$T/p2.json" '"patch": {' && bad "patches.enabled: false still proposed a patch" || ok
# Annotations: a finding in an ignored file gets none; the others keep theirs.
GO=tests/golden/err/go-test-table-case-fails.log
"$BIN" analyze --format annotations "$GO" > "$T/a0.txt"
has "$T/a0.txt" 'file=pricing_test.go' && ok || bad "the Go log lost its located annotation"
printf 'annotations:\n  ignore-paths: ["**/*_test.go"]\n' > "$T/ign.yml"
"$BIN" analyze --format annotations --config "$T/ign.yml" "$GO" > "$T/a1.txt"
has "$T/a1.txt" 'file=pricing_test.go' && bad "annotations.ignore-paths kept the annotation" || ok

# --- config --check: the merged values and where they came from --------------------------
printf 'comment: never\npatches:\n  enabled: true\n' > "$R/.github/ci-triage.yml"
"$BIN" config --check --repo-root "$R" --no-patches > "$T/check.txt" 2>&1 || bad "config --check failed: $(cat "$T/check.txt")"
grep -qE '^comment = never  \(.github/ci-triage.yml:1\)$' "$T/check.txt" && ok || bad "check: comment not from the file: $(cat "$T/check.txt")"
grep -qE '^patches.enabled = false  \(--no-patches\)$' "$T/check.txt" && ok || bad "check: --no-patches did not win"
grep -qE '^escalation.enabled = true  \(default\)$' "$T/check.txt" && ok || bad "check: a default is not marked default"
"$BIN" config --check --repo-root "$R" --comment always > "$T/check2.txt" 2>&1
grep -qE '^comment = always  \(--comment\)$' "$T/check2.txt" && ok || bad "check: --comment did not win over the file"
"$BIN" config --check > "$T/check3.txt" 2>&1
grep -q '^config file: none' "$T/check3.txt" && ok || bad "check without a file"

# --- the documented example: valid for the schema and for ci-triage ----------------------
EX=$T/example
mkdir -p "$EX/.github"
awk '/^```yaml$/{on=1; next} /^```$/{if (on) exit} on' docs/config.md > "$EX/.github/ci-triage.yml"
grep -q '^escalation:' "$EX/.github/ci-triage.yml" && ok || bad "could not extract the example from docs/config.md"
cp "$R/ci/acme.json" "$EX/.github/ci-triage-rules.json"
"$BIN" config --check --repo-root "$EX" > "$T/excheck.txt" 2>&1 && ok || bad "the docs example fails config --check: $(cat "$T/excheck.txt")"
/usr/bin/python3 - schemas/config-1.schema.json "$EX/.github/ci-triage.yml" <<'P'
import json, sys, yaml, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
errors = list(v.iter_errors(yaml.safe_load(open(sys.argv[2]))))
for e in errors:
    print("FAIL: docs/config.md example: $.%s: %s" % (".".join(map(str, e.absolute_path)), e.message))
# The schema refuses what ci-triage refuses.
for bad in ["coment: never", "rules: {disable: monitoring}", "escalation: {enabled: 'yes'}", "comment: sometimes",
            "rules: {severity: {imports: fatal}}", "rules: {files: [../x.json]}", "version: 2", "patches: {enabled: 1}"]:
    if v.is_valid(yaml.safe_load(bad)):
        errors.append(bad)
        print("FAIL: the schema accepts %r" % bad)
sys.exit(1 if errors else 0)
P
[ $? -eq 0 ] && ok || bad "the example or the schema is wrong (above)"

echo "config: $n checks, $([ $fail -eq 0 ] && echo ok || echo FAILED)"
exit $fail
