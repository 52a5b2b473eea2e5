#pragma once
// Reading the `timeline:` and `events:` sections of a scenario (see timeline_reader.cpp).

#include <yaml-cpp/yaml.h>

#include "scenario/detail/yaml_reader.hpp"

namespace statecraft::scenario::detail {

/// Reads `timeline` (may be undefined) and `events` (may be undefined) into s.timeline,
/// recording every problem in `r`. Needs the parameters, actors, issues and games read first.
void read_timeline(Reader& r, Scenario& s, const YAML::Node& timeline, const YAML::Node& events);

}  // namespace statecraft::scenario::detail
