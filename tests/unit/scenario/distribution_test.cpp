#include "statecraft/scenario/distribution.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "statecraft/error.hpp"

using statecraft::RandomStream;
using statecraft::UsageError;
using statecraft::scenario::Distribution;

namespace {

// Sample moments of n draws compared with the exact ones, within 5 standard errors.
void expect_moments(const Distribution& d, const char* what, int n = 200000) {
  RandomStream rng(11, 0, 100);
  double s = 0, s2 = 0;
  for (int i = 0; i < n; ++i) {
    const double x = d.sample(rng);
    ASSERT_GE(x, d.support_min()) << what << ": draw below the support";
    ASSERT_LE(x, d.support_max()) << what << ": draw above the support";
    s += x;
    s2 += x * x;
  }
  const double mean = s / n;
  const double var = s2 / n - mean * mean;
  const double se_mean = std::sqrt(d.variance() / n);
  EXPECT_NEAR(mean, d.mean(), 5 * se_mean + 1e-12) << what << ": sample mean vs exact mean";
  EXPECT_NEAR(var, d.variance(), 0.03 * d.variance() + 1e-12) << what << ": sample variance vs exact variance";
}

}  // namespace

TEST(Distribution, UniformMoments) { expect_moments(Distribution::uniform(2, 5), "uniform(2,5)"); }
TEST(Distribution, TriangularMoments) {
  expect_moments(Distribution::triangular(0, 0.3, 1), "triangular(0,0.3,1)");
  expect_moments(Distribution::triangular(10, 10, 20), "triangular with mode at min");
}
TEST(Distribution, NormalMoments) { expect_moments(Distribution::normal(3, 2, -INFINITY, INFINITY), "normal(3,2)"); }
TEST(Distribution, TruncatedNormalMoments) {
  expect_moments(Distribution::normal(0, 1, 0, INFINITY), "half-normal");
  expect_moments(Distribution::normal(70, 10, 0, 100), "normal(70,10) on [0,100]");
  // A window in the far tail (mass 3e-5) uses the inverse-CDF path.
  expect_moments(Distribution::normal(0, 1, 4, 5), "normal tail window [4,5]", 50000);
}
TEST(Distribution, BetaMoments) {
  expect_moments(Distribution::beta(2, 6), "beta(2,6)");
  expect_moments(Distribution::beta(0.5, 0.5), "beta(0.5,0.5)");
}
TEST(Distribution, LognormalMoments) { expect_moments(Distribution::lognormal(1, 0.3), "lognormal(1,0.3)"); }
TEST(Distribution, DiscreteMoments) {
  const auto d = Distribution::discrete({0, 1, 10}, {1, 2, 1});
  EXPECT_DOUBLE_EQ(d.mean(), 3.0);
  expect_moments(d, "discrete");
  EXPECT_EQ(Distribution::discrete({5, 7}, {0, 1}).support_min(), 7) << "zero-weight values are outside the support";
}

TEST(Distribution, ImpossibleParametersAreRejected) {
  EXPECT_THROW(Distribution::uniform(3, 1), UsageError) << "min > max";
  EXPECT_THROW(Distribution::uniform(1, 1), UsageError) << "min == max";
  EXPECT_THROW(Distribution::triangular(0, 2, 1), UsageError) << "mode above max";
  EXPECT_THROW(Distribution::normal(0, 0, -INFINITY, INFINITY), UsageError) << "sd == 0";
  EXPECT_THROW(Distribution::normal(0, 1, 50, 60), UsageError) << "truncation window without mass";
  EXPECT_THROW(Distribution::beta(0, 1), UsageError) << "alpha == 0";
  EXPECT_THROW(Distribution::lognormal(0, -1), UsageError) << "sigma < 0";
  EXPECT_THROW(Distribution::discrete({1, 2}, {1}), UsageError) << "length mismatch";
  EXPECT_THROW(Distribution::discrete({1, 2}, {1, -1}), UsageError) << "negative weight";
  EXPECT_THROW(Distribution::discrete({1}, {0}), UsageError) << "zero total weight";
}
