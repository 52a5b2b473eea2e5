#include <gtest/gtest.h>

#include <string>

#include "statecraft/scenario/sampler.hpp"
#include "statecraft/scenario/scenario.hpp"

using namespace statecraft::scenario;
using statecraft::ScenarioError;

namespace {

const std::string kExample = std::string(STATECRAFT_SOURCE_DIR) + "/scenarios/examples/two_actors.yaml";

// Loads `text` expecting failure; returns all messages joined by newlines.
std::string problems_of(const std::string& text) {
  try {
    load_scenario(text, "t.yaml");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected a ScenarioError for:\n" << text;
  return {};
}

const char* kHead = R"(statecraft: 1
meta: {name: t, as_of: 2026-01-01, horizon_months: 12}
sources: [{id: s, title: T, file: x.txt}]
)";

}  // namespace

TEST(Loader, ReadsEverySectionOfTheExample) {
  const auto s = load_scenario_file(kExample);
  EXPECT_EQ(s.meta.name, "Two actors and a sanction");
  EXPECT_EQ(s.meta.horizon_months, 12);
  EXPECT_EQ(s.meta.seed, 7u);
  EXPECT_EQ(s.actors.size(), 3u);
  ASSERT_EQ(s.issues.size(), 1u);
  EXPECT_EQ(s.issues[0].stances.size(), 3u);
  EXPECT_EQ(s.links.size(), 2u);
  EXPECT_EQ(s.timeline.hazards.size(), 2u) << "the events are the timeline's hazards";
  ASSERT_EQ(s.games.size(), 2u);
  EXPECT_TRUE(s.games[0].is_tree);
  EXPECT_EQ(s.games[0].nodes.size(), 7u) << "root, client node, chance node, 2 outcomes, refuse, wait";
  EXPECT_FALSE(s.games[1].is_tree);
  EXPECT_EQ(s.games[1].payoffs.size(), 8u) << "4 profiles x 2 players";
  EXPECT_EQ(s.society.size(), 2u);
  EXPECT_TRUE(s.timeline.present);
  EXPECT_EQ(s.timeline.vars.size(), 2u);
  EXPECT_EQ(s.timeline.decisions.size(), 1u);
  EXPECT_EQ(s.questions[3].month, 6) << "by 2026-07 is month 6 after as_of 2026-01";
  EXPECT_TRUE(s.questions[3].by);
  EXPECT_TRUE(s.questions[2].diagnostic) << "a question on a game's equilibrium only";
  EXPECT_FALSE(s.questions[0].diagnostic);
  EXPECT_EQ(s.questions.size(), 4u);
  EXPECT_EQ(s.questions[3].horizon_months, 6);
  EXPECT_EQ(s.questions[0].horizon_months, 12) << "defaults to meta.horizon_months";
  EXPECT_EQ(s.sha256.size(), 64u);
  EXPECT_TRUE(s.warnings.empty());
}

TEST(Loader, NormalFormPayoffsAreRowMajor) {
  const auto s = load_scenario_file(kExample);
  const auto& g = s.games[1];
  std::vector<double> v;
  Sampler(s).central(v);
  // profile (probe, ignore) = index 1: payoffs [2, -2]
  EXPECT_DOUBLE_EQ(v[static_cast<std::size_t>(g.payoffs[1 * 2 + 0])], 2.0);
  EXPECT_DOUBLE_EQ(v[static_cast<std::size_t>(g.payoffs[1 * 2 + 1])], -2.0);
  // profile (hold, respond) = index 2: payoffs [0, -0.5]
  EXPECT_DOUBLE_EQ(v[static_cast<std::size_t>(g.payoffs[2 * 2 + 1])], -0.5);
}

TEST(Loader, ExpressionsFollowTheirParameters) {
  const auto s = load_scenario_file(kExample);
  Sampler sampler(s);
  std::vector<double> v;
  for (std::uint64_t d = 0; d < 50; ++d) {
    sampler.sample(99, d, v);
    const double pu = v[static_cast<std::size_t>(s.parameters.at("p_unrest"))];
    const double pc = v[static_cast<std::size_t>(s.parameters.at("p_calm"))];
    ASSERT_DOUBLE_EQ(pu + pc, 1.0) << "p_calm = 1 - p_unrest in draw " << d;
  }
}

TEST(Loader, SameSeedAndDrawGiveSameValues) {
  const auto s = load_scenario_file(kExample);
  Sampler a(s), b(s);
  std::vector<double> va, vb;
  a.sample(5, 17, va);
  b.sample(5, 3, vb);
  b.sample(5, 17, vb);
  EXPECT_EQ(va, vb) << "a draw's values depend only on (seed, draw)";
  a.sample(6, 17, vb);
  EXPECT_NE(va, vb) << "another seed gives other values";
}

TEST(Loader, CollectsEveryProblemBeforeReporting) {
  const std::string text = std::string(kHead) + R"(actors:
  - {id: a, name: A, kind: state, capability: -1, source: s}
  - {id: a, name: B, kind: state, capability: 1, source: nope}
issues:
  - id: i
    question: q
    low: l
    high: h
    source: s
    positions:
      zz: {position: 150, salience: 10}
)";
  const std::string msg = problems_of(text);
  EXPECT_NE(msg.find("t.yaml:5:47: actors.a.capability"), std::string::npos) << msg;
  EXPECT_NE(msg.find("actors.a.capability: found -1, expected a number >= 0"), std::string::npos) << msg;
  EXPECT_NE(msg.find("duplicate actor id 'a'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("unknown source 'nope'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("unknown actor 'zz'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("positions.zz.position: found 150"), std::string::npos) << msg;
}

TEST(Loader, ReportsDependencyCyclesWithTheirMembers) {
  const std::string text = std::string(kHead) + R"(parameters:
  a: {expr: "b + 1"}
  b: {expr: "c * 2"}
  c: {expr: "a - 3"}
actors: [{id: x, name: X, kind: state, capability: 1, source: s}]
)";
  const std::string msg = problems_of(text);
  EXPECT_NE(msg.find("dependency cycle"), std::string::npos) << msg;
  EXPECT_NE(msg.find("a -> b -> c -> a"), std::string::npos) << msg;
}

TEST(Loader, ExpressionRangeIsCheckedOnDraws) {
  const std::string text = std::string(kHead) + R"(parameters:
  x: {dist: uniform, min: 0, max: 1, source: s}
  p: {expr: "x * 2", unit: probability}
actors: [{id: a, name: A, kind: state, capability: 1, source: s}]
)";
  const std::string msg = problems_of(text);
  EXPECT_NE(msg.find("parameters.p: found"), std::string::npos) << msg;
  EXPECT_NE(msg.find("expected a value in [0, 1] (unit probability)"), std::string::npos) << msg;
}

TEST(Loader, SurvivesHostileInputs) {
  EXPECT_NE(problems_of("").find("empty document"), std::string::npos);
  EXPECT_NE(problems_of(std::string("\x7f"
                                    "ELF\0\x01\x02",
                                    7))
                .find("binary"),
            std::string::npos);
  EXPECT_NE(problems_of(std::string(20000, '[')).find("t.yaml:"), std::string::npos) << "deep nesting";
  // An alias bomb: each level doubles the nodes a naive walk visits.
  std::string bomb = "a0: &a0 [x, x]\n";
  for (int i = 1; i < 40; ++i)
    bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [*a" + std::to_string(i - 1) + ", *a" +
            std::to_string(i - 1) + "]\n";
  bomb += "statecraft: 1\n";
  EXPECT_NE(problems_of(bomb).find("unknown key"), std::string::npos);
  std::string tree = std::string(kHead) +
                     "actors: [{id: a, name: A, kind: state, capability: 1, source: s}]\ngames:\n  - id: g\n    title: "
                     "t\n    source: s\n    players: [a]\n    tree: ";
  for (int i = 0; i < 80; ++i) tree += "{player: a, moves: {m: ";
  tree += "{payoffs: [1]}";
  for (int i = 0; i < 80; ++i) tree += "}}";
  EXPECT_NE(problems_of(tree + "\n").find("deeper than 64"), std::string::npos);
}

TEST(Loader, EmbeddedDefaultScenarioIsValid) {
  const auto s = load_default_scenario();
  EXPECT_GE(s.actors.size(), 10u);
  EXPECT_GE(s.issues.size(), 6u);
  EXPECT_GE(s.questions.size(), 8u);
}
