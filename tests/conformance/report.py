"""Merge the runners' results and print the conformance table.

Usage: report.py [--readme README.md] EXAMPLES.tsv RESULTS.json:RC [RESULTS.json:RC ...]

With --readme, README's conformance table (one row per vectors file; the Markdown table whose header
starts `| vectors file |`) must be exactly the table printed here, or that
counts as one failure; with CONFORMANCE_UPDATE_README=1 in the environment the
table in README is rewritten instead.

RC is the runner's exit status; a runner that crashed (non-zero, or no results
file) counts as one failed run. EXAMPLES.tsv holds `name<TAB>expected<TAB>got`
exit codes for the README examples. Exits 1 if anything failed.
"""

import json
import os
import sys
from pathlib import Path

MAX_SHOWN = 20
PAYLOAD_CHARS = 200


def check_readme(readme, table_lines):
    """None if README's conformance table is `table_lines`, else why not."""
    lines = Path(readme).read_text(encoding="utf-8").splitlines(keepends=True)
    starts = [i for i, l in enumerate(lines) if l.startswith("| vectors file ")]
    if len(starts) != 1:
        return f"{readme}: {len(starts)} conformance tables (header `| vectors file |`), expected 1"
    start = end = starts[0]
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    wanted = [l + "\n" for l in table_lines]
    if lines[start:end] == wanted:
        return None
    if os.environ.get("CONFORMANCE_UPDATE_README") == "1":
        lines[start:end] = wanted
        Path(readme).write_text("".join(lines), encoding="utf-8")
        print(f"note: rewrote the conformance table in {readme}")
        return None
    return (f"{readme}'s conformance table is not this run's table: rerun with "
            "CONFORMANCE_UPDATE_README=1 to rewrite it")


def main():
    args = sys.argv[1:]
    readme = None
    if args[:1] == ["--readme"]:
        readme, args = args[1], args[2:]
    examples_tsv, runner_args = args[0], args[1:]
    rows, failures_extra, versions, notes = [], [], {}, []
    languages = {"python": "Python", "javascript": "JavaScript", "go": "Go", "rust": "Rust"}
    for arg in runner_args:
        path, rc = arg.rsplit(":", 1)
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except Exception as e:
            failures_extra.append(f"runner {Path(path).stem} crashed (exit {rc}), no results: {e}")
            continue
        if rc != "0":
            failures_extra.append(f"{data.get('runner')} runner exited {rc}")
        versions.update(data.get("versions", {}))
        notes += data.get("notes", [])
        language = languages.get(data.get("runner"), data.get("runner", "?"))
        rows += [dict(r, language=language) for r in data["results"]]

    if not rows and not failures_extra:
        failures_extra.append("no *.vectors.json results at all")
    rows.sort(key=lambda r: (r["file"], r["language"], r["implementation"]))
    # A Markdown table: README's conformance table is this output, verbatim.
    header = ("vectors file", "language", "implementation", "cases", "accepted", "rejected",
              "disagreements")
    table = [header] + [(r["file"], r["language"], r["implementation"], str(r["cases"]),
                         str(r["accepted"]), str(r["rejected"]),
                         "ERROR" if r["error"] else str(r["disagreements"])) for r in rows]
    widths = [max(len(t[i]) for t in table) for i in range(len(header))]
    text_columns = 3
    table_lines = []
    for n, t in enumerate(table):
        table_lines.append("| " + " | ".join(c.ljust(w) if i < text_columns else c.rjust(w)
                                             for i, (c, w) in enumerate(zip(t, widths))) + " |")
        if n == 0:
            table_lines.append("|" + "|".join("-" * (w + 1) + (":" if i >= text_columns else "-")
                                              for i, w in enumerate(widths)) + "|")
    print("\n".join(table_lines))
    print()
    # README's table: one row per vectors file (the full table above is
    # per configuration).
    configs = sorted({(r["language"], r["implementation"]) for r in rows})
    per_file = {}
    for r in rows:
        per_file.setdefault(r["file"], []).append(r)
    header = ("vectors file", "cases", "accepted", "rejected", "configurations agreeing",
              "disagreements")
    table = [header]
    for name, rs in sorted(per_file.items()):
        agreeing = sum(1 for r in rs if not r["error"] and r["disagreements"] == 0)
        accepted = sorted({r["accepted"] for r in rs})
        rejected = sorted({r["rejected"] for r in rs})
        span = lambda v: str(v[0]) if len(v) == 1 else f"{v[0]}-{v[-1]}"
        table.append((name, str(rs[0]["cases"]), span(accepted), span(rejected),
                      f"{agreeing} of {len(configs)}",
                      str(sum(r["disagreements"] for r in rs if not r["error"]))))
    widths = [max(len(t[i]) for t in table) for i in range(len(header))]
    readme_lines = []
    for n, t in enumerate(table):
        readme_lines.append("| " + " | ".join(c.ljust(w) if i == 0 else c.rjust(w)
                                              for i, (c, w) in enumerate(zip(t, widths))) + " |")
        if n == 0:
            readme_lines.append("|" + "|".join("-" * (w + 1) + (":" if i > 0 else "-")
                                               for i, w in enumerate(widths)) + "|")
    print("\n".join(readme_lines))
    print()
    if readme:
        stale = check_readme(readme, readme_lines)
        if stale:
            failures_extra.append(stale)

    passed = sum(1 for r in rows if not r["error"] and r["disagreements"] == 0)
    failed = len(rows) - passed

    for r in rows:
        if r["error"]:
            print(f"ERROR {r['file']} / {r['implementation']}: {r['error']}")
    shown = 0
    for r in rows:
        for ex in r["examples"]:
            if shown >= MAX_SHOWN:
                break
            shown += 1
            payload = json.dumps(ex["payload"], ensure_ascii=True)
            if len(payload) > PAYLOAD_CHARS:
                payload = payload[:PAYLOAD_CHARS] + "..."
            print(f"DISAGREEMENT {r['file']} / {r['implementation']}: {ex['description']}")
            print(f"  payload:  {payload}")
            print(f"  expected: {'valid' if ex['expected'] else 'invalid'} (Rust)"
                  f"   got: {ex['got'] if isinstance(ex['got'], str) else ('valid' if ex['got'] else 'invalid')}")
    total_dis = sum(r["disagreements"] for r in rows)
    if total_dis > shown:
        print(f"... {total_dis - shown} more disagreement(s) not shown")

    # README examples: exit codes
    ex_lines = [l.split("\t") for l in Path(examples_tsv).read_text().splitlines() if l.strip()]
    for name, expected, got in ex_lines:
        ok = expected == got
        print(f"example {name}: expected exit {expected}, got {got} -> {'ok' if ok else 'FAIL'}")
        passed += ok
        failed += not ok

    for msg in failures_extra:
        print(f"FAIL {msg}")
    failed += len(failures_extra)
    for n in notes:
        print(f"note: {n}")
    if versions:
        print("versions: " + ", ".join(f"{k} {v}" for k, v in sorted(versions.items())))
    print(f"conformance: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
