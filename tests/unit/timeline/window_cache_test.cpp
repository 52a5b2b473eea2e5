// Society windows memoised by their configuration (src/timeline/window_cache.*): a window whose
// configuration ran before takes the earlier outputs, which must be exactly those of a run, and
// a window whose settings differ must run again.

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "statecraft/scenario/sampler.hpp"
#include "statecraft/scenario/scenario.hpp"
#include "statecraft/timeline/runner.hpp"

namespace {

using statecraft::timeline::Runner;
using statecraft::timeline::WindowOptions;

struct Belarus {
  statecraft::scenario::Scenario s =
      statecraft::scenario::load_scenario(statecraft::scenario::default_scenario_text(), "belarus.yaml");
  std::vector<double> central() const {
    std::vector<double> v;
    statecraft::scenario::Sampler(s).central(v);
    return v;
  }
};

std::vector<double> run(const Runner& r, const std::vector<double>& values, std::uint64_t draw) {
  std::vector<double> out(r.series().size() * static_cast<std::size_t>(r.months() + 1));
  r.run(values, 7, draw, out.data());
  return out;
}

// The first draw (at the central values) in which a society window opens.
std::uint64_t draw_with_window(const Belarus& b) {
  std::uint64_t draw = 0;
  bool opened = false;
  WindowOptions o;
  o.on_window = [&](const std::string&, int, const statecraft::society::Config&) { opened = true; };
  const Runner r(b.s, o);
  const auto v = b.central();
  for (; draw < 200; ++draw) {
    run(r, v, draw);
    if (opened) return draw;
  }
  ADD_FAILURE() << "no society window opens in 200 draws";
  return 0;
}

TEST(WindowCache, RepeatedWindowGivesTheOutputsOfARun) {
  const Belarus b;
  const std::uint64_t draw = draw_with_window(b);
  const auto v = b.central();
  const Runner cached(b.s);
  const auto first = run(cached, v, draw);
  const auto again = run(cached, v, draw);  // the window's outputs now come from the cache
  const Runner fresh(b.s);
  EXPECT_EQ(again, first);
  EXPECT_EQ(again, run(fresh, v, draw));
  EXPECT_EQ(cached.cost().windows_run, 2u * fresh.cost().windows_run);
}

TEST(WindowCache, ChangedSettingRunsTheWindowAgain) {
  // The same draw (so the same seed) with a society setting changed: the cache must not answer
  // with the first configuration's outputs.
  const Belarus b;
  const std::uint64_t draw = draw_with_window(b);
  auto v = b.central();
  const auto id = static_cast<std::size_t>(b.s.parameters.at("abm_legitimacy"));
  const Runner cached(b.s);
  const auto before = run(cached, v, draw);
  v[id] = 0.7;  // a much less legitimate regime: more people in the street
  const auto after = run(cached, v, draw);
  const Runner fresh(b.s);
  EXPECT_EQ(after, run(fresh, v, draw));
  EXPECT_NE(after, before);
}

}  // namespace
