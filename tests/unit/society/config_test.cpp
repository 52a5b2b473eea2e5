// The scenario reader (meta, sources, society) and `statecraft simulate` end to end.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "cli_run.hpp"
#include "statecraft/error.hpp"
#include "statecraft/io.hpp"
#include "statecraft/scenario/society_section.hpp"
#include "statecraft/society/society_config.hpp"

using namespace statecraft::society;
using statecraft::scenario::load_society_scenario;
using statecraft::scenario::parse_society_scenario;

namespace {

const std::string kScenario = std::string(STATECRAFT_SOURCE_DIR) + "/scenarios/belarus-2020.yaml";

TEST(SocietyScenario, ReadsTheHindcastFile) {
  const auto sc = load_society_scenario(kScenario);
  EXPECT_EQ(sc.base, "netlogo") << "society.base";
  EXPECT_EQ(sc.meta.at("seed"), "2020") << "meta.seed";
  ASSERT_TRUE(sc.settings.count("security_forces")) << "security_forces present";
  EXPECT_DOUBLE_EQ(sc.settings.at("security_forces").value, 100000) << "{value: x} form";
  EXPECT_EQ(sc.settings.at("security_forces").sources, std::vector<std::string>{"press_2020"}) << "source id kept";
  EXPECT_EQ(sc.sha256.size(), 64u) << "input hash for provenance";
  Scaling sca;
  const Config c = make_config(sc, 20000, &sca);
  EXPECT_NEAR(sca.people_per_agent, 470.5, 0.1) << "9.41 m people on 20,000 agents";
  EXPECT_NEAR(c.cop_density, 0.7 * 100000 / 9410000.0, 1e-12) << "security forces scaled like the population";
  EXPECT_EQ(c.ext.reserve_cops, 2) << "1,000 reserve officers scaled to agents";
  EXPECT_DOUBLE_EQ(c.ext.legitimacy.at(5, -1), 0.93) << "legitimacy before the election";
  EXPECT_NEAR(c.ext.legitimacy.at(20, -1), 0.898, 1e-12) << "legitimacy after the shock";
  EXPECT_DOUBLE_EQ(c.ext.backing.at(30, -1), 1.0) << "Moscow's backing from day 28";
  EXPECT_TRUE(c.ext.any()) << "extensions on";
}

std::vector<statecraft::Diagnostic> problems_of(const std::string& text) {
  try {
    parse_society_scenario(text, "bad.yaml");
  } catch (const statecraft::ScenarioError& e) {
    return e.problems();
  }
  return {};
}

const char* kHead = R"(statecraft: 1
meta: {name: t, as_of: 2020-08-01, horizon_months: 12}
sources: [{id: a, title: A, url: x}]
actors: [{id: p, name: P, kind: population, capability: 1, source: a}]
)";

TEST(SocietyScenario, EveryProblemIsReportedWithItsPlace) {
  const auto ps = problems_of(std::string(kHead) +
                              "society:\n  legitimacy: high\n  population: {value: 5, source: b}\n  base: hybrid\n");
  ASSERT_EQ(ps.size(), 3u) << "three problems collected before throwing";
  EXPECT_EQ(ps[0].where.to_string(), "bad.yaml:6:15") << "line and column of the bad number";
  EXPECT_NE(ps[0].found.find("unknown parameter 'high'"), std::string::npos) << "a word is read as an expression";
  EXPECT_NE(ps[1].found.find("unknown source 'b'"), std::string::npos) << "unknown source id";
  EXPECT_EQ(ps[2].expected, "one of mesa, netlogo") << "bad base";
  const auto unknown = problems_of(std::string(kHead) + "society:\n  legitimacy_shok: {value: 0.1, source: a}\n");
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_NE(unknown[0].found.find("legitimacy_shok"), std::string::npos) << "unknown setting named";
  EXPECT_EQ(unknown[0].where.line, 6) << "at its line";
}

TEST(SocietyScenario, MalformedFilesAreScenarioErrors) {
  try {
    parse_society_scenario("society: [1, 2\n", "broken.yaml");
    FAIL() << "expected a ScenarioError";
  } catch (const statecraft::ScenarioError& e) {
    EXPECT_EQ(e.problems().front().where.file, "broken.yaml") << "file named";
    EXPECT_GT(e.problems().front().where.line, 0) << "line given";
  }
  EXPECT_TRUE(problems_of(std::string(kHead)).empty()) << "a scenario without a society section runs the defaults";
  EXPECT_FALSE(problems_of("- 1\n- 2\n").empty()) << "a list at the top is a problem";
}

TEST(SocietyScenario, OverridesCheckTheName) {
  auto sc = load_society_scenario(kScenario);
  override_setting(sc, "kremlin_reserve", 0);
  EXPECT_EQ(make_config(sc, 20000).ext.reserve_cops, 0) << "counterfactual without the reserve";
  EXPECT_THROW(override_setting(sc, "kremlin_reserv", 0), statecraft::UsageError) << "misspelt name rejected";
}

int cli(const std::string& args) { return statecraft::testing::run_cli(args).code; }

const std::string kFlagship = std::string(STATECRAFT_SOURCE_DIR) + "/scenarios/belarus.yaml";

TEST(SocietySchema, ValidateAndSimulateAcceptTheSameScenarios) {
  for (const auto& f : {kFlagship, kScenario}) {
    EXPECT_EQ(cli("validate " + f), 0) << f;
    EXPECT_EQ(cli("simulate " + f + " --agents 2000 --steps 2 --quiet"), 0)
        << "simulate runs what validate accepts: " << f;
  }
  // What simulate rejects in a file, validate rejects too, with the same located message.
  const auto dir = std::filesystem::path(statecraft::testing::scratch_path("schema"));
  std::filesystem::create_directories(dir);
  const auto bad = (dir / "vision.yaml").string();
  statecraft::write_file_atomic(bad, std::string(kHead) + "society:\n  vision: {value: 0, source: a}\n");
  const auto v = statecraft::testing::run_cli("validate " + bad);
  const auto s = statecraft::testing::run_cli("simulate " + bad + " --steps 1 --quiet");
  EXPECT_EQ(v.code, 65) << v.out;
  EXPECT_EQ(s.code, 65) << s.out;
  EXPECT_NE(s.out.find("vision.yaml:6:19: society.vision.value: found 0, expected a whole number in [1, 100]"),
            std::string::npos)
      << s.out;
  std::filesystem::remove_all(dir);
}

TEST(SocietySchema, EverySettingIsDeclaredOnceWithRangeAndDoc) {
  std::set<std::string> names;
  const std::string doc = statecraft::read_file(std::string(STATECRAFT_SOURCE_DIR) + "/docs/models/society.md");
  for (const auto& spec : society_settings()) {
    EXPECT_TRUE(names.insert(spec.name).second) << spec.name << " declared twice";
    EXPECT_NE(doc.find("| `" + spec.name + "` |"), std::string::npos)
        << spec.name << " missing from the settings table of docs/models/society.md";
    EXPECT_FALSE(spec.doc.empty()) << spec.name;
    if (spec.type == statecraft::SettingSpec::Type::kNumber || spec.type == statecraft::SettingSpec::Type::kWhole) {
      EXPECT_LE(spec.lower, spec.upper) << spec.name;
      EXPECT_TRUE(std::isnan(spec.fallback) || spec.allows(spec.fallback))
          << spec.name << ": default outside its range";
    }
  }
  auto sc = load_society_scenario(kScenario);
  EXPECT_THROW(override_setting(sc, "vision", 0), statecraft::UsageError) << "--set checks the declared range";
  EXPECT_THROW(override_setting(sc, "vision", 2.5), statecraft::UsageError) << "--set checks whole numbers";
}

TEST(SocietySimulateCli, RunsTheScenarioAndWritesOutputs) {
  const auto dir = std::filesystem::path(statecraft::testing::scratch_path("simulate"));
  std::filesystem::create_directories(dir);
  const auto json = (dir / "h.json").string(), csv = (dir / "h.csv").string(), png = (dir / "h.png").string();
  ASSERT_EQ(cli("simulate " + kScenario + " --agents 3000 --steps 40 --seed 3 --quiet --json " + json + " --csv " +
                csv + " --snapshot " + png),
            0)
      << "simulate runs";
  const auto j = nlohmann::json::parse(statecraft::read_file(json));
  EXPECT_EQ(j["provenance"]["seed"], "3") << "seed in provenance";
  EXPECT_EQ(j["provenance"]["input_sha256"].get<std::string>().size(), 64u) << "input hash in provenance";
  EXPECT_EQ(j["series"]["active"].size(), 41u) << "initial state and 40 days";
  EXPECT_EQ(j["series"]["active"][5], 0) << "nobody protests before the election shock";
  EXPECT_GT(j["summary"]["peak_active"].get<int>(), 0) << "protest after the election";
  EXPECT_EQ(statecraft::read_file(csv).rfind("# statecraft ", 0), 0u) << "CSV starts with provenance";
  EXPECT_EQ(statecraft::read_file(png).substr(1, 3), "PNG") << "PNG written";
  std::filesystem::remove_all(dir);
}

TEST(SocietySimulateCli, BadInputGivesSysexitsCodes) {
  EXPECT_EQ(cli("simulate --mode nonsense"), 64) << "bad mode is a usage error";
  EXPECT_EQ(cli("simulate " + kScenario + " --set nope=1 --steps 1"), 64) << "unknown --set name";
  EXPECT_EQ(cli("simulate /nonexistent/file.yaml"), 66) << "missing input";
  const auto bad = statecraft::testing::scratch_path("bad_society.yaml");
  statecraft::write_file_atomic(bad, "society:\n  legitimacy: [1\n");
  EXPECT_EQ(cli("simulate " + bad), 65) << "malformed YAML is a data error";
  std::filesystem::remove(bad);
}

nlohmann::json run_json(const std::string& args, const std::string& json) {
  EXPECT_EQ(cli("simulate " + args + " --quiet --json " + json), 0) << args;
  return nlohmann::json::parse(statecraft::read_file(json));
}

class SimulateOptions : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(statecraft::testing::scratch_path("options"));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  std::filesystem::path dir_;
};

TEST_F(SimulateOptions, ExactPresetsIgnoreTheFilesSettings) {
  for (const std::string mode : {"netlogo", "mesa"}) {
    auto with_file = run_json(kScenario + " --mode " + mode + " --steps 1 --seed 5", path("f.json"))["config"];
    auto preset = run_json("--mode " + mode + " --steps 1 --seed 5", path("p.json"))["config"];
    EXPECT_EQ(with_file, preset) << mode
                                 << ": the file's arrest probability, jail terms etc. must not leak into the preset";
    EXPECT_EQ(with_file["extensions"], false);
    with_file = run_json(kScenario + " --mode " + mode + " --steps 1 --agents 3000", path("f.json"))["config"];
    preset = run_json("--mode " + mode + " --steps 1 --agents 3000 --seed 2020", path("p.json"))["config"];
    EXPECT_EQ(with_file, preset) << mode << ": --agents sizes the grid, the file gives its seed";
  }
  EXPECT_EQ(cli("simulate " + kScenario + " --mode mesa --set vision=3 --steps 1"), 64)
      << "--set has nothing to change";
}

TEST_F(SimulateOptions, AutoOrderGivesTheSameRunOnAnyThreadCount) {
  const auto one = run_json("--agents 2000 --steps 30 --seed 9 --threads 1", path("1.json"));
  const auto two = run_json("--agents 2000 --steps 30 --seed 9 --threads 2", path("2.json"));
  EXPECT_EQ(one["config"]["update"], two["config"]["update"]);
  EXPECT_EQ(one["series"], two["series"]);
}

TEST_F(SimulateOptions, NumbersOutsideTheirDomainAreUsageErrors) {
  EXPECT_EQ(cli("simulate --steps 1 --legitimacy nan"), 64);
  EXPECT_EQ(cli("simulate --steps 1 --legitimacy -0.5"), 64);
  EXPECT_EQ(cli("simulate --steps 1 --seed -1"), 64) << "must not wrap to 2^64-1";
  EXPECT_EQ(cli("simulate --steps 1 --seed 18446744073709551616"), 64);
  EXPECT_EQ(cli("simulate --steps 1 --seed 12x"), 64);
  EXPECT_EQ(run_json("--steps 1 --seed 18446744073709551615", path("s.json"))["config"]["seed"].get<std::uint64_t>(),
            18446744073709551615u);
}

TEST_F(SimulateOptions, OutputsAreCheckedBeforeRunning) {
  const auto csv = path("out.csv");
  EXPECT_EQ(cli("simulate --steps 1 --quiet --csv " + csv + " --json " + path("missing/out.json")), 74);
  EXPECT_FALSE(std::filesystem::exists(csv)) << "nothing written when one output cannot be";
  const auto input = path("input.yaml");
  std::filesystem::copy_file(kScenario, input);
  EXPECT_EQ(cli("simulate " + input + " --steps 1 --quiet --json " + input), 64) << "output over the input";
  EXPECT_EQ(statecraft::read_file(input), statecraft::read_file(kScenario)) << "input untouched";
  EXPECT_EQ(cli("simulate --steps 1 --quiet --csv " + dir_.string()), 74) << "a directory is no output file";
}

}  // namespace
