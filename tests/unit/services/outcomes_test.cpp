// The outcomes file of `statecraft score`: every problem located (docs/validation.md).

#include <gtest/gtest.h>

#include <string>

#include "statecraft/scenario/scenario.hpp"
#include "statecraft/services/score.hpp"

namespace {

using statecraft::services::parse_outcomes;

const std::string kExample = std::string(STATECRAFT_SOURCE_DIR) + "/scenarios/examples/two_actors.yaml";

// Outcomes for the example's three event questions (client_complies is a diagnostic).
std::string outcomes(const std::string& first_question = "relief_half", const std::string& first_outcome = "yes",
                     const std::string& extra = "") {
  return "statecraft_outcomes: 1\n"
         "sources:\n"
         "  - {id: s1, citation: A report, date: 2026-06}\n"
         "outcomes:\n"
         "  - {question: " +
         first_question + ", outcome: " + first_outcome +
         ", resolved: 2026-03, source: s1, nothing_changes: no, base_rate: {yes: 1, of: 4, basis: b}}\n"
         "  - {question: relief_compromise, outcome: no, resolved: 2026-03, source: s1, nothing_changes: no, "
         "base_rate: {yes: 0, of: 4, basis: b}}\n"
         "  - {question: collapse, outcome: no, resolved: 2026-07, source: s1, nothing_changes: no, base_rate: {yes: "
         "0, of: 4, basis: b}}\n" +
         extra;
}

std::string problems_of(const std::string& text) {
  const auto s = statecraft::scenario::load_scenario_file(kExample);
  try {
    parse_outcomes(text, "o.yaml", s);
  } catch (const statecraft::ScenarioError& e) {
    return e.what();
  }
  return "";
}

TEST(Outcomes, AValidFileParses) {
  const auto s = statecraft::scenario::load_scenario_file(kExample);
  const auto o = parse_outcomes(outcomes(), "o.yaml", s);
  ASSERT_EQ(o.outcomes.size(), 3u);
  EXPECT_TRUE(o.outcomes[0].yes);
  EXPECT_EQ(o.outcomes[0].base_yes, 1);
  EXPECT_EQ(o.outcomes[0].base_of, 4);
  EXPECT_EQ(o.sha256.size(), 64u);
}

TEST(Outcomes, AnUnknownQuestionIsLocated) {
  const std::string msg = problems_of(outcomes("relief_halff"));
  EXPECT_NE(msg.find("o.yaml:5:16: outcomes.relief_halff.question: found unknown question 'relief_halff'"),
            std::string::npos)
      << msg;
  EXPECT_NE(msg.find("no outcome for question 'relief_half'"), std::string::npos) << msg;
}

TEST(Outcomes, ADiagnosticQuestionHasNoOutcome) {
  EXPECT_NE(problems_of(outcomes("client_complies")).find("an equilibrium diagnostic"), std::string::npos);
}

TEST(Outcomes, ASecondOutcomeForOneQuestionIsAProblem) {
  const std::string extra =
      "  - {question: collapse, outcome: no, resolved: 2026-07, source: s1, nothing_changes: no, base_rate: {yes: 0, "
      "of: 4, basis: b}}\n";
  const std::string msg = problems_of(outcomes("relief_half", "yes", extra));
  EXPECT_NE(msg.find("o.yaml:8:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("a second outcome for 'collapse'"), std::string::npos) << msg;
}

TEST(Outcomes, AnOutcomeIsYesOrNo) {
  const std::string msg = problems_of(outcomes("relief_half", "maybe"));
  EXPECT_NE(msg.find("o.yaml:5:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("found 'maybe', expected yes or no"), std::string::npos) << msg;
}

TEST(Outcomes, UnknownSourcesKeysAndCountsAreLocated) {
  std::string text = outcomes();
  text.replace(text.find("source: s1"), 10, "source: s2");
  EXPECT_NE(problems_of(text).find("unknown source 's2'"), std::string::npos);
  text = outcomes();
  text.replace(text.find("{yes: 1, of: 4"), 14, "{yes: 5, of: 4");
  EXPECT_NE(problems_of(text).find("5 yes of 4"), std::string::npos);
  text = outcomes();
  text.replace(text.find("nothing_changes: no"), 19, "nothing_change: no");
  const std::string msg = problems_of(text);
  EXPECT_NE(msg.find("nothing_change"), std::string::npos) << msg;
}

TEST(Outcomes, AResolutionOnOrBeforeAsOfIsAProblem) {
  std::string text = outcomes();
  text.replace(text.find("resolved: 2026-03"), 17, "resolved: 2025-12");
  EXPECT_NE(problems_of(text).find("a date after the scenario's meta.as_of 2026-01-15"), std::string::npos);
}

TEST(Outcomes, NotAMappingOrNotYaml) {
  EXPECT_NE(problems_of("").find("o.yaml:1:1"), std::string::npos);
  EXPECT_NE(problems_of("- a\n- b\n").find("an outcomes mapping"), std::string::npos);
  EXPECT_NE(problems_of("outcomes: [\n").find("invalid YAML"), std::string::npos);
}

TEST(Outcomes, TheBelarusHindcastIsValidAndFullyResolved) {
  const std::string dir = std::string(STATECRAFT_SOURCE_DIR) + "/scenarios/";
  const auto s = statecraft::scenario::load_scenario_file(dir + "belarus-2025.yaml");
  for (const auto& src : s.sources) EXPECT_FALSE(src.date.empty()) << src.id << " must be dated";
  for (const auto& w : s.warnings) ADD_FAILURE() << "warning: " << w.to_string();
  std::size_t events = 0;
  for (const auto& q : s.questions) {
    EXPECT_FALSE(q.resolution.empty()) << q.id << " needs its resolution rule";
    events += q.diagnostic ? 0 : 1;
  }
  EXPECT_GE(events, 20u);
  const auto o = statecraft::services::load_outcomes(dir + "belarus-2025.outcomes.yaml", s);
  EXPECT_EQ(o.outcomes.size(), events);
}

}  // namespace
