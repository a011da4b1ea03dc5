#!/usr/bin/env python3
"""The side-by-side table of the network-level check (docs/DEVICES.md): aimc's runs (result.json
files under the given folders) against aihwkit's (train_mlp.py's JSON lines). Both sides selected
the same way: the epoch of best validation accuracy, and its test accuracy; beside it the training
loss of the last epoch (the mean cross-entropy over that epoch's examples). Prints a Markdown table.

  python3 compare_mlp.py --aimc runs/check-gokmen-vlasov --aihwkit 'aihwkit-runs/gokmen-vlasov-seed*.jsonl' ...
"""
import argparse
import glob
import json
import math
import os
import statistics


def mean_sd(v):
    return statistics.mean(v), (statistics.stdev(v) if len(v) > 1 else float("nan"))


def aimc_runs(folder):
    out = []
    for root, _, files in os.walk(folder):
        if "result.json" in files:
            r = json.load(open(os.path.join(root, "result.json")))
            last = r["perEpoch"][-1] if r.get("perEpoch") else {}
            out.append({"config": r["config"], "test": r["testAccuracy"], "epoch": r["selectedEpoch"], "epochs": r["epochs"],
                        "lastLoss": last.get("trainLoss")})
    return out


def aihwkit_runs(pattern):
    out = []
    for f in sorted(glob.glob(pattern)):
        lines = [json.loads(x) for x in open(f) if x.strip()]
        if not lines:
            continue
        best = max(lines, key=lambda e: (e["validationAccuracy"], -e["epoch"]))
        out.append({"device": lines[0]["device"], "test": best["testAccuracy"], "epoch": best["epoch"], "epochs": len(lines),
                    "lastLoss": lines[-1]["trainLoss"]})
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pair", nargs=3, action="append", metavar=("LABEL", "AIMC_FOLDER", "AIHWKIT_GLOB"), required=True)
    a = ap.parse_args()
    print("| device | aimc test (%) | aihwkit test (%) | difference (points) | z | aimc train loss, last epoch | aihwkit | runs × epochs |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for label, folder, pattern in a.pair:
        am = [r for r in aimc_runs(folder) if r["config"] != "software"]
        ah = aihwkit_runs(pattern)
        if not am or not ah:
            print(f"| {label} | {len(am)} runs | {len(ah)} runs | | | |")
            continue
        m1, s1 = mean_sd([100 * r["test"] for r in am])
        m2, s2 = mean_sd([100 * r["test"] for r in ah])
        se = math.sqrt(s1 ** 2 / len(am) + s2 ** 2 / len(ah))
        z = (m1 - m2) / se if se > 0 else float("nan")
        l1, t1 = mean_sd([r["lastLoss"] for r in am])
        l2, t2 = mean_sd([r["lastLoss"] for r in ah])
        print(f"| {label} | {m1:.2f} ± {s1:.2f} | {m2:.2f} ± {s2:.2f} | {m1 - m2:+.2f} | {z:+.1f} | {l1:.4f} ± {t1:.4f} | "
              f"{l2:.4f} ± {t2:.4f} | {len(am)} × {am[0]['epochs']} / {len(ah)} × {ah[0]['epochs']} |")


if __name__ == "__main__":
    main()
