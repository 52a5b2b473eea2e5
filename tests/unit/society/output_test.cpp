// Society outputs: burst counting, CSV and JSON with provenance, PNG snapshots.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "statecraft/io.hpp"
#include "statecraft/society/run.hpp"

using namespace statecraft::society;

namespace {

TEST(SocietySummary, BurstsAreMaximalRunsAboveTheThreshold) {
  std::vector<StepStats> s;
  for (std::int64_t a : {0, 60, 70, 10, 55, 0, 49, 50}) {
    StepStats x;
    x.active = a;
    x.step = static_cast<int>(s.size()) + 1;
    s.push_back(x);
  }
  EXPECT_EQ(count_bursts(s, 50), 3) << "60-70, 55 and 50 are three bursts";
  const auto m = summarize(s, 50);
  EXPECT_EQ(m.peak_active, 70) << "peak";
  EXPECT_EQ(m.peak_step, 3) << "step of the peak";
  EXPECT_DOUBLE_EQ(m.mean_active, 294.0 / 8) << "mean";
}

TEST(SocietyOutput, CsvAndJsonCarryProvenanceAndTheSeries) {
  Model m(Config::netlogo());
  const auto r = run(m, 20);
  statecraft::Provenance p = statecraft::Provenance::of("simulate", "test", "-");
  p.with("seed", "1");
  const std::string csv = to_csv(r, p);
  EXPECT_EQ(csv.rfind("# statecraft ", 0), 0u) << "provenance first";
  EXPECT_NE(csv.find("# input test sha256 -\n# seed 1\nstep,quiet,active,jailed,cops_loyal,cops_defected,arrests"),
            std::string::npos)
      << "then the header";
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 3 + 1 + 21) << "3 provenance lines, header, 21 rows";
  const auto j = nlohmann::json::parse(to_json(r, m.config(), p));
  EXPECT_EQ(j["provenance"]["seed"], "1") << "JSON provenance";
  EXPECT_EQ(j["series"]["active"].size(), 21u) << "initial state plus 20 steps";
  EXPECT_EQ(j["summary"]["peak_active"], r.summary.peak_active) << "summary";
  EXPECT_EQ(j["config"]["semantics"], "netlogo") << "config echoed";
}

TEST(SocietyOutput, PngSnapshotIsAValidImage) {
  Model m(Config::mesa());
  m.step();
  const auto path = (std::filesystem::temp_directory_path() / "statecraft_society_test.png").string();
  write_png(m, path, 4);
  const std::string data = statecraft::read_file(path);
  ASSERT_GT(data.size(), 100u) << "a non-trivial PNG";
  EXPECT_EQ(data.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8)) << "PNG signature";
  // IHDR width and height (big-endian) = 40 cells * 4 pixels.
  EXPECT_EQ(static_cast<unsigned char>(data[19]), 160) << "width 160 px";
  EXPECT_EQ(static_cast<unsigned char>(data[23]), 160) << "height 160 px";
  std::filesystem::remove(path);
}

}  // namespace
