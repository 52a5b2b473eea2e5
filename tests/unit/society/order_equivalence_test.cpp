// Whether a parallel update order keeps the dynamic of the exact random-sequential order (which
// matches Mesa 3.3.1): in Mesa semantics, at legitimacy 0.5, 0.7 and 0.8, 60 seeds per order on
// a 56x56 torus (4x4 tiles for the blocked order), the peak and mean actives, the jailed at the
// end and the bursts are compared with two-sample Kolmogorov-Smirnov and Mann-Whitney tests.
// Eight tests at each legitimacy: an order is rejected when one p-value falls below 0.05 / 8
// (Bonferroni, a family-wise 5% at each legitimacy). Uncorrected, 24 tests of an order with the
// very law of the sequential one give a p below 0.05 more often than not: the conflict-free
// order, whose runs are those of its permutation run one agent after the other and so have that
// law exactly, gives L = 0.8 jailed 116.5 against 91.7 (Mann-Whitney
// p = 0.037), while the sequential order on seeds 100001-100060 itself gives 107.8 (measured
// with the CLI and SciPy). The same tests reject the synchronous order, so they can tell two
// dynamics apart.
//
// The blocked order's test is disabled (it costs as much again): its least p-values are 0.159,
// 0.027 and 0.033 at L = 0.5, 0.7, 0.8, which pass the corrected threshold but sit low, its
// means always above the sequential ones (run with --gtest_also_run_disabled_tests).

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
constexpr double kAlpha = 0.05 / 8;  // Bonferroni over the eight tests at one legitimacy
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
    EXPECT_GT(least_p(UpdateOrder::kBlocked, legitimacy), kAlpha) << "L = " << legitimacy;
}

TEST(SocietyOrderEquivalence, ConflictFreeOrderIsIndistinguishableFromTheSequentialOrder) {
  for (const double legitimacy : {0.5, 0.7, 0.8})
    EXPECT_GT(least_p(UpdateOrder::kConflictFree, legitimacy), kAlpha) << "L = " << legitimacy;
}

TEST(SocietyOrderEquivalence, TheTestsRejectTheSynchronousOrder) {
  EXPECT_LT(least_p(UpdateOrder::kSynchronous, 0.5), kAlpha)
      << "the synchronous order's smaller outbursts at L = 0.5 are a different dynamic";
}

}  // namespace
