// The mapping from the society part of a scenario (settings in people and days) to the model's
// Config (agents, steps); reading it from a scenario is scenario/society_section.cpp's. The
// settings and their defaults are declared in society_settings.cpp.

#include "statecraft/society/society_config.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "statecraft/error.hpp"

namespace statecraft::society {

SettingProblem::SettingProblem(std::string setting, std::string found, std::string expected)
    : UsageError("society." + setting + ": found " + found + ", expected " + expected),
      setting_(std::move(setting)),
      found_(std::move(found)),
      expected_(std::move(expected)) {}

namespace {

/// Reads settings with their declared defaults; `preset` stands for the base preset's value.
struct Reading {
  const SocietyScenario& sc;
  [[nodiscard]] bool has(const std::string& k) const { return sc.settings.count(k) > 0; }
  [[nodiscard]] double get(const std::string& k, double preset) const {
    if (const auto it = sc.settings.find(k); it != sc.settings.end()) return it->second.value;
    const SettingSpec* spec = find_setting(society_settings(), k);
    return spec != nullptr && !std::isnan(spec->fallback) ? spec->fallback : preset;
  }
  [[nodiscard]] std::int64_t whole(const std::string& k, double preset) const {
    return static_cast<std::int64_t>(std::llround(get(k, preset)));
  }
};

std::string num(double v) { return fmt::format("{:g}", v); }

/// People scaled to agents; a force that would not fit the model's 2^30 cops is a problem.
std::int64_t scaled_force(const Reading& r, const std::string& k, double per_agent) {
  const double people = r.get(k, 0.0);
  const double agents = std::round(people / per_agent);
  if (!(agents < static_cast<double>(std::int64_t{1} << 30)))
    throw SettingProblem(
        k, fmt::format("{} people = {} agents at {} people per agent", num(people), num(agents), num(per_agent)),
        "fewer than 2^30 agents (fewer agents, or a larger population per agent)");
  if (people > 0 && agents == 0) return 1;  // never round a force away
  return static_cast<std::int64_t>(agents);
}

/// Agents, densities and the grid.
std::int64_t set_population(const Reading& r, Config& c, std::int64_t agents) {
  const double population = r.get("population", 0.0);
  if (agents <= 0 && r.has("agents")) agents = r.whole("agents", 1);
  if (agents <= 0)
    agents = population > 0 ? std::min<std::int64_t>(static_cast<std::int64_t>(population), 100000) : 1600;
  c.citizen_density = r.get("citizen_density", c.citizen_density);
  if (r.has("security_forces")) {
    if (!(population > 0))
      throw SettingProblem("security_forces", "security forces without a population",
                           "society.population (people) to scale them to agents");
    c.cop_density = c.citizen_density * r.get("security_forces", 0.0) / population;
    if (c.citizen_density + c.cop_density > 1.0)
      throw SettingProblem(
          "security_forces",
          fmt::format("{} cells of 1 taken (citizens {} + security forces {})", num(c.citizen_density + c.cop_density),
                      num(c.citizen_density), num(c.cop_density)),
          "citizen_density x (1 + security_forces / population) <= 1");
  }
  const double cells = static_cast<double>(agents) / c.citizen_density;
  if (!(cells < 2e9))
    throw SettingProblem(r.has("agents") ? "agents" : "population",
                         fmt::format("{} agents at density {} ({} cells)", agents, num(c.citizen_density), num(cells)),
                         "fewer than 2e9 cells (fewer agents or a higher citizen_density)");
  c.citizen_vision = static_cast<int>(r.whole("vision", c.citizen_vision));
  c.cop_vision = static_cast<int>(r.whole("cop_vision", c.citizen_vision));
  const int side =
      side_for_agents(c, static_cast<std::int64_t>(std::llround(cells * (c.citizen_density + c.cop_density))));
  c.width = c.height = std::max({15, side, 2 * std::max(c.citizen_vision, c.cop_vision) + 1});
  return agents;
}

/// Legitimacy, hardship, arrests and jail.
void set_rules(const Reading& r, Config& c) {
  c.legitimacy = r.get("legitimacy", c.legitimacy);
  c.k = r.get("arrest_constant", c.k);
  c.threshold = r.get("activation_threshold", c.threshold);
  if (r.has("jail_max_days") && r.has("jail_max_months"))
    throw SettingProblem("jail_max_months", "both jail_max_days and jail_max_months", "one of them");
  c.max_jail_term = static_cast<int>(r.has("jail_max_months") ? std::llround(30.0 * r.get("jail_max_months", 0.0))
                                                              : r.whole("jail_max_days", c.max_jail_term));
  c.arrest_probability = r.get("arrest_probability", 1.0);
  auto& e = c.ext;
  const double shock = r.get("legitimacy_shock", 0.0);
  const double t0 = r.get("shock_step", 0.0), t1 = t0 + std::max(r.get("shock_ramp_days", 0.0), 1.0);
  if (shock != 0.0) {
    const double after = c.legitimacy - shock;
    if (!(after >= 0.0 && after <= 1.0))
      throw SettingProblem("legitimacy_shock",
                           fmt::format("L {} - shock {} = {}", num(c.legitimacy), num(shock), num(after)),
                           "legitimacy after the shock in [0, 1]");
    e.legitimacy.points = {{0, c.legitimacy}, {t0, c.legitimacy}, {t1, after}};
  }
  const double h0 = r.get("hardship", 0.5) / 0.5;
  if (r.has("hardship_after") || h0 != 1.0)
    e.hardship.points = {{0, h0}, {t0, h0}, {t1, h0 * r.get("hardship_after", 1.0)}};
  e.visible_share = 1.0 - r.get("information_control", 0.0);
  e.emigration_rate = r.get("emigration_rate_day", 0.0);
  e.emigration_grievance = r.get("emigration_grievance", e.emigration_grievance);
}

/// Loyalty, the patron's backing, reserve, collapse and intervention.
void set_patron(const Reading& r, Config& c, double per_agent) {
  auto& e = c.ext;
  e.loyalty_crowd_ratio = r.get("defection_ratio", e.loyalty_crowd_ratio);
  e.loyalty_erosion = r.get("loyalty_erosion", 0.0);
  e.loyalty_recovery = r.get("loyalty_recovery", 0.0);
  e.loyalty_initial_min = r.get("loyalty_initial_min", 1.0);
  e.defection_threshold = r.get("defection_threshold", 0.0);
  if (r.has("patron_signal")) {
    const double ps = r.get("patron_signal_step", 0.0);
    e.backing.points = {{0, 0.0}, {ps, 0.0}, {ps + 1, r.get("patron_signal", 0.0)}};
  }
  e.reserve_cops = scaled_force(r, "kremlin_reserve", per_agent);
  e.reserve_delay = static_cast<int>(r.whole("reserve_delay_days", 0));
  e.reserve_trigger = r.get("reserve_trigger_active_share", e.reserve_trigger);
  e.collapse_threshold = r.get("collapse_loyal_fraction", 0.0);
  e.intervention_probability = r.get("intervention_probability", 0.0);
  e.intervention_cops = scaled_force(r, "intervention_force", per_agent);
  e.intervention_delay = static_cast<int>(r.whole("intervention_delay_days", 0));
  e.occupation_legitimacy = r.get("occupation_legitimacy", -1.0);
}

}  // namespace

int scenario_steps(const SocietyScenario& scenario) { return static_cast<int>(Reading{scenario}.whole("steps", 200)); }

void override_setting(SocietyScenario& scenario, const std::string& name, double value) {
  const SettingSpec* spec = find_setting(society_settings(), name);
  if (spec == nullptr || spec->type == SettingSpec::Type::kWord || spec->type == SettingSpec::Type::kContext)
    throw UsageError("--set: unknown society setting '" + name + "' (see docs/models/society.md)");
  if (!spec->allows(value))
    throw UsageError("--set " + name + ": found " + num(value) + ", expected " + spec->expected);
  scenario.settings[name].value = value;
  scenario.settings[name].sources = {"command line"};
}

Config make_config(const SocietyScenario& sc, std::int64_t agents, Scaling* scaling) {
  const Reading r{sc};
  Config c = sc.base == "mesa" ? Config::mesa() : Config::netlogo();
  agents = set_population(r, c, agents);
  const double population = r.get("population", 0.0);
  const double per_agent = population > 0 ? population / static_cast<double>(agents) : 1.0;
  set_rules(r, c);
  set_patron(r, c, per_agent);
  if (scaling != nullptr) {
    scaling->population = population > 0 ? population : static_cast<double>(agents);
    scaling->agents = agents;
    scaling->people_per_agent = per_agent;
  }
  return c;
}

}  // namespace statecraft::society
