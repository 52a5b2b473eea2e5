// Bueno de Mesquita's model as specified by Scholz, Calbert & Smith (2011).
#include <gtest/gtest.h>

#include <cmath>

#include "statecraft/bargaining/models.hpp"
#include "test_util.hpp"

using namespace statecraft::bargaining;
using statecraft::bargaining::testing::eu_emissions;
using statecraft::bargaining::testing::one_dim;

TEST(Bdm, EuEmissionsInitialState) {
  const auto r = run_bdm(eu_emissions(), 0);
  ASSERT_GE(r.rounds.size(), 2u) << "at least one round runs";
  EXPECT_DOUBLE_EQ(r.rounds[0].median, 7.0) << "initial weighted median";
  EXPECT_NEAR(r.rounds[0].mean, 7.38996, 5e-6) << "initial weighted mean";
}

TEST(Bdm, ProbabilityOfSuccess) {
  // Votes v_k = c_k s_k (|x_k - x_j| - |x_k - x_i|) for i at 0, j at 1, third party k at 0.25.
  const std::vector<double> x = {0.0, 1.0, 0.25};
  const std::vector<double> c = {1.0, 2.0, 4.0};
  const std::vector<double> s = {1.0, 0.5, 0.5};
  // v_i = 1*1*(1-0) = 1; v_j = 1*(0-1) = -1; v_k = 2*(0.75-0.25) = 1 -> P = 2 / 3.
  EXPECT_NEAR(bdm_probability(x, c, s, 0, 1), 2.0 / 3.0, 1e-12) << "positive votes over absolute votes";
  EXPECT_NEAR(bdm_probability(x, c, s, 1, 0), 1.0 / 3.0, 1e-12) << "the complement for j";
}

TEST(Bdm, EuEmissionsDynamics) {
  const auto r = run_bdm(eu_emissions(), 0);
  const auto& r1 = r.rounds[1];
  ASSERT_EQ(r1.risk_exponent.size(), 10u);
  for (double ri : r1.risk_exponent) {
    EXPECT_GE(ri, 0.5 - 1e-12) << "r = (1 - R/3)/(1 + R/3) with R in [-1, 1] lies in [0.5, 2]";
    EXPECT_LE(ri, 2.0 + 1e-12);
  }
  for (const auto& rd : r.rounds)
    for (double x : rd.positions) {
      EXPECT_GE(x, 4.0 - 1e-12) << "positions stay inside the initial range";
      EXPECT_LE(x, 10.0 + 1e-12);
    }
  // Round 1 (our computation, fixed as a regression): the Netherlands accepts a confrontation
  // from Greece and moves to 7; Denmark compromises with Greece.
  EXPECT_EQ(r1.moves[0].kind, BdmOfferKind::kConfrontation);
  EXPECT_EQ(r1.moves[0].proposer, 9) << "NL's accepted offer comes from EL";
  EXPECT_DOUBLE_EQ(r1.positions[0], 7.0);
  EXPECT_EQ(r1.moves[8].kind, BdmOfferKind::kCompromise);
  EXPECT_NEAR(r1.positions[8], 4.0803, 5e-4) << "DK's compromise";
  // Each move is one of the three offer kinds and respects its rule.
  for (const auto& m : r1.moves) {
    if (m.kind == BdmOfferKind::kConfrontation || m.kind == BdmOfferKind::kCapitulation) {
      EXPECT_DOUBLE_EQ(m.to, r.rounds[0].positions[static_cast<std::size_t>(m.proposer)]);
    }
    if (m.kind == BdmOfferKind::kNone) {
      EXPECT_DOUBLE_EQ(m.to, m.from);
    }
  }
  EXPECT_DOUBLE_EQ(r.forecast, r.rounds.back().median) << "forecast is the final median";
}

TEST(Bdm, DegenerateIssues) {
  const auto one = run_bdm(one_dim({{1, 40, .5}}), 0);
  EXPECT_DOUBLE_EQ(one.forecast, 40.0) << "a single actor keeps its position";
  EXPECT_TRUE(one.converged);
  const auto agree = run_bdm(one_dim({{1, 40, .5}, {2, 40, .9}}), 0);
  EXPECT_DOUBLE_EQ(agree.forecast, 40.0) << "actors who agree have nothing to bargain over";
  const auto yn = run_bdm(one_dim({{1, 0, .5}, {2, 100, .9}, {1, 100, .2}}), 0);
  for (const auto& rd : yn.rounds)
    for (double x : rd.positions) EXPECT_TRUE(std::isfinite(x)) << "yes/no issue runs without NaN";
}
