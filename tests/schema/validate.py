#!/usr/bin/python3
"""Validate ci-triage JSON reports against schemas/report-1.schema.json (JSON Schema 2020-12).

    /usr/bin/python3 tests/schema/validate.py REPORT.json...      (Debian python3-jsonschema)

Prints one line per invalid file (its path, the JSON path and the problem) and exits 1 if any.
"""
import json
import os
import sys

import jsonschema

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main(paths):
    with open(os.path.join(ROOT, "schemas", "report-1.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    v = jsonschema.Draft202012Validator(schema)
    bad = 0
    for p in paths:
        with open(p, encoding="utf-8") as f:
            doc = json.load(f)
        for e in v.iter_errors(doc):
            bad += 1
            print(f"{p}: $.{'.'.join(str(x) for x in e.absolute_path)}: {e.message[:300]}")
    if not bad:
        print(f"schema: {len(paths)} report(s) valid against ci-triage/report@1")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
