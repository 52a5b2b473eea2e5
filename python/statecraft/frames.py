"""The DataFrames statecraft's functions return: pandas DataFrames with the run's other tables
and its provenance as attributes (kept by pandas operations such as ``head()``)."""

import pandas as pd


class _Frame(pd.DataFrame):
    _metadata = ["provenance", "log"]

    @property
    def _constructor(self):
        return type(self)


class Forecast(_Frame):
    """The questions of a forecast, one row per question (index: the question's id).

    Attributes: ``issues`` (each issue's forecast per model), ``series`` (the timeline's numeric
    state variables by month: quantiles and mean), ``shares`` (its categorical ones: the share of
    draws in each state), ``monthly`` (per timeline question, the probability by or in each
    month), ``meta`` (scenario, date, horizon, draws, models, cost), ``provenance``, ``log``.
    """

    _metadata = _Frame._metadata + ["issues", "series", "shares", "monthly", "meta"]


class Solution(_Frame):
    """The equilibria of a game, one row per equilibrium, player and strategy (normal form) or
    information set and action (extensive form), with the probability it is played.

    Attributes: ``payoffs`` (per equilibrium and player), ``method``, ``failed`` and
    ``failure`` (a method that could not finish, e.g. a QRE path), ``text`` (the CLI's report),
    ``report`` (the CLI's JSON as Python data), ``provenance``.
    """

    _metadata = _Frame._metadata + ["payoffs", "method", "failed", "failure", "text", "report"]


class Bargain(_Frame):
    """Each model's forecast of each issue, one row per issue, model and dimension.

    Attributes: ``actors`` (per issue, actor and dimension: capability, position, salience),
    ``history`` (dict (issue, model) -> numpy array [round, actor, dimension] of positions),
    ``provenance``, ``log``.
    """

    _metadata = _Frame._metadata + ["actors", "history"]


class Simulation(_Frame):
    """The society model's time series, one row per step (index: step, 0 = after setup).

    Attributes: ``summary`` (peak, mean, bursts, arrests, ...), ``outcome`` (the regime's fate),
    ``provenance``, ``log``.
    """

    _metadata = _Frame._metadata + ["summary", "outcome"]


class Sensitivity(_Frame):
    """Grouped Sobol' indices, one row per output and group: ``first_order`` (the share of the
    output's variance the group explains alone) and ``total`` (the share it takes part in), each
    with its 95% bootstrap interval (``first_order_low`` ... ``total_high``). Outputs are the questions (kind
    "question"), the issues' compromise forecasts ("issue") and the timeline's numbers at the
    horizon ("series").

    Attributes: ``outputs`` (per output: mean, variance, whether constant), ``groups`` (per group
    its members), ``tornado`` (per question and input: the probability with the input at its 5th
    and 95th percentile), ``meta`` (scenario, samples, evaluations, ...), ``provenance``, ``log``.
    """

    _metadata = _Frame._metadata + ["outputs", "groups", "tornado", "meta"]


class Comparison(_Frame):
    """Each question under the baseline and each variant, one row per question and variant (the
    baseline first): the probability with its Wilson interval and, for a variant, ``difference``
    (its probability less the baseline's) with a paired 95% interval (``difference_low``,
    ``difference_high``; missing for the baseline).

    Attributes: ``variants`` (name and note), ``meta`` (scenario, draws), ``report`` (the CLI's
    JSON as Python data), ``provenance``, ``log``.
    """

    _metadata = _Frame._metadata + ["variants", "meta", "report"]
