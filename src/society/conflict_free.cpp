// The conflict-free update order (docs/models/society.md, "Update orders"): the random-sequential
// order's law, run in parallel. Each step draws one random permutation of the agents, as the
// sequential order does, and every agent acts with its own random stream keyed by (seed, step,
// agent). Two agents whose footprints cannot overlap (everything a turn reads or writes lies
// within `reach()` of the agent's cell, and an agent's cell changes only in its own turn) give
// the same state whichever acts first; so any schedule in which every agent acts after the
// earlier agents of the permutation whose footprints may overlap its own yields the run the
// sequential execution of that permutation would have given, on any number of threads.
//
// The schedule: the torus is cut into bins of side `reach`; two agents interact only if their
// bins may hold cells within twice the reach in the vision's metric (for von Neumann vision, a
// diamond of 21 bins around a bin). Since an agent's cell is the one it had at the step's start
// until its own turn, the whole step's schedule is known at the start: going through the
// permutation, an agent's round is one more than the latest round among the bins around it (the
// latest earlier agent of a bin has that bin's latest round, as the rounds of one bin increase),
// and it becomes its bin's latest. Two agents of one round are in bins too far apart to
// interact; every pair that may interact keeps its order of the permutation. The agents of a
// round run in parallel (serially below 64), listed by number, which roughly follows the cells
// (agents are created cell by cell and move a few cells a step).

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <utility>
#include <vector>

#include "core/parallel.hpp"
#include "internal.hpp"
#include "statecraft/society/model.hpp"

namespace statecraft::society {
namespace {

/// Bins of `side` cells along one axis of n cells (the last one takes the rest).
std::vector<std::uint32_t> bins_along(int n, int side, int& bins) {
  bins = std::max(1, n / side);
  std::vector<std::uint32_t> bin_of(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i)
    bin_of[static_cast<std::size_t>(i)] = static_cast<std::uint32_t>(std::min(i / side, bins - 1));
  return bin_of;
}

/// The offsets (dx, dy), in bins of `side` cells, of the bins that may hold a cell within `d`
/// of a cell of bin (0, 0) in the vision's metric: the nearest cells of bins i apart along an
/// axis are (|i| - 1) * side + 1 apart (every bin has at least `side` cells).
std::vector<std::pair<int, int>> neighbour_bins(int side, int d, Vision metric) {
  const int k = (d + side - 1) / side + 1;
  auto gap = [side](int i) { return i == 0 ? 0 : (std::abs(i) - 1) * side + 1; };
  std::vector<std::pair<int, int>> out;
  for (int j = -k; j <= k; ++j)
    for (int i = -k; i <= k; ++i) {
      const int gx = gap(i), gy = gap(j);
      if (metric == Vision::kVonNeumann ? gx + gy <= d : gx * gx + gy * gy <= d * d) out.emplace_back(i, j);
    }
  return out;
}

constexpr std::size_t kSerialBelow = 64;  // a round this small runs on the calling thread

/// Bins on a torus with a halo of `k` bins copied from the far side, so that a bin's neighbours
/// are fixed offsets in the array; a write goes to the bin and its copies.
class PaddedBins {
 public:
  PaddedBins(int nx, int ny, int k)
      : pw_(nx + 2 * k),
        cells_(static_cast<std::size_t>(pw_) * static_cast<std::size_t>(ny + 2 * k), 0),
        xs_(aliases(nx, k)),
        ys_(aliases(ny, k)),
        k_(k) {}
  [[nodiscard]] std::ptrdiff_t offset(int dx, int dy) const { return static_cast<std::ptrdiff_t>(dy) * pw_ + dx; }
  [[nodiscard]] const std::uint32_t* at(int bx, int by) const { return &cells_[index(bx + k_, by + k_)]; }
  void set(int bx, int by, std::uint32_t v) {
    for (const int py : ys_[static_cast<std::size_t>(by)])
      for (const int px : xs_[static_cast<std::size_t>(bx)]) cells_[index(px, py)] = v;
  }

 private:
  // Per bin along an axis, its columns (rows) in the padded array.
  static std::vector<std::vector<int>> aliases(int n, int k) {
    std::vector<std::vector<int>> out(static_cast<std::size_t>(n));
    for (int p = 0; p < n + 2 * k; ++p) out[static_cast<std::size_t>(((p - k) % n + n) % n)].push_back(p);
    return out;
  }
  [[nodiscard]] std::size_t index(int px, int py) const {
    return static_cast<std::size_t>(py) * static_cast<std::size_t>(pw_) + static_cast<std::size_t>(px);
  }
  int pw_;
  std::vector<std::uint32_t> cells_;
  std::vector<std::vector<int>> xs_, ys_;
  int k_;
};

}  // namespace

std::uint32_t Model::conflict_free_rounds() {
  // Bins of side `reach`, neighbours within twice the reach in the vision's metric (a diamond of
  // 21 bins for von Neumann vision): fewer false dependencies, so fewer rounds, than bins of side
  // 2 * reach + 1 and their 8-neighbourhood.
  const int side = std::max(1, reach());
  int nx = 1, ny = 1;
  const auto bx_of = bins_along(cfg_.width, side, nx), by_of = bins_along(cfg_.height, side, ny);
  const auto near = neighbour_bins(side, 2 * reach(), cfg_.vision);
  int k = 0;
  std::vector<std::ptrdiff_t> deltas;
  deltas.reserve(near.size());
  for (const auto& [dx, dy] : near) k = std::max({k, std::abs(dx), std::abs(dy)});
  PaddedBins latest(nx, ny, k);  // per bin, 1 + the round of its latest agent so far
  for (const auto& [dx, dy] : near) deltas.push_back(latest.offset(dx, dy));
  level_.resize(kind_.size());
  std::uint32_t rounds = 0;
  for (const std::uint32_t a : order_) {
    const auto [x, y] = xy(pos_[a]);
    const int bx = static_cast<int>(bx_of[static_cast<std::size_t>(x)]),
              by = static_cast<int>(by_of[static_cast<std::size_t>(y)]);
    const std::uint32_t* here = latest.at(bx, by);
    std::uint32_t r = 0;
    for (const std::ptrdiff_t d : deltas) r = std::max(r, here[d]);
    latest.set(bx, by, r + 1);
    level_[a] = r;
    rounds = std::max(rounds, r + 1);
  }
  return rounds;
}

void Model::step_conflict_free(Counters& c) {
  const auto draw = static_cast<std::uint64_t>(step_) + 1;
  AgentStream rng(cfg_.seed, draw, 0);
  order_.clear();
  for (std::uint32_t a = 0; a < kind_.size(); ++a)
    if (kind_[a] != kGone) order_.push_back(a);
  for (std::size_t i = order_.size(); i > 1; --i)
    std::swap(order_[i - 1], order_[below32(rng, static_cast<std::uint32_t>(i))]);
  const std::uint64_t key = AgentStream(cfg_.seed, draw, 0xC0F1F7EEu).next_u64();
  tbb::enumerable_thread_specific<Counters> local;
  auto act_one = [&](std::uint32_t a, Counters& into) {
    AgentStream r = AgentStream::keyed(key, a);
    act(a, r, into);
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
      parallel::for_range(tbb::blocked_range<std::size_t>(b, e), [&](const tbb::blocked_range<std::size_t>& rg) {
        Counters& mine = local.local();
        for (std::size_t i = rg.begin(); i < rg.end(); ++i) act_one(order_[i], mine);
      });
    }
  }
  if (cfg_.semantics == Semantics::kNetLogo) release_netlogo();
  for (const auto& counts : local) c.add(counts);
}

}  // namespace statecraft::society
