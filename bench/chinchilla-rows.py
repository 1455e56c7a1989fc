#!/usr/bin/env python3
"""Writes a large table of Chinchilla-like runs for timing slaw on big data (issue 12).

Usage: python3 bench/chinchilla-rows.py ROWS OUT.csv [SEED]

Each row is one run: N (parameters) log-uniform over 1e7..1e10, D (tokens) log-uniform over
1e9..1e12, and loss = 1.69 + 406.4 / N^0.34 + 410.7 / D^0.28 (Hoffmann et al.'s fit) times
exp(noise) with noise ~ Normal(0, 0.01). A seed makes the file the same every time. The
Python standard library only, so it runs anywhere the project builds.
"""
import math
import random
import sys


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__.strip().splitlines()[2])
    rows = int(sys.argv[1])
    out = sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) == 4 else 12)
    with open(out, "w", encoding="utf-8") as f:
        f.write("N,D,loss\n")
        lines = []
        for _ in range(rows):
            n = 10 ** rng.uniform(7, 10)
            d = 10 ** rng.uniform(9, 12)
            loss = (1.69 + 406.4 / n ** 0.34 + 410.7 / d ** 0.28) * math.exp(rng.gauss(0, 0.01))
            lines.append(f"{n:.6g},{d:.6g},{loss:.6f}\n")
            if len(lines) == 100_000:
                f.writelines(lines)
                lines.clear()
        f.writelines(lines)


if __name__ == "__main__":
    main()
