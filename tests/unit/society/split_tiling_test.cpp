// The split tiling of the conflict-free order's rounds (src/society/split_tiling.hpp): for every
// pair of agents that may interact (bins at most the reach apart along both rings, rounds
// differing), the one of the lower round runs strictly before the other: in an earlier block or
// phase, or earlier in the same region (never in another region of the same phase, which runs
// at the same time, nor in the same bucket, whose agents run in any order).

#include "split_tiling.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <string>

using statecraft::society::SplitTiling;

namespace {

int ring_distance(int a, int b, int n) {
  const int d = std::abs(a - b) % n;
  return std::min(d, n - d);
}

/// Where a bucket runs: (block and phase, region, step in the region).
struct Place {
  std::size_t phase, region, step;
};

Place place(const SplitTiling& t, std::size_t bucket) {
  const std::size_t steps = t.steps(), bands = static_cast<std::size_t>(t.bands());
  return {bucket / (steps * bands), bucket / steps % bands, bucket % steps};
}

/// The first pair scheduled in the wrong order or at once, or "" if none.
std::string first_violation(int cols, int rows, int kx, int ky, int bands, int max_block) {
  const SplitTiling t(cols, rows, kx, ky, bands, max_block);
  const int rounds = 3 * t.block() + 1;
  for (int c1 = 0; c1 < cols; ++c1)
    for (int r1 = 0; r1 < rows; ++r1)
      for (int t1 = 0; t1 < rounds; ++t1) {
        const Place a = place(t, t.bucket(static_cast<std::uint32_t>(t1), c1, r1));
        for (int c2 = 0; c2 < cols; ++c2) {
          if (ring_distance(c1, c2, cols) > kx) continue;
          for (int r2 = 0; r2 < rows; ++r2) {
            if (ring_distance(r1, r2, rows) > ky) continue;
            for (int t2 = t1 + 1; t2 < rounds; ++t2) {
              const Place b = place(t, t.bucket(static_cast<std::uint32_t>(t2), c2, r2));
              const bool before = a.phase < b.phase || (a.phase == b.phase && a.region == b.region && a.step < b.step);
              if (!before)
                return "(" + std::to_string(c1) + "," + std::to_string(r1) + ") round " + std::to_string(t1) +
                       " does not run before (" + std::to_string(c2) + "," + std::to_string(r2) + ") round " +
                       std::to_string(t2);
            }
          }
        }
      }
  return "";
}

TEST(SocietySplitTiling, EveryPossibleDependencyRunsFirst) {
  // Rings long enough for several bands and blocks, bands of unequal widths, short rings (one
  // band, blocks of one round, rows fewer than the sweep's margins) and reaches of 1 to 3 bins.
  struct Case {
    int cols, rows, kx, ky;
  };
  for (const Case& c : {Case{40, 30, 2, 2}, Case{47, 23, 2, 2}, Case{45, 11, 1, 3}, Case{61, 9, 3, 1},
                        Case{9, 40, 2, 2}, Case{3, 2, 2, 2}, Case{24, 5, 2, 2}})
    for (const int bands : {1, 2, 4})
      for (const int max_block : {1, 2, 3, 16}) {
        const SplitTiling t(c.cols, c.rows, c.kx, c.ky, bands, max_block);
        EXPECT_EQ(first_violation(c.cols, c.rows, c.kx, c.ky, bands, max_block), "")
            << c.cols << "x" << c.rows << " reach " << c.kx << "," << c.ky << ", " << t.bands() << " bands, blocks of "
            << t.block() << " rounds";
      }
}

TEST(SocietySplitTiling, LargeTorusRunsBlocksOfRoundsOnSeveralBands) {
  // 9.2 m agents in Mesa semantics: 492 x 492 bins, interacting two bins apart; the parameters of
  // src/society/conflict_free.cpp (at least 4 bands, at most 32 rounds a block).
  const SplitTiling t(492, 492, 2, 2, 4, 32);
  EXPECT_EQ(t.block(), 31);
  EXPECT_EQ(t.bands(), 4) << "bands of (2 * 31 - 1) * 2 = 122 columns at least";
}

}  // namespace
