// The free-cell search of the cell-centric engine (src/society/probes.hpp): the diamond order
// lists every cell of a von Neumann vision once, and the draws are uniform over the free cells.

#include "probes.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <set>
#include <utility>
#include <vector>

using namespace statecraft::society;

namespace {

TEST(SocietyProbes, DiamondOrderListsEveryCellOfTheVisionOnce) {
  for (int r = 1; r <= 10; ++r) {
    ASSERT_TRUE(diamond_arithmetic_exact(r)) << "radius " << r << ": division by multiply-shift exact";
    std::set<std::pair<int, int>> seen;
    for (int i = 0; i < 2 * r * (r + 1); ++i) {
      const auto [dx, dy] = diamond_cell(r, i);
      EXPECT_LE(std::abs(dx) + std::abs(dy), r) << "radius " << r << ", cell " << i << " inside the diamond";
      EXPECT_FALSE(dx == 0 && dy == 0) << "radius " << r << ": the centre is not in view";
      seen.insert({dx, dy});
    }
    EXPECT_EQ(seen.size(), static_cast<std::size_t>(2 * r * (r + 1))) << "radius " << r << ": no cell twice";
  }
}

TEST(SocietyProbes, DrawsAreUniformOverTheFreeCells) {
  // One mover in the middle of a 32 x 32 bitmap, radius 3 (24 cells in view), 6 of them free; the
  // rounds (portable and, where available, AVX2) and the count-and-pick each give every free cell
  // about 1/6 of the hits (chi-squared, 5 degrees of freedom, 0.1% critical value 20.5).
  const int r = 3, words_per_row = 1;
  std::vector<std::uint64_t> bitmap(32 * words_per_row + 1, 0);
  const std::int64_t row_bits = 64 * words_per_row, here = 16 * row_bits + 16;
  std::vector<std::int32_t> bits;
  std::vector<std::uint8_t> numbers{0};  // numbers[i + 1] for cell i
  std::vector<std::uint8_t> number_at((2 * r + 1) * (2 * r + 1), 0);
  for (int i = 0; i < 2 * r * (r + 1); ++i) {
    const auto [dx, dy] = diamond_cell(r, i);
    bits.push_back(static_cast<std::int32_t>(dy * row_bits + dx));
    numbers.push_back(static_cast<std::uint8_t>(i + 1));
    number_at[static_cast<std::size_t>((dy + r) * (2 * r + 1) + dx + r)] = static_cast<std::uint8_t>(i + 1);
  }
  const std::vector<int> free_cells = {0, 5, 9, 13, 17, 23};
  for (int i : free_cells) {
    const std::int64_t b = here + bits[static_cast<std::size_t>(i)];
    bitmap[static_cast<std::size_t>(b >> 6)] |= std::uint64_t{1} << (b & 63);
  }
  ProbeTable t{bits.data(),
               numbers.data(),
               static_cast<std::uint32_t>(bits.size()),
               static_cast<std::uint32_t>((65536u - bits.size()) % bits.size()),
               r,
               static_cast<std::int32_t>(row_bits)};
  std::vector<std::pair<int, int>> spans;
  for (int dy = -r; dy <= r; ++dy) spans.emplace_back(dy, r - std::abs(dy));
  auto chi2 = [&](const std::vector<std::uint32_t>& draws) {
    std::vector<double> n(bits.size() + 1, 0.0);
    for (auto k : draws) n[k] += 1;
    double c = 0, hits = static_cast<double>(draws.size()) - n[0], e = hits / 6.0;
    for (int i : free_cells)
      c += (n[static_cast<std::size_t>(i + 1)] - e) * (n[static_cast<std::size_t>(i + 1)] - e) / e;
    for (std::size_t k = 1; k < n.size(); ++k) {
      bool is_free = false;
      for (int i : free_cells) is_free |= static_cast<std::size_t>(i + 1) == k;
      if (!is_free) {
        EXPECT_EQ(n[k], 0) << "an occupied cell (number " << k << ") drawn";
      }
    }
    return c;
  };
  const int movers = 60000;
  std::vector<int> xs(movers, 0);
  std::vector<std::uint32_t> portable;
  for (bool simd : {false, true})
    for (bool identity : {false, true}) {  // numbers here are index + 1: both ways to map them
      if (simd && !simd_usable()) continue;
      t.identity = identity;
      AgentStream rng(7, 1, 2);
      std::vector<std::uint32_t> out(movers);
      probe_rounds(t, bitmap.data(), here, xs.data(), movers, rng, out.data(), simd);
      EXPECT_LT(chi2(out), 20.5) << (simd ? "AVX2" : "portable") << " rounds: uniform over the free cells";
      if (portable.empty()) portable = out;
      EXPECT_EQ(out, portable) << (simd ? "AVX2" : "portable")
                               << (identity ? ", numbers by index" : ", numbers by table")
                               << ": the same draws as the portable rounds";
    }
  AgentStream rng(7, 1, 3);
  std::vector<std::uint32_t> picked;
  for (int i = 0; i < movers; ++i)
    picked.push_back(pick_free(bitmap.data(), here, row_bits, spans, number_at.data(), r, rng));
  EXPECT_LT(chi2(picked), 20.5) << "count-and-pick: uniform over the free cells";
  for (auto k : picked) ASSERT_NE(k, 0u) << "count-and-pick always finds a free cell when there is one";
}

}  // namespace
