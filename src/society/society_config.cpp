// Reader for the `meta`, `sources` and `society` sections of a scenario file (yaml-cpp), kept
// small and isolated until the common scenario loader (docs/scenario-format.md) takes over, and
// the mapping from the settings (people, days) to the model's Config (agents, steps).

#include "statecraft/society/society_config.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "statecraft/error.hpp"
#include "statecraft/io.hpp"

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

namespace {

Location at(const std::string& file, const YAML::Node& n) {
  const auto m = n.Mark();
  return Location{file, m.line >= 0 ? m.line + 1 : 0, m.column >= 0 ? m.column + 1 : 0};
}

std::string describe(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Scalar: return "'" + n.Scalar() + "'";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Null: return "nothing";
    default: return "an undefined node";
  }
}

bool as_number(const YAML::Node& n, double& out) {
  if (!n.IsScalar()) return false;
  try {
    out = n.as<double>();
  } catch (const YAML::Exception&) {
    return false;
  }
  return std::isfinite(out);
}

}  // namespace

SocietyScenario parse_society_scenario(const std::string& text, const std::string& name) {
  SocietyScenario sc;
  sc.file = name;
  sc.sha256 = sha256_hex(text);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw FormatError(Diagnostic{Location{name, e.mark.line + 1, e.mark.column + 1}, "",
                                 "a YAML syntax error (" + e.msg + ")", "a YAML document"});
  }
  std::vector<Diagnostic> problems;
  auto problem = [&](const YAML::Node& n, const std::string& path, const std::string& found,
                     const std::string& expected) {
    problems.push_back(Diagnostic{at(name, n), path, found, expected});
  };
  if (!root.IsMap()) {
    problem(root, "", describe(root), "a mapping with meta, sources and society");
    throw ScenarioError(problems);
  }
  if (const auto meta = root["meta"]; meta) {
    if (!meta.IsMap()) problem(meta, "meta", describe(meta), "a mapping");
    else
      for (const auto& kv : meta)
        if (kv.second.IsScalar()) sc.meta[kv.first.Scalar()] = kv.second.Scalar();
  }
  if (const auto sources = root["sources"]; sources) {
    if (!sources.IsSequence()) {
      problem(sources, "sources", describe(sources), "a list of {id, title, file or url}");
    } else {
      for (std::size_t i = 0; i < sources.size(); ++i) {
        const auto s = sources[i];
        const std::string path = "sources[" + std::to_string(i) + "]";
        if (!s.IsMap() || !s["id"] || !s["id"].IsScalar()) {
          problem(s, path, describe(s), "a mapping with an id");
          continue;
        }
        const std::string id = s["id"].Scalar();
        if (sc.sources.count(id)) problem(s["id"], path + ".id", "'" + id + "' again", "a unique id");
        sc.sources[id] = s["title"] && s["title"].IsScalar() ? s["title"].Scalar() : id;
      }
    }
  }
  const auto soc = root["society"];
  if (!soc) {
    problem(root, "society", "no society section", "a mapping of setting name -> number");
    throw ScenarioError(problems);
  }
  if (!soc.IsMap()) {
    problem(soc, "society", describe(soc), "a mapping of setting name -> number");
    throw ScenarioError(problems);
  }
  const auto& names = society_setting_names();
  for (const auto& kv : soc) {
    const std::string key = kv.first.Scalar();
    const std::string path = "society." + key;
    const YAML::Node v = kv.second;
    if (key == "base") {
      if (!v.IsScalar() || (v.Scalar() != "mesa" && v.Scalar() != "netlogo"))
        problem(v, path, describe(v), "mesa or netlogo");
      else
        sc.base = v.Scalar();
      continue;
    }
    if (!names.count(key)) {
      problem(kv.first, path, "unknown setting '" + key + "'", "one of the names in docs/models/society.md");
      continue;
    }
    Setting s;
    s.line = at(name, v).line;
    // Note: a yaml-cpp Node assigned after construction writes through to the node it refers to,
    // so `num` is bound once.
    const YAML::Node num = v.IsMap() ? v["value"] : v;
    if (v.IsMap()) {
      for (const auto& f : v) {
        const std::string fk = f.first.Scalar();
        if (fk != "value" && fk != "source" && fk != "note" && fk != "unit")
          problem(f.first, path + "." + fk, "'" + fk + "'", "value, source, note or unit");
      }
      if (const auto src = v["source"]; src) {
        if (src.IsScalar()) s.sources.push_back(src.Scalar());
        else if (src.IsSequence())
          for (const auto& x : src) s.sources.push_back(x.Scalar());
        else problem(src, path + ".source", describe(src), "a source id or a list of them");
        for (const auto& id : s.sources)
          if (!sc.sources.count(id)) problem(src, path + ".source", "unknown source '" + id + "'", "an id listed in sources");
      }
      if (!num) {
        problem(v, path + ".value", "no value", "a number");
        continue;
      }
    }
    if (!as_number(num, s.value)) {
      problem(num, path, describe(num), "a number");
      continue;
    }
    sc.settings[key] = s;
  }
  if (!problems.empty()) throw ScenarioError(problems);
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
