#pragma once
/// @file scenario_facts.hpp
/// What a report shows beside the forecast's numbers, read from the scenario without any draw:
/// every named parameter with its value or distribution, unit, sources and note; the sources;
/// each game's selected equilibrium at the central values, in words; the timeline's society
/// windows (when they open and which state variables they write).

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

/// Everything above, in the scenario's order (parameters by id).
struct ScenarioFacts {
  std::vector<ParameterFact> parameters;
  std::vector<SourceFact> sources;
  std::vector<GameFact> games;
  std::vector<WindowFact> windows;
};

/// Reads the facts of a loaded scenario (solves each game once, at the central values).
ScenarioFacts scenario_facts(const scenario::Scenario& s);

}  // namespace statecraft::ensemble
