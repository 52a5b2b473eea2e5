// `statecraft solve` end to end: output, JSON with provenance, exit codes on bad input.

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_run.hpp"

namespace fs = std::filesystem;

namespace {
using Run = statecraft::testing::CliRun;
Run run(const std::string& args) { return statecraft::testing::run_cli(args); }
std::string game(const std::string& name) { return (fs::path(STATECRAFT_DATA_DIR) / "gambit-games" / name).string(); }
}  // namespace

TEST(games_SolveCli, EnumWithJson) {
  const fs::path out = fs::path(statecraft::testing::scratch_path("solve_test.json"));
  const auto r = run("solve " + game("e04.nfg") + " --json " + out.string());
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("# statecraft"), std::string::npos) << "provenance header";
  EXPECT_NE(r.out.find("sha256"), std::string::npos) << "input hash in the header";
  EXPECT_NE(r.out.find("3 equilibria"), std::string::npos) << r.out;
  std::ifstream f(out);
  const auto j = nlohmann::json::parse(f);
  EXPECT_EQ(j["equilibria"].size(), 3u) << "JSON equilibria";
  EXPECT_EQ(j["provenance"]["input_sha256"].get<std::string>().size(), 64u) << "SHA-256 in JSON provenance";
  fs::remove(out);
}

TEST(games_SolveCli, MethodsOnTrees) {
  const auto spe = run("solve " + game("nim.efg"));
  EXPECT_EQ(spe.code, 0) << spe.out;
  EXPECT_NE(spe.out.find("method: spe"), std::string::npos) << "perfect information defaults to spe";
  const auto seq = run("solve " + game("e13.efg"));
  EXPECT_EQ(seq.code, 0) << seq.out;
  EXPECT_NE(seq.out.find("method: seq"), std::string::npos) << "2-player imperfect information defaults to seq";
  const auto red = run("solve " + game("e04.efg") + " --method enum --exact");
  EXPECT_EQ(red.code, 0) << red.out;
  EXPECT_NE(red.out.find("reduced normal form"), std::string::npos) << "normal-form method on a tree";
}

TEST(games_SolveCli, BadInputExitCodes) {
  const fs::path bad = fs::path(statecraft::testing::scratch_path("bad.nfg"));
  {
    std::ofstream f(bad);
    f << "NFG 1 R \"x\" { \"a\" \"b\" } { 2 2 }\n1 2 3 oops\n";
  }
  const auto r = run("solve " + bad.string());
  EXPECT_EQ(r.code, 65) << "malformed file is a data error: " << r.out;
  EXPECT_NE(r.out.find(bad.string() + ":2:7"), std::string::npos) << "FILE:LINE:COL in the message: " << r.out;
  fs::remove(bad);
  EXPECT_EQ(run("solve /nonexistent/game.nfg").code, 66) << "missing input";
  EXPECT_EQ(run("solve " + game("e04.nfg") + " --method spe").code, 64) << "method that does not fit the game";
  EXPECT_EQ(run("solve " + game("e04.nfg") + " --method nonsense").code, 64) << "unknown method";
}

TEST(games_SolveCli, HugePayoffIsADataErrorNotAnAbort) {
  // Issue 10: 1e400 made GLPK abort (exit 134) in --method dominance and lp.
  const fs::path bad = fs::path(statecraft::testing::scratch_path("huge.nfg"));
  {
    std::ofstream f(bad);
    f << "NFG 1 R \"x\" { \"a\" \"b\" } { 2 2 }\n1 -1 1e400 -1e400 0 0 1 -1\n";
  }
  for (const char* m : {"dominance", "lp", "enum"}) {
    const auto r = run("solve " + bad.string() + " --method " + m);
    EXPECT_EQ(r.code, 65) << m << ": " << r.out;
    EXPECT_NE(r.out.find(bad.string() + ":2:6"), std::string::npos) << r.out;
  }
  fs::remove(bad);
}

TEST(games_SolveCli, TreeTooLargeForSequenceFormIsRefused) {
  // Issue 10: a 39 KB chain made `seq` grow to 2.5 GB. Alternating players, 1600 information sets.
  const fs::path big = fs::path(statecraft::testing::scratch_path("chain.efg"));
  {
    std::ofstream f(big);
    f << "EFG 2 R \"chain\" { \"a\" \"b\" } \"\"\n";
    for (int k = 0; k < 1600; ++k)
      f << "p \"\" " << k % 2 + 1 << ' ' << k / 2 + 1 << " \"\" { \"l\" \"r\" } 0\nt \"\" " << (k % 2) + 1 << " \"\" { "
        << (k % 2 ? "1, 0" : "0, 1") << " }\n";
    f << "t \"\" 3 \"\" { 2, 2 }\n";
  }
  const auto r = run("solve " + big.string() + " --method seq");
  EXPECT_EQ(r.code, 64) << r.out.substr(0, 400);
  EXPECT_NE(r.out.find("too large for --method seq"), std::string::npos) << r.out.substr(0, 400);
  fs::remove(big);
}

TEST(games_SolveCli, ScenarioGameAtCentralValues) {
  const std::string scen = std::string(STATECRAFT_SOURCE_DIR) + "/scenarios/examples/two_actors.yaml";
  const auto r = run("solve " + scen + " --game demand");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("method: spe"), std::string::npos) << "a perfect-information tree: " << r.out;
  EXPECT_NE(r.out.find("\"refuse\"=1"), std::string::npos) << "the client refuses at the central values: " << r.out;
  const auto missing = run("solve " + scen + " --game nonexistent");
  EXPECT_EQ(missing.code, 64) << missing.out;
  EXPECT_NE(missing.out.find("its games:"), std::string::npos) << "lists the game ids: " << missing.out;
  EXPECT_EQ(run("solve " + game("e04.nfg") + " --game x").code, 64) << "--game needs a scenario";
}
