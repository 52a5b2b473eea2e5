// Baselines: mean, compromise, weighted median, Nash bargaining; and degenerate input.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

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
