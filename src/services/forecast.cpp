#include "statecraft/services.hpp"

#include "services/detail.hpp"
#include "statecraft/services/overrides.hpp"

namespace statecraft::services {

namespace detail {

ScenarioInput read_input(const std::string& file) {
  if (file.empty()) return {"belarus.yaml (embedded)", scenario::default_scenario_text()};
  return {file, scenario::read_scenario_text(file)};
}

scenario::Scenario load(const ScenarioInput& in, const scenario::Overrides& overrides, const Callbacks& callbacks) {
  auto s = scenario::load_scenario(in.text, in.name, overrides);
  if (callbacks.log)
    for (const auto& w : s.warnings) callbacks.log(w.to_string() + " (warning)");
  return s;
}

std::uint64_t seed_of(const ForecastOptions& o, const scenario::Scenario& s) { return o.seed.value_or(s.meta.seed); }

ensemble::ForecastResult run_forecast(const scenario::Scenario& s, const ForecastOptions& o, const Callbacks& callbacks,
                                      ensemble::DrawSink* sink) {
  ensemble::ForecastOptions fo;
  fo.seed = seed_of(o, s);
  fo.draws = o.draws;
  fo.threads = o.threads;
  fo.bargaining_draws = o.bargaining_draws;
  fo.progress = callbacks.progress;
  fo.sink = sink;
  auto result = ensemble::forecast(s, fo);
  if (!s.applied.variant.empty()) result.provenance.with("variant", s.applied.variant);
  if (!s.applied.set.empty()) {
    result.provenance.with("set", set_strings(s.applied));
  }
  return result;
}

}  // namespace detail

scenario::Scenario load_scenario(const std::string& file, const Callbacks& callbacks) {
  return load_scenario(file, scenario::Overrides{}, callbacks);
}

scenario::Scenario load_scenario(const std::string& file, const scenario::Overrides& overrides, const Callbacks& callbacks) {
  return detail::load(detail::read_input(file), overrides, callbacks);
}

ensemble::ForecastResult forecast(const ForecastOptions& o, const Callbacks& callbacks) {
  return detail::run_forecast(load_scenario(o.scenario_file, o.overrides, callbacks), o, callbacks);
}

}  // namespace statecraft::services
