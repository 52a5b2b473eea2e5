#pragma once
// The forecast's side of a team of processes (statecraft/ensemble/team.hpp): which blocks a
// member computes, how the members agree on the draw whose error ends the run, and the sum of
// their costs.

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "statecraft/ensemble/team.hpp"
#include "statecraft/error.hpp"

namespace statecraft::ensemble {

/// Throws the error of the first failing draw, as one process would: alone (team == nullptr) the
/// one in `first`; in a team, the member that holds the least failing draw throws it and the
/// others wait for it to stop the job. Returns when no draw failed anywhere.
void settle_errors(Team* team, std::optional<std::pair<std::size_t, ScenarioError>>& first);

/// Sums the members' CPU seconds into rank 0's `cost` (the names are rank 0's). Every member
/// must hold the same number of entries; if not, rank 0 keeps its own.
void sum_costs(Team& team, std::vector<std::pair<std::string, double>>& cost);

}  // namespace statecraft::ensemble
