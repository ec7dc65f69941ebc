#!/usr/bin/python3
"""Screenshots of what `ci-triage github` writes, for the README (stdlib only).

    /usr/bin/python3 scripts/render-github-screenshots.py BIN [--scenario screenshots] [--repo-root DIR]
                                                          [--out docs/img] [--name NAME]

Runs BIN `github --comment always` against tests/github/fake_github.py with the scenario (a file in
tests/github/scenarios, or a builder of tests/github/test_github_command.py: `matrix-12` is
scenario_matrix_12()), takes the job summary it appended to GITHUB_STEP_SUMMARY and the body of the
sticky PR comment (from /_control/comments), and renders both with scripts/render-markdown.sh to
OUT/summary.png and OUT/comment.png, or OUT/NAME-summary.png and OUT/NAME-comment.png (the Markdown
sources are kept next to them as .md with --keep-md).
"""

import argparse
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "github"))
import test_github_command as t  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("--scenario", default="screenshots")
    ap.add_argument("--repo-root", default=os.path.join(ROOT, "tests", "patches", "req-sorted", "repo"),
                    help="checked-out repository for the patches (the default makes the comment show one)")
    ap.add_argument("--out", default=os.path.join(ROOT, "docs", "img"))
    ap.add_argument("--keep-md", action="store_true", help="keep summary.md/comment.md in --out")
    ap.add_argument("--name", default="", help="prefix of the files written (NAME-comment.png)")
    a = ap.parse_args()
    builder = getattr(t, "scenario_" + a.scenario.replace("-", "_"), None)
    os.makedirs(a.out, exist_ok=True)
    fake = t.Fake()
    try:
        fake.load(builder() if builder else a.scenario)
        r = fake.run(os.path.abspath(a.bin), "--comment", "always", "--repo-root",
                     os.path.abspath(a.repo_root), name="screenshots")
        if r.rc != 0:
            print(r.describe())
            return 1
        sticky = fake.sticky()
        if not sticky:
            print("no sticky comment was written\n" + r.describe())
            return 1
        work = os.path.join(fake.tmp_root, "md")
        os.makedirs(work)
        prefix = a.name + "-" if a.name else ""
        for name, text in ((prefix + "summary", r.summary), (prefix + "comment", sticky[0]["body"])):
            md = os.path.join(work if not a.keep_md else a.out, name + ".md")
            with open(md, "w", encoding="utf-8") as f:
                f.write(text)
            subprocess.run(["bash", os.path.join(ROOT, "scripts", "render-markdown.sh"), md,
                            os.path.join(a.out, name + ".png"), "--html",
                            os.path.join(work, name + ".html")], check=True)
        if os.environ.get("KEEP_TMP") == "1":
            shutil.copytree(work, os.path.join(a.out, "..", "screenshots-src"), dirs_exist_ok=True)
        return 0
    finally:
        fake.close()


if __name__ == "__main__":
    sys.exit(main())
