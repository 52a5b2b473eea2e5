#include <algorithm>

#include "services/detail.hpp"
#include "statecraft/error.hpp"
#include "statecraft/sensitivity/scenario_sensitivity.hpp"
#include "statecraft/services.hpp"
#include "statecraft/services/overrides.hpp"
#include "statecraft/services/processes.hpp"
#include "statecraft/services/society_snapshot.hpp"

namespace statecraft::services {

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
  so.team = fo.team;
  const auto sa = sensitivity::analyse(s, so);
  for (const auto& o : sa.outputs) {
    if (o.kind != "question" || o.indices.constant) continue;
    auto q =
        std::find_if(result.questions.begin(), result.questions.end(), [&](const auto& f) { return f.id == o.id; });
    if (q == result.questions.end()) continue;
    for (std::size_t g = 0; g < o.indices.groups.size(); ++g) {
      const auto& t = o.indices.groups[g].total;
      if (t.estimate < 0.01) continue;  // takes no visible part in the answer
      q->drivers.push_back({sa.groups[g].name, t.estimate, t.low, t.high});
    }
    std::stable_sort(q->drivers.begin(), q->drivers.end(),
                     [](const auto& a, const auto& b) { return a.total > b.total; });
    if (q->drivers.size() > 3) q->drivers.resize(3);
  }
}

}  // namespace

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
  fo.team = Processes::team();
  fo.keep_draw_answers = o.keep_draw_answers;
  if (fo.team != nullptr && sink != nullptr)
    throw UsageError("a forecast kept in a run store (--store) runs in one process: run it without mpirun");
  if (fo.team != nullptr && callbacks.log)
    callbacks.log("forecast: the draws are spread over " + std::to_string(fo.team->size()) + " MPI ranks");
  auto result = ensemble::forecast(s, fo);
  result.facts = ensemble::scenario_facts(s);
  result.facts.snapshot = society_snapshot(s, fo.seed);
  result.provenance.with("driver_samples", o.driver_samples);
  if (o.driver_samples > 0 && s.uncertain_count() > 0) add_drivers(s, fo, o.driver_samples, result);
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

scenario::Scenario load_scenario(const std::string& file, const scenario::Overrides& overrides,
                                 const Callbacks& callbacks) {
  return detail::load(detail::read_input(file), overrides, callbacks);
}

ensemble::ForecastResult forecast(const ForecastOptions& o, const Callbacks& callbacks) {
  return detail::run_forecast(load_scenario(o.scenario_file, o.overrides, callbacks), o, callbacks);
}

}  // namespace statecraft::services
