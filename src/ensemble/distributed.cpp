// A forecast shared by a team of processes: the blocks each member computes, the agreement on
// the first failing draw and the sum of the members' costs.

#include "ensemble/distributed.hpp"

#include <limits>

namespace statecraft::ensemble {

BlockShare block_share(std::size_t blocks, int rank, int size) {
  const auto r = static_cast<std::size_t>(rank), n = static_cast<std::size_t>(size);
  return BlockShare{blocks * r / n, blocks * (r + 1) / n};
}

void settle_errors(Team* team, std::optional<std::pair<std::size_t, ScenarioError>>& first) {
  if (team == nullptr) {
    if (first) throw first->second;
    return;
  }
  constexpr std::uint64_t kNone = std::numeric_limits<std::uint64_t>::max();
  const std::uint64_t mine = first ? static_cast<std::uint64_t>(first->first) : kNone;
  const std::uint64_t least = team->min(mine);
  if (least == kNone) return;
  if (mine == least) throw first->second;
  team->await_abort();
}

void sum_costs(Team& team, std::vector<std::pair<std::string, double>>& cost) {
  // The lengths agree when the least length equals the greatest (~min(~n) is the max).
  const std::uint64_t n = cost.size();
  if (team.min(n) != ~team.min(~n)) return;
  std::vector<double> seconds;
  seconds.reserve(cost.size());
  for (const auto& [name, s] : cost) seconds.push_back(s);
  team.sum(seconds);
  for (std::size_t i = 0; i < cost.size(); ++i) cost[i].second = seconds[i];
}

}  // namespace statecraft::ensemble
