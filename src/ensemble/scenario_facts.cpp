// The facts a report shows beside the numbers: parameters with their sources, the sources, the
// games' equilibria at the central values in words, and the society windows.

#include "statecraft/ensemble/scenario_facts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "statecraft/games/scenario_games.hpp"
#include "statecraft/games/solve.hpp"
#include "statecraft/scenario/sampler.hpp"

namespace statecraft::ensemble {
namespace {

std::string value_text(const scenario::Quantity& q) {
  switch (q.kind) {
    case scenario::Quantity::Kind::kFixed:
      return games::format_number(q.value);
    case scenario::Quantity::Kind::kRandom:
      return q.dist ? q.dist->describe() : "";
    case scenario::Quantity::Kind::kExpression:
      return "= " + q.expr;
  }
  return "";
}

std::vector<ParameterFact> parameter_facts(const scenario::Scenario& s) {
  std::vector<ParameterFact> out;
  for (const auto& [id, qid] : s.parameters) {
    const auto& q = s.quantities[static_cast<std::size_t>(qid)];
    out.push_back({id, q.path, value_text(q), q.unit, q.note, q.sources});
  }
  return out;
}

/// "plays demand" for a pure choice, "plays refuse 62%, comply 38%" for a mixed one (shares under
/// 0.5% left out), "makes no move" for a player with none in the equilibrium.
std::string play_words(const std::vector<std::string>& actions, const std::vector<double>& probability) {
  std::string out;
  for (std::size_t k = 0; k < actions.size(); ++k) {
    if (probability[k] < 0.005) continue;
    out += (out.empty() ? "" : ", ") + actions[k];
    if (probability[k] < 0.995) out += fmt::format(" {:.0f}%", 100 * probability[k]);
  }
  return out.empty() ? "makes no move" : "plays " + out;
}

GameFact game_fact(const scenario::Scenario& s, const scenario::Game& g, const std::vector<double>& central) {
  GameFact f{g.id, g.title, {}, {}, {}};
  for (int p : g.players) f.players.push_back(s.actors[static_cast<std::size_t>(p)].name);
  try {
    const auto sel = games::solve_scenario_game(s, g, central);
    f.method = sel.method;
    std::string plays, payoffs;
    for (std::size_t p = 0; p < f.players.size(); ++p) {
      const double payoff = std::fabs(sel.payoffs[p]) < 1e-9 ? 0.0 : sel.payoffs[p];  // rounding noise of a zero
      plays += fmt::format("{}{} {}", p ? "; " : "", f.players[p], play_words(sel.actions[p], sel.probability[p]));
      payoffs += fmt::format("{}{} {:.3g}", p ? ", " : "", f.players[p], payoff);
    }
    f.equilibrium = plays + ". Expected payoffs: " + payoffs + ".";
  } catch (const Error& e) {
    f.equilibrium = std::string("not solved at the central values: ") + e.what();
  }
  return f;
}

std::vector<WindowFact> window_facts(const scenario::Scenario& s) {
  std::vector<WindowFact> out;
  for (const auto& w : s.timeline.windows) {
    WindowFact f{w.id, w.schedule.when, {}};
    for (const auto& e : w.effects) {
      if (e.var < 0) continue;
      const auto& name = s.timeline.vars[static_cast<std::size_t>(e.var)].name;
      if (std::find(f.writes.begin(), f.writes.end(), name) == f.writes.end()) f.writes.push_back(name);
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

ScenarioFacts scenario_facts(const scenario::Scenario& s) {
  ScenarioFacts f;
  f.parameters = parameter_facts(s);
  for (const auto& src : s.sources) f.sources.push_back({src.id, src.title, src.outlet, src.date, src.url, src.note});
  std::vector<double> central;
  if (!s.games.empty()) scenario::Sampler(s).central(central);
  for (const auto& g : s.games) f.games.push_back(game_fact(s, g, central));
  f.windows = window_facts(s);
  return f;
}

}  // namespace statecraft::ensemble
