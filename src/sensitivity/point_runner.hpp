#pragma once
// Runs a scenario model on many points in parallel blocks; each point's outputs land in their own
// slots, so the results do not depend on the number of threads.

#include <cstdint>
#include <functional>
#include <vector>

#include "sensitivity/scenario_model.hpp"
#include "statecraft/ensemble/team.hpp"

namespace statecraft::sensitivity {

/// Fills `shares` (one per model input) for point `i` and returns its chance draw number.
using PointFn = std::function<std::uint64_t(std::size_t i, double* shares)>;

/// Progress over several runs: adds to `done` and reports (done, total).
struct ProgressSink {
  std::function<void(std::size_t, std::size_t)> report;
  std::size_t done = 0, total = 0;
};

/// Outputs of points 0..count-1, count x outputs row-major. The first failing point (by index)
/// throws its ScenarioError; a model's UsageError is reported as a ScenarioError on the scenario.
/// With a team, each member runs its share of the points' blocks and every member returns all
/// the outputs (the same bytes as one process).
std::vector<double> run_points(const ScenarioModel& model, std::size_t count, const PointFn& point, std::uint64_t seed,
                               int threads, ProgressSink& progress, ensemble::Team* team = nullptr);

}  // namespace statecraft::sensitivity
