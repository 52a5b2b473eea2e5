// Newcombe's intervals for a difference of proportions, against published values.

#include "statecraft/ensemble/difference.hpp"

#include <gtest/gtest.h>

using namespace statecraft::ensemble;

namespace {
std::vector<signed char> column(std::initializer_list<std::pair<int, int>> counts) {
  std::vector<signed char> v;
  for (const auto& [value, n] : counts) v.insert(v.end(), static_cast<std::size_t>(n), static_cast<signed char>(value));
  return v;
}
}  // namespace

TEST(Difference, PairedFollowsNewcombesMethod10) {
  // Pairs: both yes 8, first only 5, second only 4, neither 9 (n = 26). first - second = 1/26;
  // phi = (8*9 - 5*4) / sqrt(13*13*12*14) = 0.3086; by the method's formulas (computed by hand
  // from the Wilson intervals 13/26 and 12/26) the interval is -0.1752 to 0.2463.
  const auto first = column({{1, 8}, {1, 5}, {0, 4}, {0, 9}});
  const auto second = column({{1, 8}, {0, 5}, {1, 4}, {0, 9}});
  const auto d = paired_difference(second, first);  // first - second
  EXPECT_NEAR(d.estimate, 1.0 / 26, 1e-12);
  EXPECT_NEAR(d.low, -0.1752, 5e-4);
  EXPECT_NEAR(d.high, 0.2463, 5e-4);
  EXPECT_EQ(d.pairs, 26u);
  EXPECT_TRUE(d.paired);
  // positively correlated pairs give a narrower interval than independent samples would
  const auto u = unpaired_difference(12, 26, 13, 26);
  EXPECT_LT(d.high - d.low, u.high - u.low);
}

TEST(Difference, UnpairedMatchesNewcombesExample) {
  // Newcombe (1998a), table II, example (a): 56/70 against 48/80, method 10: 0.0524 to 0.3339.
  const auto d = unpaired_difference(48, 80, 56, 70);
  EXPECT_NEAR(d.estimate, 0.2, 1e-12);
  EXPECT_NEAR(d.low, 0.0524, 5e-4);
  EXPECT_NEAR(d.high, 0.3339, 5e-4);
}

TEST(Difference, DrawsAnsweredInOnlyOneRunAreLeftOut) {
  const std::vector<signed char> a{1, 0, -1, 1}, b{1, 1, 1, -1};
  const auto d = paired_difference(a, b);
  EXPECT_EQ(d.pairs, 2u);
  EXPECT_NEAR(d.estimate, 0.5, 1e-12);
  const auto none = paired_difference({-1}, {1});
  EXPECT_EQ(none.low, -1);
  EXPECT_EQ(none.high, 1);
}
