#pragma once
/// @file services/bargain.hpp
/// The `bargain` service: the bargaining models on a KTAB CSV issue, or on every issue of a
/// scenario at its central values. Shared by `statecraft bargain` and Python.

#include <cstdint>
#include <string>
#include <vector>

#include "statecraft/bargaining/models.hpp"
#include "statecraft/provenance.hpp"
#include "statecraft/services.hpp"

namespace statecraft::services {

/// Options of `bargain`.
struct BargainOptions {
  std::string file;           ///< KTAB SMP scenario (*.csv) or statecraft scenario (*.yaml, *.yml)
  std::string model = "all";  ///< smp, bdm, compromise, median, nash, mean or all
  bool stochastic = false;    ///< SMP: draw the next state instead of taking the most likely
  std::uint64_t seed = 0;     ///< seed of the SMP's stochastic mode
  std::uint64_t draw = 0;     ///< Monte Carlo draw index of the SMP's stochastic mode
};

/// One issue and each model's forecast of it, in the order of the models run.
struct BargainIssue {
  bargaining::BargainingProblem problem;
  std::vector<bargaining::Forecast> forecasts;
};

/// Every issue of the input, and the provenance of the run.
struct BargainResult {
  std::vector<BargainIssue> issues;
  Provenance provenance;
};

/// The models `model` names ("all": every model). @throws UsageError for an unknown name.
std::vector<bargaining::ModelKind> bargaining_models(const std::string& model);

/// Reads the issues and runs the models on each; `progress` counts issues.
/// @throws UsageError (a file that is neither CSV nor YAML), IoError, FormatError (a scenario
/// without issues), ScenarioError.
BargainResult bargain(const BargainOptions& options, const Callbacks& callbacks = {});

}  // namespace statecraft::services
