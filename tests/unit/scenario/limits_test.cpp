// Hostile scenarios: long dependency chains, oversized and endless inputs, heavy games. Each must
// end with a clear located answer (valid, or exit 65), never a crash or an unbounded run.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli_run.hpp"

namespace {

namespace fs = std::filesystem;
using statecraft::testing::CliRun;

const char* kHead = R"(statecraft: 1
meta: {name: t, as_of: 2026-01-01, horizon_months: 12}
sources: [{id: s, title: T, file: x.txt}]
actors:
  - {id: a, name: A, kind: state, capability: 1, source: s}
)";

class Limits : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(statecraft::testing::scratch_path("limits"));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) {
    const auto p = (dir_ / name).string();
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
  fs::path dir_;
};

// p0 = p1, p1 = p2, ..., the last a number (or, with `cycle`, p0 again).
std::string chain(int n, bool cycle) {
  std::string t = std::string(kHead) + "parameters:\n";
  for (int i = 0; i + 1 < n; ++i) t += "  p" + std::to_string(i) + ": {expr: \"p" + std::to_string(i + 1) + "\"}\n";
  t += "  p" + std::to_string(n - 1) + (cycle ? ": {expr: \"p0\"}\n" : ": {value: 1, source: s}\n");
  return t;
}

TEST_F(Limits, DependencyChainsNeedNoDeepStack) {
  // A 1 MiB stack stands in for a chain ten times longer on the usual 8 MiB.
  const auto ok = statecraft::testing::run_shell("ulimit -s 1024 && " + std::string(STATECRAFT_CLI) + " validate " +
                                                 write("chain.yaml", chain(6000, false)));
  EXPECT_EQ(ok.code, 0) << ok.out;
  const auto cyc = statecraft::testing::run_shell("ulimit -s 1024 && " + std::string(STATECRAFT_CLI) + " validate " +
                                                  write("cycle.yaml", chain(6000, true)));
  EXPECT_EQ(cyc.code, 65) << cyc.out.substr(0, 2000);
  EXPECT_NE(cyc.out.find("cycle.yaml:7:"), std::string::npos) << "located at the first member, p0";
  EXPECT_NE(cyc.out.find("a dependency cycle p0 -> p1"), std::string::npos) << cyc.out.substr(0, 2000);
}

// A two-player normal form with n strategies each and every payoff zero.
std::string square_game(int n) {
  std::string t = std::string(kHead) +
                  "  - {id: b, name: B, kind: state, capability: 1, source: s}\n"
                  "games:\n  - id: g\n    title: G\n    source: s\n    players: [a, b]\n    strategies:\n      a: [";
  for (int i = 0; i < n; ++i) t += (i ? ", x" : "x") + std::to_string(i);
  t += "]\n      b: [";
  for (int i = 0; i < n; ++i) t += (i ? ", y" : "y") + std::to_string(i);
  t += "]\n    payoffs:\n";
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) t += "      x" + std::to_string(i) + ",y" + std::to_string(j) + ": [0, 0]\n";
  return t;
}

TEST_F(Limits, ExpressionCountIsBounded) {
  std::string t = std::string(kHead) + "parameters:\n";
  for (int i = 0; i <= 50000; ++i) t += "  p" + std::to_string(i) + ": {expr: \"1\"}\n";
  const auto r = statecraft::testing::run_cli("validate " + write("many.yaml", t));
  EXPECT_EQ(r.code, 65) << r.out.substr(0, 2000);
  EXPECT_NE(r.out.find("many.yaml:50007:"), std::string::npos)
      << "at the first expression over the limit: " << r.out.substr(0, 2000);
  EXPECT_NE(r.out.find("more than 50000 expressions"), std::string::npos);
}

TEST_F(Limits, GamesTooHeavyToSolveInEveryDrawAreRefusedAtLoad) {
  const auto big = write("big.yaml", square_game(20));
  const auto v = statecraft::testing::run_cli("validate " + big);
  EXPECT_EQ(v.code, 65) << v.out;
  EXPECT_NE(v.out.find("big.yaml:13:7: games.g.strategies: found a 20x20 game"), std::string::npos) << v.out;
  const auto f = statecraft::testing::run_cli("forecast " + big + " --draws 1");
  EXPECT_EQ(f.code, 65) << "forecast refuses it the same way instead of running out of memory";
  EXPECT_EQ(statecraft::testing::run_cli("validate " + write("small.yaml", square_game(6))).code, 0);
}

TEST_F(Limits, OversizedFilesAreRefusedBeforeReading) {
  const auto sparse = (dir_ / "sparse.yaml").string();
  std::ofstream(sparse) << "statecraft: 1\n";
  fs::resize_file(sparse, (std::uintmax_t{17} << 20));
  const auto r = statecraft::testing::run_cli("validate " + sparse);
  EXPECT_EQ(r.code, 65) << r.out;
  EXPECT_NE(r.out.find("sparse.yaml: found a file of 17825792 bytes, expected a scenario file of at most 16 MiB"),
            std::string::npos)
      << r.out;
}

TEST_F(Limits, StreamsAreReadOnlyUpToTheLimit) {
  // The writer offers 100 MB; the reader must stop after 16 MiB, which breaks the writer's pipe.
  // The FIFO exists before either side starts; opening it read-write at the end (which never
  // blocks) releases a writer still waiting for a reader, so the test cannot hang.
  const std::string d = dir_.string();
  ASSERT_EQ(::mkfifo((dir_ / "in.yaml").c_str(), 0600), 0);
  const auto r = statecraft::testing::run_shell(
      "cd '" + d + "' && { head -c 100000000 /dev/zero > in.yaml; echo $? > writer_rc; } & " +
      std::string(STATECRAFT_CLI) + " validate '" + d + "/in.yaml' 2>&1; echo \"rc=$?\"; : <> '" + d +
      "/in.yaml'; wait");
  EXPECT_NE(r.out.find("more than 16 MiB from a stream or device"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("rc=65"), std::string::npos) << r.out;
  std::ifstream rc(dir_ / "writer_rc");
  int writer = 0;
  rc >> writer;
  EXPECT_NE(writer, 0) << "the writer could deliver all 100 MB: the input was read without a bound";
}

}  // namespace
