// statecraft's C++ errors as the Python exceptions of statecraft.errors, each with the exit code
// the CLI would use and, for bad input, the file, line and column of every problem.

#include <exception>

#include "bindings.hpp"
#include "statecraft/error.hpp"

namespace statecraft::python {
namespace {

py::dict diagnostic(const Diagnostic& d) {
  py::dict out;
  out["file"] = d.where.file;
  out["line"] = d.where.line;
  out["column"] = d.where.column;
  out["path"] = d.path;
  out["found"] = d.found;
  out["expected"] = d.expected;
  return out;
}

void set_python_error(const char* kind, const Error& e, const std::vector<Diagnostic>& problems) {
  py::list diags;
  for (const auto& d : problems) diags.append(diagnostic(d));
  const py::object cls = py::module_::import("statecraft.errors").attr(kind);
  const py::object exc = cls(e.what(), static_cast<int>(e.code()), diags);
  PyErr_SetObject(cls.ptr(), exc.ptr());
}

void translate(std::exception_ptr p) {
  try {
    if (p) std::rethrow_exception(p);
  } catch (const FormatError& e) {
    set_python_error("FormatError", e, {e.diagnostic()});
  } catch (const ScenarioError& e) {
    set_python_error("ScenarioError", e, e.problems());
  } catch (const UsageError& e) {
    set_python_error("UsageError", e, {});
  } catch (const IoError& e) {
    set_python_error("IoError", e, {});
  } catch (const InternalError& e) {
    set_python_error("InternalError", e, {});
  } catch (const Error& e) {
    set_python_error("Error", e, {});
  }
}

}  // namespace

void register_errors(py::module_&) { py::register_exception_translator(&translate); }

}  // namespace statecraft::python
