#pragma once
/// @file scenario_facts.hpp
/// What a report shows beside the forecast's numbers, read from the scenario without any draw:
/// every named parameter with its value or distribution, unit, sources and note; the sources;
/// each game's selected equilibrium at the central values, in words; the timeline's society
/// windows (when they open and which state variables they write), and a snapshot of one window's
/// run (services::society_snapshot).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "statecraft/scenario/scenario.hpp"

namespace statecraft::ensemble {

/// A named parameter of the scenario.
struct ParameterFact {
  std::string id, path;
  std::string value;  ///< "triangular(0.2, 0.4, 0.7)", "0.3", or "= <expression>"
  std::string unit, note;
  std::vector<std::string> sources;  ///< source ids
};

/// A source that numbers cite.
struct SourceFact {
  std::string id, title, outlet, date, url, note;
};

/// A game and the equilibrium selected at the scenario's central values.
struct GameFact {
  std::string id, title;
  std::vector<std::string> players;  ///< actor names
  std::string method;                ///< "spe", "pbe", "agent-qre", "qre", "unique"; empty if unsolved
  std::string equilibrium;           ///< in words (or why it could not be solved)
};

/// A society window of the timeline.
struct WindowFact {
  std::string id;
  std::string when;                 ///< the condition that opens it ("" = every scheduled month)
  std::vector<std::string> writes;  ///< state variables its effects set
};

/// The counts of one step of a window's run (step 0: after setup).
struct WindowStep {
  int step = 0;
  std::int64_t quiet = 0, active = 0, jailed = 0, cops_loyal = 0, cops_defected = 0;
};

/// One society window's run at the scenario's central values: the grid at the peak of protest
/// and the counts step by step.
struct WindowSnapshot {
  std::string window;      ///< the window's id
  std::string month;       ///< YYYY-MM it opened in
  std::uint64_t draw = 0;  ///< the timeline draw (every number at its central value) it opened in
  std::uint64_t seed = 0;  ///< the society model's seed in that window
  int width = 0, height = 0;
  int peak_step = 0;  ///< the first step with the most actives (the grid's moment)
  /// The grid at peak_step, one string per row: '.' empty, 'q' quiet, 'a' active, 'j' jailed,
  /// 'c' loyal cop, 'd' defected cop (what a person would see in the cell).
  std::vector<std::string> grid;
  std::vector<WindowStep> series;
};

/// Everything above, in the scenario's order (parameters by id).
struct ScenarioFacts {
  std::vector<ParameterFact> parameters;
  std::vector<SourceFact> sources;
  std::vector<GameFact> games;
  std::vector<WindowFact> windows;
  std::optional<WindowSnapshot> snapshot;  ///< set by the forecast service when a window opened
};

/// Reads the facts of a loaded scenario (solves each game once, at the central values).
ScenarioFacts scenario_facts(const scenario::Scenario& s);

}  // namespace statecraft::ensemble
