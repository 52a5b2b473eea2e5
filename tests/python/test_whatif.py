"""statecraft.compare and statecraft.sensitivity on a small scenario whose answers are known:
P(high) = 0.3 and P(low) = 0.1 under the baseline, 0.375 and 0 under the variant `higher`;
`same` restates the baseline; the parameter `other` moves no answer."""

import numpy as np
import pandas as pd
import pytest

import statecraft


@pytest.fixture(scope="module")
def whatif(source):
    return source / "tests" / "data" / "whatif_variants.yaml"


@pytest.fixture(scope="module")
def comparison(whatif):
    return statecraft.compare(whatif, variants=["higher", "same"], draws=4000)


def row(c, question, variant):
    r = c[(c.question == question) & (c.variant == variant)]
    assert len(r) == 1
    return r.iloc[0]


def test_compare_returns_one_row_per_question_and_variant(comparison):
    c = comparison
    assert isinstance(c, pd.DataFrame) and isinstance(c, statecraft.Comparison)
    assert list(c.question.unique()) == ["high", "low"]
    assert list(c.variant[c.question == "high"]) == ["baseline", "higher", "same"]
    assert list(c.variants.variant) == ["higher", "same"] and c.variants.note.iloc[0] == "the centre moves up"
    assert c.meta["draws"] == 4000 and c.provenance["variants"] == ["higher", "same"]
    base = c[c.variant == "baseline"]
    assert base.difference.isna().all() and (base.paired_draws == 0).all()
    assert ((c.wilson_low <= c.probability) & (c.probability <= c.wilson_high)).all()


def test_a_variant_that_changes_nothing_differs_in_no_draw(comparison):
    for q in ["high", "low"]:
        same, base = row(comparison, q, "same"), row(comparison, q, "baseline")
        assert same.yes == base.yes and same.probability == base.probability
        assert same.difference == 0.0 and same.paired_draws == 4000
        assert same.difference_low <= 0.0 <= same.difference_high


def test_a_variant_moves_each_answer_its_known_way(comparison):
    up = row(comparison, "high", "higher")
    assert up.probability == pytest.approx(0.375, abs=0.03)
    assert up.difference == pytest.approx(up.probability - row(comparison, "high", "baseline").probability, abs=1e-12)
    assert 0.0 < up.difference_low <= up.difference <= up.difference_high  # surely up
    down = row(comparison, "low", "higher")
    assert down.probability == 0.0
    assert down.difference_low <= down.difference <= down.difference_high < 0.0  # surely down
    assert down.difference == pytest.approx(-0.1, abs=0.02)


def test_compare_matches_the_command_line(whatif, tmp_path, comparison):
    import json
    import os
    import subprocess
    out = tmp_path / "c.json"
    cli = os.environ.get("STATECRAFT_CLI", str(whatif.parents[2] / "build" / "bin" / "statecraft"))
    subprocess.run([cli, "compare", str(whatif), "--variants", "higher,same", "--draws", "4000", "--quiet",
                    "--json", str(out)], check=True)
    cli_json = json.loads(out.read_text())
    assert cli_json["questions"] == comparison.report["questions"]


def test_compare_settings_and_errors(whatif, source):
    set_high = statecraft.compare(whatif, variants="same", set={"centre": 90}, draws=50)
    assert (set_high[set_high.question == "high"].probability == 1.0).all()
    with pytest.raises(statecraft.UsageError) as e:
        statecraft.compare(whatif, variants=["nope"], draws=10)
    assert e.value.code == 64 and "nope" in str(e.value)
    with pytest.raises(statecraft.ScenarioError) as e:
        statecraft.compare(source / "tests" / "data" / "bad_normal_sd.yaml", variants=["x"], draws=10)
    assert e.value.file.endswith("bad_normal_sd.yaml") and e.value.line == 10 and e.value.column == 8


@pytest.fixture(scope="module")
def indices(whatif):
    return statecraft.sensitivity(whatif, samples=128, bootstrap=50, tornado_draws=8, seed=11)


def test_sensitivity_shape(indices):
    s = indices
    assert isinstance(s, pd.DataFrame) and isinstance(s, statecraft.Sensitivity)
    groups = list(s.groups.group)
    assert groups[-1] == "chance" and {"centre", "other"} <= set(groups)
    assert len(s) == len(s.outputs) * len(groups)
    assert list(s.output.unique()) == list(s.outputs.output)
    assert {"high", "low"} <= set(s.outputs.output[s.outputs.kind == "question"])
    assert s.meta["samples"] == 128 and s.provenance["seed"] == 11
    assert set(s.tornado.question) == {"high", "low"}


def test_sensitivity_indices_are_shares_of_variance(indices):
    s = indices[~indices.output.isin(indices.outputs.output[indices.outputs.constant])]
    for lo, est, hi in [("first_order_low", "first_order", "first_order_high"), ("total_low", "total", "total_high")]:
        assert np.isfinite(s[[lo, est, hi]].to_numpy()).all()
        assert (s[lo] <= s[hi]).all()
        assert (s[est] > -0.2).all() and (s[est] < 1.2).all()  # estimates, so a little outside [0, 1]
    assert (s.total >= 0).all()  # Jansen's estimator is a mean of squares


def test_sensitivity_finds_the_one_input_that_matters(indices):
    high = indices[indices.output == "high"].set_index("group")
    assert high.total["centre"] > 0.9 and high.first_order["centre"] > 0.8
    assert high.total["other"] < 0.02 and high.total["chance"] < 0.02
    p = indices.outputs.set_index("output")["mean"]["high"]
    assert p == pytest.approx(0.3, abs=0.08)
    bars = indices.tornado[(indices.tornado.question == "high") & (indices.tornado.input == "centre")]
    assert len(bars) == 1 and bars.at_low.iloc[0] == 0.0 and bars.at_high.iloc[0] == 1.0


def test_sensitivity_same_seed_same_numbers(whatif, indices):
    again = statecraft.sensitivity(whatif, samples=128, bootstrap=50, tornado_draws=8, seed=11, threads=1)
    pd.testing.assert_frame_equal(pd.DataFrame(indices), pd.DataFrame(again))
    pd.testing.assert_frame_equal(indices.tornado, again.tornado)
    other = statecraft.sensitivity(whatif, samples=128, bootstrap=50, tornado_draws=8, seed=12)
    assert not pd.DataFrame(indices)[["first_order", "total"]].equals(pd.DataFrame(other)[["first_order", "total"]])


def test_sensitivity_errors(source):
    with pytest.raises(statecraft.UsageError):
        statecraft.sensitivity(samples=1)
    with pytest.raises(statecraft.ScenarioError) as e:
        statecraft.sensitivity(source / "tests" / "data" / "bad_normal_sd.yaml", samples=8)
    assert e.value.line == 10 and e.value.column == 8


def test_the_what_if_example_draws_its_chart(whatif, source, tmp_path):
    import subprocess
    import sys
    out = tmp_path / "w.png"
    r = subprocess.run([sys.executable, str(source / "examples" / "python" / "what_if.py"), str(whatif),
                        "--variants", "higher,same", "--draws", "300", "--out", str(out)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "higher" in r.stdout
