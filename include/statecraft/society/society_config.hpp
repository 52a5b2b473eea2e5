#pragma once
/// @file society_config.hpp
/// The society part of a scenario file (format v1, read by the common loader): `society` maps a
/// setting name to a number (at its central value), plus the word `base` and a `context` mapping
/// of figures the model does not read. The settings are declared once, in society_settings();
/// see docs/models/society.md for the names and how people are scaled to agents. The society
/// model sits below the scenario loader: reading a scenario into a SocietyScenario is
/// scenario/society_section.hpp's.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "statecraft/error.hpp"
#include "statecraft/setting_spec.hpp"
#include "statecraft/society/model.hpp"

namespace statecraft::society {

/// One society setting as read from the file.
struct Setting {
  double value = 0.0;
  std::vector<std::string> sources;  ///< source ids cited (may be empty)
  int line = 0;                      ///< 1-based line in the file
  int column = 0;                    ///< 1-based column in the file
};

/// The society part of a scenario.
struct SocietyScenario {
  std::string file;                            ///< path as given
  std::string sha256;                          ///< of the file's bytes
  std::map<std::string, std::string> meta;     ///< scalar meta fields
  std::map<std::string, std::string> sources;  ///< source id -> title
  std::map<std::string, Setting> settings;     ///< the `society` section (model settings)
  std::map<std::string, double> context;       ///< `society.context`: figures the model does not read
  std::string base = "netlogo";                ///< `society.base`: mesa or netlogo
};

/// The settings `society` may hold: name, type, range, default and doc of each.
const std::vector<SettingSpec>& society_settings();

/// A value of the configuration that breaks a rule involving `setting` (e.g. a legitimacy shock
/// larger than L): a UsageError for the command line; the loader turns it into a Diagnostic
/// located at the setting (scenario::check_society).
class SettingProblem : public UsageError {
 public:
  SettingProblem(std::string setting, std::string found, std::string expected);
  [[nodiscard]] const std::string& setting() const { return setting_; }
  [[nodiscard]] const std::string& found() const { return found_; }
  [[nodiscard]] const std::string& expected() const { return expected_; }

 private:
  std::string setting_, found_, expected_;
};

/// Days to simulate: `society.steps` or its default.
int scenario_steps(const SocietyScenario& scenario);

/// Overrides settings by name (e.g. the counterfactual `kremlin_reserve=0`).
/// @throws UsageError for an unknown name or a value outside the setting's range.
void override_setting(SocietyScenario& scenario, const std::string& name, double value);

/// What the scaling from people to agents gives.
struct Scaling {
  double population = 0.0;        ///< people represented
  std::int64_t agents = 0;        ///< citizens simulated (approximate before setup)
  double people_per_agent = 1.0;  ///< population / agents
};

/// Builds the model configuration: `agents` (> 0) overrides the file's `agents` setting; the
/// grid side follows from the agent count and densities (at least 2 vision + 1 cells). Whole
/// settings drawn from a distribution are rounded. @throws SettingProblem for inconsistent values.
Config make_config(const SocietyScenario& scenario, std::int64_t agents, Scaling* scaling = nullptr);

}  // namespace statecraft::society
