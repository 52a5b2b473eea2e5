#!/usr/bin/env python3
"""Validation against Mesa's own implementation of Epstein's model (Mesa 3.3.1 example).

Runs Mesa and `statecraft simulate --mode mesa` with the same parameters over many seeds and
compares the distributions of peak actives, mean actives, burst counts and final jailed with
two-sample Kolmogorov-Smirnov and Mann-Whitney U tests (scipy). Seeds cannot match one to one
(the random streams differ), so the claim tested is "same distribution".

usage: compare_mesa.py STATECRAFT_BIN [--seeds N] [--steps S] [--side N] [--legitimacy L ...]
env:   MESA_PATH (default /work/peers/mesa); the peer is skipped, saying so, when absent.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))


def bursts(series, threshold):
    n, inside = 0, False
    for a in series:
        if a >= threshold and not inside:
            n += 1
        inside = a >= threshold
    return n


def metrics(active, jailed, threshold):
    return {"peak": max(active), "mean": sum(active) / len(active), "bursts": bursts(active, threshold),
            "jailed": jailed[-1]}


def run_mesa(seed, a):
    out = subprocess.run([sys.executable, os.path.join(HERE, "mesa_peer.py"), str(seed), str(a.steps),
                          str(a.side), str(a.L)], capture_output=True, text=True)
    if out.returncode == 3:
        return None
    out.check_returncode()
    return json.loads(out.stdout)


def run_ours(binary, seed, a):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "out.json")
        subprocess.run([binary, "simulate", "--mode", "mesa", "--order", "sequential", "--quiet",
                        "--agents", str(round(a.side * a.side * 0.774)), "--legitimacy", str(a.L),
                        "--seed", str(seed), "--steps", str(a.steps), "--json", path],
                       check=True, capture_output=True)
        j = json.load(open(path))
    return {"active": j["series"]["active"][1:], "jailed": j["series"]["jailed"][1:]}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("binary")
    p.add_argument("--seeds", type=int, default=20)
    p.add_argument("--steps", type=int, default=200)
    p.add_argument("--side", type=int, default=40)
    p.add_argument("--legitimacy", type=float, nargs="+", default=[0.8, 0.7])
    p.add_argument("--burst", type=int, default=10, help="actives that make a burst")
    p.add_argument("--jobs", type=int, default=2)
    a = p.parse_args()
    print(f"# compare_mesa: seeds={a.seeds} steps={a.steps} grid={a.side}x{a.side} burst>={a.burst}")
    for L in a.legitimacy:
        a.L = L
        with ThreadPoolExecutor(a.jobs) as ex:
            mesa = list(ex.map(lambda s: run_mesa(s, a), range(1, a.seeds + 1)))
        if any(m is None for m in mesa):
            print("Mesa not found on MESA_PATH: peer skipped")
            return 0
        ours = [run_ours(a.binary, s, a) for s in range(1001, 1001 + a.seeds)]
        mm = [metrics(m["active"], m["jailed"], a.burst) for m in mesa]
        oo = [metrics(o["active"], o["jailed"], a.burst) for o in ours]
        print(f"\n## legitimacy {L}")
        print(f"{'metric':8} {'mesa mean':>10} {'ours mean':>10} {'KS p':>8} {'MWU p':>8}")
        for k in ("peak", "mean", "bursts", "jailed"):
            x, y = [m[k] for m in mm], [o[k] for o in oo]
            ks = stats.ks_2samp(x, y).pvalue
            mw = stats.mannwhitneyu(x, y, alternative="two-sided").pvalue if len(set(x + y)) > 1 else 1.0
            print(f"{k:8} {sum(x)/len(x):10.2f} {sum(y)/len(y):10.2f} {ks:8.3f} {mw:8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
