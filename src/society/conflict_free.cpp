// The conflict-free update order (docs/models/society.md, "Update orders"): the random-sequential
// order's law, run in parallel. Each step draws one random permutation of the agents, as the
// sequential order does, and every agent acts with its own random stream keyed by (seed, step,
// agent). Two agents whose footprints cannot overlap (everything a turn reads or writes lies
// within `reach()` of the agent's cell, and an agent's cell changes only in its own turn) give
// the same state whichever acts first; so any schedule in which every agent acts after the
// earlier agents of the permutation whose footprints may overlap its own yields the run the
// sequential execution of that permutation would have given, on any number of threads.
//
// The schedule: the torus is cut into bins of side >= 2 * reach + 1, so agents in bins that are
// not neighbours (8-neighbourhood, wrapping) are too far apart to interact. Since an agent's cell
// is the one it had at the step's start until its own turn, the whole step's schedule is known
// at the start: going through the permutation, an agent's round is one more than the latest
// round among the nine bins around it (the latest earlier agent of a bin has that bin's latest
// round, as the rounds of one bin increase), and it becomes its bin's latest. Two agents of one
// round are in bins that are not neighbours; every pair in neighbouring bins keeps its order of
// the permutation. The agents of a round run in parallel (serially below 64), listed by number,
// which follows the cells (agents are created cell by cell and move little) for locality.

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "internal.hpp"
#include "statecraft/society/model.hpp"

namespace statecraft::society {
namespace {

/// Bins along one axis of n cells: at least 2 * reach + 1 cells each (the last one takes the rest).
struct Axis {
  int bins = 1;
  std::vector<std::uint32_t> bin_of;  // per column (or row)
  std::vector<std::uint32_t> prev, next;  // the neighbouring bins, wrapping

  Axis(int n, int reach) : bins(std::max(1, n / (2 * reach + 1))), bin_of(static_cast<std::size_t>(n)) {
    const int side = n / bins;
    for (int i = 0; i < n; ++i) bin_of[static_cast<std::size_t>(i)] = static_cast<std::uint32_t>(std::min(i / side, bins - 1));
    for (int b = 0; b < bins; ++b) {
      prev.push_back(static_cast<std::uint32_t>((b + bins - 1) % bins));
      next.push_back(static_cast<std::uint32_t>((b + 1) % bins));
    }
  }
};

constexpr std::size_t kSerialBelow = 64;  // a round this small runs on the calling thread

}  // namespace

std::uint32_t Model::conflict_free_rounds() {
  const Axis ax(cfg_.width, reach()), ay(cfg_.height, reach());
  const auto nx = static_cast<std::uint32_t>(ax.bins);
  std::vector<std::uint32_t> latest(static_cast<std::size_t>(nx) * static_cast<std::size_t>(ay.bins), 0);
  level_.resize(kind_.size());
  std::uint32_t rounds = 0;
  for (const std::uint32_t a : order_) {
    const auto [x, y] = xy(pos_[a]);
    const std::uint32_t bx = ax.bin_of[static_cast<std::size_t>(x)], by = ay.bin_of[static_cast<std::size_t>(y)];
    const std::uint32_t rows[3] = {ay.prev[by] * nx, by * nx, ay.next[by] * nx};
    const std::uint32_t cols[3] = {ax.prev[bx], bx, ax.next[bx]};
    std::uint32_t r = 0;
    for (const std::uint32_t row : rows)
      for (const std::uint32_t col : cols) r = std::max(r, latest[row + col]);
    latest[by * nx + bx] = r + 1;
    level_[a] = r;
    rounds = std::max(rounds, r + 1);
  }
  return rounds;
}

void Model::step_conflict_free(Counters& total) {
  const auto draw = static_cast<std::uint64_t>(step_) + 1;
  AgentStream rng(cfg_.seed, draw, 0);
  order_.clear();
  for (std::uint32_t a = 0; a < kind_.size(); ++a)
    if (kind_[a] != kGone) order_.push_back(a);
  for (std::size_t i = order_.size(); i > 1; --i)
    std::swap(order_[i - 1], order_[below32(rng, static_cast<std::uint32_t>(i))]);
  const std::uint64_t key = AgentStream(cfg_.seed, draw, 0xC0F1F7EEu).next_u64();
  tbb::enumerable_thread_specific<Counters> local;
  auto act_one = [&](std::uint32_t a, Counters& c) {
    AgentStream r = AgentStream::keyed(key, a);
    act(a, r, c);
  };
  if (cfg_.engine.serial_schedule) {
    for (const std::uint32_t a : order_) act_one(a, local.local());
  } else {
    // Rounds listed by number: a counting sort of the agents by round.
    const std::uint32_t rounds = conflict_free_rounds();
    std::vector<std::size_t> start(static_cast<std::size_t>(rounds) + 1, 0);
    for (std::uint32_t a = 0; a < kind_.size(); ++a)
      if (kind_[a] != kGone) ++start[level_[a] + 1];
    for (std::uint32_t r = 0; r < rounds; ++r) start[r + 1] += start[r];
    std::vector<std::size_t> fill(start.begin(), start.end() - 1);
    for (std::uint32_t a = 0; a < kind_.size(); ++a)
      if (kind_[a] != kGone) order_[fill[level_[a]]++] = a;
    for (std::uint32_t r = 0; r < rounds; ++r) {
      const std::size_t b = start[r], e = start[r + 1];
      if (e - b < kSerialBelow) {
        for (std::size_t i = b; i < e; ++i) act_one(order_[i], local.local());
        continue;
      }
      tbb::parallel_for(tbb::blocked_range<std::size_t>(b, e), [&](const tbb::blocked_range<std::size_t>& rg) {
        Counters& c = local.local();
        for (std::size_t i = rg.begin(); i < rg.end(); ++i) act_one(order_[i], c);
      });
    }
  }
  if (cfg_.semantics == Semantics::kNetLogo) release_netlogo();
  for (const auto& c : local) total.add(c);
}

}  // namespace statecraft::society
