#pragma once
/// @file society_config.hpp
/// The society part of a scenario file (format v1, read by the common loader): `society` maps a
/// setting name to a number (at its central value) plus the word `base`; see
/// docs/models/society.md for the names and how people are scaled to agents.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "statecraft/society/model.hpp"

namespace statecraft::society {

/// One society setting as read from the file.
struct Setting {
  double value = 0.0;
  std::vector<std::string> sources;  ///< source ids cited (may be empty)
  int line = 0;                      ///< 1-based line in the file
};

/// The society part of a scenario.
struct SocietyScenario {
  std::string file;                                  ///< path as given
  std::string sha256;                                ///< of the file's bytes
  std::map<std::string, std::string> meta;           ///< scalar meta fields
  std::map<std::string, std::string> sources;        ///< source id -> title
  std::map<std::string, Setting> settings;           ///< the `society` section
  std::string base = "netlogo";                      ///< `society.base`: mesa or netlogo
};

/// Reads `path`. @throws IoError when unreadable, ScenarioError listing every problem (those of
/// the common loader, and unknown society settings).
SocietyScenario load_society_scenario(const std::string& path);
/// Same from text (`name` is used in messages).
SocietyScenario parse_society_scenario(const std::string& text, const std::string& name);

/// Overrides settings by name (e.g. the counterfactual `kremlin_reserve=0`).
/// @throws UsageError for an unknown name.
void override_setting(SocietyScenario& scenario, const std::string& name, double value);

/// What the scaling from people to agents gives.
struct Scaling {
  double population = 0.0;        ///< people represented
  std::int64_t agents = 0;        ///< citizens simulated (approximate before setup)
  double people_per_agent = 1.0;  ///< population / agents
};

/// Builds the model configuration: `agents` (> 0) overrides the file's `agents` setting; the
/// grid side follows from the agent count and densities. @throws UsageError for inconsistent
/// values.
Config make_config(const SocietyScenario& scenario, std::int64_t agents, Scaling* scaling = nullptr);

/// The names `society` may hold, with a one-line description each.
const std::map<std::string, std::string>& society_setting_names();

}  // namespace statecraft::society
