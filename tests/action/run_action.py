#!/usr/bin/python3
"""Runs a composite action's steps the way the GitHub Actions runner does, for local tests.

Standard library only (run it with /usr/bin/python3 or any Python 3.9+). What it models:
- action.yml is read with a small YAML reader for the subset actions use (block mappings and
  sequences, plain/quoted scalars, `|`/`>` block scalars, comments); anything else is an error.
- `${{ … }}` expressions over the `inputs`, `github`, `runner`, `job`, `env` and `steps`
  contexts: property access (case-insensitive, `a.b-c`, `a['b']`), literals, `!`, `==`, `!=`,
  `<`, `<=`, `>`, `>=`, `&&`, `||`, parentheses, and success(), failure(), always(),
  cancelled(), contains(), startsWith(), endsWith(), format(), toJSON().
- Input defaults (themselves expressions, e.g. `${{ github.token }}`) apply when `with` lacks
  the input; undeclared inputs are reported as the runner's "Unexpected input(s)" warning.
- Each `run:` step gets `shell:` (bash → `bash --noprofile --norc -eo pipefail {0}`,
  sh → `sh -e {0}`, python, or a custom `cmd {0}`), its `env:` (evaluated), `if:` (default
  success()), `working-directory:`, and fresh GITHUB_OUTPUT/GITHUB_STEP_SUMMARY/GITHUB_ENV/
  GITHUB_PATH files; after the step, outputs go to steps.<id>.outputs, the summary is appended
  to the job summary, GITHUB_ENV lines to the env of later steps, GITHUB_PATH lines to PATH.
  Both `name=value` and `name<<DELIM` forms are read. GITHUB_ACTION_PATH is the action's folder.
- Workflow commands on stdout (`::error …::`, `::add-mask::`) are collected.
- The action's `outputs.*.value` are evaluated after the steps.

The scripted context is a dict: {"inputs": {...} (the `with:` map), "github": {...},
"runner": {...}, "job": {...}, "env": {...} (the job's environment)}. runner.temp and
runner.tool_cache default to folders under a temporary directory.

usage: run_action.py ACTION_DIR [--context FILE.json] [--with NAME=VALUE]... [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import uuid


class ActionError(Exception):
    """Malformed action.yml or an expression the runner would reject."""


# --------------------------------------------------------------------------------------------
# YAML subset
# --------------------------------------------------------------------------------------------

class MiniYaml:
    def __init__(self, text: str, name: str = "<yaml>"):
        self.lines = text.replace("\r\n", "\n").split("\n")
        self.i = 0
        self.name = name

    def fail(self, msg: str):
        raise ActionError(f"{self.name}:{self.i + 1}: {msg}")

    @staticmethod
    def indent_of(line: str) -> int:
        return len(line) - len(line.lstrip(" "))

    def skip(self):
        while self.i < len(self.lines):
            s = self.lines[self.i].strip()
            if s == "" or s.startswith("#") or s == "---":
                self.i += 1
                continue
            if self.lines[self.i].lstrip(" ").startswith("\t"):
                self.fail("tab in indentation")
            break

    def parse(self):
        self.skip()
        if self.i >= len(self.lines):
            return None
        node = self.block(self.indent_of(self.lines[self.i]))
        self.skip()
        if self.i < len(self.lines):
            self.fail("unexpected content (bad indentation?)")
        return node

    def block(self, indent: int):
        content = self.lines[self.i].strip()
        if content == "-" or content.startswith("- "):
            return self.seq(indent)
        return self.mapping(indent)

    def mapping(self, indent: int) -> dict:
        out: dict = {}
        while True:
            self.skip()
            if self.i >= len(self.lines):
                return out
            line = self.lines[self.i]
            ind = self.indent_of(line)
            if ind < indent:
                return out
            if ind > indent:
                self.fail("unexpected indentation")
            content = line.strip()
            if content == "-" or content.startswith("- "):
                return out if out else self.fail("sequence item where a key was expected")
            key, rest = self.split_key(content)
            if key in out:
                self.fail(f"duplicate key '{key}'")
            self.i += 1
            out[key] = self.value(rest, indent)

    def split_key(self, content: str):
        if content[0] in "\"'":
            key, rest = self.quoted(content)
            rest = rest.lstrip()
            if not rest.startswith(":"):
                self.fail("expected ':' after a quoted key")
            return key, rest[1:]
        m = re.match(r"([^:#]+?)\s*:(\s|$)", content)
        if not m:
            self.fail(f"expected 'key: value', got '{content}'")
        return m.group(1), content[m.end(1) + 1:]

    def value(self, rest: str, indent: int):
        rest = rest.strip()
        if rest == "" or rest.startswith("#"):
            self.skip()
            if self.i >= len(self.lines):
                return None
            nxt = self.lines[self.i]
            ind = self.indent_of(nxt)
            if ind > indent:
                return self.block(ind)
            if ind == indent and (nxt.strip() == "-" or nxt.strip().startswith("- ")):
                return self.seq(indent)
            return None
        if rest[0] in "|>":
            return self.block_scalar(rest, indent)
        if rest[0] == "[":
            return self.flow_seq(rest)
        if rest[0] in "[{" or rest[0] in "&*!":
            self.fail(f"flow collections, anchors and tags are not supported: '{rest}'")
        return self.scalar(rest)

    def flow_seq(self, rest: str) -> list:
        """A one-line flow sequence of scalars: [a, "b, c", 'd']."""
        items, i, cur = [], 1, ""
        while i < len(rest):
            c = rest[i]
            if c in "\"'" and cur.strip() == "":
                val, after = self.quoted(rest[i:])
                items.append(val)
                i = len(rest) - len(after)
                cur = None
                continue
            if c in ",]":
                if cur is not None and cur.strip():
                    items.append(self.scalar(cur.strip()))
                elif cur is not None and c == ",":
                    self.fail("empty item in a flow sequence")
                cur = ""
                if c == "]":
                    tail = rest[i + 1:].strip()
                    if tail and not tail.startswith("#"):
                        self.fail(f"unexpected text after a flow sequence: '{tail}'")
                    return items
            elif c in "[{":
                self.fail("nested flow collections are not supported")
            elif cur is None:
                if not c.isspace():
                    self.fail("unexpected text after a quoted item")
            else:
                cur += c
            i += 1
        self.fail("unterminated flow sequence")

    def seq(self, indent: int) -> list:
        out = []
        while True:
            self.skip()
            if self.i >= len(self.lines):
                return out
            line = self.lines[self.i]
            ind = self.indent_of(line)
            content = line.strip()
            if ind < indent or not (content == "-" or content.startswith("- ")):
                if ind > indent:
                    self.fail("unexpected indentation in a sequence")
                return out
            if ind > indent:
                self.fail("unexpected indentation in a sequence")
            after = line[ind + 1:]
            if after.strip() == "" or after.strip().startswith("#"):
                self.i += 1
                self.skip()
                out.append(self.block(self.indent_of(self.lines[self.i])))
                continue
            item_indent = ind + 1 + self.indent_of(after)
            item = after.strip()
            if item.startswith("- ") or re.match(r"([^:#\"']+?)\s*:(\s|$)", item) or \
                    (item[0] in "\"'" and re.match(r"^(\"[^\"]*\"|'[^']*')\s*:", item)):
                self.lines[self.i] = " " * item_indent + item
                out.append(self.block(item_indent))
            else:
                self.i += 1
                out.append(self.value(item, ind))
        return out

    def block_scalar(self, header: str, indent: int) -> str:
        m = re.match(r"([|>])([-+]?)\s*(#.*)?$", header)
        if not m:
            self.fail(f"unsupported block scalar header '{header}'")
        style, chomp = m.group(1), m.group(2)
        raw = []
        block_indent = None
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if line.strip() == "":
                raw.append("")
                self.i += 1
                continue
            ind = self.indent_of(line)
            if block_indent is None:
                if ind <= indent:
                    break
                block_indent = ind
            if ind < block_indent:
                break
            raw.append(line[block_indent:])
            self.i += 1
        while raw and raw[-1] == "":
            raw.pop()
        if style == "|":
            text = "\n".join(raw)
        else:
            text, prev_blank = "", True
            for r in raw:
                if r == "":
                    text += "\n"
                    prev_blank = True
                elif r.startswith(" "):
                    text += ("" if prev_blank else "\n") + r
                    prev_blank = False
                else:
                    text += ("" if prev_blank else " ") + r
                    prev_blank = False
        if chomp != "-" and text:
            text += "\n"
        return text

    def quoted(self, s: str):
        q = s[0]
        i, out = 1, []
        while i < len(s):
            c = s[i]
            if q == "'" and c == "'":
                if s[i + 1:i + 2] == "'":
                    out.append("'")
                    i += 2
                    continue
                return "".join(out), s[i + 1:]
            if q == '"' and c == "\\":
                esc = s[i + 1:i + 2]
                table = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "/": "/", "r": "\r", "0": "\0"}
                if esc not in table:
                    self.fail(f"unsupported escape '\\{esc}'")
                out.append(table[esc])
                i += 2
                continue
            if q == '"' and c == '"':
                return "".join(out), s[i + 1:]
            out.append(c)
            i += 1
        self.fail("unterminated quoted string (multi-line quoted scalars are not supported)")

    def scalar(self, s: str):
        if s[0] in "\"'":
            val, rest = self.quoted(s)
            rest = rest.strip()
            if rest and not rest.startswith("#"):
                self.fail(f"unexpected text after a quoted scalar: '{rest}'")
            return val
        m = re.search(r"\s#", s)
        if m:
            s = s[: m.start()]
        s = s.strip()
        if s in ("true", "True", "TRUE"):
            return True
        if s in ("false", "False", "FALSE"):
            return False
        if s in ("null", "~", "Null", "NULL"):
            return None
        if re.fullmatch(r"[-+]?[0-9]+", s):
            return int(s)
        if re.fullmatch(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?", s):
            return float(s)
        return s


def load_yaml(path: str):
    with open(path, encoding="utf-8") as f:
        return MiniYaml(f.read(), path).parse()


# --------------------------------------------------------------------------------------------
# Expressions
# --------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"""\s*(?:
    (?P<str>'(?:[^']|'')*')
  | (?P<num>-?(?:0x[0-9a-fA-F]+|[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?))
  | (?P<op>==|!=|<=|>=|&&|\|\||[!<>()\[\].,*])
  | (?P<name>[A-Za-z_][A-Za-z0-9_-]*)
)""", re.X)


def _tokens(expr: str):
    pos, out = 0, []
    while pos < len(expr):
        if expr[pos:].strip() == "":
            break
        m = _TOKEN.match(expr, pos)
        if not m:
            raise ActionError(f"expression '{expr}': unexpected text at '{expr[pos:]}'")
        pos = m.end()
        kind = m.lastgroup
        out.append((kind, m.group(kind)))
    return out


def _lookup(obj, key):
    if isinstance(obj, dict):
        if key in obj:
            return obj[key]
        low = str(key).lower()
        for k, v in obj.items():
            if str(k).lower() == low:
                return v
        return None
    if isinstance(obj, list) and isinstance(key, (int, float)) and 0 <= int(key) < len(obj):
        return obj[int(key)]
    return None


def _truthy(v) -> bool:
    if v is None or v is False:
        return False
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return v != 0
    if isinstance(v, str):
        return v != ""
    return True


def to_string(v) -> str:
    if v is None:
        return ""
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, (dict, list)):
        return json.dumps(v, indent=2)
    return str(v)


def _coerce_num(v):
    if v is None:
        return 0
    if isinstance(v, bool):
        return 1 if v else 0
    if isinstance(v, (int, float)):
        return v
    if isinstance(v, str):
        s = v.strip()
        if s == "":
            return 0
        try:
            return int(s, 0) if re.fullmatch(r"-?(0x[0-9a-fA-F]+|[0-9]+)", s) else float(s)
        except ValueError:
            return float("nan")
    return float("nan")


def _equal(a, b) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return a.lower() == b.lower()
    if type(a) is type(b) or (isinstance(a, (int, float)) and isinstance(b, (int, float))
                              and not isinstance(a, bool) and not isinstance(b, bool)):
        return a == b
    if isinstance(a, (dict, list)) or isinstance(b, (dict, list)):
        return a is b
    return _coerce_num(a) == _coerce_num(b)


class Evaluator:
    """Evaluates one expression against contexts and the job status."""

    def __init__(self, contexts: dict, status: str = "success"):
        self.contexts = contexts
        self.status = status

    def evaluate(self, expr: str):
        self.expr = expr
        self.toks = _tokens(expr)
        self.p = 0
        v = self._or()
        if self.p != len(self.toks):
            raise ActionError(f"expression '{expr}': unexpected '{self.toks[self.p][1]}'")
        return v

    def _peek(self):
        return self.toks[self.p] if self.p < len(self.toks) else (None, None)

    def _take(self, value=None):
        tok = self._peek()
        if tok[0] is None or (value is not None and tok[1] != value):
            raise ActionError(f"expression '{self.expr}': expected '{value or 'a value'}'")
        self.p += 1
        return tok

    def _or(self):
        v = self._and()
        while self._peek() == ("op", "||"):
            self.p += 1
            rhs = self._and()
            v = v if _truthy(v) else rhs
        return v

    def _and(self):
        v = self._cmp()
        while self._peek() == ("op", "&&"):
            self.p += 1
            rhs = self._cmp()
            v = rhs if _truthy(v) else v
        return v

    def _cmp(self):
        v = self._unary()
        tok = self._peek()
        if tok[0] == "op" and tok[1] in ("==", "!=", "<", "<=", ">", ">="):
            self.p += 1
            rhs = self._unary()
            if tok[1] == "==":
                return _equal(v, rhs)
            if tok[1] == "!=":
                return not _equal(v, rhs)
            a, b = (v.lower(), rhs.lower()) if isinstance(v, str) and isinstance(rhs, str) \
                else (_coerce_num(v), _coerce_num(rhs))
            return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[tok[1]]
        return v

    def _unary(self):
        if self._peek() == ("op", "!"):
            self.p += 1
            return not _truthy(self._unary())
        return self._postfix(self._primary())

    def _postfix(self, v):
        while True:
            tok = self._peek()
            if tok == ("op", "."):
                self.p += 1
                kind, name = self._take()
                if kind not in ("name", "num"):
                    raise ActionError(f"expression '{self.expr}': bad property '{name}'")
                v = _lookup(v, name)
            elif tok == ("op", "["):
                self.p += 1
                key = self._or()
                self._take("]")
                v = _lookup(v, key)
            else:
                return v

    def _primary(self):
        kind, val = self._take()
        if kind == "str":
            return val[1:-1].replace("''", "'")
        if kind == "num":
            return _coerce_num(val)
        if kind == "op" and val == "(":
            v = self._or()
            self._take(")")
            return v
        if kind == "name":
            if val == "true":
                return True
            if val == "false":
                return False
            if val == "null":
                return None
            if self._peek() == ("op", "("):
                self.p += 1
                args = []
                if self._peek() != ("op", ")"):
                    args.append(self._or())
                    while self._peek() == ("op", ","):
                        self.p += 1
                        args.append(self._or())
                self._take(")")
                return self._call(val, args)
            ctx = _lookup(self.contexts, val)
            if val.lower() not in {k.lower() for k in self.contexts}:
                raise ActionError(f"expression '{self.expr}': unrecognized named-value '{val}'")
            return ctx
        raise ActionError(f"expression '{self.expr}': unexpected '{val}'")

    def _call(self, name, args):
        n = name.lower()
        if n in ("success", "failure", "always", "cancelled"):
            if args:
                raise ActionError(f"{name}() takes no arguments")
            return {"success": self.status == "success", "failure": self.status == "failure",
                    "always": True, "cancelled": self.status == "cancelled"}[n]
        if n == "contains":
            hay, needle = args
            if isinstance(hay, list):
                return any(_equal(x, needle) for x in hay)
            return to_string(needle).lower() in to_string(hay).lower()
        if n == "startswith":
            return to_string(args[0]).lower().startswith(to_string(args[1]).lower())
        if n == "endswith":
            return to_string(args[0]).lower().endswith(to_string(args[1]).lower())
        if n == "format":
            fmt = to_string(args[0])
            return re.sub(r"\{(\d+)\}", lambda m: to_string(args[1 + int(m.group(1))]), fmt)
        if n == "tojson":
            return json.dumps(args[0], indent=2)
        raise ActionError(f"unknown function {name}() in '{self.expr}'")


_EXPR = re.compile(r"\$\{\{(.*?)\}\}", re.S)


def substitute(text, contexts: dict, status: str = "success"):
    """Replaces every ${{ expr }} in text (a YAML value) with its string value."""
    if not isinstance(text, str):
        return to_string(text)
    ev = Evaluator(contexts, status)
    return _EXPR.sub(lambda m: to_string(ev.evaluate(m.group(1))), text)


def condition(expr, contexts: dict, status: str) -> bool:
    """An `if:` value: an expression with or without ${{ }}; implicit success() when it
    calls none of the status functions (as the runner does)."""
    if expr is None or expr == "":
        expr = "success()"
    expr = to_string(expr).strip()
    m = re.fullmatch(r"\$\{\{(.*)\}\}", expr, re.S)
    if m:
        expr = m.group(1)
    if not re.search(r"\b(success|failure|always|cancelled)\s*\(", expr, re.I):
        expr = f"success() && ({expr})"
    return _truthy(Evaluator(contexts, status).evaluate(expr))


# --------------------------------------------------------------------------------------------
# Runner files and commands
# --------------------------------------------------------------------------------------------

def parse_file_commands(path: str) -> list:
    """Pairs from a GITHUB_OUTPUT/GITHUB_ENV file: `name=value` and `name<<DELIM` heredocs."""
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if line.strip() == "":
            continue
        eq, hd = line.find("="), line.find("<<")
        if hd != -1 and (eq == -1 or hd < eq):
            name, delim = line[:hd], line[hd + 2:]
            if not name or not delim:
                raise ActionError(f"{path}: invalid heredoc line '{line}'")
            body = []
            while i < len(lines) and lines[i] != delim:
                body.append(lines[i])
                i += 1
            if i >= len(lines):
                raise ActionError(f"{path}: matching delimiter not found '{delim}'")
            i += 1
            out.append((name, "\n".join(body)))
        elif eq > 0:
            out.append((line[:eq], line[eq + 1:]))
        else:
            raise ActionError(f"{path}: invalid line '{line}'")
    return out


_COMMAND = re.compile(r"^::([A-Za-z-]+)( [^:]*)?::(.*)$")


def workflow_commands(stdout: str) -> list:
    cmds = []
    for line in stdout.splitlines():
        m = _COMMAND.match(line)
        if m:
            props = {}
            for part in (m.group(2) or "").strip().split(","):
                if "=" in part:
                    k, v = part.split("=", 1)
                    props[k.strip()] = v
            cmds.append({"command": m.group(1), "properties": props, "message": m.group(3)})
    return cmds


SHELLS = {
    "bash": ["bash", "--noprofile", "--norc", "-eo", "pipefail", "{0}"],
    "sh": ["sh", "-e", "{0}"],
    "python": ["python3", "{0}"],
}


def run_action(action_dir: str, context: dict | None = None, only_steps=None,
               timeout: float = 3600, echo: bool = False) -> dict:
    """Runs the composite action in action_dir. context: see the module docstring.
    only_steps: run just the steps with these ids (others are recorded as skipped)."""
    context = json.loads(json.dumps(context or {}))
    action_dir = os.path.abspath(action_dir)
    path = os.path.join(action_dir, "action.yml")
    if not os.path.exists(path):
        path = os.path.join(action_dir, "action.yaml")
    action = load_yaml(path)
    runs = action.get("runs") or {}
    if runs.get("using") != "composite":
        raise ActionError(f"{path}: runs.using is '{runs.get('using')}', not composite")

    work = tempfile.mkdtemp(prefix="run-action-")
    runner = {"os": "Linux", "arch": "X64", "name": "local-runner", "environment": "github-hosted",
              "temp": os.path.join(work, "temp"), "tool_cache": os.path.join(work, "tool-cache")}
    runner.update(context.get("runner") or {})
    os.makedirs(runner["temp"], exist_ok=True)
    os.makedirs(runner["tool_cache"], exist_ok=True)
    github = {"token": "", "workspace": os.path.join(work, "workspace"), "action_path": action_dir,
              "repository": "", "run_id": "", "run_attempt": "1", "event_name": "push"}
    github.update(context.get("github") or {})
    os.makedirs(github["workspace"], exist_ok=True)
    job = {"status": "success", "check_run_id": None}
    job.update(context.get("job") or {})
    job_env = {k: to_string(v) for k, v in (context.get("env") or {}).items()}

    # Inputs: `with` values, else the declared default (an expression may appear in either).
    declared = action.get("inputs") or {}
    given = {k.lower(): v for k, v in (context.get("inputs") or {}).items()}
    warnings = []
    unexpected = sorted(set(given) - {k.lower() for k in declared})
    if unexpected:
        warnings.append("Unexpected input(s) " + ", ".join(f"'{u}'" for u in unexpected))
    base_ctx = {"github": github, "runner": runner, "job": job, "env": job_env,
                "inputs": {}, "steps": {}, "strategy": {}, "matrix": {}}
    inputs = {}
    for name, spec in declared.items():
        spec = spec or {}
        if name.lower() in given:
            inputs[name] = to_string(given[name.lower()])
        else:
            if spec.get("required") and "default" not in spec:
                warnings.append(f"Input required and not supplied: {name}")
            inputs[name] = substitute(spec.get("default", ""), base_ctx)
    base_ctx["inputs"] = inputs

    env_base = {
        "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/root"),
        "LANG": os.environ.get("LANG", "C.UTF-8"),
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITHUB_ACTION_PATH": action_dir,
        "GITHUB_WORKSPACE": github["workspace"],
        "RUNNER_OS": runner["os"],
        "RUNNER_ARCH": runner["arch"],
        "RUNNER_NAME": runner["name"],
        "RUNNER_TEMP": runner["temp"],
        "RUNNER_TOOL_CACHE": runner["tool_cache"],
    }
    for key in ("repository", "run_id", "run_attempt", "event_name", "sha", "ref", "workflow",
                "server_url", "api_url", "event_path", "actor", "job"):
        if github.get(key) not in (None, ""):
            env_base["GITHUB_" + key.upper()] = to_string(github[key])
    env_base.update(job_env)
    extra_path: list = []
    summary_path = os.path.join(runner["temp"], "job-summary.md")
    open(summary_path, "w").close()

    result = {"status": "success", "steps": {}, "outputs": {}, "summary": "", "warnings": warnings,
              "commands": [], "path_added": [], "env_added": {}, "inputs": inputs,
              "work_dir": work}
    status = "success"
    for index, step in enumerate(runs.get("steps") or []):
        sid = step.get("id") or f"__step{index + 1}"
        rec = {"name": step.get("name", sid), "outcome": "skipped", "conclusion": "skipped",
               "outputs": {}, "stdout": "", "stderr": "", "rc": None}
        result["steps"][sid] = rec
        ctx = dict(base_ctx, env=dict(job_env, **result["env_added"]),
                   steps={k: {"outputs": v["outputs"], "outcome": v["outcome"],
                              "conclusion": v["conclusion"]}
                          for k, v in result["steps"].items() if k != sid})
        ctx["job"] = dict(job, status=status)
        if only_steps is not None and sid not in only_steps:
            continue
        if not condition(step.get("if"), ctx, status):
            continue
        if "uses" in step:
            raise ActionError(f"step '{sid}': `uses:` steps are not supported by this harness")
        if "run" not in step:
            raise ActionError(f"step '{sid}': neither run nor uses")
        if not step.get("shell"):
            raise ActionError(f"step '{sid}': a composite run step needs shell:")
        script = substitute(step["run"], ctx, status)
        shell = substitute(step["shell"], ctx, status)
        argv = SHELLS.get(shell) or shell.split()
        if "{0}" not in argv:
            raise ActionError(f"step '{sid}': custom shell '{shell}' must contain {{0}}")
        files = {}
        step_dir = os.path.join(runner["temp"], "_runner_file_commands", uuid.uuid4().hex)
        os.makedirs(step_dir)
        for kind in ("OUTPUT", "STEP_SUMMARY", "ENV", "PATH", "STATE"):
            files[kind] = os.path.join(step_dir, kind.lower())
            open(files[kind], "w").close()
        script_path = os.path.join(step_dir, "script" + (".py" if shell == "python" else ".sh"))
        with open(script_path, "w") as f:
            f.write(script)
        env = dict(env_base, **result["env_added"])
        if extra_path:
            env["PATH"] = os.pathsep.join(reversed(extra_path)) + os.pathsep + env["PATH"]
        for k, v in (step.get("env") or {}).items():
            env[k] = substitute(v, ctx, status)
        env.update({"GITHUB_OUTPUT": files["OUTPUT"], "GITHUB_STEP_SUMMARY": files["STEP_SUMMARY"],
                    "GITHUB_ENV": files["ENV"], "GITHUB_PATH": files["PATH"],
                    "GITHUB_STATE": files["STATE"]})
        cwd = step.get("working-directory")
        cwd = os.path.join(github["workspace"], substitute(cwd, ctx, status)) if cwd \
            else github["workspace"]
        try:
            proc = subprocess.run([a.replace("{0}", script_path) for a in argv], cwd=cwd,
                                  env=env, capture_output=True, text=True, timeout=timeout,
                                  errors="replace")
            rc, out, err = proc.returncode, proc.stdout, proc.stderr
        except subprocess.TimeoutExpired as e:
            rc = 124
            out = (e.stdout or b"").decode("utf-8", "replace") if isinstance(e.stdout, bytes) \
                else (e.stdout or "")
            err = f"step timed out after {timeout} s"
        if echo:
            sys.stderr.write(f"--- step {sid} (exit {rc})\n{out}{err}")
        rec.update(rc=rc, stdout=out, stderr=err)
        rec["outputs"] = dict(parse_file_commands(files["OUTPUT"]))
        for k, v in parse_file_commands(files["ENV"]):
            result["env_added"][k] = v
        with open(files["PATH"]) as f:
            for p in f.read().splitlines():
                if p.strip():
                    extra_path.append(p.strip())
                    result["path_added"].append(p.strip())
        with open(files["STEP_SUMMARY"]) as f:
            text = f.read()
        result["summary"] += text
        with open(summary_path, "a") as f:
            f.write(text)
        result["commands"].extend(workflow_commands(out))
        rec["outcome"] = rec["conclusion"] = "success" if rc == 0 else "failure"
        if rc != 0:
            status = "failure"

    result["status"] = status
    final = dict(base_ctx, env=dict(job_env, **result["env_added"]),
                 steps={k: {"outputs": v["outputs"], "outcome": v["outcome"],
                            "conclusion": v["conclusion"]} for k, v in result["steps"].items()})
    for name, spec in (action.get("outputs") or {}).items():
        result["outputs"][name] = substitute((spec or {}).get("value", ""), final, status)
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Run a composite action locally, like the runner.")
    ap.add_argument("action_dir")
    ap.add_argument("--context", help="JSON file: {inputs, github, runner, job, env}")
    ap.add_argument("--with", dest="with_", action="append", default=[], metavar="NAME=VALUE")
    ap.add_argument("--json", action="store_true", help="print the whole result as JSON")
    args = ap.parse_args(argv)
    ctx = {}
    if args.context:
        with open(args.context) as f:
            ctx = json.load(f)
    for kv in args.with_:
        if "=" not in kv:
            ap.error(f"--with needs NAME=VALUE, got '{kv}'")
        k, v = kv.split("=", 1)
        ctx.setdefault("inputs", {})[k] = v
    try:
        res = run_action(args.action_dir, ctx, echo=not args.json)
    except ActionError as e:
        print(f"run_action: error: {e}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(res, indent=2))
    else:
        print(json.dumps({"status": res["status"], "outputs": res["outputs"]}, indent=2))
    return 0 if res["status"] == "success" else 1


if __name__ == "__main__":
    sys.exit(main())
