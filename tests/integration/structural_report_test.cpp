// The forecast report's calibration (issue 12, section 4): every timeline question of the flagship
// carries its Monte Carlo interval and, apart, the answers under each bargaining model with their
// spread; the likelihood words belong to the combined answer.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_run.hpp"
#include "scratch_dir.hpp"

namespace {

std::string tmp(const std::string& name) { return statecraft::testing::scratch_path(name); }

}  // namespace

TEST(StructuralReport, EveryTimelineQuestionHasEachModelsAnswerAndItsSpread) {
  const std::string out = tmp("structural.json");
  const auto r = statecraft::testing::run_cli("forecast --draws 1000 --quiet --json " + out);
  ASSERT_EQ(r.code, 0) << r.out;
  const auto j = nlohmann::json::parse(statecraft::testing::slurp(out));
  std::filesystem::remove(out);
  ASSERT_EQ(j["structural"].size(), 1u);
  EXPECT_EQ(j["structural"][0]["id"], "bargaining_model");
  ASSERT_EQ(j["structural"][0]["alternatives"].size(), 5u);
  std::size_t timeline_questions = 0;
  for (const auto& q : j["questions"]) {
    if (!q.contains("probability_by_month")) {
      EXPECT_FALSE(q.contains("structural")) << q["id"] << ": a static question has no structural choice";
      continue;
    }
    ++timeline_questions;
    ASSERT_EQ(q["structural"].size(), 1u) << q["id"];
    const auto& sa = q["structural"][0];
    EXPECT_EQ(sa["choice"], "bargaining_model");
    ASSERT_EQ(sa["answers"].size(), 5u);
    std::size_t draws = 0, yes = 0;
    for (const auto& a : sa["answers"]) {
      EXPECT_DOUBLE_EQ(a["weight"].get<double>(), 0.2);
      draws += a["draws"].get<std::size_t>();
      yes += a["yes"].get<std::size_t>();
      EXPECT_LE(a["wilson95"][0].get<double>(), a["probability"].get<double>());
      EXPECT_GE(a["wilson95"][1].get<double>(), a["probability"].get<double>());
    }
    EXPECT_EQ(draws, q["draws"].get<std::size_t>()) << q["id"];
    EXPECT_EQ(yes, q["yes"].get<std::size_t>()) << q["id"] << ": the combined answer is the mixture";
    const double p = q["probability"].get<double>();
    EXPECT_GE(p, sa["spread"]["min"].get<double>() - 1e-12) << q["id"];
    EXPECT_LE(p, sa["spread"]["max"].get<double>() + 1e-12) << q["id"];
    EXPECT_TRUE(q.contains("likelihood") && q.contains("wilson95")) << q["id"];
    EXPECT_FALSE(sa["answers"][0].contains("likelihood")) << "words only for the combined answer";
  }
  EXPECT_EQ(timeline_questions, 14u);
}

TEST(StructuralReport, TheTerminalReportShowsTheSpreadUnderTheAnswer) {
  const auto r = statecraft::testing::run_cli("forecast --draws 300");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("STRUCTURAL CHOICES"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("bargaining_model: compromise "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("; spread "), std::string::npos) << r.out;
}
