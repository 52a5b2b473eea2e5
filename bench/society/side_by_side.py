#!/usr/bin/env python3
"""Speed of statecraft's society engine against Mesa's Epstein example, side by side in one run.

Times Mesa (few steps: it is slow) and `statecraft simulate --mode mesa` on the same grids and
prints agent-steps per second and, for the orders with Mesa's dynamic only, the ratio: the
random-sequential order that matches Mesa and the conflict-free order, which has its law
(tests/unit/society/order_equivalence_test.cpp). The synchronous order is another dynamic and the
blocked order not the same law by construction, so a ratio to Mesa would compare different
models; their speed is printed without one. Also times the whole population of Belarus
(9.2 million agents: the conflict-free order 3 steps, the blocked and synchronous orders 30) and
reports steps/s and peak memory (RSS).

usage: side_by_side.py STATECRAFT_BIN [--mesa-steps N] [--threads T] [--skip-9m]
env:   MESA_PATH (default /work/peers/mesa); the peer is skipped, saying so, when absent.
"""
import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
# Orders whose runs are statistically indistinguishable from Mesa's random activation.
SAME_DYNAMIC_AS_MESA = {"sequential", "conflict-free"}


def ours(binary, side, steps, order, threads):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "o.json")
        cmd = ["/usr/bin/time", "-f", "%M", binary, "simulate", "--mode", "mesa", "--quiet", "--order", order,
               "--threads", str(threads), "--agents", str(round(side * side * 0.774)), "--steps", str(steps),
               "--json", path]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True)
        rss_kib = int(re.findall(r"^(\d+)$", out.stderr, re.M)[-1])
        j = json.load(open(path))
    agents = int(j["provenance"]["citizens"]) + int(j["provenance"]["cops"])
    secs, cpu = j["summary"]["seconds"], j["summary"]["cpu_seconds"]
    return agents * steps / secs, steps / secs, rss_kib / 1024.0, agents, agents * steps / cpu


def mesa(side, steps):
    out = subprocess.run([sys.executable, os.path.join(HERE, "mesa_peer.py"), "1", str(steps), str(side), "0.8"],
                         capture_output=True, text=True)
    if out.returncode == 3:
        return None
    out.check_returncode()
    j = json.loads(out.stdout)
    return j["agent_steps_per_s"], j["agent_steps_per_cpu_s"]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("binary")
    p.add_argument("--mesa-steps", type=int, default=20)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--skip-9m", action="store_true")
    a = p.parse_args()
    print(f"# side_by_side: Mesa example vs statecraft simulate --mode mesa; {os.cpu_count()} CPUs")
    print("# wall: agent-steps per second of elapsed time; cpu: per processor-second (all threads),")
    print("# the fair figure on a shared machine. Ratios are to Mesa on the same basis, and only for")
    print("# orders with Mesa's dynamic; 'other' marks an order with another dynamic (no ratio).")
    print(f"{'grid':>9} {'engine':28} {'wall a-s/s':>12} {'ratio':>7} {'cpu a-s/s':>12} {'ratio':>7}")
    for side in (40, 200):
        m = mesa(side, a.mesa_steps if side == 40 else max(3, a.mesa_steps // 4))
        if m:
            print(f"{side:>4}x{side:<4} {'mesa 3.3.1':28} {m[0]:12.0f} {'':7} {m[1]:12.0f}")
        else:
            print(f"{side:>4}x{side:<4} {'mesa 3.3.1':28} (skipped: Mesa not found on MESA_PATH)")
        for order, threads in (("sequential", 1), ("conflict-free", a.threads), ("blocked", a.threads),
                               ("synchronous", a.threads)):
            rate, _, _, _, cpu = ours(a.binary, side, 2000 if side == 40 else 200, order, threads)
            same = order in SAME_DYNAMIC_AS_MESA
            r1 = f"{rate / m[0]:6.0f}x" if m and same else ("      -" if same else "  other")
            r2 = f"{cpu / m[1]:6.0f}x" if m and same else ("      -" if same else "  other")
            print(f"{side:>4}x{side:<4} {'statecraft ' + order + ' t=' + str(threads):28} {rate:12.0f} {r1} {cpu:12.0f} {r2}")
    if not a.skip_9m:
        side = 3448  # 9.2 million agents at density 0.774
        print()
        for order, steps in (("conflict-free", 3), ("blocked", 30), ("synchronous", 30)):
            rate, sps, rss, agents, cpu = ours(a.binary, side, steps, order, a.threads)
            print(f"9.2M: {agents} agents, {order} order, {a.threads} threads: {sps:.3f} steps/s wall, "
                  f"{rate:.3g} agent-steps/s wall, {cpu:.3g} per cpu-second, peak RSS {rss:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
