// statecraft._bargain: the bargaining models on a KTAB CSV issue or a scenario's issues.

#include "statecraft/services/bargain.hpp"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.hpp"

namespace statecraft::python {
namespace {

namespace bg = statecraft::bargaining;

/// [round][actor][dimension] as a 3-d array (rounds x actors x dimensions).
py::array_t<double> history_array(const bg::Forecast& f, std::size_t actors, std::size_t dims) {
  py::array_t<double> a({f.history.size(), actors, dims});
  auto v = a.mutable_unchecked<3>();
  for (std::size_t r = 0; r < f.history.size(); ++r)
    for (std::size_t i = 0; i < actors && i < f.history[r].size(); ++i)
      for (std::size_t k = 0; k < dims && k < f.history[r][i].size(); ++k) v(r, i, k) = f.history[r][i][k];
  return a;
}

py::dict issue_data(const services::BargainIssue& issue) {
  const bg::BargainingProblem& p = issue.problem;
  py::dict d;
  d["name"] = p.name, d["description"] = p.description, d["dimensions"] = py::cast(p.dimensions);
  py::list actors;
  for (const auto& a : p.actors) {
    py::dict ad;
    ad["name"] = a.name, ad["capability"] = a.capability, ad["position"] = py::cast(a.position),
    ad["salience"] = py::cast(a.salience);
    actors.append(ad);
  }
  d["actors"] = actors;
  py::list forecasts;
  for (const auto& f : issue.forecasts) {
    py::dict fd;
    fd["model"] = bg::model_name(f.model), fd["outcome"] = py::cast(f.outcome), fd["rounds"] = f.rounds;
    fd["converged"] = f.converged, fd["cycle_period"] = f.cycle_period;
    fd["history"] = history_array(f, p.actors.size(), p.dimensions.size());
    forecasts.append(fd);
  }
  d["forecasts"] = forecasts;
  return d;
}

py::dict run_bargain(const std::string& file, const std::string& model, bool stochastic, std::uint64_t seed,
                     std::uint64_t draw, const py::object& progress) {
  const RunCallbacks cb(progress);
  const services::BargainResult r = without_gil([&] {
    return services::bargain({file, model, stochastic, seed, draw}, cb.callbacks());
  });
  py::dict out;
  py::list issues;
  for (const auto& i : r.issues) issues.append(issue_data(i));
  out["issues"] = issues;
  out["provenance"] = from_json(r.provenance.json().dump());
  out["log"] = cb.messages();
  return out;
}

}  // namespace

void bind_bargain(py::module_& m) {
  m.def("_bargain", &run_bargain, py::arg("file"), py::arg("model"), py::arg("stochastic"), py::arg("seed"),
        py::arg("draw"), py::arg("progress"), "The bargaining models on a KTAB CSV or a scenario's issues.");
}

}  // namespace statecraft::python
