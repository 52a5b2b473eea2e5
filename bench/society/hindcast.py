#!/usr/bin/env python3
"""The Belarus 2020 hindcast and its counterfactual without Moscow, over several seeds.

Runs `statecraft simulate scenarios/belarus-2020.yaml` as is (hindcast) and with the patron's
backing signal and reserve removed (`--set patron_signal=0 --set kremlin_reserve=0`), and prints,
per seed and on average, the peak protest (share of the population and people), detentions in the
year, defections, collapse and intervention, next to what happened in 2020 (shared/FACTS.md).

usage: hindcast.py STATECRAFT_BIN [--seeds N] [--agents N] [--set NAME=VALUE ...]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(binary, seed, agents, extra):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "h.json")
        cmd = [binary, "simulate", os.path.join(ROOT, "scenarios", "belarus-2020.yaml"), "--quiet",
               "--agents", str(agents), "--seed", str(seed), "--json", path]
        for s in extra:
            cmd += ["--set", s]
        subprocess.run(cmd, check=True, capture_output=True)
        j = json.load(open(path))
    p, s, o = j["provenance"], j["summary"], j["outcome"]
    ppa, n = float(p["people_per_agent"]), int(p["citizens"])
    return {"peak_pct": 100 * s["peak_active"] / n, "peak_people": s["peak_active"] * ppa,
            "detained": s["total_arrests"] * ppa, "defected_pct": 100 * s["final_defected"] / int(p["cops"]),
            "collapse": o["collapse_step"], "intervention": o["intervention"], "emigrated": s["emigrated"] * ppa}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("--seeds", type=int, default=8)
    ap.add_argument("--agents", type=int, default=20000)
    ap.add_argument("--set", action="append", default=[])
    a = ap.parse_args()
    print(f"# hindcast: {a.seeds} seeds, {a.agents} citizen agents, extra settings {a.set}")
    print("# 2020 observed: peak ~200k (~2%), ~30-35k detained in a year, no defection, regime survived")
    for name, extra in (("hindcast", a.set), ("no Moscow", a.set + ["patron_signal=0", "kremlin_reserve=0"])):
        rows = [run(a.binary, s, a.agents, extra) for s in range(1, a.seeds + 1)]
        print(f"\n## {name}")
        print(f"{'seed':>4} {'peak %':>7} {'peak ppl':>9} {'detained':>9} {'defect %':>8} {'collapse':>8} {'interv':>6} {'emigr':>7}")
        for i, r in enumerate(rows, 1):
            print(f"{i:>4} {r['peak_pct']:7.2f} {r['peak_people']:9.0f} {r['detained']:9.0f} {r['defected_pct']:8.1f} "
                  f"{r['collapse']:8d} {str(r['intervention']):>6} {r['emigrated']:7.0f}")
        m = lambda k: sum(r[k] for r in rows) / len(rows)
        collapsed = sum(r["collapse"] >= 0 for r in rows)
        interv = sum(bool(r["intervention"]) for r in rows)
        print(f"mean {m('peak_pct'):7.2f} {m('peak_people'):9.0f} {m('detained'):9.0f} {m('defected_pct'):8.1f} "
              f"collapsed {collapsed}/{len(rows)}, intervention {interv}/{len(rows)}, emigrated {m('emigrated'):.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
