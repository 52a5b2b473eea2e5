// services::society_snapshot: the report's picture of one society window at the central values.

#include "statecraft/services/society_snapshot.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "report_test_util.hpp"
#include "statecraft/services.hpp"

namespace {

using statecraft::services::society_snapshot;

const statecraft::scenario::Scenario& belarus() {
  static const auto s = statecraft::services::load_scenario("");
  return s;
}

std::size_t letters(const std::vector<std::string>& grid, char c) {
  std::size_t n = 0;
  for (const auto& row : grid) n += static_cast<std::size_t>(std::count(row.begin(), row.end(), c));
  return n;
}

TEST(SocietySnapshot, BelarusShowsAWindowAtItsPeak) {
  const auto snap = society_snapshot(belarus(), 20260430);
  ASSERT_TRUE(snap.has_value()) << "no window opened at the central values";
  EXPECT_EQ(snap->window, "mobilisation");
  EXPECT_EQ(snap->month.size(), 7u);
  ASSERT_EQ(snap->grid.size(), static_cast<std::size_t>(snap->height));
  for (const auto& row : snap->grid) EXPECT_EQ(row.size(), static_cast<std::size_t>(snap->width));
  ASSERT_EQ(snap->series.size(), 46u);  // setup and the window's 45 days
  EXPECT_EQ(snap->series.front().step, 0);
  // The grid is the first day with the most actives, and shows them.
  std::int64_t most = -1;
  int first = 0;
  for (std::size_t i = 1; i < snap->series.size(); ++i)
    if (snap->series[i].active > most) most = snap->series[i].active, first = snap->series[i].step;
  EXPECT_EQ(snap->peak_step, first);
  const auto& peak = snap->series[static_cast<std::size_t>(snap->peak_step)];
  EXPECT_GT(peak.active, 0);
  EXPECT_GT(letters(snap->grid, 'a'), 0u);
  EXPECT_LE(letters(snap->grid, 'a'), static_cast<std::size_t>(peak.active));
  EXPECT_EQ(letters(snap->grid, 'c') + letters(snap->grid, 'd'),
            static_cast<std::size_t>(peak.cops_loyal + peak.cops_defected));
}

TEST(SocietySnapshot, SameSeedSamePicture) {
  const auto a = society_snapshot(belarus(), 5), b = society_snapshot(belarus(), 5), c = society_snapshot(belarus(), 6);
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(a->grid, b->grid);
  EXPECT_EQ(a->seed, b->seed);
  EXPECT_EQ(a->series.back().jailed, b->series.back().jailed);
  EXPECT_NE(a->seed, c->seed);
}

TEST(SocietySnapshot, NoWindowNoSnapshot) {
  const auto s = statecraft::scenario::load_scenario(report_test::hostile_scenario(), "h.yaml");
  EXPECT_FALSE(society_snapshot(s, 1).has_value());
}

}  // namespace
