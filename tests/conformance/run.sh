#!/usr/bin/env bash
# Cross-language conformance: do Python, JavaScript, Go and Rust validators, given our
# emitted draft 2020-12 schemas, accept/reject exactly what the Rust code does?
#
# Usage: tests/conformance/run.sh SCHEMA_DIR     (e.g. schema/ after `cargo xtask schema`)
#
# Reads every SCHEMA_DIR/*.vectors.json ({"schema": ..., "cases": [{description,
# payload, valid}]}, `valid` = Rust verdict), runs 5 Python, 7 JS, 2 Go and
# 4 Rust validator configurations on each, prints a Markdown table (README's
# conformance table) and the first disagreements, runs the README examples,
# and ends with `conformance: N passed, M failed`.
# Exit 0 iff every run agrees with Rust on every case and every example behaves.
#
# Needs python3 (venv), node + npm, and Go with gojsonschema from Debian
# (golang-go golang-github-xeipuuv-gojsonschema-dev, apt-get installed here
# when missing and run as root; built offline, GO111MODULE=off, from
# /usr/share/gocode).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ $# -ne 1 || ! -d "$1" ]]; then
  echo "usage: $0 SCHEMA_DIR" >&2
  exit 2
fi
schema_dir="$(cd "$1" && pwd)"

hash_of() { sha256sum "$1" | cut -d' ' -f1; }
install_failed() { echo "FAIL installing validators ($1)"; echo "conformance: 0 passed, 1 failed"; exit 1; }

# --- Python: venv with exact pins ------------------------------------------------
venv="$here/.venv"
req_hash="$(hash_of "$here/requirements.txt")"
if [[ ! -x "$venv/bin/python" || "$(cat "$venv/.conformance-stamp" 2>/dev/null)" != "$req_hash" ]]; then
  echo "conformance: installing Python pins into $venv" >&2
  [[ -x "$venv/bin/python" ]] || python3 -m venv "$venv" || install_failed "python3 -m venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$here/requirements.txt" || install_failed "pip install"
  echo "$req_hash" > "$venv/.conformance-stamp"
fi

# --- JavaScript: npm ci from the committed lockfile ------------------------------
lock_hash="$(hash_of "$here/package-lock.json")"
if [[ ! -d "$here/node_modules" || "$(cat "$here/node_modules/.conformance-stamp" 2>/dev/null)" != "$lock_hash" ]]; then
  echo "conformance: npm ci in $here" >&2
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2) || install_failed "npm ci"
  echo "$lock_hash" > "$here/node_modules/.conformance-stamp"
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# --- Go: gojsonschema from Debian's package, built offline -----------------------
# Installed here when missing and we are root (as the pip and npm pins are);
# otherwise the failure says what to install.
gopath=/usr/share/gocode
go_packages=(golang-go golang-github-xeipuuv-gojsonschema-dev)
have_go() { command -v go > /dev/null && [[ -d "$gopath/src/github.com/xeipuuv/gojsonschema" ]]; }
if ! have_go; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get > /dev/null; then
    echo "conformance: apt-get install ${go_packages[*]}" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${go_packages[@]}"; } >&2 \
      || install_failed "apt-get install ${go_packages[*]}"
  fi
  have_go || install_failed "Go: apt-get install ${go_packages[*]} (as root)"
fi
gojsonschema_version="$(dpkg-query -W -f='${Version}' golang-github-xeipuuv-gojsonschema-dev 2>/dev/null || echo unknown)"
(cd "$here/go" && GO111MODULE=off GOPATH="$gopath" GOCACHE="$here/go/.cache" GOFLAGS= \
  go build -o "$tmp/go-runner" runner.go >&2) || install_failed "go build of go/runner.go"

# --- Rust: the jsonschema crate and boon (also asserted by tests/schema.rs) ------
rust_runner="$(cd "$here/../.." && cargo build -q -p access-key-tests --example conformance_rust \
  --message-format=json | "$venv/bin/python" -c \
  'import json, sys; print([m for m in map(json.loads, sys.stdin) if m.get("executable")][-1]["executable"])')" \
  || install_failed "cargo build --example conformance_rust"

# --- run the runners in parallel (2 cores) ---------------------------------------
# jschon is the slowest by far (~13 of the ~20 CPU seconds): its two
# configurations run in two processes, the other Python ones with the first.
py_rc=0 py2_rc=0 js_rc=0 go_rc=0 rs_rc=0
"$venv/bin/python" "$here/runner.py" "$schema_dir" "$tmp/python.json" \
  py-jsonschema py-jsonschema+formats fastjsonschema+formats jschon & py_pid=$!
"$venv/bin/python" "$here/runner.py" "$schema_dir" "$tmp/python-2.json" jschon+formats & py2_pid=$!
node "$here/runner.mjs" "$schema_dir" "$tmp/javascript.json" & js_pid=$!
"$tmp/go-runner" "$schema_dir" "$tmp/go.json" "$gojsonschema_version" & go_pid=$!
"$rust_runner" "$schema_dir" "$tmp/rust.json" & rs_pid=$!
wait "$py_pid" || py_rc=$?
wait "$py2_pid" || py2_rc=$?
wait "$js_pid" || js_rc=$?
wait "$go_pid" || go_rc=$?
wait "$rs_pid" || rs_rc=$?

# --- README examples: one valid and one invalid payload each ---------------------
: > "$tmp/examples.tsv"
example() { # name expected-exit command...
  local name="$1" expected="$2" rc=0
  shift 2
  "$@" > "$tmp/example.out" 2> "$tmp/example.err" || rc=$?
  # A crash (traceback, unreadable file, ...) also exits 1: anything on stderr
  # means the example did not run as a validator, whatever its exit code.
  [[ -s "$tmp/example.err" ]] && rc="crash($rc)"
  printf '%s\t%s\t%s\n' "$name" "$expected" "$rc" >> "$tmp/examples.tsv"
  if [[ "$rc" != "$expected" ]]; then cat "$tmp/example.out" "$tmp/example.err" | head -20 | sed 's/^/    /'; fi
}
ak_schema="$schema_dir/AccessKey.schema.json"
for kind in valid invalid; do
  expected=0; [[ "$kind" == invalid ]] && expected=1
  payload="$here/examples/access-key.$kind.json"
  example "validate.py/$kind" "$expected" "$venv/bin/python" "$here/examples/validate.py" "$ak_schema" "$payload"
  example "validate.mjs/$kind" "$expected" node "$here/examples/validate.mjs" "$ak_schema" "$payload"
done

# --- table, disagreements, final line (always printed) ---------------------------
# On the repository's own schema/, README's conformance table must be this
# run's table (CONFORMANCE_UPDATE_README=1 rewrites it).
readme_args=()
repo="$(cd "$here/../.." && pwd)"
[[ "$schema_dir" == "$repo/schema" ]] && readme_args=(--readme "$repo/README.md")
rc=0
"$venv/bin/python" "$here/report.py" "${readme_args[@]}" "$tmp/examples.tsv" \
  "$tmp/python.json:$py_rc" "$tmp/python-2.json:$py2_rc" "$tmp/javascript.json:$js_rc" "$tmp/go.json:$go_rc" \
  "$tmp/rust.json:$rs_rc" || rc=$?
exit "$rc"
