// `mpirun -np N statecraft forecast|compare|sensitivity`: the draws (design points) are split
// across the ranks, and rank 0 writes exactly the bytes one process writes, whatever N; a rank
// whose draw fails stops the run with that draw's error and leaves no output file. (Built when
// statecraft is built with MPI.)

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "cli_run.hpp"
#include "scratch_dir.hpp"

namespace fs = std::filesystem;
using statecraft::testing::CliRun;
using statecraft::testing::run_cli;
using statecraft::testing::run_shell;
using statecraft::testing::slurp;
using statecraft::testing::spit;

namespace {

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

// In the ASan build, the ranks' leak check leaves out what Open MPI itself holds at exit
// (tests/sanitizers/openmpi-lsan.supp says what and why).
std::string sanitizer_env() {
#if defined(__SANITIZE_ADDRESS__)
  return "env LSAN_OPTIONS=suppressions='" STATECRAFT_SOURCE_DIR
         "/tests/sanitizers/openmpi-lsan.supp' ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0 ";
#else
  return "";
#endif
}

// The tests run as root, which Open MPI refuses without --allow-run-as-root.
CliRun mpirun(int ranks, const std::string& args) {
  return run_shell(sanitizer_env() + STATECRAFT_MPIEXEC + " --oversubscribe --allow-run-as-root -np " +
                   std::to_string(ranks) + " " + STATECRAFT_CLI + " " + args);
}

class MpiForecast : public statecraft::testing::ScratchDir {};

// 700 draws are three blocks of 256 (the last one short): one, two or three ranks hold them in
// every split. The embedded scenario runs every lens, the timeline included.
TEST_F(MpiForecast, OneTwoAndThreeRanksWriteTheBytesOfOneProcess) {
  const std::string common = "forecast --draws 700 --seed 11 --threads 1 --quiet --bargaining-draws 50 --json ";
  const auto single = run_cli(common + q(dir_ / "single.json"));
  ASSERT_EQ(single.code, 0) << single.out;
  const std::string expected = slurp(dir_ / "single.json");
  ASSERT_GT(expected.size(), 1000u);
  for (int ranks = 1; ranks <= 3; ++ranks) {
    const fs::path out = dir_ / ("ranks" + std::to_string(ranks) + ".json");
    const auto r = mpirun(ranks, common + q(out));
    ASSERT_EQ(r.code, 0) << ranks << " ranks: " << r.out;
    if (ranks > 1) {
      EXPECT_NE(r.out.find("spread over " + std::to_string(ranks) + " MPI ranks"), std::string::npos) << r.out;
    }
    EXPECT_TRUE(slurp(out) == expected) << ranks << " ranks wrote other bytes than one process";
  }
}

// A comparison spreads each run's draws, and a sensitivity analysis its design's points, as a
// forecast does: one, two or three ranks write the bytes of one process. 700 draws are three
// blocks of 256; 64 rows of the design are 256 points, sixteen blocks of 16.
TEST_F(MpiForecast, CompareAndSensitivityWriteTheBytesOfOneProcess) {
  const std::string data = q(std::string(STATECRAFT_SOURCE_DIR) + "/tests/data/whatif_variants.yaml");
  const std::vector<std::pair<std::string, std::string>> commands = {
      {"compare", "compare " + data + " --variants higher,same --draws 700 --seed 5 --threads 1 --quiet --json "},
      {"sensitivity", "sensitivity " + data + " --samples 64 --seed 5 --threads 1 --quiet --json "}};
  for (const auto& [name, common] : commands) {
    const auto single = run_cli(common + q(dir_ / (name + ".json")));
    ASSERT_EQ(single.code, 0) << single.out;
    const std::string expected = slurp(dir_ / (name + ".json"));
    ASSERT_GT(expected.size(), 500u) << name;
    for (int ranks = 1; ranks <= 3; ++ranks) {
      const fs::path out = dir_ / (name + std::to_string(ranks) + ".json");
      const auto r = mpirun(ranks, common + q(out));
      ASSERT_EQ(r.code, 0) << name << ", " << ranks << " ranks: " << r.out;
      if (ranks > 1) EXPECT_NE(r.out.find("over " + std::to_string(ranks) + " MPI ranks"), std::string::npos) << r.out;
      EXPECT_TRUE(slurp(out) == expected) << name << ", " << ranks << " ranks wrote other bytes than one process";
    }
  }
}

// A draw leaves its range only now and then (p_x > 0.996); with this seed the first such draw
// falls in the third block, which rank 2 of 3 computes.
TEST_F(MpiForecast, AFailingRankStopsTheRunWithItsErrorAndNoOutput) {
  std::string yaml = slurp(std::string(STATECRAFT_SOURCE_DIR) + "/tests/data/bad_expr_out_of_range.yaml");
  const auto replace = [&](const std::string& from, const std::string& to) {
    const auto at = yaml.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    yaml.replace(at, from.size(), to);
  };
  replace("min: 0.1, max: 0.5", "min: 0, max: 1");
  replace("p_x * 4", "p_x * 1.004");
  spit(dir_ / "rare.yaml", yaml);
  const std::string args = "forecast " + q(dir_ / "rare.yaml") + " --draws 768 --seed 1 --threads 1 --quiet --json ";
  const auto single = run_cli(args + q(dir_ / "single.json"));
  ASSERT_EQ(single.code, 65) << single.out;
  const auto draw_at = single.out.find("in draw ");
  ASSERT_NE(draw_at, std::string::npos) << single.out;
  const auto line_at = single.out.rfind('\n', draw_at) + 1;  // npos + 1 = 0 on the first line
  const std::string diagnostic = single.out.substr(line_at, single.out.find('\n', draw_at) - line_at);
  ASSERT_GE(std::stoul(single.out.substr(draw_at + 8)), 512u) << "the premise: the first failing draw is rank 2's";

  const auto r = mpirun(3, args + q(dir_ / "three.json"));
  EXPECT_NE(r.code, 0) << r.out;
  EXPECT_NE(r.out.find(diagnostic), std::string::npos) << "expected '" << diagnostic << "' in:\n" << r.out;
  EXPECT_NE(r.out.find("rank 2 of 3 failed"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir_ / "three.json"));
}

}  // namespace
