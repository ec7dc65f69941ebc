#!/usr/bin/env bash
# End-to-end CLI behaviour: exit codes, one-line errors, hostile and broken
# inputs (empty, binary, invalid UTF-8, CRLF, truncated, no newline, stdin).
set -uo pipefail
BIN=$(realpath "${1:?usage: run.sh BINARY}")
cd "$(dirname "$0")/../.."
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0 n=0
ok() { n=$((n + 1)); }
bad() { n=$((n + 1)); echo "FAIL: $*"; fail=1; }

# expect CODE PATTERN -- ARGS...: exit code and a one-line stderr matching PATTERN
expect() {
  local code=$1 pat=$2; shift 3
  "$BIN" "$@" > "$T/out" 2> "$T/err"; local rc=$?
  if [ $rc -ne "$code" ]; then bad "ci-triage $* exited $rc, want $code ($(head -c 300 "$T/err"))"; return; fi
  if [ -n "$pat" ]; then
    [ "$(wc -l < "$T/err")" -eq 1 ] || { bad "ci-triage $*: stderr is not one line: $(cat "$T/err")"; return; }
    grep -qE "$pat" "$T/err" || { bad "ci-triage $*: stderr '$(cat "$T/err")' !~ $pat"; return; }
  fi
  ok
}
valid_json() { python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$1" 2>/dev/null; }

LOG=tests/golden/err/dev-imports-crypto.log
expect 2 '^ci-triage: error: missing command' --
expect 2 'unknown command "frobnicate"' -- frobnicate
expect 2 'no LOG given' -- analyze
expect 2 'unknown --format "xml"' -- analyze --format xml "$LOG"
expect 2 'Option .*bogus' -- analyze --bogus "$LOG"
expect 1 '^ci-triage: error: reading /nonexistent.log: No such file or directory$' -- analyze /nonexistent.log
expect 1 'is a directory' -- analyze tests
expect 0 '' -- --version
expect 0 '' -- analyze "$LOG"
expect 2 '^ci-triage: error: --repo-root /nonexistent: not a directory$' -- analyze --repo-root /nonexistent "$LOG"
expect 0 '' -- analyze --no-patches --repo-root /nonexistent "$LOG"
# Patches only for a --repo-root the user names; an empty one is a job without a checkout.
mkdir -p "$T/empty-ws"
(cd tests/patches && "$BIN" analyze --format json "../../$LOG") > "$T/nopatch.json"
grep -q '"patch_notes": \[\]' "$T/nopatch.json" && ! grep -q '"patch": {' "$T/nopatch.json" && ok \
  || bad "analyze without --repo-root proposed a patch or a note for the current directory"
"$BIN" analyze --format json --repo-root "$T/empty-ws" "$LOG" > "$T/empty.json"
grep -q 'No checkout: add actions/checkout before ci-triage for patches.' "$T/empty.json" && ok \
  || bad "an empty --repo-root did not say 'No checkout'"
# A repository whose requirements.txt is a symlink out of it: never read, never quoted in a diff.
mkdir -p "$T/evil" && ln -s /etc/passwd "$T/evil/requirements.txt"
"$BIN" analyze --format json --repo-root "$T/evil" "$LOG" > "$T/evil.json" 2>&1
if grep -q "root:" "$T/evil.json"; then bad "a symlink out of --repo-root was read"; else ok; fi

# Malformed rules files: the file, the JSON path and the problem, exit 2.
printf '{"schema": "ci-triage/rules@1", "rules": [ {"id": "x"' > "$T/broken.json"
expect 2 "rules file $T/broken.json: \\\$: invalid JSON" -- analyze --rules "$T/broken.json" "$LOG"
cat > "$T/badre.json" <<'J'
{"schema": "ci-triage/rules@1", "rules": [{"id": "my-rule", "category": "tests", "title": "t", "patterns": ["(unclosed"]}]}
J
expect 2 'badre.json: \$\.rules\[0\]\.patterns\[0\]: invalid regex' -- analyze --rules "$T/badre.json" "$LOG"
cat > "$T/badkey.json" <<'J'
{"schema": "ci-triage/rules@1", "rules": [{"id": "my-rule", "category": "tests", "title": "t", "patterns": ["x(?P<who>y)"], "colour": 1}]}
J
expect 2 'badkey.json: \$\.rules\[0\]\.colour: unknown key' -- analyze --rules "$T/badkey.json" "$LOG"
cat > "$T/undeclared.json" <<'J'
{"schema": "ci-triage/rules@1", "rules": [{"id": "my-rule", "category": "tests", "title": "t", "patterns": ["x(?P<who>y)"]}]}
J
expect 2 'named group "who" is not declared' -- analyze --rules "$T/undeclared.json" "$LOG"

# A user rule that overrides a built-in one by id.
cat > "$T/override.json" <<'J'
{"schema": "ci-triage/rules@1", "rules": [{"id": "python-module-not-found", "category": "imports", "priority": 99,
  "title": "Our own title for {module}", "patterns": ["ModuleNotFoundError: No module named '(?P<module>[^']+)'"],
  "fields": {"module": "string"}}]}
J
"$BIN" analyze --rules "$T/override.json" "$LOG" | grep -q "Our own title for Crypto" && ok || bad "--rules override by id"

# Broken inputs: exit 0 and valid JSON.
: > "$T/empty.log"
head -c 200000 "$BIN" > "$T/binary.log"
printf 'E   ModuleNotFoundError: No module named \xff\xfe\xc3\x28 broken\n\xe2\x82' > "$T/badutf8.log"
sed 's/$/\r/' "$LOG" > "$T/crlf.log"
head -c 5000 "$LOG" > "$T/truncated.log"
for f in empty binary badutf8 crlf truncated; do
  if "$BIN" analyze --format json "$T/$f.log" > "$T/$f.json" 2> "$T/err" && valid_json "$T/$f.json"; then ok
  else bad "$f input: exit $? or invalid JSON ($(head -c 200 "$T/err"))"; fi
done
grep -q '"The log is empty."' "$T/empty.json" && ok || bad "empty log notice"
# CRLF gives the same diagnosis as LF.
"$BIN" analyze --format json "$LOG" | python3 -c 'import json,sys; j=json.load(sys.stdin)["jobs"][0]["findings"][0]; print(j["category"], j["log_lines"])' > "$T/lf.txt"
python3 -c 'import json,sys; j=json.load(open(sys.argv[1]))["jobs"][0]["findings"][0]; print(j["category"], j["log_lines"])' "$T/crlf.json" > "$T/crlf.txt"
cmp -s "$T/lf.txt" "$T/crlf.txt" && ok || bad "CRLF diagnosis differs: $(cat "$T/lf.txt") vs $(cat "$T/crlf.txt")"
# Standard input.
"$BIN" analyze --format json - < "$LOG" | grep -q '"category": "imports"' && ok || bad "stdin"

# 100 MB without a newline: bounded time and memory.
head -c 100000000 /dev/zero | tr '\0' 'x' > "$T/noline.log"
if /usr/bin/time -f '%M' -o "$T/rss" timeout 60 "$BIN" analyze --format json "$T/noline.log" > "$T/noline.json"; then
  rss=$(cat "$T/rss")
  [ "$rss" -le "${RSS_LIMIT_KB:-65536}" ] && valid_json "$T/noline.json" && ok || bad "no-newline input: RSS ${rss} KiB or invalid JSON"
else bad "no-newline input failed or hung"; fi
grep -q 'longer than 64 KiB were cut' "$T/noline.json" && ok || bad "no-newline notice"

# Thousands of steps that all match many rules: memory stays bounded.
python3 - "$T/many.log" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("2026-01-01T00:00:00.0000000Z Current runner version: '2.323.0'\n")
    pad = "x" * 900
    for s in range(3000):
        f.write(f"2026-01-01T00:00:01.0000000Z ##[group]Run pytest tests/part{s}\n2026-01-01T00:00:01.0000000Z ##[endgroup]\n")
        for i in range(15):
            f.write(f"2026-01-01T00:00:02.0000000Z E   ModuleNotFoundError: No module named 'm{s}_{i}' {pad}\n")
            f.write(f"2026-01-01T00:00:02.0000000Z FAILED tests/t{s}.py::test_{i} - AssertionError {pad}\n")
        f.write("2026-01-01T00:00:03.0000000Z ##[error]Process completed with exit code 1.\n")
PY
if /usr/bin/time -f '%M' -o "$T/rss2" "$BIN" analyze --format json "$T/many.log" > "$T/many.json"; then
  rss=$(cat "$T/rss2")
  [ "$rss" -le "${RSS_LIMIT_KB:-65536}" ] && valid_json "$T/many.json" && ok || bad "many steps: RSS ${rss} KiB or invalid JSON"
  grep -q 'more finding(s) of lower rank were left out' "$T/many.json" && ok || bad "many steps: findings not capped"
else bad "many steps: analyze failed"; fi

# Hostile log text must come out inert in workflow commands (FACTS.md section 4).
{ head -136 "$LOG"
  echo "2026-01-01T00:00:00.0000000Z E   ModuleNotFoundError: No module named '##[group]x::add-mask::%0A,y:z'"
  tail -n +138 "$LOG"
} > "$T/hostile.log"
"$BIN" analyze --format annotations "$T/hostile.log" > "$T/ann.txt"
if grep -q '##\[' "$T/ann.txt"; then bad "annotations contain a live ##[ command"; else ok; fi
if grep -vqE '^::(error|warning|notice) ' "$T/ann.txt"; then bad "an annotation line does not start a command"; else ok; fi
grep -q '%250A' "$T/ann.txt" && ok || bad "percent not escaped in annotation data"

# `gh run view RUN --log-failed | ci-triage analyze -`: one report per job, the columns removed.
# The inputs are real job logs printed the way gh prints them (tests/cli/make_gh_run_log.py).
for f in log-failed log log-unknown-step; do
  if "$BIN" analyze --format json - < "tests/cli/gh-run-view/$f.txt" > "$T/gh-$f.json"; then
    python3 - "$T/gh-$f.json" "$f" <<'PY' && ok || bad "gh run view --${2:-$f}: wrong report (see above)"
import json, sys
r, kind = json.load(open(sys.argv[1])), sys.argv[2]
jobs = {j["name"]: j for j in r["jobs"]}
want = ["unit-tests", "deploy (staging)"] + (["lint"] if kind == "log" else [])
assert list(jobs) == want, list(jobs)
first = lambda j: [f for f in j["findings"] if f["severity"] == "error"][0]
assert first(jobs["unit-tests"])["category"] == "imports"
assert first(jobs["deploy (staging)"])["category"] == "pods-not-ready"
for j in r["jobs"]:
    assert not any("No GitHub Actions markers" in n for n in j.get("notices", [])), j["notices"]
    for f in j["findings"]:
        for e in f["evidence"]:
            assert "\t" not in e["text"] and not e["text"].startswith(("unit-tests", "deploy")), e
        assert "\t" not in f["step"]["name"], f["step"]
if kind == "log":
    assert jobs["lint"]["status"] == "passed" and not jobs["lint"]["findings"], jobs["lint"]
PY
  else bad "gh run view --$f: analyze failed"; fi
done
# Issue 11: hostile inputs.
# A path with a comma is one path, for logs and --rules.
cp "$LOG" "$T/a,b.log"
expect 0 '' -- analyze "$T/a,b.log"
printf '{"schema": "ci-triage/rules@1", "rules": []}' > "$T/r,1.json"
expect 0 '' -- analyze --rules "$T/r,1.json" "$T/a,b.log"
# A rules file nested 120,000 levels deep: one clear line, not SIGSEGV.
expect 2 '^ci-triage: error: rules file .*deep-nesting-120k-rules.json: \$: invalid JSON at byte [0-9]+: nested deeper than 128 levels$' \
  -- analyze --rules tests/fuzz/corpus/rules/deep-nesting-120k-rules.json "$LOG"
# Lines repeating rule literals thousands of times: linear (was 6.8 s for these 1.9 MB, quadratic).
for f in quadratic-atoms-30lines hash-error-cmd-30lines; do
  cat tests/fuzz/corpus/log/$f.log tests/fuzz/corpus/log/$f.log tests/fuzz/corpus/log/$f.log > "$T/$f.log"
  if timeout "${SLOW_TIMEOUT:-15}" "$BIN" analyze --format json "$T/$f.log" > "$T/q.json"; then ok; else bad "$f x3 took over ${SLOW_TIMEOUT:-15} s"; fi
done
# A log whose every line is a candidate for many regexes: bounded work, and it says so.
python3 -c 'import sys; sys.stdout.write("error: x\n" * 400000)' > "$T/dense.log"
if timeout "${SLOW_TIMEOUT:-15}" "$BIN" analyze "$T/dense.log" > "$T/dense.txt"; then
  grep -q 'not matched against the rules' "$T/dense.txt" && ok || bad "dense log: no matching-budget notice"
else bad "dense log took over ${SLOW_TIMEOUT:-15} s"; fi
# Log text rendered as GitHub renders it (cmark-gfm with the autolink extension): no link,
# mention or reference made of log text, no bidi control.
if command -v cmark-gfm > /dev/null; then
  cat > "$T/hostile-rules.json" <<'JSON'
{"schema": "ci-triage/rules@1", "rules": [{"id": "hostile", "category": "build", "severity": "error",
  "priority": 99, "title": "Failed: {what}", "summary": "It said {what}.",
  "patterns": ["^HOSTILE (?P<what>.+)$"], "fields": {"what": "string"},
  "causes": ["{what}"], "remedies": ["Look at {what}, then `run {what}`."]}]}
JSON
  printf 'HOSTILE https://evil.example/x www.evil.example ftp://evil.example mailto:a@evil.example a.b@evil.example @octocat octo-org/octo-repo#12 #34 GH-56 evil\xe2\x80\xaetxt.exe\n' > "$T/hostile-md.log"
  "$BIN" analyze --no-patches --format markdown --rules "$T/hostile-rules.json" "$T/hostile-md.log" > "$T/h.md"
  cmark-gfm -e autolink -e table -e tasklist "$T/h.md" > "$T/h.html"
  python3 -c 'import re,sys; print(re.sub(r"(?s)<code[^>]*>.*?</code>", "", open(sys.argv[1]).read()))' "$T/h.html" > "$T/h-prose.html"
  grep -q 'evil.example' "$T/h.html" && ok || bad "hostile text is not shown at all"
  if grep -q '<a ' "$T/h.html"; then bad "log text became a link: $(grep -o '<a [^>]*>' "$T/h.html" | head -3)"; else ok; fi
  if grep -qE '@octocat|#12|#34|GH-56|@evil' "$T/h-prose.html"; then bad "log text would mention or reference: $(grep -oE '.{20}(@octocat|#12|#34|GH-56|@evil).{5}' "$T/h-prose.html" | head -3)"; else ok; fi
  if grep -q $'\xe2\x80\xae' "$T/h.md"; then bad "a bidi control reached the Markdown"; else ok; fi
  # A real log with a URL in its title (curl against a smoke-test endpoint).
  "$BIN" analyze --no-patches --format markdown tests/golden/err/smoke-tests-curl-retry-5xx.log | cmark-gfm -e autolink > "$T/s.html"
  if grep -q '<a href="http://127.0.0.1' "$T/s.html"; then bad "the smoke-test URL became a link"; else ok; fi
else
  echo "cli: cmark-gfm not installed: rendering checks skipped" >&2
fi
# C1 control characters never reach the text format.
printf 'E   ModuleNotFoundError: No module named \x27a\xc2\x9b31mb\x27\n' > "$T/c1.log"
"$BIN" analyze "$T/c1.log" > "$T/c1.txt"
if grep -q $'\xc2\x9b' "$T/c1.txt"; then bad "a C1 control reached the text format"; else ok; fi

[ $fail = 0 ] && echo "cli: $n checks passed"
exit $fail
