// How the CLI treats its output paths: devices and FIFOs are written through (never replaced),
// an input is never overwritten, several outputs are written all or nothing, outputs are
// checked before any work starts, and a failed write to standard output exits 74.
//
// Device nodes are made with mknod inside a private temporary directory (the tests run as
// root); no test ever names a real device such as /dev/null or /dev/full.

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli_run.hpp"
#include "scratch_dir.hpp"

namespace fs = std::filesystem;
using statecraft::testing::run_cli;
using statecraft::testing::run_shell;
using statecraft::testing::slurp;
using statecraft::testing::spit;

namespace {

const std::string kScenario = std::string(STATECRAFT_SOURCE_DIR) + "/scenarios/belarus.yaml";

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

class OutputFiles : public statecraft::testing::ScratchDir {};

}  // namespace

TEST_F(OutputFiles, ForecastRefusesToOverwriteItsInput) {
  const fs::path in = dir_ / "in.yaml";
  fs::copy_file(kScenario, in);
  const std::string before = slurp(in);
  const auto r = run_cli("forecast " + q(in) + " --draws 10 --quiet --json " + q(in));
  EXPECT_EQ(r.code, 64) << r.out;
  EXPECT_NE(r.out.find("input"), std::string::npos) << r.out;
  EXPECT_EQ(slurp(in), before) << "the scenario was overwritten";
}

TEST_F(OutputFiles, ForecastRefusesAnInputReachedThroughASymlink) {
  const fs::path in = dir_ / "in.yaml", link = dir_ / "out.json";
  fs::copy_file(kScenario, in);
  fs::create_symlink(in, link);
  const std::string before = slurp(in);
  const auto r = run_cli("forecast " + q(in) + " --draws 10 --quiet --json " + q(link));
  EXPECT_EQ(r.code, 64) << r.out;
  EXPECT_EQ(slurp(in), before);
}

TEST_F(OutputFiles, ForecastWritesThroughACharacterDevice) {
  const fs::path null = device("null", 3);
  const auto r = run_cli("forecast --draws 10 --quiet --json " + q(null));
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_TRUE(is_char_device(null)) << "the device node was replaced by a regular file";
}

TEST_F(OutputFiles, ForecastKeepsTheModeOfTheFileItReplaces) {
  const fs::path out = dir_ / "out.json";
  spit(out, "old");
  fs::permissions(out, fs::perms::owner_read | fs::perms::owner_write);
  ASSERT_EQ(run_cli("forecast --draws 10 --quiet --json " + q(out)).code, 0);
  EXPECT_NE(slurp(out), "old");
  EXPECT_EQ(fs::status(out).permissions(), fs::perms::owner_read | fs::perms::owner_write);
}

TEST_F(OutputFiles, ForecastRefusesToReplaceAReadOnlyFile) {
  const fs::path out = dir_ / "out.json";
  spit(out, "keep");
  fs::permissions(out, fs::perms::owner_read | fs::perms::group_read);
  const auto r = run_cli("forecast --draws 10 --quiet --json " + q(out));
  EXPECT_EQ(r.code, 74) << r.out;
  EXPECT_NE(r.out.find("read-only"), std::string::npos) << r.out;
  EXPECT_EQ(slurp(out), "keep");
}

TEST_F(OutputFiles, ForecastChecksItsOutputBeforeReadingTheScenario) {
  // The output's directory is missing: that is reported (74) before the scenario is even read,
  // so a long run never starts only to fail at the end.
  const fs::path bad = dir_ / "bad.yaml";
  spit(bad, "meta: [unclosed\n");
  const auto r = run_cli("forecast " + q(bad) + " --json " + q(dir_ / "missing" / "out.json"));
  EXPECT_EQ(r.code, 74) << r.out;
  EXPECT_NE(r.out.find("missing"), std::string::npos) << r.out;
}

TEST_F(OutputFiles, FullStandardOutputExits74) {
  const fs::path full = device("full", 7);
  // The subshell keeps standard error (which run_shell collects) apart from the full device.
  const auto r = run_shell("(" + std::string(STATECRAFT_CLI) + " forecast --draws 10 > " + q(full) + ")");
  EXPECT_EQ(r.code, 74) << r.out;
  EXPECT_NE(r.out.find("standard output"), std::string::npos) << r.out;
  EXPECT_TRUE(is_char_device(full));
}

TEST_F(OutputFiles, FullStandardOutputForJsonDashExits74) {
  const fs::path full = device("full", 7);
  const auto r = run_shell("(" + std::string(STATECRAFT_CLI) + " forecast --draws 10 --json - > " + q(full) + ")");
  EXPECT_EQ(r.code, 74) << r.out;
}

TEST_F(OutputFiles, SimulateLeavesNoOutputWhenALaterOneCannotBeWritten) {
  const fs::path csv = dir_ / "a.csv", png = dir_ / "a.png";
  const auto r = run_cli("simulate --agents 1000 --steps 3 --quiet --snapshot-step 0 --snapshot " + q(png) + " --csv " +
                         q(csv) + " --json " + q(dir_ / "missing" / "b.json"));
  EXPECT_EQ(r.code, 74) << r.out;
  EXPECT_FALSE(fs::exists(csv)) << "the CSV was left behind";
  EXPECT_FALSE(fs::exists(png)) << "the snapshot was left behind";
}

TEST_F(OutputFiles, SimulateLeavesNoOutputWhenAWriteFailsAtTheEnd) {
  const fs::path csv = dir_ / "a.csv", full = device("full", 7);
  const auto r = run_cli("simulate --agents 1000 --steps 3 --quiet --csv " + q(csv) + " --json " + q(full));
  EXPECT_EQ(r.code, 74) << r.out;
  EXPECT_FALSE(fs::exists(csv)) << "the CSV was left behind";
  EXPECT_TRUE(is_char_device(full));
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_)) ++entries;
  EXPECT_EQ(entries, 1U) << "a temporary file was left behind";
}

TEST_F(OutputFiles, SimulateWritesEveryOutput) {
  const fs::path csv = dir_ / "a.csv", json = dir_ / "a.json", png = dir_ / "a.png";
  const auto r = run_cli("simulate --agents 1000 --steps 3 --quiet --snapshot " + q(png) + " --csv " + q(csv) +
                         " --json " + q(json));
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_FALSE(slurp(csv).empty());
  EXPECT_FALSE(slurp(json).empty());
  EXPECT_EQ(slurp(png).substr(1, 3), "PNG");
}

TEST_F(OutputFiles, SimulateRefusesTheSameFileForTwoOutputs) {
  const fs::path out = dir_ / "a.out";
  const auto r = run_cli("simulate --agents 1000 --steps 3 --quiet --csv " + q(out) + " --json " + q(out));
  EXPECT_EQ(r.code, 64) << r.out;
  EXPECT_FALSE(fs::exists(out));
}
