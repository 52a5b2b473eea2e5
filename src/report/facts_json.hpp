#pragma once
// The scenario's facts (parameters with sources, sources, games in words, society windows) as
// sections of the forecast's JSON.

#include <nlohmann/json.hpp>

#include "statecraft/ensemble/scenario_facts.hpp"

namespace statecraft::report::detail {

/// Adds "parameters", "sources", "games" and "society_windows" to `j` (each only when not empty).
void add_facts_json(nlohmann::ordered_json& j, const ensemble::ScenarioFacts& f);

}  // namespace statecraft::report::detail
