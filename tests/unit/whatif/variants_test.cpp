// Variants in the scenario and --set overrides: applied under the parameter's own path (so its
// random stream), checked with located errors.

#include <gtest/gtest.h>

#include "statecraft/scenario/sampler.hpp"
#include "statecraft/scenario/scenario.hpp"
#include "whatif_scenario.hpp"

using namespace statecraft;
using scenario::Overrides;

namespace {

const std::string kText = statecraft::testing::kWhatIfScenario;

std::vector<double> draw(const scenario::Scenario& s, std::uint64_t d) {
  scenario::Sampler sampler(s);
  std::vector<double> v;
  sampler.sample(s.meta.seed, d, v);
  return v;
}

double value_of(const scenario::Scenario& s, const std::vector<double>& v, const std::string& name) {
  return v[static_cast<std::size_t>(s.parameters.at(name))];
}

std::string first_problem(const std::string& text, const Overrides& o = {}) {
  try {
    scenario::load_scenario(text, "w.yaml", o);
  } catch (const ScenarioError& e) {
    return e.problems().front().to_string();
  }
  return "";
}

std::string all_problems(const std::string& text) {
  try {
    scenario::load_scenario(text, "w.yaml");
  } catch (const ScenarioError& e) {
    std::string out;
    for (const auto& d : e.problems()) out += d.to_string() + "\n";
    return out;
  }
  return "";
}

std::string with_variants(const std::string& variants) { return kText.substr(0, kText.find("variants:")) + variants; }

}  // namespace

TEST(Variants, AreReadWithTheirNotesAndParameters) {
  const auto s = scenario::load_scenario(kText, "w.yaml");
  ASSERT_EQ(s.variants.size(), 2u);
  EXPECT_EQ(s.variants[0].name, "higher");
  EXPECT_EQ(s.variants[0].note, "the centre moves up");
  EXPECT_EQ(s.variants[0].parameters, std::vector<std::string>{"centre"});
  EXPECT_EQ(s.variants[0].where.line, 20);
}

TEST(Variants, AVariantUsesTheSameRandomNumbersAsTheBaseline) {
  const auto base = scenario::load_scenario(kText, "w.yaml");
  const auto high = scenario::load_scenario(kText, "w.yaml", Overrides{"higher", {}});
  const auto same = scenario::load_scenario(kText, "w.yaml", Overrides{"same", {}});
  EXPECT_EQ(high.applied.variant, "higher");
  for (std::uint64_t d = 0; d < 50; ++d) {
    const auto b = draw(base, d), h = draw(high, d), m = draw(same, d);
    // centre = 100 u under the baseline, 20 + 80 u under `higher`: the same u
    EXPECT_NEAR(value_of(high, h, "centre"), 20 + 0.8 * value_of(base, b, "centre"), 1e-9);
    EXPECT_EQ(value_of(same, m, "centre"), value_of(base, b, "centre"));
    EXPECT_EQ(value_of(high, h, "other"), value_of(base, b, "other"));
  }
}

TEST(Variants, ASetOverridesAfterTheVariant) {
  const auto s = scenario::load_scenario(
      kText, "w.yaml", Overrides{"higher", {{"centre", "42"}, {"other", "{dist: uniform, min: 0.5, max: 0.6}"}}});
  const auto v = draw(s, 3);
  EXPECT_EQ(value_of(s, v, "centre"), 42);
  EXPECT_GE(value_of(s, v, "other"), 0.5);
  EXPECT_LE(value_of(s, v, "other"), 0.6);
  // the unit (score: [0, 100]) carries over to the override
  EXPECT_NE(first_problem(kText, Overrides{"", {{"centre", "140"}}})
                .find("--set centre:1:1: parameters.centre.value: found 140, expected a number in [0, 100]"),
            std::string::npos)
      << first_problem(kText, Overrides{"", {{"centre", "140"}}});
}

TEST(Variants, UnknownNamesOnTheCommandLineAreUsageErrors) {
  EXPECT_THROW(scenario::load_scenario(kText, "w.yaml", Overrides{"nope", {}}), UsageError);
  EXPECT_THROW(scenario::load_scenario(kText, "w.yaml", Overrides{"", {{"nope", "1"}}}), UsageError);
  EXPECT_THROW(scenario::load_scenario(kText, "w.yaml", Overrides{"", {{"centre", "{unclosed"}}}), UsageError);
  try {
    scenario::load_scenario(kText, "w.yaml", Overrides{"nope", {}});
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("its variants: higher, same"), std::string::npos) << e.what();
  }
}

TEST(Variants, AnOverrideOfNoParameterIsLocated) {
  const auto p = first_problem(with_variants("variants:\n  v:\n    note: n\n    parameters:\n      centr: 3\n"));
  EXPECT_EQ(p,
            "w.yaml:23:7: variants.v.parameters.centr: found 'centr', not a parameter of the scenario, expected the id "
            "of a parameter under `parameters`");
}

TEST(Variants, AMalformedOverrideIsLocated) {
  const auto p = all_problems(
      with_variants("variants:\n  v:\n    note: n\n    parameters:\n      centre: {dist: uniform, min: 5}\n"));
  EXPECT_NE(p.find("w.yaml:23:15: variants.v.parameters.centre.max: found nothing"), std::string::npos) << p;
}

TEST(Variants, AnOverrideThatLeavesTheRangeIsLocatedWithItsVariant) {
  // a score of 150: found when the variant is applied, at the override's line
  const auto p =
      first_problem(with_variants("variants:\n  v:\n    note: n\n    parameters:\n      centre: {value: 150}\n"));
  EXPECT_NE(p.find("w.yaml:23:"), std::string::npos) << p;
  EXPECT_NE(p.find("150"), std::string::npos) << p;
}

TEST(Variants, AVariantNeedsANoteAndParameters) {
  EXPECT_NE(first_problem(with_variants("variants:\n  v:\n    parameters: {centre: 3}\n"))
                .find("w.yaml:21:5: variants.v.note: found nothing"),
            std::string::npos);
  EXPECT_NE(first_problem(with_variants("variants:\n  v:\n    note: n\n")).find("parameters"), std::string::npos);
  EXPECT_NE(first_problem(with_variants("variants:\n  v: 3\n")).find("w.yaml:20:6"), std::string::npos)
      << first_problem(with_variants("variants:\n  v: 3\n"));
  EXPECT_NE(first_problem(with_variants("variants:\n  9v: {note: n, parameters: {centre: 3}}\n")).find("variant name"),
            std::string::npos);
}

TEST(Variants, TheBelarusVariantsOverrideRealParameters) {
  const auto s = scenario::load_default_scenario();
  std::vector<std::string> names;
  for (const auto& v : s.variants) {
    names.push_back(v.name);
    EXPECT_FALSE(v.note.empty());
    for (const auto& p : v.parameters) EXPECT_TRUE(s.parameters.count(p)) << p;
  }
  EXPECT_EQ(names,
            (std::vector<std::string>{"armed_march", "elite_split", "icc_warrant", "council_elections",
                                      "russia_weakening", "us_russia_deal", "west_arms_more", "west_arms_less"}));
}
