#pragma once
/// @file lens.hpp
/// A lens turns one Monte Carlo draw of a scenario's numbers into named model outputs (e.g.
/// "issue.sanctions_us.median"). The ensemble runs every lens on every draw; questions resolve
/// on the outputs. Modules add lenses in default_lenses().

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
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
  /// At most this many draws (0: every draw). A costly lens limited to K < N draws runs on every
  /// ceil(N/K)-th draw; summaries and questions built on it say on how many draws they rest.
  [[nodiscard]] virtual std::size_t max_draws() const { return 0; }
  /// Seconds of CPU spent so far in the lens's parts, for lenses that measure them (the
  /// ensemble measures every lens as a whole).
  [[nodiscard]] virtual std::vector<std::pair<std::string, double>> cost() const { return {}; }
};

/// Lens of the baseline issue models: for every issue, the compromise model
/// ("issue.<id>.compromise"), the weighted median ("issue.<id>.median") and the unweighted mean
/// ("issue.<id>.mean") of the actors' positions in the draw.
std::unique_ptr<Lens> make_issue_baseline_lens(const scenario::Scenario& s);

/// Lens of the bargaining models: for every issue, Bueno de Mesquita's expected-utility model
/// ("issue.<id>.bdm"), KTAB's spatial model of politics ("issue.<id>.smp") and the Nash
/// bargaining solution ("issue.<id>.nash"), run on each draw's numbers.
/// It runs on at most `max_draws` draws (0: all), spread evenly, since a run costs milliseconds.
std::unique_ptr<Lens> make_bargaining_lens(const scenario::Scenario& s, std::size_t max_draws);

/// Lens of the scenario's games: each draw re-solves every game with its payoffs
/// (games::solve_scenario_game) and outputs "game.<game>.<actor>.<action>" (probability the
/// actor's selected equilibrium strategy plays the action) and "game.<game>.<actor>.payoff".
std::unique_ptr<Lens> make_game_lens(const scenario::Scenario& s);

/// Lens of the timeline (timeline::Runner): every state variable and event count of the
/// scenario's timeline at every month, "timeline.<name>@<month>" (month 0 = the start).
std::unique_ptr<Lens> make_timeline_lens(const scenario::Scenario& s);

/// Every lens available for a scenario, in a fixed order; the bargaining lens runs on at most
/// `bargaining_draws` draws (0: all).
std::vector<std::unique_ptr<Lens>> default_lenses(const scenario::Scenario& s, std::size_t bargaining_draws);

}  // namespace statecraft::ensemble
