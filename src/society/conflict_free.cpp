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
// not neighbours (8-neighbourhood, wrapping) are too far apart to interact. The permutation is
// cut into chunks, sized so that an agent has about one earlier agent of its chunk in the nine
// bins around it. Within a chunk, rounds: an agent is ready when no earlier pending agent of the
// chunk stands in those nine bins; the ready agents of a round run in parallel.

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "internal.hpp"
#include "statecraft/society/model.hpp"

namespace statecraft::society {
namespace {

/// Bins along one axis of n cells: at least 2 * reach + 1 cells each (the last one takes the rest).
struct Axis {
  int bins = 1;
  std::vector<std::uint32_t> bin_of;  // per column (or row)

  Axis(int n, int reach) : bins(std::max(1, n / (2 * reach + 1))), bin_of(static_cast<std::size_t>(n)) {
    const int side = n / bins;
    for (int i = 0; i < n; ++i) bin_of[static_cast<std::size_t>(i)] = static_cast<std::uint32_t>(std::min(i / side, bins - 1));
  }
  [[nodiscard]] std::uint32_t step(std::uint32_t b, int d) const {
    return static_cast<std::uint32_t>((static_cast<int>(b) + d + bins) % bins);
  }
};

constexpr std::size_t kSerialBelow = 64;  // a round this small runs on the calling thread

// Agents per chunk: about one earlier agent of the chunk in an agent's nine bins. For tests,
// STATECRAFT_CHUNK=N sets it (1: the permutation one agent after the other, the plain sequential
// execution every other schedule must reproduce).
std::size_t chunk_size(std::size_t n_bins) {
  if (const char* env = std::getenv("STATECRAFT_CHUNK")) {
    const long long n = std::atoll(env);
    if (n > 0) return static_cast<std::size_t>(n);
  }
  return std::max<std::size_t>(1, n_bins / 9);
}

}  // namespace

void Model::step_conflict_free(Counters& total) {
  const auto draw = static_cast<std::uint64_t>(step_) + 1;
  AgentStream rng(cfg_.seed, draw, 0);
  order_.clear();
  for (std::uint32_t a = 0; a < kind_.size(); ++a)
    if (kind_[a] != kGone) order_.push_back(a);
  for (std::size_t i = order_.size(); i > 1; --i)
    std::swap(order_[i - 1], order_[below32(rng, static_cast<std::uint32_t>(i))]);
  const std::uint64_t key = AgentStream(cfg_.seed, draw, 0xC0F1F7EEu).next_u64();

  const Axis ax(cfg_.width, reach()), ay(cfg_.height, reach());
  const auto n_bins = static_cast<std::size_t>(ax.bins) * static_cast<std::size_t>(ay.bins);
  std::vector<std::uint32_t> mark(n_bins, 0);  // round stamp of the last pending agent seen in a bin
  std::uint32_t stamp = 0;
  const std::size_t chunk = chunk_size(n_bins);
  tbb::enumerable_thread_specific<Counters> local;
  auto act_one = [&](std::uint32_t a, Counters& c) {
    AgentStream r = AgentStream::keyed(key, a);
    act(a, r, c);
  };
  std::vector<std::uint32_t> pending, ready, rest;
  for (std::size_t c0 = 0; c0 < order_.size(); c0 += chunk) {
    pending.assign(order_.begin() + static_cast<std::ptrdiff_t>(c0),
                   order_.begin() + static_cast<std::ptrdiff_t>(std::min(order_.size(), c0 + chunk)));
    while (!pending.empty()) {
      ++stamp;
      ready.clear();
      rest.clear();
      for (const std::uint32_t a : pending) {
        const auto [x, y] = xy(pos_[a]);
        const std::uint32_t bx = ax.bin_of[static_cast<std::size_t>(x)], by = ay.bin_of[static_cast<std::size_t>(y)];
        bool free = true;
        for (int dy = -1; dy <= 1 && free; ++dy)
          for (int dx = -1; dx <= 1 && free; ++dx)
            free = mark[ay.step(by, dy) * static_cast<std::uint32_t>(ax.bins) + ax.step(bx, dx)] != stamp;
        (free ? ready : rest).push_back(a);
        mark[by * static_cast<std::uint32_t>(ax.bins) + bx] = stamp;
      }
      if (ready.size() < kSerialBelow) {
        for (const std::uint32_t a : ready) act_one(a, local.local());
      } else {
        tbb::parallel_for(tbb::blocked_range<std::size_t>(0, ready.size()), [&](const tbb::blocked_range<std::size_t>& r) {
          Counters& c = local.local();
          for (std::size_t i = r.begin(); i < r.end(); ++i) act_one(ready[i], c);
        });
      }
      pending.swap(rest);
    }
  }
  if (cfg_.semantics == Semantics::kNetLogo) release_netlogo();
  for (const auto& c : local) total.add(c);
}

}  // namespace statecraft::society
