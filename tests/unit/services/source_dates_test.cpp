// Source dates (docs/scenario-format.md, "sources"): a year, a month or a day, placed against
// meta.as_of; a source dated after it is rejected with its location.

#include "scenario/detail/source_dates.hpp"

#include <gtest/gtest.h>

#include <string>

#include "statecraft/scenario/scenario.hpp"

namespace {

using statecraft::scenario::detail::source_date_end;

TEST(SourceDates, PartialDatesStandForTheLastDayOfTheirPeriod) {
  EXPECT_EQ(source_date_end("2024"), "2024-12-31");
  EXPECT_EQ(source_date_end("2024-02"), "2024-02-29") << "a leap year";
  EXPECT_EQ(source_date_end("2023-02"), "2023-02-28");
  EXPECT_EQ(source_date_end("1900-02"), "1900-02-28") << "not a leap year (divisible by 100)";
  EXPECT_EQ(source_date_end("2025-09-12"), "2025-09-12");
  for (const char* bad :
       {"2025-13", "2025-1", "1799", "2025-02-30", "25", "2025-00", "2025/01", "abcd", "", "2025-01-01x"})
    EXPECT_FALSE(source_date_end(bad).has_value()) << bad;
}

std::string scenario_with_source_date(const std::string& date_line) {
  return "statecraft: 1\n"
         "meta: {name: t, as_of: 2025-01-15, horizon_months: 6}\n"
         "sources:\n"
         "  - id: s1\n"
         "    title: A source\n" +
         date_line +
         "    url: https://example.org\n"
         "actors:\n"
         "  - {id: a, name: A, kind: state, capability: 1, source: s1}\n";
}

std::string problems_of(const std::string& text) {
  try {
    statecraft::scenario::load_scenario(text, "t.yaml");
  } catch (const statecraft::ScenarioError& e) {
    return e.what();
  }
  return "";
}

TEST(SourceDates, ASourceDatedAfterAsOfIsRejectedWithItsLocation) {
  const std::string msg = problems_of(scenario_with_source_date("    date: 2025-02-01\n"));
  EXPECT_NE(msg.find("t.yaml:6:11: sources.s1.date"), std::string::npos) << msg;
  EXPECT_NE(msg.find("after meta.as_of 2025-01-15"), std::string::npos) << msg;
}

TEST(SourceDates, APartialDateCountsUpToTheEndOfItsPeriod) {
  const std::string msg = problems_of(scenario_with_source_date("    date: \"2025\"\n"));
  EXPECT_NE(msg.find("'2025' (up to 2025-12-31)"), std::string::npos) << msg;
  EXPECT_EQ(problems_of(scenario_with_source_date("    date: 2024-12\n")), "");
  EXPECT_EQ(problems_of(scenario_with_source_date("    date: 2025-01-15\n")), "") << "the as-of day itself is allowed";
}

TEST(SourceDates, AMalformedDateIsAProblem) {
  const std::string msg = problems_of(scenario_with_source_date("    date: 2024-02-30\n"));
  EXPECT_NE(msg.find("expected a date YYYY, YYYY-MM or YYYY-MM-DD"), std::string::npos) << msg;
}

TEST(SourceDates, AnUndatedSourceIsAWarning) {
  const auto s = statecraft::scenario::load_scenario(scenario_with_source_date(""), "t.yaml");
  bool warned = false;
  for (const auto& w : s.warnings) warned = warned || w.path == "sources.s1.date";
  EXPECT_TRUE(warned);
}

}  // namespace
