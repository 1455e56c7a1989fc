#!/usr/bin/env python3
"""The scipy reference for `slaw bench chinchilla`: the Epoch replication's Chinchilla protocol
(Besiroglu et al. 2024): Huber(1e-3) summed over log residuals, log-sum-exp form, scipy's L-BFGS-B
at its defaults (gradient by finite differences), from the 4,500-start grid, on the 240 rows left
after dropping the 5 highest losses. Prints the best objective, its parameters and the wall time.

    python3 bench/chinchilla-scipy.py [examples/chinchilla-epoch/svg_extracted_data.csv]
"""
import csv
import itertools
import sys
import time

import numpy as np
from scipy.optimize import minimize
from scipy.special import huber, logsumexp

path = sys.argv[1] if len(sys.argv) > 1 else "examples/chinchilla-epoch/svg_extracted_data.csv"
with open(path) as f:
    rows = [(float(r["Model Size"]), float(r["Training FLOP"]), float(r["loss"])) for r in csv.DictReader(f)]
rows.sort(key=lambda r: r[2])
rows = rows[:-5]  # --drop-highest loss=5
N = np.array([r[0] for r in rows])
D = np.array([r[1] / (6 * r[0]) for r in rows])
loss = np.array([r[2] for r in rows])
logN, logD, logL = np.log(N), np.log(D), np.log(loss)


def objective(x):
    a, b, e, alpha, beta = x
    pred = logsumexp([a - alpha * logN, b - beta * logD, np.full_like(logN, e)], axis=0)
    return np.sum(huber(1e-3, pred - logL))


grid = itertools.product(np.arange(0, 30, 5), np.arange(0, 30, 5), np.arange(-1, 1.5, 0.5),
                         np.arange(0, 2.5, 0.5), np.arange(0, 2.5, 0.5))
t0 = time.perf_counter()
best = None
starts = 0
for x0 in grid:
    starts += 1
    r = minimize(objective, np.array(x0), method="L-BFGS-B")
    if best is None or r.fun < best.fun:
        best = r
elapsed = time.perf_counter() - t0
a, b, e, alpha, beta = best.x
print(f"{len(rows)} rows, {starts} starts, {elapsed:.1f} s; objective {best.fun:.10f}; "
      f"E {np.exp(e):.4f} A {np.exp(a):.1f} B {np.exp(b):.1f} alpha {alpha:.4f} beta {beta:.4f}")
