// The HTML report in a real browser: Debian's chromium, headless, driven by web/check-report.mjs
// (playwright-core), opens the page offline and reports every chart container without an SVG,
// every console or page error and every request that left the file. Screenshots (the whole page
// and each section) are kept in the build folder, report-screenshots/, for people to look at.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "report_test_util.hpp"

namespace {

namespace fs = std::filesystem;
using statecraft::testing::run_cli;
using statecraft::testing::run_shell;
using statecraft::testing::slurp;
using statecraft::testing::spit;

const fs::path kWeb = fs::path(STATECRAFT_SOURCE_DIR) / "web";
const fs::path kShots = STATECRAFT_SCREENSHOT_DIR;

class Browser : public statecraft::testing::ScratchDir {
 protected:
  void SetUp() override {
    if (!statecraft::report::html_available()) GTEST_SKIP() << "built without web/node_modules: no chart libraries";
    ASSERT_TRUE(fs::exists("/usr/bin/chromium"))
        << "chromium missing: run scripts/install-deps.sh (scripts/deps/report.txt)";
    ASSERT_TRUE(fs::exists(kWeb / "node_modules/playwright-core"))
        << "web/node_modules missing: run scripts/install-deps.sh";
    ScratchDir::SetUp();
    fs::create_directories(kShots);
  }

  /// Opens `html` in chromium; the screenshots are named after `name`.
  nlohmann::json open(const fs::path& html, const std::string& name) {
    const auto r = run_shell("node '" + (kWeb / "check-report.mjs").string() + "' '" + html.string() + "' '" +
                             (kShots / (name + ".png")).string() + "'");
    EXPECT_EQ(r.code, 0) << r.out;
    const auto line = r.out.rfind("\n{");
    return nlohmann::json::parse(r.out.substr(line == std::string::npos ? 0 : line + 1), nullptr, false);
  }

  static void expect_all_drawn(const nlohmann::json& found, std::size_t at_least) {
    ASSERT_TRUE(found.is_object()) << found;
    EXPECT_GE(found["charts"].get<std::size_t>(), at_least) << found;
    EXPECT_TRUE(found["empty"].empty()) << "charts not drawn: " << found["empty"];
    EXPECT_TRUE(found["errors"].empty()) << found["errors"];
  }
};

TEST_F(Browser, TheDefaultForecastDrawsEveryChart) {
  const auto r = run_cli("forecast --draws 1000 --quiet --html " + (dir_ / "belarus.html").string());
  ASSERT_EQ(r.code, 0) << r.out;
  const auto found = open(dir_ / "belarus.html", "belarus");
  // Key judgments, the timeline's state variables and event counts, two by-month charts, issues,
  // and the society snapshot's grid and series.
  expect_all_drawn(found, 22);
  EXPECT_EQ(found["h1"], "Belarus between Moscow and the West");
  EXPECT_NE(slurp(dir_ / "belarus.html").find("id=\"society-snapshot\""), std::string::npos);
  EXPECT_TRUE(fs::exists(kShots / "belarus.png"));
  EXPECT_TRUE(fs::exists(kShots / "belarus-timeline.png"));
  EXPECT_TRUE(fs::exists(kShots / "belarus-society.png"));
}

TEST_F(Browser, TheDefaultComparisonDrawsEveryChart) {
  const auto r =
      run_cli("compare --variants elite_split,west_arms_less --draws 300 --quiet --html " + (dir_ / "c.html").string());
  ASSERT_EQ(r.code, 0) << r.out;
  const auto found = open(dir_ / "c.html", "belarus-compare");
  expect_all_drawn(found, 2);  // the differences and the probabilities
  EXPECT_EQ(found["h1"], "Belarus between Moscow and the West");
  EXPECT_TRUE(fs::exists(kShots / "belarus-compare-differences.png"));
}

TEST_F(Browser, AComparisonsMarkupRendersAsTextAndRunsNothing) {
  spit(dir_ / "v.yaml", report_test::hostile_variants_scenario());
  ASSERT_EQ(run_cli("compare " + (dir_ / "v.yaml").string() + " --variants up,same --draws 200 --quiet --html " +
                    (dir_ / "c.html").string())
                .code,
            0);
  const auto found = open(dir_ / "c.html", "compare-hostile");
  expect_all_drawn(found, 2);
  EXPECT_EQ(found["h1"], "<script>" + report_test::kInjected + "</script> & co");
  EXPECT_FALSE(found["injected"].get<bool>());
}

TEST_F(Browser, ScenarioMarkupRendersAsTextAndRunsNothing) {
  spit(dir_ / "hostile.yaml", report_test::hostile_scenario());
  ASSERT_EQ(run_cli("forecast " + (dir_ / "hostile.yaml").string() + " --draws 200 --quiet --html " +
                    (dir_ / "h.html").string())
                .code,
            0);
  const auto found = open(dir_ / "h.html", "hostile");
  expect_all_drawn(found, 2);
  EXPECT_EQ(found["h1"], "<script>" + report_test::kInjected + "</script> & co");
  EXPECT_FALSE(found["injected"].get<bool>());
}

TEST_F(Browser, ASensitivitySectionIsDrawn) {
  spit(dir_ / "hostile.yaml", report_test::hostile_scenario());
  ASSERT_EQ(run_cli("forecast " + (dir_ / "hostile.yaml").string() + " --draws 200 --quiet --json " +
                    (dir_ / "f.json").string())
                .code,
            0);
  auto doc = nlohmann::ordered_json::parse(slurp(dir_ / "f.json"));
  doc["sensitivity"] = {
      {"questions",
       {{{"id", "x_high"},
         {"text", "x above 15 </script> in month 5?"},
         {"tornado",
          {{{"parameter", "x0"}, {"low", 0.0}, {"high", 1.0}, {"base", 0.5}},
           {{"parameter", "<b>other</b>"}, {"low", 0.45}, {"high", 0.55}, {"base", 0.5}}}},
         {"sobol",
          {{{"group", "start"}, {"first", 0.9}, {"first_ci", {0.85, 0.95}}, {"total", 0.95}},
           {{"group", "<i>rest</i>"}, {"first", 0.02}, {"total", 0.05}, {"total_ci", {0.0, 0.1}}}}}}}}};
  spit(dir_ / "f.json", doc.dump(2));
  const auto r = run_cli("report " + (dir_ / "f.json").string() + " --html " + (dir_ / "s.html").string());
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(slurp(dir_ / "s.html").find("id=\"sensitivity\""), std::string::npos);
  const auto found = open(dir_ / "s.html", "sensitivity");
  expect_all_drawn(found, 4);
  EXPECT_FALSE(found["injected"].get<bool>());
}

}  // namespace
