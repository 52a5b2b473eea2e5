"""statecraft in Python: the services of the command-line tool, returning pandas DataFrames.

    import statecraft
    f = statecraft.forecast()            # the embedded Belarus scenario, 10,000 draws
    f.head()                             # questions: probability, interval, ICD 203 words, date
    f.series                             # the timeline's state variables by month (quantiles)
    c = statecraft.compare(variants=["elite_split"])   # what-if: paired differences per question
    s = statecraft.sensitivity(samples=64)             # grouped Sobol' indices per output

Every function runs the same C++ services as the command-line tool (same seed, same numbers),
with the GIL released, so other Python threads run meanwhile. Bad input raises the exceptions of
statecraft.errors, with file, line and column. See docs/python.md.
"""

import os
import warnings

from . import tables
from ._statecraft import _bargain, _compare, _forecast, _sensitivity, _simulate, _solve
from .errors import (Diagnostic, Error, FormatError, InternalError, IoError, ScenarioError,
                     UsageError)
from .frames import Bargain, Comparison, Forecast, Sensitivity, Simulation, Solution

__all__ = ["forecast", "sensitivity", "compare", "solve", "bargain", "simulate", "Forecast", "Sensitivity", "Comparison",
           "Solution", "Bargain", "Simulation",
           "Diagnostic", "Error", "UsageError", "IoError", "FormatError", "ScenarioError", "InternalError"]


def _path(file):
    return "" if file is None else os.fspath(file)


def _warn(result):
    for message in result.log:
        warnings.warn(message, stacklevel=3)
    return result


def forecast(scenario=None, *, draws=10000, seed=None, threads=0, bargaining_draws=0, progress=None) -> Forecast:
    """The Monte Carlo forecast of a scenario file (None: the embedded Belarus scenario), as
    `statecraft forecast` computes it. seed None takes the scenario's meta.seed; threads 0 uses
    every core (the numbers do not depend on it); bargaining_draws > 0 runs BDM, SMP and Nash on
    at most that many draws; progress(done, total) is called now and then."""
    raw = _forecast(_path(scenario), draws, seed, threads, bargaining_draws, progress)
    return _warn(tables.forecast(raw))


def solve(file, *, game=None, method=None, exact=False) -> Solution:
    """The equilibria of a game in Gambit's .nfg/.efg format, or (game="id") of a scenario's game at
    its central values, as `statecraft solve` finds them. method: pure, dominance, enum, lh, qre,
    spe, seq or lp (None: the default for the game)."""
    return tables.solution(_solve(_path(file), game or "", method or "", exact))


def bargain(file, *, model="all", stochastic=False, seed=0, draw=0, progress=None) -> Bargain:
    """Each bargaining model's forecast of a KTAB CSV issue, or of every issue of a scenario at its
    central values, as `statecraft bargain` computes it. model: smp, bdm, compromise, median, nash,
    mean or all."""
    return _warn(tables.bargain(_bargain(_path(file), model, stochastic, seed, draw, progress)))


def simulate(scenario=None, *, agents=0, steps=None, mode=None, seed=None, threads=0, order="auto",
             settings=None, legitimacy=None, progress=None) -> Simulation:
    """A run of the society model (Epstein's civil violence; the Belarus extensions with a scenario's
    society section), as `statecraft simulate` runs it. settings: {name: value} overrides of the
    scenario's society settings; progress(step, steps) is called after every step."""
    pairs = [(str(k), float(v)) for k, v in (settings or {}).items()]
    raw = _simulate(_path(scenario), agents, -1 if steps is None else steps, mode or "",
                    "" if seed is None else str(seed), threads, order, pairs, legitimacy, progress)
    return _warn(tables.simulation(raw))


def sensitivity(scenario=None, *, samples=1024, seed=None, threads=0, bootstrap=200, tornado_draws=32,
                progress=None) -> Sensitivity:
    """Grouped Sobol' indices (first-order and total, with bootstrap intervals) of every question
    and key output of a scenario's forecast, and a tornado per question, as `statecraft
    sensitivity` computes them. samples: rows of the Saltelli design (each costs groups + 2 runs);
    tornado_draws 0 leaves the tornado out; progress(done, total) is called now and then."""
    raw = _sensitivity(_path(scenario), samples, seed, threads, bootstrap, tornado_draws, progress)
    return _warn(tables.sensitivity(raw))


def compare(scenario=None, *, variants, set=None, draws=10000, seed=None, threads=0, bargaining_draws=0,
            progress=None) -> Comparison:
    """Each question under the baseline and each of the scenario's `variants` (a list of names),
    with the variant's difference from the baseline and its paired 95% interval, as `statecraft
    compare` computes them: every run draws from the same random numbers (common random numbers),
    so the difference is measured draw by draw. set: {name: value} one-off settings applied to the
    baseline and every variant (as --set NAME=VALUE)."""
    if isinstance(variants, str):
        variants = [variants]
    pairs = [(str(k), str(v)) for k, v in (set or {}).items()]
    raw = _compare(_path(scenario), list(variants), pairs, seed, draws, threads, bargaining_draws, progress)
    return _warn(tables.comparison(raw))
