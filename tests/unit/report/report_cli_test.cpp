// `statecraft forecast --html` and `statecraft report FORECAST.json --html`: what the page holds,
// that text from the scenario stays text, and that a bad forecast file is a located error.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "report_test_util.hpp"

namespace {

using statecraft::testing::run_cli;
using statecraft::testing::slurp;
using statecraft::testing::spit;

class ReportCli : public statecraft::testing::ScratchDir {
 protected:
  void SetUp() override {
    if (!statecraft::report::html_available()) GTEST_SKIP() << "built without web/node_modules: no chart libraries";
    ScratchDir::SetUp();
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
};

TEST_F(ReportCli, ScenarioTextIsEscapedEverywhere) {
  spit(dir_ / "hostile.yaml", report_test::hostile_scenario());
  const auto f = run_cli("forecast " + path("hostile.yaml") + " --draws 200 --quiet --html " + path("h.html"));
  ASSERT_EQ(f.code, 0) << f.out;
  const std::string page = slurp(dir_ / "h.html");
  EXPECT_NE(page.find("<h1>&lt;script&gt;window.__statecraft_injected=true&lt;/script&gt; &amp; co</h1>"),
            std::string::npos);
  EXPECT_EQ(page.find("<script>window.__statecraft_injected"), std::string::npos);
  const std::string body = page.substr(0, page.find("<script"));  // the libraries hold markup of their own
  EXPECT_EQ(body.find("<img"), std::string::npos);
  EXPECT_EQ(body.find("<i>"), std::string::npos);
  EXPECT_EQ(body.find("href=\"javascript"), std::string::npos);
  EXPECT_EQ(body.find("<!-- B"), std::string::npos);
  EXPECT_NE(body.find("javascript:window.__statecraft_injected=true"), std::string::npos);  // shown as text
  // Five script elements (charts' JSON, three libraries, the drawing code), each closed once.
  EXPECT_EQ(report_test::count(page, "<script"), 5u);
  EXPECT_EQ(report_test::count(page, "</script>"), 5u);
}

TEST_F(ReportCli, ReportRendersASavedForecastWithBothProvenances) {
  spit(dir_ / "hostile.yaml", report_test::hostile_scenario());
  ASSERT_EQ(run_cli("forecast " + path("hostile.yaml") + " --draws 200 --quiet --json " + path("f.json")).code, 0);
  const auto r = run_cli("report " + path("f.json") + " --html " + path("r.html"));
  ASSERT_EQ(r.code, 0) << r.out;
  const std::string page = slurp(dir_ / "r.html");
  EXPECT_EQ(page.rfind("<!--\ntool statecraft forecast\n", 0), 0u) << page.substr(0, 200);
  EXPECT_NE(page.find("rendered_by.tool statecraft report"), std::string::npos);
  EXPECT_NE(page.find("<td>statecraft report</td>"), std::string::npos);
  EXPECT_NE(page.find("id=\"key-judgments\""), std::string::npos);
  EXPECT_NE(page.find("id=\"games\""), std::string::npos);
  EXPECT_NE(page.find("x0"), std::string::npos);
  // The game's unique mixed equilibrium (a probes with probability 3/4), in words.
  EXPECT_NE(page.find("plays probe 75%, hold 25%; &lt;!-- B plays respond 67%, ignore 33%."), std::string::npos);
}

TEST_F(ReportCli, MissingForecastFileIsExit66) {
  const auto r = run_cli("report " + path("none.json") + " --html " + path("r.html"));
  EXPECT_EQ(r.code, 66) << r.out;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "r.html"));
}

TEST_F(ReportCli, TextThatIsNotJsonIsLocated) {
  spit(dir_ / "bad.json", "{\n  \"provenance\": {},\n  \"scenario\": nope\n}\n");
  const auto r = run_cli("report " + path("bad.json") + " --html " + path("r.html"));
  EXPECT_EQ(r.code, 65) << r.out;
  EXPECT_NE(r.out.find("bad.json:3:"), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "r.html"));
}

TEST_F(ReportCli, ForecastOfTheWrongShapeNamesTheField) {
  spit(dir_ / "hostile.yaml", report_test::hostile_scenario());
  ASSERT_EQ(run_cli("forecast " + path("hostile.yaml") + " --draws 100 --quiet --json " + path("f.json")).code, 0);
  auto doc = nlohmann::json::parse(slurp(dir_ / "f.json"));
  doc["questions"][0]["probability"] = "high";
  spit(dir_ / "f.json", doc.dump());
  const auto r = run_cli("report " + path("f.json") + " --html " + path("r.html"));
  EXPECT_EQ(r.code, 65) << r.out;
  EXPECT_NE(r.out.find("questions[0].probability: found a string, expected a number"), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "r.html"));
}

TEST_F(ReportCli, ATimelineSeriesOfTheWrongLengthIsRefused) {
  spit(dir_ / "hostile.yaml", report_test::hostile_scenario());
  ASSERT_EQ(run_cli("forecast " + path("hostile.yaml") + " --draws 100 --quiet --json " + path("f.json")).code, 0);
  auto doc = nlohmann::json::parse(slurp(dir_ / "f.json"));
  doc["timeline"]["series"][0]["p50"].erase(0);
  spit(dir_ / "f.json", doc.dump());
  const auto r = run_cli("report " + path("f.json") + " --html " + path("r.html"));
  EXPECT_EQ(r.code, 65) << r.out;
  EXPECT_NE(r.out.find("timeline.series[0].p50: found 6 entries, expected 7 entries"), std::string::npos) << r.out;
}

}  // namespace
