#pragma once
/// @file sensitivity.hpp
/// The sensitivity service: grouped Sobol' indices and tornadoes of a scenario's forecast.

#include <cstdint>
#include <optional>
#include <string>

#include "statecraft/sensitivity/scenario_sensitivity.hpp"
#include "statecraft/services.hpp"

namespace statecraft::services {

struct SensitivityOptions {
  std::string scenario_file;          ///< empty: the embedded scenario
  std::optional<std::uint64_t> seed;  ///< default: the scenario's meta.seed
  std::size_t samples = 1024;         ///< rows of the Saltelli design
  int threads = 0;                    ///< 0: all cores
  std::size_t bootstrap = 200;
  std::size_t tornado_draws = 32;  ///< 0: no tornado
};

/// Loads the scenario and runs sensitivity::analyse on it.
sensitivity::ScenarioSensitivity sensitivity(const SensitivityOptions& options, const Callbacks& callbacks = {});

}  // namespace statecraft::services
