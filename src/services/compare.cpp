// What-if comparison of variants with common random numbers: every run uses the same seed and
// draws, a sink keeps each draw's answers, and the differences are paired draw by draw.

#include "statecraft/services/compare.hpp"

#include <fmt/format.h>

#include "services/detail.hpp"
#include "statecraft/services/overrides.hpp"

namespace statecraft::services {
namespace {

/// Keeps every draw's answers: [question][draw].
class AnswerSink final : public ensemble::DrawSink {
 public:
  AnswerSink(std::size_t questions, std::size_t draws) : answers_(questions, std::vector<signed char>(draws, -1)) {}
  void start(const std::vector<std::string>&) override {}
  bool restore(ensemble::DrawChunk&) override { return false; }
  void commit(const ensemble::DrawChunk& c) override {
    const std::size_t nq = answers_.size();
    for (std::size_t d = c.begin; d < c.end; ++d)
      for (std::size_t q = 0; q < nq; ++q) answers_[q][d] = c.answers[(d - c.begin) * nq + q];
  }
  [[nodiscard]] const std::vector<signed char>& of(std::size_t q) const { return answers_[q]; }

 private:
  std::vector<std::vector<signed char>> answers_;
};

struct Run {
  ensemble::ForecastResult result;
  std::unique_ptr<AnswerSink> answers;
};

Run run_one(const detail::ScenarioInput& in, const CompareOptions& o, const std::string& variant, const Callbacks& cb) {
  ForecastOptions fo;
  fo.scenario_file = o.scenario_file;
  fo.seed = o.seed;
  fo.draws = o.draws;
  fo.threads = o.threads;
  fo.bargaining_draws = o.bargaining_draws;
  fo.overrides = scenario::Overrides{variant, o.set};
  fo.driver_samples = 0;  // a comparison reports differences, not drivers: no Sobol' design per variant
  const auto s = detail::load(in, fo.overrides, variant.empty() ? cb : Callbacks{cb.progress, {}});
  Run r;
  r.answers = std::make_unique<AnswerSink>(s.questions.size(), o.draws);
  r.result = detail::run_forecast(s, fo, cb, r.answers.get());
  return r;
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
  const Run base = run_one(in, options, "", callbacks);
  for (std::size_t k = 0; k < base.result.questions.size(); ++k) {
    const auto& q = base.result.questions[k];
    if (!q.modelled) continue;
    c.questions.push_back({q.id, q.text, q.date, q.by, answer("baseline", q), {}});
  }
  for (const auto& name : options.variants) {
    const Run v = run_one(in, options, name, callbacks);
    std::size_t row = 0;
    for (std::size_t k = 0; k < v.result.questions.size(); ++k) {
      if (!base.result.questions[k].modelled) continue;
      auto a = answer(name, v.result.questions[k]);
      a.difference = ensemble::paired_difference(base.answers->of(k), v.answers->of(k));
      c.questions[row++].variants.push_back(std::move(a));
    }
  }
  return c;
}

}  // namespace statecraft::services
