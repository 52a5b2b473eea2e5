#pragma once
// Helpers for the timeline tests: small scenarios, forecasts on them, and edits of the Belarus text.

#include <regex>
#include <string>

#include "statecraft/ensemble/forecast.hpp"
#include "statecraft/scenario/scenario.hpp"

namespace timeline_test {

/// The head of a small scenario (as of 2026-01-15, 12 months, one source, two actors).
inline std::string head(int horizon = 12) {
  return "statecraft: 1\nmeta: {name: t, as_of: 2026-01-15, horizon_months: " + std::to_string(horizon) +
         ", seed: 5}\nsources: [{id: s, title: T, file: x.txt}]\n"
         "actors:\n  - {id: a, name: A, kind: state, capability: 1, source: s}\n"
         "  - {id: b, name: B, kind: state, capability: 1, source: s}\n";
}

inline const statecraft::ensemble::QuestionForecast& question(const statecraft::ensemble::ForecastResult& r,
                                                              const std::string& id) {
  for (const auto& q : r.questions)
    if (q.id == id) return q;
  throw std::runtime_error("no question " + id);
}

inline statecraft::ensemble::ForecastResult run(const std::string& text, std::size_t draws, int threads = 0) {
  const auto s = statecraft::scenario::load_scenario(text, "t.yaml");
  statecraft::ensemble::ForecastOptions o;
  o.seed = 11;
  o.draws = draws;
  o.threads = threads;
  o.bargaining_draws = 1;
  return statecraft::ensemble::forecast(s, o);
}

/// The Belarus scenario with parameter `name` (written on one line) fixed at `value`.
inline std::string belarus_with(const std::string& name, double value) {
  const std::string& text = statecraft::scenario::default_scenario_text();
  const std::regex line("\\n  " + name + ": \\{[^\\n]*\\}\\n");
  std::smatch m;
  if (!std::regex_search(text, m, line)) throw std::runtime_error("no one-line parameter " + name);
  return std::regex_replace(text, line,
                            "\n  " + name + ": {value: " + std::to_string(value) + ", source: analyst_judgement}\n",
                            std::regex_constants::format_first_only);
}

}  // namespace timeline_test
