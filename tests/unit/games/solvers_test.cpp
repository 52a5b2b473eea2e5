// Solvers other than the enumeration: pure equilibria, dominance, Lemke–Howson, QRE, backward
// induction, sequence form, zero-sum LP, reduced normal form, the builder API and `solve`.

#include "statecraft/games/solvers.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <set>

#include "statecraft/error.hpp"
#include "statecraft/games.hpp"
#include "statecraft/games/gambit_io.hpp"
#include "statecraft/games/solve.hpp"
#include "statecraft/random.hpp"

namespace fs = std::filesystem;
using namespace statecraft;
using namespace statecraft::games;

namespace {
fs::path game_dir() { return fs::path(STATECRAFT_DATA_DIR) / "gambit-games"; }
NormalFormGame nfg(const std::string& name) {
  return std::get<NormalFormGame>(load_gambit((game_dir() / name).string()));
}
ExtensiveGame efg(const std::string& name) {
  return std::get<ExtensiveGame>(load_gambit((game_dir() / name).string()));
}
MixedProfile pure(const NormalFormGame& g, std::vector<std::size_t> s) {
  MixedProfile p(g.num_players());
  for (std::size_t i = 0; i < p.size(); ++i) {
    p[i].assign(g.num_strategies(i), Rational(0));
    p[i][s[i]] = 1;
  }
  return p;
}
}  // namespace

TEST(games_Pure, PrisonersDilemma) {
  const auto g = NormalFormGame::bimatrix(std::vector<std::vector<double>>{{3, 0}, {5, 1}},
                                          std::vector<std::vector<double>>{{3, 5}, {0, 1}});
  const auto s = pure_equilibria(g);
  ASSERT_EQ(s.equilibria.size(), 1u) << "prisoners' dilemma has one pure equilibrium";
  EXPECT_EQ(s.equilibria[0].profile, pure(g, {1, 1})) << "both defect";
  EXPECT_EQ(s.equilibria[0].payoffs[0], Rational(1)) << "payoff of mutual defection";
}

TEST(games_Pure, MatchesEnumerationOnShippedGames) {
  for (const char* name : {"e04.nfg", "pd.nfg", "coord2.nfg", "2x2x2.nfg", "coord333.nfg"}) {
    const auto g = nfg(name);
    const auto s = pure_equilibria(g);
    for (const auto& e : s.equilibria) EXPECT_TRUE(is_nash(g, e.profile)) << name << ": pure equilibrium verified";
    if (g.num_players() == 2) {
      std::size_t pure_in_enum = 0;
      for (const auto& e : enumerate_extreme_equilibria(g).equilibria) {
        bool is_pure = true;
        for (const auto& v : e.profile)
          for (const auto& q : v)
            if (q != 0 && q != 1) is_pure = false;
        pure_in_enum += is_pure;
      }
      EXPECT_EQ(pure_in_enum, s.equilibria.size()) << name << ": pure equilibria are the pure extreme equilibria";
    }
  }
  EXPECT_EQ(pure_equilibria(nfg("pd.nfg")).equilibria.size(), 1u) << "prisoners' dilemma file: one pure equilibrium";
}

TEST(games_Dominance, MixedNeededForMixdom) {
  const auto g = nfg("mixdom.nfg");
  const auto pure_only = eliminate_dominated(g, false);
  const auto mixed = eliminate_dominated(g, true);
  std::size_t left_pure = 0, left_mixed = 0;
  for (const auto& k : pure_only.kept) left_pure += k.size();
  for (const auto& k : mixed.kept) left_mixed += k.size();
  EXPECT_LT(left_mixed, left_pure) << "mixed domination removes more strategies than pure domination";
  EXPECT_EQ(mixed.reduced.num_cells(), 1u) << "mixdom is solved by iterated (mixed) dominance";
  bool saw_mixture = false;
  for (const auto& l : mixed.log) saw_mixture |= l.find("mixture") != std::string::npos;
  EXPECT_TRUE(saw_mixture) << "at least one elimination needs a mixed strategy";
}

TEST(games_LemkeHowson, FindsUniqueMixedEquilibrium) {
  const auto g = nfg("2x2a.nfg");
  const auto s = lemke_howson(g);
  ASSERT_EQ(s.equilibria.size(), 1u) << "unique equilibrium reached from every label";
  EXPECT_EQ(s.equilibria[0].profile[0][0], Rational(1, 2)) << "P(U)";
  EXPECT_EQ(s.equilibria[0].profile[1][0], Rational(1, 10)) << "P(L)";
}

TEST(games_LemkeHowson, EquilibriaAreExtremeEquilibria) {
  for (const char* name : {"e04.nfg", "deg1.nfg", "deg2.nfg", "todd1.nfg", "perfect1.nfg", "vd.nfg", "8x8.nfg"}) {
    if (!fs::exists(game_dir() / name)) continue;
    const auto g = nfg(name);
    if (g.num_players() != 2) continue;
    std::set<MixedProfile> all;
    for (const auto& e : enumerate_extreme_equilibria(g).equilibria) all.insert(e.profile);
    const auto lh = lemke_howson(g);
    EXPECT_FALSE(lh.equilibria.empty()) << name << ": LH finds an equilibrium";
    for (const auto& e : lh.equilibria) {
      EXPECT_TRUE(is_nash(g, e.profile)) << name << ": LH result is an exact equilibrium";
      EXPECT_TRUE(all.count(e.profile)) << name << ": LH ends at a vertex pair, so at an extreme equilibrium";
    }
  }
}

TEST(games_Qre, ConvergesToMixedEquilibrium) {
  const auto g = nfg("2x2a.nfg");
  const auto q = logit_qre(g);
  EXPECT_TRUE(q.converged) << "regret target reached";
  EXPECT_NEAR(q.profile[0][0], 0.5, 1e-4) << "P(U) at the limit";
  EXPECT_NEAR(q.profile[1][0], 0.1, 1e-4) << "P(L) at the limit";
  QreOptions o;
  o.keep_path = true;
  const auto path = logit_qre(g, o);
  ASSERT_GT(path.path.size(), 3u) << "path recorded";
  EXPECT_NEAR(path.path.front().profile[0][0], 0.5, 1e-12) << "path starts at the centroid";
  for (std::size_t i = 1; i < path.path.size(); ++i)
    EXPECT_GE(path.path[i].lambda, path.path[i - 1].lambda - 1e-9)
        << "lambda increases along the principal branch here";
}

TEST(games_Qre, ThreePlayerGame) {
  const auto g = nfg("2x2x2.nfg");
  const auto q = logit_qre(g);
  EXPECT_TRUE(q.converged) << "3-player QRE converges";
  EXPECT_LT(max_regret(g, q.profile), 1e-5) << "limit is an approximate Nash equilibrium";
}

TEST(games_Qre, AgentQreOnTree) {
  const auto g = efg("e04.efg");
  const auto q = agent_logit_qre(g);
  EXPECT_TRUE(q.converged) << "agent QRE converges";
  EXPECT_LT(q.regret, 1e-6) << "limit is an approximate agent equilibrium";
}

TEST(games_BackwardInduction, EntryGameBuiltProgrammatically) {
  ExtensiveGame g({"Entrant", "Incumbent"}, "entry");
  const auto h1 = g.add_infoset(1, "enter?", {"In", "Out"});
  const auto h2 = g.add_infoset(2, "respond", {"Fight", "Accommodate"});
  const auto kids = g.set_infoset(ExtensiveGame::root(), h1);
  const auto resp = g.set_infoset(kids[0], h2);
  g.set_outcome(kids[1], g.add_outcome("out", std::vector<double>{0, 2}));
  g.set_outcome(resp[0], g.add_outcome("fight", std::vector<double>{-1, -1}));
  g.set_outcome(resp[1], g.add_outcome("share", std::vector<double>{1, 1}));
  const auto s = backward_induction(g);
  ASSERT_EQ(s.equilibria.size(), 1u);
  EXPECT_EQ(s.equilibria[0].profile[h1][0], Rational(1)) << "entrant enters";
  EXPECT_EQ(s.equilibria[0].profile[h2][1], Rational(1)) << "incumbent accommodates";
  EXPECT_EQ(s.equilibria[0].payoffs[0], Rational(1)) << "entrant's SPE payoff";
  const auto nf = reduced_normal_form(g);
  EXPECT_EQ(pure_equilibria(nf).equilibria.size(), 2u) << "the normal form also has the non-credible (Out, Fight)";
  const auto back = parse_efg(write_efg(g), "entry.efg");
  EXPECT_TRUE(back == g) << "programmatic game round-trips through .efg";
}

TEST(games_BackwardInduction, ChanceAndShippedTrees) {
  ExtensiveGame g({"A"});
  const auto c = g.add_chance_infoset("coin", {"H", "T"}, std::vector<Rational>{Rational(1, 3), Rational(2, 3)});
  const auto kids = g.set_infoset(ExtensiveGame::root(), c);
  const auto h = g.add_infoset(1, "after H", {"x", "y"});
  const auto k2 = g.set_infoset(kids[0], h);
  g.set_outcome(k2[0], g.add_outcome("", std::vector<double>{3}));
  g.set_outcome(k2[1], g.add_outcome("", std::vector<double>{6}));
  g.set_outcome(kids[1], g.add_outcome("", std::vector<double>{3}));
  const auto s = backward_induction(g);
  EXPECT_EQ(s.equilibria[0].payoffs[0], Rational(4)) << "1/3 * 6 + 2/3 * 3";
  EXPECT_THROW(backward_induction(efg("e04.efg")), UsageError) << "imperfect information is refused";
  const auto nim = backward_induction(efg("nim.efg"));
  EXPECT_EQ(nim.equilibria[0].payoffs[0], Rational(-1)) << "with 5 stones and takes of 1 or 2 the second player wins";
  EXPECT_EQ(sequence_form_lcp(efg("nim.efg")).equilibria.at(0).payoffs[0], Rational(-1)) << "seq agrees on Nim's value";
}

TEST(games_SequenceForm, VerifiedOnShippedTwoPlayerTrees) {
  std::size_t solved = 0;
  for (const auto& e : fs::directory_iterator(game_dir())) {
    if (e.path().extension() != ".efg") continue;
    const auto g = std::get<ExtensiveGame>(load_gambit(e.path().string()));
    if (g.num_players() != 2 || !g.has_perfect_recall() || g.nodes().size() > 400) continue;
    const auto s = sequence_form_lcp(g);
    ASSERT_EQ(s.equilibria.size(), 1u) << e.path().filename() << ": " << s.message;
    EXPECT_TRUE(s.equilibria[0].exact) << e.path().filename() << ": equilibrium verified exactly";
    ++solved;
  }
  EXPECT_GE(solved, 20u) << "number of 2-player trees solved";
}

TEST(games_ZeroSum, ValueOfMatchingPenniesAndShippedGames) {
  const auto g = NormalFormGame::bimatrix(std::vector<std::vector<double>>{{1, -1}, {-1, 1}},
                                          std::vector<std::vector<double>>{{-1, 1}, {1, -1}});
  const auto s = zero_sum_lp(g);
  ASSERT_EQ(s.equilibria.size(), 1u);
  EXPECT_TRUE(s.equilibria[0].exact) << "exact recomputation on supports";
  EXPECT_EQ(s.equilibria[0].payoffs[0], Rational(0)) << "value 0";
  for (const char* name : {"csg1.nfg", "oneill.nfg", "mixdom.nfg", "zero.nfg"}) {
    const auto z = nfg(name);
    const auto lp = zero_sum_lp(z);
    ASSERT_EQ(lp.equilibria.size(), 1u) << name;
    const auto all = enumerate_extreme_equilibria(z);
    ASSERT_FALSE(all.equilibria.empty());
    EXPECT_NEAR(lp.equilibria[0].payoffs_d[0], all.equilibria[0].payoffs_d[0], 1e-9)
        << name << ": the LP value equals the payoff of every equilibrium";
  }
  EXPECT_THROW(zero_sum_lp(nfg("e04.nfg")), UsageError) << "non-constant-sum refused";
}

TEST(games_Reduction, KrepsWilsonTreeGivesItsNormalForm) {
  const auto tree = efg("e04.efg");
  const auto nf = reduced_normal_form(tree);
  const auto ref = nfg("e04.nfg");
  ASSERT_EQ(nf.num_strategies(0), 3u);
  ASSERT_EQ(nf.num_strategies(1), 2u);
  for (std::size_t c = 0; c < nf.num_cells(); ++c)
    for (std::size_t p = 0; p < 2; ++p)
      EXPECT_EQ(nf.payoff(c, p), ref.payoff(c, p))
          << "cell " << c << " player " << p + 1 << " matches Gambit's e04.nfg";
}

TEST(games_Solve, DefaultsAndReport) {
  const AnyGame g = nfg("e04.nfg");
  EXPECT_EQ(default_method(g), "enum");
  EXPECT_EQ(default_method(AnyGame{efg("nim.efg")}), "spe");
  EXPECT_EQ(default_method(AnyGame{efg("e04.efg")}), "seq");
  const auto r = solve(g, {"", false});
  EXPECT_EQ(r.equilibria, 3u) << "e04 has 3 extreme equilibria";
  EXPECT_NE(r.text.find("3/5"), std::string::npos) << "rationals shown exactly: " << r.text;
  EXPECT_EQ(r.json["equilibria"].size(), 3u) << "JSON lists the equilibria";
  EXPECT_THROW(solve(g, {"spe", false}), UsageError) << "tree method on a normal-form game";
  EXPECT_THROW(solve(g, {"bogus", false}), UsageError) << "unknown method";
}

// Without JSON (what `statecraft solve` asks for when no --json is given) the text and the
// count are the same and no JSON document is built.
TEST(games_Solve, TextOnlyReport) {
  for (const std::string method : {"enum", "dominance"}) {
    const AnyGame g = nfg("e04.nfg");
    const auto full = solve(g, {method, false, true});
    const auto text = solve(g, {method, false, false});
    EXPECT_EQ(text.text, full.text) << method;
    EXPECT_EQ(text.equilibria, full.equilibria) << method;
    EXPECT_TRUE(text.json.is_null()) << method << ": " << text.json.dump();
    EXPECT_FALSE(full.json.is_null()) << method;
  }
}

namespace {
bool all_finite(const std::vector<std::vector<double>>& p) {
  for (const auto& r : p)
    for (double v : r)
      if (!std::isfinite(v)) return false;
  return true;
}
NormalFormGame random_nfg(std::size_t m, std::size_t n, std::uint64_t seed) {
  RandomStream rs(seed, 0, StreamId::kGames);
  std::vector<std::vector<Rational>> a(m, std::vector<Rational>(n)), b = a;
  for (auto* x : {&a, &b})
    for (auto& r : *x)
      for (auto& v : r) v = Rational(static_cast<long>(rs.below(100)));
  return NormalFormGame::bimatrix(a, b);
}
}  // namespace

TEST(games_Qre, AgentQreTracesTreesThatGaveNaN) {
  // Issue 10: these gave all-NaN profiles reported as "max regret 0" (a NaN corrector step passed
  // the convergence test because std::max drops NaN).
  for (const char* name : {"artist2.efg", "e16.efg", "vd.efg"}) {
    SCOPED_TRACE(name);
    const auto g = efg(name);
    const auto q = agent_logit_qre(g);
    EXPECT_TRUE(all_finite(q.profile)) << "no NaN in the profile";
    EXPECT_TRUE(q.converged) << "regret target reached (lambda " << q.lambda << ", regret " << q.regret << ")";
    EXPECT_TRUE(std::isfinite(q.regret) && q.regret < 1e-5) << "regret " << q.regret;
    for (double u : expected_payoffs(g, q.profile)) EXPECT_TRUE(std::isfinite(u));
  }
}

TEST(games_Qre, Random50x50GamesConverge) {
  // Issue 10: 6 of 50 random 50x50 games ended in NaN; here seed 7 did (payoffs 0..99).
  constexpr std::uint64_t kSeeds = 10;
  for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const auto g = random_nfg(50, 50, seed);
    const auto q = logit_qre(g);
    ASSERT_TRUE(all_finite(q.profile)) << "no NaN in the profile";
    EXPECT_TRUE(q.converged) << "lambda " << q.lambda << ", regret " << q.regret;
    EXPECT_LT(max_regret(g, q.profile), 1e-4 * 99) << "an approximate Nash equilibrium";
  }
}
