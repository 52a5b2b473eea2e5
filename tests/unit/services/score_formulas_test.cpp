// The scoring formulas of `statecraft score` on cases computed by hand (docs/validation.md).

#include <gtest/gtest.h>

#include <cmath>

#include "statecraft/services/score.hpp"

namespace {

using namespace statecraft::services;

TEST(ScoreFormulas, BrierOnAHandComputedCase) {
  // (0.8 - 1)^2 + (0.3 - 0)^2 + (0.5 - 1)^2 = 0.04 + 0.09 + 0.25 = 0.38, over 3
  EXPECT_NEAR(brier_score({0.8, 0.3, 0.5}, {true, false, true}), 0.38 / 3, 1e-15);
  EXPECT_DOUBLE_EQ(brier_score({0.5, 0.5}, {true, false}), 0.25) << "always 50% scores 0.25 whatever happens";
  EXPECT_DOUBLE_EQ(brier_score({1.0, 0.0}, {true, false}), 0.0);
  EXPECT_DOUBLE_EQ(brier_score({0.0}, {true}), 1.0);
}

TEST(ScoreFormulas, LogScoreOnAHandComputedCase) {
  const double want = (std::log(0.8) + std::log(0.7) + std::log(0.5)) / 3;  // -0.424320...
  EXPECT_NEAR(log_score({0.8, 0.3, 0.5}, {true, false, true}), want, 1e-15);
  EXPECT_NEAR(log_score({0.5, 0.5}, {true, false}), std::log(0.5), 1e-15);
}

TEST(ScoreFormulas, LogScoreClampsCertainMisses) {
  EXPECT_NEAR(log_score({0.0}, {true}), std::log(0.01), 1e-15) << "a certain miss costs ln(clamp), not -infinity";
  EXPECT_NEAR(log_score({1.0}, {true}), std::log(0.99), 1e-15);
  EXPECT_NEAR(log_score({0.0, 1.0}, {true, true}, 0.05), (std::log(0.05) + std::log(0.95)) / 2, 1e-15);
  EXPECT_THROW(log_score({0.5}, {true}, 0.0), statecraft::UsageError);
  EXPECT_THROW(log_score({}, {}), statecraft::UsageError);
}

TEST(ScoreFormulas, LaplaceRuleOfSuccession) {
  EXPECT_DOUBLE_EQ(laplace_rate(0, 4), 1.0 / 6);
  EXPECT_DOUBLE_EQ(laplace_rate(4, 4), 5.0 / 6);
  EXPECT_DOUBLE_EQ(laplace_rate(1, 3), 2.0 / 5);
  EXPECT_THROW(laplace_rate(5, 4), statecraft::UsageError);
}

TEST(ScoreFormulas, ReliabilityTableBinsByForecast) {
  const auto t = reliability_table({0.1, 0.15, 0.5, 0.95, 1.0}, {false, true, true, true, false}, 5);
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t[0].n, 2u);
  EXPECT_NEAR(t[0].mean_forecast, 0.125, 1e-15);
  EXPECT_NEAR(t[0].observed, 0.5, 1e-15);
  EXPECT_EQ(t[1].n, 0u);
  EXPECT_EQ(t[2].n, 1u) << "0.5 opens the bin [0.4, 0.6)";
  EXPECT_NEAR(t[2].observed, 1.0, 1e-15);
  EXPECT_EQ(t[3].n, 0u);
  EXPECT_EQ(t[4].n, 2u) << "1.0 belongs to the last bin";
  EXPECT_NEAR(t[4].mean_forecast, 0.975, 1e-15);
  EXPECT_NEAR(t[4].observed, 0.5, 1e-15);
  EXPECT_DOUBLE_EQ(t[4].high, 1.0);
  EXPECT_THROW(reliability_table({0.5}, {true}, 0), statecraft::UsageError);
}

}  // namespace
