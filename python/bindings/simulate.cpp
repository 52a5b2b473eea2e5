// statecraft._simulate: a run of the society model as plain Python data (the time series as
// numpy arrays, one per count, step 0 = the state after setup).

#include "statecraft/services/simulate.hpp"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <functional>

#include "bindings.hpp"

namespace statecraft::python {
namespace {

using society::StepStats;

template <class T>
py::array_t<T> column(const society::RunResult& r, const std::function<T(const StepStats&)>& get) {
  py::array_t<T> a(static_cast<py::ssize_t>(r.series.size() + 1));
  auto v = a.template mutable_unchecked<1>();
  v(0) = get(r.initial);
  for (std::size_t i = 0; i < r.series.size(); ++i) v(static_cast<py::ssize_t>(i + 1)) = get(r.series[i]);
  return a;
}

py::dict series(const society::RunResult& r) {
  using I = std::int64_t;
  py::dict s;
  s["step"] = column<I>(r, [](const StepStats& x) { return I{x.step}; });
  s["quiet"] = column<I>(r, [](const StepStats& x) { return x.quiet; });
  s["active"] = column<I>(r, [](const StepStats& x) { return x.active; });
  s["jailed"] = column<I>(r, [](const StepStats& x) { return x.jailed; });
  s["cops_loyal"] = column<I>(r, [](const StepStats& x) { return x.cops_loyal; });
  s["cops_defected"] = column<I>(r, [](const StepStats& x) { return x.cops_defected; });
  s["arrests"] = column<I>(r, [](const StepStats& x) { return x.arrests; });
  s["emigrated"] = column<I>(r, [](const StepStats& x) { return x.emigrated; });
  s["legitimacy"] = column<double>(r, [](const StepStats& x) { return x.legitimacy; });
  s["backing"] = column<double>(r, [](const StepStats& x) { return x.backing; });
  return s;
}

py::dict to_python(const services::SimulateResult& res) {
  const auto& m = res.run.summary;
  const auto& oc = res.run.outcome;
  py::dict summary;
  summary["peak_active"] = m.peak_active, summary["peak_step"] = m.peak_step, summary["mean_active"] = m.mean_active;
  summary["bursts"] = m.bursts, summary["total_arrests"] = m.total_arrests, summary["final_jailed"] = m.final_jailed;
  summary["final_defected"] = m.final_defected, summary["emigrated"] = m.emigrated;
  summary["citizens"] = res.citizens, summary["cops"] = res.cops, summary["steps"] = res.steps;
  summary["people_per_agent"] = res.scaling.people_per_agent, summary["seconds"] = res.run.seconds;
  py::dict outcome;
  outcome["reserve_arrived_step"] = oc.reserve_arrived_step, outcome["collapse_step"] = oc.collapse_step;
  outcome["intervention"] = oc.intervention, outcome["intervention_step"] = oc.intervention_step;
  py::dict out;
  out["series"] = series(res.run);
  out["summary"] = summary;
  out["outcome"] = outcome;
  out["provenance"] = from_json(res.provenance.json().dump());
  return out;
}

py::dict run_simulate(services::SimulateOptions o, const py::object& progress) {
  const RunCallbacks cb(progress);
  const services::SimulateResult r = without_gil([&] { return services::simulate(o, cb.callbacks()); });
  py::dict out = to_python(r);
  out["log"] = cb.messages();
  return out;
}

py::dict simulate(const std::string& file, std::int64_t agents, int steps, const std::string& mode,
                  const std::string& seed, int threads, const std::string& order,
                  const std::vector<std::pair<std::string, double>>& settings, std::optional<double> legitimacy,
                  const py::object& progress) {
  services::SimulateOptions o;
  o.file = file, o.agents = agents, o.steps = steps, o.mode = mode, o.seed = seed, o.threads = threads;
  o.order = order, o.settings = settings, o.legitimacy = legitimacy;
  o.command = "statecraft.simulate (Python)";
  return run_simulate(std::move(o), progress);
}

}  // namespace

void bind_simulate(py::module_& m) {
  m.def("_simulate", &simulate, py::arg("file"), py::arg("agents"), py::arg("steps"), py::arg("mode"), py::arg("seed"),
        py::arg("threads"), py::arg("order"), py::arg("settings"), py::arg("legitimacy"), py::arg("progress"),
        "A run of the society model (Epstein's civil violence; a scenario's society section).");
}

}  // namespace statecraft::python
