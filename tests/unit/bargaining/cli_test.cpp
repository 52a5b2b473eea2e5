// `statecraft bargain` and `statecraft validate-bargaining`, run as a user would.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

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
      << "provenance carries the input hash:\n" << r.out;
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
