#include "statecraft/bargaining/baselines.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "statecraft/error.hpp"

namespace bg = statecraft::bargaining;

// Bueno de Mesquita (1994) / Scholz, Calbert & Smith (2011): EU emissions example.
// NL, BE, LU, DE, FR, IT, UK, IE, DK, EL.
const std::vector<double> kCap = {.08, .08, .03, .16, .16, .16, .16, .05, .05, .08};
const std::vector<double> kPos = {4, 7, 4, 4, 10, 10, 10, 7, 4, 7};
const std::vector<double> kSal = {.8, .4, .2, .8, .6, .6, .9, .1, 1.0, .7};

TEST(Baselines, EuEmissionsWeightedMedianAndMean) {
  EXPECT_DOUBLE_EQ(bg::weighted_median(kCap, kPos, kSal), 7.0)
      << "published initial weighted median of the EU emissions case";
  EXPECT_NEAR(bg::compromise(kCap, kPos, kSal), 7.38996, 5e-6)
      << "published initial weighted mean of the EU emissions case";
  EXPECT_NEAR(bg::mean_position(kPos), 6.7, 1e-12);
}

TEST(Baselines, MedianTieTakesMidpoint) {
  const std::vector<double> c = {1, 1}, x = {0, 100}, s = {1, 1};
  EXPECT_DOUBLE_EQ(bg::weighted_median(c, x, s), 50.0) << "two equal actors split the difference";
  EXPECT_DOUBLE_EQ(bg::compromise(c, x, s), 50.0);
}

TEST(Baselines, SingleActorAndYesNoIssues) {
  const std::vector<double> one_c = {3}, one_x = {42}, one_s = {0.5};
  EXPECT_DOUBLE_EQ(bg::weighted_median(one_c, one_x, one_s), 42.0);
  const std::vector<double> c = {1, 2, 1}, x = {0, 100, 0}, s = {1, 1, 0.5};
  EXPECT_DOUBLE_EQ(bg::weighted_median(c, x, s), 100.0) << "weight 2 at 100 beats 1.5 at 0";
}

TEST(Baselines, DegenerateInputIsAnError) {
  const std::vector<double> c = {0, 0}, x = {10, 20}, s = {1, 1};
  EXPECT_THROW(bg::compromise(c, x, s), statecraft::UsageError) << "zero total weight";
  const std::vector<double> neg = {-1, 1};
  EXPECT_THROW(bg::weighted_median(neg, x, s), statecraft::UsageError) << "negative capability";
  const std::vector<double> empty;
  EXPECT_THROW(bg::mean_position(empty), statecraft::UsageError);
  const std::vector<double> short_s = {1};
  EXPECT_THROW(bg::compromise(c, x, short_s), statecraft::UsageError) << "length mismatch";
}
