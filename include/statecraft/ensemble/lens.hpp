#pragma once
/// @file lens.hpp
/// A lens turns one Monte Carlo draw of a scenario's numbers into named model outputs (e.g.
/// "issue.sanctions_us.median"). The ensemble runs every lens on every draw; questions resolve
/// on the outputs. Modules add lenses in default_lenses().

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "statecraft/scenario/scenario.hpp"

namespace statecraft::ensemble {

/// Produces named outputs from one draw. evaluate() must be thread-safe (called concurrently on
/// different draws) and deterministic in (values, seed, draw).
class Lens {
 public:
  virtual ~Lens() = default;
  /// Short name of the module, e.g. "compromise".
  [[nodiscard]] virtual std::string name() const = 0;
  /// The outputs this lens produces, in a fixed order.
  [[nodiscard]] virtual std::vector<std::string> outputs() const = 0;
  /// Writes outputs().size() values to `out` for the draw whose quantity values are `values`.
  virtual void evaluate(const std::vector<double>& values, std::uint64_t seed, std::uint64_t draw,
                        double* out) const = 0;
};

/// Lens of the baseline issue models: for every issue, the compromise model
/// ("issue.<id>.compromise"), the weighted median ("issue.<id>.median") and the unweighted mean
/// ("issue.<id>.mean") of the actors' positions in the draw.
std::unique_ptr<Lens> make_issue_baseline_lens(const scenario::Scenario& s);

/// Lens of the scenario's games: each draw re-solves every game with its payoffs
/// (games::solve_scenario_game) and outputs "game.<game>.<actor>.<action>" (probability the
/// actor's selected equilibrium strategy plays the action) and "game.<game>.<actor>.payoff".
std::unique_ptr<Lens> make_game_lens(const scenario::Scenario& s);

/// Every lens available for a scenario, in a fixed order.
std::vector<std::unique_ptr<Lens>> default_lenses(const scenario::Scenario& s);

}  // namespace statecraft::ensemble
