#pragma once
// What the binding files of the Python module share: the functions that add each service to
// the module, and the run of a service with the GIL released.

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <mutex>
#include <string>
#include <vector>

#include "statecraft/services.hpp"

namespace statecraft::python {

namespace py = pybind11;

/// Registers the translation of statecraft's errors into the exceptions of statecraft.errors.
void register_errors(py::module_& m);
/// Each adds one service (a function named `_<service>` that returns plain Python data; the
/// statecraft package turns it into DataFrames).
void bind_forecast(py::module_& m);
void bind_solve(py::module_& m);
void bind_bargain(py::module_& m);
void bind_simulate(py::module_& m);
void bind_sensitivity(py::module_& m);
void bind_compare(py::module_& m);

/// The callbacks of one run: `progress` (a Python callable or None) is called with the GIL
/// held; log messages are kept and handed back with the result.
class RunCallbacks {
 public:
  explicit RunCallbacks(const py::object& progress);
  [[nodiscard]] const services::Callbacks& callbacks() const { return callbacks_; }
  /// The log messages, as a Python list (call with the GIL held, after the run).
  [[nodiscard]] py::list messages() const;

 private:
  services::Callbacks callbacks_;
  mutable std::mutex mutex_;
  std::vector<std::string> messages_;
};

/// Runs `work` with the GIL released, so that other Python threads run meanwhile.
template <class Work>
auto without_gil(Work&& work) {
  py::gil_scoped_release release;
  return work();
}

/// A numpy array holding a copy of `values`, filled here (numpy's own copy would release the GIL
/// for a moment, which the test of the GIL's release must not mistake for the run's).
py::array_t<double> to_array(const std::vector<double>& values);

/// A JSON text as Python data (json.loads).
py::object from_json(const std::string& text);

}  // namespace statecraft::python
