// Small timelines whose answers are known in closed form: a one-shot hazard, a two-state Markov
// chain, deterministic dynamics, and moves drawn from a mixed equilibrium with its probabilities.

#include <gtest/gtest.h>

#include <cmath>

#include "statecraft/report/forecast_report.hpp"
#include "timeline_test_util.hpp"

using namespace statecraft;
using timeline_test::head;
using timeline_test::question;
using timeline_test::run;

namespace {

constexpr std::size_t kDraws = 20000;

double tolerance(double p) { return 4.5 * std::sqrt(p * (1 - p) / static_cast<double>(kDraws)); }

const std::string kHazard = head() + R"(events:
  - {id: fall, kind: hazard, once: true, monthly_probability: 0.1, source: s, effects: {fallen: 1}}
timeline:
  state:
    fallen: {initial: 0, min: 0, max: 1}
questions:
  - {id: by_12, text: fallen by the last month, by: 2027-01, resolve: {output: timeline.fallen, op: ">=", threshold: 1}}
  - {id: by_3, text: fallen by the third month, by: 2026-04, resolve: {output: timeline.events.fall, op: ">=", threshold: 1}}
)";

// a -> b with 0.2 a month, b -> a with 0.3: P(b at t) = 0.4 (1 - 0.5^t).
const std::string kChain = head() + R"(timeline:
  state:
    s: {states: [a, b], initial: a}
  transitions:
    s:
      a: {b: 0.2}
      b: {a: 0.3}
questions:
  - {id: b_at_5, text: in b in month 5, at: 2026-06, resolve: {output: timeline.s, op: ">=", threshold: 1}}
)";

// x starts U(0, 10) and grows by 2 a month: x(5) = x(0) + 10, so P(x(5) >= 15) = 0.5.
const std::string kDynamics = head() + R"(parameters:
  x0: {dist: uniform, min: 0, max: 10, source: s}
timeline:
  state:
    x: {initial: x0}
  dynamics:
    x: "x + 2"
questions:
  - {id: x_at_5, text: x above 15 in month 5, at: 2026-06, resolve: {output: timeline.x, op: ">=", threshold: 15}}
)";

// A 2x2 game with a unique mixed equilibrium: a probes with probability 3/4 (b indifferent).
const std::string kMixed = head() + R"(games:
  - id: g
    title: probe or hold
    players: [a, b]
    source: s
    strategies: {a: [probe, hold], b: [respond, ignore]}
    payoffs:
      "probe,respond": [-1, 1]
      "probe,ignore": [2, 0]
      "hold,respond": [0, 0]
      "hold,ignore": [0, 3]
timeline:
  state:
    probes: {initial: 0}
  decisions:
    - id: d
      game: g
      every: 1
      outcomes:
        a.probe: {probes: "probes + 1"}
questions:
  - {id: first, text: a probe in the first month, by: 2026-02, resolve: {output: timeline.probes, op: ">=", threshold: 1}}
)";

}  // namespace

TEST(TimelineClosedForm, OneShotHazardByMonth) {
  const auto r = run(kHazard, kDraws);
  const double p12 = 1 - std::pow(0.9, 12), p3 = 1 - std::pow(0.9, 3);
  EXPECT_NEAR(question(r, "by_12").probability, p12, tolerance(p12)) << "1 - 0.9^12";
  EXPECT_NEAR(question(r, "by_3").probability, p3, tolerance(p3)) << "1 - 0.9^3";
  const auto& monthly = question(r, "by_12").monthly;
  ASSERT_EQ(monthly.size(), 12u);
  for (std::size_t m = 0; m < 12; ++m) {
    const double p = 1 - std::pow(0.9, static_cast<double>(m + 1));
    EXPECT_NEAR(monthly[m], p, tolerance(p)) << "cumulative probability in month " << m + 1;
  }
  EXPECT_EQ(question(r, "by_12").date, "2027-01");
}

TEST(TimelineClosedForm, TwoStateMarkovChain) {
  const auto r = run(kChain, kDraws);
  const double p = 0.4 * (1 - std::pow(0.5, 5));
  EXPECT_NEAR(question(r, "b_at_5").probability, p, tolerance(p)) << "0.4 (1 - 0.5^5)";
  const auto& series = r.series.at(0);
  ASSERT_EQ(series.shares.size(), 13u);
  EXPECT_DOUBLE_EQ(series.shares[0][0], 1.0) << "everyone starts in a";
  for (std::size_t m = 1; m <= 12; ++m) {
    const double pb = 0.4 * (1 - std::pow(0.5, static_cast<double>(m)));
    EXPECT_NEAR(series.shares[m][1], pb, tolerance(pb)) << "share in b, month " << m;
  }
}

TEST(TimelineClosedForm, DeterministicDynamics) {
  const auto r = run(kDynamics, kDraws);
  EXPECT_NEAR(question(r, "x_at_5").probability, 0.5, tolerance(0.5));
  const auto& q = r.series.at(0).quantiles;
  EXPECT_NEAR(q[5][2], 15.0, 0.2) << "median of U(0,10) + 10";
  EXPECT_NEAR(q[12][0], 24.5, 0.2) << "5th percentile of U(0,10) + 24";
}

TEST(TimelineClosedForm, MovesAreDrawnFromTheMixedEquilibrium) {
  const auto r = run(kMixed, kDraws);
  EXPECT_NEAR(question(r, "first").probability, 0.75, tolerance(0.75)) << "a probes with probability 3/4";
  EXPECT_NEAR(r.series.at(0).mean[12], 9.0, 0.1) << "12 months at 3/4 a month";
}

TEST(TimelineClosedForm, ByteIdenticalOnOneAndTwoThreads) {
  const std::string one = report::forecast_json(run(kMixed + "", 3001, 1));
  const std::string two = report::forecast_json(run(kMixed + "", 3001, 2));
  EXPECT_EQ(one, two);
}
