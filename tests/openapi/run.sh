#!/usr/bin/env bash
# The example service's published contract, proven by independent tools:
#
#   1. builds and starts `iam_service` on a free loopback port;
#   2. fetches `GET /openapi.json` and validates it as OpenAPI 3.1
#      (openapi-spec-validator) and against the committed schema/openapi.json;
#   3. runs schemathesis against the running service with every check it has
#      (positive_data_acceptance, negative_data_rejection,
#      response_schema_conformance, not_a_server_error, status codes, content
#      types, unsupported methods, ...; expected statuses in schemathesis.toml),
#      in deterministic mode with a bounded number of examples per operation;
#   4. two controls: schemathesis against deliberately wrong copies of the
#      document (MaxItems widened to 0..=2000; UserName narrowed to 3
#      characters) must report positive_data_acceptance and
#      negative_data_rejection failures, so a passing run means those checks
#      ran and can fail;
#   5. stops the service, prints a result per step and
#      `openapi: N passed, M failed`; exits 0 iff every step passed.
#
# Usage: tests/openapi/run.sh          (from anywhere; installs its pinned
# Python packages into tests/openapi/.venv on first use)
# OPENAPI_MAX_EXAMPLES (default 100) bounds the examples per operation and phase.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
max_examples="${OPENAPI_MAX_EXAMPLES:-100}"

passed=0 failed=0
result() { # name ok|FAIL
  if [[ "$2" == ok ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  printf '%-58s %s\n' "$1" "$2"
}
finish() {
  echo "openapi: $passed passed, $failed failed"
  [[ "$failed" -eq 0 && "$passed" -gt 0 ]]
}

# --- Python: venv with exact pins ------------------------------------------------
venv="$here/.venv"
req_hash="$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)"
if [[ ! -x "$venv/bin/python" || "$(cat "$venv/.openapi-stamp" 2>/dev/null)" != "$req_hash" ]]; then
  echo "openapi: installing Python pins into $venv" >&2
  if ! { [[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"; } ||
     ! "$venv/bin/pip" install -q --disable-pip-version-check -r "$here/requirements.txt"; then
    result "install pinned schemathesis and openapi-spec-validator" FAIL
    finish || exit 1
  fi
  echo "$req_hash" > "$venv/.openapi-stamp"
fi

# --- the service -------------------------------------------------------------------
cargo="${CARGO:-cargo}"
if ! (cd "$root" && "$cargo" build -q -p access-key-iam-service --bin iam_service); then
  result "build the iam_service example" FAIL
  finish || exit 1
fi
target_dir="$(cd "$root" && "$cargo" metadata --format-version 1 --no-deps |
  "$venv/bin/python" -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"

tmp="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

: > "$tmp/server.out"
"$target_dir/debug/iam_service" --listen 127.0.0.1:0 > "$tmp/server.out" 2> "$tmp/server.log" &
server_pid=$!
base=""
for _ in $(seq 1 100); do
  base="$(sed -n 's/^listening on \(http:\/\/[0-9.:]*\)$/\1/p' "$tmp/server.out" || true)"
  [[ -n "$base" ]] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
if [[ -z "$base" ]]; then
  result "start iam_service on a loopback port" FAIL
  sed 's/^/    /' "$tmp/server.log" | tail -20
  finish || exit 1
fi
echo "openapi: iam_service at $base" >&2

# --- the document ------------------------------------------------------------------
py="$venv/bin/python"
if "$py" - "$base/openapi.json" "$tmp/openapi.json" "$root/schema/openapi.json" > "$tmp/doc.out" 2>&1 <<'EOF'
import json, sys, urllib.request
url, out, committed = sys.argv[1:]
with urllib.request.urlopen(url, timeout=10) as res:
    assert res.status == 200, res.status
    assert res.headers["Content-Type"] == "application/json", res.headers["Content-Type"]
    doc = json.load(res)
with open(out, "w", encoding="utf-8") as f:
    json.dump(doc, f)
with open(committed, encoding="utf-8") as f:
    assert doc == json.load(f), "served document differs from schema/openapi.json: run `cargo xtask schema`"
assert doc["openapi"].startswith("3.1."), doc["openapi"]
EOF
then
  result "GET /openapi.json is the committed schema/openapi.json" ok
else
  result "GET /openapi.json is the committed schema/openapi.json" FAIL
  sed 's/^/    /' "$tmp/doc.out" | tail -5
fi
if "$venv/bin/openapi-spec-validator" "$tmp/openapi.json" > "$tmp/validator.out" 2>&1; then
  result "openapi-spec-validator: a valid OpenAPI 3.1 document" ok
else
  result "openapi-spec-validator: a valid OpenAPI 3.1 document" FAIL
  sed 's/^/    /' "$tmp/validator.out" | tail -20
fi

# --- schemathesis ------------------------------------------------------------------
# Run from $tmp: schemathesis and hypothesis keep caches in the working directory.
cd "$tmp"
st=("$venv/bin/schemathesis" --config-file "$here/schemathesis.toml" --no-color run
  --checks all --generation-deterministic --max-examples "$max_examples"
  --request-timeout 10 --workers 1)
if "${st[@]}" --report junit --report-junit-path "$tmp/junit.xml" \
  "$base/openapi.json" > "$tmp/schemathesis.out" 2>&1; then
  st_rc=0
else
  st_rc=$?
fi
# One line per operation (and stateful scenario) from the JUnit report.
"$py" - "$tmp/junit.xml" > "$tmp/cases.tsv" 2>/dev/null <<'EOF' || true
import sys, xml.etree.ElementTree as ET
for case in ET.parse(sys.argv[1]).iter("testcase"):
    bad = case.find("failure") is not None or case.find("error") is not None
    print(f"schemathesis {case.get('name')}\t{'FAIL' if bad else 'ok'}")
EOF
if [[ ! -s "$tmp/cases.tsv" ]]; then
  result "schemathesis (no report)" FAIL
  tail -20 "$tmp/schemathesis.out" | sed 's/^/    /'
elif [[ "$st_rc" -ne 0 ]] && ! grep -q $'\tFAIL$' "$tmp/cases.tsv"; then
  result "schemathesis exit status $st_rc" FAIL
fi
while IFS=$'\t' read -r name verdict; do result "$name" "$verdict"; done < "$tmp/cases.tsv"
grep -E '^(Test cases:|  [0-9]+ generated)' -A1 "$tmp/schemathesis.out" | sed 's/^/    /' || true
if [[ "$st_rc" -ne 0 ]]; then
  sed -n '/FAILURES/,$p' "$tmp/schemathesis.out" | head -80 | sed 's/^/    /'
fi

# --- controls: a wrong document must fail ----------------------------------------
# wrong.py DOC OUT SCHEMA MEMBER KEY=VALUE...: a copy of DOC with the string or
# integer branch of a component's member changed.
cat > "$tmp/wrong.py" <<'EOF'
import json, sys
doc_in, out, schema, member, *changes = sys.argv[1:]
doc = json.load(open(doc_in, encoding="utf-8"))
prop = doc["components"]["schemas"][schema]["properties"][member]
for branch in prop.get("anyOf", [prop]):
    if branch.get("type") in ("string", "integer"):
        for change in changes:
            key, value = change.split("=")
            branch[key] = int(value)
json.dump(doc, open(out, "w", encoding="utf-8"))
EOF
control() { # name operation-id check expected-failure-title schema member changes...
  local name="$1" op="$2" check="$3" title="$4"
  shift 4
  "$py" "$tmp/wrong.py" "$tmp/openapi.json" "$tmp/wrong.json" "$@"
  if "${st[@]}" --phases coverage --include-operation-id "$op" --checks "$check" \
    --url "$base" "$tmp/wrong.json" > "$tmp/control.out" 2>&1; then
    result "control: $name" FAIL
    tail -20 "$tmp/control.out" | sed 's/^/    /'
  elif grep -q "$title" "$tmp/control.out"; then
    result "control: $name" ok
  else
    result "control: $name (failed for another reason)" FAIL
    tail -20 "$tmp/control.out" | sed 's/^/    /'
  fi
}
# The service enforces MaxItems 1..=1000: a document promising 0..=2000 is
# caught by positive_data_acceptance.
control "a document promising MaxItems 0..=2000 fails" ListAccessKeys \
  positive_data_acceptance "Schema-valid request rejected" \
  ListAccessKeysRequest MaxItems minimum=0 maximum=2000
# The service allows user names of 128 characters: a document forbidding
# more than 3 is caught by negative_data_rejection (the service's 404 for an
# unknown 4-character user is not a rejection).
control "a document limiting UserName to 3 characters fails" CreateAccessKey \
  negative_data_rejection "Schema-violating request accepted" \
  CreateAccessKeyRequest UserName maxLength=3

# --- the service answered everything without a crash -------------------------------
if kill -0 "$server_pid" 2>/dev/null && ! grep -q "panicked" "$tmp/server.log"; then
  result "iam_service still up, no panic in its log" ok
else
  result "iam_service still up, no panic in its log" FAIL
  grep -m5 "panicked" "$tmp/server.log" | sed 's/^/    /' || true
fi

finish
