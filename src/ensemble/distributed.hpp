#pragma once
// The forecast's side of a team of processes (statecraft/ensemble/team.hpp, which also declares
// block_share and settle_errors): the sum of the members' costs.

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "statecraft/ensemble/team.hpp"
#include "statecraft/error.hpp"

namespace statecraft::ensemble {

/// Sums the members' CPU seconds into rank 0's `cost` (the names are rank 0's). Every member
/// must hold the same number of entries; if not, rank 0 keeps its own.
void sum_costs(Team& team, std::vector<std::pair<std::string, double>>& cost);

}  // namespace statecraft::ensemble
