// Inverse CDFs of the scenario distributions: a fine midpoint grid of quantiles has the exact
// mean and variance, and the quantiles rise with the share.

#include <gtest/gtest.h>

#include <cmath>

#include "statecraft/error.hpp"
#include "statecraft/scenario/distribution.hpp"

using statecraft::UsageError;
using statecraft::scenario::Distribution;

namespace {

void expect_grid_moments(const Distribution& d, const char* what, double tol = 2e-3) {
  constexpr int kM = 20000;
  double sum = 0, sum2 = 0, prev = -INFINITY;
  for (int i = 0; i < kM; ++i) {
    const double x = d.quantile((i + 0.5) / kM);
    ASSERT_GE(x, prev) << what;
    prev = x;
    sum += x;
    sum2 += x * x;
  }
  const double mean = sum / kM, var = sum2 / kM - mean * mean;
  const double sd = std::sqrt(d.variance());
  EXPECT_NEAR(mean, d.mean(), tol * (std::abs(d.mean()) + sd)) << what;
  EXPECT_NEAR(std::sqrt(var), sd, 10 * tol * sd) << what;
}

TEST(Quantile, MatchesTheMoments) {
  expect_grid_moments(Distribution::uniform(2, 5), "uniform");
  expect_grid_moments(Distribution::triangular(0, 0.3, 1), "triangular");
  expect_grid_moments(Distribution::normal(3, 2, -INFINITY, INFINITY), "normal");
  expect_grid_moments(Distribution::normal(0, 1, -0.5, 2), "truncated normal");
  expect_grid_moments(Distribution::normal(0, 1, 5, INFINITY), "far-tail normal");
  expect_grid_moments(Distribution::beta(2, 8), "beta(2, 8)");
  expect_grid_moments(Distribution::beta(1, 1000), "beta(1, 1000)");
  expect_grid_moments(Distribution::lognormal(0, 0.5), "lognormal", 5e-3);
  expect_grid_moments(Distribution::discrete({14, 18, 52}, {1, 2, 1}), "discrete");
}

TEST(Quantile, KnownValues) {
  EXPECT_DOUBLE_EQ(Distribution::uniform(0, 10).quantile(0.05), 0.5);
  EXPECT_NEAR(Distribution::normal(0, 1, -INFINITY, INFINITY).quantile(0.95), 1.6448536269514722, 1e-12);
  EXPECT_EQ(Distribution::discrete({1, 2}, {1, 1}).quantile(0.5), 1);  // the smallest value with CDF >= p
  EXPECT_EQ(Distribution::discrete({1, 2}, {1, 1}).quantile(0.51), 2);
  const auto tail = Distribution::normal(0, 1, 5, 6);
  EXPECT_GE(tail.quantile(1e-9), 5.0);
  EXPECT_LE(tail.quantile(1 - 1e-9), 6.0);
  EXPECT_LT(tail.quantile(0.5), 5.2);  // the mass sits at the window's lower edge
}

TEST(Quantile, ShareOutsideTheOpenUnitIntervalIsAUsageError) {
  EXPECT_THROW((void)Distribution::uniform(0, 1).quantile(0), UsageError);
  EXPECT_THROW((void)Distribution::uniform(0, 1).quantile(1), UsageError);
  EXPECT_THROW((void)Distribution::uniform(0, 1).quantile(std::nan("")), UsageError);
}

}  // namespace
