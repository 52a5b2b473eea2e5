// statecraft._sensitivity: the grouped Sobol' indices and tornadoes of a scenario's forecast as
// plain Python data (columns the statecraft package turns into DataFrames).

#include "statecraft/services/sensitivity.hpp"

#include <pybind11/stl.h>

#include <optional>

#include "bindings.hpp"

namespace statecraft::python {
namespace {

using sensitivity::ScenarioSensitivity;

/// One row per output and group: the first-order and total indices with their intervals.
py::dict index_columns(const ScenarioSensitivity& r) {
  py::list output, kind, group, first, first_low, first_high, total, total_low, total_high;
  for (const auto& o : r.outputs)
    for (std::size_t g = 0; g < o.indices.groups.size(); ++g) {
      const auto& ix = o.indices.groups[g];
      output.append(o.id), kind.append(o.kind), group.append(r.groups[g].name);
      first.append(ix.first.estimate), first_low.append(ix.first.low), first_high.append(ix.first.high);
      total.append(ix.total.estimate), total_low.append(ix.total.low), total_high.append(ix.total.high);
    }
  py::dict c;
  c["output"] = output, c["kind"] = kind, c["group"] = group, c["first_order"] = first,
  c["first_order_low"] = first_low;
  c["first_order_high"] = first_high, c["total"] = total, c["total_low"] = total_low, c["total_high"] = total_high;
  return c;
}

py::list output_rows(const ScenarioSensitivity& r) {
  py::list rows;
  for (const auto& o : r.outputs) {
    py::dict row;
    row["output"] = o.id, row["kind"] = o.kind, row["text"] = o.text, row["mean"] = o.indices.mean;
    row["variance"] = o.indices.variance, row["constant"] = o.indices.constant, row["rows"] = o.indices.rows;
    rows.append(row);
  }
  return rows;
}

py::list tornado_rows(const ScenarioSensitivity& r) {
  py::list rows;
  for (const auto& t : r.tornadoes)
    for (const auto& b : t.bars) {
      py::dict row;
      row["question"] = t.question, row["text"] = t.text, row["central"] = t.central, row["input"] = b.input;
      row["group"] = b.group, row["low_value"] = b.low_value, row["high_value"] = b.high_value;
      row["at_low"] = b.at_low, row["at_high"] = b.at_high;
      rows.append(row);
    }
  return rows;
}

py::dict to_python(const ScenarioSensitivity& r) {
  py::dict out;
  out["provenance"] = from_json(r.provenance.json().dump());
  out["scenario"] = r.scenario_name, out["samples"] = r.samples, out["evaluations"] = r.evaluations;
  out["uncertain_numbers"] = r.inputs, out["tornado_draws"] = r.tornado_draws, out["wall_seconds"] = r.wall_seconds;
  py::list groups;
  for (const auto& g : r.groups) groups.append(py::make_tuple(g.name, py::cast(g.members)));
  out["groups"] = groups;
  out["indices"] = index_columns(r);
  out["outputs"] = output_rows(r);
  out["tornado"] = tornado_rows(r);
  return out;
}

py::dict run_sensitivity(const std::string& scenario, std::size_t samples, std::optional<std::uint64_t> seed,
                         int threads, std::size_t bootstrap, std::size_t tornado_draws, const py::object& progress) {
  services::SensitivityOptions o;
  o.scenario_file = scenario, o.samples = samples, o.seed = seed, o.threads = threads;
  o.bootstrap = bootstrap, o.tornado_draws = tornado_draws;
  const RunCallbacks cb(progress);
  const ScenarioSensitivity r = without_gil([&] { return services::sensitivity(o, cb.callbacks()); });
  py::dict out = to_python(r);
  out["log"] = cb.messages();
  return out;
}

}  // namespace

void bind_sensitivity(py::module_& m) {
  m.def("_sensitivity", &run_sensitivity, py::arg("scenario"), py::arg("samples"), py::arg("seed"), py::arg("threads"),
        py::arg("bootstrap"), py::arg("tornado_draws"), py::arg("progress"),
        "Grouped Sobol' indices and tornadoes of a scenario's forecast ('' for the embedded scenario) as plain Python "
        "data.");
}

}  // namespace statecraft::python
