// statecraft compare: variants against the baseline with common random numbers.

#include "statecraft/services/compare.hpp"

#include <gtest/gtest.h>

#include "scratch_dir.hpp"
#include "whatif_scenario.hpp"

using namespace statecraft;

namespace {

class Compare : public statecraft::testing::ScratchDir {
 protected:
  services::CompareOptions options() {
    const auto p = (dir_ / "w.yaml").string();
    statecraft::testing::spit(p, statecraft::testing::kWhatIfScenario);
    services::CompareOptions o;
    o.scenario_file = p;
    o.draws = 4000;
    o.variants = {"higher", "same"};
    return o;
  }
};

}  // namespace

TEST_F(Compare, DifferencesArePairedDrawByDraw) {
  const auto c = services::compare(options());
  ASSERT_EQ(c.questions.size(), 2u);
  const auto& high = c.questions[0];
  EXPECT_EQ(high.id, "high");
  EXPECT_NEAR(high.baseline.probability, 0.3, 0.03);
  ASSERT_EQ(high.variants.size(), 2u);
  const auto& up = high.variants[0];
  EXPECT_EQ(up.variant, "higher");
  EXPECT_NEAR(up.probability, 0.375, 0.03);
  // With the same uniform number u in both runs the answers differ only for u in [0.625, 0.7):
  // the difference is the share of such draws, and never negative draw by draw.
  EXPECT_NEAR(up.difference.estimate, up.probability - high.baseline.probability, 1e-12);
  EXPECT_NEAR(up.difference.estimate, 0.075, 0.015);
  EXPECT_EQ(up.difference.pairs, 4000u);
  EXPECT_GT(up.difference.low, 0.05);
  // far narrower than the interval of two independent runs' difference
  const auto independent = ensemble::unpaired_difference(high.baseline.yes, 4000, up.yes, 4000);
  EXPECT_LT(up.difference.high - up.difference.low, 0.5 * (independent.high - independent.low));
  // a variant that changes nothing differs in no draw
  const auto& same = high.variants[1];
  EXPECT_EQ(same.yes, high.baseline.yes);
  EXPECT_EQ(same.difference.estimate, 0.0);
}

TEST_F(Compare, TextAndJsonStartWithProvenance) {
  const auto c = services::compare(options());
  const auto text = services::comparison_text(c);
  EXPECT_EQ(text.rfind("statecraft ", 0), 0u) << text.substr(0, 200);
  EXPECT_NE(text.find("higher"), std::string::npos);
  EXPECT_NE(text.find("points ["), std::string::npos);
  const auto j = nlohmann::json::parse(services::comparison_json(c));
  EXPECT_EQ(j["provenance"]["variants"], nlohmann::json({"higher", "same"}));
  EXPECT_EQ(j["questions"][0]["variants"][0]["variant"], "higher");
  EXPECT_TRUE(j["questions"][0]["variants"][0]["difference"].contains("low"));
  EXPECT_EQ(services::comparison_json(c), services::comparison_json(services::compare(options())));
}

TEST_F(Compare, AnUnknownVariantIsAUsageError) {
  auto o = options();
  o.variants = {"higher", "nope"};
  EXPECT_THROW(services::compare(o), UsageError);
  o.variants.clear();
  EXPECT_THROW(services::compare(o), UsageError);
}

TEST_F(Compare, TheCliPrintsTheComparison) {
  const auto o = options();
  const auto r = statecraft::testing::run_cli(
      "compare " + o.scenario_file + " --variants higher,same --draws 2000 --json " + (dir_ / "c.json").string());
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("WHAT-IF COMPARISON"), std::string::npos);
  EXPECT_FALSE(statecraft::testing::slurp(dir_ / "c.json").empty());
  EXPECT_EQ(statecraft::testing::run_cli("compare " + o.scenario_file + " --variants nope").code, 64);
}
