"""statecraft in Python: the services of the command-line tool, returning pandas DataFrames.

    import statecraft
    f = statecraft.forecast()            # the embedded Belarus scenario, 10,000 draws
    f.head()                             # questions: probability, interval, ICD 203 words, date
    f.series                             # the timeline's state variables by month (quantiles)

Every function runs the same C++ services as the command-line tool (same seed, same numbers),
with the GIL released, so other Python threads run meanwhile. Bad input raises the exceptions of
statecraft.errors, with file, line and column. See docs/python.md.
"""

import os
import warnings

from . import tables
from ._statecraft import _bargain, _forecast, _simulate, _solve
from .errors import (Diagnostic, Error, FormatError, InternalError, IoError, ScenarioError,
                     UsageError)
from .frames import Bargain, Forecast, Simulation, Solution

__all__ = ["forecast", "solve", "bargain", "simulate", "Forecast", "Solution", "Bargain", "Simulation",
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

# The sensitivity and compare services join here when they exist: a _<name> function in
# python/bindings/<name>.cpp, a table builder in tables.py, a frame in frames.py.
