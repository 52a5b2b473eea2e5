// Runs the CLI on the flagship scenario and compares key numbers with the golden file
// tests/golden/belarus_forecast.json (regenerate with tests/golden/regenerate.sh after a
// deliberate model or scenario change, and say why in the commit).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli_run.hpp"

namespace {

const std::string kCli = STATECRAFT_CLI;
const std::string kScenario = std::string(STATECRAFT_SOURCE_DIR) + "/scenarios/belarus.yaml";
const std::string kGolden = std::string(STATECRAFT_SOURCE_DIR) + "/tests/golden/belarus_forecast.json";

int run(const std::string& args, std::string* out = nullptr) {
  const auto r = statecraft::testing::run_cli(args);
  if (out) *out = r.out;
  return r.code;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string tmp(const std::string& name) { return statecraft::testing::scratch_path(name); }

}  // namespace

TEST(BelarusForecast, MatchesGoldenKeyNumbers) {
  const std::string out = tmp("golden.json");
  ASSERT_EQ(run("forecast '" + kScenario + "' --draws 20000 --seed 20261122 --quiet --json " + out), 0);
  const auto got = nlohmann::json::parse(slurp(out));
  const auto want = nlohmann::json::parse(slurp(kGolden));
  std::filesystem::remove(out);
  EXPECT_EQ(got["provenance"]["input_sha256"], want["provenance"]["input_sha256"])
      << "belarus.yaml changed: regenerate the golden file (tests/golden/regenerate.sh)";
  ASSERT_EQ(got["questions"].size(), want["questions"].size());
  for (std::size_t i = 0; i < want["questions"].size(); ++i) {
    const auto& w = want["questions"][i];
    const auto& g = got["questions"][i];
    EXPECT_EQ(g["id"], w["id"]);
    EXPECT_EQ(g["modelled"], w["modelled"]) << w["id"];
    if (w["modelled"].get<bool>()) {
      EXPECT_NEAR(g["probability"].get<double>(), w["probability"].get<double>(), 0.01) << w["id"];
    }
  }
  ASSERT_EQ(got["issues"].size(), want["issues"].size());
  for (std::size_t i = 0; i < want["issues"].size(); ++i) {
    for (const char* model : {"compromise", "median", "bdm", "smp"}) {
      for (const char* stat : {"p05", "p50", "p95"}) {
        EXPECT_NEAR(got["issues"][i]["models"][model][stat].get<double>(),
                    want["issues"][i]["models"][model][stat].get<double>(), 0.5)
            << want["issues"][i]["id"] << " " << model << " " << stat;
      }
    }
  }
}

TEST(BelarusForecast, JsonIsByteIdenticalOnOneAndTwoThreads) {
  const std::string a = tmp("t1.json"), b = tmp("t2.json");
  ASSERT_EQ(run("forecast --draws 5000 --threads 1 --quiet --json " + a), 0);
  ASSERT_EQ(run("forecast --draws 5000 --threads 2 --quiet --json " + b), 0);
  const std::string ja = slurp(a), jb = slurp(b);
  std::filesystem::remove(a);
  std::filesystem::remove(b);
  EXPECT_FALSE(ja.empty());
  EXPECT_EQ(ja, jb) << "the embedded default forecast must not depend on the number of threads";
}

TEST(BelarusForecast, DefaultRunPrintsProvenanceFirstFromAnyDirectory) {
  const auto r = statecraft::testing::run_shell("cd / && " + kCli + " forecast --draws 200");
  const std::string& out = r.out;
  EXPECT_EQ(r.code, 0) << out;
  EXPECT_EQ(out.rfind("statecraft ", 0), 0u) << out;
  EXPECT_NE(out.find("sha256"), std::string::npos);
  EXPECT_NE(out.find("KEY JUDGMENTS"), std::string::npos);
  EXPECT_EQ(out.find("NOT YET MODELLED"), std::string::npos) << "every question of belarus.yaml is answered";
  EXPECT_NE(out.find("EQUILIBRIUM DIAGNOSTICS"), std::string::npos) << "diagnostics are reported apart";
  EXPECT_NE(out.find("by 2028-11"), std::string::npos) << "answers carry their date";
  EXPECT_NE(out.find("TIMELINE"), std::string::npos);
}

TEST(BelarusForecast, FailedRunLeavesNoOutputFile) {
  const std::string out = tmp("never.json");
  const std::string bad = std::string(STATECRAFT_SOURCE_DIR) + "/tests/data/bad_position_over_100.yaml";
  std::string msg;
  EXPECT_EQ(run("forecast '" + bad + "' --json " + out, &msg), 65) << msg;
  EXPECT_FALSE(std::filesystem::exists(out)) << "no output may be written for a bad scenario";
}

TEST(BelarusBargain, EveryIssueGetsEveryModel) {
  const std::string out = tmp("bargain.json");
  std::string msg;
  ASSERT_EQ(run("bargain '" + kScenario + "' --json " + out, &msg), 0) << msg;
  const auto j = nlohmann::json::parse(slurp(out));
  std::filesystem::remove(out);
  EXPECT_EQ(j["provenance"]["tool"], "statecraft bargain");
  ASSERT_EQ(j["issues"].size(), 8u) << "one entry per issue of belarus.yaml";
  for (const auto& issue : j["issues"]) {
    ASSERT_EQ(issue["forecasts"].size(), 6u) << issue["problem"]["name"];
    for (const auto& f : issue["forecasts"]) {
      const double x = f["outcome"][0].get<double>();
      EXPECT_GE(x, 0.0) << issue["problem"]["name"] << " " << f["model"];
      EXPECT_LE(x, 100.0) << issue["problem"]["name"] << " " << f["model"];
    }
  }
  EXPECT_NE(msg.find("# troops_to_ukraine: 5 actors"), std::string::npos)
      << "only the actors with a say in Minsk's decision: " << msg;
}
