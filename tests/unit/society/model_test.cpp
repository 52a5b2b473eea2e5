// Society engine: configuration presets, validation, conservation, determinism and independence
// from the number of threads.

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "statecraft/error.hpp"
#include "statecraft/society/run.hpp"

using namespace statecraft::society;

namespace {

TEST(SocietyConfig, PresetsMatchTheReferences) {
  const Config m = Config::mesa();
  EXPECT_EQ(m.semantics, Semantics::kMesa) << "Mesa preset";
  EXPECT_EQ(m.width, 40) << "Mesa grid 40x40";
  EXPECT_DOUBLE_EQ(m.citizen_density, 0.7) << "Mesa citizen density";
  EXPECT_DOUBLE_EQ(m.cop_density, 0.074) << "Mesa cop density";
  EXPECT_EQ(m.vision, Vision::kVonNeumann) << "Mesa von Neumann vision";
  EXPECT_DOUBLE_EQ(m.legitimacy, 0.8) << "Mesa legitimacy";
  EXPECT_EQ(m.max_jail_term, 1000) << "Mesa randint(0, 1000)";
  EXPECT_EQ(m.rounding, RatioRounding::kRound) << "Mesa round(C/A)";
  const Config n = Config::netlogo();
  EXPECT_EQ(n.semantics, Semantics::kNetLogo) << "NetLogo preset";
  EXPECT_DOUBLE_EQ(n.cop_density, 0.04) << "NetLogo 4% cops";
  EXPECT_EQ(n.vision, Vision::kEuclidean) << "NetLogo in-radius";
  EXPECT_DOUBLE_EQ(n.legitimacy, 0.82) << "NetLogo legitimacy";
  EXPECT_EQ(n.max_jail_term, 29) << "NetLogo random 30";
  EXPECT_EQ(n.rounding, RatioRounding::kFloor) << "NetLogo floor(C/A)";
  EXPECT_FALSE(m.ext.any()) << "exact Epstein: every Belarus extension is off in the Mesa preset";
  EXPECT_FALSE(n.ext.any()) << "exact Epstein: every Belarus extension is off in the NetLogo preset";
  EXPECT_TRUE(Config::belarus().ext.any()) << "the Belarus preset switches extensions on";
}

TEST(SocietyConfig, BadValuesAreRejectedWithTheFieldName) {
  auto expect_bad = [](Config c, const std::string& field) {
    try {
      Model m(c);
      ADD_FAILURE() << "expected a UsageError naming " << field;
    } catch (const statecraft::UsageError& e) {
      EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << "message names the field: " << e.what();
    }
  };
  Config c = Config::mesa();
  c.citizen_density = 1.2;
  expect_bad(c, "citizen_density");
  c = Config::mesa();
  c.cop_density = 0.5;
  expect_bad(c, "citizen_density + cop_density");
  c = Config::mesa();
  c.width = 10;
  expect_bad(c, "vision");
  c = Config::netlogo();
  c.legitimacy = -0.1;
  expect_bad(c, "legitimacy");
  c = Config::netlogo();
  c.ext.legitimacy.points = {{5, 0.5}, {2, 0.4}};
  expect_bad(c, "legitimacy schedule step");
  c = Config::netlogo();
  c.ext.visible_share = 2;
  expect_bad(c, "visible_share");
}

TEST(SocietyModel, CitizensAreConservedAndCopsConstant) {
  for (Config c : {Config::mesa(), Config::netlogo()}) {
    c.legitimacy = 0.6;  // plenty of arrests and releases
    Model m(c);
    const auto n = m.citizens();
    const auto cops = m.initial_cops();
    EXPECT_GT(n, 1000) << "about 70% of 1600 cells hold citizens";
    for (int i = 0; i < 150; ++i) {
      const auto s = m.step();
      ASSERT_EQ(s.quiet + s.active + s.jailed, n)
          << to_string(c.semantics) << " step " << s.step << ": every citizen is quiet, active or jailed";
      ASSERT_EQ(s.cops_loyal, cops) << "no defection without the extension";
      ASSERT_LE(s.arrests, cops) << "a cop arrests at most one citizen per step";
    }
  }
}

TEST(SocietyModel, NetLogoCountsMatchRoundedDensities) {
  Model m(Config::netlogo());
  EXPECT_EQ(m.initial_cops(), 64) << "round(4% of 1600)";
  EXPECT_EQ(m.citizens(), 1120) << "round(70% of 1600)";
}

TEST(SocietyModel, ZeroJailTermFreesAtOnceInNetLogoButNotInMesa) {
  Config n = Config::netlogo();
  n.legitimacy = 0.5;
  n.max_jail_term = 0;
  Model mn(n);
  std::int64_t arrests = 0;
  for (int i = 0; i < 50; ++i) {
    const auto s = mn.step();
    arrests += s.arrests;
    ASSERT_EQ(s.jailed, 0) << "NetLogo: jail-term 0 means not in jail";
  }
  EXPECT_GT(arrests, 0) << "arrests happen at L = 0.5";
  Config m = Config::mesa();
  m.legitimacy = 0.5;
  m.max_jail_term = 0;
  Model mm(m);
  bool some_jailed = false;
  for (int i = 0; i < 50; ++i) some_jailed |= mm.step().jailed > 0;
  EXPECT_TRUE(some_jailed) << "Mesa: an arrested citizen stays ARRESTED until its next turn";
}

std::vector<std::int64_t> actives(Config c, int steps) {
  Model m(c);
  std::vector<std::int64_t> out;
  for (int i = 0; i < steps; ++i) {
    const auto s = m.step();
    out.push_back(s.active * 1000003 + s.jailed * 1009 + s.arrests);
  }
  return out;
}

TEST(SocietyModel, SameSeedSameRunDifferentSeedDifferentRun) {
  Config c = Config::netlogo();
  EXPECT_EQ(actives(c, 100), actives(c, 100)) << "a run is a function of its seed";
  Config d = c;
  d.seed = 2;
  EXPECT_NE(actives(c, 100), actives(d, 100)) << "another seed gives another run";
}

class ParallelOrder : public ::testing::TestWithParam<UpdateOrder> {};

Config mesa_with_extensions() {
  // The Belarus preset's extensions on Mesa semantics (which the synchronous order runs on the
  // cell-centric engine).
  Config c = Config::belarus();
  const Config m = Config::mesa();
  c.semantics = m.semantics;
  c.vision = m.vision;
  c.rounding = m.rounding;
  c.cop_density = m.cop_density;
  return c;
}

TEST_P(ParallelOrder, DoesNotDependOnTheNumberOfThreads) {
  for (Config c : {Config::mesa(), Config::netlogo(), Config::belarus(), mesa_with_extensions()}) {
    c.width = c.height = 120;
    c.legitimacy = 0.7;
    c.update = GetParam();
    std::vector<std::int64_t> one, two;
    {
      tbb::global_control g(tbb::global_control::max_allowed_parallelism, 1);
      one = actives(c, 40);
    }
    {
      tbb::global_control g(tbb::global_control::max_allowed_parallelism, 2);
      two = actives(c, 40);
    }
    EXPECT_EQ(one, two) << to_string(c.semantics) << (c.ext.any() ? " with the Belarus extensions" : "") << ", "
                        << to_string(c.update) << " order: same series on 1 and 2 threads";
  }
}

TEST(SocietyModel, ExtensionsActOnTheCellCentricEngine) {
  // Mesa semantics with the Belarus extensions in the synchronous order (cell-centric engine):
  // the election shock brings the crowd out, the most aggrieved emigrate, and the patron's
  // reserve arrives once the active share passes its trigger.
  Config c = mesa_with_extensions();
  c.width = c.height = 80;
  c.update = UpdateOrder::kSynchronous;
  Model m(c);
  std::int64_t before = 0, after = 0;
  StepStats last;
  for (int i = 0; i < 60; ++i) {
    last = m.step();
    if (i < 10)
      before = std::max(before, last.active);
    else
      after = std::max(after, last.active);
  }
  EXPECT_GT(after, 5 * std::max<std::int64_t>(before, 1)) << "the shock at step 11 raises the rebellion";
  EXPECT_GT(last.emigrated, 0) << "aggrieved citizens emigrate";
  EXPECT_GE(m.outcome().reserve_arrived_step, 0) << "the reserve arrives after the trigger";
  EXPECT_EQ(last.quiet + last.active + last.jailed + last.emigrated, m.citizens()) << "citizens conserved";
  EXPECT_EQ(
      last.cops_loyal + last.cops_defected,
      m.initial_cops() + (m.outcome().reserve_arrived_step >= 0 ? c.ext.reserve_cops : 0) +
          (m.outcome().intervention && m.steps_done() > m.outcome().intervention_step ? c.ext.intervention_cops : 0))
      << "cops conserved (reserve and intervention added)";
}

INSTANTIATE_TEST_SUITE_P(Orders, ParallelOrder,
                         ::testing::Values(UpdateOrder::kBlocked, UpdateOrder::kSynchronous,
                                           UpdateOrder::kConflictFree),
                         [](const auto& param_info) {
                           switch (param_info.param) {
                             case UpdateOrder::kBlocked:
                               return std::string("Blocked");
                             case UpdateOrder::kSynchronous:
                               return std::string("Synchronous");
                             default:
                               return std::string("ConflictFree");
                           }
                         });

TEST(SocietyCellEngine, AvxProbesGiveTheSameRunAsPortableOnes) {
#if defined(__x86_64__)
  if (!__builtin_cpu_supports("avx2")) GTEST_SKIP() << "no AVX2 on this processor: only the portable probes run";
#else
  GTEST_SKIP() << "the AVX2 probes exist on x86-64 only";
#endif
  for (Config c : {Config::mesa(), mesa_with_extensions()}) {
    c.width = c.height = 120;
    c.legitimacy = 0.7;
    c.update = UpdateOrder::kSynchronous;
    Config portable = c;
    portable.engine.simd = false;
    EXPECT_EQ(actives(portable, 40), actives(c, 40)) << (c.ext.any() ? "with the Belarus extensions: " : "")
                                                     << "the AVX2 probes draw the same cells as the portable ones";
  }
}

TEST(SocietyCellEngine, CopsCountsUpdatedFromTheDecisionsEqualCountsAfresh) {
  // In calm runs the cops' counts in view are the citizens' ones plus the decisions that changed;
  // engine.check_counts makes the engine recompute them and throw if they differ.
  for (const double L : {0.8, 0.7}) {
    Config c = Config::mesa();
    c.width = c.height = 120;
    c.legitimacy = L;
    c.update = UpdateOrder::kSynchronous;
    c.engine.check_counts = true;
    EXPECT_NO_THROW(actives(c, 60)) << "L = " << L << ": counts updated exactly";
  }
}

TEST(SocietyCellEngine, CountsKeptByThePassesMatchTheGrid) {
  Config c = mesa_with_extensions();
  c.width = c.height = 80;
  c.update = UpdateOrder::kSynchronous;
  Model m(c);
  for (int i = 0; i < 60; ++i) {
    m.step();
    const StepStats s = m.stats();  // after the step's events (the reserve's arrival)
    std::int64_t n[6] = {};
    for (auto v : m.view()) ++n[static_cast<int>(v)];
    ASSERT_EQ(s.quiet, n[static_cast<int>(CellView::kQuiet)]) << "quiet citizens at step " << i + 1;
    ASSERT_EQ(s.active, n[static_cast<int>(CellView::kActive)]) << "actives at step " << i + 1;
    ASSERT_EQ(s.jailed, n[static_cast<int>(CellView::kJailed)]) << "jailed at step " << i + 1;
    ASSERT_EQ(s.cops_loyal, n[static_cast<int>(CellView::kCop)]) << "loyal cops at step " << i + 1;
    ASSERT_EQ(s.cops_defected, n[static_cast<int>(CellView::kDefected)]) << "defected cops at step " << i + 1;
  }
}

TEST(SocietyModel, ViewShowsEveryAgentKind) {
  Config c = Config::netlogo();
  c.legitimacy = 0.5;
  Model m(c);
  for (int i = 0; i < 5; ++i) m.step();
  int q = 0, a = 0, cop = 0;
  for (auto v : m.view()) {
    q += v == CellView::kQuiet;
    a += v == CellView::kActive;
    cop += v == CellView::kCop;
  }
  EXPECT_GT(q, 0) << "quiet citizens visible";
  EXPECT_GT(a, 0) << "actives visible at L = 0.5";
  EXPECT_GT(cop, 0) << "cops visible";
  EXPECT_GT(m.memory_bytes(), 1600u * 8u) << "memory accounting covers the grid";
}

}  // namespace

TEST(SocietyConflictFree, AnyScheduleGivesTheRunOfThePermutationOneAgentAfterTheOther) {
  // The serial schedule runs the step's permutation strictly in order; the parallel rounds run
  // later agents of the permutation before earlier ones whenever their footprints cannot overlap.
  // The runs must be the same, in both semantics and with the Belarus extensions (a schedule that
  // let two interacting agents swap would change them), on grids large enough for many bins:
  // 150 x 150 (one round at a time), 340 x 340 (blocks of two or three rounds on bands swept down
  // the rows) and 15 x 20000 (tall: the sweep's rows made of several bins, or buckets would be many).
  struct Size {
    int width, height, steps;
  };
  for (const Size& size : {Size{150, 150, 30}, Size{340, 340, 12}, Size{15, 20000, 3}})
    for (Config c : {Config::mesa(), Config::netlogo(), mesa_with_extensions()}) {
      c.width = size.width;
      c.height = size.height;
      c.legitimacy = 0.65;
      c.update = UpdateOrder::kConflictFree;
      Config serial = c;
      serial.engine.serial_schedule = true;
      EXPECT_EQ(actives(serial, size.steps), actives(c, size.steps))
          << size.width << "x" << size.height << " " << to_string(c.semantics)
          << (c.ext.any() ? " with the Belarus extensions" : "");
    }
}
