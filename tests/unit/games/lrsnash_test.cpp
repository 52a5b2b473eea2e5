// Extreme-equilibrium enumeration checked against lrsnash (lrslib): the sets of extreme
// equilibria must be equal as exact rationals, on every 2-player game shipped with Gambit and
// on seeded random games (including degenerate ones with small integer payoffs).

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "statecraft/games/extensive_form.hpp"
#include "statecraft/games/gambit_io.hpp"
#include "statecraft/games/solvers.hpp"
#include "statecraft/random.hpp"

namespace fs = std::filesystem;
using namespace statecraft;
using namespace statecraft::games;

namespace {

const char* kLrsnash = "/usr/bin/lrsnash";

using Pair = std::pair<std::vector<Rational>, std::vector<Rational>>;

// Runs lrsnash on the bimatrix of g and returns its equilibria (x, y).
std::set<Pair> run_lrsnash(const NormalFormGame& g, const std::string& tag) {
  const std::size_t m = g.num_strategies(0), n = g.num_strategies(1);
  const fs::path in = fs::temp_directory_path() / ("statecraft_lrs_" + tag + ".txt");
  {
    std::ofstream f(in);
    f << m << ' ' << n << "\n\n";
    for (std::size_t p = 0; p < 2; ++p) {
      for (std::size_t i = 0; i < m; ++i) {
        for (std::size_t j = 0; j < n; ++j) f << g.payoff(i + m * j, p).get_str() << ' ';
        f << '\n';
      }
      f << '\n';
    }
  }
  const std::string cmd = std::string(kLrsnash) + " " + in.string() + " 2>/dev/null";
  FILE* pipe = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  while (pipe && fgets(buf, sizeof buf, pipe)) out += buf;
  if (pipe) pclose(pipe);
  fs::remove(in);
  // Blocks separated by blank lines: "2 y... payoff" lines and "1 x... payoff" lines; each block
  // pairs every x with every y.
  std::set<Pair> eq;
  std::vector<std::vector<Rational>> xs, ys;
  auto flush = [&] {
    for (const auto& x : xs)
      for (const auto& y : ys) eq.emplace(x, y);
    xs.clear();
    ys.clear();
  };
  std::istringstream is(out);
  std::string line;
  while (std::getline(is, line)) {
    if (line.empty() || line.find_first_not_of(" \t\r") == std::string::npos) {
      flush();
      continue;
    }
    if (line[0] == '*') continue;
    std::istringstream ls(line);
    int who = 0;
    ls >> who;
    std::vector<Rational> v;
    std::string tok;
    while (ls >> tok) v.emplace_back(tok);
    if (!v.empty()) v.pop_back();  // the payoff
    for (auto& q : v) q.canonicalize();
    if (who == 1)
      xs.push_back(v);
    else if (who == 2)
      ys.push_back(v);
  }
  flush();
  return eq;
}

std::set<Pair> ours(const NormalFormGame& g, bool exact, bool parallel) {
  EnumOptions o;
  o.exact_pivoting = exact;
  o.parallel = parallel;
  const auto sol = enumerate_extreme_equilibria(g, o);
  EXPECT_TRUE(sol.complete) << "enumeration complete";
  std::set<Pair> s;
  for (const auto& e : sol.equilibria) {
    EXPECT_TRUE(e.exact) << "every reported equilibrium is exact";
    EXPECT_TRUE(is_nash(g, e.profile)) << "every reported equilibrium is a Nash equilibrium";
    s.emplace(e.profile[0], e.profile[1]);
  }
  return s;
}

std::string show(const std::set<Pair>& s) {
  std::ostringstream o;
  for (const auto& [x, y] : s) {
    o << "  (";
    for (const auto& q : x) o << q.get_str() << ' ';
    o << "| ";
    for (const auto& q : y) o << q.get_str() << ' ';
    o << ")\n";
  }
  return o.str();
}

bool have_lrsnash() { return fs::exists(kLrsnash); }

using Payoffs = std::vector<std::vector<Rational>>;

/// Both players' m x n payoffs drawn uniformly from 0..max_payoff out of `rs`.
std::pair<Payoffs, Payoffs> random_payoffs(std::size_t m, std::size_t n, RandomStream& rs, std::uint64_t max_payoff) {
  Payoffs a(m, std::vector<Rational>(n)), b = a;
  for (auto* x : {&a, &b})
    for (auto& r : *x)
      for (auto& v : r) v = Rational(static_cast<long>(rs.below(max_payoff + 1)));
  return {a, b};
}

NormalFormGame random_game(std::size_t m, std::size_t n, std::uint64_t seed, std::uint64_t max_payoff) {
  RandomStream rs(seed, 0, StreamId::kGames);
  const auto [a, b] = random_payoffs(m, n, rs, max_payoff);
  return NormalFormGame::bimatrix(a, b);
}

// A game with repeated rows and columns: a random m x n game with payoffs 0..max_payoff whose
// rows and columns are then partly overwritten by copies of others (both players' payoffs), so
// that best-response polytopes have many tied bases.
NormalFormGame repeated_game(std::size_t m, std::size_t n, std::uint64_t seed, std::uint64_t max_payoff) {
  RandomStream rs(seed, 1, StreamId::kGames);
  auto [a, b] = random_payoffs(m, n, rs, max_payoff);
  for (std::size_t i = 1; i < m; ++i)
    if (rs.below(3) == 0) {
      const std::size_t src = rs.below(i);
      a[i] = a[src];
      if (rs.below(2) == 0) b[i] = b[src];
    }
  for (std::size_t j = 1; j < n; ++j)
    if (rs.below(3) == 0) {
      const std::size_t src = rs.below(j);
      for (std::size_t i = 0; i < m; ++i) {
        b[i][j] = b[i][src];
        if (rs.below(2) == 0) a[i][j] = a[i][src];
      }
    }
  return NormalFormGame::bimatrix(a, b);
}

}  // namespace

TEST(games_Lrsnash, DegenerateGameWithSixExtremeEquilibria) {
  // Issue 10: floating-point mode found 3 of the 6 extreme equilibria yet claimed completeness.
  const auto g = NormalFormGame::bimatrix(std::vector<std::vector<double>>{{1, 1, 0}, {1, 1, 0}},
                                          std::vector<std::vector<double>>{{1, 0, 1}, {0, 1, 0}});
  const auto got = ours(g, false, true);
  EXPECT_EQ(got.size(), 6u) << show(got);
  EXPECT_EQ(ours(g, true, false), got) << "exact pivoting gives the same set";
  if (have_lrsnash()) {
    EXPECT_EQ(got, run_lrsnash(g, "six")) << "lrsnash agrees";
  }
}

TEST(games_Lrsnash, SeededGamesWithRepeatedRowsAndColumns) {
  if (!have_lrsnash()) GTEST_SKIP() << "lrsnash (Debian package lrslib) not installed";
  std::uint64_t seed = 5000;
  for (std::size_t m = 2; m <= 5; ++m)
    for (std::size_t n = 2; n <= 5; ++n)
      for (int k = 0; k < 12; ++k) {
        const auto g = repeated_game(m, n, ++seed, 3);
        SCOPED_TRACE(std::to_string(m) + "x" + std::to_string(n) + " repeated rows/columns, seed " +
                     std::to_string(seed));
        const auto ref = run_lrsnash(g, "rep" + std::to_string(seed));
        const auto got = ours(g, false, (k % 2) == 0);
        EXPECT_EQ(got, ref) << "ours:\n" << show(got) << "lrsnash:\n" << show(ref);
      }
}

TEST(games_Lrsnash, ShippedTwoPlayerGames) {
  if (!have_lrsnash()) GTEST_SKIP() << "lrsnash (Debian package lrslib) not installed";
  std::size_t checked = 0;
  for (const auto& e : fs::directory_iterator(fs::path(STATECRAFT_DATA_DIR) / "gambit-games")) {
    if (e.path().extension() != ".nfg") continue;
    const auto g = std::get<NormalFormGame>(load_gambit(e.path().string()));
    if (g.num_players() != 2) continue;
    SCOPED_TRACE(e.path().filename().string());
    const auto ref = run_lrsnash(g, e.path().stem().string());
    const auto got = ours(g, false, true);
    EXPECT_EQ(got, ref) << "ours:\n" << show(got) << "lrsnash:\n" << show(ref);
    const auto got_exact = ours(g, true, false);
    EXPECT_EQ(got_exact, ref) << "exact pivoting, ours:\n" << show(got_exact) << "lrsnash:\n" << show(ref);
    ++checked;
  }
  EXPECT_GE(checked, 20u) << "number of 2-player games compared";
}

TEST(games_Lrsnash, ReducedFormsOfDegenerateTrees) {
  // Reduced normal forms repeat payoff rows and columns, so most vertices are degenerate and
  // their partners are found by searching faces of Q (in floating point, checked exactly).
  if (!have_lrsnash()) GTEST_SKIP() << "lrsnash (Debian package lrslib) not installed";
  for (const char* name : {"tim.efg", "e04.efg", "e07.efg", "bhg1.efg"}) {
    SCOPED_TRACE(name);
    const auto tree =
        std::get<ExtensiveGame>(load_gambit((fs::path(STATECRAFT_DATA_DIR) / "gambit-games" / name).string()));
    const auto g = reduced_normal_form(tree);
    const auto ref = run_lrsnash(g, std::string("tree_") + name);
    const auto got = ours(g, false, true);
    EXPECT_EQ(got, ref) << "ours:\n" << show(got) << "lrsnash:\n" << show(ref);
  }
}

TEST(games_Lrsnash, WiderGamesWithRepeatedRowsAndColumns) {
  // Faces of Q with many free columns: searched rather than solved choice by choice.
  if (!have_lrsnash()) GTEST_SKIP() << "lrsnash (Debian package lrslib) not installed";
  std::uint64_t seed = 7000;
  for (const auto& [m, n] : {std::pair<std::size_t, std::size_t>{3, 9}, {4, 12}, {6, 10}, {9, 4}, {8, 8}})
    for (int k = 0; k < 4; ++k) {
      const auto g = repeated_game(m, n, ++seed, k < 2 ? 1 : 3);
      SCOPED_TRACE(std::to_string(m) + "x" + std::to_string(n) + " repeated rows/columns, seed " +
                   std::to_string(seed));
      const auto ref = run_lrsnash(g, "wide" + std::to_string(seed));
      const auto got = ours(g, false, (k % 2) == 0);
      EXPECT_EQ(got, ref) << "ours:\n" << show(got) << "lrsnash:\n" << show(ref);
    }
}

TEST(games_Lrsnash, SeededRandomGamesIncludingDegenerate) {
  if (!have_lrsnash()) GTEST_SKIP() << "lrsnash (Debian package lrslib) not installed";
  struct Case {
    std::size_t m, n;
    std::uint64_t max_payoff;
    int count;
  };
  const Case cases[] = {{2, 2, 1, 20}, {3, 3, 2, 20}, {4, 4, 2, 15}, {3, 5, 3, 10}, {5, 5, 3, 10},
                        {6, 6, 9, 5},  {8, 8, 99, 3}, {8, 8, 3, 3},  {7, 4, 1, 5}};
  std::uint64_t seed = 1000;
  for (const auto& c : cases)
    for (int k = 0; k < c.count; ++k) {
      const auto g = random_game(c.m, c.n, ++seed, c.max_payoff);
      SCOPED_TRACE(std::to_string(c.m) + "x" + std::to_string(c.n) + " payoffs 0.." + std::to_string(c.max_payoff) +
                   " seed " + std::to_string(seed));
      const auto ref = run_lrsnash(g, "rand" + std::to_string(seed));
      const auto got = ours(g, false, (k % 2) == 0);
      EXPECT_EQ(got, ref) << "ours:\n" << show(got) << "lrsnash:\n" << show(ref);
      if (c.m * c.n <= 36) {
        const auto got_exact = ours(g, true, false);
        EXPECT_EQ(got_exact, ref) << "exact pivoting";
      }
    }
}

TEST(games_Enumeration, ThreadCountDoesNotChangeResult) {
  const auto g = random_game(7, 7, 77, 5);
  EnumOptions seq, par;
  seq.parallel = false;
  const auto a = enumerate_extreme_equilibria(g, seq), b = enumerate_extreme_equilibria(g, par);
  ASSERT_EQ(a.equilibria.size(), b.equilibria.size()) << "same count sequential and parallel";
  for (std::size_t i = 0; i < a.equilibria.size(); ++i)
    EXPECT_EQ(a.equilibria[i].profile, b.equilibria[i].profile) << "same equilibria in the same order";
  EXPECT_EQ(a.work, b.work) << "same number of bases visited";
}

TEST(games_Enumeration, FloatingPointOnNondegenerateGames) {
  // Floating point is the fast path for nondegenerate games; a one-sided tie test once flagged
  // every game as degenerate and solved all of them in exact arithmetic (correct but slow).
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const auto sol = enumerate_extreme_equilibria(random_game(10, 10, 900 + seed, 99));
    EXPECT_NE(sol.message.find("floating-point pivoting"), std::string::npos) << sol.message;
    EXPECT_TRUE(sol.complete);
  }
}
