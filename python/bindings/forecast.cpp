// statecraft._forecast: the Monte Carlo forecast of a scenario as plain Python data.

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cmath>
#include <limits>
#include <optional>

#include "bindings.hpp"

namespace statecraft::python {
namespace {

using ensemble::ForecastResult;

py::dict question_columns(const ForecastResult& r) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  py::list id, text, date, by, horizon, modelled, diagnostic, probability, low, high, words, yes, draws, drivers,
      missing;
  for (const auto& q : r.questions) {
    id.append(q.id), text.append(q.text), date.append(q.date), by.append(q.by);
    horizon.append(q.horizon_months), modelled.append(q.modelled), diagnostic.append(q.diagnostic);
    // Not modelled: no answer, which pandas shows as a missing value (NaN), never a number.
    probability.append(q.modelled ? q.probability : nan);
    low.append(q.modelled ? q.wilson_low : nan), high.append(q.modelled ? q.wilson_high : nan);
    words.append(q.words), yes.append(q.yes), draws.append(q.draws);
    py::list ds;
    for (const auto& d : q.drivers) ds.append(py::make_tuple(d.group, d.total, d.low, d.high));
    drivers.append(ds), missing.append(py::cast(q.missing_outputs));
  }
  py::dict c;
  c["id"] = id, c["text"] = text, c["date"] = date, c["by"] = by, c["horizon_months"] = horizon;
  c["modelled"] = modelled, c["diagnostic"] = diagnostic, c["probability"] = probability;
  c["wilson_low"] = low, c["wilson_high"] = high, c["words"] = words, c["yes"] = yes;
  c["draws"] = draws, c["drivers"] = drivers, c["missing_outputs"] = missing;
  return c;
}

py::list issue_rows(const ForecastResult& r) {
  py::list rows;
  for (const auto& i : r.issues)
    for (const auto& m : i.models) {
      py::dict row;
      row["issue"] = i.id, row["model"] = m.model, row["question"] = i.question;
      row["low"] = i.low, row["high"] = i.high, row["draws"] = m.draws;
      row["mean"] = m.summary.mean, row["p05"] = m.summary.p05, row["p50"] = m.summary.p50, row["p95"] = m.summary.p95;
      rows.append(row);
    }
  return rows;
}

py::dict series_data(const ensemble::SeriesForecast& s) {
  py::dict d;
  d["name"] = s.name;
  d["states"] = py::cast(s.states);
  py::array_t<double> q({s.quantiles.size(), std::size_t{5}});
  auto qv = q.mutable_unchecked<2>();
  for (std::size_t t = 0; t < s.quantiles.size(); ++t)
    for (std::size_t k = 0; k < 5; ++k) qv(t, k) = s.quantiles[t][k];
  d["quantiles"] = q;
  d["mean"] = to_array(s.mean);
  const std::size_t states = s.states.size();
  py::array_t<double> sh({s.shares.size(), states});
  auto sv = sh.mutable_unchecked<2>();
  for (std::size_t t = 0; t < s.shares.size(); ++t)
    for (std::size_t k = 0; k < states && k < s.shares[t].size(); ++k) sv(t, k) = s.shares[t][k];
  d["shares"] = sh;
  return d;
}

py::dict to_python(const ForecastResult& r) {
  py::dict out;
  out["provenance"] = from_json(r.provenance.json().dump());
  out["scenario"] = r.scenario_name, out["as_of"] = r.as_of, out["horizon_months"] = r.horizon_months;
  out["draws"] = r.draws, out["uncertain_numbers"] = r.uncertain_numbers, out["lenses"] = py::cast(r.lenses);
  out["wall_seconds"] = r.wall_seconds, out["cost"] = py::cast(r.cost);
  out["questions"] = question_columns(r);
  py::dict monthly;
  for (const auto& q : r.questions)
    if (!q.monthly.empty()) monthly[py::str(q.id)] = to_array(q.monthly);
  out["monthly"] = monthly;
  out["issues"] = issue_rows(r);
  out["month_labels"] = py::cast(r.month_labels);
  py::list series;
  for (const auto& s : r.series) series.append(series_data(s));
  out["series"] = series;
  return out;
}

py::dict run_forecast(const std::string& scenario, std::size_t draws, std::optional<std::uint64_t> seed, int threads,
                      std::size_t bargaining_draws, const py::object& progress) {
  services::ForecastOptions o;
  o.scenario_file = scenario;
  o.draws = draws;
  o.seed = seed;
  o.threads = threads;
  o.bargaining_draws = bargaining_draws;
  const RunCallbacks cb(progress);
  const ForecastResult r = without_gil([&] { return services::forecast(o, cb.callbacks()); });
  py::dict out = to_python(r);
  out["log"] = cb.messages();
  return out;
}

}  // namespace

void bind_forecast(py::module_& m) {
  m.def("_forecast", &run_forecast, py::arg("scenario"), py::arg("draws"), py::arg("seed"), py::arg("threads"),
        py::arg("bargaining_draws"), py::arg("progress"),
        "The forecast of a scenario file ('' for the embedded Belarus scenario) as plain Python data.");
}

}  // namespace statecraft::python
