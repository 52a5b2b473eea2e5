// Bad timelines are rejected with every problem located (file:line:column, found, expected).

#include <gtest/gtest.h>

#include "timeline_test_util.hpp"

using namespace statecraft;
using timeline_test::head;

namespace {

std::string problems_of(const std::string& text) {
  try {
    scenario::load_scenario(text, "t.yaml");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected a ScenarioError for:\n" << text;
  return {};
}

const std::string kState = head() + R"(timeline:
  state:
    x: {initial: 1}
    mode: {states: [calm, tense], initial: calm}
)";

}  // namespace

TEST(TimelineBadInput, UnknownNameInAnExpressionIsLocated) {
  const auto m = problems_of(kState + "  dynamics:\n    x: \"x + nothing_here\"\n");
  EXPECT_NE(m.find("t.yaml:12:8"), std::string::npos) << m;
  EXPECT_NE(m.find("unknown name 'nothing_here'"), std::string::npos) << m;
}

TEST(TimelineBadInput, EffectOnAnUnknownVariable) {
  const auto m = problems_of(
      kState + "events:\n  - {id: e, kind: hazard, monthly_probability: 0.1, source: s, effects: {y: 2}}\n");
  EXPECT_NE(m.find("t.yaml:12:"), std::string::npos) << m;
  EXPECT_NE(m.find("unknown state variable 'y'"), std::string::npos) << m;
}

TEST(TimelineBadInput, TransitionToAStateThatDoesNotExist) {
  const auto m = problems_of(kState + "  transitions:\n    mode:\n      calm: {war: 0.1}\n");
  EXPECT_NE(m.find("t.yaml:13:"), std::string::npos) << m;
  EXPECT_NE(m.find("a state of 'mode'"), std::string::npos) << m;
}

TEST(TimelineBadInput, ProbabilityOutsideZeroOne) {
  const auto m = problems_of(kState + "  transitions:\n    mode:\n      calm: {tense: 1.5}\n");
  EXPECT_NE(m.find("a probability in [0, 1]"), std::string::npos) << m;
}

TEST(TimelineBadInput, QuestionDateOutsideTheHorizon) {
  const auto m = problems_of(
      kState +
      "questions:\n  - {id: q, text: t, by: 2030-01, resolve: {output: timeline.x, op: \">\", threshold: 1}}\n");
  EXPECT_NE(m.find("t.yaml:12:"), std::string::npos) << m;
  EXPECT_NE(m.find("within the horizon"), std::string::npos) << m;
}

TEST(TimelineBadInput, UnknownTimelineOutput) {
  const auto m = problems_of(
      kState + "questions:\n  - {id: q, text: t, resolve: {output: timeline.prisoners, op: \">\", threshold: 1}}\n");
  EXPECT_NE(m.find("timeline.<state variable>"), std::string::npos) << m;
}

TEST(TimelineBadInput, DecisionOnAnUnknownGameAndAction) {
  const auto m = problems_of(kState + "  decisions:\n    - {id: d, game: nope, every: 1, outcomes: {a.x: {x: 1}}}\n");
  EXPECT_NE(m.find("unknown game 'nope'"), std::string::npos) << m;
}

TEST(TimelineBadInput, CategoricalEffectNeedsAState) {
  const auto m = problems_of(
      kState + "events:\n  - {id: e, kind: hazard, monthly_probability: 0.1, source: s, effects: {mode: boiling}}\n");
  EXPECT_NE(m.find("one of the states of 'mode'"), std::string::npos) << m;
}

TEST(TimelineBadInput, SocietyWindowSettingTheModelDoesNotKnow) {
  const auto m =
      problems_of(kState + "  society:\n    - {id: w, when: \"x > 1\", settings: {courage: 2}, effects: {x: 0}}\n");
  EXPECT_NE(m.find("t.yaml:12:"), std::string::npos) << m;
  EXPECT_NE(m.find("unknown society setting 'courage'"), std::string::npos) << m;
}

TEST(TimelineBadInput, DecisionOnAGameWithAnUnknownPlayerIsLocatedNotACrash) {  // a fuzzer finding
  const auto m = problems_of(head() + R"(games:
  - id: g
    title: g
    players: [a, nobody]
    source: s
    strategies: {a: [x, y], nobody: [u, v]}
    payoffs: {"x,u": [0, 0], "x,v": [0, 0], "y,u": [0, 0], "y,v": [0, 0]}
timeline:
  state:
    x: {initial: 1}
  decisions:
    - {id: d, game: g, every: 1, outcomes: {a.x: {x: 1}}}
)");
  EXPECT_NE(m.find("unknown actor 'nobody'"), std::string::npos) << m;
}
