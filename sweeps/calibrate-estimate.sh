#!/usr/bin/env bash
# Measures what the run-time estimate of `aimc sweep --dry-run` and `aimc requirements --dry-run`
# is calibrated on (docs/SWEEPS.md, "The time estimate"): one run at a time, MNIST, seed 1, each
# network under ambrogio2018 (and a few under software), and prints one CSV line per run:
#   config,network,epochs,train_us_per_example,eval_us_per_example,epoch_overhead_s,run_seconds,wall_seconds
# train_us_per_example: an epoch's training pass per training example (metrics.csv training_seconds);
# eval_us_per_example: the epoch's accuracy passes (training sample + validation) per example;
# run_seconds: the whole process (JVM start, data, model, epochs, test pass, result files), as a
# sweep's run costs; wall_seconds: result.json's wallSeconds (the epochs only).
# Usage: sweeps/calibrate-estimate.sh [OUT_DIR] [EPOCHS] > calibration.csv    (AIMC=path/to/aimc to use another launcher)
# Then sweeps/fit-estimate.py calibration.csv gives RunTimeEstimate's coefficients.
set -euo pipefail
ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
AIMC="${AIMC:-$ROOT/aimc}"
OUT="${1:-runs/calibrate-estimate}"
EPOCHS="${2:-1}"
mkdir -p "$OUT"
RUNS=(
  "ambrogio2018 784-10" "ambrogio2018 784-32-10" "ambrogio2018 784-32-32-10" "ambrogio2018 784-100-10"
  "ambrogio2018 784-250-125-10" "ambrogio2018 784-500-250-10"
  "software 784-32-10" "software 784-250-125-10" "software 784-500-250-10"
)
echo "# $(date -u +%FT%TZ) $(git -C "$ROOT" rev-parse --short HEAD) load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "config,network,epochs,train_us_per_example,eval_us_per_example,epoch_overhead_s,run_seconds,wall_seconds"
for r in "${RUNS[@]}"; do
  read -r config network <<<"$r"
  dir="$OUT/$config-$network"
  start=$(date +%s.%N)
  "$AIMC" train --dataset mnist --network "$network" --config "$config" --epochs "$EPOCHS" --seed 1 --out "$dir" --overwrite >"$dir.log" 2>&1
  end=$(date +%s.%N)
  python3 - "$dir" "$config" "$network" "$EPOCHS" "$start" "$end" <<'PY'
import csv, json, sys
d, config, network, epochs, start, end = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
r = json.load(open(d + "/result.json"))
rows = list(csv.DictReader(open(d + "/metrics.csv")))
train, val = r["split"]["trainExamples"], r["split"]["validationExamples"]
# Each epoch measures trainAccuracyExamples of the training split (0 or absent: all of it).
sample = r["resolvedConfig"]["config"].get("trainAccuracyExamples", 0) or train
t = sum(float(x["training_seconds"]) for x in rows) / len(rows)
s = sum(float(x["seconds"]) for x in rows) / len(rows)
print("%s,%s,%d,%.2f,%.2f,%.2f,%.2f,%.2f" % (config, network, epochs, 1e6 * t / train, 1e6 * (s - t) / (min(sample, train) + val),
      r["wallSeconds"] / epochs - s, end - start, r["wallSeconds"]))
PY
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
