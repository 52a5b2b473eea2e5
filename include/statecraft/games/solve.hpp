#pragma once
/// @file solve.hpp
/// One entry point for "solve this game with that method": dispatches to the solvers, and
/// renders the result as text (strategy profiles with labels, exact rationals) and as JSON.
/// Used by `statecraft solve`; equally usable on a game built in memory (e.g. per Monte Carlo
/// draw of a scenario).

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "statecraft/games/gambit_io.hpp"
#include "statecraft/games/solvers.hpp"

namespace statecraft::games {

/// What to solve and how.
struct SolveRequest {
  std::string method;  ///< pure|dominance|enum|lh|qre|spe|seq|lp; empty = default_method()
  bool exact = false;  ///< exact arithmetic everywhere it is optional (enum pivoting)
  /// Also render the result as JSON (SolveReport::json); false leaves it empty. A long list of
  /// equilibria as JSON costs more time and memory than finding them (an object per strategy).
  bool json = true;
};

/// The rendered result of solve().
struct SolveReport {
  std::string method;          ///< method actually used
  std::string text;            ///< human-readable report (no provenance header)
  nlohmann::json json;         ///< the same content as JSON (no provenance)
  std::size_t equilibria = 0;  ///< number of equilibria / solutions reported
  /// The method failed to produce an answer (e.g. the QRE path could not be followed to the
  /// regret target); `failure` says why, and `text` holds no equilibrium. `statecraft solve`
  /// then exits with status 1.
  bool failed = false;
  std::string failure;
};

/// The methods `solve` knows.
const std::vector<std::string>& solve_methods();
/// The default method for a game: enum for 2-player normal form, qre for n-player normal form,
/// spe for perfect-information trees, seq for other 2-player trees, qre (agent) otherwise.
std::string default_method(const AnyGame& g);
/// Solves the game. Normal-form methods applied to an extensive game use its reduced normal
/// form; tree methods (spe, seq) need an extensive game.
/// @throws UsageError for an unknown method or a method that does not fit the game.
SolveReport solve(const AnyGame& g, const SolveRequest& request);

/// Text of a number for reports: exact rationals as "a/b", doubles with 6 significant digits.
std::string format_number(double v);

}  // namespace statecraft::games
