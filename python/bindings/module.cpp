// The compiled part of the statecraft Python package: one function per service, called with
// the GIL released; the package (python/statecraft) turns the results into DataFrames.

#include "bindings.hpp"

PYBIND11_MODULE(_statecraft, m) {
  m.doc() = "statecraft's services (use the statecraft package rather than this module)";
  namespace sp = statecraft::python;
  sp::register_errors(m);
  sp::bind_forecast(m);
  sp::bind_solve(m);
  sp::bind_bargain(m);
  sp::bind_simulate(m);
  sp::bind_sensitivity(m);
  sp::bind_compare(m);
  // A new service adds its bind_<name>(m) here, in python/bindings/<name>.cpp, and its wrapper
  // in python/statecraft/__init__.py.
}
