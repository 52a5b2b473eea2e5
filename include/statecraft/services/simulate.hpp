#pragma once
/// @file services/simulate.hpp
/// The `simulate` service: Epstein's civil-violence model with a preset (mesa, netlogo) or a
/// scenario's society section (the Belarus extensions). Shared by `statecraft simulate` and Python.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "statecraft/provenance.hpp"
#include "statecraft/services.hpp"
#include "statecraft/society/model.hpp"
#include "statecraft/society/run.hpp"
#include "statecraft/society/society_config.hpp"

namespace statecraft::services {

/// Options of `simulate`.
struct SimulateOptions {
  std::string file;            ///< scenario with a society section; empty: the preset of `mode`
  std::int64_t agents = 0;     ///< agents (citizens with a file); 0: the file's or the preset's
  int steps = -1;              ///< steps (days); -1: the file's, else 200
  std::string mode;            ///< mesa | netlogo (exact presets; a file gives only seed and steps) | belarus | empty
  std::string seed;            ///< a whole number in [0, 2^64-1] as text; empty: the file's meta.seed
  int threads = 0;             ///< threads for the parallel orders (0: all)
  std::string order = "auto";  ///< sequential | blocked | synchronous | auto
  std::vector<std::pair<std::string, double>> settings;  ///< overrides of the file's settings
  std::optional<double> legitimacy;                      ///< constant legitimacy in [0, 1] (replaces any schedule)
  std::string command = "statecraft simulate";           ///< the command line, for the provenance
  /// With `snapshot` set: called with the model at step `snapshot_step` (0: after setup; out of
  /// range or negative: at the end), e.g. to write a PNG.
  int snapshot_step = -1;
  std::function<void(const society::Model&)> snapshot;
  /// Called after every step with its counts (besides callbacks.progress(step, steps)).
  std::function<void(const society::StepStats&)> on_step;
};

/// A finished simulation and what it ran.
struct SimulateResult {
  society::RunResult run;
  society::Config config;
  society::Scaling scaling;
  Provenance provenance;
  int steps = 0;
  std::int64_t citizens = 0, cops = 0;
};

/// The checks that need no file: legitimacy in [0, 1], the seed's text, settings only with a
/// file and not with an exact preset. @throws UsageError.
void check_simulate_options(const SimulateOptions& options);

/// Runs the model. The context figures of a file are reported through `log`.
/// @throws UsageError, IoError, ScenarioError.
SimulateResult simulate(const SimulateOptions& options, const Callbacks& callbacks = {});

}  // namespace statecraft::services
