#pragma once
// Reads the `structural:` section (docs/scenario-format.md, "Structural choices").

#include <yaml-cpp/yaml.h>

#include "scenario/detail/yaml_reader.hpp"

namespace statecraft::scenario::detail {

/// Reads every structural choice into s.structural, with the location of each problem.
void read_structural(Reader& r, Scenario& s, const YAML::Node& list);

/// Warns about choices that no step uses (call after the timeline is read).
void warn_unused_structural(Scenario& s);

}  // namespace statecraft::scenario::detail
