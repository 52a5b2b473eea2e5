// `statecraft compare --html` and `statecraft report COMPARISON.json --html`: what the page holds,
// that text from the scenario stays text, and that documents of the wrong shape (a comparison, a
// forecast's society snapshot) are located errors.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "report_test_util.hpp"

namespace {

using statecraft::testing::run_cli;
using statecraft::testing::slurp;
using statecraft::testing::spit;

class CompareReport : public statecraft::testing::ScratchDir {
 protected:
  void SetUp() override {
    if (!statecraft::report::html_available()) GTEST_SKIP() << "built without web/node_modules: no chart libraries";
    ScratchDir::SetUp();
    spit(dir_ / "v.yaml", report_test::hostile_variants_scenario());
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  void compare(const std::string& outputs) {
    const auto r = run_cli("compare " + path("v.yaml") + " --variants up,same --draws 400 --quiet " + outputs);
    ASSERT_EQ(r.code, 0) << r.out;
  }
};

TEST_F(CompareReport, ThePageShowsEachVariantAndItsDifference) {
  compare("--html " + path("c.html"));
  const std::string page = slurp(dir_ / "c.html");
  EXPECT_EQ(page.rfind("<!--\ntool statecraft compare\n", 0), 0u) << page.substr(0, 200);
  EXPECT_NE(page.find("<h1>&lt;script&gt;window.__statecraft_injected=true&lt;/script&gt; &amp; co</h1>"),
            std::string::npos);
  EXPECT_NE(page.find("<dd>&lt;script&gt;window.__statecraft_injected=true&lt;/script&gt; starts higher</dd>"),
            std::string::npos);
  EXPECT_EQ(page.find("<script>window.__statecraft_injected"), std::string::npos);
  EXPECT_EQ(report_test::count(page, "<script"), 5u);
  EXPECT_EQ(report_test::count(page, "</script>"), 5u);
  EXPECT_NE(page.find("id=\"differences\""), std::string::npos);
  EXPECT_NE(page.find("id=\"probabilities\""), std::string::npos);
  // x in month 5 is x0 + 10: above 15 for x0 >= 5, so every draw of `up` says yes (the baseline
  // about half), and `same` differs in no draw.
  EXPECT_NE(page.find("<td>up</td><td class=\"num\">100.0%</td>"), std::string::npos);
  const auto same = page.find("<td>same</td>");
  ASSERT_NE(same, std::string::npos);
  const std::string row = page.substr(same, page.find("</tr>", same) - same);
  EXPECT_NE(row.find("<td class=\"num\">+0.0</td>"), std::string::npos) << row;
}

TEST_F(CompareReport, ReportRendersASavedComparisonWithBothProvenances) {
  compare("--json " + path("c.json") + " --html " + path("direct.html"));
  const auto r = run_cli("report " + path("c.json") + " --html " + path("r.html"));
  ASSERT_EQ(r.code, 0) << r.out;
  const std::string page = slurp(dir_ / "r.html");
  EXPECT_EQ(page.rfind("<!--\ntool statecraft compare\n", 0), 0u) << page.substr(0, 200);
  EXPECT_NE(page.find("rendered_by.tool statecraft report"), std::string::npos);
  EXPECT_NE(page.find("id=\"differences\""), std::string::npos);
  // The same body as the page `compare --html` wrote, less the second provenance.
  const std::string direct = slurp(dir_ / "direct.html");
  const auto table = [](const std::string& p) {
    return p.substr(p.find("<table class=\"comparison\">"),
                    p.find("</table>") - p.find("<table class=\"comparison\">"));
  };
  EXPECT_EQ(table(page), table(direct));
}

TEST_F(CompareReport, AComparisonOfTheWrongShapeNamesTheField) {
  compare("--json " + path("c.json"));
  auto doc = nlohmann::json::parse(slurp(dir_ / "c.json"));
  doc["questions"][0]["variants"][1]["difference"]["low"] = "low";
  spit(dir_ / "c.json", doc.dump());
  const auto r = run_cli("report " + path("c.json") + " --html " + path("r.html"));
  EXPECT_EQ(r.code, 65) << r.out;
  EXPECT_NE(r.out.find("questions[0].variants[1].difference.low: found a string, expected a number"), std::string::npos)
      << r.out;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "r.html"));
}

/// A forecast of the hostile scenario with a society window and its snapshot of `grid` (3 cells
/// wide) added.
nlohmann::json with_snapshot(const std::string& dir, const nlohmann::json& grid) {
  const std::string f = dir + "/f.json";
  spit(dir + "/h.yaml", report_test::hostile_scenario());
  EXPECT_EQ(run_cli("forecast " + dir + "/h.yaml --draws 50 --quiet --json " + f).code, 0);
  auto doc = nlohmann::json::parse(slurp(f));
  doc["society_windows"] = {{{"id", "<b>w</b>"}, {"when", "x > 1"}, {"writes", nlohmann::json::array()}}};
  doc["society_snapshot"] = {{"window", "<b>w</b>"},
                             {"month", "2026-03"},
                             {"draw", 0},
                             {"seed", 7},
                             {"width", 3},
                             {"height", 2},
                             {"peak_step", 1},
                             {"grid", grid},
                             {"series",
                              {{"step", {0, 1}},
                               {"quiet", {3, 2}},
                               {"active", {0, 1}},
                               {"jailed", {0, 0}},
                               {"cops_loyal", {1, 1}},
                               {"cops_defected", {0, 1}}}}};
  return doc;
}

TEST_F(CompareReport, ASocietySnapshotIsShownAndEscaped) {
  spit(dir_ / "f.json", with_snapshot(dir_.string(), {"qac", "jd."}).dump());
  const auto r = run_cli("report " + path("f.json") + " --html " + path("r.html"));
  ASSERT_EQ(r.code, 0) << r.out;
  const std::string page = slurp(dir_ / "r.html");
  EXPECT_NE(page.find("id=\"society-snapshot\""), std::string::npos);
  EXPECT_NE(page.find("<code>&lt;b&gt;w&lt;/b&gt;</code> opening in 2026-03"), std::string::npos);
  EXPECT_NE(page.find("is shown on day 1, its peak: 1 active (33.3% of the citizens)"), std::string::npos);
}

TEST_F(CompareReport, ASocietySnapshotOfTheWrongShapeNamesTheRow) {
  spit(dir_ / "f.json", with_snapshot(dir_.string(), {"qac", "q"}).dump());
  const auto r = run_cli("report " + path("f.json") + " --html " + path("r.html"));
  EXPECT_EQ(r.code, 65) << r.out;
  EXPECT_NE(r.out.find("society_snapshot.grid[1]: found 1 cells, expected 3 cells"), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "r.html"));
}

}  // namespace
