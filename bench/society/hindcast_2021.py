#!/usr/bin/env python3
"""Scores the 2020 society hindcast on what happened by the end of 2021 (docs/validation.md).

Runs `statecraft simulate scenarios/belarus-2020.yaml --steps 518` (1 August 2020 to
31 December 2021, one step a day; the election is step 10) for several seeds and prints, next to
the observed figures of the project's fact sheet, the detentions of the first week after the
election, the detentions by the end of 2020 and of 2021, the protest in the winter of 2020-21
against its peak (the fade), and the emigrants by the end of 2021. The settings are those of
the scenario: nothing here is fitted.

Usage: bench/society/hindcast_2021.py build/bin/statecraft [--seeds 4]
"""
import argparse
import csv
import os
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ELECTION = 10      # step of 9 August 2020
END_2020 = 153     # step of 31 December 2020 (1 August is step 1)
WINTER = (123, 243)  # December 2020 to March 2021


def run(binary, seed, path):
    scenario = os.path.join(ROOT, "scenarios", "belarus-2020.yaml")
    subprocess.run([binary, "simulate", scenario, "--steps", "518", "--seed", str(seed), "--quiet", "--csv", path],
                   check=True, stdout=subprocess.DEVNULL)
    people = None
    rows = []
    with open(path) as f:
        for line in f:
            if line.startswith("# people_per_agent"):
                people = float(line.split()[-1])
            if not line.startswith("#"):
                rows.append(line)
    series = list(csv.DictReader(rows))
    return people, series


def measures(people, s):
    arrests = []  # cumulative: the CSV gives each step's new arrests
    for r in s:
        arrests.append((arrests[-1] if arrests else 0) + int(r["arrests"]))
    active = [int(r["active"]) for r in s]
    emigrated = [int(r["emigrated"]) for r in s]
    peak = max(active[:END_2020 + 1])
    winter = sum(active[WINTER[0]:WINTER[1]]) / (WINTER[1] - WINTER[0])
    return {
        "first week detained": people * (arrests[ELECTION + 6] - arrests[ELECTION - 1]),
        "detained by end 2020": people * arrests[END_2020],
        "detained in 2021": people * (arrests[-1] - arrests[END_2020]),
        "detained by end 2021": people * arrests[-1],
        "winter / peak protest": winter / peak if peak else 0.0,
        "emigrants by end 2021": people * emigrated[-1],
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--seeds", type=int, default=4)
    args = ap.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(1, args.seeds + 1):
            people, series = run(args.binary, seed, os.path.join(tmp, f"s{seed}.csv"))
            results.append(measures(people, series))
    for key in results[0]:
        values = [r[key] for r in results]
        mean = sum(values) / len(values)
        print(f"{key:24} mean {mean:12.3f}  range {min(values):12.3f} - {max(values):12.3f}")


if __name__ == "__main__":
    main()
