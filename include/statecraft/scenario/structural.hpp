#pragma once
/// @file structural.hpp
/// Structural uncertainty (docs/scenario-format.md, "Structural choices"): a choice between
/// models that could each resolve a step of the scenario (e.g. which bargaining model says where
/// an issue lands), with a weight per alternative. Each Monte Carlo draw uses one alternative,
/// drawn with the weights from the draw's own random stream, so that the forecast is the mixture
/// over the alternatives and each alternative's answer can be read on the draws that used it.

#include <cstdint>
#include <string>
#include <vector>

#include "statecraft/error.hpp"

namespace statecraft::scenario {

/// A discrete uncertain input of the scenario: which of several models resolves a step.
struct StructuralChoice {
  std::string id, text, note;
  std::vector<std::string> alternatives;  ///< at least two, distinct
  std::vector<double> weights;            ///< per alternative, summing to 1
  std::vector<std::string> sources;
  Location where;
};

/// The models an issue step may use: compromise, median, mean, bdm, smp, nash.
const std::vector<std::string>& issue_models();

/// The equilibrium selection rules a decision may use: logit_limit, payoff_dominant
/// (games::Selection, in that order).
const std::vector<std::string>& selection_rules();

/// Index of the alternative of `c` used in draw `draw` of a run with `seed`: drawn with the
/// weights from the draw's stream for the choice (keyed by the choice's id), so it is the same in
/// every run with that seed and draw, on any number of threads, whatever else the scenario holds.
std::size_t structural_alternative(const StructuralChoice& c, std::uint64_t seed, std::uint64_t draw);

}  // namespace statecraft::scenario
