#pragma once
/// @file runner.hpp
/// The timeline (docs/models/timeline.md): one Monte Carlo draw of a scenario run month by month
/// from the month after `meta.as_of` to the horizon. Each month: Markov transitions of the
/// categorical states, the dynamics, the events (hazards and scheduled), the decisions (games
/// re-solved on the state, moves drawn from the selected equilibrium), the bargaining issues
/// re-forecast on the state, and the society windows (the agent-based model run on the state).
/// A draw depends only on (seed, draw index); each mechanism has its own random stream.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "statecraft/scenario/scenario.hpp"

namespace statecraft::society {
struct Config;
}

namespace statecraft::timeline {

/// How the society windows run the agent-based model.
struct WindowOptions {
  std::int64_t agents = 600;  ///< citizens simulated in a window (reduced scale; docs/models/timeline.md)
  int steps = 45;             ///< days simulated in a window
  /// When set, called as each window opens with its id, the month and the configuration (seed
  /// included) the model runs with, e.g. to show one window's run in a report. Forecasts leave
  /// it unset; a runner with it set must run its draws on one thread.
  std::function<void(const std::string& window, int month, const society::Config& config)> on_window;
};

/// Where the time of a run went, summed over the draws a runner ran (seconds of CPU).
struct CostBreakdown {
  double dynamics = 0, events = 0, decisions = 0, issues = 0, society = 0;
  std::size_t windows_run = 0, decisions_solved = 0, issue_forecasts = 0;
  std::vector<double> per_month;  ///< seconds spent in each month 1..horizon (index 0 unused)
  std::vector<std::pair<std::string, double>> issue_models;  ///< seconds of issue re-forecasts per model run
};

/// A compiled timeline, shared by all threads. run() is thread-safe.
class Runner {
 public:
  /// Compiles the scenario's timeline (validated by the loader).
  explicit Runner(const scenario::Scenario& s, WindowOptions options = {});
  ~Runner();
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;

  /// Number of months simulated (the horizon).
  [[nodiscard]] int months() const;
  /// Output names, in the order run() writes them: for every state variable
  /// "timeline.<var>" and for every event "timeline.events.<id>" (its count so far), each for
  /// months 0 (the start) to months(): series k occupies entries k*(months()+1) ... .
  [[nodiscard]] const std::vector<std::string>& series() const;
  /// Runs draw `draw` whose quantity values are `values`; writes series().size()*(months()+1)
  /// numbers to `out`. @throws ScenarioError when an expression is not finite.
  void run(const std::vector<double>& values, std::uint64_t seed, std::uint64_t draw, double* out) const;
  /// Time spent so far in each mechanism, over all threads.
  [[nodiscard]] CostBreakdown cost() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace statecraft::timeline
