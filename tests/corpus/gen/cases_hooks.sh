#!/bin/bash
# Hook-runner and step-script cases from REAL tool runs: pre-commit (local `language: system`
# hooks, so no hook repository is cloned), pytest run with a plugin's options the environment does
# not have, nox with a backend the machine does not have, and a step script bash cannot parse.
#
#   bash tests/corpus/gen/cases_hooks.sh                    # all cases here
#   bash tests/corpus/gen/cases_hooks.sh hk_precommit_fixers  # only some
#
# Reuses make_cases.sh (proj, cap, spec, the fake setup-python toolcache) with its own scratch
# space (/tmp/ci-corpus-hooks).  Needs: git, pre-commit (Debian's), python3-nox, Debian's pytest
# and python3-mypy, and NOT python3-pytest-cov; nothing leaves the machine.
set -u
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=make_cases.sh
source "$HERE/make_cases.sh"
W=/tmp/ci-corpus-hooks
mkdir -p "$W"
ln -sf /usr/bin/pre-commit "$PYBIN/pre-commit"
py_launcher nox nox.__main__  # Debian's python3-nox has no launcher
V() { /usr/bin/python3 -c "import importlib.metadata as m; print(m.version('$1'))"; }
hdr() { spec_head "$NOTE_PY" "$@"; }

# git_init : a repository with everything committed (pre-commit runs on tracked files)
git_init() {
  git init -q -b main . && git add -A &&
    git -c user.name=ci -c user.email=ci@example.com commit -qm init
}

# fixer hooks: tools/fix_text.py trailing|eof FILE... strips trailing blanks or ends files with
# exactly one newline, rewriting the files it changes (as pre-commit-hooks' fixers do)
fixers() {
  mkdir -p tools
  cat > tools/fix_text.py <<'EOF'
import sys


def trailing(text):
    return "\n".join(line.rstrip() for line in text.split("\n"))


def eof(text):
    return text.rstrip("\n") + "\n" if text.strip() else text


fix = {"trailing": trailing, "eof": eof}[sys.argv[1]]
changed = 0
for name in sys.argv[2:]:
    with open(name) as f:
        text = f.read()
    if fix(text) != text:
        print(f"Fixing {name}")
        with open(name, "w") as f:
            f.write(fix(text))
        changed = 1
sys.exit(changed)
EOF
}

hk_precommit_fixers() {
  local C=other-pre-commit-fixers-made-changes
  proj quarry-bell/hk-sitegen
  fixers
  mkdir -p docs sitegen
  printf 'def render(page):   \n    return f"<h1>{page}</h1>"\n' > sitegen/render.py
  printf '%s\n\n%s\n\n\n' '# Sitegen' 'Build the site with make.' > docs/index.md
  cat > .pre-commit-config.yaml <<'EOF'
repos:
  - repo: local
    hooks:
      - id: trailing-whitespace
        name: trim trailing whitespace
        entry: python tools/fix_text.py trailing
        language: system
        types: [text]
      - id: end-of-file-fixer
        name: fix end of files
        entry: python tools/fix_text.py eof
        language: system
        types: [text]
EOF
  git_init
  cap $C 1 py <<'EOF'
pre-commit run --all-files --show-diff-on-failure --color=never
EOF
  spec $C py2 <<E
$(hdr $C lint u24 other other "pre-commit $(V pre-commit)" "pre-commit with two local fixer hooks (language: system, so no hook repository is cloned): both rewrite files, pre-commit marks them Failed with '- files were modified by this hook' and, with --show-diff-on-failure, prints 'pre-commit hook(s) made changes.' and the diff; the step exits 1.")
field exit_code $(rc $C 1)
evidence - hook id: trailing-whitespace
evidence pre-commit hook(s) made changes.
setup python 3.11.2
$(st $C 1)
E
}

hk_precommit_mypy() {
  local C=typecheck-pre-commit-mypy-hook
  proj quarry-bell/hk-ledger
  mkdir -p ledger
  : > ledger/__init__.py
  cat > ledger/balance.py <<'EOF'
def balance(entries: list[tuple[str, int]]) -> int:
    total = 0
    for _, amount in entries:
        total += amount
    return total


def describe(entries: list[tuple[str, int]]) -> str:
    return "balance: " + balance(entries)
EOF
  cat > .pre-commit-config.yaml <<'EOF'
repos:
  - repo: local
    hooks:
      - id: mypy
        name: mypy
        entry: python -m mypy
        language: system
        types: [python]
EOF
  git_init
  cap $C 1 py <<'EOF'
pre-commit run --all-files --color=never
EOF
  spec $C py2 <<E
$(hdr $C lint u24 typecheck typecheck "pre-commit $(V pre-commit) + mypy $(V mypy)" "pre-commit runs mypy as a local hook; mypy finds a str + int (operator) error, so the hook and the step fail: the type error is the root cause, pre-commit the runner.")
field exit_code $(rc $C 1)
field mypy_error_count 1
evidence ledger/balance.py:9: error:
setup python 3.11.2
$(st $C 1)
E
}

hk_pytest_cov_missing() {
  local C=imports-pytest-cov-plugin-not-installed
  proj quarry-bell/hk-slugify
  mkdir -p slugify tests
  : > slugify/__init__.py
  printf 'def slug(text):\n    return "-".join(text.lower().split())\n' > slugify/core.py
  printf 'from slugify.core import slug\n\n\ndef test_slug():\n    assert slug("Hello World") == "hello-world"\n' > tests/test_core.py
  printf '[tool.pytest.ini_options]\npythonpath = ["."]\n' > pyproject.toml
  cap $C 1 py <<'EOF'
pytest --cov=slugify --cov-report=term-missing --cov-fail-under=90 tests
EOF
  spec $C py2 <<E
$(hdr $C test u24 imports imports "pytest $(V pytest)" "pytest run with pytest-cov's options in an environment without pytest-cov (Debian's python3-pytest-cov not installed): pytest's argument parser rejects them and exits 4 before collecting anything.")
field exit_code $(rc $C 1)
evidence error: unrecognized arguments: --cov=slugify
setup python 3.11.2
$(st $C 1)
E
}

hk_nox_conda_missing() {
  local C=other-nox-conda-backend-not-installed
  proj quarry-bell/hk-geo
  mkdir -p tests
  printf 'def test_ok():\n    assert True\n' > tests/test_ok.py
  cat > noxfile.py <<'EOF'
import nox


@nox.session(venv_backend="conda", python=["3.10", "3.11"])
def tests(session):
    session.conda_install("numpy")
    session.run("pytest", "-q")
EOF
  cap $C 1 py <<'EOF'
nox --non-interactive
EOF
  spec $C py2 <<E
$(hdr $C test u24 other other "nox $(V nox)" "nox sessions that use the conda backend on a runner without conda: nox cannot create the environments ('Program conda not found.'), each session fails before running a test and nox exits 1.")
field exit_code $(rc $C 1)
evidence Program conda not found.
setup python 3.11.2
$(st $C 1)
E
}

hk_shell_heredoc() {
  local C=other-step-script-heredoc-unterminated
  proj quarry-bell/hk-release-notes
  printf '# Release notes\n' > NOTES.md
  cap $C 1 bash <<'EOF'
echo "Writing the release summary"
if [ -f NOTES.md ]; then
  cat > summary.md <<NOTES
## Release ${GITHUB_REF_NAME:-main}
- built on $(date -u +%Y-%m-%d)
  NOTES
fi
echo "summary written"
EOF
  spec $C runner <<E
$(hdr $C release u24 other other "GNU bash $(bash -c 'echo ${BASH_VERSION%%(*}')" "A step script whose here-document's closing word is indented (as a YAML block indents it): bash reads to the end of the file for it, warns, then stops with a syntax error and exit 2 before running the script.")
field exit_code $(rc $C 1)
evidence here-document at line
evidence syntax error: unexpected end of file
$(st $C 1)
E
}

# ---------------------------------------------------------------- main
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  run_cases hk_ "$@"
fi
