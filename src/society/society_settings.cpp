// The settings the `society` section of a scenario may hold, declared once: the scenario loader
// checks the section against this list (`statecraft validate`), and make_config() reads the
// values and defaults from it (`statecraft simulate`). docs/models/society.md lists them.

#include <limits>

#include "statecraft/society/society_config.hpp"

namespace statecraft::society {

const std::vector<SettingSpec>& society_settings() {
  using T = SettingSpec::Type;
  constexpr double kPreset = std::numeric_limits<double>::quiet_NaN();  // the base preset's value
  constexpr double kDays = 1e8, kPeople = 1e10, kForce = 1e9;
  static const std::vector<SettingSpec> specs = [&] {
    std::vector<SettingSpec> v = {
        SettingSpec::make("steps", T::kWhole, 0, kDays, 200, "days simulated (one step = one day)"),
        SettingSpec::make("population", T::kNumber, 0, kPeople, 0,
                          "people represented by the citizens (0: one agent per person)"),
        SettingSpec::make("agents", T::kWhole, 1, 1e8, kPreset,
                          "citizens simulated (default: the population up to 100,000, else 1,600; ~60 bytes each)"),
        SettingSpec::make("citizen_density", T::kNumber, 0.01, 1, kPreset, "share of cells holding a citizen"),
        SettingSpec::make("security_forces", T::kNumber, 0, kForce, kPreset,
                          "security personnel (people), scaled like the population; needs population"),
        SettingSpec::make("vision", T::kWhole, 1, 100, kPreset, "citizens' vision radius (cells)"),
        SettingSpec::make("cop_vision", T::kWhole, 1, 100, kPreset,
                          "security forces' vision radius (cells; default: vision)"),
        SettingSpec::make("legitimacy", T::kNumber, 0, 1, kPreset, "L before the election shock"),
        SettingSpec::make("legitimacy_shock", T::kNumber, -1, 1, 0,
                          "drop of L at the shock (L after = legitimacy - shock, in [0, 1])"),
        SettingSpec::make("shock_step", T::kNumber, 0, kDays, 0, "day of the election shock"),
        SettingSpec::make("shock_ramp_days", T::kNumber, 0, kDays, 0,
                          "days over which the shock unfolds (0 = at once)"),
        SettingSpec::make("hardship", T::kNumber, 0, 1, 0.5,
                          "mean hardship: every citizen's H ~ U(0, 1) is scaled by hardship / 0.5"),
        SettingSpec::make("hardship_after", T::kNumber, 0, 50, 1,
                          "hardship multiplier after the shock (1 = unchanged)"),
        SettingSpec::make("arrest_constant", T::kNumber, 0, 1e6, kPreset, "k in P = 1 - exp(-k floor(C/A))"),
        SettingSpec::make("activation_threshold", T::kNumber, -1, 1, kPreset, "T: rebel when G - N > T"),
        SettingSpec::make("jail_max_days", T::kWhole, 0, 65535, kPreset, "jail terms ~ U{0..jail_max_days}"),
        SettingSpec::make("jail_max_months", T::kNumber, 0, 2000, kPreset,
                          "the same in months of 30 days (rounded); not with jail_max_days"),
        SettingSpec::make("arrest_probability", T::kNumber, 0, 1, 1,
                          "chance a cop with protesters in view detains one on a given day"),
        SettingSpec::make("information_control", T::kNumber, 0, 1, 0,
                          "share of the crowd an agent cannot see (visible share = 1 - this)"),
        SettingSpec::make("defection_ratio", T::kNumber, 0, 1e6, kPreset,
                          "actives per officer in view that erode loyalty"),
        SettingSpec::make("loyalty_erosion", T::kNumber, 0, 1, 0, "loyalty lost per day facing such a crowd"),
        SettingSpec::make("loyalty_recovery", T::kNumber, 0, 1, 0, "loyalty regained per day at full patron backing"),
        SettingSpec::make("loyalty_initial_min", T::kNumber, 0, 1, 1, "initial loyalty ~ U(min, 1)"),
        SettingSpec::make("defection_threshold", T::kNumber, 0, 1, 0,
                          "loyalty below which an officer defects (0 = no defection)"),
        SettingSpec::make("patron_signal", T::kNumber, 0, 1, kPreset,
                          "patron-backing signal b in [0, 1] once given (absent: no backing)"),
        SettingSpec::make("patron_signal_step", T::kNumber, 0, kDays, 0, "day the patron's backing is given"),
        SettingSpec::make("kremlin_reserve", T::kNumber, 0, kForce, 0, "the patron's reserve (people)"),
        SettingSpec::make("reserve_delay_days", T::kWhole, 0, kDays, 0,
                          "days from the trigger to the reserve's arrival"),
        SettingSpec::make("reserve_trigger_active_share", T::kNumber, 0, 1, kPreset,
                          "active share of citizens that triggers the reserve"),
        SettingSpec::make("collapse_loyal_fraction", T::kNumber, 0, 1, 0,
                          "the regime collapses below this share of loyal officers (0 = off)"),
        SettingSpec::make("intervention_probability", T::kNumber, 0, 1, 0,
                          "probability the patron intervenes after a collapse"),
        SettingSpec::make("intervention_force", T::kNumber, 0, kForce, 0, "the patron's intervention force (people)"),
        SettingSpec::make("intervention_delay_days", T::kWhole, 0, kDays, 0, "days from collapse to intervention"),
        SettingSpec::make("occupation_legitimacy", T::kNumber, -1, 1, -1, "L under occupation (negative = unchanged)"),
        SettingSpec::make("emigration_rate_day", T::kNumber, 0, 1, 0,
                          "daily probability an aggrieved quiet citizen emigrates"),
        SettingSpec::make("emigration_grievance", T::kNumber, 0, 1, kPreset,
                          "grievance above which citizens consider emigrating"),
    };
    SettingSpec base;
    base.name = "base";
    base.type = T::kWord;
    base.words = {"mesa", "netlogo"};
    base.doc = "reference semantics of the model (default netlogo)";
    v.push_back(base);
    SettingSpec context;
    context.name = "context";
    context.type = T::kContext;
    context.doc = "figures kept with the model (calibration targets, context) that it does not read: name -> number";
    v.push_back(context);
    return v;
  }();
  return specs;
}

}  // namespace statecraft::society
