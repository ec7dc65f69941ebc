#!/usr/bin/env python3
"""Every command a remedy names works for its tool (docs/rules.md "Remedies").

The commands are the `code spans` of the remedies: as ci-triage renders them
for every log of tests/golden and tests/corpus (so the fields it substitutes
are tested too), and as every remedy template of rules/*.json reads with its
fallbacks (so a remedy no log shows is tested as well). Each command runs:

- for real, in a scratch project, where that is cheap and offline: cargo (a
  new crate), go (a new module), node --test, shellcheck, make, terraform fmt,
  gofmt, clang-format (on the files the command names, created empty);
- otherwise as its `--help` form (the same program and subcommands): the help
  must exist and list every option the command uses. The subcommands are the
  words each level's help lists as its commands (`podman build`, `gcloud
  artifacts repositories add-iam-policy-binding`); an option given before a
  subcommand must be one of the level it stands at (`docker compose
  --progress=plain build`). A CLI plugin (`kubectl argo rollouts`, `docker
  compose`) is checked through its host when installed; a project's own script
  (`python manage.py …`) through the framework it belongs to (Django's
  django-admin); `java -jar X.jar …` through the jar where Debian installs it
  (/usr/share/java).

A command whose program, plugin, framework or jar is not installed here is
listed as skipped, with the reason; a span that is not a command (a config
snippet, `-Xmx`) is not one.
usage: test_remedies.py BINARY [-v]
"""
import glob
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PY = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
PLACEHOLDER = "PLACEHOLDER"

# Programs remedies may name, with why one is not installed by scripts/install-deps.sh --test.
NOT_INSTALLED = {
    "cargo": "Debian's cargo (with rustc, ~300 MB) is left out of install-deps --test",
    "go": "Debian's golang-go (~250 MB) is left out of install-deps --test",
    "gofmt": "Debian's golang-go (~250 MB) is left out of install-deps --test",
    "meson": "Debian's meson is left out of install-deps --test (tests/corpus captures only)",
    "behave": "Debian's python3-behave is left out of install-deps --test (tests/corpus captures only)",
    "sqitch": "Debian's sqitch is left out of install-deps --test (tests/corpus captures only)",
    "mvn": "Debian's maven needs a JDK (~250 MB), left out of install-deps --test",
    "gradle": "not installed (Debian 12's gradle 4.4 predates the wrapper's options)",
    "kubectl": "not installed (Debian 12's kubernetes-client is kubectl 1.20, older than `auth whoami`)",
    "helm": "not packaged for Debian 12",
    "terraform": "not packaged for Debian 12 (BSL licence)",
    "docker": "Debian's docker.io is left out of install-deps --test",
    "npm": "Debian's npm (hundreds of node-* packages) is left out of install-deps --test",
    "yarn": "not packaged for Debian 12",
    "pnpm": "not packaged for Debian 12",
    "dotnet": "not packaged for Debian 12",
    "phpunit": "a Composer package (vendor/bin), no PHP registry here",
    "rspec": "a Ruby gem (bundle exec), no gem registry here",
    "gh": "not packaged for Debian 12",
    "nvidia-smi": "needs an NVIDIA GPU and driver",
    "alembic": "Debian's python3-alembic is left out of install-deps --test",
    "poetry": "Debian's python3-poetry is left out of install-deps --test",
    "pip-compile": "Debian's pip-tools is left out of install-deps --test",
    "promtool": "Debian's prometheus is left out of install-deps --test",
    "amtool": "Debian's prometheus-alertmanager is left out of install-deps --test",
    "black": "Debian's black is left out of install-deps --test",
    "isort": "Debian's isort is left out of install-deps --test",
    "flake8": "Debian's flake8 is left out of install-deps --test",
    "ruff": "not packaged for Debian 12 (PyPI only)",
    "pyright": "an npm package (npx would download it)",
    "coverage": "Debian's python3-coverage is left out of install-deps --test",
    "shellcheck": "not on PATH (scripts/install-deps.sh --test installs it)",
    "node": "not on PATH (scripts/install-deps.sh --test installs nodejs)",
    "make": "not on PATH (scripts/install-deps.sh --test installs it)",
    "clang-format": "not on PATH (scripts/install-deps.sh --test installs it)",
    "podman": "Debian's podman is left out of install-deps --test",
    "buildah": "Debian's buildah is left out of install-deps --test",
    "gcloud": "Google's google-cloud-cli is not packaged for Debian 12",
    "java": "Debian's default-jre is left out of install-deps --test",
}
# Programs whose commands depend on a version the project chooses, not the one on PATH: a remedy
# naming them is not checked against whatever happens to be installed.
PROJECT_VERSIONED = {
    "yarn": "its commands depend on the project's Yarn major (1.x classic or Berry, chosen by "
            "packageManager/.yarnrc.yml), and `yarn NAME` runs the project's own script",
    "poetry": "remedies follow current Poetry (1.8/2.x: `poetry env use`, `poetry check --lock`); Debian 12's "
              "poetry 1.3 (installed here by hand at times) lacks some of them",
}
# Programs whose commands are never checked here, installed or not (an install by hand must not
# change what the test checks): why.
NOT_RUN = {
    "sudo": "runs another program as root; the test does not run commands through sudo",
    "supervisorctl": "its help and commands need a running supervisord",
}
# CLI plugins remedies name, as (host, words…): why one may be missing. One is installed when its
# host's help lists it as a command (docker lists its cli-plugins, kubectl "Subcommands provided by
# plugins"), or, for a host that finds plugins on PATH, when HOST-WORD-… is on PATH.
PLUGINS = {
    ("kubectl", "argo", "rollouts"): "the Argo Rollouts kubectl plugin (kubectl-argo-rollouts) is not packaged "
                                     "for Debian 12",
    ("docker", "compose"): "the Compose v2 docker CLI plugin is not installed (Debian 12 packages Compose v1 only, "
                           "docker-compose)",
    ("docker", "buildx"): "the buildx docker CLI plugin is not installed",
}
PATH_PLUGIN_HOSTS = {"kubectl", "git", "cargo"}
# A project's own script run by python, checked through the framework it belongs to: (module that
# runs the framework's commands, what the script is).
PROJECT_SCRIPTS = {"manage.py": ("django", "a Django project's manage.py (django-admin with the project's settings)")}
# Where Debian's packages install jars (junit5: junit-platform-console-standalone.jar).
JAR_DIRS = ["/usr/share/java"]
# npm packages run through npx: npx would download them from the registry.
NPX_REASON = "an npm package: npx would download it (the test does not install npm packages)"
# How deep the subcommands go for a program whose help does not list each command its own way
# (git -h lists the common ones, npm --help exits 1) or could not be looked at (not installed where
# this was written); every other program's subcommands are found in its helps, level by level.
SUBCOMMANDS = {"gh": 2, "promtool": 2, "helm": 1, "git": 1, "npm": 1, "poetry": 1, "alembic": 1,
               "terraform": 1, "cargo": 1, "coverage": 1, "dotnet": 1, "yarn": 1, "pnpm": 1, "amtool": 1,
               "go": 1, "mypy": 0, "aws": 2, "composer": 1, "bundle": 1, "openssl": 1}
# The program's global options, listed apart from any level's help.
GLOBAL_HELP = {"kubectl": [["kubectl", "options"]]}
PLAIN_WORD = re.compile(r"^[a-z][a-z0-9_-]*$")
# Words that end a command's options for a program: what follows is another program's.
USAGE_ERROR = re.compile(
    r"(?i)unexpected argument|unrecognized (?:option|argument|arguments|subcommand)|unknown (?:flag|option|"
    r"shorthand flag|command)|invalid option|no such option|flag provided but not defined|bad option|"
    r"error: unrecognized|is not a \S+ command|invalid choice")

VERBOSE = "-v" in sys.argv


def log(msg):
    if VERBOSE:
        print(msg)


# --- the remedies ------------------------------------------------------------------------------

def rendered_remedies(binary):
    logs = sorted(glob.glob(os.path.join(ROOT, "tests/golden/*/*.log")) +
                  glob.glob(os.path.join(ROOT, "tests/corpus/*/*.log")))
    out = subprocess.run([binary, "analyze", "--no-patches", "--format", "json", *logs],
                         capture_output=True, text=True, cwd=ROOT)
    if not out.stdout.strip():
        sys.exit(f"test_remedies: {binary} analyze printed no report: {out.stderr[-2000:]}")
    report = json.loads(out.stdout)
    remedies = []
    for job in report["jobs"]:
        for f in job["findings"]:
            for r in f["remedies"]:
                remedies.append((f"{os.path.basename(job['log'])} ({f['rule']})", r))
    return remedies, len(logs)


def static_render(template, keep_segments):
    """A template as a reader sees it with no fields: fallbacks, <field> placeholders; its
    [[ … ]] segments left out (a field they use is missing) or kept (every field is there)."""
    def segment(m):
        inner = m.group(1)
        return inner if keep_segments or not re.search(r"\{[^}|]+\}", inner) else ""
    text = re.sub(r"\[\[(.*?)\]\]", segment, template)
    text = re.sub(r"\{[^}|]+\|([^}]*)\}", lambda m: m.group(1), text)
    return re.sub(r"\{([^}:|]+)(?::\w+)?\}", lambda m: "Run tests" if m.group(1) == "step" else f"<{m.group(1)}>",
                  text)


def template_remedies():
    remedies = []
    for path in sorted(glob.glob(os.path.join(ROOT, "rules/*.json"))):
        doc = json.load(open(path, encoding="utf-8"))
        for kind in ("rules", "contexts"):
            for r in doc.get(kind, []):
                for rem in r.get("remedies", []):
                    text = rem if isinstance(rem, str) else rem["text"]
                    for keep in (False, True):
                        remedies.append((f"{os.path.basename(path)} {r['id']}", static_render(text, keep)))
    return remedies


# --- commands ------------------------------------------------------------------------------------

def segments(span):
    """The simple commands of a code span (split at |, &&, ||, ;), each as argv; None: not shell."""
    text = re.sub(r"<[^<>`]*>", PLACEHOLDER, span).replace("…", PLACEHOLDER)
    lex = shlex.shlex(text, posix=True, punctuation_chars="|&;")
    lex.whitespace_split = True
    try:
        tokens = list(lex)
    except ValueError:
        return None
    out, cur = [], []
    for t in tokens:
        if t and set(t) <= set("|&;"):
            out.append(cur)
            cur = []
        else:
            cur.append(t)
    out.append(cur)
    return [c for c in out if c]


def program(argv):
    """(program, prefix argv that runs it, rest of argv, env) or None when argv is no command."""
    env = {}
    while argv and re.match(r"^[A-Z_][A-Z0-9_]*=", argv[0]):
        k, v = argv[0].split("=", 1)
        env[k] = v
        argv = argv[1:]
    if not argv:
        return ("env", [], [], env) if env else None
    first = argv[0]
    if first in ("python", "python3") and len(argv) > 2 and argv[1] == "-m":
        mod = argv[2]
        return (mod, [PY, "-m", mod], argv[3:], env)
    if first in ("python", "python3") and len(argv) > 1 and argv[1].endswith(".py"):
        return ("script:" + argv[1], [first, argv[1]], argv[2:], env)
    if first == "php" and len(argv) > 1 and not argv[1].startswith("-"):  # `php artisan …`, `php bin/console …`
        return ("script:" + argv[1], [first, argv[1]], argv[2:], env)
    if first == "java" and "-jar" in argv[1:-1]:
        at = argv.index("-jar") + 1
        return ("jar:" + argv[at], argv[:at + 1], argv[at + 1:], env)
    if first == "npx" and len(argv) > 1:
        return ("npx:" + argv[1], ["npx", argv[1]], argv[2:], env)
    if first == "./gradlew":
        return ("gradle", ["gradle"], argv[1:], env)
    if first == "vendor/bin/phpunit":
        return ("phpunit", [first], argv[1:], env)
    if first == "bundle" and len(argv) > 2 and argv[1] == "exec":  # the gem's own program
        return (argv[2], [argv[2]], argv[3:], env)
    if first in ("pytest", "mypy", "pip"):
        return (first, [PY, "-m", first], argv[1:], env)
    if not re.match(r"^[a-z][\w.+-]*$", first):
        return None
    if first not in NOT_INSTALLED and first not in SUBCOMMANDS and first not in NOT_RUN and \
            shutil.which(first) is None:
        return None  # a word, not a program (`del`, `argLine`)
    return (first, [first], argv[1:], env)


def is_option(arg):
    return arg.startswith("-") and arg != "-" and not re.match(r"^-\d", arg)


def options(args):
    """The options a command uses, as its help would list them (before a `--`)."""
    out = []
    for a in args:
        if a == "--":
            break
        if is_option(a):
            out.append(a.split("=", 1)[0])
    return out


def in_help(opt, text):
    def listed(o):
        return re.search(r"(?<![\w-])" + re.escape(o) + r"(?![\w-])", text) is not None
    if listed(opt):
        return True
    if opt.startswith("--"):
        return False
    if len(opt) > 2 and opt[1:] == opt[1] * (len(opt) - 1):  # -vv
        return listed(opt[:2])
    if re.match(r"^-[A-Z]\w", opt):  # -Dtest=…, -Xmx: a property, the letter is the option
        return listed(opt[:2])
    return len(opt) > 2 and all(listed("-" + c) for c in opt[1:])  # -sv, -af


def run(argv, cwd, env=None, timeout=180):
    e = dict(os.environ, **(env or {}))
    e.setdefault("CARGO_NET_OFFLINE", "true")
    e.setdefault("GOFLAGS", "-mod=mod")
    e["GOPROXY"] = "off"
    try:
        p = subprocess.run(argv, cwd=cwd, env=e, capture_output=True, text=True, timeout=timeout,
                           stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return 124, "", f"timed out after {timeout}s"
    return p.returncode, p.stdout, p.stderr


def strip_ansi(text):
    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]|.\x08", "", text)  # gcloud's bold, man-style overstrike


HELP_CACHE = {}


def help_text(prog, argv):
    """(exit code, help text) of PROG … --help (git -h, curl --help all, aws … help); argv is the command."""
    flag = (["-h"] if prog in ("git", "nc") else ["--help", "all"] if prog == "curl" else
            ["help"] if prog == "aws" else ["--help"])  # the AWS CLI: `aws SERVICE OPERATION help`
    key = tuple(argv + flag)
    if key not in HELP_CACHE:
        code, out, err = run(list(key), tempfile.gettempdir(), timeout=60)
        HELP_CACHE[key] = (0 if prog == "git" and code == 129 else code, strip_ansi(out + err), " ".join(key))
    return HELP_CACHE[key]


def lists_command(text, word):
    """Whether a help lists WORD as one of its commands: at the start of an indented line, alone or
    followed by its description, an alias (`build, b`) or a plugin mark (docker's `compose*`)."""
    return re.search(r"(?m)^[ \t]+(?:[\w.-]+,[ \t]*)*" + re.escape(word) + r"\*?(?=,|[ \t]{2,}|[ \t]*$)",
                     text) is not None


def command_levels(prog, prefix, args):
    """The command's levels (prefix, prefix + sub, …, each an argv whose --help is read) and its
    options, each with the level it stands at (an option before a subcommand is the parent's).
    A word the help does not list is a positional argument, unless `… WORD --help` says it is an
    unknown command (`kubectl rolout status`): then the error is returned as a third level."""
    levels, placed = [list(prefix)], []
    plugin = next((w for w in PLUGINS if w[0] == prog and tuple(args[:len(w) - 1]) == w[1:]), None)
    if plugin:  # HOST PLUGIN-WORDS: the plugin's help is the first level read
        levels = [list(prefix) + list(plugin[1:])]
        args = args[len(plugin) - 1:]
    if prog in SUBCOMMANDS:
        subs = []
        for a in args[:SUBCOMMANDS[prog]]:
            if not PLAIN_WORD.match(a):
                break
            subs.append(a)
        return [levels[0] + subs], [(0, o) for o in options(args)], None
    positional, prev = False, ""
    for a in args:
        if a == "--":
            break
        if is_option(a):
            placed.append((len(levels) - 1, a.split("=", 1)[0]))
        elif not positional and PLAIN_WORD.match(a):
            code, text, _ = help_text(prog, levels[-1])
            if code == 0 and lists_command(text, a):
                levels.append(levels[-1] + [a])
            elif not (is_option(prev) and "=" not in prev):
                code, text, shown = help_text(prog, levels[-1] + [a])
                if code != 0 or USAGE_ERROR.search(text):
                    return levels, placed, f"`{shown}` exited {code}: {text.strip()[-300:]}"
                positional = True
        elif not (is_option(prev) and "=" not in prev):  # not the value of the option before it
            positional = True
        prev = a
    return levels, placed, None


def plugin_missing(prog, prefix, args):
    """Why the CLI plugin the command names is not installed, or None."""
    for words, reason in PLUGINS.items():
        if words[0] != prog or tuple(args[:len(words) - 1]) != words[1:]:
            continue
        code, text, _ = help_text(prog, list(prefix))
        if code == 0 and lists_command(text, words[1]):
            return None
        if prog in PATH_PLUGIN_HOSTS and shutil.which("-".join(words)):
            return None
        return f"`{' '.join(words)}`: {reason}"
    return None


# Options pytest has only with a plugin: the plugin's module.
PYTEST_PLUGIN_OPTIONS = {"--cov": "pytest_cov", "--cov-report": "pytest_cov", "--cov-fail-under": "pytest_cov",
                         "-n": "xdist", "--dist": "xdist", "--random-order": "random_order"}


def extra_help(prog, args, tmp):
    """Help text a program keeps apart from `PROG SUBCOMMAND --help`: a task's options, a mode's."""
    if prog == "gradle":
        proj = os.path.join(tmp, "gradle-project")
        if not os.path.exists(proj):
            os.makedirs(proj)
            open(os.path.join(proj, "settings.gradle"), "w").close()
            with open(os.path.join(proj, "build.gradle"), "w") as fh:
                fh.write("apply plugin: 'java'\n")
        text = ""
        # a task, or a project's task (`:catalog:test`, `:dependencies`): the scratch project's task
        for task in [a.rsplit(":", 1)[-1] for a in args if re.match(r"^(?::[\w-]+)*:?[a-z]\w*$", a)]:
            text += "".join(run(["gradle", "--offline", "-q", "help", "--task", task], proj, timeout=300)[1:])
        return text
    if prog == "cmake" and "--build" in args:
        return "".join(run(["cmake", "--build"], tmp, timeout=60)[1:])
    return ""


def help_check(prog, prefix, args, tmp):
    if prog == "pytest":
        for o in options(args):
            plugin = PYTEST_PLUGIN_OPTIONS.get(o)
            if plugin and run([PY, "-c", f"import {plugin}"], tmp)[0] != 0:
                return ("skipped", f"pytest option {o} needs the plugin {plugin}, not installed")
    if prog == "docker" and args[:1] == ["build"] and run(["docker", "buildx", "version"], tmp)[0] != 0:
        return ("skipped", "docker build's BuildKit options need the buildx plugin, not installed")
    missing_plugin = plugin_missing(prog, prefix, args)
    if missing_plugin:
        return ("skipped", missing_plugin)
    if prog == "mix":  # a Mix task's help is `mix help TASK`; `mix TASK --help` runs the task
        if not args or not re.match(r"^[a-z][\w.]*$", args[0]):
            return ("failed", "a mix command names no task")
        code, text, _ = run(["mix", "help", args[0]], tmp, timeout=60)
        if code != 0:
            return ("failed", f"`mix help {args[0]}` exited {code}: {text.strip()[-300:]}")
        missing = [o for o in options(args[1:]) if not in_help(o, strip_ansi(text))]
        return ("failed", f"`mix help {args[0]}` does not list {', '.join(missing)}") if missing else ("ran", None)
    levels, placed, unknown = command_levels(prog, prefix, args)
    if unknown:
        return ("failed", unknown)
    texts = []
    for level in levels:
        code, text, shown = help_text(prog, level)
        if code != 0:
            return ("failed", f"`{shown}` exited {code}: {text.strip()[-300:]}")
        texts.append(text)
    extra = "".join(strip_ansi(run(e, tempfile.gettempdir(), timeout=60)[1]) for e in GLOBAL_HELP.get(prog, []))
    extra += extra_help(prog, args, tmp)
    missing = [o for level, o in placed if not any(in_help(o, t) for t in texts[:level + 1] + [extra])]
    if missing:
        return ("failed", f"`{help_text(prog, levels[-1])[2]}` does not list {', '.join(missing)}")
    return ("ran", None)


def scratch_files(args, root, content=""):
    """Creates the files a command names (relative paths with an extension) in the scratch dir."""
    for a in args:
        if a.startswith("-") or "/" not in a and "." not in a or a in (".", "./..."):
            continue
        if a == PLACEHOLDER or a.startswith("'") or "::" in a:
            continue
        path = os.path.join(root, a.replace(PLACEHOLDER, "x"))
        if os.path.splitext(path)[1] and not os.path.exists(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as fh:
                fh.write(content)


def real_run(prog, prefix, args, env, tmp):
    """Runs the command in a scratch project; the error when it is not a command the tool accepts."""
    args = [a.replace(PLACEHOLDER, "x") for a in args]
    if prog == "cargo":
        if not os.path.exists(os.path.join(tmp, "crate")):
            code, _, err = run(["cargo", "new", "--lib", "--vcs", "none", "--name", "scratch", "crate"], tmp)
            if code:
                return f"cargo new failed: {err[-300:]}"
        cwd = os.path.join(tmp, "crate")
    elif prog in ("go", "gofmt"):
        cwd = os.path.join(tmp, "gomod")
        if not os.path.exists(cwd):
            os.makedirs(cwd)
            with open(os.path.join(cwd, "go.mod"), "w") as fh:
                fh.write("module example.com/m\n\ngo 1.19\n")
            with open(os.path.join(cwd, "m.go"), "w") as fh:
                fh.write("package m\n\nfunc Add(a, b int) int { return a + b }\n")
            with open(os.path.join(cwd, "m_test.go"), "w") as fh:
                fh.write('package m\n\nimport "testing"\n\nfunc TestAdd(t *testing.T) {\n'
                         '\tif Add(1, 2) != 3 {\n\t\tt.Fatal("sum")\n\t}\n}\n')
    else:
        cwd = tempfile.mkdtemp(dir=tmp)
        if prog == "make":
            with open(os.path.join(cwd, "Makefile"), "w") as fh:
                fh.write("all:\n\t@true\n")
        if prog == "node":
            os.makedirs(os.path.join(cwd, "test"))
            with open(os.path.join(cwd, "test", "a.test.js"), "w") as fh:
                fh.write("const test = require('node:test');\ntest('x', () => {});\n")
        if prog == "shellcheck":  # every argument is a script
            for a in args:
                if not a.startswith("-"):
                    os.makedirs(os.path.dirname(os.path.join(cwd, a)) or cwd, exist_ok=True)
                    with open(os.path.join(cwd, a), "w") as fh:
                        fh.write("#!/bin/sh\ntrue\n")
        else:
            scratch_files(args, cwd)
    code, out, err = run(prefix + args, cwd, env)
    text = out + err
    if USAGE_ERROR.search(text) or code == 124:
        return f"exit {code}: {text.strip()[-400:]}"
    usage_codes = {"shellcheck": {3, 4}, "node": {9}, "go": {2}, "make": {2}, "clang-format": set(),
                   "cargo": set(), "terraform": set(), "gofmt": {2}, "which": {2}}
    if code in usage_codes.get(prog, set()):
        return f"exit {code} (a usage error): {text.strip()[-400:]}"
    if prog == "cargo" and code != 0 and "error[" in text:
        return f"did not build: {text.strip()[-400:]}"
    return None


RUN_FOR_REAL = {"cargo", "go", "gofmt", "node", "shellcheck", "make", "terraform", "clang-format", "which"}


def project_script(script, args, tmp):
    """`python SCRIPT.py …`: a project's own script. One a framework provides is checked through the
    framework's own command (manage.py: `python -m django SUBCOMMAND --help`); any other is the
    project's, with options no help here lists."""
    name = os.path.basename(script)
    if name not in PROJECT_SCRIPTS:
        return ("skipped", f"{script}: a project's own script (its options are the project's)")
    mod, what = PROJECT_SCRIPTS[name]
    if run([PY, "-c", f"import {mod}"], tmp)[0] != 0:
        return ("skipped", f"{script}: {what}; python module {mod} is not installed")
    return help_check(mod, [PY, "-m", mod], args, tmp)


def jar_command(jar, prefix, args, tmp):
    """`java -jar JAR …`: the options are the jar's own; its --help is read where Debian installs it."""
    if shutil.which("java") is None:
        return ("skipped", f"java: {NOT_INSTALLED['java']}")
    found = [os.path.join(d, os.path.basename(jar)) for d in JAR_DIRS
             if os.path.isfile(os.path.join(d, os.path.basename(jar)))]
    if not found:
        return ("skipped", f"{jar}: a jar that is not installed here (not in {', '.join(JAR_DIRS)})")
    return help_check("jar:" + jar, prefix[:-1] + found[:1], args, tmp)


def check(span, tmp):
    """('ran'|'skipped'|'failed'|'none', detail) for one code span."""
    segs = segments(span)
    if segs is None:
        first = span.split()[0] if span.split() else span
        return ("failed", "unbalanced quotes") if program([first]) else ("none", "not shell")
    results = []
    for argv in segs:
        p = program(argv)
        if p is None:
            if argv is segs[0]:
                return ("none", "not a command")
            continue
        prog, prefix, args, env = p
        if prog == "env":  # NAME=VALUE alone: a setting; NODE_OPTIONS is checked by node itself
            if "NODE_OPTIONS" in env and shutil.which("node"):
                code, out, err = run(["node", "-e", "0"], tmp, env)
                results.append(("ran", None) if code == 0 else ("failed", err.strip()[-300:]))
            else:
                results.append(("none", "a setting"))
            continue
        if prog.startswith("npx:"):
            results.append(("skipped", f"{prog[4:]}: {NPX_REASON}"))
            continue
        if prog.startswith("script:"):
            results.append(project_script(prog[7:], args, tmp))
            continue
        if prog.startswith("jar:"):
            results.append(jar_command(prog[4:], prefix, args, tmp))
            continue
        exe = prefix[0]
        if prog in PROJECT_VERSIONED:
            results.append(("skipped", f"{prog}: {PROJECT_VERSIONED[prog]}"))
            continue
        if prog in NOT_RUN:
            results.append(("skipped", f"{prog}: {NOT_RUN[prog]}"))
            continue
        if exe != PY and shutil.which(exe) is None:
            results.append(("skipped", f"{prog}: {NOT_INSTALLED.get(prog, 'not on PATH')}"))
            continue
        if exe == PY and run([PY, "-c", f"import {prog}"], tmp)[0] != 0:
            results.append(("skipped", f"python module {prog} is not installed"))
            continue
        if prog == "pytest" and "-p" in args:  # a plugin the remedy names must be installed to test it
            plugin = args[args.index("-p") + 1] if args.index("-p") + 1 < len(args) else ""
            if not plugin.startswith("no:") and run([PY, "-c", f"import {plugin}"], tmp)[0] != 0:
                results.append(("skipped", f"pytest plugin {plugin} is not installed"))
                continue
        if prog in RUN_FOR_REAL and not (prog == "terraform" and args[:1] != ["fmt"]):
            err = real_run(prog, prefix, args, env, tmp)
            results.append(("failed", err) if err else ("ran", None))
        else:
            results.append(help_check(prog, prefix, args, tmp))
    for kind in ("failed", "skipped", "ran"):
        hit = [d for k, d in results if k == kind]
        if hit:
            return kind, "; ".join(d for d in hit if d)
    return "none", "no command"


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    binary = os.path.abspath(sys.argv[1])
    remedies, n_logs = rendered_remedies(binary)
    templates = template_remedies()
    spans = {}
    for source, text in remedies + templates:
        for span in re.findall(r"`([^`\n]+)`", text):
            spans.setdefault(span, source)
    counts = {"ran": 0, "skipped": 0, "failed": 0, "none": 0}
    failures, skips = [], {}
    with tempfile.TemporaryDirectory(prefix="ci-triage-remedies-") as tmp:
        for span, source in sorted(spans.items()):
            kind, detail = check(span, tmp)
            counts[kind] += 1
            log(f"{kind:8} {span}  [{source}]{': ' + detail if detail else ''}")
            if kind == "failed":
                failures.append(f"FAIL: `{span}` ({source}): {detail}")
            elif kind == "skipped":
                skips.setdefault(detail, []).append(span)
    for reason, which in sorted(skips.items()):
        print(f"skipped ({len(which)}): {reason}: " + ", ".join(f"`{s}`" for s in which[:4]) +
              (" …" if len(which) > 4 else ""))
    for f in failures:
        print(f)
    print(f"remedies: {len(remedies)} rendered from {n_logs} logs + {len(templates)} templates of rules/*.json; "
          f"{len(spans)} code spans: {counts['ran']} commands ran, {counts['skipped']} skipped, "
          f"{counts['failed']} failed, {counts['none']} not commands")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
