// The scenario's games as solved inside the forecast: the fast selection must agree with the
// exact solvers of the games module.

#include "statecraft/games/scenario_games.hpp"

#include <gtest/gtest.h>

#include "statecraft/games/solvers.hpp"
#include "statecraft/scenario/sampler.hpp"

using namespace statecraft;

namespace {

std::string belarus() { return std::string(STATECRAFT_SOURCE_DIR) + "/scenarios/belarus.yaml"; }
std::string example() { return std::string(STATECRAFT_SOURCE_DIR) + "/scenarios/examples/two_actors.yaml"; }

}  // namespace

TEST(ScenarioGames, InductionMatchesExactBackwardInductionOnPerfectInformationTrees) {
  for (const auto& file : {belarus(), example()}) {
    const auto s = scenario::load_scenario_file(file);
    scenario::Sampler sampler(s);
    std::vector<double> v;
    for (std::uint64_t d = 0; d < 200; ++d) {
      sampler.sample(1, d, v);
      for (const auto& g : s.games) {
        if (!g.is_tree) continue;
        const auto tree = games::scenario_tree(s, g, v);
        if (!tree.is_perfect_information()) continue;
        const auto exact = games::backward_induction(tree);
        ASSERT_FALSE(exact.equilibria.empty());
        const auto sel = games::solve_scenario_game(s, g, v);
        EXPECT_EQ(sel.method, "spe");
        const auto& pay = exact.equilibria.front().payoffs_d;
        for (std::size_t p = 0; p < pay.size(); ++p) {
          EXPECT_NEAR(sel.payoffs[p], pay[p], 1e-9 * (1 + std::abs(pay[p])))
              << g.id << " draw " << d << " player " << p << ": equilibrium payoffs differ";
        }
      }
    }
  }
}

TEST(ScenarioGames, ExampleTreeFollowsTheChanceOfUnrest) {
  const auto s = scenario::load_scenario_file(example());
  scenario::Sampler sampler(s);
  std::vector<double> v;
  sampler.central(v);
  // Client: comply gives 0.25*(-6) + 0.75*(-1) = -2.25 < refuse 1, so it refuses; the patron
  // then prefers wait (0) to ask (-1).
  const auto sel = games::solve_scenario_game(s, s.games[0], v);
  ASSERT_EQ(sel.actions[1].size(), 2u);
  EXPECT_EQ(sel.actions[1][1], "refuse");
  EXPECT_DOUBLE_EQ(sel.probability[1][1], 1.0) << "the client refuses";
  EXPECT_EQ(sel.actions[0][1], "wait");
  EXPECT_DOUBLE_EQ(sel.probability[0][1], 1.0) << "so the patron does not ask";
  EXPECT_DOUBLE_EQ(sel.payoffs[0], 0.0);
}

TEST(ScenarioGames, NormalFormRowMajorMapsToGameCells) {
  const auto s = scenario::load_scenario_file(example());
  std::vector<double> v;
  scenario::Sampler(s).central(v);
  const auto nf = games::scenario_normal_form(s, s.games[1], v);
  // (probe, ignore): client 2, west -2.
  EXPECT_EQ(nf.payoff(std::vector<std::size_t>{0, 1}, 0), games::Rational(2));
  EXPECT_EQ(nf.payoff(std::vector<std::size_t>{0, 1}, 1), games::Rational(-2));
  EXPECT_EQ(nf.payoff(std::vector<std::size_t>{1, 0}, 1), games::Rational(-1, 2));
  // Matching-pennies-like: the unique equilibrium is mixed; the QRE limit finds it.
  const auto sel = games::solve_scenario_game(s, s.games[1], v);
  EXPECT_TRUE(sel.method == "qre" || sel.method == "unique") << sel.method;
  double sum = 0;
  for (double p : sel.probability[0]) sum += p;
  EXPECT_NEAR(sum, 1.0, 1e-9);
}

TEST(ScenarioGames, ClosedForm2x2AgreesWithExactEnumeration) {
  std::string text = R"(statecraft: 1
meta: {name: random 2x2, as_of: 2026-01-01, horizon_months: 12}
sources: [{id: s, title: T, file: x.txt}]
parameters:
)";
  for (int k = 0; k < 8; ++k) text += "  u" + std::to_string(k) + ": {dist: uniform, min: -5, max: 5, source: s}\n";
  text += R"(actors:
  - {id: a, name: A, kind: state, capability: 1, source: s}
  - {id: b, name: B, kind: state, capability: 1, source: s}
games:
  - id: g
    title: random
    source: s
    players: [a, b]
    strategies: {a: [x, y], b: [l, r]}
    payoffs:
      "x,l": [u0, u1]
      "x,r": [u2, u3]
      "y,l": [u4, u5]
      "y,r": [u6, u7]
)";
  const auto s = scenario::load_scenario(text, "r.yaml");
  scenario::Sampler sampler(s);
  games::ScenarioGameSolver solver(s, s.games[0]);
  std::vector<double> v;
  int unique = 0;
  for (std::uint64_t d = 0; d < 300; ++d) {
    sampler.sample(5, d, v);
    const auto exact = games::enumerate_extreme_equilibria(games::scenario_normal_form(s, s.games[0], v));
    const auto sel = solver.solve(v);
    if (exact.equilibria.size() != 1) {
      EXPECT_EQ(sel.method, "qre") << "draw " << d << ": several equilibria are left to the QRE selection";
      continue;
    }
    ++unique;
    EXPECT_EQ(sel.method, "unique");
    for (std::size_t p = 0; p < 2; ++p)
      for (std::size_t k = 0; k < 2; ++k)
        EXPECT_NEAR(sel.probability[p][k], exact.equilibria[0].profile_d[p][k], 1e-9) << "draw " << d;
  }
  EXPECT_GT(unique, 150) << "most random 2x2 games have a unique equilibrium";
}

TEST(ScenarioGames, EveryInformationSetOfAnActionIsReported) {
  // Issue 10: the Kremlin decides at two information sets (after the forces are overwhelmed and
  // after they defect), both offering "intervene" and "stay_out"; only the first was reported.
  const auto s = scenario::load_scenario_file(belarus());
  const scenario::Game* game = nullptr;
  for (const auto& g : s.games)
    if (g.id == "occupation_paradox") game = &g;
  ASSERT_NE(game, nullptr);
  const games::ScenarioGameSolver solver(s, *game);
  const auto& kremlin = solver.actions()[2];
  ASSERT_EQ(kremlin.size(), 4u) << "two actions at each of two information sets";
  EXPECT_EQ(kremlin[0], "intervene") << "the first set keeps the plain labels";
  EXPECT_EQ(kremlin[2], "intervene_after_mass_protest_defect");
  EXPECT_EQ(kremlin[3], "stay_out_after_mass_protest_defect");
  scenario::Sampler sampler(s);
  std::vector<double> v;
  sampler.central(v);
  const auto sel = solver.solve(v);
  for (std::size_t k = 0; k < 4; ++k) EXPECT_GE(sel.probability[2][k], 0.0) << kremlin[k] << " is reported";
  EXPECT_NEAR(sel.probability[2][2] + sel.probability[2][3], 1.0, 1e-9) << "a full strategy at the second set";
}
