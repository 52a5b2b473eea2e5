#pragma once
/// @file scenario_issues.hpp
/// The issues of a scenario (format v1) as bargaining problems, for one draw of its numbers.

#include <vector>

#include "statecraft/bargaining/problem.hpp"
#include "statecraft/scenario/scenario.hpp"

namespace statecraft::bargaining {

/// One one-dimensional problem per scenario issue, with the capabilities, positions and
/// saliences of `values` (indexed by QuantityId). Scenario saliences (0-100) become [0, 1].
std::vector<BargainingProblem> scenario_problems(const scenario::Scenario& s, const std::vector<double>& values);

/// The problem of issue number `issue` alone (as scenario_problems(s, values)[issue]).
BargainingProblem scenario_problem(const scenario::Scenario& s, std::size_t issue, const std::vector<double>& values);

}  // namespace statecraft::bargaining
