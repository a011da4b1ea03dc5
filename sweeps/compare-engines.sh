#!/usr/bin/env bash
# Runs one sweep spec four ways in one sitting and prints the wall times and ratios:
# the local engine on 1 core and on 2 cores, and the Spark engine (embedded, local[2]), then
# checks that the engines' tables are identical. Results go to runs/compare-engines/<engine>/.
# The 1-core run is pinned to one core (taskset), JVM included: with --threads 1 alone its JIT
# compiler and garbage collector would work on the second core for free and flatter the 1-core time.
# Usage: sweeps/compare-engines.sh SPEC.yaml [--epochs N] [--seeds N]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SPEC="$1"; shift
OUT="runs/compare-engines/$(basename "$SPEC" .yaml)"
rm -rf "$OUT"
run() { # name, CPU list ("" for all), then aimc sweep options
  local name="$1" cpus="$2"; shift 2
  local pin=()
  [[ -n "$cpus" ]] && pin=(taskset -c "$cpus")
  local t0=$(date +%s.%N)
  "${pin[@]}" "$ROOT/aimc" sweep --spec "$SPEC" --out "$OUT/$name" "$@" > "$OUT-$name.log" 2>&1 || { echo "$name failed: see $OUT-$name.log" >&2; exit 1; }
  awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { print b - a }'
}
mkdir -p "$OUT"
# Build both launch paths first, so no build lands inside a timing.
"$ROOT/aimc" --version >/dev/null; "$ROOT/aimc" sweep --engine spark --help >/dev/null
RUNS=$("$ROOT/aimc" sweep --spec "$SPEC" "$@" --dry-run | tail -n 1 | sed -E 's/.*= ([0-9]+) runs.*/\1/')
command -v taskset >/dev/null || { echo "taskset (util-linux) is needed to pin the 1-core run" >&2; exit 1; }
one=$(run local-1 0 "$@" --threads 1)
two=$(run local-2 "" "$@" --threads 2)
spark=$(run spark-2 "" "$@" --engine spark --master 'local[2]')
awk -v n="$RUNS" -v one="$one" -v two="$two" -v spark="$spark" 'BEGIN {
  printf "runs: %d\nlocal, 1 core : %8.1f s\nlocal, 2 cores: %8.1f s   speed-up %.2fx\n", n, one, two, one / two
  printf "spark local[2]: %8.1f s   overhead over local on 2 cores: %+.2f s per run\n", spark, (spark - two) / n }'
for f in sweep.csv sweep.md; do
  cmp -s "$OUT/local-2/$f" "$OUT/spark-2/$f" && echo "$f: local and spark identical" || { echo "$f: local and spark DIFFER" >&2; exit 1; }
done
diff <(tail -n +2 "$OUT/local-2/runs.csv" | sort) <(tail -n +2 "$OUT/spark-2/runs.csv" | sort) >/dev/null \
  && echo "runs.csv: the same rows" || { echo "runs.csv: rows DIFFER" >&2; exit 1; }
