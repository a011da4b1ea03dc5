#!/usr/bin/env python3
"""Statistical equivalence of two builds' results: for each configuration in both folders (as
`aimc reproduce --out DIR` writes them, one result.json per seed), the mean test accuracy over seeds
of each build and their difference against its standard error (Welch), and every event count's mean
difference against the seed spread of the counts. Usage: compare-runs.py OLD_DIR NEW_DIR."""
import json, math, os, sys

def runs(folder):
    out = {}
    for config in sorted(os.listdir(folder)):
        d = os.path.join(folder, config)
        if not os.path.isdir(d):
            continue
        seeds = [json.load(open(os.path.join(d, s, 'result.json'))) for s in sorted(os.listdir(d))
                 if os.path.isfile(os.path.join(d, s, 'result.json'))]
        if seeds:
            out[config] = seeds
    return out

def mean_sd(v):
    m = sum(v) / len(v)
    return m, math.sqrt(sum((x - m) ** 2 for x in v) / (len(v) - 1)) if len(v) > 1 else 0.0

old, new = runs(sys.argv[1]), runs(sys.argv[2])
print('| configuration | seeds | test, old build | test, new build | difference | its standard error | difference / SE | event counts beyond their seed spread |')
print('|---|---:|---:|---:|---:|---:|---:|---|')
worst = 0.0
for config in sorted(set(old) & set(new)):
    a = [100 * r['testAccuracy'] for r in old[config]]
    b = [100 * r['testAccuracy'] for r in new[config]]
    (ma, sa), (mb, sb) = mean_sd(a), mean_sd(b)
    se = math.sqrt(sa ** 2 / len(a) + sb ** 2 / len(b))
    z = (mb - ma) / se if se > 0 else 0.0
    worst = max(worst, abs(z))
    beyond = []
    ca = [(r.get('analog') or {}).get('eventCounts', {}) for r in old[config]]
    cb = [(r.get('analog') or {}).get('eventCounts', {}) for r in new[config]]
    for key in sorted(set().union(*ca) if ca else []):
        va = [c.get(key, 0) for c in ca]
        vb = [c.get(key, 0) for c in cb]
        (xa, da), (xb, db) = mean_sd(va), mean_sd(vb)
        spread = max(da, db)
        if abs(xb - xa) > spread and abs(xb - xa) > 1e-9 * max(abs(xa), 1):
            beyond.append(f'{key} {xb / xa - 1:+.1%}' if xa else key)
    print(f'| {config} | {len(a)}/{len(b)} | {ma:.2f} ± {sa:.2f} | {mb:.2f} ± {sb:.2f} | {mb - ma:+.2f} | {se:.2f} | {z:+.1f} | {", ".join(beyond) or "none"} |')
print(f'\nlargest |difference / SE|: {worst:.1f}')
