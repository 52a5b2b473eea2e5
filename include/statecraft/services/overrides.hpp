#pragma once
/// @file overrides.hpp
/// One-off parameter settings as the command line gives them (`--set NAME=VALUE`) and as a run
/// store and provenance keep them.

#include <string>
#include <utility>
#include <vector>

#include "statecraft/scenario/scenario.hpp"

namespace statecraft::services {

/// "NAME=VALUE" strings as (NAME, VALUE) pairs. @throws UsageError (no '=', empty NAME or VALUE).
std::vector<std::pair<std::string, std::string>> parse_sets(const std::vector<std::string>& sets);

/// "NAME=VALUE" strings of the one-off settings of `o`.
std::vector<std::string> set_strings(const scenario::Overrides& o);

}  // namespace statecraft::services
