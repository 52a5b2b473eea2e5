#!/usr/bin/env python3
"""Times `statecraft solve --method enum` against lrsnash on the same seeded random games and
checks that both report the same set of extreme equilibria (compared as exact rationals).

Usage: compare_lrsnash.py [--sizes 8,12,15,20] [--count 1] [--seed 1] [--max-payoff 99]
                          [--statecraft build/bin/statecraft] [--lrsnash lrsnash] [--workdir DIR]
Prints one line per game and the ratio lrsnash time / statecraft time. lrsnash is skipped (with a
message) when it is not installed.
"""
import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen_random_games  # noqa: E402


def lrsnash_set(text):
    eqs = set()
    xs, ys = [], []

    def flush():
        for x in xs:
            for y in ys:
                eqs.add((x, y))
        xs.clear()
        ys.clear()

    for line in text.splitlines():
        if not line.strip():
            flush()
            continue
        if line.startswith("*"):
            continue
        tok = line.split()
        vec = tuple(Fraction(t) for t in tok[1:-1])
        (xs if tok[0] == "1" else ys).append(vec)
    flush()
    return eqs


def ours_set(path):
    with open(path) as f:
        j = json.load(f)
    eqs = set()
    for e in j["equilibria"]:
        prof = [tuple(Fraction(s["exact"]) for s in p["strategies"]) for p in e["profile"]]
        eqs.add((prof[0], prof[1]))
    return eqs, j.get("message", "")


def run_timed(cmd, **kw):
    """Runs cmd; returns (wall seconds, child CPU seconds user+sys, CompletedProcess)."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    cp = subprocess.run(cmd, check=True, **kw)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return wall, cpu, cp


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="8,12,15,20")
    ap.add_argument("--count", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-payoff", type=int, default=99)
    ap.add_argument("--statecraft", default=os.path.join(HERE, "..", "..", "build", "bin", "statecraft"))
    ap.add_argument("--lrsnash", default=shutil.which("lrsnash") or "lrsnash")
    ap.add_argument("--workdir", default=None)
    args = ap.parse_args()
    have_lrs = shutil.which(args.lrsnash) is not None or os.path.exists(args.lrsnash)
    if not have_lrs:
        print("lrsnash not found: timing statecraft only (install Debian package lrslib)")
    work = args.workdir or tempfile.mkdtemp(prefix="statecraft_bench_")
    os.makedirs(work, exist_ok=True)
    print("# games in %s; payoffs 0..%d; seed %d; nproc %d" % (work, args.max_payoff, args.seed, os.cpu_count()))
    print("%-22s %5s %9s %9s %7s %9s %9s %7s  %s" % ("game", "#eq", "ours_s", "lrs_s", "ratio", "ours_cpu", "lrs_cpu",
                                                   "cpu_rat", "same set"))
    for size in args.sizes.split(","):
        m = int(size.split("x")[0])
        n = int(size.split("x")[1]) if "x" in size else m
        for k in range(args.count):
            rng = random.Random("%d-%dx%d-%d" % (args.seed, m, n, k))
            a = [[rng.randint(0, args.max_payoff) for _ in range(n)] for _ in range(m)]
            b = [[rng.randint(0, args.max_payoff) for _ in range(n)] for _ in range(m)]
            stem = os.path.join(work, "rand%dx%d_s%d_%d" % (m, n, args.seed, k))
            gen_random_games.write_game(stem + ".nfg", stem + ".lrs", a, b, "random")
            t_ours, c_ours, _ = run_timed([args.statecraft, "solve", stem + ".nfg", "--method", "enum", "--json",
                                           stem + ".json"], stdout=subprocess.DEVNULL)
            ours, _ = ours_set(stem + ".json")
            if have_lrs:
                t_lrs, c_lrs, cp = run_timed([args.lrsnash, stem + ".lrs"], capture_output=True, text=True)
                ref = lrsnash_set(cp.stdout)
                same = "yes" if ref == ours else "NO (%d vs %d)" % (len(ours), len(ref))
                print("%-22s %5d %9.3f %9.3f %7.2f %9.3f %9.3f %7.2f  %s" % (
                    os.path.basename(stem), len(ours), t_ours, t_lrs, t_lrs / t_ours, c_ours, c_lrs,
                    c_lrs / max(c_ours, 1e-9), same))
            else:
                print("%-22s %5d %9.3f %9s %7s %9.3f" % (os.path.basename(stem), len(ours), t_ours, "-", "-", c_ours))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
