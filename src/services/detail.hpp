#pragma once
// What the services share: reading a scenario with its overrides, and running the forecast of a
// loaded scenario (with an optional draw sink) with the overrides in its provenance.

#include <string>

#include "statecraft/services.hpp"

namespace statecraft::services::detail {

/// A scenario's bytes and the name it goes by in messages and provenance.
struct ScenarioInput {
  std::string name, text;
};

/// The file's bytes, or the embedded scenario's when `file` is empty. @throws IoError.
ScenarioInput read_input(const std::string& file);

/// Loads `in` with the overrides; warnings go to the log.
scenario::Scenario load(const ScenarioInput& in, const scenario::Overrides& overrides, const Callbacks& callbacks);

/// The seed a forecast of `s` uses.
std::uint64_t seed_of(const ForecastOptions& o, const scenario::Scenario& s);

/// Runs the forecast of a loaded scenario; the variant and settings join the provenance.
ensemble::ForecastResult run_forecast(const scenario::Scenario& s, const ForecastOptions& o, const Callbacks& callbacks,
                                      ensemble::DrawSink* sink = nullptr);

}  // namespace statecraft::services::detail
