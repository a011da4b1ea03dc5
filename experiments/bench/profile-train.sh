#!/usr/bin/env bash
# Where an example's time goes: records `aimc bench train --configs ambrogio2018` with Java Flight
# Recorder and sorts the samples' top frames into the parts of a training example.
# Usage: experiments/bench/profile-train.sh [OUT.jfr]   (run from the repository root; needs jfr and python3)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:-${TMPDIR:-/tmp}/aimc-train.jfr}"
AIMC_JAVA_OPTS="-XX:StartFlightRecording=filename=$OUT,settings=profile" \
  "$ROOT/aimc" bench train --rounds 5 --configs ambrogio2018 2>&1 | grep -E '^(configuration|ambrogio2018)'
jfr print --events jdk.ExecutionSample "$OUT" > "$OUT.txt"
python3 - "$OUT.txt" <<'PY'
import collections, re, sys
# Each part of an example and the code its samples' top frames fall in (first match wins).
parts = [
    ('capacitor update: the device kernel and its noise', ['CapacitorArray.applyPulses', 'CapacitorArray.step', 'QuantileGaussian', 'ZigguratSampler']),
    ('pulse trains and the listing of pulsed cells', ['PulsedUpdate', 'PulseTrains']),
    ('capacitor cells: indices, the weight cache', ['CapacitorCells', 'CapacitorBackedCellArray']),
    ('MVM kernels and periphery', ['VectorMvmKernel', 'PeripheryPath', 'MvmPath', 'jdk.incubator']),
    ('clock refresh: drift, 1/f noise, leakage, cache', ['PcmPairs.refresh', 'conductancesMicroSiemens', 'readNoise', 'CapacitorArray.advanceTo', 'writeWeights', 'lineReadVariances', 'PcmParams']),
    ('transfers: closed-loop tuning', ['PcmArray.tune', 'PcmArray.apply', 'PcmArray.reset', 'drawNu', 'expm1', 'log1p', 'SlowestCell', 'ColumnTransfer']),
]
counts, total = collections.Counter(), 0
for event in open(sys.argv[1]).read().split('jdk.ExecutionSample'):
    frames = re.findall(r'^\s+([\w.$<>]+)\(.*?line: (\d+)', event, re.M)
    if not frames:
        continue
    total += 1
    top = frames[0][0]
    counts[next((name for name, keys in parts if any(k in top for k in keys)), 'everything else')] += 1
for name, n in counts.most_common():
    print(f'{100 * n / total:5.1f} %  {name}')
print(f'({total} samples; recording in {sys.argv[1][:-4]})')
PY
