// Structural choices (docs/scenario-format.md, "Structural choices"): an issue step whose model
// is drawn per draw; each model's answer on the draws that used it, the mixture, determinism,
// and located loader errors.

#include <gtest/gtest.h>

#include <cmath>

#include "timeline_test_util.hpp"

using namespace statecraft;
using timeline_test::question;

namespace {

// Three equal actors at 0, 10 and 100 with equal salience: the compromise (36.7) clears 20, the
// weighted median (10) does not.
std::string scenario_with(const std::string& alternatives, const std::string& model = "how") {
  return R"(statecraft: 1
meta: {name: t, as_of: 2026-01-15, horizon_months: 3, seed: 5}
sources: [{id: s, title: T, file: x.txt}]
actors:
  - {id: a, name: A, kind: state, capability: 1, source: s}
  - {id: b, name: B, kind: state, capability: 1, source: s}
  - {id: c, name: C, kind: state, capability: 1, source: s}
issues:
  - id: deal
    question: where does it land
    low: nothing
    high: everything
    status_quo: 0
    source: s
    positions:
      a: {position: 0, salience: 90}
      b: {position: 10, salience: 90}
      c: {position: 100, salience: 90}
structural:
  - id: how
    text: which model
    alternatives: )" +
         alternatives + R"(
timeline:
  state:
    hit: {initial: 0, min: 0, max: 1}
  issues:
    - {id: step, issue: deal, model: )" +
         model + R"(, at: 2026-02, effects: {hit: "forecast >= 20"}}
questions:
  - {id: hit, text: the bargain lands at 20 or more, by: 2026-04, resolve: {output: timeline.hit, op: ">=", threshold: 1}}
  - {id: always, text: whatever the model, by: 2026-04, resolve: {output: timeline.hit, op: ">=", threshold: 0}}
)";
}

std::string problems_of(const std::string& text) {
  try {
    scenario::load_scenario(text, "t.yaml");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected a ScenarioError for:\n" << text;
  return {};
}

const ensemble::StructuralAnswers& only_choice(const ensemble::QuestionForecast& q) {
  if (q.structural.size() != 1) throw std::runtime_error("expected one structural choice");
  return q.structural.front();
}

}  // namespace

TEST(StructuralChoice, EachModelsAnswerAndTheWeightedMixture) {
  const auto r = timeline_test::run(scenario_with("{compromise: 0.25, median: 0.75}"), 4000);
  const auto& q = question(r, "hit");
  const auto& sa = only_choice(q);
  ASSERT_EQ(sa.choice, "how");
  ASSERT_EQ(sa.answers.size(), 2u);
  EXPECT_EQ(sa.answers[0].alternative, "compromise");
  EXPECT_DOUBLE_EQ(sa.answers[0].weight, 0.25);
  EXPECT_DOUBLE_EQ(sa.answers[0].probability, 1.0) << "the compromise, 36.7, clears 20";
  EXPECT_DOUBLE_EQ(sa.answers[1].probability, 0.0) << "the weighted median, 10, does not";
  EXPECT_EQ(sa.answers[0].draws + sa.answers[1].draws, 4000u);
  // The combined answer is the mixture over all draws; the draws use each model with its weight.
  EXPECT_DOUBLE_EQ(q.probability, static_cast<double>(sa.answers[0].draws) / 4000.0);
  EXPECT_NEAR(q.probability, 0.25, 4 * std::sqrt(0.25 * 0.75 / 4000));
  EXPECT_DOUBLE_EQ(sa.low, 0.0);
  EXPECT_DOUBLE_EQ(sa.high, 1.0);
  EXPECT_NEAR(sa.sd, std::sqrt(0.25 * 0.75), 1e-12);
  EXPECT_TRUE(sa.beyond_noise);
  const auto& same = only_choice(question(r, "always"));
  EXPECT_DOUBLE_EQ(same.low, 1.0);
  EXPECT_DOUBLE_EQ(same.sd, 0.0);
  EXPECT_FALSE(same.beyond_noise) << "equal answers: no structural effect";
  EXPECT_EQ(q.words, ensemble::likelihood_words(q.probability)) << "the words are those of the combined answer";
  ASSERT_EQ(r.structural.size(), 1u);
  EXPECT_EQ(r.structural[0].draws[0], sa.answers[0].draws);
}

TEST(StructuralChoice, EveryModelsAnswerIsTheAnswerOfThatModelAlone) {
  const auto r = timeline_test::run(scenario_with("[compromise, median, bdm, smp, nash]"), 1000);
  const auto& sa = only_choice(question(r, "hit"));
  ASSERT_EQ(sa.answers.size(), 5u);
  double mixture = 0;
  for (const auto& a : sa.answers) {
    EXPECT_DOUBLE_EQ(a.weight, 0.2);
    ASSERT_GT(a.draws, 100u) << a.alternative;
    const auto alone = timeline_test::run(scenario_with("[compromise, median]", a.alternative), 200);
    EXPECT_DOUBLE_EQ(a.probability, question(alone, "hit").probability) << a.alternative;
    EXPECT_TRUE(question(alone, "hit").structural.empty()) << "a fixed model is no structural choice";
    mixture += static_cast<double>(a.yes);
  }
  EXPECT_DOUBLE_EQ(question(r, "hit").probability, mixture / 1000.0);
  EXPECT_GE(question(r, "hit").probability, sa.low);
  EXPECT_LE(question(r, "hit").probability, sa.high);
}

TEST(StructuralChoice, SameNumbersOnOneAndTwoThreads) {
  const std::string text = scenario_with("{compromise: 0.5, median: 0.3, nash: 0.2}");
  const auto r1 = timeline_test::run(text, 3000, 1);
  const auto r2 = timeline_test::run(text, 3000, 2);
  const auto& a = only_choice(question(r1, "hit"));
  const auto& b = only_choice(question(r2, "hit"));
  for (std::size_t k = 0; k < a.answers.size(); ++k) {
    EXPECT_EQ(a.answers[k].draws, b.answers[k].draws);
    EXPECT_EQ(a.answers[k].yes, b.answers[k].yes);
  }
  EXPECT_EQ(question(r1, "hit").yes, question(r2, "hit").yes);
}

TEST(StructuralChoice, TheDrawOfAnAlternativeDependsOnlyOnSeedDrawAndChoice) {
  scenario::StructuralChoice c{"how", "", "", {"x", "y"}, {0.5, 0.5}, {}, {}};
  std::size_t first = 0;
  for (std::uint64_t d = 0; d < 2000; ++d) {
    const auto k = scenario::structural_alternative(c, 7, d);
    EXPECT_EQ(k, scenario::structural_alternative(c, 7, d));
    first += k == 0;
  }
  EXPECT_NEAR(static_cast<double>(first) / 2000.0, 0.5, 0.05);
  scenario::StructuralChoice other = c;
  other.id = "other";
  std::size_t same = 0;
  for (std::uint64_t d = 0; d < 2000; ++d)
    same += scenario::structural_alternative(c, 7, d) == scenario::structural_alternative(other, 7, d);
  EXPECT_LT(same, 1200u) << "two choices are drawn independently";
}

TEST(StructuralChoiceBadInput, WeightsNotSummingToOneAreLocated) {
  const auto m = problems_of(scenario_with("{compromise: 0.5, median: 0.4}"));
  EXPECT_NE(m.find("t.yaml:22:19"), std::string::npos) << m;
  EXPECT_NE(m.find("weights summing to 0.9"), std::string::npos) << m;
  EXPECT_NE(m.find("expected weights summing to 1"), std::string::npos) << m;
}

TEST(StructuralChoiceBadInput, AnAlternativeThatIsNoIssueModel) {
  const auto m = problems_of(scenario_with("[compromise, oracle]"));
  EXPECT_NE(m.find("t.yaml:27:"), std::string::npos) << m;
  EXPECT_NE(m.find("alternative 'oracle'"), std::string::npos) << m;
}

TEST(StructuralChoiceBadInput, AnUnknownModelOrChoice) {
  const auto m = problems_of(scenario_with("[compromise, median]", "how_else"));
  EXPECT_NE(m.find("t.yaml:27:"), std::string::npos) << m;
  EXPECT_NE(m.find("'how_else'"), std::string::npos) << m;
  EXPECT_NE(m.find("or the id of a structural choice"), std::string::npos) << m;
}

TEST(StructuralChoiceBadInput, OneAlternativeRepeatedOrBadWeight) {
  EXPECT_NE(problems_of(scenario_with("[compromise]")).find("at least two alternatives"), std::string::npos);
  EXPECT_NE(problems_of(scenario_with("[median, median]")).find("alternative 'median' listed twice"),
            std::string::npos);
  const auto m = problems_of(scenario_with("{compromise: 1.5, median: -0.5}"));
  EXPECT_NE(m.find("weight 1.5"), std::string::npos) << m;
  EXPECT_NE(m.find("a weight in (0, 1]"), std::string::npos) << m;
  EXPECT_NE(problems_of(scenario_with("median")).find("t.yaml:22:19"), std::string::npos);
}

TEST(StructuralChoiceBadInput, AChoiceNamedLikeAModel) {
  std::string text = scenario_with("[compromise, median]");
  text.replace(text.find("id: how"), 7, "id: median");
  const auto m = problems_of(text);
  EXPECT_NE(m.find("'median', a model's name"), std::string::npos) << m;
}

TEST(StructuralChoice, AnUnusedChoiceIsWarnedAbout) {
  const auto s = scenario::load_scenario(scenario_with("[compromise, median]", "compromise"), "t.yaml");
  ASSERT_EQ(s.structural.size(), 1u);
  bool warned = false;
  for (const auto& w : s.warnings) warned = warned || w.found == "a structural choice no step uses";
  EXPECT_TRUE(warned);
}

namespace {

// A stag hunt: (stag, stag) pays both 4, (hare, hare) 3; hare is risk-dominant, so the logit
// trace from uniform play ends at (hare, hare), while (stag, stag) is payoff-dominant.
std::string stag_hunt(const std::string& selection) {
  return R"(statecraft: 1
meta: {name: t, as_of: 2026-01-15, horizon_months: 3, seed: 5}
sources: [{id: s, title: T, file: x.txt}]
actors:
  - {id: a, name: A, kind: state, capability: 1, source: s}
  - {id: b, name: B, kind: state, capability: 1, source: s}
games:
  - id: hunt
    title: stag hunt
    players: [a, b]
    source: s
    strategies: {a: [stag, hare], b: [stag, hare]}
    payoffs:
      "stag,stag": [4, 4]
      "stag,hare": [0, 3]
      "hare,stag": [3, 0]
      "hare,hare": [3, 3]
structural:
  - id: rule
    alternatives: [logit_limit, payoff_dominant]
timeline:
  state:
    stags: {initial: 0}
  decisions:
    - {id: d, game: hunt, selection: )" +
         selection + R"(, at: 2026-02, outcomes: {a.stag: {stags: "stags + 1"}}}
questions:
  - {id: stag, text: a hunts stag, by: 2026-04, resolve: {output: timeline.stags, op: ">=", threshold: 1}}
)";
}

}  // namespace

TEST(StructuralChoice, TheSelectionRuleOfADecision) {
  EXPECT_DOUBLE_EQ(question(timeline_test::run(stag_hunt("logit_limit"), 50), "stag").probability, 0.0);
  EXPECT_DOUBLE_EQ(question(timeline_test::run(stag_hunt("payoff_dominant"), 50), "stag").probability, 1.0);
  const auto r = timeline_test::run(stag_hunt("rule"), 1000);
  const auto& sa = only_choice(question(r, "stag"));
  ASSERT_EQ(sa.answers.size(), 2u);
  EXPECT_DOUBLE_EQ(sa.answers[0].probability, 0.0) << "logit_limit: the risk-dominant hare";
  EXPECT_DOUBLE_EQ(sa.answers[1].probability, 1.0) << "payoff_dominant: the stag";
  EXPECT_DOUBLE_EQ(question(r, "stag").probability, static_cast<double>(sa.answers[1].draws) / 1000.0);
}

TEST(StructuralChoiceBadInput, ASelectionChoiceWithAnIssueModel) {
  std::string text = stag_hunt("rule");
  text.replace(text.find("[logit_limit, payoff_dominant]"), 30, "[logit_limit, median]");
  const auto m = problems_of(text);
  EXPECT_NE(m.find("t.yaml:25:"), std::string::npos) << m;
  EXPECT_NE(m.find("alternative 'median'"), std::string::npos) << m;
  EXPECT_NE(m.find("equilibrium selection rules"), std::string::npos) << m;
  EXPECT_NE(problems_of(stag_hunt("risk_dominant")).find("'risk_dominant'"), std::string::npos);
}

TEST(StructuralChoice, EveryIntervalContainsItsAnswer) {
  // A model with no yes among its draws must not get an interval above 0 (found on Belarus:
  // the Wilson lower bound came out as 1.7e-18 for 0 of 2050).
  for (std::size_t n = 1; n <= 3000; ++n) {
    for (std::size_t yes : {std::size_t{0}, n / 3, n}) {
      const auto [lo, hi] = ensemble::wilson_interval(yes, n);
      const double p = static_cast<double>(yes) / static_cast<double>(n);
      ASSERT_LE(lo, p) << yes << " of " << n;
      ASSERT_GE(hi, p) << yes << " of " << n;
    }
  }
}
