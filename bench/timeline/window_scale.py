#!/usr/bin/env python3
"""How far a society window at the timeline's reduced scale departs from larger runs.

The timeline runs the agent-based model in each mobilisation window at a reduced scale (600
citizens, 45 days; src/timeline, docs/models/timeline.md). This script runs the same settings,
those of the Belarus scenario's `mobilisation` window at their central values, at 600 citizens
and at larger scales, several seeds each, with `statecraft simulate`, and prints the peak share of
the population in the street, the share arrested, the share of officers who defected and how
often the regime collapsed, per scale, for shocks of 1x and 2x the 2020 stolen election.

    bench/timeline/window_scale.py [build/bin/statecraft] [--seeds 8] [--scales 600,2400,9600,38400]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

SETTINGS = {  # the mobilisation window's settings at the central values of belarus.yaml
    "base": "netlogo",
    "population": 9160000, "security_forces": 73064, "vision": 7,
    "arrest_constant": 2.3, "activation_threshold": 0.1, "jail_max_days": 30,
    "legitimacy": 0.93, "shock_step": 1, "shock_ramp_days": 1,
    "arrest_probability": 0.0013, "information_control": 0.65 * (1 - 0.125),
    "defection_ratio": 4, "loyalty_erosion": 0.02, "loyalty_recovery": 0.02,
    "loyalty_initial_min": 0.5, "defection_threshold": 0.2,
    "patron_signal": 0.75, "patron_signal_step": 1, "kremlin_reserve": 1000,
    "reserve_delay_days": 7, "reserve_trigger_active_share": 0.04,
    "collapse_loyal_fraction": 0.5,
}


def scenario_text(shock):
    lines = ["statecraft: 1",
             "meta: {name: window scale check, as_of: 2026-04-30, horizon_months: 1, seed: 1}",
             "sources: [{id: b, title: belarus.yaml mobilisation window, file: scenarios/belarus.yaml}]",
             "actors: [{id: p, name: P, kind: population, capability: 1, source: b}]",
             "society:"]
    settings = dict(SETTINGS, legitimacy_shock=0.032 * shock)
    for k, v in settings.items():
        lines.append(f"  {k}: {v}" if k == "base" else f"  {k}: {{value: {v}, source: b}}")
    return "\n".join(lines) + "\n"


def run(cli, path, agents, seed, tmp):
    out = os.path.join(tmp, f"r{agents}_{seed}.json")
    subprocess.run([cli, "simulate", path, "--agents", str(agents), "--steps", "45", "--order", "sequential",
                    "--seed", str(seed), "--quiet", "--json", out], check=True, stdout=subprocess.DEVNULL)
    with open(out) as f:
        j = json.load(f)
    s, o = j["summary"], j["outcome"]
    citizens = j["series"]["quiet"][0] + j["series"]["active"][0] + j["series"]["jailed"][0]
    cops = j["series"]["cops_loyal"][0] + j["series"]["cops_defected"][0]
    return (s["peak_active"] / citizens, s["total_arrests"] / citizens, s["final_defected"] / max(1, cops),
            1 if o["collapse_step"] >= 0 else 0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cli", nargs="?", default="build/bin/statecraft")
    ap.add_argument("--seeds", type=int, default=8)
    ap.add_argument("--scales", default="600,2400,9600,38400")
    a = ap.parse_args()
    scales = [int(x) for x in a.scales.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        print(f"# statecraft simulate, mobilisation window settings, 45 days, {a.seeds} seeds per cell")
        print("| shock | citizens | peak in street (mean, sd) | arrested | officers defected | collapsed |")
        print("|---|---|---|---|---|---|")
        for shock in (1.0, 2.0):
            path = os.path.join(tmp, f"s{shock}.yaml")
            with open(path, "w") as f:
                f.write(scenario_text(shock))
            for n in scales:
                rs = [run(a.cli, path, n, seed, tmp) for seed in range(1, a.seeds + 1)]
                peak = [r[0] for r in rs]
                print(f"| {shock:g}x | {n} | {100 * statistics.mean(peak):.2f}% ({100 * statistics.pstdev(peak):.2f}) "
                      f"| {100 * statistics.mean(r[1] for r in rs):.2f}% | {100 * statistics.mean(r[2] for r in rs):.1f}% "
                      f"| {sum(r[3] for r in rs)}/{len(rs)} |")
                sys.stdout.flush()


if __name__ == "__main__":
    main()
