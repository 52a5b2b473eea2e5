#pragma once
// The scenario's `variants:` section (named sets of parameter overrides) and the application of
// overrides (a variant, --set NAME=VALUE) to the YAML tree before its parameters are read.

#include <yaml-cpp/yaml.h>

#include "scenario/detail/yaml_reader.hpp"

namespace statecraft::scenario::detail {

/// Replaces parameters of `root` by the chosen variant's overrides and then the --set values.
/// @throws UsageError (no such variant or parameter, a VALUE that is not YAML), ScenarioError (a
/// VALUE that is not a number: located at "--set NAME").
void apply_overrides(Reader& r, const YAML::Node& root, const Overrides& overrides);

/// Reads and checks `variants:` into the scenario's variants: each a mapping with a `note` and
/// `parameters` overriding existing parameters with valid numbers.
void read_variants(Reader& r, const YAML::Node& variants, const YAML::Node& params);

}  // namespace statecraft::scenario::detail
