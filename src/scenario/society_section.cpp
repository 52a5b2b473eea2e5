// The `society` section of a loaded scenario as the society model's settings, and the loader's
// check of the rules that involve several settings (by building the model's configuration).

#include "statecraft/scenario/society_section.hpp"

#include "statecraft/scenario/sampler.hpp"

namespace statecraft::scenario {
namespace {

/// Where the setting `name` was written (the section's first setting if it was not).
Location location_of(const Scenario& s, const std::string& name) {
  for (const auto& st : s.society)
    if (st.name == name) return st.where;
  return s.society.empty() ? Location{s.file, 1, 1} : s.society.front().where;
}

}  // namespace

society::SocietyScenario society_from_scenario(const Scenario& s) {
  society::SocietyScenario sc;
  sc.file = s.file;
  sc.sha256 = s.sha256;
  sc.meta = {{"name", s.meta.name},
             {"description", s.meta.description},
             {"as_of", s.meta.as_of},
             {"horizon_months", std::to_string(s.meta.horizon_months)},
             {"seed", std::to_string(s.meta.seed)}};
  for (const auto& src : s.sources) sc.sources[src.id] = src.title.empty() ? src.id : src.title;
  std::vector<double> central;
  Sampler(s).central(central);
  for (const auto& st : s.society) {
    if (st.value == kNoQuantity) {
      if (st.name == "base") sc.base = st.word;
      continue;
    }
    const auto i = static_cast<std::size_t>(st.value);
    if (st.name.rfind("context.", 0) == 0) {
      sc.context[st.name.substr(8)] = central[i];
      continue;
    }
    sc.settings[st.name] = society::Setting{central[i], s.quantities[i].sources, st.where.line, st.where.column};
  }
  return sc;
}

society::SocietyScenario parse_society_scenario(const std::string& text, const std::string& name) {
  return society_from_scenario(load_scenario(text, name));
}

society::SocietyScenario load_society_scenario(const std::string& path) {
  return society_from_scenario(load_scenario_file(path));
}

std::vector<Diagnostic> check_society(const Scenario& s) {
  if (s.society.empty()) return {};
  try {
    (void)society::make_config(society_from_scenario(s), 0);
  } catch (const society::SettingProblem& e) {
    return {Diagnostic{location_of(s, e.setting()), "society." + e.setting(), e.found(),
                       e.expected() + " (at the central values)"}};
  }
  return {};
}

}  // namespace statecraft::scenario
