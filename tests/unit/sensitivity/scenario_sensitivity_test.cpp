// Sensitivity of a scenario's forecast: groups from the scenario, indices of a question with a
// known answer, the same numbers on 1 and 2 threads, and the command line.

#include "statecraft/sensitivity/scenario_sensitivity.hpp"

#include <gtest/gtest.h>

#include "scratch_dir.hpp"
#include "statecraft/error.hpp"
#include "statecraft/report/sensitivity_report.hpp"
#include "statecraft/scenario/scenario.hpp"
#include "statecraft/services.hpp"

using namespace statecraft;

namespace {

// Two actors on one issue, their positions in two groups; "always" never varies.
const char* kTwoActors = R"(statecraft: 1
meta: {name: two actors, as_of: 2026-01-01, horizon_months: 12, seed: 3}
sources: [{id: s, title: T, file: x.txt, date: 2020}]
parameters:
  pos_a: {dist: uniform, min: 0, max: 100, source: s, group: alpha}
  pos_b: {dist: triangular, min: 0, mode: 50, max: 100, source: s}
actors:
  - {id: a, name: A, kind: state, capability: 1, source: s}
  - {id: b, name: B, kind: state, capability: {dist: uniform, min: 1, max: 2}, source: s}
issues:
  - id: i
    question: q
    low: l
    high: h
    source: s
    mechanisms: [M7, M1]
    positions:
      a: {position: pos_a, salience: 50}
      b: {position: pos_b, salience: {dist: uniform, min: 40, max: 60}}
questions:
  - {id: always, text: mean at least 0, resolve: {output: issue.i.mean, op: ">=", threshold: 0}}
  - {id: mean_high, text: mean above 60, resolve: {output: issue.i.mean, op: ">=", threshold: 60}}
)";

TEST(ScenarioGroups, TagsAndDefaults) {
  const auto s = scenario::load_scenario(kTwoActors, "two.yaml");
  auto group = [&](const std::string& path) {
    for (const auto& q : s.quantities)
      if (q.path == path) return q.group;
    return std::string("?");
  };
  EXPECT_EQ(s.quantities[static_cast<std::size_t>(s.parameters.at("pos_a"))].group, "alpha");
  EXPECT_EQ(s.quantities[static_cast<std::size_t>(s.parameters.at("pos_b"))].group, "pos_b");  // untagged: its id
  EXPECT_EQ(group("issues.i.positions.b.salience"), "M7");  // the issue's first mechanism
  EXPECT_EQ(group("actors.b.capability"), "actors");        // anonymous: its section
}

TEST(ScenarioGroups, AGroupThatIsNotTextIsAnError) {
  std::string text = kTwoActors;
  text.replace(text.find("group: alpha"), 12, "group: [x]");
  EXPECT_THROW(scenario::load_scenario(text, "bad.yaml"), ScenarioError);
}

sensitivity::ScenarioSensitivity run(const char* text, int threads, std::size_t samples = 512) {
  const auto s = scenario::load_scenario(text, "two.yaml");
  sensitivity::ScenarioOptions o;
  o.seed = 5;
  o.samples = samples;
  o.threads = threads;
  o.tornado_draws = 4;
  return sensitivity::analyse(s, o);
}

TEST(ScenarioSensitivity, SameNumbersOnOneAndTwoThreads) {
  const auto a = run(kTwoActors, 1), b = run(kTwoActors, 2);
  EXPECT_EQ(report::sensitivity_json(a), report::sensitivity_json(b));
  EXPECT_EQ(report::sensitivity_text(a), report::sensitivity_text(b));
}

TEST(ScenarioSensitivity, GroupsAndIndicesOfTheMean) {
  const auto r = run(kTwoActors, 0, 2048);
  std::vector<std::string> names;
  for (const auto& g : r.groups) names.push_back(g.name);
  EXPECT_EQ(names, (std::vector<std::string>{"alpha", "pos_b", "actors", "M7", "chance"}));
  // The unweighted mean (pos_a + pos_b) / 2 is additive: first-order = total for each group,
  // V(pos_a) = 100^2/12 and V(pos_b) = 100^2/24, so pos_a explains 2/3, pos_b 1/3, the rest 0.
  const sensitivity::OutputIndices* mean = nullptr;
  for (const auto& o : r.outputs)
    if (o.id == "mean_high") mean = &o;
  ASSERT_NE(mean, nullptr);
  EXPECT_TRUE(r.outputs.front().indices.constant);  // threshold 0: always yes
  EXPECT_GT(mean->indices.groups[0].total.estimate, mean->indices.groups[1].total.estimate);
  EXPECT_LT(mean->indices.groups[2].total.high, 0.02);  // capabilities do not enter the mean
  EXPECT_LT(mean->indices.groups[4].total.high, 0.02);  // no chance in this model
  EXPECT_EQ(r.tornadoes.size(), 2u);
}

TEST(ScenarioSensitivity, AQuestionOnTheBargainingModelsRunsThemOnEveryPoint) {
  std::string text = kTwoActors;
  const std::string mean = "output: issue.i.mean, op: \">=\", threshold: 60";
  text.replace(text.find(mean), mean.size(), "output: issue.i.bdm, op: \">=\", threshold: 60");
  ASSERT_NE(text.find("issue.i.bdm"), std::string::npos);
  const auto r = run(text.c_str(), 0, 32);
  ASSERT_EQ(r.outputs.size(), 3u) << "both questions and the issue";
  EXPECT_EQ(r.outputs[1].id, "mean_high") << "the question on BDM's forecast is answered";
  EXPECT_FALSE(r.outputs[1].indices.constant);
}

TEST(ScenarioSensitivity, NoUncertainNumberIsAUsageError) {
  const char* fixed = R"(statecraft: 1
meta: {name: fixed, as_of: 2026-01-01, horizon_months: 12, seed: 3}
sources: [{id: s, title: T, file: x.txt, date: 2020}]
actors: [{id: a, name: A, kind: state, capability: 1, source: s}]
)";
  const auto s = scenario::load_scenario(fixed, "fixed.yaml");
  EXPECT_THROW(sensitivity::analyse(s, {}), UsageError);
}

class ForecastDrivers : public statecraft::testing::ScratchDir {};

TEST_F(ForecastDrivers, AreTheGroupsWithTheLargestTotalIndex) {
  const auto file = (dir_ / "two.yaml").string();
  statecraft::testing::spit(file, kTwoActors);
  services::ForecastOptions o;
  o.scenario_file = file;
  o.draws = 2000;
  o.driver_samples = 1024;
  const auto r = services::forecast(o);
  const auto& q = r.questions[1];  // mean_high: pos_a explains 2/3 of the mean's variance
  ASSERT_EQ(q.id, "mean_high");
  ASSERT_EQ(q.drivers.size(), 2u) << "capabilities, salience and chance take no part in the mean";
  EXPECT_EQ(q.drivers[0].group, "alpha");
  EXPECT_EQ(q.drivers[1].group, "pos_b");
  EXPECT_LE(q.drivers[0].low, q.drivers[0].total);
  EXPECT_GE(q.drivers[0].high, q.drivers[0].total);
  EXPECT_TRUE(r.questions[0].drivers.empty()) << "a constant answer has no driver";
  o.driver_samples = 0;
  EXPECT_TRUE(services::forecast(o).questions[1].drivers.empty());
}

class SensitivityCli : public statecraft::testing::ScratchDir {};

TEST_F(SensitivityCli, WritesJsonWithProvenanceAndRejectsBadOptions) {
  auto path = [&](const char* name) { return (dir_ / name).string(); };
  statecraft::testing::spit(path("two.yaml"), kTwoActors);
  const auto r = statecraft::testing::run_cli("sensitivity " + path("two.yaml") +
                                              " --samples 64 --tornado-draws 2 --json " + path("out.json"));
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(r.out.rfind("# statecraft ", 0), 0u) << r.out;  // provenance first
  EXPECT_NE(r.out.find("TORNADO"), std::string::npos);
  const auto json = statecraft::testing::slurp(path("out.json"));
  EXPECT_NE(json.find("\"tool\": \"statecraft sensitivity\""), std::string::npos) << json.substr(0, 300);
  EXPECT_EQ(statecraft::testing::run_cli("sensitivity " + path("two.yaml") + " --samples 1").code, 64);
  EXPECT_EQ(statecraft::testing::run_cli("sensitivity " + path("missing.yaml")).code, 66);
}

}  // namespace
