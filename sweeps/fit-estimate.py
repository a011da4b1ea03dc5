#!/usr/bin/env python3
"""Fits RunTimeEstimate's coefficients to a table of sweeps/calibrate-estimate.sh (docs/SWEEPS.md,
"The time estimate"): per kind of learner (analog: every configuration but software), relative least
squares (no coefficient below 0) of
  train = a + c*layers + b*MACs    (us per training example)
  eval  = a' + c'*layers + b'*MACs (us per example evaluated)
  epoch = e + f*MACs               (s per epoch end)
  run   = r + q*MACs               (s per run besides its epochs and its passes after them)
The software baseline's train and eval get no per-layer term (plain Java loops and ND4J GEMMs).
MNIST sizes: 50,000 training, 10,000 validation and 10,000 test examples; the training accuracy of each
epoch on `--sample` examples (the protocol's 10,000; 0: the whole split, and then no pass after the epochs).
Prints the two Costs lines of RunTimeEstimate and each run's estimate against its measurement.
Usage: sweeps/fit-estimate.py calibration.csv [--sample N] [--later-epoch-factor K]"""
import argparse, csv
import numpy as np
from scipy.optimize import nnls

p = argparse.ArgumentParser()
p.add_argument("table")
p.add_argument("--sample", type=int, default=10_000)
p.add_argument("--later-epoch-factor", type=float, default=0.37,
               help="k of the analog networks (a later epoch's training time over the first's; not fitted here: "
                    "measure it on a multi-epoch run's metrics.csv); software's is 1")
a = p.parse_args()
T, V, S = 50_000, 10_000, 10_000
N = a.sample if 0 < a.sample < T else T
after = S + (T if N < T else 0)

rows = [r for r in csv.DictReader(l for l in open(a.table) if not l.startswith("#"))]
if any(int(r["epochs"]) != 1 for r in rows):
    raise SystemExit("fit-estimate.py: the table must hold 1-epoch runs (train is the first epoch's cost per example); "
                     "run sweeps/calibrate-estimate.sh OUT 1")
def macs(net):
    s = [int(x) for x in net.split("-")]
    return sum(x * y for x, y in zip(s, s[1:]))

def fit(y, columns):
    """Relative least squares with no negative coefficient: minimises sum(((y - X.k) / y)^2), k >= 0."""
    y = np.asarray(y, float)
    X = np.column_stack(columns) / y[:, None]
    k, _ = nnls(X, np.ones_like(y))
    return k

for kind in ("analog", "software"):
    rs = [r for r in rows if (r["config"] == "software") == (kind == "software")]
    if not rs:
        continue
    m = np.array([macs(r["network"]) for r in rs], float)
    layers = np.array([len(r["network"].split("-")) - 1 for r in rs], float)
    one = np.ones_like(m)
    epochs = np.array([int(r["epochs"]) for r in rs], float)
    if kind == "analog":
        tr = fit([float(r["train_us_per_example"]) for r in rs], [one, layers, m])
        ev = fit([float(r["eval_us_per_example"]) for r in rs], [one, layers, m])
    else:
        a0, b0 = fit([float(r["train_us_per_example"]) for r in rs], [one, m])
        tr = np.array([a0, 0.0, b0])
        a1, b1 = fit([float(r["eval_us_per_example"]) for r in rs], [one, m])
        ev = np.array([a1, 0.0, b1])
    ep = fit([float(r["epoch_overhead_s"]) for r in rs], [one, m])
    train_us = tr[0] + tr[1] * layers + tr[2] * m
    eval_us = ev[0] + ev[1] * layers + ev[2] * m
    epoch_s = ep[0] + ep[1] * m
    per_epoch = 1e-6 * (T * train_us + (N + V) * eval_us) + epoch_s
    rest = np.array([float(r["run_seconds"]) for r in rs]) - epochs * per_epoch - 1e-6 * after * eval_us
    run = fit(rest, [one, m]) if np.all(rest > 0) else np.array([max(0.0, float(np.median(rest))), 0.0])
    est = epochs * per_epoch + 1e-6 * after * eval_us + run[0] + run[1] * m
    name = "ANALOG" if kind == "analog" else "SOFTWARE"
    k = a.later_epoch_factor if kind == "analog" else 1.0
    print(f"static final Costs {name} = new Costs({tr[0]:.3g}, {tr[1]:.3g}, {tr[2]:.3g}, {ev[0]:.3g}, {ev[1]:.3g}, {ev[2]:.3g}, "
          f"{ep[0]:.3g}, {ep[1]:.3g}, {run[0]:.3g}, {run[1]:.3g}, {k:.3g});")
    for r, e in zip(rs, est):
        print(f"  {r['config']} {r['network']}: estimate {e:.1f} s, measured {float(r['run_seconds']):.1f} s ({e / float(r['run_seconds']):.2f})")
