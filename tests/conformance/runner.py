"""Python half of the conformance suite.

Usage: runner.py SCHEMA_DIR OUT.json [CONFIGURATION ...]

For every SCHEMA_DIR/*.vectors.json, compiles the referenced schema with each
Python configuration (or only those named, so run.sh can spread them over
two processes) and compares each validator's verdict with the Rust
verdict (`valid`) recorded in the vectors file. Writes one result record per
(file, configuration) to OUT.json; a configuration that fails to compile or
raises while validating is recorded with `error` (never aborts the others).
"""

import json
import sys
import traceback
from importlib import metadata
from pathlib import Path

import fastjsonschema
import jschon
from jschon.vocabulary.format import format_validator
from jsonschema import Draft202012Validator
from rfc3339_validator import validate_rfc3339

MAX_KEPT = 20  # disagreements kept per (file, configuration)


def read_json(path):
    # Strict UTF-8 (no replacement characters), then a real JSON parser.
    # Duplicate object keys would be resolved "last wins" here and in JS but
    # rejected by serde: count them so they can be reported.
    dups = []

    def hook(pairs):
        keys = [k for k, _ in pairs]
        if len(keys) != len(set(keys)):
            dups.append(keys)
        return dict(pairs)

    text = path.read_bytes().decode("utf-8", errors="strict")
    return json.loads(text, object_pairs_hook=hook), len(dups)


def make_jsonschema(schema, formats):
    Draft202012Validator.check_schema(schema)
    kwargs = {"format_checker": Draft202012Validator.FORMAT_CHECKER} if formats else {}
    v = Draft202012Validator(schema, **kwargs)
    return v.is_valid


def make_fastjsonschema(schema):
    # fastjsonschema has no draft 2020-12 generator: for an unknown `$schema`
    # (including .../draft/2020-12/schema) it falls back to its newest one,
    # draft 2019-09, which covers every keyword our schemas use. Formats are
    # asserted by default (use_formats=True).
    validate = fastjsonschema.compile(schema)

    def is_valid(instance):
        try:
            validate(instance)
            return True
        except fastjsonschema.JsonSchemaValueException:
            return False

    return is_valid


# jschon ships no date-time checker: it asserts a format only when one is
# registered and enabled in the catalog. Register the same RFC 3339 checker
# that python-jsonschema uses, and enable it in a second catalog only, so
# `jschon` keeps format an annotation and `jschon+formats` asserts it.
@format_validator("date-time")
def _jschon_date_time(value):
    if not validate_rfc3339(value):
        raise ValueError("not an RFC 3339 date-time")


jschon.create_catalog("2020-12", name="jschon")
jschon.create_catalog("2020-12", name="jschon+formats").enable_formats("date-time")


def make_jschon(schema, formats):
    compiled = jschon.JSONSchema(schema, catalog="jschon+formats" if formats else "jschon")
    meta = compiled.validate()  # the schema against its metaschema
    if not meta.valid:
        raise ValueError(f"metaschema validation failed: {meta.output('basic')!r:.300}")

    def is_valid(instance):
        return compiled.evaluate(jschon.JSON(instance)).valid

    return is_valid


CONFIGS = [
    ("py-jsonschema", lambda s: make_jsonschema(s, formats=False)),
    ("py-jsonschema+formats", lambda s: make_jsonschema(s, formats=True)),
    # fastjsonschema asserts formats by default (use_formats=True).
    ("fastjsonschema+formats", make_fastjsonschema),
    ("jschon", lambda s: make_jschon(s, formats=False)),
    ("jschon+formats", lambda s: make_jschon(s, formats=True)),
]

# Each configuration is what its name says: a "+formats" one rejects a string
# that only `format: date-time` rules out, the others accept it.
FORMAT_PROBE = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                "type": "string", "format": "date-time"}


def check_config(name, factory):
    try:
        asserts = factory(dict(FORMAT_PROBE))("not a date-time") is False
    except Exception as e:
        return f"configuration check failed: {type(e).__name__}: {e}"
    if asserts != name.endswith("+formats"):
        return (f"configuration check: format is {'' if asserts else 'not '}asserted, "
                "against the configuration's name")
    return None


def run_config(name, factory, schema, cases, vectors_name, config_error):
    rec = {"file": vectors_name, "implementation": name, "cases": len(cases),
           "accepted": 0, "rejected": 0, "disagreements": 0, "examples": [],
           "error": config_error}
    if config_error:
        return rec
    try:
        is_valid = factory(schema)
    except Exception as e:  # compile failure
        rec["error"] = f"schema did not compile: {type(e).__name__}: {e}"
        return rec
    for case in cases:
        try:
            got = bool(is_valid(case["payload"]))
        except Exception as e:  # a crash on one payload is a failure too
            got = f"crash: {type(e).__name__}: {e}"
        if got is True:
            rec["accepted"] += 1
        elif got is False:
            rec["rejected"] += 1
        if got != case["valid"]:
            rec["disagreements"] += 1
            if len(rec["examples"]) < MAX_KEPT:
                rec["examples"].append({"description": case.get("description", ""),
                                        "payload": case["payload"],
                                        "expected": case["valid"], "got": got})
    return rec


def main():
    schema_dir, out, only = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:]
    unknown = set(only) - {name for name, _ in CONFIGS}
    if unknown:
        raise SystemExit(f"unknown configuration(s): {sorted(unknown)}")
    configs = [(name, f) for name, f in CONFIGS if not only or name in only]
    results, notes = [], []
    config_errors = {name: check_config(name, factory) for name, factory in configs}
    for vf in sorted(schema_dir.glob("*.vectors.json")):
        try:
            vectors, dups = read_json(vf)
            schema, _ = read_json(schema_dir / vectors["schema"])
            cases = vectors["cases"]
            for c in cases:
                if not isinstance(c.get("valid"), bool) or "payload" not in c:
                    raise ValueError(f"malformed case: {c!r:.200}")
        except Exception as e:
            for name, _ in configs:
                results.append({"file": vf.name, "implementation": name, "cases": 0,
                                "accepted": 0, "rejected": 0, "disagreements": 0,
                                "examples": [], "error": f"cannot load vectors: {e}"})
            continue
        if dups:
            notes.append(f"{vf.name}: {dups} payload object(s) with duplicate keys "
                         "(JSON validators keep the last value; serde rejects them)")
        for name, factory in configs:
            results.append(run_config(name, factory, schema, cases, vf.name, config_errors[name]))
    versions = {p: metadata.version(p)
                for p in ("jsonschema", "fastjsonschema", "rfc3339-validator", "jschon")}
    out.write_text(json.dumps({"runner": "python", "versions": versions, "notes": notes,
                               "results": results}, ensure_ascii=False))


if __name__ == "__main__":
    try:
        main()
    except Exception:
        traceback.print_exc()
        sys.exit(2)
