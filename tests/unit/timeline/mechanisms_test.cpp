// Each mechanism of the Belarus timeline moves its outputs in the direction docs/models/timeline.md
// gives: the same draws (same seed) with one parameter fixed low and then high.

#include <gtest/gtest.h>

#include "timeline_test_util.hpp"

using namespace statecraft;
using timeline_test::belarus_with;
using timeline_test::question;
using timeline_test::run;

namespace {

constexpr std::size_t kDraws = 300;

double answer(const std::string& param, double value, const std::string& q) {
  return question(run(belarus_with(param, value), kDraws), q).probability;
}

double series_mean(const std::string& param, double value, const std::string& name, std::size_t month) {
  const auto r = run(belarus_with(param, value), kDraws);
  for (const auto& s : r.series)
    if (s.name == name) return s.mean.at(month);
  throw std::runtime_error("no series " + name);
}

}  // namespace

TEST(TimelineMechanisms, RepressionRefillsThePrisons) {  // M4
  const double lo = answer("prisoner_inflow_month", 20, "prisoners_below_500");
  const double hi = answer("prisoner_inflow_month", 80, "prisoners_below_500");
  EXPECT_GT(lo, hi + 0.05) << "more arrests a month, fewer draws below 500 (" << lo << " vs " << hi << ")";
}

TEST(TimelineMechanisms, ProvocationsKeepTheBorderTense) {  // M5
  const double lo = answer("probe_step", 2, "border_calmer");
  const double hi = answer("probe_step", 20, "border_calmer");
  EXPECT_GT(lo, hi + 0.05) << lo << " vs " << hi;
}

TEST(TimelineMechanisms, MoscowReplacingTheRulerEndsHisRule) {  // M11
  const double lo = answer("p_moscow_replaces_month", 0.0, "lukashenko_in_power");
  const double hi = answer("p_moscow_replaces_month", 0.05, "lukashenko_in_power");
  EXPECT_GT(lo, hi + 0.2) << lo << " vs " << hi;
}

TEST(TimelineMechanisms, AnExerciseBringsRussianTroops) {  // M12, M1
  const double lo = answer("zapad_russian_contingent", 0, "russian_force_10k");
  const double hi = answer("zapad_russian_contingent", 20000, "russian_force_10k");
  EXPECT_GT(hi, lo + 0.2) << hi << " vs " << lo;
}

TEST(TimelineMechanisms, BiggerShocksPutMorePeopleInTheStreet) {  // M7, M11 through the society windows
  const double lo = series_mean("succession_shock", 0.6, "protest_peak", 31);
  const double hi = series_mean("succession_shock", 3.0, "protest_peak", 31);
  EXPECT_GT(hi, lo) << "a larger shock at succession, a larger peak of protest";
}

TEST(TimelineMechanisms, ADealWithMoscowBringsACeasefire) {  // M9
  const double lo = answer("deal_ceasefire_boost", 1, "ceasefire_by_horizon");
  const double hi = answer("deal_ceasefire_boost", 20, "ceasefire_by_horizon");
  EXPECT_GT(hi, lo + 0.05) << hi << " vs " << lo;
}
