"""Runs Mesa's own Epstein civil-violence example (the peer) and prints one JSON line per run.

Needs a Mesa checkout (v3.3.1) on MESA_PATH (default /work/peers/mesa) and Debian's
python3-numpy, python3-pandas, python3-scipy, python3-networkx, python3-tqdm. Used by
compare_mesa.py and side_by_side.py; exits with status 3 when Mesa cannot be imported.

usage: mesa_peer.py SEED STEPS SIDE LEGITIMACY
"""
import json
import os
import sys
import time

sys.path.insert(0, os.environ.get("MESA_PATH", "/work/peers/mesa"))
try:
    from mesa.examples.advanced.epstein_civil_violence.model import EpsteinCivilViolence
except Exception as exc:  # the peer is optional
    print(f"mesa unavailable: {exc}", file=sys.stderr)
    sys.exit(3)

seed, steps, side, legitimacy = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
model = EpsteinCivilViolence(width=side, height=side, legitimacy=legitimacy, seed=seed, max_iters=10**9)
active, jailed = [], []
t0, c0 = time.perf_counter(), time.process_time()
for _ in range(steps):
    model.step()
    active.append(model.ACTIVE)
    jailed.append(model.ARRESTED)
dt, dc = time.perf_counter() - t0, time.process_time() - c0
print(json.dumps({"seed": seed, "active": active, "jailed": jailed, "agents": len(model.agents),
                  "seconds": dt, "cpu_seconds": dc, "agent_steps_per_s": len(model.agents) * steps / dt,
                  "agent_steps_per_cpu_s": len(model.agents) * steps / dc}))
