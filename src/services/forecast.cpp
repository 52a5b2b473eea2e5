#include "statecraft/services.hpp"

#include <algorithm>

#include "statecraft/sensitivity/scenario_sensitivity.hpp"

namespace statecraft::services {

scenario::Scenario load_scenario(const std::string& file, const Callbacks& callbacks) {
  auto s = file.empty() ? scenario::load_default_scenario() : scenario::load_scenario_file(file);
  if (callbacks.log)
    for (const auto& w : s.warnings) callbacks.log(w.to_string() + " (warning)");
  return s;
}

namespace {

/// Each question's three groups with the largest total Sobol' index on a small grouped design
/// (no tornado), in place of correlations of single draws with the answer.
void add_drivers(const scenario::Scenario& s, const ensemble::ForecastOptions& fo, std::size_t samples,
                 ensemble::ForecastResult& result) {
  sensitivity::ScenarioOptions so;
  so.seed = fo.seed;
  so.samples = samples;
  so.threads = fo.threads;
  so.tornado_draws = 0;
  so.progress = fo.progress;
  const auto sa = sensitivity::analyse(s, so);
  for (const auto& o : sa.outputs) {
    if (o.kind != "question" || o.indices.constant) continue;
    auto q = std::find_if(result.questions.begin(), result.questions.end(), [&](const auto& f) { return f.id == o.id; });
    if (q == result.questions.end()) continue;
    for (std::size_t g = 0; g < o.indices.groups.size(); ++g) {
      const auto& t = o.indices.groups[g].total;
      if (t.estimate < 0.01) continue;  // takes no visible part in the answer
      q->drivers.push_back({sa.groups[g].name, t.estimate, t.low, t.high});
    }
    std::stable_sort(q->drivers.begin(), q->drivers.end(), [](const auto& a, const auto& b) { return a.total > b.total; });
    if (q->drivers.size() > 3) q->drivers.resize(3);
  }
}

}  // namespace

ensemble::ForecastResult forecast(const ForecastOptions& o, const Callbacks& callbacks) {
  const auto s = load_scenario(o.scenario_file, callbacks);
  ensemble::ForecastOptions fo;
  fo.seed = o.seed.value_or(s.meta.seed);
  fo.draws = o.draws;
  fo.threads = o.threads;
  fo.bargaining_draws = o.bargaining_draws;
  fo.progress = callbacks.progress;
  auto result = ensemble::forecast(s, fo);
  result.provenance.with("driver_samples", o.driver_samples);
  if (o.driver_samples > 0 && s.uncertain_count() > 0) add_drivers(s, fo, o.driver_samples, result);
  return result;
}

}  // namespace statecraft::services
