#include "report/facts_json.hpp"

namespace statecraft::report::detail {
namespace {

nlohmann::ordered_json parameters_json(const std::vector<ensemble::ParameterFact>& ps) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& p : ps)
    out.push_back({{"id", p.id},
                   {"path", p.path},
                   {"value", p.value},
                   {"unit", p.unit},
                   {"sources", p.sources},
                   {"note", p.note}});
  return out;
}

nlohmann::ordered_json sources_json(const std::vector<ensemble::SourceFact>& ss) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& s : ss)
    out.push_back(
        {{"id", s.id}, {"title", s.title}, {"outlet", s.outlet}, {"date", s.date}, {"url", s.url}, {"note", s.note}});
  return out;
}

nlohmann::ordered_json games_json(const std::vector<ensemble::GameFact>& gs) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& g : gs)
    out.push_back({{"id", g.id},
                   {"title", g.title},
                   {"players", g.players},
                   {"method", g.method},
                   {"equilibrium", g.equilibrium}});
  return out;
}

nlohmann::ordered_json windows_json(const std::vector<ensemble::WindowFact>& ws) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& w : ws) out.push_back({{"id", w.id}, {"when", w.when}, {"writes", w.writes}});
  return out;
}

nlohmann::ordered_json snapshot_json(const ensemble::WindowSnapshot& w) {
  nlohmann::ordered_json series;
  for (const char* k : {"step", "quiet", "active", "jailed", "cops_loyal", "cops_defected"})
    series[k] = nlohmann::ordered_json::array();
  for (const auto& s : w.series) {
    series["step"].push_back(s.step), series["quiet"].push_back(s.quiet), series["active"].push_back(s.active);
    series["jailed"].push_back(s.jailed), series["cops_loyal"].push_back(s.cops_loyal),
        series["cops_defected"].push_back(s.cops_defected);
  }
  return {{"window", w.window},       {"month", w.month}, {"draw", w.draw},
          {"seed", w.seed},           {"width", w.width}, {"height", w.height},
          {"peak_step", w.peak_step}, {"grid", w.grid},   {"series", std::move(series)}};
}

}  // namespace

void add_facts_json(nlohmann::ordered_json& j, const ensemble::ScenarioFacts& f) {
  if (!f.parameters.empty()) j["parameters"] = parameters_json(f.parameters);
  if (!f.sources.empty()) j["sources"] = sources_json(f.sources);
  if (!f.games.empty()) j["games"] = games_json(f.games);
  if (!f.windows.empty()) j["society_windows"] = windows_json(f.windows);
  if (f.snapshot) j["society_snapshot"] = snapshot_json(*f.snapshot);
}

}  // namespace statecraft::report::detail
