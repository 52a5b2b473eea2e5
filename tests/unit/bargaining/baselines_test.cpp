// Baselines: mean, compromise, weighted median, Nash bargaining; and degenerate input.
#include "statecraft/bargaining/baselines.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "statecraft/bargaining/models.hpp"
#include "statecraft/error.hpp"
#include "test_util.hpp"

using namespace statecraft;
using namespace statecraft::bargaining;
using statecraft::bargaining::testing::eu_emissions;
using statecraft::bargaining::testing::one_dim;

TEST(Baselines, EuEmissionsRegression) {
  const auto p = eu_emissions();
  EXPECT_DOUBLE_EQ(weighted_median_position(p, 0), 7.0) << "BDM (1994): initial weighted median 7.0";
  EXPECT_NEAR(compromise_position(p, 0), 7.38996, 5e-6) << "capability x salience weighted mean 7.38996";
  EXPECT_NEAR(mean_position(p, 0), 6.7, 1e-12) << "unweighted mean of the ten positions";
}

TEST(Baselines, NashBargaining) {
  // Two equal actors at 20 and 80 on [0, 100]: symmetric, so the solution is the midpoint.
  EXPECT_NEAR(nash_bargaining_position(one_dim({{1, 20, .5}, {1, 80, .5}}), 0), 50.0, 1e-6)
      << "symmetric two-actor problem";
  // A stronger actor pulls the solution towards itself.
  const double x = nash_bargaining_position(one_dim({{3, 20, .5}, {1, 80, .5}}), 0);
  EXPECT_LT(x, 50.0) << "weight 3 at 20 vs 1 at 80";
  EXPECT_GT(x, 20.0) << "stays inside the actors' range";
  // First-order condition: sum_i w_i * sign(x_i - x) / (D_i - |x - x_i|) = 0 at the optimum.
  const double g = 3.0 / (80.0 - (x - 20.0)) - 1.0 / (80.0 - (80.0 - x));
  EXPECT_NEAR(g, 0.0, 1e-7) << "stationarity of the weighted log objective at x=" << x;
  EXPECT_NEAR(nash_bargaining_position(one_dim({{1, 30, .4}}), 0), 30.0, 1e-6) << "one actor gets its position";
}

TEST(Baselines, YesNoIssue) {
  const auto p = one_dim({{2, 0, 1}, {1, 100, 1}, {2, 100, 1}});
  EXPECT_DOUBLE_EQ(weighted_median_position(p, 0), 100.0) << "weight 2 of 5 at 0 is not a majority";
  EXPECT_DOUBLE_EQ(compromise_position(p, 0), 60.0);
  const auto tie = one_dim({{2, 0, 1}, {2, 100, 1}});
  EXPECT_DOUBLE_EQ(weighted_median_position(tie, 0), 0.0) << "exact half: the smaller position";
}

TEST(Baselines, DegenerateInputIsAnError) {
  auto expect_error = [](const BargainingProblem& p, const std::string& needle) {
    try {
      (void)compromise_position(p, 0);
      ADD_FAILURE() << "no error for " << needle;
    } catch (const ScenarioError& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
  };
  expect_error(one_dim({{0, 10, .5}, {0, 20, .5}}), "positive total capability");
  expect_error(one_dim({{1, std::nan(""), .5}}), "actors[0].position[0]: found NaN");
  expect_error(one_dim({{1, 10, -.5}}), "actors[0].salience[0]: found -0.5, expected a number in [0, 1]");
  expect_error(one_dim({{1, 10, 0}, {2, 20, 0}}), "at least one actor with positive capability and salience");
  expect_error(one_dim({{-1, 10, .5}}), "actors[0].capability");
  expect_error(one_dim({{1, 101, .5}}), "expected a number in [0, 100]");
  expect_error(one_dim({{std::numeric_limits<double>::infinity(), 10, .5}}), "found inf");
  BargainingProblem empty;
  empty.dimensions = {"x"};
  expect_error(empty, "at least one actor");
}

namespace bg = statecraft::bargaining;

// Bueno de Mesquita (1994) / Scholz, Calbert & Smith (2011): EU emissions example.
// NL, BE, LU, DE, FR, IT, UK, IE, DK, EL.
const std::vector<double> kSpanCap = {.08, .08, .03, .16, .16, .16, .16, .05, .05, .08};
const std::vector<double> kSpanPos = {4, 7, 4, 4, 10, 10, 10, 7, 4, 7};
const std::vector<double> kSpanSal = {.8, .4, .2, .8, .6, .6, .9, .1, 1.0, .7};

TEST(SpanBaselines, EuEmissionsWeightedMedianAndMean) {
  EXPECT_DOUBLE_EQ(bg::weighted_median(kSpanCap, kSpanPos, kSpanSal), 7.0)
      << "published initial weighted median of the EU emissions case";
  EXPECT_NEAR(bg::compromise(kSpanCap, kSpanPos, kSpanSal), 7.38996, 5e-6)
      << "published initial weighted mean of the EU emissions case";
  EXPECT_NEAR(bg::mean_position(kSpanPos), 6.7, 1e-12);
}

TEST(SpanBaselines, MedianTieTakesTheSmallerPosition) {
  const std::vector<double> c = {1, 1}, x = {0, 100}, s = {1, 1};
  EXPECT_DOUBLE_EQ(bg::weighted_median(c, x, s), 0.0) << "exact half: the smaller weak Condorcet winner";
  EXPECT_DOUBLE_EQ(bg::compromise(c, x, s), 50.0);
}

TEST(SpanBaselines, SingleActorAndYesNoIssues) {
  const std::vector<double> one_c = {3}, one_x = {42}, one_s = {0.5};
  EXPECT_DOUBLE_EQ(bg::weighted_median(one_c, one_x, one_s), 42.0);
  const std::vector<double> c = {1, 2, 1}, x = {0, 100, 0}, s = {1, 1, 0.5};
  EXPECT_DOUBLE_EQ(bg::weighted_median(c, x, s), 100.0) << "weight 2 at 100 beats 1.5 at 0";
}

TEST(SpanBaselines, DegenerateInputIsAnError) {
  const std::vector<double> c = {0, 0}, x = {10, 20}, s = {1, 1};
  EXPECT_THROW(bg::compromise(c, x, s), statecraft::UsageError) << "zero total weight";
  const std::vector<double> neg = {-1, 1};
  EXPECT_THROW(bg::weighted_median(neg, x, s), statecraft::UsageError) << "negative capability";
  const std::vector<double> empty;
  EXPECT_THROW(bg::mean_position(empty), statecraft::UsageError);
  const std::vector<double> short_s = {1};
  EXPECT_THROW(bg::compromise(c, x, short_s), statecraft::UsageError) << "length mismatch";
}

TEST(Baselines, CapabilitiesTooLargeToComputeAreRejected) {
  // Before: compromise returned inf for capabilities of 1e308.
  auto p = one_dim({{1e308, 20, .5}, {1e308, 80, .5}});
  EXPECT_THROW((void)compromise_position(p, 0), ScenarioError);
  try {
    validate(p);
    FAIL() << "a total capability of 2e308 accepted";
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("actors[*].capability"), std::string::npos) << e.what();
  }
  // Large but computable capabilities give finite forecasts.
  p = one_dim({{1e299, 20, .5}, {1e299, 80, .5}});
  for (ModelKind m : all_models()) {
    const Forecast f = forecast(p, m);
    EXPECT_TRUE(std::isfinite(f.outcome[0])) << model_name(m);
  }
  EXPECT_NEAR(compromise_position(p, 0), 50.0, 1e-9);
}
