// Whether a parallel update order keeps the dynamic of the exact random-sequential order (which
// matches Mesa 3.3.1): in Mesa semantics, at legitimacy 0.5, 0.7 and 0.8, 60 seeds per order on
// a 56x56 torus (4x4 tiles for the blocked order), the peak and mean actives, the jailed at the
// end and the bursts must pass two-sample Kolmogorov-Smirnov and Mann-Whitney tests at p > 0.05.
// The same tests reject the synchronous order, so they can tell two dynamics apart.
//
// No parallel order passes yet: the blocked order, run with
// --gtest_also_run_disabled_tests, gives more actives than the sequential order (L = 0.7: peak
// 51.0 against 43.0, Mann-Whitney p = 0.029; L = 0.8: mean actives KS p = 0.039). The test is
// kept, disabled, for the faithful order to come (issue 14, docs/models/society.md).

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "statecraft/society/run.hpp"
#include "two_sample.hpp"

using namespace statecraft::society;
using statecraft::testing::ks_p_value;
using statecraft::testing::mann_whitney_p_value;

namespace {

constexpr int kSide = 56, kSteps = 100, kSeeds = 60;
constexpr std::int64_t kBurst = 40;  // actives: about 2% of the ~2,200 citizens
const std::array<const char*, 4> kStatistics = {"peak active", "mean active", "jailed", "bursts"};

// Per statistic, its value in each of kSeeds runs (seeds first_seed, first_seed + 1, ...).
std::array<std::vector<double>, 4> sample(UpdateOrder order, double legitimacy, std::uint64_t first_seed) {
  std::array<std::vector<double>, 4> out;
  for (std::uint64_t seed = first_seed; seed < first_seed + kSeeds; ++seed) {
    Config c = Config::mesa();
    c.width = c.height = kSide;
    c.legitimacy = legitimacy;
    c.seed = seed;
    c.update = order;
    Model m(c);
    const auto r = run(m, kSteps, kBurst);
    out[0].push_back(static_cast<double>(r.summary.peak_active));
    out[1].push_back(r.summary.mean_active);
    out[2].push_back(static_cast<double>(r.series.back().jailed));
    out[3].push_back(static_cast<double>(r.summary.bursts));
  }
  return out;
}

double mean(const std::vector<double>& xs) {
  double s = 0;
  for (double x : xs) s += x;
  return s / static_cast<double>(xs.size());
}

// The least p-value of the eight tests at this legitimacy; prints every one. The two orders run
// on different seeds, so the samples are independent.
double least_p(UpdateOrder order, double legitimacy) {
  const auto exact = sample(UpdateOrder::kRandomSequential, legitimacy, 1);
  const auto other = sample(order, legitimacy, 100001);
  double least = 1;
  for (std::size_t k = 0; k < kStatistics.size(); ++k) {
    const double ks = ks_p_value(exact[k], other[k]), mw = mann_whitney_p_value(exact[k], other[k]);
    std::printf("[measured] L = %.1f %-11s sequential mean %8.2f, %s %8.2f: KS p = %.3f, Mann-Whitney p = %.3f\n",
                legitimacy, kStatistics[k], mean(exact[k]), to_string(order).c_str(), mean(other[k]), ks, mw);
    least = std::min({least, ks, mw});
  }
  return least;
}

TEST(SocietyOrderEquivalence, DISABLED_BlockedOrderIsIndistinguishableFromTheSequentialOrder) {
  for (const double legitimacy : {0.5, 0.7, 0.8})
    EXPECT_GT(least_p(UpdateOrder::kBlocked, legitimacy), 0.05) << "L = " << legitimacy;
}

TEST(SocietyOrderEquivalence, TheTestsRejectTheSynchronousOrder) {
  EXPECT_LT(least_p(UpdateOrder::kSynchronous, 0.5), 0.01)
      << "the synchronous order's smaller outbursts at L = 0.5 are a different dynamic";
}

}  // namespace
