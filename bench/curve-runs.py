#!/usr/bin/env python3
"""Writes three long loss curves for timing `slaw curve fit` on big runs (issue 12).

Usage: python3 bench/curve-runs.py STEPS OUT_DIR [SEED]

Writes OUT_DIR/cosine_STEPS.csv, OUT_DIR/constant_STEPS.csv and OUT_DIR/wsd_D_STEPS.csv (D is
90 % of STEPS): the schedules of the multi-power examples (2160 warmup steps from 0 to 3e-4,
then cosine to 3e-5, constant, or exponential decay to 3e-5 over the last 10 %), named so that
`slaw curve fit` knows them. Every step from 1 to STEPS - 1 is logged (columns step, lr, loss).
The loss is the multi-power law with the 25M model's published parameters (docs/curves.md)
times exp(noise), noise ~ Normal(0, 0.003). A seed makes the files the same every time.

The loss-drop sum is taken exactly over the 16 steps before each evaluated step and by a
midpoint rule over blocks that widen with their distance beyond (each block one point per
sign of the rate change, at the drop-weighted mean of x = eta_k^-gamma S_k(t)); it is
evaluated every 8 steps and interpolated linearly between. Its error is far below the noise.
The Python standard library only, so it runs anywhere the project builds.
"""
import math
import os
import random
import sys

L0, A, ALPHA, B, C, BETA, GAMMA = 3.04045, 0.524687, 0.507869, 363.788, 2.06561, 0.582790, 0.641423
WARMUP, PEAK, END = 2160, 3e-4, 3e-5
NOISE = 0.003
NEAR = 16
EVERY = 8


def rates(kind, total, decay):
    out = []
    for s in range(total):
        if s < WARMUP:
            out.append(PEAK / (WARMUP - 1) * s)
        elif kind == "cosine":
            out.append(END + 0.5 * (PEAK - END) * (1 + math.cos(math.pi * (s - WARMUP) / (total - WARMUP))))
        elif kind == "constant" or s < decay:
            out.append(PEAK)
        else:
            length = total - decay
            out.append(PEAK ** ((total - s) / length) * END ** ((s - decay) / length))
    return out


def losses(eta):
    total = len(eta)
    cumulative = []
    s = 0.0
    for e in eta:
        s += e
        cumulative.append(s)
    # prefix sums over changes k (drop w_k = eta_{k-1} - eta_k), one set per sign of w_k:
    # sums of w, of w eta_k^-gamma and of w eta_k^-gamma S(k-1), so a block's midpoint is O(1)
    sums = {sign: ([0.0] * (total + 1), [0.0] * (total + 1), [0.0] * (total + 1)) for sign in (1, -1)}
    for k in range(total):
        w = eta[k - 1] - eta[k] if 0 < k and eta[k] > 0 else 0.0
        for sign, (sw, se, ses) in sums.items():
            use = w if (w > 0) == (sign > 0) and w != 0 else 0.0
            scale = eta[k] ** -GAMMA if use else 0.0
            sw[k + 1] = sw[k] + use
            se[k + 1] = se[k] + use * scale
            ses[k + 1] = ses[k] + use * scale * cumulative[k - 1] if k > 0 else 0.0

    def g(x):
        return 1 - (C * x + 1) ** -BETA

    def loss_drop(t):
        st = cumulative[t]
        total_ld = 0.0
        lo = max(1, t - NEAR + 1)
        for k in range(lo, t + 1):
            w = eta[k - 1] - eta[k]
            if w != 0 and eta[k] > 0:
                total_ld += w * g(eta[k] ** -GAMMA * (st - cumulative[k - 1]))
        hi = lo  # blocks [a, hi) walking back, each at most 1/16 of its distance from t
        while hi > 1:
            a = max(1, hi - max(1, (t - hi) // 16))
            for sw, se, ses in sums.values():
                weight = sw[hi] - sw[a]
                if weight != 0:
                    x = (st * (se[hi] - se[a]) - (ses[hi] - ses[a])) / weight
                    total_ld += weight * g(x)
            hi = a
        return B * total_ld

    at = list(range(1, total, EVERY))
    if at[-1] != total - 1:
        at.append(total - 1)
    drops = [loss_drop(t) for t in at]
    out = []
    for i in range(len(at) - 1):
        t0, t1 = at[i], at[i + 1]
        for t in range(t0, t1):
            ld = drops[i] + (drops[i + 1] - drops[i]) * (t - t0) / (t1 - t0)
            out.append(L0 + A * cumulative[t] ** -ALPHA - ld)
    out.append(L0 + A * cumulative[total - 1] ** -ALPHA - drops[-1])
    return out


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__.strip().splitlines()[2])
    total = int(sys.argv[1])
    folder = sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) == 4 else 12)
    os.makedirs(folder, exist_ok=True)
    decay = total * 9 // 10
    for kind, name in (("cosine", f"cosine_{total}"), ("constant", f"constant_{total}"),
                       ("wsd", f"wsd_{decay}_{total}")):
        eta = rates(kind, total, decay)
        curve = losses(eta)
        with open(os.path.join(folder, name + ".csv"), "w", encoding="utf-8") as f:
            f.write("step,lr,loss\n")
            f.writelines(f"{t},{eta[t]!r},{curve[t - 1] * math.exp(rng.gauss(0, NOISE)):.6f}\n"
                         for t in range(1, total))


if __name__ == "__main__":
    main()
