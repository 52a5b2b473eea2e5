#pragma once
/// @file run.hpp
/// Running the society model: time series, summary statistics (peak, mean, bursts), CSV/JSON
/// output with provenance, and PNG snapshots of the grid.

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "statecraft/provenance.hpp"
#include "statecraft/society/model.hpp"

namespace statecraft::society {

/// Summary statistics of a time series of StepStats (the initial state excluded).
struct Summary {
  std::int64_t peak_active = 0;     ///< largest number of actives at the end of a step
  int peak_step = 0;                ///< first step at which the peak was reached
  double mean_active = 0.0;         ///< mean actives over the steps
  int bursts = 0;                   ///< maximal runs of steps with actives >= the burst threshold
  std::int64_t total_arrests = 0;   ///< arrests summed over the steps
  std::int64_t final_jailed = 0;    ///< jailed at the last step
  std::int64_t final_defected = 0;  ///< defected cops at the last step
  std::int64_t emigrated = 0;       ///< emigrants at the last step
};

/// Number of maximal runs of consecutive steps with `active >= threshold` (a burst of rebellion).
int count_bursts(const std::vector<StepStats>& series, std::int64_t threshold);
/// Summary of `series` with bursts counted at `burst_threshold` actives.
Summary summarize(const std::vector<StepStats>& series, std::int64_t burst_threshold);

/// One finished run.
struct RunResult {
  std::vector<StepStats> series;  ///< one entry per step (step 1..n); initial state not included
  StepStats initial;              ///< counts after setup
  RegimeOutcome outcome;
  Summary summary;
  double seconds = 0.0;          ///< wall time of the steps (setup excluded)
  double cpu_seconds = 0.0;      ///< processor time of the steps, all threads (std::clock)
  std::size_t memory_bytes = 0;  ///< Model::memory_bytes() at the end
};

/// Called after each step with the step's counts; return false to stop early.
using StepCallback = std::function<bool(const StepStats&)>;

/// Runs `steps` steps of `model`. `burst_threshold` <= 0 uses 50 actives scaled by the grid area
/// relative to 40x40 (the NetLogo reference). @throws nothing beyond what Model::step throws.
RunResult run(Model& model, int steps, std::int64_t burst_threshold = 0, const StepCallback& on_step = {});

/// CSV: '#'-prefixed provenance lines, then a header row and one row per step (step 0 = setup).
std::string to_csv(const RunResult& result, const Provenance& provenance);
/// JSON object: {"provenance": {...}, "config": {...}, "summary": {...}, "outcome": {...},
/// "series": {"step": [...], "quiet": [...], ...}}.
std::string to_json(const RunResult& result, const Config& config, const Provenance& provenance);

/// Renders the grid as an RGB PNG, `scale` pixels per cell (quiet green, active red, jailed
/// grey, cop blue, defected cop yellow, empty black). @throws IoError when the file cannot be written.
void write_png(const Model& model, const std::string& path, int scale = 0);

/// Human-readable name of a semantics / update order (for provenance and JSON).
std::string to_string(Semantics s);
std::string to_string(UpdateOrder u);

}  // namespace statecraft::society
