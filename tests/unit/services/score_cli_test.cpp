// `statecraft score` from the command line: the report, the JSON, and its refusals.

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_run.hpp"

namespace {

using statecraft::testing::run_cli;
using statecraft::testing::scratch_path;

const std::string kDir = std::string(STATECRAFT_SOURCE_DIR) + "/scenarios/";

TEST(ScoreCli, ScoresTheHindcastAgainstTheReferenceForecasters) {
  const std::string json = scratch_path("score.json");
  const auto r = run_cli("score '" + kDir + "belarus-2025.yaml' '" + kDir +
                         "belarus-2025.outcomes.yaml' --draws 40 --bargaining-draws 2 --json '" + json + "'");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(r.out.rfind("statecraft ", 0), 0u) << "provenance first:\n" << r.out;
  for (const char* name : {"statecraft", "always 50%", "base rate", "nothing changes"})
    EXPECT_NE(r.out.find(name), std::string::npos) << name;
  std::ifstream in(json);
  const auto j = nlohmann::ordered_json::parse(in);
  std::remove(json.c_str());
  EXPECT_EQ(j.begin().key(), "provenance");
  ASSERT_EQ(j["forecasters"].size(), 4u);
  EXPECT_DOUBLE_EQ(j["forecasters"][1]["brier"].get<double>(), 0.25) << "always 50%";
  EXPECT_GE(j["questions"].size(), 20u);
}

TEST(ScoreCli, AnUnknownQuestionInTheOutcomesIsLocated) {
  const std::string bad = scratch_path("bad_outcomes.yaml");
  {
    std::ofstream out(bad);
    out << "statecraft_outcomes: 1\nsources:\n  - {id: s, citation: c, date: 2026-01}\noutcomes:\n"
           "  - {question: nosuch, outcome: yes, resolved: 2025-06, source: s, nothing_changes: no, base_rate: {yes: "
           "0, of: 4, basis: b}}\n";
  }
  const auto r = run_cli("score '" + kDir + "belarus-2025.yaml' '" + bad + "' --draws 5");
  std::remove(bad.c_str());
  EXPECT_EQ(r.code, 65) << r.out;
  EXPECT_NE(r.out.find(bad + ":5:16: outcomes.nosuch.question: found unknown question 'nosuch'"), std::string::npos)
      << r.out;
}

TEST(ScoreCli, AnUndatedSourceIsRefused) {
  const std::string undated = scratch_path("undated.yaml");
  {
    std::ofstream out(undated);
    out << "statecraft: 1\nmeta: {name: t, as_of: 2025-01-15, horizon_months: 6}\nsources:\n"
           "  - {id: s1, title: A source, url: https://example.org}\n"
           "actors:\n  - {id: a, name: A, kind: state, capability: 1, source: s1}\n";
  }
  const auto u = run_cli("score '" + undated + "' '" + kDir + "belarus-2025.outcomes.yaml' --draws 5");
  std::remove(undated.c_str());
  EXPECT_EQ(u.code, 65) << u.out;
  EXPECT_NE(u.out.find(undated + ":4:5: sources.s1.date: found a source without a date"), std::string::npos) << u.out;
}

TEST(ScoreCli, ValidateRejectsASourceDatedAfterAsOf) {
  const std::string late = scratch_path("late.yaml");
  {
    std::ofstream out(late);
    out << "statecraft: 1\nmeta: {name: t, as_of: 2025-01-15, horizon_months: 6}\nsources:\n"
           "  - {id: s1, title: A source, date: 2025-03, url: https://example.org}\n"
           "actors:\n  - {id: a, name: A, kind: state, capability: 1, source: s1}\n";
  }
  const auto r = run_cli("validate '" + late + "'");
  std::remove(late.c_str());
  EXPECT_EQ(r.code, 65) << r.out;
  EXPECT_NE(
      r.out.find(late + ":4:37: sources.s1.date: found '2025-03' (up to 2025-03-31), after meta.as_of 2025-01-15"),
      std::string::npos)
      << r.out;
}

}  // namespace
