#!/usr/bin/env bash
# Patch tests. Each tests/patches/<case>/ holds a fixture repository (repo/),
# the failing job log (job.log: real tool output, see gen/make_logs.sh), and
# optionally `args` (extra analyze options), `setup.sh` (run in the copy first,
# e.g. to create a large file) and `verify.sh` (run in the patched copy: the
# real tool again, or the tool's own parser). For each case, on a temp copy:
#   ci-triage analyze --format json --repo-root COPY job.log
#   → the patch and notes must equal expected.patch / expected.txt,
#   → git apply --check, git apply, then verify.sh must pass.
# usage: run.sh BINARY [--update]   (--update rewrites the expected files for review)
# env:   PATCHES_VERIFY=0 skips verify.sh (scripts/test.sh's ASan/UBSan pass: the patches are
#        compared byte for byte with expected.patch, which the release pass verified).
set -uo pipefail
BIN=$(realpath "${1:?usage: run.sh BINARY [--update]}")
UPDATE=${2:-}
cd "$(dirname "$0")"
HERE=$PWD
fail=0 n=0 applied=0 verified=0
for dir in */; do
  c=${dir%/}
  [ -f "$c/job.log" ] || continue
  n=$((n + 1))
  tmp=$(mktemp -d)
  cp -a "$c/repo/." "$tmp/"
  [ -f "$c/setup.sh" ] && (cd "$tmp" && bash "$HERE/$c/setup.sh")
  args=()
  [ -f "$c/args" ] && read -r -a args < "$c/args"
  "$BIN" analyze --format json --repo-root "$tmp" "${args[@]}" "$c/job.log" > "$tmp.json" || { echo "FAIL $c: analyze failed"; fail=1; continue; }
  python3 - "$tmp.json" "$tmp.patch" "$tmp.txt" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
f = next((f for j in report["jobs"] for f in j["findings"] if f["patch_kind"]), None)
patch = f and f["patch"]
open(sys.argv[2], "w", newline="").write(patch["diff"] if patch else "")
with open(sys.argv[3], "w") as out:
    out.write(f"finding: {f['rule']}\n" if f else "finding: none\n")
    if patch:
        for k in ("kind", "file", "confidence", "rationale"):
            out.write(f"{k}: {patch[k]}\n")
    for note in (f or {}).get("patch_notes", []):
        out.write(f"note: {note}\n")
PY
  if [ "$UPDATE" = --update ]; then
    cp "$tmp.txt" "$c/expected.txt"
    if [ -s "$tmp.patch" ]; then cp "$tmp.patch" "$c/expected.patch"; else rm -f "$c/expected.patch"; fi
  fi
  want_patch=/dev/null
  [ -f "$c/expected.patch" ] && want_patch=$c/expected.patch
  if ! cmp -s "$want_patch" "$tmp.patch"; then
    echo "FAIL $c: the patch differs from $want_patch:"; diff -u "$want_patch" "$tmp.patch" | head -30; fail=1
  fi
  if ! diff -u "$c/expected.txt" "$tmp.txt" > "$tmp.diff"; then
    echo "FAIL $c: rationale/notes differ:"; head -20 "$tmp.diff"; fail=1
  fi
  if [ -s "$tmp.patch" ]; then
    if (cd "$tmp" && git apply --check "$tmp.patch" && git apply "$tmp.patch"); then
      applied=$((applied + 1))
      if [ -f "$c/verify.sh" ] && [ "${PATCHES_VERIFY:-1}" != 0 ]; then
        if (cd "$tmp" && CHECK="$HERE/check.py" bash "$HERE/$c/verify.sh") > "$tmp.verify" 2>&1; then
          verified=$((verified + 1))
          sed "s/^/    [$c] /" "$tmp.verify" | tail -3
        else
          echo "FAIL $c: verify.sh failed after applying the patch:"; tail -20 "$tmp.verify"; fail=1
        fi
      fi
    else
      echo "FAIL $c: git apply rejected the patch"; fail=1
    fi
  fi
  rm -rf "$tmp" "$tmp".*
done
echo "patches: $n cases, $applied patches applied with git apply, $verified re-checked with the real tool or its parser"
[ $fail = 0 ] && echo "patches: all checks passed"
exit $fail
