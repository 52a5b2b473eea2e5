// What-if comparison of variants with common random numbers: every run uses the same seed and
// draws, keeps each draw's answers, and the differences are paired draw by draw. In an MPI job
// every rank runs its share of each run's draws; rank 0 holds the answers and the comparison.

#include "statecraft/services/compare.hpp"

#include <fmt/format.h>

#include "services/detail.hpp"
#include "statecraft/services/overrides.hpp"
#include "statecraft/services/processes.hpp"

namespace statecraft::services {
namespace {

/// One run of the comparison: the baseline (variant "") or a variant, with every draw's answers.
ensemble::ForecastResult run_one(const detail::ScenarioInput& in, const CompareOptions& o, const std::string& variant,
                                 const Callbacks& cb) {
  ForecastOptions fo;
  fo.scenario_file = o.scenario_file;
  fo.seed = o.seed;
  fo.draws = o.draws;
  fo.threads = o.threads;
  fo.bargaining_draws = o.bargaining_draws;
  fo.overrides = scenario::Overrides{variant, o.set};
  fo.driver_samples = 0;  // a comparison reports differences, not drivers: no Sobol' design per variant
  fo.keep_draw_answers = true;
  // The baseline's warnings and notes are the run's; a variant's would repeat them.
  const Callbacks quiet{cb.progress, {}};
  const auto s = detail::load(in, fo.overrides, variant.empty() ? cb : quiet);
  return detail::run_forecast(s, fo, variant.empty() ? cb : quiet);
}

VariantAnswer answer(const std::string& variant, const ensemble::QuestionForecast& q) {
  VariantAnswer a;
  a.variant = variant;
  a.yes = q.yes;
  a.draws = q.draws;
  a.probability = q.probability;
  a.wilson_low = q.wilson_low;
  a.wilson_high = q.wilson_high;
  return a;
}

}  // namespace

Comparison compare(const CompareOptions& options, const Callbacks& callbacks) {
  if (options.variants.empty()) throw UsageError("compare: name at least one variant (--variants a,b,...)");
  const auto in = detail::read_input(options.scenario_file);
  Comparison c;
  const auto s = detail::load(in, scenario::Overrides{"", options.set}, {});
  c.scenario_name = s.meta.name;
  c.draws = options.draws;
  for (const auto& name : options.variants) {  // every name checked before any run
    const auto it = std::find_if(s.variants.begin(), s.variants.end(), [&](const auto& v) { return v.name == name; });
    if (it == s.variants.end())
      throw UsageError(fmt::format("compare: {} has no variant '{}'", printable(in.name), printable(name)));
    c.variants.emplace_back(name, it->note);
  }
  c.provenance = Provenance::of("compare", s.file, s.sha256)
                     .with("seed", options.seed.value_or(s.meta.seed))
                     .with("draws", options.draws)
                     .with("variants", options.variants);
  if (!options.set.empty()) c.provenance.with("set", set_strings(s.applied));
  const auto base = run_one(in, options, "", callbacks);
  for (const auto& q : base.questions)
    if (q.modelled) c.questions.push_back({q.id, q.text, q.date, q.by, answer("baseline", q), {}});
  for (const auto& name : options.variants) {
    const auto v = run_one(in, options, name, callbacks);
    if (!Processes::writes_outputs()) continue;  // another rank of an MPI job: rank 0 holds the answers
    std::size_t row = 0;
    for (std::size_t k = 0; k < v.questions.size(); ++k) {
      if (!base.questions[k].modelled) continue;
      auto a = answer(name, v.questions[k]);
      a.difference = ensemble::paired_difference(base.questions[k].draw_answers, v.questions[k].draw_answers);
      c.questions[row++].variants.push_back(std::move(a));
    }
  }
  return c;
}

}  // namespace statecraft::services
