// The progress bar is for people at a terminal: with standard error redirected to a file (not a
// terminal) the long-running commands write no bar there, however long they run.

#include <gtest/gtest.h>

#include "scratch_dir.hpp"

namespace {

using statecraft::testing::run_shell;
using statecraft::testing::slurp;

class Progress : public statecraft::testing::ScratchDir {
 protected:
  /// Standard error of `statecraft ARGS` with standard output kept apart.
  std::string stderr_of(const std::string& args) {
    const auto err = dir_ / "stderr.txt";
    const auto r = run_shell(std::string(STATECRAFT_CLI) + " " + args + " >'" + (dir_ / "stdout.txt").string() +
                             "' 2>'" + err.string() + "'");
    EXPECT_EQ(r.code, 0) << slurp(err);
    return slurp(err);
  }
};

TEST_F(Progress, NoBarWhenStandardErrorIsNotATerminal) {
  EXPECT_EQ(stderr_of("forecast --draws 3000"), "");
  EXPECT_EQ(stderr_of("simulate --steps 200 --agents 5000"), "");
  EXPECT_EQ(stderr_of("validate-bargaining '" + std::string(STATECRAFT_DATA_DIR) + "/deu3/deu3.tsv'"), "");
}

}  // namespace
