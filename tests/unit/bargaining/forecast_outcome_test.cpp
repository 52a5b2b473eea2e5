// forecast_outcome: the outcome of forecast() without its history, bit for bit, for every model
// (the ensembles call it on every draw); and SmpOptions::keep_states.
#include <gtest/gtest.h>

#include "statecraft/bargaining/models.hpp"
#include "statecraft/error.hpp"

using namespace statecraft::bargaining;

TEST(ForecastOutcome, EqualsTheForecastOfEveryModelOnEveryDimension) {
  for (const char* file : {"/ktab/dummyData_3Dim.csv", "/ktab/SOE-Pol-Comp.csv", "/ktab/dummyData-a040.csv"}) {
    const auto p = read_ktab_csv(std::string(STATECRAFT_DATA_DIR) + file);
    for (ModelKind m : all_models()) {
      const Forecast f = forecast(p, m);
      for (std::size_t k = 0; k < p.dimensions.size(); ++k)
        EXPECT_EQ(forecast_outcome(p, m, k), f.outcome[k]) << file << " " << model_name(m) << " dimension " << k;
    }
  }
}

TEST(ForecastOutcome, StochasticSmpAndDimensionOutOfRange) {
  const auto p = read_ktab_csv(std::string(STATECRAFT_DATA_DIR) + "/ktab/dummyData-a080.csv");
  ForecastOptions o;
  o.smp.transition = SmpTransition::kStochastic;
  o.smp.seed = 11;
  o.smp.draw = 5;
  EXPECT_EQ(forecast_outcome(p, ModelKind::kSmp, 0, o), forecast(p, ModelKind::kSmp, o).outcome[0]);
  EXPECT_THROW((void)forecast_outcome(p, ModelKind::kBdm, p.dimensions.size(), o), statecraft::UsageError);
}

TEST(SmpKeepStates, FalseKeepsNoStatesAndTheSameRun) {
  const auto p = read_ktab_csv(std::string(STATECRAFT_DATA_DIR) + "/ktab/SOE-Policy.csv");
  SmpOptions o;
  const SmpResult full = run_smp(p, o);
  o.keep_states = false;
  const SmpResult lean = run_smp(p, o);
  EXPECT_TRUE(lean.states.empty());
  EXPECT_EQ(full.states.size(), static_cast<std::size_t>(full.turns) + 1);
  EXPECT_EQ(lean.turns, full.turns);
  EXPECT_EQ(lean.stopped_by_max_turns, full.stopped_by_max_turns);
  EXPECT_EQ(lean.expected_outcome, full.expected_outcome);
}
