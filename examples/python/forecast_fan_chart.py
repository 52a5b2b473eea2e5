#!/usr/bin/env python3
"""Reproduces the README's forecast (the embedded Belarus scenario, 10,000 draws, its seed) and
draws a fan chart of one of the timeline's state variables: the median by month, with the 50%
and 90% bands over the draws.

    python3 examples/python/forecast_fan_chart.py                         # prisoners -> forecast_fan_chart.png
    python3 examples/python/forecast_fan_chart.py --variable border_pressure --out border.png
"""

import argparse

import matplotlib

matplotlib.use("Agg")  # writes a file; needs no display
import matplotlib.pyplot as plt  # noqa: E402

import statecraft  # noqa: E402


def key_judgments(f):
    """The questions with likelihood words, most likely first (the README's KEY JUDGMENTS)."""
    q = f[f.modelled & ~f.diagnostic].sort_values("probability", ascending=False)
    return q[["probability", "wilson_low", "wilson_high", "words", "by", "date", "text"]]


def fan_chart(f, variable, out):
    s = f.series[f.series.name == variable]
    if s.empty:
        names = ", ".join(sorted(f.series.name.unique()))
        raise SystemExit(f"no numeric timeline variable '{variable}'; the forecast has: {names}")
    fig, ax = plt.subplots(figsize=(9, 4.8), dpi=110)
    x = s.month.to_numpy()
    ax.fill_between(x, s.p05, s.p95, color="tab:blue", alpha=0.18, linewidth=0, label="90% of draws")
    ax.fill_between(x, s.p25, s.p75, color="tab:blue", alpha=0.38, linewidth=0, label="50% of draws")
    ax.plot(x, s.p50, color="tab:blue", linewidth=2, label="median")
    ax.plot(x, s["mean"], color="black", linewidth=1, linestyle="--", label="mean")
    step = max(1, len(x) // 8)
    ax.set_xticks(x[::step], s.date.to_numpy()[::step], rotation=30, ha="right")
    ax.set_xlim(x[0], x[-1])
    info = f.meta
    ax.set_title(f"{variable}: {info['scenario']}, as of {info['as_of']}\n"
                 f"{info['draws']:,} draws, seed {f.provenance['seed']}, statecraft {f.provenance['version']}",
                 fontsize=10)
    ax.set_ylabel(variable)
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", fontsize=9)
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("scenario", nargs="?", help="scenario YAML (default: the embedded Belarus scenario)")
    p.add_argument("--variable", default="prisoners", help="numeric timeline variable (default: prisoners)")
    p.add_argument("--draws", type=int, default=10000)
    p.add_argument("--seed", type=int, help="default: the scenario's meta.seed")
    p.add_argument("--out", default="forecast_fan_chart.png")
    a = p.parse_args()
    f = statecraft.forecast(a.scenario, draws=a.draws, seed=a.seed)
    with statecraft_pd_options():
        print(key_judgments(f).to_string())
    fan_chart(f, a.variable, a.out)
    print(f"fan chart of {a.variable} written to {a.out}")


def statecraft_pd_options():
    import pandas as pd
    return pd.option_context("display.width", 200, "display.max_colwidth", 90, "display.precision", 4)


if __name__ == "__main__":
    main()
