// Echoed input in messages: control characters and line breaks are escaped, so no input can
// forge a "file:line:" line of its own.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli_run.hpp"
#include "statecraft/error.hpp"

namespace {

namespace fs = std::filesystem;

// Lines of `out` that start with `prefix`.
int lines_starting_with(const std::string& out, const std::string& prefix) {
  std::istringstream in(out);
  int n = 0;
  for (std::string line; std::getline(in, line);) n += line.rfind(prefix, 0) == 0 ? 1 : 0;
  return n;
}

TEST(Diagnostics, ControlCharactersAreEscaped) {
  statecraft::Diagnostic d;
  d.where.file = "scenarios/a\nb.yaml";
  d.where.line = 3;
  d.where.column = 4;
  d.path = "parameters.p_x\r.value";
  d.found = "x\nforged.yaml:1:1: y\t\x01\x7f";
  d.expected = "a number z\xc2\x85w\xe2\x80\xa8";
  EXPECT_EQ(d.to_string(),
            "scenarios/a\\nb.yaml:3:4: parameters.p_x\\r.value: found x\\nforged.yaml:1:1: y\\t\\x01\\x7f, expected a "
            "number z\\u0085w\\u2028");
  EXPECT_EQ(statecraft::printable("plain: d\xc3\xa9j\xc3\xa0 vu"), "plain: d\xc3\xa9j\xc3\xa0 vu")
      << "other UTF-8 kept";
}

TEST(Diagnostics, EchoedInputCannotForgeALine) {
  const auto dir = fs::path(statecraft::testing::scratch_path("diag"));
  fs::create_directories(dir);
  const auto file = (dir / "forge.yaml").string();
  std::ofstream(file) << "statecraft: 1\n"
                         "meta: {name: t, as_of: 2026-01-01, horizon_months: 12}\n"
                         "sources: [{id: s, title: T, file: x.txt}]\n"
                         "actors: [{id: a, name: A, kind: state, capability: 1, source: s}]\n"
                         "parameters:\n"
                         "  p: {expr: \"1 +\\nforged.yaml:1:1: all good\\n\"}\n";
  const auto r = statecraft::testing::run_cli("validate " + file);
  EXPECT_EQ(r.code, 65) << r.out;
  EXPECT_EQ(lines_starting_with(r.out, "forged.yaml:"), 0) << r.out;
  EXPECT_NE(r.out.find("\\nforged.yaml:1:1: all good"), std::string::npos) << r.out;
  const auto u = statecraft::testing::run_cli("simulate --seed \"$(printf '1\\nforged.yaml:2:2: x')\"");
  EXPECT_EQ(u.code, 64) << u.out;
  EXPECT_EQ(lines_starting_with(u.out, "forged.yaml:"), 0) << u.out;
  const auto m = statecraft::testing::run_cli("simulate --mode \"$(printf 'x\\nforged.yaml:3:3: x')\"");
  EXPECT_EQ(m.code, 64) << m.out;
  EXPECT_EQ(lines_starting_with(m.out, "forged.yaml:"), 0) << m.out;
  fs::remove_all(dir);
}

}  // namespace
