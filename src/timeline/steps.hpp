#pragma once
// The timeline's couplings to the other engines: bargaining issues re-forecast on the state
// (issue_step.cpp) and society windows that run the agent-based model (society_window.cpp).

#include <cstdint>
#include <string>
#include <vector>

#include "statecraft/scenario/scenario.hpp"
#include "statecraft/society/society_config.hpp"
#include "statecraft/timeline/runner.hpp"
#include "timeline/window_cache.hpp"
#include "timeline/workspace.hpp"

namespace statecraft::timeline::detail {

/// Forecast (0-100) of scenario issue `issue` by `model` (compromise, median, mean, bdm, smp or
/// nash) on the numbers `values`.
double issue_forecast(const scenario::Scenario& s, int issue, const std::string& model,
                      const std::vector<double>& values);

/// The numbers issue_forecast() reads for scenario issue `issue`: its status quo (if any), then
/// each stance's capability, position and salience.
std::vector<double> issue_inputs(const scenario::Scenario& s, int issue, const std::vector<double>& values);

/// The society settings of the scenario that every window starts from: the `society` section's
/// model settings (checked by the loader against the schema; `context.*` left out), by name,
/// with their quantities.
struct WindowBase {
  std::string base = "netlogo";
  std::vector<std::pair<std::string, scenario::QuantityId>> settings;
};
WindowBase make_window_base(const scenario::Scenario& s);

/// Runs the agent-based model for window `w` on the workspace's state and stores the window's
/// outputs (scenario::society_window_outputs()) in the workspace's context slots; a window whose
/// configuration is in `cache` takes its outputs from there (and adds its own when it runs).
void run_window(const WindowBase& base, const scenario::SocietyWindow& w, const WindowOptions& options,
                std::uint64_t seed, std::uint64_t draw, Workspace& ws, WindowCache& cache);

}  // namespace statecraft::timeline::detail
