#!/usr/bin/env bash
# The CLI against its floor on a big NDJSON file, in interleaved rounds:
# each round times parse-only, `validate --threads 1` and `--threads 2` one
# after the other, so a slow spell of the machine hits all three alike.
# Prints every round and the medians of the per-round ratios.
#
#   cargo build --release -p access-key-schema --bin access-key -p access-key-bench --bins
#   target/release/gen-ndjson /tmp/ak.ndjson 1024      # ~1 GB; never commit it
#   benches/cli-rounds.sh /tmp/ak.ndjson 7
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
file=${1:?usage: benches/cli-rounds.sh FILE [ROUNDS]}
rounds=${2:-7}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
for _ in $(seq 1 "$rounds"); do
  /usr/bin/time -o "$t/p" -f "%e" target/release/parse-only "$file" >/dev/null
  # validate exits 1 when it finds invalid records: expected here.
  /usr/bin/time -o "$t/1" -f "%e %M" target/release/access-key validate --threads 1 "$file" >/dev/null 2>&1 || true
  /usr/bin/time -o "$t/2" -f "%e %M" target/release/access-key validate --threads 2 "$file" >/dev/null 2>&1 || true
  echo "$(tail -1 "$t/p") $(tail -1 "$t/1") $(tail -1 "$t/2")"
done | awk '
  function median(a, n,   i, j, x) {
    for (i = 2; i <= n; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
    return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  {
    n++; r1[n] = $1 / $2; r2[n] = $1 / $4; if ($3 > m1) m1 = $3; if ($5 > m2) m2 = $5
    printf "parse-only %.2f s | --threads 1 %.2f s (%.2fx), %d KB | --threads 2 %.2f s (%.2fx), %d KB\n", $1, $2, $1 / $2, $3, $4, $1 / $4, $5
  }
  END {
    printf "median of %d rounds: --threads 1 %.2fx, --threads 2 %.2fx parse-only throughput; peak RSS %d KB and %d KB\n", n, median(r1, n), median(r2, n), m1, m2
  }'
