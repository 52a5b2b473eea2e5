// Gambit formats: every shipped game loads, round-trips exactly, and malformed input is reported
// with FILE:LINE:COL.

#include "statecraft/games/gambit_io.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "statecraft/error.hpp"
#include "statecraft/io.hpp"

namespace fs = std::filesystem;
using namespace statecraft;
using namespace statecraft::games;

namespace {
std::vector<fs::path> gambit_files() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fs::path(STATECRAFT_DATA_DIR) / "gambit-games"))
    if (e.path().extension() == ".nfg" || e.path().extension() == ".efg") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}
}  // namespace

TEST(games_GambitIo, AllShippedGamesLoadAndRoundTrip) {
  const auto files = gambit_files();
  ASSERT_EQ(files.size(), 130u) << "the shared data set holds 130 Gambit games";
  std::size_t nfg = 0, efg = 0;
  for (const auto& f : files) {
    SCOPED_TRACE(f.string());
    AnyGame g;
    ASSERT_NO_THROW(g = load_gambit(f.string())) << "every shipped Gambit game must load";
    if (auto* n = std::get_if<NormalFormGame>(&g)) {
      ++nfg;
      const std::string text = write_nfg(*n);
      const NormalFormGame back = parse_nfg(text, "written");
      EXPECT_TRUE(back == *n) << "nfg written and reloaded must equal the original";
      EXPECT_EQ(back.has_outcomes(), n->has_outcomes()) << "outcome version is preserved";
      EXPECT_EQ(write_nfg(back), text) << "writing is a fixed point";
    } else {
      ++efg;
      const auto& e = std::get<ExtensiveGame>(g);
      const std::string text = write_efg(e);
      const ExtensiveGame back = parse_efg(text, "written");
      EXPECT_TRUE(back == e) << "efg written and reloaded must equal the original";
      EXPECT_EQ(write_efg(back), text) << "writing is a fixed point";
    }
  }
  EXPECT_EQ(nfg, 44u) << "number of .nfg files";
  EXPECT_EQ(efg, 86u) << "number of .efg files";
}

TEST(games_GambitIo, ReadsValuesExactly) {
  const auto g = parse_nfg("NFG 1 D \"t \\\"q\\\"\" { \"A\" \"B\" } { 3 1 }\n 0.25 -3/4 1e-2 2.5E+1 -7 0\n", "x.nfg");
  EXPECT_EQ(g.title(), "t \"q\"") << "escaped quotes in labels";
  EXPECT_EQ(g.payoff(0, 0), Rational(1, 4)) << "decimal 0.25";
  EXPECT_EQ(g.payoff(0, 1), Rational(-3, 4)) << "rational -3/4";
  EXPECT_EQ(g.payoff(1, 0), Rational(1, 100)) << "exponent 1e-2";
  EXPECT_EQ(g.payoff(1, 1), Rational(25)) << "exponent 2.5E+1";
  EXPECT_EQ(g.strategies()[0][1], "2") << "count version labels strategies 1..k";
  const auto back = parse_nfg(write_nfg(g), "y.nfg");
  EXPECT_TRUE(back == g) << "round trip with quotes in title";
}

TEST(games_GambitIo, OutcomeVersion) {
  const auto g = parse_nfg(
      "NFG 1 R \"\" { \"1\" \"2\" } { { \"a\" \"b\" } { \"c\" } } \"\" { { \"o1\" 1, 2 } { \"o2\" 3 4 } } 2 0\n");
  EXPECT_EQ(g.payoff(0, 0), Rational(3)) << "cell 1 uses outcome 2";
  EXPECT_EQ(g.payoff(1, 1), Rational(0)) << "outcome 0 is all zeros";
  EXPECT_TRUE(g.has_outcomes());
}

namespace {
std::string error_of(const std::string& text, bool efg) {
  try {
    if (efg)
      parse_efg(text, "bad.efg");
    else
      parse_nfg(text, "bad.nfg");
  } catch (const FormatError& e) {
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST(games_GambitIo, MalformedFilesReportLocation) {
  EXPECT_NE(error_of("NFG 1 R \"x\" { \"a\" \"b\" } { 2 2 }\n1 2 3\n", false).find("bad.nfg:3:1"), std::string::npos)
      << "too few payoffs reported at end of file: "
      << error_of("NFG 1 R \"x\" { \"a\" \"b\" } { 2 2 }\n1 2 3\n", false);
  EXPECT_NE(error_of("NFG 1 R \"x\" { \"a\" } { 2 }\n1 2/0\n", false).find("bad.nfg:2:3"), std::string::npos)
      << "zero denominator located";
  EXPECT_NE(error_of("NFG 2 R", false).find("bad.nfg:1:5"), std::string::npos) << "wrong version";
  EXPECT_NE(error_of("NFG 1 R \"x", false).find("unterminated"), std::string::npos) << "unterminated string";
  EXPECT_NE(error_of("EFG 2 R \"\" { \"a\" } \"\"\np \"\" 2 1 \"\" { \"x\" } 0\n", true).find("bad.efg:2:6"),
            std::string::npos)
      << "player out of range";
  EXPECT_NE(error_of("EFG 2 R \"\" { \"a\" } \"\"\np \"\" 1 1 0\n", true).find("used before"), std::string::npos)
      << "infoset without definition";
  EXPECT_NE(
      error_of("EFG 2 R \"\" { \"a\" } \"\"\np \"\" 1 1 \"\" { \"x\" \"y\" } 0\nt \"\" 0\n", true).find("bad.efg:4:1"),
      std::string::npos)
      << "missing subtree at end of file";
  EXPECT_NE(error_of("EFG 2 R \"\" { \"a\" } \"\"\nt \"\" 0\nt", true).find("end of file"), std::string::npos)
      << "trailing garbage";
  // Found by the fuzzer: a few bytes declaring 2^23 cells made the parser allocate the whole table
  // (seconds, gigabytes) before finding the payoffs missing.
  EXPECT_NE(error_of("NFG 1 R \"x\" { \"a\" \"b\" } { 4096 2048 }\n1 2\n", false).find("bad.nfg:1:25"),
            std::string::npos)
      << "a huge game declared in a short file is rejected at its strategies: "
      << error_of("NFG 1 R \"x\" { \"a\" \"b\" } { 4096 2048 }\n1 2\n", false);
}

TEST(games_GambitIo, ChanceProbabilitiesMustSumToOne) {
  const std::string head = "EFG 2 R \"\" { \"a\" } \"\"\n";
  const std::string bad = head + "c \"\" 1 \"\" { \"x\" 1/2 \"y\" 1/3 } 0\nt \"\" 0\nt \"\" 0\n";
  EXPECT_NE(error_of(bad, true).find("bad.efg:2:6"), std::string::npos) << "located: " << error_of(bad, true);
  EXPECT_NE(error_of(bad, true).find("summing to 5/6"), std::string::npos) << error_of(bad, true);
  EXPECT_NO_THROW(parse_efg(head + "c \"\" 1 \"\" { \"x\" 1/3 \"y\" 2/3 } 0\nt \"\" 0\nt \"\" 0\n", "ok.efg"))
      << "exact rationals summing to 1";
  EXPECT_NO_THROW(
      parse_efg(head + "c \"\" 1 \"\" { \"x\" 0.3333333333 \"y\" 0.6666666667 } 0\nt \"\" 0\nt \"\" 0\n", "ok.efg"))
      << "decimals rounded in the file";
}

TEST(games_GambitIo, PayoffsMustBeFiniteDoubles) {
  // Issue 10: 1e400 made GLPK abort in --method dominance and lp.
  const std::string nfg = "NFG 1 R \"x\" { \"a\" \"b\" } { 2 1 }\n1 2 1e400 0\n";
  EXPECT_NE(error_of(nfg, false).find("bad.nfg:2:5"), std::string::npos) << error_of(nfg, false);
  EXPECT_NE(error_of(nfg, false).find("finite payoff"), std::string::npos) << error_of(nfg, false);
  const std::string efg = "EFG 2 R \"\" { \"a\" } \"\"\nt \"\" 1 \"o\" { -2e309 }\n";
  EXPECT_NE(error_of(efg, true).find("bad.efg:2:14"), std::string::npos) << error_of(efg, true);
  EXPECT_NO_THROW(parse_nfg("NFG 1 R \"x\" { \"a\" } { 1 }\n1e300\n", "ok.nfg")) << "large but finite";
}

TEST(games_GambitIo, LabelsMustBeUtf8) {
  const std::string nfg = "NFG 1 R \"x\" { \"a\xff\" \"b\" } { 1 1 }\n1 2\n";
  EXPECT_NE(error_of(nfg, false).find("bad.nfg:1:15"), std::string::npos) << error_of(nfg, false);
  EXPECT_NE(error_of(nfg, false).find("UTF-8"), std::string::npos) << error_of(nfg, false);
  EXPECT_NE(error_of("NFG 1 R \"\xc0\xaf\" { \"a\" } { 1 }\n1\n", false).find("UTF-8"), std::string::npos)
      << "overlong encoding";
  EXPECT_NO_THROW(parse_nfg("NFG 1 R \"Лукашенко — ☃\" { \"a\" } { 1 }\n1\n", "ok.nfg")) << "valid UTF-8";
}

TEST(games_GambitIo, ChanceReachBeyondMemoryIsRefused) {
  // A chain of chance nodes whose probabilities have 2000-digit denominators: the exact reach
  // probability at depth k has ~13 300 k bits. Refused at read time instead of GMP aborting later.
  const std::string big(2000, '7');
  std::string text = "EFG 2 R \"\" { \"a\" } \"\"\n";
  for (int k = 0; k < 120; ++k)
    text += "c \"\" " + std::to_string(k + 1) + " \"\" { \"x\" 1/" + big + " \"y\" " + big.substr(1) + "6/" + big +
            " } 0\nt \"\" 0\n";
  text += "t \"\" 0\n";
  const std::string e = error_of(text, true);
  EXPECT_NE(e.find("bits"), std::string::npos) << e.substr(0, 300);
}

TEST(games_GambitIo, ManyInformationSetsLoad) {
  // Issue 10: reading was quadratic in the number of information sets (40 000: 5.7 s). A chain
  // of 40 000 one-node information sets alternating between two players must load (no timing
  // assertion; the test would take minutes with the quadratic reader).
  std::string text = "EFG 2 R \"\" { \"a\" \"b\" } \"\"\n";
  constexpr int kSets = 40000;
  for (int k = 0; k < kSets; ++k)
    text += "p \"\" " + std::to_string(k % 2 + 1) + " " + std::to_string(k / 2 + 1) +
            " \"\" { \"l\" \"r\" } 0\nt \"\" 1 \"\" { 1, 2 }\n";
  text += "t \"\" 2 \"\" { 0, 0 }\n";
  const auto g = parse_efg(text, "chain.efg");
  EXPECT_EQ(g.infosets().size(), static_cast<std::size_t>(kSets));
}
