// Published behaviour of Epstein's model, as statistical tests over fixed seeds: punctuated bursts
// at constant legitimacy, the abrupt-versus-gradual legitimacy drop, individual deception. Each
// runs in the exact random-sequential order and in the two parallel orders (blocked, synchronous).

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <vector>

#include "statecraft/society/run.hpp"

using namespace statecraft::society;

namespace {

struct Case {
  UpdateOrder order;
  int side;  // the blocked order needs tiles of side >= 4 * vision for NetLogo semantics
};

std::int64_t scaled(int side, double per_1600) { return static_cast<std::int64_t>(per_1600 * side * side / 1600.0); }

class SocietyBehaviour : public ::testing::TestWithParam<Case> {};

TEST_P(SocietyBehaviour, PunctuatedBurstsAtConstantLegitimacy) {
  const auto [order, side] = GetParam();
  const std::int64_t burst = scaled(side, 50), calm = scaled(side, 10);
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    Config c = Config::netlogo();
    c.width = c.height = side;
    c.seed = seed;
    c.update = order;
    Model m(c);
    const RunResult r = run(m, 600, burst);
    int calm_steps = 0;
    for (const auto& s : r.series) calm_steps += s.active < calm;
    std::printf("[measured] %s seed %d: %d bursts, %d%% calm steps, peak %lld, mean actives %.1f\n",
                to_string(order).c_str(), static_cast<int>(seed), r.summary.bursts, calm_steps / 6,
                static_cast<long long>(r.summary.peak_active), r.summary.mean_active);
    EXPECT_GE(r.summary.bursts, 12) << "seed " << seed << ": NetLogo Rebellion shows dozens of bursts of >= " << burst
                                    << " actives in 600 steps";
    EXPECT_GE(calm_steps, 600 * 4 / 10) << "seed " << seed << ": bursts are punctuated by calm (< " << calm
                                        << " actives) for at least 40% of the steps";
    EXPECT_GE(r.summary.peak_active, 3 * burst)
        << "seed " << seed << ": bursts reach several times the burst threshold";
  }
}

TEST_P(SocietyBehaviour, AbruptLegitimacyDropMakesAFarLargerPeakThanAGradualOne) {
  const auto [order, side] = GetParam();
  double abrupt_sum = 0, gradual_sum = 0;
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    Config c = Config::netlogo();
    c.width = c.height = side;
    c.seed = seed;
    c.update = order;
    c.max_jail_term = 1000;  // long terms (Epstein 2002): the gradual drop jails the aggrieved early
    Config g = c;
    c.ext.legitimacy.points = {{0, 0.9}, {80, 0.9}, {81, 0.7}};
    g.ext.legitimacy.points = {{0, 0.9}, {80, 0.9}, {330, 0.7}};
    Model ma(c), mg(g);
    const auto ra = run(ma, 400), rg = run(mg, 400);
    std::printf("[measured] %s seed %d: abrupt peak %lld, gradual peak %lld\n", to_string(order).c_str(),
                static_cast<int>(seed), static_cast<long long>(ra.summary.peak_active),
                static_cast<long long>(rg.summary.peak_active));
    EXPECT_GT(ra.summary.peak_active, 3 * rg.summary.peak_active / 2)
        << "seed " << seed << ": abrupt drop 0.9 -> 0.7 peaks at " << ra.summary.peak_active
        << " actives, the same drop over 250 steps at " << rg.summary.peak_active;
    abrupt_sum += static_cast<double>(ra.summary.peak_active);
    gradual_sum += static_cast<double>(rg.summary.peak_active);
  }
  EXPECT_GT(abrupt_sum, 2.0 * gradual_sum)
      << "over 4 seeds the abrupt drop's peak is more than twice the gradual one's";
}

TEST_P(SocietyBehaviour, ActivesQuietDownWhenCopsComeIntoView) {
  const auto [order, side] = GetParam();
  std::int64_t more = 0, more_quiet = 0, same = 0, same_quiet = 0;
  for (std::uint64_t seed = 1; seed <= 2; ++seed) {
    Config c = Config::netlogo();
    c.width = c.height = side;
    c.seed = seed;
    c.update = order;
    Model m(c);
    for (const auto& s : run(m, 400).series) {
      more += s.active_more_cops;
      more_quiet += s.active_more_cops_to_quiet;
      same += s.active_same_cops;
      same_quiet += s.active_same_cops_to_quiet;
    }
  }
  ASSERT_GT(more, 1000) << "enough decisions by actives seeing more cops";
  ASSERT_GT(same, 1000) << "enough decisions by actives seeing no more cops";
  const double p_more = static_cast<double>(more_quiet) / static_cast<double>(more);
  const double p_same = static_cast<double>(same_quiet) / static_cast<double>(same);
  std::printf("[measured] %s: P(quiet | more cops) %.3f, P(quiet | not) %.3f\n", to_string(order).c_str(), p_more,
              p_same);
  EXPECT_GT(p_more, 1.8 * p_same) << "an active citizen goes quiet far more often when more cops come into view ("
                                  << p_more << ") than otherwise (" << p_same << "): deception, grievance unchanged";
}

INSTANTIATE_TEST_SUITE_P(Orders, SocietyBehaviour,
                         ::testing::Values(Case{UpdateOrder::kRandomSequential, 40}, Case{UpdateOrder::kBlocked, 60},
                                           Case{UpdateOrder::kSynchronous, 40}),
                         [](const auto& param_info) {
                           switch (param_info.param.order) {
                             case UpdateOrder::kBlocked:
                               return std::string("Blocked60");
                             case UpdateOrder::kSynchronous:
                               return std::string("Synchronous40");
                             default:
                               return std::string("Sequential40");
                           }
                         });

// Mesa semantics in the exact order and in the synchronous one, which runs them on the
// cell-centric engine (src/society/cell_grid.cpp).
class SocietyMesaSemantics : public ::testing::TestWithParam<UpdateOrder> {};

TEST_P(SocietyMesaSemantics, DefaultsKeepTheRebellionSmallAndFillTheJails) {
  // Mesa 3.3.1 defaults (L = 0.8, 7.4% cops, jail up to 1000): Mesa's own runs show a handful of
  // actives and a jail population that grows (bench/society/compare_mesa.py compares the
  // distributions with Mesa itself).
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    Config c = Config::mesa();
    c.seed = seed;
    c.update = GetParam();
    Model m(c);
    const auto r = run(m, 200);
    std::printf("[measured] Mesa defaults, %s, seed %d: mean actives %.2f, jailed at step 200 %lld\n",
                to_string(c.update).c_str(), static_cast<int>(seed), r.summary.mean_active,
                static_cast<long long>(r.series.back().jailed));
    EXPECT_LT(r.summary.mean_active, 5.0) << "seed " << seed << ": few actives at L = 0.8";
    EXPECT_GT(r.series.back().jailed, 15) << "seed " << seed << ": arrests accumulate in jail";
    EXPECT_LT(r.series.back().jailed, 300) << "seed " << seed << ": but most citizens stay free";
  }
}

TEST_P(SocietyMesaSemantics, LowLegitimacyRaisesALargeRebellion) {
  double peak = 0, citizens = 0;
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    Config c = Config::mesa();
    c.legitimacy = 0.5;
    c.seed = seed;
    c.update = GetParam();
    Model m(c);
    peak += static_cast<double>(run(m, 100).summary.peak_active) / 4.0;
    citizens += static_cast<double>(m.citizens()) / 4.0;
  }
  std::printf("[measured] Mesa L = 0.5, %s: mean peak %.1f actives of %.0f citizens\n", to_string(GetParam()).c_str(),
              peak, citizens);
  EXPECT_GT(peak, 0.05 * citizens) << "at L = 0.5 Mesa semantics raise a rebellion of more than 5% of the citizens "
                                      "(at L = 0.8 it stays below 1%)";
}

TEST_P(SocietyMesaSemantics, ActivesQuietDownWhenCopsComeIntoView) {
  std::int64_t more = 0, more_quiet = 0, same = 0, same_quiet = 0;
  for (std::uint64_t seed = 1; seed <= 2; ++seed) {
    Config c = Config::mesa();
    c.legitimacy = 0.6;
    c.width = c.height = 100;
    c.seed = seed;
    c.update = GetParam();
    Model m(c);
    for (const auto& s : run(m, 300).series) {
      more += s.active_more_cops;
      more_quiet += s.active_more_cops_to_quiet;
      same += s.active_same_cops;
      same_quiet += s.active_same_cops_to_quiet;
    }
  }
  ASSERT_GT(more, 500) << "enough decisions by actives seeing more cops";
  ASSERT_GT(same, 500) << "enough decisions by actives seeing no more cops";
  const double p_more = static_cast<double>(more_quiet) / static_cast<double>(more);
  const double p_same = static_cast<double>(same_quiet) / static_cast<double>(same);
  std::printf("[measured] Mesa L = 0.6, %s: P(quiet | more cops) %.3f, P(quiet | not) %.3f\n",
              to_string(GetParam()).c_str(), p_more, p_same);
  EXPECT_GT(p_more, 1.8 * p_same) << "deception in Mesa semantics too: " << p_more << " vs " << p_same;
}

INSTANTIATE_TEST_SUITE_P(Orders, SocietyMesaSemantics,
                         ::testing::Values(UpdateOrder::kRandomSequential, UpdateOrder::kSynchronous),
                         [](const auto& param_info) {
                           return param_info.param == UpdateOrder::kSynchronous ? std::string("Synchronous")
                                                                                : std::string("Sequential");
                         });

}  // namespace
