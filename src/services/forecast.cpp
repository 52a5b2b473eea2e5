#include "statecraft/services.hpp"

#include "statecraft/services/processes.hpp"

namespace statecraft::services {

scenario::Scenario load_scenario(const std::string& file, const Callbacks& callbacks) {
  auto s = file.empty() ? scenario::load_default_scenario() : scenario::load_scenario_file(file);
  if (callbacks.log)
    for (const auto& w : s.warnings) callbacks.log(w.to_string() + " (warning)");
  return s;
}

ensemble::ForecastResult forecast(const ForecastOptions& o, const Callbacks& callbacks) {
  const auto s = load_scenario(o.scenario_file, callbacks);
  ensemble::ForecastOptions fo;
  fo.seed = o.seed.value_or(s.meta.seed);
  fo.draws = o.draws;
  fo.threads = o.threads;
  fo.bargaining_draws = o.bargaining_draws;
  fo.progress = callbacks.progress;
  fo.team = Processes::team();
  if (fo.team != nullptr && callbacks.log)
    callbacks.log("forecast: the draws are spread over " + std::to_string(fo.team->size()) + " MPI ranks");
  return ensemble::forecast(s, fo);
}

}  // namespace statecraft::services
