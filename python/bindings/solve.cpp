// statecraft._solve: the equilibria of a game file or of a scenario's game as plain Python data.

#include "statecraft/services/solve.hpp"

#include "bindings.hpp"

namespace statecraft::python {
namespace {

py::dict run_solve(const std::string& file, const std::string& game, const std::string& method, bool exact) {
  const services::SolveResult r = without_gil([&] { return services::solve({file, game, method, exact}); });
  py::dict out;
  out["report"] = from_json(r.report.json.dump());
  out["text"] = r.report.text;
  out["method"] = r.report.method;
  out["failed"] = r.report.failed;
  out["failure"] = r.report.failure;
  out["provenance"] = from_json(r.provenance.json().dump());
  out["extensive"] = std::holds_alternative<games::ExtensiveGame>(r.game);
  return out;
}

}  // namespace

void bind_solve(py::module_& m) {
  m.def("_solve", &run_solve, py::arg("file"), py::arg("game"), py::arg("method"), py::arg("exact"),
        "The equilibria of a .nfg/.efg game, or of a scenario's game at its central values.");
}

}  // namespace statecraft::python
