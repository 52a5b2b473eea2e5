"""solve, bargain and simulate: the same results as the command-line tool's services."""

import numpy as np
import pandas as pd

import statecraft


def test_solve_a_normal_form_game(data):
    s = statecraft.solve(data / "gambit-games" / "2x2.nfg", method="enum", exact=True)
    assert isinstance(s, pd.DataFrame) and s.method == "enum" and not s.failed
    assert list(s.columns) == ["equilibrium", "player", "strategy", "probability", "exact"]
    assert s.equilibrium.nunique() == len(s.report["equilibria"]) >= 1
    sums = s.groupby(["equilibrium", "player"]).probability.sum()
    assert np.allclose(sums, 1.0)
    assert len(s.payoffs) == s.equilibrium.nunique() * s.player.nunique()
    assert s.provenance["tool"] == "statecraft solve" and "equilibri" in s.text


def test_solve_a_scenario_game(source):
    s = statecraft.solve(source / "scenarios" / "examples" / "two_actors.yaml", game="demand")
    assert s.method == "spe" and "action" in s.columns and len(s) > 0
    assert s.provenance["scenario_game_at_central_values"] == "demand"


def test_bargain_a_ktab_issue(data):
    b = statecraft.bargain(data / "ktab" / "dummyData_3Dim.csv")
    assert set(b.model) == {"smp", "bdm", "compromise", "median", "nash", "mean"}
    assert b.dimension.nunique() == 3 and len(b) == 6 * 3
    issue = b.issue.iloc[0]
    h = b.history[(issue, "smp")]
    assert h.ndim == 3 and h.shape[1] == b.actors.actor.nunique() and h.shape[2] == 3
    smp = b[b.model == "smp"].outcome.to_numpy()
    assert np.allclose(h[-1].mean(axis=0) * 0 + smp, smp)  # outcome is one value per dimension
    one = statecraft.bargain(data / "ktab" / "dummyData_3Dim.csv", model="compromise")
    pd.testing.assert_series_equal(one.outcome.reset_index(drop=True),
                                   b[b.model == "compromise"].outcome.reset_index(drop=True))


def test_simulate_a_preset_and_a_scenario(source):
    s = statecraft.simulate(mode="netlogo", steps=20, seed=3)
    assert list(s.index) == list(range(21)) and s.index.name == "step"
    assert (s.quiet + s.active + s.jailed).nunique() == 1  # citizens are conserved (no emigration)
    again = statecraft.simulate(mode="netlogo", steps=20, seed=3)
    pd.testing.assert_frame_equal(pd.DataFrame(s), pd.DataFrame(again))
    assert s.summary["peak_active"] == s.active.iloc[1:].max()
    steps = []
    b = statecraft.simulate(source / "scenarios" / "belarus-2020.yaml", agents=2000, steps=5,
                            settings={"kremlin_reserve": 0}, progress=lambda i, n: steps.append((i, n)))
    assert len(b) == 6 and b.provenance["input"].endswith("belarus-2020.yaml")
    assert steps[0] == (0, 5) and steps[-1] == (5, 5)
