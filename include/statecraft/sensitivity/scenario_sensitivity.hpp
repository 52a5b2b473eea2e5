#pragma once
/// @file scenario_sensitivity.hpp
/// Global sensitivity of a scenario's forecast: grouped Sobol' indices (first-order and total,
/// with bootstrap intervals) of every question and key output on a Saltelli design, and a
/// one-at-a-time tornado per question. The model is the forecast's own (its lenses and question
/// rules); results depend only on (scenario, seed, samples), never on the number of threads.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "statecraft/ensemble/team.hpp"
#include "statecraft/provenance.hpp"
#include "statecraft/scenario/scenario.hpp"
#include "statecraft/sensitivity/indices.hpp"

namespace statecraft::sensitivity {

/// How to run the analysis.
struct ScenarioOptions {
  std::uint64_t seed = 0;
  std::size_t samples = 1024;      ///< rows of the Saltelli design (N); it costs N (G + 2) runs
  int threads = 0;                 ///< 0: all cores
  std::size_t bootstrap = 200;     ///< bootstrap replicates of the intervals
  std::size_t tornado_draws = 32;  ///< chance draws per tornado setting (0: no tornado)
  std::size_t tornado_bars = 8;    ///< bars kept per question, widest first
  /// Called now and then with (runs done, runs total) from the calling thread.
  std::function<void(std::size_t, std::size_t)> progress;
  /// Processes sharing the design's points (an MPI job; every member ends with every point's
  /// outputs, so with the same result), or nullptr for this process alone.
  ensemble::Team* team = nullptr;
};

/// A group of inputs treated as one factor.
struct Group {
  std::string name;                  ///< the `group` tag, or "chance" for the models' own chance
  std::vector<std::string> members;  ///< parameter ids, or paths of anonymous numbers
};

/// The indices of one output, one entry per group (in ScenarioSensitivity::groups order).
struct OutputIndices {
  std::string id, kind, text;  ///< kind: "question", "issue" (compromise) or "series" (at the horizon)
  Indices indices;             ///< for a question, the mean is its probability
};

/// One bar of a tornado: a question's probability with one input at its 5th and 95th percentiles.
struct TornadoBar {
  std::string input, group;
  double low_value = 0, high_value = 0;  ///< the input's 5th and 95th percentiles
  double at_low = 0, at_high = 0;        ///< the question's probability there
};

struct Tornado {
  std::string question, text;
  double central = 0;  ///< probability with every input at its median
  std::vector<TornadoBar> bars;
};

struct ScenarioSensitivity {
  Provenance provenance;
  std::string scenario_name;
  std::size_t samples = 0, evaluations = 0, inputs = 0, tornado_draws = 0;
  std::vector<Group> groups;
  std::vector<OutputIndices> outputs;
  std::vector<Tornado> tornadoes;
  double wall_seconds = 0;  ///< not part of the JSON
};

/// Runs the analysis. @throws UsageError (no uncertain number, samples < 2 or > 100000), ScenarioError (a
/// point leaves a declared range).
ScenarioSensitivity analyse(const scenario::Scenario& s, const ScenarioOptions& options);

}  // namespace statecraft::sensitivity
