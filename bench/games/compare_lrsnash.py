#!/usr/bin/env python3
"""Times `statecraft solve --method enum` against lrsnash on the same seeded random games and
checks that both report the same set of extreme equilibria (compared as exact rationals).

Usage: compare_lrsnash.py [--sizes 8,12,15,20] [--count 1] [--seed 1] [--max-payoff 99]
                          [--games FILE,FILE...] [--timeout SECONDS]
                          [--statecraft build/bin/statecraft] [--lrsnash lrsnash] [--workdir DIR]
--games compares given .nfg/.efg files instead of random games (a tree's reduced normal form, as
written by `statecraft solve --write-nfg`, is what both programs solve); --sizes "" skips the
random games. For each game the two programs run one after the other in the same invocation;
printed: wall and CPU seconds and peak resident memory (MB) of each, and whether the sets of
extreme equilibria are equal. lrsnash is skipped (with a message) when it is not installed.
"""
import argparse
import json
import os
import random
import re
import signal
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
    """Runs cmd (stdout to out_path or discarded) under GNU time, killing it after `timeout`
    seconds; returns (wall s, CPU s user+sys, peak RSS MB, stdout text or None, timed out).
    Peak memory comes from /usr/bin/time (getrusage of a forked child would inherit this
    script's own high-water mark)."""
    stats = tempfile.NamedTemporaryFile(prefix="statecraft_time_", delete=False).name
    t0 = time.perf_counter()
    with open(out_path or os.devnull, "w") as out:
        proc = subprocess.Popen(["/usr/bin/time", "-f", "%U %S %M", "-o", stats] + cmd, stdout=out,
                                start_new_session=True)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            os.remove(stats)
            return time.perf_counter() - t0, float("nan"), float("nan"), None, True
    wall = time.perf_counter() - t0
    fields = open(stats).read().split()[-3:]
    os.remove(stats)
    if proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, cmd)
    text = open(out_path).read() if out_path else None
    return wall, float(fields[0]) + float(fields[1]), float(fields[2]) / 1024.0, text, False


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


def compare(args, have_lrs, name, nfg, stem, extra_input=None):
    """Runs statecraft on `extra_input or nfg` and lrsnash on the same game; prints one line."""
    t_o, c_o, m_o, _, to_o = run_timed([args.statecraft, "solve", extra_input or nfg, "--method", "enum", "--json",
                                        stem + ".json", "--write-nfg", stem + ".solved.nfg"],
                                       timeout=args.timeout)
    ours = None if to_o else ours_set(stem + ".json")[0]
    if not have_lrs:
        print("%-22s %5s %9.3f %9s %7s %9.3f %7.0f" % (name, len(ours) if ours is not None else "-", t_o, "-", "-",
                                                      c_o, m_o))
        return
    if to_o or not os.path.exists(stem + ".lrs"):
        if not os.path.exists(stem + ".solved.nfg"):
            print("%-22s statecraft timed out before writing the normal form" % name)
            return
        nfg_to_lrs(stem + ".solved.nfg", stem + ".lrs")
    t_l, c_l, m_l, out, to_l = run_timed([args.lrsnash, stem + ".lrs"], timeout=args.timeout, out_path=stem + ".lrs.out")
    ref = None if to_l else lrsnash_set(out)
    same = "-" if ours is None or ref is None else ("yes" if ref == ours else "NO (%d vs %d)" % (len(ours), len(ref)))
    fmt_t = lambda t, to: (">%.0f" % t) if to else "%.3f" % t
    print("%-22s %5s %9s %9s %7.2f %9.3f %9.3f %7.0f %7.0f  %s" % (
        name, len(ours) if ours is not None else "-", fmt_t(t_o, to_o), fmt_t(t_l, to_l), t_l / t_o, c_o, c_l, m_o, m_l,
        same))
    sys.stdout.flush()


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
    ap.add_argument("--timeout", type=float, default=None, help="seconds per program and game")
    args = ap.parse_args()
    have_lrs = shutil.which(args.lrsnash) is not None or os.path.exists(args.lrsnash)
    if not have_lrs:
        print("lrsnash not found: timing statecraft only (install Debian package lrslib)")
    work = args.workdir or tempfile.mkdtemp(prefix="statecraft_bench_")
    os.makedirs(work, exist_ok=True)
    print("# games in %s; payoffs 0..%d; seed %d; nproc %d" % (work, args.max_payoff, args.seed, os.cpu_count()))
    print("%-22s %5s %9s %9s %7s %9s %9s %7s %7s  %s" % ("game", "#eq", "ours_s", "lrs_s", "ratio", "ours_cpu",
                                                        "lrs_cpu", "ours_MB", "lrs_MB", "same set"))
    for path in [g for g in args.games.split(",") if g]:
        stem = os.path.join(work, os.path.basename(path).rsplit(".", 1)[0])
        for f in (stem + ".lrs", stem + ".solved.nfg"):
            if os.path.exists(f):
                os.remove(f)
        compare(args, have_lrs, os.path.basename(path), None, stem, extra_input=path)
    for size in [x for x in args.sizes.split(",") if x]:
        m = int(size.split("x")[0])
        n = int(size.split("x")[1]) if "x" in size else m
        for k in range(args.count):
            rng = random.Random("%d-%dx%d-%d" % (args.seed, m, n, k))
            a = [[rng.randint(0, args.max_payoff) for _ in range(n)] for _ in range(m)]
            b = [[rng.randint(0, args.max_payoff) for _ in range(n)] for _ in range(m)]
            stem = os.path.join(work, "rand%dx%d_s%d_%d" % (m, n, args.seed, k))
            gen_random_games.write_game(stem + ".nfg", stem + ".lrs", a, b, "random")
            compare(args, have_lrs, os.path.basename(stem), stem + ".nfg", stem)


if __name__ == "__main__":
    main()
