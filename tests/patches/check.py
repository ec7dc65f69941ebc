#!/usr/bin/python3
"""Checks a patched fixture with the tools' own parsers (run with Debian's /usr/bin/python3).

  check.py requirements FILE DIST [parse-only]   pip's requirements parser (follows -r) lists DIST, and
                                    `pip install --dry-run --no-index -r FILE` asks for it
  check.py pyproject FILE DIST [GROUP]   [project] dependencies (or optional GROUP) has DIST (PEP 508)
  check.py poetry FILE DIST              [tool.poetry.dependencies] has DIST
  check.py setupcfg FILE DIST            setuptools reads DIST from [options] install_requires
  check.py yaml FILE EXPR                the file still parses as YAML (PyYAML) and EXPR holds for `doc`
"""
import subprocess
import sys
import tomllib


def norm(name):
    import re
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements(path, dist, mode="install"):
    from pip._internal.network.session import PipSession
    from pip._internal.req.req_file import parse_requirements
    from pip._vendor.packaging.requirements import Requirement
    found = [(Requirement(r.requirement).name, r.comes_from) for r in parse_requirements(path, session=PipSession())]
    names = [norm(n) for n, _ in found]
    assert norm(dist) in names, f"pip does not read {dist} from {path}: {found}"
    where = [c for n, c in found if norm(n) == norm(dist)][0]
    print(f"pip's parser: {len(found)} requirements in {path} (with includes), {dist} {where}")
    if mode == "parse-only":  # other requirements are not installed here either: no dry run
        return
    out = subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "--break-system-packages",
                          "--disable-pip-version-check", "-r", path], capture_output=True, text=True)
    text = out.stdout + out.stderr
    # Offline, pip cannot download it, but it must be asking for it (and be happy with the rest);
    # on a machine whose system Python already has it, pip says so.
    assert f"requirement {dist}" in text or f"Requirement already satisfied: {dist}" in text, text
    print(f"pip install --dry-run --no-index: {[l for l in text.splitlines() if dist in l][0]}")


def pyproject(path, dist, group=None):
    from pip._vendor.packaging.requirements import Requirement
    with open(path, "rb") as f:
        data = tomllib.load(f)
    deps = data["project"]["optional-dependencies"][group] if group else data["project"]["dependencies"]
    names = [norm(Requirement(d).name) for d in deps]
    assert norm(dist) in names, f"{dist} not in {deps}"
    print(f"tomllib + packaging: {path} declares {len(deps)} dependencies including {dist}")


def poetry(path, dist, group=None):
    with open(path, "rb") as f:
        data = tomllib.load(f)
    table = data["tool"]["poetry"]["group"][group]["dependencies"] if group else data["tool"]["poetry"]["dependencies"]
    assert norm(dist) in [norm(k) for k in table], f"{dist} not in {list(table)}"
    print(f"tomllib: [tool.poetry.dependencies] in {path} has {dist} = {table[dist]!r}")


def setupcfg(path, dist):
    from setuptools.config.setupcfg import read_configuration
    reqs = read_configuration(path)["options"]["install_requires"]
    assert norm(dist) in [norm(r.split(">")[0].split("=")[0].split("<")[0].strip()) for r in reqs], reqs
    print(f"setuptools: install_requires in {path} = {reqs}")


def yaml_check(path, expr):
    import yaml
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    assert eval(expr, {"doc": doc}), f"{expr} is false for {path}"
    print(f"PyYAML: {path} parses; {expr}")


if __name__ == "__main__":
    {"yaml": yaml_check, "requirements": requirements, "pyproject": pyproject, "poetry": poetry, "setupcfg": setupcfg}[sys.argv[1]](*sys.argv[2:])
