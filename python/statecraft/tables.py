"""Plain data from the compiled module (_statecraft) into the DataFrames of frames.py."""

import numpy as np
import pandas as pd

from .frames import Bargain, Comparison, Forecast, Sensitivity, Simulation, Solution

QUANTILES = ["p05", "p25", "p50", "p75", "p95"]
QUESTION_COLUMNS = ["id", "probability", "wilson_low", "wilson_high", "words", "by", "date", "text", "horizon_months",
                    "modelled", "diagnostic", "yes", "draws", "drivers", "missing_outputs"]


def _series_tables(raw):
    labels = raw["month_labels"]
    numeric, shares = [], []
    for s in raw["series"]:
        months = np.arange(len(s["quantiles"]) if not s["states"] else len(s["shares"]))
        dates = [labels[m] if m < len(labels) else None for m in months]
        if not s["states"]:
            t = pd.DataFrame(s["quantiles"], columns=QUANTILES)
            t.insert(0, "date", dates)
            t.insert(0, "month", months)
            t.insert(0, "name", s["name"])
            t["mean"] = s["mean"]
            numeric.append(t)
        else:
            t = pd.DataFrame(s["shares"], columns=s["states"])
            t.insert(0, "date", dates)
            t.insert(0, "month", months)
            t = t.melt(id_vars=["month", "date"], var_name="state", value_name="share")
            t.insert(0, "name", s["name"])
            shares.append(t.sort_values("month", kind="stable").reset_index(drop=True))  # states in the scenario's order
    empty_n = pd.DataFrame(columns=["name", "month", "date"] + QUANTILES + ["mean"])
    empty_s = pd.DataFrame(columns=["name", "month", "date", "state", "share"])
    return (pd.concat(numeric, ignore_index=True) if numeric else empty_n,
            pd.concat(shares, ignore_index=True) if shares else empty_s)


def forecast(raw):
    f = Forecast(raw["questions"], columns=QUESTION_COLUMNS).set_index("id")
    f.issues = pd.DataFrame(raw["issues"], columns=["issue", "model", "question", "low", "high", "draws",
                                                    "mean", "p05", "p50", "p95"])
    f.series, f.shares = _series_tables(raw)
    labels = raw["month_labels"]
    monthly = pd.DataFrame({q: pd.Series(v, index=np.arange(1, len(v) + 1)) for q, v in raw["monthly"].items()})
    monthly.index.name = "month"
    if len(monthly):
        monthly.insert(0, "date", [labels[m] if m < len(labels) else None for m in monthly.index])
    f.monthly = monthly
    f.meta = {k: raw[k] for k in ("scenario", "as_of", "horizon_months", "draws", "uncertain_numbers", "lenses",
                                  "wall_seconds", "cost")}
    f.provenance, f.log = raw["provenance"], raw["log"]
    return f


def _equilibrium_rows(report, extensive):
    rows, payoffs = [], []
    for k, eq in enumerate(report.get("equilibria", []), start=1):
        if extensive:
            for h in eq["behavior"]:
                for a in h["actions"]:
                    rows.append({"equilibrium": k, "player": h["player"], "infoset": h["infoset"], "label": h["label"],
                                 "action": a["action"], "probability": a["probability"], "exact": a.get("exact")})
            payoffs += [{"equilibrium": k, "player": p["player"], "payoff": p["payoff"], "exact": p.get("exact")}
                        for p in eq["payoffs"]]
        else:
            for p in eq["profile"]:
                rows += [{"equilibrium": k, "player": p["player"], "strategy": s["strategy"],
                          "probability": s["probability"], "exact": s.get("exact")} for s in p["strategies"]]
                payoffs.append({"equilibrium": k, "player": p["player"], "payoff": p["payoff"],
                                "exact": p.get("payoff_exact")})
    return rows, payoffs


def solution(raw):
    rows, payoffs = _equilibrium_rows(raw["report"], raw["extensive"])
    cols = (["equilibrium", "player", "infoset", "label", "action", "probability", "exact"] if raw["extensive"]
            else ["equilibrium", "player", "strategy", "probability", "exact"])
    s = Solution(rows, columns=cols)
    s.payoffs = pd.DataFrame(payoffs, columns=["equilibrium", "player", "payoff", "exact"])
    s.method, s.failed, s.failure = raw["method"], raw["failed"], raw["failure"]
    s.text, s.report, s.provenance, s.log = raw["text"], raw["report"], raw["provenance"], []
    return s


def bargain(raw):
    rows, actors, history = [], [], {}
    for issue in raw["issues"]:
        dims = issue["dimensions"]
        for a in issue["actors"]:
            actors += [{"issue": issue["name"], "actor": a["name"], "dimension": d, "capability": a["capability"],
                        "position": a["position"][k], "salience": a["salience"][k]} for k, d in enumerate(dims)]
        for f in issue["forecasts"]:
            rows += [{"issue": issue["name"], "model": f["model"], "dimension": d, "outcome": f["outcome"][k],
                      "rounds": f["rounds"], "converged": f["converged"], "cycle_period": f["cycle_period"]}
                     for k, d in enumerate(dims)]
            history[(issue["name"], f["model"])] = f["history"]
    b = Bargain(rows, columns=["issue", "model", "dimension", "outcome", "rounds", "converged", "cycle_period"])
    b.actors = pd.DataFrame(actors, columns=["issue", "actor", "dimension", "capability", "position", "salience"])
    b.history, b.provenance, b.log = history, raw["provenance"], raw["log"]
    return b


def simulation(raw):
    s = Simulation(raw["series"]).set_index("step")
    s.summary, s.outcome, s.provenance, s.log = raw["summary"], raw["outcome"], raw["provenance"], raw["log"]
    return s


INDEX_COLUMNS = ["output", "kind", "group", "first_order", "first_order_low", "first_order_high", "total", "total_low",
                 "total_high"]
COMPARISON_COLUMNS = ["question", "variant", "probability", "wilson_low", "wilson_high", "difference", "difference_low",
                      "difference_high", "yes", "draws", "paired_draws", "text", "date", "by"]


def sensitivity(raw):
    s = Sensitivity(raw["indices"], columns=INDEX_COLUMNS)
    s.outputs = pd.DataFrame(raw["outputs"], columns=["output", "kind", "text", "mean", "variance", "constant", "rows"])
    s.groups = pd.DataFrame([{"group": name, "members": members} for name, members in raw["groups"]],
                            columns=["group", "members"])
    s.tornado = pd.DataFrame(raw["tornado"], columns=["question", "text", "central", "input", "group", "low_value",
                                                      "high_value", "at_low", "at_high"])
    s.meta = {k: raw[k] for k in ("scenario", "samples", "evaluations", "uncertain_numbers", "tornado_draws",
                                  "wall_seconds")}
    s.provenance, s.log = raw["provenance"], raw["log"]
    return s


def comparison(raw):
    c = Comparison(raw["rows"], columns=COMPARISON_COLUMNS)
    c.variants = pd.DataFrame(raw["variants"], columns=["variant", "note"])
    c.meta = {"scenario": raw["scenario"], "draws": raw["draws"]}
    c.report, c.provenance, c.log = raw["report"], raw["provenance"], raw["log"]
    return c
