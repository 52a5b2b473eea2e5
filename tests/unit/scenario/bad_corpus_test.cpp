// Runs `statecraft validate` on every tests/data/bad_*.yaml listed in tests/data/bad_cases.tsv
// and checks the exit code (65) and that the report names the expected line and text.

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_run.hpp"

namespace {

struct BadCase {
  std::string file;
  int line = 0;
  std::string substring;
};

// Names a case by its file in test output.
void PrintTo(const BadCase& c, std::ostream* os) { *os << c.file; }

std::vector<BadCase> load_cases() {
  std::vector<BadCase> cases;
  std::ifstream in(std::string(STATECRAFT_SOURCE_DIR) + "/tests/data/bad_cases.tsv");
  std::string row;
  while (std::getline(in, row)) {
    if (row.empty() || row[0] == '#') continue;
    std::istringstream ss(row);
    BadCase c;
    std::string line;
    std::getline(ss, c.file, '\t');
    std::getline(ss, line, '\t');
    std::getline(ss, c.substring);
    c.line = std::stoi(line);
    cases.push_back(c);
  }
  return cases;
}

using statecraft::testing::CliRun;
CliRun run(const std::string& args) { return statecraft::testing::run_cli(args); }

class BadCorpus : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadCorpus, RejectedWithLocatedMessage) {
  const BadCase& c = GetParam();
  const std::string path = std::string(STATECRAFT_SOURCE_DIR) + "/tests/data/" + c.file;
  const CliRun r = run("validate '" + path + "'");
  EXPECT_EQ(r.code, 65) << c.file << " must be rejected as bad data; output:\n" << r.out;
  const std::string where = c.file + ":" + std::to_string(c.line) + ":";
  EXPECT_NE(r.out.find(where), std::string::npos)
      << c.file << ": expected a message at line " << c.line << "; output:\n"
      << r.out;
  EXPECT_NE(r.out.find(c.substring), std::string::npos) << c.file << ": expected '" << c.substring << "'; output:\n"
                                                        << r.out;
}

std::string case_name(const ::testing::TestParamInfo<BadCase>& info) {
  std::string n = info.param.file.substr(0, info.param.file.find('.'));
  for (char& ch : n)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BadCorpus, ::testing::ValuesIn(load_cases()), case_name);

TEST(BadCorpusInventory, EveryFixtureIsListedAndThereAreAtLeast30) {
  const auto cases = load_cases();
  EXPECT_GE(cases.size(), 30u) << "the bad-input corpus must hold at least 30 cases";
  std::size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(std::string(STATECRAFT_SOURCE_DIR) + "/tests/data")) {
    const std::string name = e.path().filename().string();
    if (name.rfind("bad_", 0) != 0 || e.path().extension() != ".yaml") continue;
    ++files;
    bool listed = false;
    for (const auto& c : cases) listed = listed || c.file == name;
    EXPECT_TRUE(listed) << name << " is not listed in bad_cases.tsv";
  }
  EXPECT_EQ(files, cases.size());
}

TEST(CliExitCodes, FollowSysexits) {
  EXPECT_EQ(run("validate /nonexistent/file.yaml").code, 66) << "missing input";
  EXPECT_EQ(run("validate").code, 64) << "missing argument";
  EXPECT_EQ(run("frobnicate").code, 64) << "unknown subcommand";
  EXPECT_EQ(run("validate '" + std::string(STATECRAFT_SOURCE_DIR) + "/scenarios/belarus.yaml'").code, 0)
      << "the flagship scenario is valid";
  const std::string ex = std::string(STATECRAFT_SOURCE_DIR) + "/scenarios/examples/two_actors.yaml";
  EXPECT_EQ(run("forecast '" + ex + "' -n 10 --json /nonexistent/dir/out.json").code, 74) << "unwritable output";
}

}  // namespace
