#!/usr/bin/env python3
"""Compares what-if variants of a scenario with the baseline (as `statecraft compare`) and draws
each question's difference with its paired 95% interval, one colour per variant.

    python3 examples/python/what_if.py                                   # two Belarus variants -> what_if.png
    python3 examples/python/what_if.py --variants armed_march,icc_warrant --draws 4000 --out w.png
"""

import argparse

import matplotlib

matplotlib.use("Agg")  # writes a file; needs no display
import matplotlib.pyplot as plt  # noqa: E402

import statecraft  # noqa: E402


def difference_chart(c, out):
    d = c[c.variant != "baseline"]
    questions = list(dict.fromkeys(d.question))
    variants = list(c.variants.variant)
    fig, ax = plt.subplots(figsize=(9, 0.45 * len(questions) + 1.5), dpi=110)
    for k, v in enumerate(variants):
        rows = d[d.variant == v].set_index("question").loc[questions]
        y = [i + (k - (len(variants) - 1) / 2) * 0.25 for i in range(len(questions))]
        ax.hlines(y, 100 * rows.difference_low, 100 * rows.difference_high, color=f"C{k}", linewidth=2)
        ax.plot(100 * rows.difference, y, "o", color=f"C{k}", label=v)
    ax.axvline(0, color="grey", linewidth=1)
    ax.set_yticks(range(len(questions)), questions, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("difference from the baseline, percentage points (paired 95% interval)")
    ax.set_title(f"{c.meta['scenario']}: {c.meta['draws']:,} draws per variant, seed {c.provenance['seed']}", fontsize=10)
    ax.grid(axis="x", alpha=0.3)
    ax.legend(fontsize=9)
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("scenario", nargs="?", help="scenario YAML (default: the embedded Belarus scenario)")
    p.add_argument("--variants", default="elite_split,west_arms_less", help="comma-separated variant names")
    p.add_argument("--draws", type=int, default=2000)
    p.add_argument("--out", default="what_if.png")
    a = p.parse_args()
    c = statecraft.compare(a.scenario, variants=a.variants.split(","), draws=a.draws)
    shown = c[c.variant != "baseline"][["question", "variant", "probability", "difference", "difference_low", "difference_high"]]
    print(shown.to_string(index=False, float_format=lambda x: f"{x:+.3f}"))
    difference_chart(c, a.out)
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
