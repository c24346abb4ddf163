#!/usr/bin/env python3
"""Prints issue 14's tables from criterion's medians (target/criterion/**/new/estimates.json):
each class payload's `from_json` time against parse-only of the same payload and of the
valid payload, and the dirty batch's approaches against parse-only. Run after
`cargo bench -p access-key-bench --bench validation -- 'classes|shapes|dirty_100k'`."""
import json, pathlib, sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")

def ns(group, bench):
    f = root / group / bench / "new" / "estimates.json"
    return json.loads(f.read_text())["median"]["point_estimate"] if f.exists() else None

classes = ["valid", "rule", "enum", "type", "missing", "bad_date", "duplicate", "malformed", "escaped"]
valid_parse = ns("classes", "parse_only_valid")
print("| payload | parse-only of it | `from_json` | x its parse-only | x parse-only of the valid payload |")
print("|---|---|---|---|---|")
for c in classes:
    p, a = ns("classes", f"parse_only_{c}"), ns("classes", f"access_key_schema_{c}")
    if p is None or a is None:
        continue
    print(f"| {c} | {p:.0f} ns | {a:.0f} ns | {a / p:.2f}x | {a / valid_parse:.2f}x |")
print()
print("| shape (valid) | parse-only | `from_json` | x parse-only |")
print("|---|---|---|---|")
for shape, parse in [("generic", "generic"), ("tagged", "tagged"), ("tagged_invalid", "tagged"),
                     ("hand_written_check", "hand_written_check"),
                     ("hand_written_check_invalid", "hand_written_check")]:
    p, a = ns("shapes", f"parse_only_{parse}"), ns("shapes", f"access_key_schema_{shape}")
    if p is not None and a is not None:
        print(f"| {shape} | {p:.0f} ns | {a:.0f} ns | {a / p:.2f}x |")
print()
base = ns("dirty_100k", "parse_only")
if base:
    print("| dirty 100k (30% invalid) | x parse-only |")
    print("|---|---|")
    for a in ["parse_only", "access_key_schema", "hand_written", "validator", "garde", "jsonschema"]:
        t = ns("dirty_100k", a)
        if t is not None:
            print(f"| {a} | {t / base:.2f}x ({t / 1e6:.1f} ms) |")
