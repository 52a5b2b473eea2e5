// statecraft._compare: each question under the baseline and each variant, with the paired
// difference from the baseline (common random numbers), as plain Python data.

#include "statecraft/services/compare.hpp"

#include <pybind11/stl.h>

#include <limits>
#include <optional>

#include "bindings.hpp"

namespace statecraft::python {
namespace {

using services::Comparison;
using services::VariantAnswer;

/// One row per question and variant, the baseline first; the baseline's difference is missing (NaN).
py::list answer_rows(const Comparison& c) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  py::list rows;
  for (const auto& q : c.questions) {
    const auto add = [&](const VariantAnswer& a, bool baseline) {
      py::dict row;
      row["question"] = q.id, row["variant"] = a.variant, row["probability"] = a.probability;
      row["wilson_low"] = a.wilson_low, row["wilson_high"] = a.wilson_high, row["yes"] = a.yes, row["draws"] = a.draws;
      row["difference"] = baseline ? nan : a.difference.estimate;
      row["difference_low"] = baseline ? nan : a.difference.low;
      row["difference_high"] = baseline ? nan : a.difference.high;
      row["paired_draws"] = baseline ? 0 : a.difference.pairs;
      row["text"] = q.text, row["date"] = q.date, row["by"] = q.by;
      rows.append(row);
    };
    add(q.baseline, true);
    for (const auto& a : q.variants) add(a, false);
  }
  return rows;
}

py::dict run_compare(const std::string& scenario, const std::vector<std::string>& variants,
                     const std::vector<std::pair<std::string, std::string>>& set, std::optional<std::uint64_t> seed,
                     std::size_t draws, int threads, std::size_t bargaining_draws, const py::object& progress) {
  services::CompareOptions o;
  o.scenario_file = scenario, o.variants = variants, o.set = set, o.seed = seed;
  o.draws = draws, o.threads = threads, o.bargaining_draws = bargaining_draws;
  const RunCallbacks cb(progress);
  const Comparison c = without_gil([&] { return services::compare(o, cb.callbacks()); });
  py::dict out;
  out["provenance"] = from_json(c.provenance.json().dump());
  out["scenario"] = c.scenario_name, out["draws"] = c.draws;
  py::list notes;
  for (const auto& [name, note] : c.variants) notes.append(py::make_tuple(name, note));
  out["variants"] = notes;
  out["rows"] = answer_rows(c);
  out["report"] = from_json(services::comparison_json(c));
  out["log"] = cb.messages();
  return out;
}

}  // namespace

void bind_compare(py::module_& m) {
  m.def("_compare", &run_compare, py::arg("scenario"), py::arg("variants"), py::arg("set"), py::arg("seed"),
        py::arg("draws"), py::arg("threads"), py::arg("bargaining_draws"), py::arg("progress"),
        "Each question of a scenario ('' for the embedded one) under the baseline and each variant, as plain Python "
        "data.");
}

}  // namespace statecraft::python
