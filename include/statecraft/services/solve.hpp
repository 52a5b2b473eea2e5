#pragma once
/// @file services/solve.hpp
/// The `solve` service: equilibria of a game read from a Gambit .nfg/.efg file, or of a
/// scenario's game at the scenario's central values. Shared by `statecraft solve` and Python.

#include <string>

#include "statecraft/games/gambit_io.hpp"
#include "statecraft/games/solve.hpp"
#include "statecraft/provenance.hpp"
#include "statecraft/services.hpp"

namespace statecraft::services {

/// Options of `solve`.
struct SolveOptions {
  std::string file;    ///< .nfg or .efg game, or a .yaml/.yml scenario (then `game` names the game)
  std::string game;    ///< with a scenario: the id of its game to solve
  std::string method;  ///< empty: games::default_method()
  bool exact = false;  ///< exact rational arithmetic also where floating point is the default
  bool json = true;    ///< also render the report as JSON (games::SolveRequest::json)
};

/// What `solve` found: the game solved (a scenario's game at its central values), the report
/// (which says whether the method failed) and the provenance of the run.
struct SolveResult {
  games::AnyGame game;
  games::SolveReport report;
  Provenance provenance;
};

/// True when `file` names a scenario (.yaml or .yml) rather than a game file.
bool is_scenario_file(const std::string& file);

/// Reads the game and solves it. @throws IoError, FormatError, ScenarioError, UsageError
/// (a `game` with a game file, an unknown method or one that does not fit the game).
SolveResult solve(const SolveOptions& options, const Callbacks& callbacks = {});

}  // namespace statecraft::services
