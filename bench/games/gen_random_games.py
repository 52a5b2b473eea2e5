#!/usr/bin/env python3
"""Writes seeded random 2-player games as Gambit .nfg files (and lrsnash input files).

Usage: gen_random_games.py OUTDIR SIZE[,SIZE...] [--count K] [--seed S] [--max-payoff P]
Payoffs are integers drawn uniformly from 0..P (P small => degenerate games).
"""
import argparse
import os
import random


def write_game(path_nfg, path_lrs, a, b, title):
    m, n = len(a), len(a[0])
    with open(path_nfg, "w") as f:
        f.write('NFG 1 R "%s" { "Player 1" "Player 2" } { %d %d }\n\n' % (title, m, n))
        cells = []
        for j in range(n):
            for i in range(m):
                cells.append("%d %d" % (a[i][j], b[i][j]))
        f.write(" ".join(cells) + "\n")
    with open(path_lrs, "w") as f:
        f.write("%d %d\n\n" % (m, n))
        for row in a:
            f.write(" ".join(str(v) for v in row) + "\n")
        f.write("\n")
        for row in b:
            f.write(" ".join(str(v) for v in row) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("sizes")
    ap.add_argument("--count", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-payoff", type=int, default=99)
    args = ap.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    for size in args.sizes.split(","):
        m, _, n = size.partition("x")
        m = int(m)
        n = int(n) if n else m
        for k in range(args.count):
            rng = random.Random("%d-%dx%d-%d" % (args.seed, m, n, k))
            a = [[rng.randint(0, args.max_payoff) for _ in range(n)] for _ in range(m)]
            b = [[rng.randint(0, args.max_payoff) for _ in range(n)] for _ in range(m)]
            stem = os.path.join(args.outdir, "rand%dx%d_s%d_%d" % (m, n, args.seed, k))
            write_game(stem + ".nfg", stem + ".lrs", a, b, "random %dx%d seed %d #%d" % (m, n, args.seed, k))
            print(stem + ".nfg")


if __name__ == "__main__":
    main()
