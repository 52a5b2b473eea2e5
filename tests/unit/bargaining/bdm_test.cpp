// Bueno de Mesquita's model as specified by Scholz, Calbert & Smith (2011).
#include <gtest/gtest.h>

#include <cmath>

#include "statecraft/bargaining/deu3.hpp"
#include "statecraft/bargaining/models.hpp"
#include "statecraft/error.hpp"
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

TEST(Bdm, EuEmissionsStopsByRule) {
  // Before the stopping rule, actors kept swapping places inside a cluster 0.003 wide and the run
  // ended at the round limit ("converged no").
  const auto r = run_bdm(eu_emissions(), 0);
  EXPECT_TRUE(r.converged) << "stopped after " << r.rounds.size() - 1 << " rounds";
  EXPECT_LT(r.rounds.size(), 101u) << "before the round limit";
}

TEST(Bdm, ForecastDoesNotDependOnTheParityOfTheRoundLimit) {
  // Yes/no issues of DEU III cycle with period 2; the forecast must not depend on whether the
  // round limit is odd or even.
  const auto issues = read_deu3(STATECRAFT_DATA_DIR "/deu3/deu3.tsv");
  int compared = 0;
  for (const auto& is : issues) {
    if (!is.outcome || is.problem.actors.size() < 3) continue;
    BdmOptions odd;
    odd.max_rounds = 99;
    const auto a = run_bdm(is.problem, 0, odd);
    const auto b = run_bdm(is.problem, 0);
    EXPECT_DOUBLE_EQ(a.forecast, b.forecast) << is.id;
    ++compared;
  }
  EXPECT_EQ(compared, 351);
}

TEST(Bdm, YesNoCycleIsDetectedAndItsForecastDefined) {
  // DEU III issue n03327i1 (yes/no): the two camps swap sides every round.
  const auto p = one_dim({{4.1, 100, .8}, {4.1, 100, .4}, {.58, 0, .7}, {2.8, 0, .8}, {1.03, 0, .7}});
  const auto r = run_bdm(p, 0);
  EXPECT_EQ(r.stop, BdmStop::kCycle);
  EXPECT_EQ(r.cycle_period, 2);
  EXPECT_TRUE(r.converged) << "a cycle stops the run by rule";
  ASSERT_GE(r.rounds.size(), 3u);
  const double m1 = r.rounds[r.rounds.size() - 1].median;
  const double m2 = r.rounds[r.rounds.size() - 2].median;
  EXPECT_NE(m1, m2) << "the cycle's states have different medians";
  EXPECT_DOUBLE_EQ(r.forecast, 0.5 * (m1 + m2)) << "forecast: mean of the weighted medians over the cycle";
  BdmOptions longer;
  longer.max_rounds = 1001;
  EXPECT_DOUBLE_EQ(run_bdm(p, 0, longer).forecast, r.forecast) << "independent of the round limit";
}

TEST(Bdm, ToleranceIsRelativeToTheScale) {
  // The same issue on a scale ten times wider behaves the same when positions are scaled too.
  auto p = eu_emissions();
  auto q = p;
  q.scale_max = 100.0;
  for (auto& a : q.actors) a.position[0] *= 10.0;
  const auto a = run_bdm(p, 0);
  const auto b = run_bdm(q, 0);
  EXPECT_EQ(a.rounds.size(), b.rounds.size());
  EXPECT_NEAR(10.0 * a.forecast, b.forecast, 1e-9);
}

TEST(Bdm, StatusQuoEntersTheStatusQuoUtility) {
  // Scholz et al.'s U_sq is the utility of the status quo; with a recorded status quo it is the
  // utility of that outcome, so challenges look better to actors far from it.
  auto near = eu_emissions();
  near.status_quo = {7.0};
  auto far = eu_emissions();
  far.status_quo = {10.0};
  const auto a = run_bdm(near, 0);
  const auto b = run_bdm(far, 0);
  ASSERT_GE(a.rounds.size(), 2u);
  ASSERT_GE(b.rounds.size(), 2u);
  EXPECT_NE(a.rounds[1].positions, b.rounds[1].positions) << "the status quo changes round 1";
  BdmOptions paper;
  paper.use_status_quo = false;
  EXPECT_EQ(run_bdm(far, 0, paper).rounds[1].positions, run_bdm(eu_emissions(), 0).rounds[1].positions)
      << "without it, the paper's constant U_sq";
  far.status_quo = {11.0};
  EXPECT_THROW(validate(far), statecraft::ScenarioError) << "a status quo outside the scale";
  const auto issues = read_deu3(STATECRAFT_DATA_DIR "/deu3/deu3.tsv");
  ASSERT_TRUE(issues.front().reference_point.has_value());
  EXPECT_EQ(issues.front().problem.status_quo, std::vector<double>{*issues.front().reference_point})
      << "DEU III's reference point is the issue's status quo";
}
