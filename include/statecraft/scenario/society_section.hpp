#pragma once
/// @file society_section.hpp
/// The `society` section of a loaded scenario as the society model's settings
/// (society::SocietyScenario, at the central values of its numbers). It lives on the scenario
/// side so that the society model stays below the scenario loader.

#include <string>
#include <vector>

#include "statecraft/error.hpp"
#include "statecraft/scenario/scenario.hpp"
#include "statecraft/society/society_config.hpp"

namespace statecraft::scenario {

/// The society part of a loaded scenario, at the central values of its numbers.
society::SocietyScenario society_from_scenario(const Scenario& s);

/// Reads `path` with the common loader, which checks the society section against
/// society::society_settings() and check_society(). A scenario without a society section gives
/// the defaults. @throws IoError when unreadable, ScenarioError listing every problem.
society::SocietyScenario load_society_scenario(const std::string& path);
/// Same from text (`name` is used in messages).
society::SocietyScenario parse_society_scenario(const std::string& text, const std::string& name);

/// Problems that involve more than one setting (e.g. a legitimacy shock larger than L, security
/// forces without a population), found by building the configuration from the central values;
/// located at the setting concerned. Called by the loader once the numbers are valid.
std::vector<Diagnostic> check_society(const Scenario& s);

}  // namespace statecraft::scenario
