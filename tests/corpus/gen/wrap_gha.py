#!/usr/bin/python3
"""Wrap CAPTURED tool output in GitHub Actions job-log format and write the label.

Usage: wrap_gha.py SPEC OUTDIR

Everything between a step's `##[endgroup]` and the next runner marker is copied
byte-for-byte (minus the trailing newline) from the captured output file, except
that workflow commands the tool printed (`::error …::msg`, `::group::` …) appear
as the runner logs them (`##[error]msg`, `##[group]` …).  The wrapping
(timestamps, runner preamble, checkout / setup-python / setup-node groups, step
headers, `##[error]Process completed with exit code N.`, post-job cleanup) is
synthetic; its shape is copied from /work/shared/corpus/generated*/ logs and
the runner wording from actions/runner (ScriptHandler.cs, StepsRunner) or from
real logs in /work/shared/corpus.

The output is a pure function of the spec and the captured files: the random
generator is seeded with the case name (random.Random(NAME): a str seed is
hashed with SHA-512, independent of PYTHONHASHSEED), and the job starts a
few seconds before the mtime of the first captured output file.

SPEC is a line-based text file (python3 stdlib only, so no YAML):

    name      NAME                       # output is OUTDIR/NAME.log + NAME.expect.json
    job       test (3.11)
    repo      acme/widgets
    runner    u24 | u22 | u24new | self  # self: self-hosted runner preamble (no image groups)
    runner_name NAME                     # self-hosted runner (= machine) name; default deploy-runner-01
    runner_version 2.328.0               # self-hosted runner version (default 2.328.0)
    start     2025-09-14T08:12:03        # job start (UTC), only if no captured output file exists
    setup     python 3.11.2              # optional actions/setup-python group
    setup     node 20.20.2 [npm=V yarn=V]  # or an actions/setup-node group (node-version: major)
    primary   tests
    categories tests test-isolation
    tool      pytest 7.2.1
    notes     free text
    field     exit_code 1                # JSON value after the key
    evidence  substring                  # first matching OUTPUT line (after previous evidence match)
    evidence_all substring               # every matching output line
    evidence_runner substring            # first matching runner-marker line (##[error]...)
    match_plain 1                        # evidence substrings match the text without ANSI codes
    step      Display name or -          # "-" => "Run <first script line>"
      script  /path/to/script.sh         # script text shown in the header
      shell   /usr/bin/bash -e {0}
      env     KEY: VALUE
      output  /path/to/captured.txt
      from    DIR/IDX                    # = script DIR/stepIDX.sh, output DIR/outIDX.txt, exit DIR/rcIDX,
                                         #   shell DIR/shellIDX, env DIR/envIDX (make_cases.sh cap())
      exit    1                          # exit code (0 = success)
      end     exit | timeout MINUTES | jobtimeout MINUTES | cancel | shutdown
      duration 3.5                       # seconds the step took
      ends_at 45                         # the step's last output line comes SECONDS after the step began
      ansi    1                          # print script lines with \\x1b[36;1m ... \\x1b[0m
      if      failure()                  # the step's `if:` (see "Conditions" below)
    step      Display name or -          # an action (`uses:`) step instead of a run: step
      uses    docker/login-action@v3     # header "Run docker/login-action@v3", then its with: inputs
      with    registry: ghcr.io          # one `with:` input per line
      env     KEY: VALUE
      output  /path/to/action-output.txt # optional: the action's own lines (may hold ##[error] lines)
      exit    1                          # 1 = the action failed: no "Process completed" line is added,
      error   message                    #   each `error` line is an ##[error] annotation after the output

Conditions (what GitHub Actions does): a step without `if` runs only while no
step has failed; `if failure()` runs only after an earlier step failed;
`if always()` runs in any case (also after a cancellation); `if success()`,
`if cancelled()`, `if !cancelled()` as in workflow expressions.  A step that
exits non-zero or hits its step time-out (`end timeout`) fails the job; `end
cancel` and `end jobtimeout` cancel it (only always()/cancelled() steps run on);
`end shutdown` ends it.  Spellings accepted for the same thing: `if failure` /
`if always` (no parentheses), `cond failure` / `cond always`, `always 1`
(= always()).  Preferred: `if failure()` / `if always()`.

Other accepted spellings: `runner selfhosted NAME` (= runner self, runner_name
NAME, default runner_version 2.327.1, default name build-runner-01);
`workflow_commands 1` (workflow commands are always rendered, as the runner
does).  Every action a `uses` step names gets a "Download action repository"
line in the preamble, as the runner prints.

Evidence is searched in the first failed step first (else the last executed
step), then in the whole log.
"""
import json
import os
import random
import re
import sys
import uuid
from datetime import datetime, timedelta

PY_ENV = [
    ("pythonLocation", "/opt/hostedtoolcache/Python/{v}/x64"),
    ("PKG_CONFIG_PATH", "/opt/hostedtoolcache/Python/{v}/x64/lib/pkgconfig"),
    ("Python_ROOT_DIR", "/opt/hostedtoolcache/Python/{v}/x64"),
    ("Python2_ROOT_DIR", "/opt/hostedtoolcache/Python/{v}/x64"),
    ("Python3_ROOT_DIR", "/opt/hostedtoolcache/Python/{v}/x64"),
    ("LD_LIBRARY_PATH", "/opt/hostedtoolcache/Python/{v}/x64/lib"),
]

# actions/setup-node v4.4.0
SETUP_NODE_SHA = "49933ea5288caeca8642d1e84afbd3f7d6820020"

# `if` spellings -> workflow status function
CONDITIONS = {
    "success()": "success", "success": "success",
    "failure()": "failure", "failure": "failure",
    "always()": "always", "always": "always",
    "cancelled()": "cancelled", "cancelled": "cancelled",
    "!cancelled()": "not-cancelled",
}

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# workflow commands a tool prints on stdout; the runner logs them as ##[error]/##[group]...
# (annotation properties such as file= and line= do not appear in the log; the message is
# unescaped, so a %0A in it continues on lines of its own without a timestamp)
WORKFLOW_CMD = re.compile(r"^::(error|warning|notice|debug|group|endgroup)(?: [^:]*)?::(.*)$")


def setup_kind(spec):
    return spec["setup"].split()[0] if spec.get("setup") else None


def on(val):
    return val not in (None, "0", "")


def parse_spec(path):
    spec = {"fields": {}, "evidence": [], "steps": [], "setup": None}
    cur = None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            indented = line.startswith(" ") or line.startswith("\t")
            key, _, val = line.strip().partition(" ")
            val = val.strip() if key not in ("env", "with") else val.lstrip()
            if indented and cur is not None:
                if key == "env":
                    cur["env"].append(val)
                elif key == "with":
                    cur["with"].append(val)
                elif key == "error":
                    cur["errors"].append(val)
                elif key in ("exit",):
                    cur["exit"] = int(val)
                elif key == "duration":
                    cur["duration"] = float(val)
                elif key == "ansi":
                    cur["ansi"] = on(val)
                elif key in ("if", "cond"):
                    if val not in CONDITIONS:
                        sys.exit("%s: unknown step condition %r" % (path, val))
                    cur["if"] = CONDITIONS[val]
                elif key == "always":
                    if on(val):
                        cur["if"] = "always"
                elif key == "from":
                    # DIR/IDX written by make_cases.sh cap(): stepIDX.sh outIDX.txt rcIDX envIDX shellIDX
                    d, _, i = val.rpartition("/")
                    cur["script"] = "%s/step%s.sh" % (d, i)
                    cur["output"] = "%s/out%s.txt" % (d, i)
                    cur["exit"] = int(open("%s/rc%s" % (d, i)).read().strip())
                    if os.path.exists("%s/shell%s" % (d, i)):
                        cur["shell"] = open("%s/shell%s" % (d, i)).read().strip()
                    if os.path.exists("%s/env%s" % (d, i)):
                        for e in open("%s/env%s" % (d, i)).read().splitlines():
                            if e.strip():
                                cur["env"].append(e)
                else:
                    cur[key] = val
                continue
            if key == "step":
                cur = {"name": val, "env": [], "with": [], "errors": [], "shell": "/usr/bin/bash -e {0}",
                       "exit": 0, "end": "exit", "duration": 2.0, "ansi": False, "if": "success"}
                spec["steps"].append(cur)
            elif key == "field":
                k, _, v = val.partition(" ")
                try:
                    spec["fields"][k] = json.loads(v)
                except ValueError:
                    spec["fields"][k] = v  # bare string
            elif key in ("evidence", "evidence_all", "evidence_runner"):
                spec["evidence"].append((key, val))
            elif key == "categories":
                spec["categories"] = val.split()
            elif key == "runner" and val.split()[0] == "selfhosted":
                # alias of `runner self` + `runner_name NAME` with its own defaults
                spec["runner"] = "self"
                spec.setdefault("runner_version", "2.327.1")
                spec.setdefault("runner_name", (val.split() + ["build-runner-01"])[1])
            else:
                spec[key] = val
    return spec


def unescape_data(s):
    return s.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


class Log:
    def __init__(self, start, rng):
        self.t = start
        self.rng = rng
        self.lines = []   # (time, text, kind)  kind: output | marker | other; time None: continuation

    def add(self, text, kind="other", dt=None):
        if dt is None:
            dt = self.rng.uniform(0.00002, 0.0009)
        self.t += timedelta(seconds=dt)
        self.lines.append((self.t, text, kind))

    def add_cont(self, text, kind="other"):
        """A line the runner wrote inside the previous line's message (no timestamp)."""
        self.lines.append((None, text, kind))

    def render(self):
        out = []
        for t, text, _ in self.lines:
            if t is None:
                out.append(text)
                continue
            # DateTime.ToString("O"): 7 fractional digits
            frac = "%07d" % (t.microsecond * 10 + self.rng.randint(0, 9))
            out.append(t.strftime("%Y-%m-%dT%H:%M:%S.") + frac + "Z " + text)
        return "\n".join(out) + "\n"


def sha(rng):
    return "%040x" % rng.getrandbits(160)


def guid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128)))


def preamble(log, spec, rng):
    runner = spec.get("runner", "u24")
    if runner == "self":
        # self-hosted runner: no hosted image groups (shape of public self-hosted job logs and
        # shared/corpus/generated-infra)
        name = spec.get("runner_name", "deploy-runner-01")
        for l in ["Current runner version: '%s'" % spec.get("runner_version", "2.328.0"),
                  "Runner name: '%s'" % name, "Runner group name: 'Default'", "Machine name: '%s'" % name]:
            log.add(l)
        checkout_sha = "08eba0b27e820071cde6df949e0beb9ba4906955"
        setup_sha = "a26af69be951a213d495a4c3e4e4022e16d87065"
        git_version = "2.43.0"
    elif runner == "u22":
        log.add("Current runner version: '2.323.0'")
        for l in ["##[group]Operating System", "Ubuntu", "22.04.5", "LTS", "##[endgroup]",
                  "##[group]Runner Image", "Image: ubuntu-22.04", "Version: 20250330.1.0",
                  "Included Software: https://github.com/actions/runner-images/blob/ubuntu22/20250330.1/images/ubuntu/Ubuntu2204-Readme.md",
                  "Image Release: https://github.com/actions/runner-images/releases/tag/ubuntu22%2F20250330.1",
                  "##[endgroup]", "##[group]Runner Image Provisioner", "2.0.422.1", "##[endgroup]"]:
            log.add(l)
        checkout_sha = "11bd71901bbe5b1630ceea73d27597364c9af683"
        setup_sha = "42375524e23c412d93fb67b49958b491fce71c38"
        git_version = "2.49.0"
    else:
        newer = runner == "u24new"
        log.add("Current runner version: '%s'" % ("2.329.0" if newer else "2.325.0"))
        prov = ["##[group]Runner Image Provisioner", "Hosted Compute Agent",
                "Version: " + ("20251016.436" if newer else "20250620.352"),
                "Commit: " + ("8ab8ac8bfd662a3739dab9fe09456aba92132568" if newer else "0013c1884219cb3883253ea9ebfedbd61138329a"),
                "Build Date: " + ("2025-10-15T20:44:12Z" if newer else "2025-06-20T19:27:17Z"),
                "Worker ID: {%s}" % guid(rng),
                "Azure Region: " + rng.choice(["eastus2", "westus3", "centralus", "westeurope"]),
                "##[endgroup]", "##[group]Operating System", "Ubuntu",
                "24.04.3" if newer else "24.04.2", "LTS", "##[endgroup]",
                "##[group]Runner Image", "Image: ubuntu-24.04"]
        if newer:
            prov += ["Version: 20251102.99.1",
                     "Included Software: https://github.com/actions/runner-images/blob/ubuntu24/20251102.99/images/ubuntu/Ubuntu2404-Readme.md",
                     "Image Release: https://github.com/actions/runner-images/releases/tag/ubuntu24%2F20251102.99"]
        else:
            prov += ["Version: 20250622.1.1",
                     "Included Software: https://github.com/actions/runner-images/blob/ubuntu24/20250622.1/images/ubuntu/Ubuntu2404-Readme.md",
                     "Image Release: https://github.com/actions/runner-images/releases/tag/ubuntu24%2F20250622.1"]
        prov.append("##[endgroup]")
        for l in prov:
            log.add(l)
        checkout_sha = "08eba0b27e820071cde6df949e0beb9ba4906955" if newer else "11bd71901bbe5b1630ceea73d27597364c9af683"
        setup_sha = "a26af69be951a213d495a4c3e4e4022e16d87065"
        git_version = "2.51.2" if newer else "2.49.0"
    for l in ["##[group]GITHUB_TOKEN Permissions", "Contents: read", "Metadata: read"]:
        log.add(l)
    if spec.get("permissions_extra"):
        log.add(spec["permissions_extra"])
    log.add("##[endgroup]")
    for l in ["Secret source: Actions", "Prepare workflow directory", "Prepare all required actions",
              "Getting action download info"]:
        log.add(l)
    log.add("Download action repository 'actions/checkout@v4' (SHA:%s)" % checkout_sha, dt=rng.uniform(0.05, 0.3))
    if setup_kind(spec) == "python":
        log.add("Download action repository 'actions/setup-python@v5' (SHA:%s)" % setup_sha, dt=rng.uniform(0.05, 0.3))
    elif setup_kind(spec) == "node":
        log.add("Download action repository 'actions/setup-node@v4' (SHA:%s)" % SETUP_NODE_SHA,
                dt=rng.uniform(0.05, 0.3))
    for action in dict.fromkeys(st["uses"] for st in spec["steps"] if st.get("uses")):
        log.add("Download action repository '%s' (SHA:%s)" % (action, sha(rng)), dt=rng.uniform(0.05, 0.3))
    log.add("Complete job name: %s" % spec["job"], dt=rng.uniform(0.1, 0.4))
    return git_version


def checkout(log, spec, rng, git_version):
    repo = spec["repo"]
    short = repo.split("/")[1]
    ws = "/home/runner/work/%s/%s" % (short, short)
    branch = spec.get("branch", "main")
    commit = sha(rng)
    for l in ["##[group]Run actions/checkout@v4", "with:", "  repository: " + repo, "  token: ***",
              "  ssh-strict: true", "  ssh-user: git", "  persist-credentials: true", "  clean: true",
              "  sparse-checkout-cone-mode: true", "  fetch-depth: 1", "  fetch-tags: false",
              "  show-progress: true", "  lfs: false", "  submodules: false", "  set-safe-directory: true",
              "##[endgroup]", "Syncing repository: " + repo, "##[group]Getting Git version info",
              "Working directory is '%s'" % ws, "[command]/usr/bin/git version",
              "git version " + git_version, "##[endgroup]",
              "Temporarily overriding HOME='/home/runner/work/_temp/%s' before making global git config changes" % guid(rng),
              "Adding repository directory to the temporary git global config as a safe directory",
              "[command]/usr/bin/git config --global --add safe.directory " + ws,
              "Deleting the contents of '%s'" % ws, "##[group]Initializing the repository",
              "[command]/usr/bin/git init " + ws,
              "hint: Using 'master' as the name for the initial branch. This default branch name",
              "hint: is subject to change. To configure the initial branch name to use in all",
              "hint: of your new repositories, which will suppress this warning, call:",
              "hint:", "hint: \tgit config --global init.defaultBranch <name>", "hint:",
              "hint: Names commonly chosen instead of 'master' are 'main', 'trunk' and",
              "hint: 'development'. The just-created branch can be renamed via this command:",
              "hint:", "hint: \tgit branch -m <name>",
              "Initialized empty Git repository in %s/.git/" % ws,
              "[command]/usr/bin/git remote add origin https://github.com/" + repo, "##[endgroup]",
              "##[group]Disabling automatic garbage collection", "[command]/usr/bin/git config --local gc.auto 0",
              "##[endgroup]", "##[group]Setting up auth",
              "[command]/usr/bin/git config --local --name-only --get-regexp core\\.sshCommand",
              "[command]/usr/bin/git submodule foreach --recursive sh -c \"git config --local --name-only --get-regexp 'core\\.sshCommand' && git config --local --unset-all 'core.sshCommand' || :\"",
              "[command]/usr/bin/git config --local --name-only --get-regexp http\\.https\\:\\/\\/github\\.com\\/\\.extraheader",
              "[command]/usr/bin/git submodule foreach --recursive sh -c \"git config --local --name-only --get-regexp 'http\\.https\\:\\/\\/github\\.com\\/\\.extraheader' && git config --local --unset-all 'http.https://github.com/.extraheader' || :\"",
              "[command]/usr/bin/git config --local http.https://github.com/.extraheader AUTHORIZATION: basic ***",
              "##[endgroup]", "##[group]Fetching the repository",
              "[command]/usr/bin/git -c protocol.version=2 fetch --no-tags --prune --no-recurse-submodules --depth=1 origin +%s:refs/remotes/origin/%s" % (commit, branch),
              "From https://github.com/" + repo,
              " * [new ref]         %s -> origin/%s" % (commit, branch), "##[endgroup]",
              "##[group]Determining the checkout info", "##[endgroup]",
              "[command]/usr/bin/git sparse-checkout disable",
              "[command]/usr/bin/git config --local --unset-all extensions.worktreeConfig",
              "##[group]Checking out the ref",
              "[command]/usr/bin/git checkout --progress --force -B %s refs/remotes/origin/%s" % (branch, branch),
              "Switched to a new branch '%s'" % branch,
              "branch '%s' set up to track 'origin/%s'." % (branch, branch), "##[endgroup]",
              "[command]/usr/bin/git log -1 --format=%H", commit]:
        log.add(l)
    return ws


def setup_python(log, version):
    mm = ".".join(version.split(".")[:2])
    for l in ["##[group]Run actions/setup-python@v5", "with:", "  python-version: " + mm,
              "  check-latest: false", "  token: ***", "  update-environment: true",
              "  allow-prereleases: false", "  freethreaded: false", "##[endgroup]"]:
        log.add(l)
    log.add("##[group]Installed versions", dt=0.11)
    log.add("Successfully set up CPython (%s)" % version, dt=0.17)
    log.add("##[endgroup]", dt=0.14)


def setup_node(log, setup, rng):
    # wording of actions/setup-node@v4 in real job logs (cached version on a hosted image)
    version = setup.split()[1]
    tools = dict(kv.partition("=")[::2] for kv in setup.split()[2:])   # node 20.20.2 npm=11.1.0 yarn=1.22.22
    for l in ["##[group]Run actions/setup-node@v4", "with:", "  node-version: " + version.split(".")[0],
              "  always-auth: false", "  check-latest: false", "  token: ***", "##[endgroup]"]:
        log.add(l)
    log.add("Found in cache @ /opt/hostedtoolcache/node/%s/x64" % version, dt=rng.uniform(0.1, 0.2))
    log.add("##[group]Environment details", dt=0.001)
    log.add("node: v" + version, dt=rng.uniform(0.3, 0.6))
    for l in ["npm: " + tools.get("npm", "10.8.2"), "yarn: " + tools.get("yarn", "1.22.22"), "##[endgroup]"]:
        log.add(l)


def run_step(log, spec, step, rng):
    """Writes one step; returns False if it failed."""
    name = step["name"]
    if step.get("uses"):
        # action step: "Run owner/action@ref", its with: inputs, env:, then what the action printed
        header = name if name != "-" else "Run " + step["uses"]
        log.add("##[group]Run " + step["uses"], kind="marker")
        if step["with"]:
            log.add("with:")
            for w in step["with"]:
                log.add("  " + w)
    else:
        script = open(step["script"], encoding="utf-8").read().rstrip("\n").split("\n")
        # The runner always heads a run: step with "Run <first script line>"
        # (ScriptHandler.cs); the display name only appears in runner messages.
        header = name if name != "-" else "Run " + script[0]
        log.add("##[group]Run " + script[0], kind="marker")
        for s in script:
            log.add(("\x1b[36;1m%s\x1b[0m" % s) if step["ansi"] else s)
        log.add("shell: " + step["shell"])
    env = list(step["env"])
    if setup_kind(spec) == "python":
        v = spec["setup"].split()[1]
        env = ["%s: %s" % (k, val.format(v=v)) for k, val in PY_ENV] + env
    if env:
        log.add("env:")
        for e in env:
            log.add("  " + e)
    log.add("##[endgroup]")
    data = ""
    if step.get("output"):
        data = open(step["output"], "rb").read().decode("utf-8", errors="surrogateescape")
    if data.endswith("\n"):
        data = data[:-1]
    out_lines = data.split("\n") if data else []
    dur = step["duration"]
    first = True
    t_begin = log.t
    ends_at = float(step["ends_at"]) if step.get("ends_at") else None
    for i, l in enumerate(out_lines):
        if ends_at is not None and i == len(out_lines) - 1:
            # the last line (e.g. kubectl's timeout error) is printed when the tool's own timeout expired
            log.t = max(log.t, t_begin + timedelta(seconds=ends_at - 0.0005))
        l = l.replace("\r", "")
        dt = rng.uniform(0.15, 0.5) if first else dur / max(1, len(out_lines)) * rng.uniform(0.2, 1.8)
        first = False
        cmd = WORKFLOW_CMD.match(l)
        if cmd:
            msg = unescape_data(cmd.group(2)).replace("\r", "").split("\n")
            log.add("##[%s]%s" % (cmd.group(1), msg[0]), kind="output", dt=dt)
            for m in msg[1:]:
                log.add_cont(m, kind="output")
            continue
        log.add(l, kind="output", dt=dt)
    end = step["end"]
    if end == "exit" and step.get("uses"):
        # an action reports its failure with core.setFailed -> ##[error]<message>
        for e in step["errors"]:
            log.add("##[error]" + e, kind="marker", dt=rng.uniform(0.001, 0.02))
        return step["exit"] == 0
    if end == "exit":
        if step["exit"] != 0:
            log.add("##[error]Process completed with exit code %d." % step["exit"], kind="marker",
                    dt=rng.uniform(0.001, 0.02))
            return False
        return True
    kind, _, arg = end.partition(" ")
    if kind == "timeout":
        # wording from a real runner log (shared/corpus/peer-pytorch/gha_timeout.log)
        log.add("##[error]The action '%s' has timed out after %s minutes." % (header, arg), kind="marker",
                dt=float(arg) * 60 - dur)
    elif kind == "jobtimeout":
        # wording of public job logs (the Actions service, not actions/runner, sends it), then the
        # runner's cancellation of the running step
        hosted = "GitHub Actions %d" % rng.randint(2, 40)
        log.add("##[error]The job running on runner %s has exceeded the maximum execution time of %s minutes."
                % (spec.get("runner_name", hosted), arg), kind="marker", dt=float(arg) * 60 - dur)
        log.add("##[error]The operation was canceled.", kind="marker", dt=rng.uniform(0.05, 0.4))
    elif kind == "cancel":
        log.add("##[error]The operation was canceled.", kind="marker", dt=rng.uniform(2, 8))
    elif kind == "shutdown":
        log.add("##[error]The runner has received a shutdown signal. This can happen when the runner "
                "service is stopped, or a manually started runner is canceled.", kind="marker", dt=rng.uniform(2, 8))
    else:
        sys.exit("unknown step end %r" % end)
    return False


def job_status_after(step, status):
    """The job's status after STEP failed (StepsRunner: a failed step fails the job; a
    cancellation or the job's time-out cancels it; a shutdown ends it)."""
    kind = step["end"].split()[0]
    if kind in ("cancel", "jobtimeout"):
        return "cancelled"
    if kind == "shutdown":
        return "ended"
    return "cancelled" if status == "cancelled" else "failure"


def runs(cond, status):
    """Whether a step with `if: COND()` runs while the job's status is STATUS."""
    return {"success": status == "success",
            "failure": status == "failure",
            "always": status != "ended",
            "cancelled": status == "cancelled",
            "not-cancelled": status in ("success", "failure")}[cond]


def post_job(log, ws, rng, git_version):
    log.add("Post job cleanup.", dt=rng.uniform(0.002, 0.01))
    for l in ["[command]/usr/bin/git version", "git version " + git_version,
              "Temporarily overriding HOME='/home/runner/work/_temp/%s' before making global git config changes" % guid(rng),
              "Adding repository directory to the temporary git global config as a safe directory",
              "[command]/usr/bin/git config --global --add safe.directory " + ws,
              "[command]/usr/bin/git config --local --name-only --get-regexp core\\.sshCommand",
              "[command]/usr/bin/git submodule foreach --recursive sh -c \"git config --local --name-only --get-regexp 'core\\.sshCommand' && git config --local --unset-all 'core.sshCommand' || :\"",
              "[command]/usr/bin/git config --local --name-only --get-regexp http\\.https\\:\\/\\/github\\.com\\/\\.extraheader",
              "http.https://github.com/.extraheader",
              "[command]/usr/bin/git config --local --unset-all http.https://github.com/.extraheader",
              "[command]/usr/bin/git submodule foreach --recursive sh -c \"git config --local --name-only --get-regexp 'http\\.https\\:\\/\\/github\\.com\\/\\.extraheader' && git config --local --unset-all 'http.https://github.com/.extraheader' || :\""]:
        log.add(l)
    log.add("Cleaning up orphan processes", dt=rng.uniform(0.01, 0.05))


def main():
    spec_path, outdir = sys.argv[1], sys.argv[2]
    spec = parse_spec(spec_path)
    name = spec["name"]
    rng = random.Random(name)
    # The job starts shortly before the first step's output was captured, so that dates the
    # tools print themselves (npm debug-log names, diff headers) agree with the timestamps.
    # `start` in the spec is only a fallback.
    with_out = [st for st in spec["steps"] if st.get("output")]
    first_out = with_out[0]["output"] if with_out else None
    if first_out and os.path.exists(first_out):
        start = datetime.utcfromtimestamp(os.path.getmtime(first_out) - with_out[0]["duration"])
        start -= timedelta(seconds=rng.uniform(4, 9))
    else:
        start = datetime.strptime(spec.get("start", "2025-09-14T08:12:03"), "%Y-%m-%dT%H:%M:%S")
    start += timedelta(microseconds=rng.randint(0, 999999))
    log = Log(start, rng)
    git_version = preamble(log, spec, rng)
    ws = checkout(log, spec, rng, git_version)
    if setup_kind(spec) == "python":
        setup_python(log, spec["setup"].split()[1])
    elif setup_kind(spec) == "node":
        setup_node(log, spec["setup"], rng)
    step_ranges = []
    failed_range = None
    status = "success"
    for step in spec["steps"]:
        if not runs(step["if"], status):
            continue  # skipped: the runner prints nothing for it
        begin = len(log.lines)
        ok = run_step(log, spec, step, rng)
        step_ranges.append((begin, len(log.lines)))
        if not ok:
            if failed_range is None:
                failed_range = step_ranges[-1]
            status = job_status_after(step, status)
    post_job(log, ws, rng, git_version)

    # evidence: search output lines of the first failed (else the last executed) step first,
    # then all steps
    evidence = []
    last_b, last_e = failed_range or step_ranges[-1]
    pos = last_b
    plain = on(spec.get("match_plain"))
    text = [ANSI.sub("", l[1]) if plain else l[1] for l in log.lines]
    for kind, needle in spec["evidence"]:
        want = "marker" if kind == "evidence_runner" else "output"
        hits = [i for i in range(last_b, last_e)
                if log.lines[i][2] == want and needle in text[i]]
        if not hits:
            hits = [i for i in range(len(log.lines))
                    if log.lines[i][2] == want and needle in text[i]]
        if not hits:
            sys.exit("%s: evidence %r not found" % (name, needle))
        if kind == "evidence_all":
            evidence.extend(h + 1 for h in hits)
        else:
            after = [h for h in hits if h >= pos] or hits
            evidence.append(after[0] + 1)
            pos = after[0]
    evidence = sorted(set(evidence))
    fields = dict(spec["fields"])
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, name + ".log"), "w", encoding="utf-8", errors="surrogateescape",
              newline="\n") as f:
        f.write(log.render())
    label = {
        "primary": spec["primary"],
        "categories": spec.get("categories", [spec["primary"]]),
        "evidence_lines": evidence,
        "fields": fields,
        "tool": spec["tool"],
        "notes": spec.get("notes", ""),
    }
    with open(os.path.join(outdir, name + ".expect.json"), "w", encoding="utf-8") as f:
        json.dump(label, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print("%s/%s.log: %d lines, evidence %s" % (outdir, name, len(log.lines), evidence))


if __name__ == "__main__":
    main()
