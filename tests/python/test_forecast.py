"""statecraft.forecast: the questions as a DataFrame, its other tables, determinism."""

import numpy as np
import pandas as pd

import statecraft


def test_returns_a_dataframe_of_the_questions(small_forecast):
    f = small_forecast
    assert isinstance(f, pd.DataFrame) and isinstance(f, statecraft.Forecast)
    assert len(f) > 5 and f.index.name == "id"
    for column in ["text", "date", "probability", "wilson_low", "wilson_high", "words", "modelled", "draws"]:
        assert column in f.columns
    modelled = f[f.modelled]
    assert len(modelled) > 0
    assert ((modelled.probability >= 0) & (modelled.probability <= 1)).all()
    assert (modelled.wilson_low <= modelled.probability).all() and (modelled.probability <= modelled.wilson_high).all()
    assert (modelled.draws == 200).all()
    assert f.meta["draws"] == 200 and f.meta["scenario"]


def test_head_keeps_the_tables_and_provenance(small_forecast):
    h = small_forecast.head()
    assert len(h) == 5
    assert h.provenance["tool"] == "statecraft forecast" and h.provenance["seed"] == 20260430
    assert h.series is small_forecast.series


def test_timeline_tables(small_forecast):
    f = small_forecast
    horizon = f.meta["horizon_months"]
    s = f.series
    assert set(s.columns) >= {"name", "month", "date", "p05", "p25", "p50", "p75", "p95", "mean"}
    one = s[s.name == s.name.iloc[0]]
    assert len(one) == horizon + 1 and list(one.month) == list(range(horizon + 1))
    assert (one.p05 <= one.p50).all() and (one.p50 <= one.p95).all()
    if len(f.shares):
        sums = f.shares.groupby(["name", "month"]).share.sum()
        assert np.allclose(sums, 1.0)
    assert len(f.monthly) == horizon and f.monthly.index[0] == 1
    timeline_questions = [q for q in f.monthly.columns if q != "date"]
    assert set(timeline_questions) <= set(f.index)
    assert len(f.issues) > 0 and set(f.issues.model) >= {"compromise", "median"}


def test_same_seed_same_numbers_on_any_number_of_threads():
    a = statecraft.forecast(draws=60, seed=7, threads=1, bargaining_draws=5)
    b = statecraft.forecast(draws=60, seed=7, threads=2, bargaining_draws=5)
    c = statecraft.forecast(draws=60, seed=8, threads=2, bargaining_draws=5)
    pd.testing.assert_frame_equal(pd.DataFrame(a), pd.DataFrame(b))
    pd.testing.assert_frame_equal(a.series, b.series)
    assert not a.series[["p05", "p50", "p95"]].equals(c.series[["p05", "p50", "p95"]])


def test_matches_the_command_line(source, tmp_path):
    import json
    import os
    import subprocess
    cli = source / "build" / "bin" / "statecraft"
    if "STATECRAFT_CLI" in os.environ:
        cli = os.environ["STATECRAFT_CLI"]
    out = tmp_path / "f.json"
    subprocess.run([str(cli), "forecast", "--draws", "60", "--seed", "7", "--bargaining-draws", "5", "--quiet",
                    "--json", str(out)], check=True)
    cli_questions = {q["id"]: q for q in json.loads(out.read_text())["questions"]}
    f = statecraft.forecast(draws=60, seed=7, bargaining_draws=5)
    for qid, row in f[f.modelled].iterrows():
        assert row.probability == cli_questions[qid]["probability"]


def test_progress_is_reported():
    seen = []
    statecraft.forecast(draws=50, bargaining_draws=5, progress=lambda done, total: seen.append((done, total)))
    # The draws first (total 50), then the rows of the drivers' grouped Sobol' design.
    assert seen and seen[0][1] == 50 and (50, 50) in seen
    assert all(0 <= done <= total for done, total in seen)
