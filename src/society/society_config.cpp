// The society part of a scenario (read with the common loader, docs/scenario-format.md) and the
// mapping from its settings (people, days) to the model's Config (agents, steps).

#include "statecraft/society/society_config.hpp"


#include <algorithm>
#include <cmath>
#include <set>

#include "statecraft/error.hpp"
#include "statecraft/io.hpp"
#include "statecraft/scenario/sampler.hpp"
#include "statecraft/scenario/scenario.hpp"

namespace statecraft::society {

const std::map<std::string, std::string>& society_setting_names() {
  static const std::map<std::string, std::string> names = {
      {"steps", "days simulated (one step = one day)"},
      {"population", "people represented by the citizens"},
      {"agents", "citizens simulated (people are scaled to agents)"},
      {"citizen_density", "share of cells holding a citizen"},
      {"security_forces", "security personnel (people), scaled like the population"},
      {"vision", "citizens' vision radius (cells)"},
      {"cop_vision", "security forces' vision radius (cells)"},
      {"legitimacy", "L before the election shock"},
      {"legitimacy_shock", "drop of L at the election (L after = legitimacy - shock)"},
      {"shock_step", "day of the election shock"},
      {"shock_ramp_days", "days over which the shock unfolds (0 = at once)"},
      {"hardship_after", "hardship multiplier after the shock (1 = unchanged)"},
      {"arrest_constant", "k in P = 1 - exp(-k floor(C/A))"},
      {"activation_threshold", "T: rebel when G - N > T"},
      {"jail_max_days", "jail terms ~ U{0..jail_max_days}"},
      {"arrest_probability", "chance a cop with protesters in view detains one on a given day"},
      {"information_control", "share of the crowd an agent cannot see (visible share = 1 - this)"},
      {"defection_ratio", "actives per officer in view that erode loyalty"},
      {"loyalty_erosion", "loyalty lost per day facing such a crowd"},
      {"loyalty_recovery", "loyalty regained per day at full patron backing"},
      {"loyalty_initial_min", "initial loyalty ~ U(min, 1)"},
      {"defection_threshold", "loyalty below which an officer defects (0 = no defection)"},
      {"patron_signal", "patron-backing signal b in [0, 1] once given"},
      {"patron_signal_step", "day the patron's backing is given"},
      {"kremlin_reserve", "the patron's reserve (people)"},
      {"reserve_delay_days", "days from the trigger to the reserve's arrival"},
      {"reserve_trigger_active_share", "active share of citizens that triggers the reserve"},
      {"collapse_loyal_fraction", "the regime collapses below this share of loyal officers (0 = off)"},
      {"intervention_probability", "probability the patron intervenes after a collapse"},
      {"intervention_force", "the patron's intervention force (people)"},
      {"intervention_delay_days", "days from collapse to intervention"},
      {"occupation_legitimacy", "L under occupation (negative = unchanged)"},
      {"emigration_rate_day", "daily probability an aggrieved quiet citizen emigrates"},
      {"emigration_grievance", "grievance above which citizens consider emigrating"},
  };
  return names;
}

SocietyScenario parse_society_scenario(const std::string& text, const std::string& name) {
  // The common loader checks the whole file (format v1) and reports every problem located;
  // this function adds what only the society model knows: which setting names exist.
  const scenario::Scenario s = scenario::load_scenario(text, name);
  SocietyScenario sc;
  sc.file = name;
  sc.sha256 = s.sha256;
  sc.meta = {{"name", s.meta.name},
             {"description", s.meta.description},
             {"as_of", s.meta.as_of},
             {"horizon_months", std::to_string(s.meta.horizon_months)},
             {"seed", std::to_string(s.meta.seed)}};
  for (const auto& src : s.sources) sc.sources[src.id] = src.title.empty() ? src.id : src.title;
  if (s.society.empty()) {
    throw ScenarioError({Diagnostic{Location{name, 1, 1}, "society", "no society settings",
                                    "a society section (setting name -> number)"}});
  }
  std::vector<double> central;
  scenario::Sampler(s).central(central);
  const auto& names = society_setting_names();
  std::vector<Diagnostic> problems;
  for (const auto& st : s.society) {
    if (st.name == "base") {
      sc.base = st.word;
      continue;
    }
    if (!names.count(st.name)) {
      problems.push_back(Diagnostic{st.where, "society." + st.name, "unknown setting '" + st.name + "'",
                                    "one of the names in docs/models/society.md"});
      continue;
    }
    const auto& q = s.quantities[static_cast<std::size_t>(st.value)];
    Setting out;
    out.value = central[static_cast<std::size_t>(st.value)];
    out.sources = q.sources;
    out.line = st.where.line;
    sc.settings[st.name] = std::move(out);
  }
  if (!problems.empty()) throw ScenarioError(std::move(problems));
  return sc;
}

SocietyScenario load_society_scenario(const std::string& path) {
  return parse_society_scenario(read_file(path), path);
}

void override_setting(SocietyScenario& scenario, const std::string& name, double value) {
  if (!society_setting_names().count(name))
    throw UsageError("--set: unknown society setting '" + name + "' (see docs/models/society.md)");
  if (!std::isfinite(value)) throw UsageError("--set " + name + ": expected a finite number");
  scenario.settings[name].value = value;
  scenario.settings[name].sources = {"command line"};
}

Config make_config(const SocietyScenario& sc, std::int64_t agents, Scaling* scaling) {
  auto get = [&](const std::string& k, double fallback) {
    const auto it = sc.settings.find(k);
    return it == sc.settings.end() ? fallback : it->second.value;
  };
  auto whole = [&](const std::string& k, double fallback, double lo, double hi) -> std::int64_t {
    const double v = get(k, fallback);
    if (!(v >= lo && v <= hi) || v != std::floor(v))  // also rejects NaN
      throw UsageError("society." + k + ": found " + std::to_string(v) + ", expected a whole number in [" +
                       std::to_string(lo) + ", " + std::to_string(hi) + "]");
    return static_cast<std::int64_t>(v);
  };
  Config c = sc.base == "mesa" ? Config::mesa() : Config::netlogo();
  const double population = get("population", 0.0);
  if (agents <= 0 && sc.settings.count("agents")) agents = whole("agents", 1, 1, 2e9);
  if (!(population >= 0 && population <= 1e10))
    throw UsageError("society.population: found " + std::to_string(population) + ", expected 0..1e10 people");
  if (agents <= 0) agents = population > 0 ? std::min<std::int64_t>(static_cast<std::int64_t>(population), 100000) : 1600;
  c.citizen_density = get("citizen_density", c.citizen_density);
  const double per_agent = population > 0 ? population / static_cast<double>(agents) : 1.0;
  if (sc.settings.count("security_forces")) {
    if (!(population > 0)) throw UsageError("society.security_forces needs society.population");
    c.cop_density = c.citizen_density * get("security_forces", 0.0) / population;
  }
  const int side = std::max(15, side_for_agents(c, static_cast<std::int64_t>(std::llround(
                                    static_cast<double>(agents) * (c.citizen_density + c.cop_density) / c.citizen_density))));
  c.width = c.height = side;
  c.citizen_vision = static_cast<int>(whole("vision", c.citizen_vision, 1, 1000));
  c.cop_vision = static_cast<int>(whole("cop_vision", c.citizen_vision, 1, 1000));
  c.legitimacy = get("legitimacy", c.legitimacy);
  c.k = get("arrest_constant", c.k);
  c.threshold = get("activation_threshold", c.threshold);
  c.max_jail_term = static_cast<int>(whole("jail_max_days", c.max_jail_term, 0, 65535));
  c.arrest_probability = get("arrest_probability", 1.0);
  auto& e = c.ext;
  const double shock = get("legitimacy_shock", 0.0);
  const double t0 = get("shock_step", 0.0), ramp = get("shock_ramp_days", 0.0);
  if (shock != 0.0) e.legitimacy.points = {{0, c.legitimacy}, {t0, c.legitimacy}, {t0 + std::max(ramp, 1.0), c.legitimacy - shock}};
  if (sc.settings.count("hardship_after")) e.hardship.points = {{0, 1.0}, {t0, 1.0}, {t0 + std::max(ramp, 1.0), get("hardship_after", 1.0)}};
  e.visible_share = 1.0 - get("information_control", 0.0);
  e.loyalty_crowd_ratio = get("defection_ratio", e.loyalty_crowd_ratio);
  e.loyalty_erosion = get("loyalty_erosion", 0.0);
  e.loyalty_recovery = get("loyalty_recovery", 0.0);
  e.loyalty_initial_min = get("loyalty_initial_min", 1.0);
  e.defection_threshold = get("defection_threshold", 0.0);
  if (sc.settings.count("patron_signal")) {
    const double ps = get("patron_signal_step", 0.0);
    e.backing.points = {{0, 0.0}, {ps, 0.0}, {ps + 1, get("patron_signal", 0.0)}};
  }
  e.reserve_cops = static_cast<std::int64_t>(std::llround(std::clamp(get("kremlin_reserve", 0.0) / per_agent, -1.0, 1e12)));
  if (get("kremlin_reserve", 0.0) > 0 && e.reserve_cops == 0) e.reserve_cops = 1;  // never round a reserve away
  e.reserve_delay = static_cast<int>(whole("reserve_delay_days", 0, 0, 100000));
  e.reserve_trigger = get("reserve_trigger_active_share", e.reserve_trigger);
  e.collapse_threshold = get("collapse_loyal_fraction", 0.0);
  e.intervention_probability = get("intervention_probability", 0.0);
  e.intervention_cops = static_cast<std::int64_t>(std::llround(std::clamp(get("intervention_force", 0.0) / per_agent, -1.0, 1e12)));
  e.intervention_delay = static_cast<int>(whole("intervention_delay_days", 0, 0, 100000));
  e.occupation_legitimacy = get("occupation_legitimacy", -1.0);
  e.emigration_rate = get("emigration_rate_day", 0.0);
  e.emigration_grievance = get("emigration_grievance", e.emigration_grievance);
  if (scaling != nullptr) {
    scaling->population = population > 0 ? population : static_cast<double>(agents);
    scaling->agents = agents;
    scaling->people_per_agent = per_agent;
  }
  return c;
}

}  // namespace statecraft::society
