#include <algorithm>

#include "bindings.hpp"

namespace statecraft::python {

RunCallbacks::RunCallbacks(const py::object& progress) {
  if (!progress.is_none()) {
    const py::object* fn = &progress;  // outlives the run; its reference count is left alone
    callbacks_.progress = [fn](std::size_t done, std::size_t total) {
      py::gil_scoped_acquire gil;
      (*fn)(done, total);
    };
  }
  callbacks_.log = [this](const std::string& message) {
    const std::lock_guard lock(mutex_);
    messages_.push_back(message);
  };
}

py::list RunCallbacks::messages() const {
  const std::lock_guard lock(mutex_);
  py::list out;
  for (const auto& m : messages_) out.append(m);
  return out;
}

py::array_t<double> to_array(const std::vector<double>& values) {
  py::array_t<double> a(static_cast<py::ssize_t>(values.size()));
  std::copy(values.begin(), values.end(), a.mutable_data());
  return a;
}

py::object from_json(const std::string& text) { return py::module_::import("json").attr("loads")(text); }

}  // namespace statecraft::python
