#!/usr/bin/python3
"""Validates action.yml against the action-metadata JSON schema (draft-07), standard library only.

The schema is SchemaStore's github-action.json, copied to tests/action/github-action.schema.json
(source: https://github.com/SchemaStore/schemastore/blob/ae5a68b210640d55ec098e56856eb9f156c36216/src/schemas/json/github-action.json,
served as https://json.schemastore.org/github-action.json; Apache-2.0). The validator implements
the keywords that schema uses: type, properties, patternProperties, additionalProperties,
required, enum, const, items, oneOf, anyOf, allOf, not, if/then/else and local $ref.

usage: validate_schema.py [ACTION_YML] [--schema FILE]      exit 1 with one line per problem
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from run_action import ActionError, load_yaml  # noqa: E402

TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "null": lambda v: v is None,
}


class Validator:
    def __init__(self, schema: dict):
        self.root = schema

    def resolve(self, ref: str) -> dict:
        if not ref.startswith("#/"):
            raise ValueError(f"only local $ref is supported, got {ref}")
        node = self.root
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def errors(self, value, schema, path="$") -> list:
        if schema is True or schema == {}:
            return []
        if schema is False:
            return [f"{path}: not allowed"]
        errs: list = []
        if "$ref" in schema:
            errs += self.errors(value, self.resolve(schema["$ref"]), path)
        if "type" in schema:
            types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            if not any(TYPES[t](value) for t in types):
                return errs + [f"{path}: expected {' or '.join(types)}, got {json.dumps(value)[:60]}"]
        if "enum" in schema and value not in schema["enum"]:
            errs.append(f"{path}: {json.dumps(value)[:60]} is not one of {schema['enum'][:8]}"
                        + ("…" if len(schema["enum"]) > 8 else ""))
        if "const" in schema and value != schema["const"]:
            errs.append(f"{path}: must be {json.dumps(schema['const'])}")
        if isinstance(value, dict):
            for key in schema.get("required", []):
                if key not in value:
                    errs.append(f"{path}: missing required property '{key}'")
            props = schema.get("properties", {})
            patterns = schema.get("patternProperties", {})
            for key, v in value.items():
                matched = False
                if key in props:
                    matched = True
                    errs += self.errors(v, props[key], f"{path}.{key}")
                for pat, sub in patterns.items():
                    if re.search(pat, key):
                        matched = True
                        errs += self.errors(v, sub, f"{path}.{key}")
                if not matched and "additionalProperties" in schema:
                    ap = schema["additionalProperties"]
                    if ap is False:
                        errs.append(f"{path}: unexpected property '{key}'")
                    else:
                        errs += self.errors(v, ap, f"{path}.{key}")
        if isinstance(value, list) and "items" in schema:
            for i, item in enumerate(value):
                errs += self.errors(item, schema["items"], f"{path}[{i}]")
        for sub in schema.get("allOf", []):
            errs += self.errors(value, sub, path)
        if "anyOf" in schema:
            if not any(not self.errors(value, sub, path) for sub in schema["anyOf"]):
                errs.append(f"{path}: matches none of the anyOf alternatives")
        if "oneOf" in schema:
            results = [self.errors(value, sub, path) for sub in schema["oneOf"]]
            ok = sum(1 for r in results if not r)
            if ok != 1:
                best = min(results, key=len)
                detail = "; ".join(best[:3]) if ok == 0 else f"{ok} alternatives match"
                errs.append(f"{path}: must match exactly one oneOf alternative ({detail})")
        if "not" in schema and not self.errors(value, schema["not"], path):
            errs.append(f"{path}: must not match {json.dumps(schema['not'])[:60]}")
        if "if" in schema:
            branch = "then" if not self.errors(value, schema["if"], path) else "else"
            if branch in schema:
                errs += self.errors(value, schema[branch], path)
        return errs


def validate_file(action_path: str, schema_path: str) -> list:
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    try:
        doc = load_yaml(action_path)
    except ActionError as e:
        return [str(e)]
    return Validator(schema).errors(doc, schema)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", nargs="?", default=os.path.join(HERE, "..", "..", "action.yml"))
    ap.add_argument("--schema", default=os.path.join(HERE, "github-action.schema.json"))
    args = ap.parse_args(argv)
    errs = validate_file(args.action, args.schema)
    for e in errs:
        print(f"{args.action}: {e}", file=sys.stderr)
    if errs:
        return 1
    print(f"{os.path.relpath(args.action)}: valid against {os.path.basename(args.schema)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
