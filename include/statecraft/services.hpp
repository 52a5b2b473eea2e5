#pragma once
/// @file services.hpp
/// The services the command-line tool and the Python module call: options in; results out;
/// progress and log messages through callbacks (as Stan's services). No parsing of command
/// lines, no printing, no files written here: callers render and write the results. The other
/// services have a header each in statecraft/services/ (solve, bargain, simulate).

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "statecraft/ensemble/forecast.hpp"
#include "statecraft/scenario/scenario.hpp"

namespace statecraft::services {

/// What a long run reports while it works; either member may be empty.
struct Callbacks {
  std::function<void(std::size_t done, std::size_t total)> progress;
  std::function<void(const std::string& message)> log;
};

/// The scenario of a command: the file, or the embedded Belarus scenario when `file` is empty.
/// Warnings go to `log`. @throws IoError, ScenarioError.
scenario::Scenario load_scenario(const std::string& file, const Callbacks& callbacks = {});

/// The same with a variant and parameter settings applied.
scenario::Scenario load_scenario(const std::string& file, const scenario::Overrides& overrides,
                                 const Callbacks& callbacks = {});

/// Options of a forecast.
struct ForecastOptions {
  std::string scenario_file;          ///< empty: the embedded scenario
  std::optional<std::uint64_t> seed;  ///< default: the scenario's meta.seed
  std::size_t draws = 10000;
  int threads = 0;                   ///< 0: all cores
  std::size_t bargaining_draws = 0;  ///< draws that run BDM, SMP and Nash on the static issues (0: all)
  /// Rows of the grouped Sobol' design that names each question's drivers (0: no drivers).
  std::size_t driver_samples = 128;
  scenario::Overrides overrides;  ///< a variant of the scenario and one-off parameter settings
  /// Keep each question's answer in every draw (QuestionForecast::draw_answers).
  bool keep_draw_answers = false;
};

/// Loads the scenario and runs the Monte Carlo forecast with its timeline; then, unless
/// driver_samples is 0, a small grouped sensitivity design names each question's drivers.
ensemble::ForecastResult forecast(const ForecastOptions& options, const Callbacks& callbacks = {});

}  // namespace statecraft::services
