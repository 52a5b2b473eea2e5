// Hostile scenarios: long dependency chains, oversized and endless inputs, heavy games. Each must
// end with a clear located answer (valid, or exit 65), never a crash or an unbounded run.

#include <gtest/gtest.h>

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
actors: [{id: a, name: A, kind: state, capability: 1, source: s}]
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
  const auto ok = statecraft::testing::run_shell("ulimit -s 1024 && " + std::string(STATECRAFT_CLI) + " validate " + write("chain.yaml", chain(6000, false)));
  EXPECT_EQ(ok.code, 0) << ok.out;
  const auto cyc = statecraft::testing::run_shell("ulimit -s 1024 && " + std::string(STATECRAFT_CLI) + " validate " + write("cycle.yaml", chain(6000, true)));
  EXPECT_EQ(cyc.code, 65) << cyc.out.substr(0, 2000);
  EXPECT_NE(cyc.out.find("cycle.yaml:6:"), std::string::npos) << "located at the first member, p0";
  EXPECT_NE(cyc.out.find("a dependency cycle p0 -> p1"), std::string::npos) << cyc.out.substr(0, 2000);
}

}  // namespace
