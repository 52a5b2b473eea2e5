#include "statecraft/ensemble/forecast.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "statecraft/report/forecast_report.hpp"
#include "statecraft/scenario/scenario.hpp"

using namespace statecraft;

namespace {

// One actor whose position is U(0, 100): P(median >= 70) = 0.3 exactly.
const char* kUniformPosition = R"(statecraft: 1
meta: {name: uniform position, as_of: 2026-01-01, horizon_months: 12, seed: 3}
sources: [{id: s, title: T, file: x.txt}]
actors: [{id: a, name: A, kind: state, capability: 1, source: s}]
issues:
  - id: i
    question: q
    low: l
    high: h
    source: s
    positions:
      a: {position: {dist: uniform, min: 0, max: 100}, salience: 50}
questions:
  - {id: high, text: above 70, resolve: {output: issue.i.median, op: ">=", threshold: 70}}
)";

}  // namespace

TEST(Forecast, ProbabilityMatchesTheAnalyticAnswer) {
  const auto s = scenario::load_scenario(kUniformPosition, "u.yaml");
  ensemble::ForecastOptions o;
  o.seed = 1;
  o.draws = 20000;
  o.bargaining_draws = 100;
  const auto r = ensemble::forecast(s, o);
  ASSERT_EQ(r.questions.size(), 1u);
  const auto& q = r.questions[0];
  ASSERT_TRUE(q.modelled);
  EXPECT_NEAR(q.probability, 0.3, 4 * std::sqrt(0.3 * 0.7 / 20000.0)) << "P(U(0,100) >= 70) = 0.3";
  EXPECT_LT(q.wilson_low, 0.3);
  EXPECT_GT(q.wilson_high, 0.3);
  EXPECT_EQ(q.words, "unlikely");
  EXPECT_TRUE(q.drivers.empty()) << "drivers come from services::forecast's grouped design";
  ASSERT_NE(r.issues[0].find("median"), nullptr);
  EXPECT_NEAR(r.issues[0].find("median")->summary.p05, 5.0, 1.0) << "5th percentile of U(0,100)";
  EXPECT_NEAR(r.issues[0].find("median")->summary.p95, 95.0, 1.0) << "95th percentile of U(0,100)";
  ASSERT_NE(r.issues[0].find("bdm"), nullptr) << "the bargaining models run too";
  EXPECT_EQ(r.issues[0].find("bdm")->draws, 100u) << "on bargaining_draws draws";
  EXPECT_EQ(r.issues[0].find("median")->draws, 20000u);
}

TEST(Forecast, AQuestionOnAnOutputNoModelMakesIsRejectedWhereItIsWritten) {
  const std::string text =
      std::string(kUniformPosition) +
      "  - {id: later, text: needs a timeline, resolve: {output: timeline.prisoners, op: \"<\", threshold: 500}}\n";
  try {
    scenario::load_scenario(text, "u.yaml");
    FAIL() << "a question on a timeline the scenario does not have must be rejected";
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("u.yaml:15:"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("timeline.prisoners"), std::string::npos) << e.what();
  }
}

TEST(Forecast, ByteIdenticalOnOneAndTwoThreads) {
  const auto s =
      scenario::load_scenario_file(std::string(STATECRAFT_SOURCE_DIR) + "/scenarios/examples/two_actors.yaml");
  ensemble::ForecastOptions o;
  o.seed = 42;
  o.draws = 3001;  // not a multiple of the block size
  o.threads = 1;
  const std::string one = report::forecast_json(ensemble::forecast(s, o));
  o.threads = 2;
  const std::string two = report::forecast_json(ensemble::forecast(s, o));
  EXPECT_EQ(one, two) << "results must not depend on the number of threads";
  o.seed = 43;
  EXPECT_NE(one, report::forecast_json(ensemble::forecast(s, o))) << "another seed, other numbers";
}

TEST(Forecast, ProvenanceHeadsEveryReport) {
  const auto s = scenario::load_scenario(kUniformPosition, "u.yaml");
  ensemble::ForecastOptions o;
  o.seed = 9;
  o.draws = 10;
  const auto r = ensemble::forecast(s, o);
  const std::string json = report::forecast_json(r);
  EXPECT_EQ(json.find("{\n  \"provenance\""), 0u);
  EXPECT_NE(json.find(s.sha256), std::string::npos);
  const std::string text = report::forecast_text(r);
  EXPECT_EQ(text.rfind("statecraft ", 0), 0u);
  EXPECT_NE(text.find("input u.yaml sha256 " + s.sha256), std::string::npos) << text;
  EXPECT_NE(text.find("\nseed 9\ndraws 10\n"), std::string::npos) << text;
}

TEST(Statistics, WilsonIntervalKnownValues) {
  // 10 successes in 100 trials: Wilson 95% = [0.0552, 0.1744] (Newcombe 1998, table I style).
  const auto [lo, hi] = ensemble::wilson_interval(10, 100);
  EXPECT_NEAR(lo, 0.0552, 5e-4);
  EXPECT_NEAR(hi, 0.1744, 5e-4);
  const auto [lo0, hi0] = ensemble::wilson_interval(0, 50);
  EXPECT_DOUBLE_EQ(lo0, 0.0);
  EXPECT_NEAR(hi0, 0.0714, 5e-4) << "zero successes still give a positive upper bound";
}

TEST(Statistics, Icd203Words) {
  EXPECT_EQ(ensemble::likelihood_words(0.01), "almost no chance");
  EXPECT_EQ(ensemble::likelihood_words(0.10), "very unlikely");
  EXPECT_EQ(ensemble::likelihood_words(0.30), "unlikely");
  EXPECT_EQ(ensemble::likelihood_words(0.50), "roughly even chance");
  EXPECT_EQ(ensemble::likelihood_words(0.70), "likely");
  EXPECT_EQ(ensemble::likelihood_words(0.90), "very likely");
  EXPECT_EQ(ensemble::likelihood_words(0.99), "almost certain");
}

TEST(Statistics, QuantileInterpolates) {
  const std::vector<double> xs = {1, 2, 3, 4, 5};
  EXPECT_DOUBLE_EQ(ensemble::quantile_sorted(xs, 0.5), 3.0);
  EXPECT_DOUBLE_EQ(ensemble::quantile_sorted(xs, 0.05), 1.2);
  EXPECT_DOUBLE_EQ(ensemble::quantile_sorted(xs, 1.0), 5.0);
}
