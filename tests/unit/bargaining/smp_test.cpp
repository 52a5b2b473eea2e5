// KTAB Spatial Model of Politics: KTAB's reference runs reproduced; degenerate issues; seeds.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "statecraft/bargaining/models.hpp"
#include "statecraft/error.hpp"
#include "test_util.hpp"

using namespace statecraft::bargaining;
using statecraft::bargaining::testing::one_dim;

namespace {

// What KTAB printed at the end of a reference run.
struct RefRun {
  int steps = -1;
  std::vector<std::vector<double>> positions;  // [actor*dims + dim][state]
  std::vector<std::vector<double>> probs;      // [actor][state]
};

std::vector<double> numbers_after_colon(const std::string& line) {
  std::vector<double> v;
  std::istringstream in(line.substr(line.rfind(':') + 1));
  double x = 0.0;
  while (in >> x) v.push_back(x);
  return v;
}

RefRun read_ref(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "reference log " << path;
  RefRun r;
  std::string line;
  int section = 0;
  while (std::getline(in, line)) {
    if (line.rfind("There were ", 0) == 0) {
      const auto w = line.find("with ");
      r.steps = std::stoi(line.substr(w + 5));
    } else if (line.rfind("History of actor positions", 0) == 0) {
      section = 1;
    } else if (line.rfind("History of actors' winning", 0) == 0) {
      section = 2;
    } else if (line.rfind("SMPModel:", 0) == 0) {
      section = 0;
    } else if (section == 1 && line.find(':') != std::string::npos) {
      r.positions.push_back(numbers_after_colon(line));
    } else if (section == 2 && line.find("prob :") != std::string::npos) {
      r.probs.push_back(numbers_after_colon(line));
    }
  }
  return r;
}

void check_reference(const std::string& csv, const std::string& ref) {
  const auto p = read_ktab_csv(STATECRAFT_DATA_DIR "/ktab/" + csv);
  const RefRun k = read_ref(STATECRAFT_DATA_DIR "/ktab/" + ref);
  const std::size_t na = p.actors.size();
  const std::size_t nd = p.dimensions.size();
  ASSERT_EQ(k.positions.size(), na * nd) << "parsed KTAB's position table";
  ASSERT_EQ(k.probs.size(), na) << "parsed KTAB's probability table";
  const auto r = run_smp(p);
  EXPECT_EQ(r.turns, k.steps) << csv << ": same number of turns as KTAB";
  EXPECT_FALSE(r.stopped_by_max_turns) << "stopped by the 2% rule";
  ASSERT_EQ(r.states.size(), static_cast<std::size_t>(k.steps) + 1);
  int checked = 0;
  for (std::size_t t = 0; t < r.states.size(); ++t) {
    for (std::size_t i = 0; i < na; ++i) {
      for (std::size_t d = 0; d < nd; ++d) {
        // KTAB prints one decimal: equal after rounding means within 0.05.
        EXPECT_NEAR(r.states[t].positions[i][d], k.positions[i * nd + d][t], 0.05 + 1e-9)
            << csv << " state " << t << " actor " << p.actors[i].name << " dim " << d;
      }
      EXPECT_NEAR(r.states[t].probabilities[i], k.probs[i][t], 0.001)
          << csv << " state " << t << " actor " << p.actors[i].name << " win probability";
      ++checked;
    }
  }
  EXPECT_EQ(checked, static_cast<int>(na * r.states.size()));
}

}  // namespace

TEST(Smp, ReproducesKtabDummyData3Dim) { check_reference("dummyData_3Dim.csv", "20170530_ref-dummyData_3Dim.txt"); }

TEST(Smp, ReproducesKtabSoePolComp) { check_reference("SOE-Pol-Comp.csv", "20170530_ref-SOE-Pol-Comp.txt"); }

TEST(Smp, FirstStateRiskAttitudes) {
  // KTAB's log for dummyData_3Dim, turn 0: "Inferred risk attitudes".
  const auto r = run_smp(read_ktab_csv(STATECRAFT_DATA_DIR "/ktab/dummyData_3Dim.csv"));
  const double expected[] = {-0.500, -0.459, -0.499, -0.274, 1.000, -0.232, -0.430};
  for (std::size_t i = 0; i < 7; ++i)
    EXPECT_NEAR(r.states[0].risk[i], expected[i], 5e-4) << "risk attitude of actor " << i;
}

TEST(Smp, YesNoIssueWhereKtabThrows) {
  // All positions at 0 or 100: utilities do not depend on risk (KTAB asserts on this).
  const auto p = one_dim({{3, 0, .8}, {2, 100, .6}, {2, 100, .9}, {1, 0, .3}});
  const auto r = run_smp(p);
  EXPECT_GE(r.turns, 1);
  for (const auto& s : r.states)
    for (std::size_t i = 0; i < 4; ++i) {
      EXPECT_TRUE(std::isfinite(s.probabilities[i])) << "finite probabilities";
      EXPECT_TRUE(s.positions[i][0] >= 0.0 && s.positions[i][0] <= 100.0) << "positions on the scale";
    }
  ASSERT_EQ(r.expected_outcome.size(), 1u);
  EXPECT_TRUE(r.expected_outcome[0] >= 0.0 && r.expected_outcome[0] <= 100.0);
}

TEST(Smp, OneAndTwoActors) {
  const auto one = run_smp(one_dim({{1, 30, .5}}));
  EXPECT_DOUBLE_EQ(one.expected_outcome[0], 30.0) << "one actor: its own position";
  EXPECT_DOUBLE_EQ(one.states.back().probabilities[0], 1.0);
  const auto two = run_smp(one_dim({{2, 20, .9}, {1, 80, .5}}));
  ASSERT_EQ(two.states.back().positions.size(), 2u);
  double total = 0.0;
  for (double v : two.states.front().probabilities) total += v;
  EXPECT_NEAR(total, 1.0, 1e-12) << "two distinct positions: probabilities sum to 1";
  EXPECT_GT(two.states.front().probabilities[0], two.states.front().probabilities[1])
      << "the stronger, more committed actor is more likely to prevail";
}

TEST(Smp, StochasticReproducibleOnAnyThreadCount) {
  const auto p = read_ktab_csv(STATECRAFT_DATA_DIR "/ktab/dummyData-a040.csv");
  SmpOptions o;
  o.transition = SmpTransition::kStochastic;
  o.seed = 42;
  o.draw = 3;
  o.max_turns = 15;
  SmpResult serial;
  {
    tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
    o.parallel = false;
    serial = run_smp(p, o);
  }
  o.parallel = true;
  const SmpResult par = run_smp(p, o);
  ASSERT_EQ(serial.turns, par.turns) << "same number of turns on 1 and many threads";
  for (std::size_t t = 0; t < par.states.size(); ++t)
    for (std::size_t i = 0; i < p.actors.size(); ++i) {
      EXPECT_EQ(serial.states[t].positions[i], par.states[t].positions[i]) << "bitwise equal positions";
      EXPECT_EQ(serial.states[t].probabilities[i], par.states[t].probabilities[i]);
    }
  o.seed = 43;
  const SmpResult other = run_smp(p, o);
  bool differs = other.turns != par.turns;
  for (std::size_t t = 1; !differs && t < par.states.size(); ++t)
    differs = other.states[t].positions != par.states[t].positions;
  EXPECT_TRUE(differs) << "another seed gives another trajectory";
}

TEST(Smp, DegenerateInputIsAnError) {
  EXPECT_THROW((void)run_smp(one_dim({{0, 10, .5}, {0, 90, .5}})), statecraft::ScenarioError)
      << "zero total capability";
  EXPECT_THROW((void)run_smp(one_dim({{1, 10, -0.1}, {1, 90, .5}})), statecraft::ScenarioError) << "negative salience";
  EXPECT_THROW((void)run_smp(one_dim({{1, std::nan(""), .5}, {1, 90, .5}})), statecraft::ScenarioError)
      << "NaN position";
}

TEST(Smp, CondorcetProbabilitiesDoNotUnderflow) {
  // 1,500 options in close contests: each option's product of pairwise probabilities is about
  // 2^-1500, below the smallest double. Two voters with opposite linear preferences, the one
  // preferring low options slightly stronger: P(a beats b) = 1.001/2.001 for a < b.
  const std::size_t m = 1500;
  const std::vector<double> w = {1.0, 1.001};
  std::vector<double> ut(m * 2);
  for (std::size_t a = 0; a < m; ++a) {
    ut[a * 2] = static_cast<double>(a) / m;
    ut[a * 2 + 1] = 1.0 - static_cast<double>(a) / m;
  }
  const std::vector<double> p = condorcet_probabilities(w, m, ut);
  ASSERT_EQ(p.size(), m);
  double total = 0.0;
  for (double v : p) total += v;
  EXPECT_NEAR(total, 1.0, 1e-12);
  // P_a / P_(a+1) = P(a beats a+1) / P(a+1 beats a) = 1.001 (the other factors cancel), up to
  // the 1e-8 floor of coalition strengths.
  EXPECT_NEAR(p[0] / p[1], 1.001, 1e-6) << "not a uniform fallback: p[0] = " << p[0];
  EXPECT_GT(p[0], p[m - 1]);
}
