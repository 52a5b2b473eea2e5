#!/usr/bin/env python3
"""Times `statecraft solve --method enum` against lrsnash on the same games, side by side in one
run, and checks that both report the same set of extreme equilibria (compared as exact rationals).

Usage: compare_lrsnash.py [--sizes 8,12,15,20] [--count 1] [--seed 1] [--max-payoff 99]
                          [--repeat-rows 0] [--games FILE,FILE...] [--reps 3] [--timeout SECONDS]
                          [--statecraft build/bin/statecraft] [--lrsnash lrsnash] [--workdir DIR]
--games compares given .nfg/.efg files instead of random games (a tree's reduced normal form, as
written by `statecraft solve --write-nfg`, is what both programs solve); --sizes "" skips the
random games. Random games draw integer payoffs from 0..--max-payoff (small => degenerate);
--repeat-rows K then overwrites K rows and K columns with copies of others (more degenerate).
For each game the two programs run interleaved (statecraft, lrsnash, statecraft, lrsnash, ...)
--reps times so that both see the same machine load; printed: the median wall and CPU seconds
and the median peak resident memory (MB) of each, the ratios lrsnash/statecraft (time) and
statecraft/lrsnash (memory), and whether the sets of extreme equilibria are equal.
statecraft's timed run writes its text report (to a file, as lrsnash writes its listing); a third
run per repetition adds --json (the document the sets are compared on), whose median CPU seconds
and peak MB are the json_cpu and json_MB columns. lrsnash is
skipped (with a message) when it is not installed.
"""
import argparse
import json
import os
import random
import re
import statistics
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


def run_timed(cmd, timeout=None, out_path=None):
    """Runs cmd (stdout to out_path or discarded) under GNU time, killed after `timeout` seconds
    by `timeout`; returns (wall s, CPU s user+sys, peak RSS MB, stdout text or None, timed out)
    (CPU time and memory are not known for a run that was killed).
    Peak memory comes from /usr/bin/time (getrusage of a forked child would inherit this
    script's own high-water mark)."""
    stats = tempfile.NamedTemporaryFile(prefix="statecraft_time_", delete=False).name
    limit = ["timeout", "-s", "KILL", str(timeout)] if timeout else []
    t0 = time.perf_counter()
    with open(out_path or os.devnull, "w") as out:
        proc = subprocess.run(["/usr/bin/time", "-f", "%U %S %M", "-o", stats] + limit + cmd, stdout=out)
    wall = time.perf_counter() - t0
    fields = open(stats).read().split()[-3:]
    os.remove(stats)
    timed_out = bool(limit) and proc.returncode in (137, -9, 124)
    if proc.returncode != 0 and not timed_out:
        raise subprocess.CalledProcessError(proc.returncode, cmd)
    text = open(out_path).read() if out_path and not timed_out else None
    return wall, float(fields[0]) + float(fields[1]), float(fields[2]) / 1024.0, text, timed_out


def nfg_to_lrs(nfg_path, lrs_path):
    """Converts a 2-player payoff-version .nfg (as written by statecraft) to lrsnash input."""
    text = open(nfg_path).read()
    toks = re.findall(r'"(?:\\.|[^"\\])*"|[{}]|[^\s{}"]+', text)
    depth, counts, i = 0, [], 0
    # header: NFG 1 R "title" { players } { {strategies} {strategies} } "comment" payoffs...
    while toks[i] != "{":
        i += 1
    while toks[i] != "}":
        i += 1
    i += 1
    assert toks[i] == "{", "strategy lists"
    i += 1
    while toks[i] == "{":
        i += 1
        k = 0
        while toks[i] != "}":
            k += 1
            i += 1
        counts.append(k)
        i += 1
    i += 1
    if toks[i].startswith('"'):
        i += 1
    vals = toks[i:]
    assert len(counts) == 2 and not any(v == "{" for v in vals), "2-player payoff version only"
    m, n = counts
    a = [[None] * n for _ in range(m)]
    b = [[None] * n for _ in range(m)]
    for c in range(m * n):
        i_, j_ = c % m, c // m
        a[i_][j_], b[i_][j_] = vals[2 * c], vals[2 * c + 1]
    with open(lrs_path, "w") as f:
        f.write("%d %d\n\n" % (m, n))
        for mat in (a, b):
            for row in mat:
                f.write(" ".join(row) + "\n")
            f.write("\n")


def prepare(args, have_lrs, name, game, stem):
    """Writes stem.lrs (lrsnash's input) from the normal form statecraft solves; returns the
    number of strategies "m x n" or None when statecraft could not write it."""
    if not os.path.exists(stem + ".lrs"):
        if not os.path.exists(stem + ".solved.nfg"):
            subprocess.run([args.statecraft, "solve", game, "--method", "pure", "--write-nfg", stem + ".solved.nfg"],
                           check=True, stdout=subprocess.DEVNULL)
        nfg_to_lrs(stem + ".solved.nfg", stem + ".lrs")
    with open(stem + ".lrs") as f:
        return "x".join(f.readline().split())


def compare(args, have_lrs, name, game, stem):
    """Runs statecraft on `game` and lrsnash on the same normal form, interleaved, --reps times
    each; prints one line of medians."""
    dims = prepare(args, have_lrs, name, game, stem)
    ours, ours_json, lrs = [], [], []
    ours_set_, ref_set = None, None
    for _ in range(args.reps):
        # The text report (to a file, as lrsnash's listing is), then the same with --json, whose
        # document (an object per strategy of every equilibrium) is timed apart.
        ours.append(run_timed([args.statecraft, "solve", game, "--method", "enum"], timeout=args.timeout,
                              out_path=stem + ".txt"))
        r = run_timed([args.statecraft, "solve", game, "--method", "enum", "--json", stem + ".json"],
                      timeout=args.timeout)
        ours_json.append(r)
        if not r[4] and ours_set_ is None:
            ours_set_ = ours_set(stem + ".json")[0]
        if have_lrs:
            r = run_timed([args.lrsnash, stem + ".lrs"], timeout=args.timeout, out_path=stem + ".lrs.out")
            lrs.append(r)
            if not r[4] and ref_set is None:
                ref_set = lrsnash_set(r[3])
    med = lambda runs, k: statistics.median(x[k] for x in runs)
    timed_out = lambda runs: any(x[4] for x in runs)
    fmt_t = lambda runs: (">%.0f" % med(runs, 0)) if timed_out(runs) else "%.3f" % med(runs, 0)
    n_eq = len(ours_set_) if ours_set_ is not None else "-"
    if not have_lrs:
        print("%-24s %-7s %5s %9s %9s %7s %7s" % (name, dims, n_eq, fmt_t(ours), "-", "-", "%.0f" % med(ours, 2)))
        return
    same = "-" if ours_set_ is None or ref_set is None else (
        "yes" if ref_set == ours_set_ else "NO (%d vs %d)" % (len(ours_set_), len(ref_set)))
    t_ratio = "-" if timed_out(ours) else "%.2f" % (med(lrs, 0) / med(ours, 0))
    m_ratio = "-" if timed_out(ours) or timed_out(lrs) else "%.1f" % (med(ours, 2) / med(lrs, 2))
    fmt = lambda runs, k, f: "-" if timed_out(runs) else f % med(runs, k)
    print("%-24s %-7s %5s %9s %9s %8s %8s %8s %7s %7s %7s %8s %7s  %s" % (
        name, dims, n_eq, fmt_t(ours), fmt_t(lrs), t_ratio, fmt(ours, 1, "%.3f"), fmt(lrs, 1, "%.3f"),
        fmt(ours, 2, "%.0f"), fmt(lrs, 2, "%.0f"), m_ratio, fmt(ours_json, 1, "%.3f"), fmt(ours_json, 2, "%.0f"),
        same))
    sys.stdout.flush()


def random_bimatrix(rng, m, n, max_payoff, repeat):
    """Payoffs uniform in 0..max_payoff; then `repeat` rows and columns copied from others."""
    a = [[rng.randint(0, max_payoff) for _ in range(n)] for _ in range(m)]
    b = [[rng.randint(0, max_payoff) for _ in range(n)] for _ in range(m)]
    for _ in range(min(repeat, m - 1)):
        src, dst = rng.sample(range(m), 2)
        a[dst], b[dst] = list(a[src]), list(b[src])
    for _ in range(min(repeat, n - 1)):
        src, dst = rng.sample(range(n), 2)
        for i in range(m):
            a[i][dst], b[i][dst] = a[i][src], b[i][src]
    return a, b


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="8,12,15,20")
    ap.add_argument("--count", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-payoff", type=int, default=99)
    ap.add_argument("--statecraft", default=os.path.join(HERE, "..", "..", "build", "bin", "statecraft"))
    ap.add_argument("--lrsnash", default=shutil.which("lrsnash") or "lrsnash")
    ap.add_argument("--workdir", default=None)
    ap.add_argument("--games", default="", help="comma-separated .nfg/.efg files to compare")
    ap.add_argument("--timeout", type=float, default=None, help="seconds per program and run")
    ap.add_argument("--reps", type=int, default=3, help="interleaved runs of each program per game (medians)")
    ap.add_argument("--repeat-rows", type=int, default=0, help="rows and columns copied from others")
    args = ap.parse_args()
    have_lrs = shutil.which(args.lrsnash) is not None or os.path.exists(args.lrsnash)
    if not have_lrs:
        print("lrsnash not found: timing statecraft only (install Debian package lrslib)")
    work = args.workdir or tempfile.mkdtemp(prefix="statecraft_bench_")
    os.makedirs(work, exist_ok=True)
    print("# games in %s; payoffs 0..%d, %d repeated rows/columns; seed %d; nproc %d; %d interleaved runs each, "
          "medians" % (work, args.max_payoff, args.repeat_rows, args.seed, os.cpu_count(), args.reps))
    print("%-24s %-7s %5s %9s %9s %8s %8s %8s %7s %7s %7s %8s %7s  %s" % (
        "game", "size", "#eq", "ours_s", "lrs_s", "lrs/ours", "ours_cpu", "lrs_cpu", "ours_MB", "lrs_MB", "MB o/l",
        "json_cpu", "json_MB", "same set"))
    for path in [g for g in args.games.split(",") if g]:
        stem = os.path.join(work, os.path.basename(path).rsplit(".", 1)[0])
        for f in (stem + ".lrs", stem + ".solved.nfg"):
            if os.path.exists(f):
                os.remove(f)
        compare(args, have_lrs, os.path.basename(path), path, stem)
    for size in [x for x in args.sizes.split(",") if x]:
        m = int(size.split("x")[0])
        n = int(size.split("x")[1]) if "x" in size else m
        for k in range(args.count):
            rng = random.Random("%d-%dx%d-%d" % (args.seed, m, n, k))
            a, b = random_bimatrix(rng, m, n, args.max_payoff, args.repeat_rows)
            stem = os.path.join(work, "rand%dx%d_p%d_r%d_s%d_%d" % (m, n, args.max_payoff, args.repeat_rows, args.seed, k))
            gen_random_games.write_game(stem + ".nfg", stem + ".lrs", a, b, "random")
            compare(args, have_lrs, os.path.basename(stem), stem + ".nfg", stem)


if __name__ == "__main__":
    main()
