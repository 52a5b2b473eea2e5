// Belarus extensions: each rule changes the run in its documented direction when switched on.

#include <gtest/gtest.h>

#include "statecraft/society/run.hpp"

using namespace statecraft::society;

namespace {

Config base() {
  Config c = Config::netlogo();
  c.width = c.height = 60;
  return c;
}

TEST(SocietyExtensions, ElectionShockRaisesTheRebellion) {
  Config c = base();
  c.ext.legitimacy.points = {{0, 0.9}, {50, 0.9}, {51, 0.6}};
  Model m(c);
  const auto r = run(m, 120);
  std::int64_t before = 0, after = 0;
  for (const auto& s : r.series) (s.step <= 50 ? before : after) = std::max(s.step <= 50 ? before : after, s.active);
  EXPECT_LT(before, 20) << "little rebellion at L = 0.9";
  EXPECT_GT(after, 300) << "the shock to L = 0.6 brings crowds out";
  EXPECT_DOUBLE_EQ(r.series[10].legitimacy, 0.9) << "legitimacy before the shock";
  EXPECT_DOUBLE_EQ(r.series[100].legitimacy, 0.6) << "legitimacy after the shock";
}

Config eroding(double backing) {
  Config c = base();
  c.legitimacy = 0.5;
  c.ext.loyalty_erosion = 0.05;
  c.ext.loyalty_crowd_ratio = 2.0;
  c.ext.loyalty_recovery = 0.2;
  c.ext.loyalty_initial_min = 0.5;
  c.ext.defection_threshold = 0.3;
  c.ext.backing.points = {{0, backing}};
  return c;
}

TEST(SocietyExtensions, CrowdsErodeLoyaltyAndPatronBackingHoldsItUp) {
  Model alone(eroding(0.0)), backed(eroding(1.0));
  const auto ra = run(alone, 150), rb = run(backed, 150);
  EXPECT_GT(ra.summary.final_defected, 0) << "cops facing crowds without backing defect";
  EXPECT_LT(rb.summary.final_defected, ra.summary.final_defected)
      << "the patron's backing signal keeps more cops loyal";
  EXPECT_EQ(ra.series.back().cops_loyal + ra.series.back().cops_defected, alone.initial_cops())
      << "every cop is loyal or defected";
}

TEST(SocietyExtensions, ReserveArrivesAfterTheDelayOnceTheTriggerIsPassed) {
  Config c = base();
  c.legitimacy = 0.6;
  c.ext.reserve_cops = 25;
  c.ext.reserve_trigger = 0.05;
  c.ext.reserve_delay = 7;
  Model m(c);
  const auto r = run(m, 60);
  int first = -1;
  for (const auto& s : r.series)
    if (first < 0 && s.active > 0.05 * static_cast<double>(m.citizens())) first = s.step;
  ASSERT_GE(first, 0) << "the active share passes 5% at L = 0.6";
  EXPECT_EQ(r.outcome.reserve_arrived_step, first + 7) << "reserve arrives 7 steps after the trigger";
  EXPECT_EQ(r.series.back().cops_loyal, m.initial_cops() + 25) << "25 reserve cops join";
}

TEST(SocietyExtensions, InformationControlHidesTheCrowdAndKeepsPeopleQuiet) {
  Config open = base(), closed = base();
  open.legitimacy = closed.legitimacy = 0.7;
  closed.ext.visible_share = 0.2;
  Model mo(open), mc(closed);
  const auto ro = run(mo, 200), rc = run(mc, 200);
  EXPECT_LT(rc.summary.mean_active, 0.8 * ro.summary.mean_active)
      << "seeing a fifth of the crowd makes arrest look likelier and rebellion rarer";
}

TEST(SocietyExtensions, TheMostAggrievedEmigrate) {
  Config c = base();
  c.legitimacy = 0.6;
  c.ext.emigration_rate = 0.01;
  c.ext.emigration_grievance = 0.3;
  Model m(c);
  const auto r = run(m, 100);
  const auto& s = r.series.back();
  EXPECT_GT(s.emigrated, 50) << "aggrieved quiet citizens leave";
  EXPECT_EQ(s.quiet + s.active + s.jailed + s.emigrated, m.citizens()) << "emigrants are accounted for";
}

TEST(SocietyExtensions, CollapseThenPatronInterventionOrNot) {
  for (double p : {0.0, 1.0}) {
    Config c = eroding(0.0);
    c.legitimacy = 0.3;
    c.ext.collapse_threshold = 0.6;
    c.ext.intervention_probability = p;
    c.ext.intervention_cops = 100;
    c.ext.intervention_delay = 2;
    c.ext.occupation_legitimacy = 0.8;
    Model m(c);
    const auto r = run(m, 200);
    ASSERT_GE(r.outcome.collapse_step, 0) << "loyal cops fall below 60% at L = 0.3 without backing";
    EXPECT_EQ(r.outcome.intervention, p > 0.5) << "intervention drawn with probability " << p;
    if (p > 0.5) {
      EXPECT_EQ(r.outcome.intervention_step, r.outcome.collapse_step + 2)
          << "intervention force arrives after its delay";
      EXPECT_DOUBLE_EQ(r.series.back().legitimacy, 0.8) << "occupation resets legitimacy";
    }
  }
}

}  // namespace
