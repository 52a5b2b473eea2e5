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
// interact; every pair that may interact keeps its order of the permutation.
//
// The rounds do not run one after the other over the whole torus (a round's agents are spread
// over all of it, so every turn would miss the cache) but as a split tiling (split_tiling.hpp):
// blocks of up to 32 rounds, in vertical bands run in parallel, each band's and each boundary's
// share swept down the rows so that the rows a thread works on are visited by every round of the
// block while in cache. Each agent falls into a bucket (block, phase, region, step of the sweep);
// a counting sort lists the agents by bucket (by number within one), and each region runs its
// list in order, fetching the records of the turns a few ahead.

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/partitioner.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <utility>
#include <vector>

#include "agent_engine.hpp"
#include "core/parallel.hpp"
#include "internal.hpp"
#include "split_tiling.hpp"

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

constexpr std::size_t kSerialBelow = 64;  // a phase this small runs on the calling thread
constexpr int kBands = 4;                 // bands at least, when the torus allows blocks of rounds
constexpr int kMaxBlock = 32;             // rounds a block at most (the sweep's rows must stay in cache)
constexpr std::size_t kFetchAhead = 8;
constexpr std::size_t kMoreBuckets = std::size_t{1}
                                     << 20;  // buckets beyond one per agent, at most
                                             // rounds a block at most (the sweep's rows must stay in cache)

/// Calls f(i) for every i in [0, n), in parallel.
template <class F>
void parallel_each(std::size_t n, const F& f) {
  parallel::for_range(tbb::blocked_range<std::size_t>(0, n), [&](const tbb::blocked_range<std::size_t>& rg) {
    for (std::size_t i = rg.begin(); i < rg.end(); ++i) f(i);
  });
}

/// A counting sort of the agents present (kind != gone) by bucket into `out`; returns each
/// bucket's first index, then the number of agents. The agents of a bucket stay in ascending number.
std::vector<std::size_t> sort_by_bucket(const std::vector<std::uint8_t>& kind, std::uint8_t gone,
                                        const std::vector<std::uint32_t>& bucket, std::size_t buckets,
                                        std::vector<std::uint32_t>& out) {
  std::vector<std::size_t> start(buckets + 1, 0);
  for (std::uint32_t a = 0; a < kind.size(); ++a)
    if (kind[a] != gone) ++start[bucket[a] + 1];
  for (std::size_t i = 0; i < buckets; ++i) start[i + 1] += start[i];
  std::vector<std::size_t> fill(start.begin(), start.end() - 1);
  for (std::uint32_t a = 0; a < kind.size(); ++a)
    if (kind[a] != gone) out[fill[bucket[a]]++] = a;
  return start;
}

/// The greatest distance along y, in bins of `side`, at which two agents may interact.
int reach_in_bins(int side, int reach, Vision vision) {
  int k = 0;
  for (const auto& offset : neighbour_bins(side, 2 * reach, vision)) k = std::max(k, std::abs(offset.second));
  return k;
}

/// The split tiling and each cell column's and row's place in it: columns in bins of `side`, the
/// sweep's rows in bins of `side` times 1, 2, 4... rows, the first that makes at most `most`
/// buckets (a tall torus would make many: every row of the sweep is a bucket of every region).
struct Plan {
  SplitTiling tiling;
  std::vector<std::uint32_t> col_of, row_of;
};
Plan plan(int width, int height, int side, int reach, Vision vision, std::uint32_t rounds, std::size_t most) {
  int nx = 1;
  auto col_of = bins_along(width, side, nx);
  for (int g = 1;; g *= 2) {
    int ny = 1;
    auto row_of = bins_along(height, side * g, ny);
    SplitTiling t(nx, ny, reach_in_bins(side, reach, vision), reach_in_bins(side * g, reach, vision), kBands,
                  kMaxBlock);
    if (ny == 1 || t.first_bucket(t.blocks(rounds), 0, 0) <= most) return {t, std::move(col_of), std::move(row_of)};
  }
}

/// Runs the sorted agents block by block: in each phase the regions in parallel, each region's
/// buckets in order; `run(b, e)` runs the agents listed in [b, e) one after the other.
template <class Run>
void run_tiles(const SplitTiling& t, std::size_t blocks, const std::vector<std::size_t>& start, const Run& run) {
  auto region = [&](std::size_t blk, int phase, int r) {  // a region's buckets lie one after the other
    const std::size_t first = t.first_bucket(blk, phase, r);
    run(start[first], start[first + t.steps()]);
  };
  for (std::size_t blk = 0; blk < blocks; ++blk)
    for (int phase = 0; phase < 2; ++phase) {
      const std::size_t b = start[t.first_bucket(blk, phase, 0)], e = start[t.first_bucket(blk, phase + 1, 0)];
      if (e - b < kSerialBelow) {
        for (int r = 0; r < t.bands() && b < e; ++r) region(blk, phase, r);
        continue;
      }
      parallel::for_range(
          tbb::blocked_range<int>(0, t.bands(), 1),
          [&](const tbb::blocked_range<int>& rg) {
            for (int r = rg.begin(); r < rg.end(); ++r) region(blk, phase, r);
          },
          tbb::simple_partitioner());
    }
}

/// Bins on a torus with a halo of `k` bins copied from the far side, so that a bin's neighbours
/// are fixed offsets in the array; a write goes to the bin and its copies. A bin is named by its
/// place in the padded array.
class PaddedBins {
 public:
  PaddedBins(int nx, int ny, int k)
      : pw_(nx + 2 * k),
        cells_(static_cast<std::size_t>(pw_) * static_cast<std::size_t>(ny + 2 * k), 0),
        copied_(cells_.size(), 0),
        xs_(aliases(nx, k)),
        ys_(aliases(ny, k)),
        k_(k) {
    for (int by = 0; by < ny; ++by)
      for (int bx = 0; bx < nx; ++bx)
        copied_[place(bx, by)] =
            xs_[static_cast<std::size_t>(bx)].size() > 1 || ys_[static_cast<std::size_t>(by)].size() > 1;
  }
  [[nodiscard]] std::ptrdiff_t offset(int dx, int dy) const { return static_cast<std::ptrdiff_t>(dy) * pw_ + dx; }
  [[nodiscard]] std::uint32_t place(int bx, int by) const {
    return static_cast<std::uint32_t>(index(bx + k_, by + k_));
  }
  /// The largest value among the bins at these offsets from the bin at `at`.
  [[nodiscard]] std::uint32_t largest_near(std::uint32_t at, const std::vector<std::ptrdiff_t>& offsets) const {
    const std::uint32_t* here = &cells_[at];
    std::uint32_t v = 0;
    for (const std::ptrdiff_t d : offsets) v = std::max(v, here[d]);
    return v;
  }
  void set(std::uint32_t at, std::uint32_t v) {
    if (!copied_[at]) {
      cells_[at] = v;
      return;
    }
    const auto pw = static_cast<std::uint32_t>(pw_);
    const int bx = static_cast<int>(at % pw) - k_, by = static_cast<int>(at / pw) - k_;
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
  std::vector<std::uint8_t> copied_;  // per place: 1 if the bin has copies in the halo
  std::vector<std::vector<int>> xs_, ys_;
  int k_;
};

}  // namespace

std::uint32_t AgentEngine::conflict_free_rounds() {
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
  // Each agent's bin first (in parallel, in the order of the agents), then the rounds in the
  // order of the permutation, the bins of the agents some turns ahead fetched in advance.
  level_.resize(kind_.size());
  parallel_each(kind_.size(), [&](std::size_t a) {
    if (kind_[a] == kGone) return;
    const auto [x, y] = xy(pos_[a]);
    level_[a] = latest.place(static_cast<int>(bx_of[static_cast<std::size_t>(x)]),
                             static_cast<int>(by_of[static_cast<std::size_t>(y)]));
  });
  constexpr std::size_t kAhead = 16;
  std::uint32_t rounds = 0;
  for (std::size_t i = 0; i < order_.size(); ++i) {
    if (i + kAhead < order_.size()) __builtin_prefetch(&level_[order_[i + kAhead]], 1);
    const std::uint32_t a = order_[i], at = level_[a];
    const std::uint32_t r = latest.largest_near(at, deltas);
    latest.set(at, r + 1);
    level_[a] = r;
    rounds = std::max(rounds, r + 1);
  }
  return rounds;
}

void AgentEngine::step_conflict_free(Counters& c) {
  const auto draw = static_cast<std::uint64_t>(step_) + 1;
  AgentStream rng(cfg_.seed, draw, 0);
  order_.clear();
  for (std::uint32_t a = 0; a < kind_.size(); ++a)
    if (kind_[a] != kGone) order_.push_back(a);
  for (std::size_t i = order_.size(); i > 1; --i)
    std::swap(order_[i - 1], order_[below32(rng, static_cast<std::uint32_t>(i))]);
  const std::uint64_t key = AgentStream(cfg_.seed, draw, 0xC0F1F7EEu).next_u64();
  tbb::enumerable_thread_specific<Counters> local;
  auto fetch = [this](std::uint32_t a) {  // the records a turn reads first, some turns ahead
    __builtin_prefetch(&kind_[a]);
    __builtin_prefetch(&jail_[a]);
    __builtin_prefetch(&active_[a]);
    __builtin_prefetch(&hardship_[a]);
    __builtin_prefetch(&risk_[a]);
    __builtin_prefetch(&pos_[a]);
    __builtin_prefetch(&next_[a]);
  };
  auto run = [&](std::size_t b, std::size_t e) {
    Counters& mine = local.local();
    for (std::size_t i = b; i < e; ++i) {
      if (i + kFetchAhead < e) fetch(order_[i + kFetchAhead]);
      if (i + kFetchAhead / 2 < e) __builtin_prefetch(&head_[pos_[order_[i + kFetchAhead / 2]]]);
      AgentStream r = AgentStream::keyed(key, order_[i]);
      act(order_[i], r, mine);
    }
  };
  if (cfg_.engine.serial_schedule) {
    run(0, order_.size());
  } else {
    const std::uint32_t rounds = conflict_free_rounds();
    const Plan p =
        plan(cfg_.width, cfg_.height, std::max(1, reach()), reach(), cfg_.vision, rounds, order_.size() + kMoreBuckets);
    parallel_each(kind_.size(), [&](std::size_t a) {
      if (kind_[a] == kGone) return;
      const auto [x, y] = xy(pos_[a]);
      level_[a] =
          static_cast<std::uint32_t>(p.tiling.bucket(level_[a], static_cast<int>(p.col_of[static_cast<std::size_t>(x)]),
                                                     static_cast<int>(p.row_of[static_cast<std::size_t>(y)])));
    });
    const std::size_t blocks = p.tiling.blocks(rounds);
    const auto start = sort_by_bucket(kind_, kGone, level_, p.tiling.first_bucket(blocks, 0, 0), order_);
    run_tiles(p.tiling, blocks, start, run);
  }
  if (cfg_.semantics == Semantics::kNetLogo) release_netlogo();
  for (const auto& counts : local) c.add(counts);
}

}  // namespace statecraft::society
