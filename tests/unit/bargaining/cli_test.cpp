// `statecraft bargain` and `statecraft validate-bargaining`, run as a user would.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_run.hpp"

namespace {

using statecraft::testing::CliRun;
using statecraft::testing::run_cli;
using statecraft::testing::scratch_path;

const std::string kKtab = STATECRAFT_DATA_DIR "/ktab/";

}  // namespace

TEST(BargainCli, KtabCsvWithJson) {
  const std::string json = scratch_path("bargain_soe.json");
  const CliRun r = run_cli("bargain " + kKtab + "SOE-Pol-Comp.csv --model smp --json " + json);
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("sha256 dfaeb352d7b8425bfc1ac494287dd468c79543446e6a3611001ad03ea053ed03"), std::string::npos)
      << "provenance carries the input hash:\n"
      << r.out;
  std::ifstream in(json);
  const auto j = nlohmann::json::parse(in);
  EXPECT_EQ(j["provenance"]["input_sha256"], "dfaeb352d7b8425bfc1ac494287dd468c79543446e6a3611001ad03ea053ed03");
  ASSERT_EQ(j["forecasts"].size(), 1u);
  const auto& f = j["forecasts"][0];
  EXPECT_EQ(f["model"], "smp");
  EXPECT_EQ(f["rounds"], 27) << "KTAB's 27 turns";
  ASSERT_EQ(f["history"].size(), 28u) << "initial state plus one per turn";
  EXPECT_NEAR(f["history"][27][0][0].get<double>(), 43.2, 0.05) << "XJ's final policy position (KTAB: 43.2)";
  EXPECT_NEAR(f["probabilities"][27][0].get<double>(), 0.2299, 0.001) << "XJ's final win probability";
}

TEST(BargainCli, AllModels) {
  const CliRun r = run_cli("bargain " + kKtab + "dummyData_3Dim.csv");
  ASSERT_EQ(r.code, 0) << r.out;
  for (const char* m : {"mean", "compromise", "median", "nash", "bdm", "smp"})
    EXPECT_NE(r.out.find(std::string("\n") + m + " "), std::string::npos) << m << " row in:\n" << r.out;
}

TEST(BargainCli, BadInputExitCodes) {
  const std::string bad = scratch_path("bargain_bad.csv");
  std::ofstream(bad) << "s,d,2,1\nA,D,P,X,S\na,,1,50,40\nb,,1,50,140\n";
  CliRun r = run_cli("bargain " + bad);
  EXPECT_EQ(r.code, 65) << "bad data: EX_DATAERR";
  EXPECT_NE(r.out.find(bad + ":4:9: actors[1].salience[0]: found '140'"), std::string::npos) << r.out;
  r = run_cli("bargain " + scratch_path("no_such_file.csv"));
  EXPECT_EQ(r.code, 66) << "missing input: EX_NOINPUT";
  r = run_cli("bargain " + kKtab + "dummyData_3Dim.csv --model nosuch");
  EXPECT_EQ(r.code, 64) << "unknown model: EX_USAGE";
}

TEST(BargainCli, ValidateOnDeu3) {
  const CliRun r = run_cli("validate-bargaining " STATECRAFT_DATA_DIR "/deu3/deu3.tsv --models mean,compromise");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("| compromise | 351 | 23.2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("| mean | 351 | 23.6"), std::string::npos) << r.out;
}

TEST(BargainCli, ScenarioWithoutIssuesIsADataError) {
  const std::string yaml = scratch_path("bargain_no_issues.yaml");
  std::ofstream(yaml) << "statecraft: 1\nmeta:\n  name: No issues\n  as_of: 2026-01-15\n  horizon_months: 12\n"
                         "sources:\n  - {id: s, title: t, outlet: o, date: 2026-01-15, url: https://example.org}\n"
                         "actors:\n  - {id: a, name: A, kind: state, capability: 10, source: s}\n";
  const CliRun r = run_cli("bargain " + yaml);
  EXPECT_EQ(r.code, 65) << "a scenario without issues is bad data, not bad usage:\n" << r.out;
  EXPECT_NE(r.out.find(yaml + ":1:1: issues: found a scenario without issues"), std::string::npos) << r.out;
}

TEST(BargainCli, TooManyActorsAndBadTextAreDataErrors) {
  const std::string big = scratch_path("bargain_501.csv");
  {
    std::ofstream out(big);
    out << "s,d,501,1\nA,D,P,X,S\n";
    for (int i = 0; i < 501; ++i) out << "a" << i << ",,1,50,40\n";
  }
  CliRun r = run_cli("bargain " + big + " --model mean");
  EXPECT_EQ(r.code, 65) << r.out;
  EXPECT_NE(r.out.find(big + ":1:5: nActors: found '501', expected an integer in [1, 500]"), std::string::npos)
      << r.out;
  const std::string bad = scratch_path("bargain_latin1.csv");
  std::ofstream(bad) << "s,d,1,1\nA,D,P,X,S\nM\xFCnchen,,1,50,40\n";
  r = run_cli("bargain " + bad + " --json " + scratch_path("bargain_latin1.json"));
  EXPECT_EQ(r.code, 65) << "invalid UTF-8 is rejected when read, not by the JSON writer (exit 70):\n" << r.out;
  EXPECT_NE(r.out.find(bad + ":3:2: text: found byte 0xFC, expected UTF-8 text"), std::string::npos) << r.out;
  const std::string huge = scratch_path("bargain_huge.csv");
  {
    std::ofstream out(huge);
    out << "s,d,1,1\nA,D,P,X,S\na,,1,50,40\n";
    out << std::string((16u << 20) + 1, '\n');
  }
  r = run_cli("bargain " + huge);
  EXPECT_EQ(r.code, 65) << r.out;
  EXPECT_NE(r.out.find(huge + ":1:1: text: found a file of"), std::string::npos) << r.out;
  std::remove(huge.c_str());
}
