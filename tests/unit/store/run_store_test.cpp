// The run store as a library: what it keeps, what it refuses, and how it resumes.

#include "statecraft/store/run_store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "scratch_dir.hpp"
#include "statecraft/report/forecast_report.hpp"
#include "statecraft/services/run_store.hpp"
#include "whatif_scenario.hpp"

using namespace statecraft;
using statecraft::testing::spit;

namespace {

class RunStoreTest : public statecraft::testing::ScratchDir {
 protected:
  std::string scenario() {
    const auto p = (dir_ / "w.yaml").string();
    spit(p, statecraft::testing::kWhatIfScenario);
    return p;
  }
  services::ForecastOptions options(std::size_t draws) {
    services::ForecastOptions o;
    o.scenario_file = scenario();
    o.draws = draws;
    o.threads = 2;
    return o;
  }
  std::string store() { return (dir_ / "runs.sqlite").string(); }
};

/// Passes chunks to a store and stops the run (as a kill would) after `n` commits.
class Interrupting final : public ensemble::DrawSink {
 public:
  Interrupting(ensemble::DrawSink& inner, std::size_t n) : inner_(inner), left_(n) {}
  void start(const std::vector<std::string>& o) override { inner_.start(o); }
  bool restore(ensemble::DrawChunk& c) override { return inner_.restore(c); }
  void commit(const ensemble::DrawChunk& c) override {
    inner_.commit(c);
    if (--left_ == 0) throw std::runtime_error("interrupted");
  }

 private:
  ensemble::DrawSink& inner_;
  std::size_t left_;
};

}  // namespace

TEST_F(RunStoreTest, KeepsTheRunItsDrawsAndItsResults) {
  const auto o = options(3000);
  const auto stored = services::forecast_stored(o, store(), false);
  const auto plain = services::forecast(o);
  EXPECT_EQ(report::forecast_json(stored.result), report::forecast_json(plain));
  auto st = store::RunStore::open(store());
  const auto runs = st.runs();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].status, "complete");
  EXPECT_EQ(runs[0].chunks_done, 3u);
  EXPECT_EQ(runs[0].chunks_total, 3u);
  EXPECT_EQ(st.run(1).spec.scenario_text, statecraft::testing::kWhatIfScenario);
  EXPECT_EQ(st.result_json(1), report::forecast_json(plain));
  const auto qs = st.questions(1);
  ASSERT_EQ(qs.size(), 2u);
  EXPECT_EQ(qs[0].yes, plain.questions[0].yes);
  EXPECT_DOUBLE_EQ(qs[0].probability, plain.questions[0].probability);
  // every draw's answer and uncertain parameter is kept
  const auto answers = st.answers(1, 0);
  std::size_t yes = 0;
  for (const auto a : answers) yes += a == 1 ? 1 : 0;
  EXPECT_EQ(yes, plain.questions[0].yes);
  const auto params = st.table(1, "parameters");
  ASSERT_EQ(params.columns, (std::vector<std::string>{"draw", "centre", "other"}));
  ASSERT_EQ(params.rows.size(), 3000u);
  EXPECT_EQ(params.rows[0][1].get<double>() >= 70, answers[0] == 1);
  const auto per_draw = st.table(1, "answers");
  ASSERT_EQ(per_draw.columns, (std::vector<std::string>{"draw", "high", "low"}));
  ASSERT_EQ(per_draw.rows.size(), 3000u);
  EXPECT_EQ(per_draw.rows[0][1].get<int>(), answers[0]);
  const auto summary = st.table(1, "questions");
  ASSERT_EQ(summary.rows.size(), 2u);
  EXPECT_EQ(summary.rows[0][0], "high");
  EXPECT_EQ(summary.rows[0][4].get<std::size_t>(), plain.questions[0].yes);
  EXPECT_EQ(st.table(1, "issues").rows.size(), plain.issues[0].models.size());
}

TEST_F(RunStoreTest, AnInterruptedRunResumesToTheSameBytes) {
  const auto o = options(3000);
  const std::string uninterrupted = report::forecast_json(services::forecast(o));
  {
    auto st = store::RunStore::open_or_create(store());
    const auto s = services::load_scenario(o.scenario_file);
    store::RunSpec spec;
    spec.scenario_file = o.scenario_file;
    spec.scenario_text = statecraft::testing::kWhatIfScenario;
    spec.scenario_sha256 = s.sha256;
    spec.scenario_name = s.meta.name;
    spec.seed = s.meta.seed;
    spec.draws = o.draws;
    const auto id = st.begin_run(spec, nlohmann::ordered_json::object());
    auto sink = st.sink(id, s);
    Interrupting stop(*sink, 1);
    ensemble::ForecastOptions fo;
    fo.seed = s.meta.seed;
    fo.draws = o.draws;
    fo.sink = &stop;
    EXPECT_THROW(ensemble::forecast(s, fo), std::runtime_error);
    EXPECT_EQ(st.run(id).chunks_done, 1u);
    EXPECT_EQ(st.run(id).status, "running");
  }
  const auto resumed = services::forecast_stored(o, store(), true);
  EXPECT_EQ(resumed.chunks_restored, 1u);
  EXPECT_EQ(report::forecast_json(resumed.result), uninterrupted);
  auto st = store::RunStore::open(store());
  EXPECT_EQ(st.run(1).status, "complete");
  EXPECT_EQ(st.run(1).chunks_done, 3u);
}

TEST_F(RunStoreTest, AResumeWithAnotherSeedOrScenarioIsRefused) {
  auto o = options(2000);
  auto st = store::RunStore::open_or_create(store());
  const auto s = services::load_scenario(o.scenario_file);
  store::RunSpec spec;
  spec.scenario_file = o.scenario_file;
  spec.scenario_text = statecraft::testing::kWhatIfScenario;
  spec.scenario_sha256 = s.sha256;
  spec.scenario_name = s.meta.name;
  spec.seed = s.meta.seed;
  spec.draws = o.draws;
  st.begin_run(spec, nlohmann::ordered_json::object());
  o.seed = 99;
  try {
    services::forecast_stored(o, store(), true);
    FAIL() << "resumed with another seed";
  } catch (const store::ResumeMismatchError& e) {
    EXPECT_EQ(e.code(), ExitCode::kUsage);
    EXPECT_NE(std::string(e.what()).find("seed: 99 (the stored run: 3)"), std::string::npos) << e.what();
  }
  o.seed.reset();
  o.overrides.variant = "higher";
  EXPECT_THROW(services::forecast_stored(o, store(), true), store::ResumeMismatchError);
}

TEST_F(RunStoreTest, RefusesFilesThatAreNotStores) {
  const auto text = (dir_ / "text.sqlite").string();
  spit(text, "hello, this is not a database at all, just some text long enough to be a header\n");
  try {
    store::RunStore::open(text);
    FAIL();
  } catch (const store::NotAStoreError& e) {
    EXPECT_EQ(e.code(), ExitCode::kDataErr);
    EXPECT_NE(std::string(e.what()).find("not a statecraft run store"), std::string::npos);
  }
  EXPECT_THROW(store::RunStore::open_or_create(text), store::NotAStoreError);
  const auto other = (dir_ / "other.sqlite").string();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(other.c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "CREATE TABLE t (x)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  EXPECT_THROW(store::RunStore::open(other), store::NotAStoreError);
  EXPECT_THROW(store::RunStore::open_or_create(other), store::NotAStoreError);
  EXPECT_THROW(store::RunStore::open_or_create(dir_.string()), store::NotAStoreError);
  try {
    store::RunStore::open((dir_ / "missing.sqlite").string());
    FAIL();
  } catch (const IoError& e) {
    EXPECT_EQ(e.code(), ExitCode::kNoInput);
  }
}

TEST_F(RunStoreTest, ARunThatDoesNotExistIsAClearError) {
  services::forecast_stored(options(300), store(), false);
  auto st = store::RunStore::open(store());
  try {
    (void)st.run(7);
    FAIL();
  } catch (const store::NoSuchRunError& e) {
    EXPECT_EQ(e.code(), ExitCode::kNoInput);
    EXPECT_NE(std::string(e.what()).find("no run 7"), std::string::npos);
  }
  EXPECT_THROW((void)st.table(7, "questions"), store::NoSuchRunError);
  EXPECT_THROW((void)st.table(1, "nonsense"), UsageError);
  // nothing unfinished to resume
  EXPECT_THROW(services::forecast_stored(options(300), store(), true), store::NoSuchRunError);
}
