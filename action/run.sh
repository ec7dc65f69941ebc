#!/usr/bin/env bash
# Runs `ci-triage github` for the composite action (action.yml). The inputs arrive as
# environment variables (never expanded into shell text) and are checked here; a bad value
# gives one clear line. ci-triage itself appends the summary to $GITHUB_STEP_SUMMARY and
# primary-category/findings-count/failed-jobs/cancelled-jobs/report-path/sarif-path to $GITHUB_OUTPUT.
# env: CI_TRIAGE_BIN, CI_TRIAGE_COMMENT, CI_TRIAGE_ANNOTATIONS, CI_TRIAGE_SUMMARY,
#      CI_TRIAGE_MAX_ANNOTATIONS, CI_TRIAGE_RULES_FILE, CI_TRIAGE_PATCHES, CI_TRIAGE_FAIL_ON_ERROR,
#      CI_TRIAGE_SARIF,
#      GITHUB_TOKEN, CI_TRIAGE_CHECK_RUN_ID (and the runner's GITHUB_* variables).
set -euo pipefail
die() {
  echo "::error title=ci-triage::$*"
  echo "ci-triage: error: $*" >&2
  exit 2
}
bool() {  # bool VAR INPUT VALUE: sets VAR to true or false (no subshell, so die exits)
  case "${3,,}" in
    true) printf -v "$1" true ;;
    false) printf -v "$1" false ;;
    *) die "input '$2' must be true or false, got '$3'" ;;
  esac
}
BIN=${CI_TRIAGE_BIN:-}
[ -n "$BIN" ] && [ -x "$BIN" ] || die "no ci-triage binary (the install step gave '$BIN')"

ARGS=(github)
# comment: empty leaves it to the repository's config file (docs/config.md), else auto.
case "${CI_TRIAGE_COMMENT:-}" in
  "") ;;
  auto | always | never) ARGS+=(--comment "$CI_TRIAGE_COMMENT") ;;
  *) die "input 'comment' must be auto, always or never, got '$CI_TRIAGE_COMMENT'" ;;
esac
bool annotations annotations "${CI_TRIAGE_ANNOTATIONS:-true}"
bool summary summary "${CI_TRIAGE_SUMMARY:-true}"
bool fail_on_error fail-on-error "${CI_TRIAGE_FAIL_ON_ERROR:-false}"
bool patches patches "${CI_TRIAGE_PATCHES:-true}"
bool history history "${CI_TRIAGE_HISTORY:-true}"
if [ "$annotations" = true ]; then ARGS+=(--annotations); else ARGS+=(--no-annotations); fi
if [ "$summary" = true ]; then ARGS+=(--summary); else ARGS+=(--no-summary); fi
MAX=${CI_TRIAGE_MAX_ANNOTATIONS:-10}
[[ "$MAX" =~ ^[0-9]{1,6}$ ]] || die "input 'max-annotations' must be a whole number, got '$MAX'"
ARGS+=(--max-annotations "$MAX")
if [ "$fail_on_error" = true ]; then ARGS+=(--fail-on-error); fi
if [ "$patches" = false ]; then ARGS+=(--no-patches); fi
if [ "$history" = false ]; then ARGS+=(--no-history); fi
SARIF=${CI_TRIAGE_SARIF:-}
if [ -n "$SARIF" ]; then
  case "$SARIF" in
    -* | *$'\n'*) die "input 'sarif' must be a file path, got '$SARIF'" ;;
  esac
  [ -d "$(dirname -- "$SARIF")" ] || die "input 'sarif': the directory of '$SARIF' does not exist"
  ARGS+=(--sarif "$SARIF")
fi
while IFS= read -r line || [ -n "$line" ]; do
  line=${line#"${line%%[![:space:]]*}"}
  line=${line%"${line##*[![:space:]]}"}
  [ -z "$line" ] && continue
  if [ ! -f "$line" ]; then
    # The usual cause: no actions/checkout before ci-triage, so the workspace is empty.
    if [ ! -e "${GITHUB_WORKSPACE:-$PWD}/.git" ]; then
      die "input 'rules-file': '$line' is read from the checked-out repository, and this job has no checkout: add actions/checkout before ci-triage"
    fi
    die "input 'rules-file': no such file '$line' in the checkout (paths are relative to $PWD)"
  fi
  ARGS+=(--rules "$line")
done <<< "${CI_TRIAGE_RULES_FILE:-}"

echo "ci-triage: $BIN ${ARGS[*]}" >&2
exec "$BIN" "${ARGS[@]}"
