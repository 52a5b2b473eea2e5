#!/usr/bin/env python3
"""Times logit QRE path following: `statecraft solve --method qre` against Gambit's gambit-logit
on the same seeded random games (2-player 50x50 and 3-player 10x10x10 by default), both traced to
the same regret target (1e-6 of the payoff range), and compares the terminal profiles.

Usage: compare_gambit_logit.py [--games 50x50,10x10x10] [--count 3] [--seed 1] [--reps 3]
                               [--gambit-accel 1.1] [--statecraft build/bin/statecraft]
                               [--gambit-logit PATH]
gambit-logit is looked up in $GAMBIT_LOGIT, then on PATH; when absent only ours is timed (it can
be built beside the project from github.com/gambitproject/gambit; it is not part of statecraft).
The two programs run interleaved (ours, Gambit, ours, Gambit, ...) so that both see the same
machine load; the best of --reps runs of each is kept. Both programs' settings are printed:
Gambit's maximum step growth per step (-a) defaults to 1.1 in gambit-logit; -a 1.5 runs faster.
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def write_nfg(path, dims, rng, max_payoff=99):
    cells = 1
    for d in dims:
        cells *= d
    players = " ".join('"P%d"' % (i + 1) for i in range(len(dims)))
    with open(path, "w") as f:
        f.write('NFG 1 R "random %s" { %s } { %s }\n\n' % ("x".join(map(str, dims)), players, " ".join(map(str, dims))))
        f.write(" ".join(str(rng.randint(0, max_payoff)) for _ in range(cells * len(dims))) + "\n")


def timed_once(cmd):
    t0 = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return time.perf_counter() - t0, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--games", default="50x50,10x10x10")
    ap.add_argument("--count", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--reps", type=int, default=3, help="repetitions per game; the minimum time is kept")
    ap.add_argument("--regret", type=float, default=1e-6)
    ap.add_argument("--statecraft", default=os.path.join(HERE, "..", "..", "build", "bin", "statecraft"))
    ap.add_argument("--gambit-logit", default=os.environ.get("GAMBIT_LOGIT") or shutil.which("gambit-logit"))
    ap.add_argument("--gambit-accel", type=float, default=1.1,
                    help="gambit-logit -a (maximum step growth per step; 1.1 is Gambit's default)")
    args = ap.parse_args()
    have = args.gambit_logit and os.path.exists(args.gambit_logit)
    if not have:
        print("gambit-logit not found (set GAMBIT_LOGIT or --gambit-logit): timing statecraft only")
    work = tempfile.mkdtemp(prefix="statecraft_qre_")
    print("# games in %s; best of %d interleaved runs per program" % (work, args.reps))
    print("# statecraft: solve --method qre (arc-length predictor-corrector, natural-parameter steps once the "
          "regret is small; stops at max regret %g of the payoff range)" % args.regret)
    if have:
        print("# gambit-logit: %s -e -m %g -a %g (other settings at gambit-logit's defaults)"
              % (args.gambit_logit, args.regret, args.gambit_accel))
    print("%-22s %10s %12s %8s %12s" % ("game", "ours_s", "gambit_s", "ratio", "max|diff|"))
    for spec in args.games.split(","):
        dims = [int(x) for x in spec.split("x")]
        for k in range(args.count):
            rng = random.Random("%d-%s-%d" % (args.seed, spec, k))
            path = os.path.join(work, "qre_%s_%d.nfg" % (spec, k))
            write_nfg(path, dims, rng)
            jpath = path + ".json"
            ours_cmd = [args.statecraft, "solve", path, "--method", "qre", "--json", jpath]
            gambit_cmd = [args.gambit_logit, "-e", "-m", str(args.regret), "-a", str(args.gambit_accel), path]
            t_ours, t_g, out = None, None, None
            for _ in range(args.reps):
                t, _ = timed_once(ours_cmd)
                t_ours = t if t_ours is None else min(t_ours, t)
                if have:
                    t, out = timed_once(gambit_cmd)
                    t_g = t if t_g is None else min(t_g, t)
            with open(jpath) as f:
                ours = [s["probability"] for p in json.load(f)["equilibria"][0]["profile"] for s in p["strategies"]]
            if have:
                last = [l for l in out.splitlines() if l.strip()][-1].split(",")
                theirs = [float(v) for v in last[1:]]
                diff = max(abs(a - b) for a, b in zip(ours, theirs)) if len(theirs) == len(ours) else float("nan")
                print("%-22s %10.4f %12.4f %8.2f %12.2e" % (os.path.basename(path), t_ours, t_g, t_g / t_ours, diff))
            else:
                print("%-22s %10.4f %12s %8s %12s" % (os.path.basename(path), t_ours, "-", "-", "-"))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
