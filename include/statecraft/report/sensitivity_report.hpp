#pragma once
/// @file sensitivity_report.hpp
/// Renders a sensitivity analysis for people (terminal text) and programs (JSON); both start
/// with the provenance.

#include <string>

#include "statecraft/sensitivity/scenario_sensitivity.hpp"

namespace statecraft::report {

/// Per question and key output, the groups with the largest total indices (total and first
/// order with 95% bootstrap intervals); then each question's tornado.
std::string sensitivity_text(const sensitivity::ScenarioSensitivity& r);

/// Every group's indices for every output, the groups' members and the tornadoes
/// (deterministic: the same result gives the same bytes).
std::string sensitivity_json(const sensitivity::ScenarioSensitivity& r);

}  // namespace statecraft::report
