// `statecraft score`: a hindcast's forecast scored against what happened, beside three reference
// forecasters (docs/validation.md).

#include "statecraft/services/score.hpp"

#include <algorithm>
#include <cmath>

#include "statecraft/io.hpp"

namespace statecraft::services {

double brier_score(const std::vector<double>& p, const std::vector<bool>& outcome) {
  if (p.empty() || p.size() != outcome.size())
    throw UsageError("brier_score: forecasts and outcomes must be non-empty and of equal length");
  double sum = 0;
  for (std::size_t i = 0; i < p.size(); ++i)
    sum += (p[i] - (outcome[i] ? 1.0 : 0.0)) * (p[i] - (outcome[i] ? 1.0 : 0.0));
  return sum / static_cast<double>(p.size());
}

double log_score(const std::vector<double>& p, const std::vector<bool>& outcome, double clamp) {
  if (p.empty() || p.size() != outcome.size())
    throw UsageError("log_score: forecasts and outcomes must be non-empty and of equal length");
  if (!(clamp > 0 && clamp < 0.5)) throw UsageError("log_score: the clamp must lie in (0, 0.5)");
  double sum = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const double q = std::clamp(p[i], clamp, 1 - clamp);
    sum += std::log(outcome[i] ? q : 1 - q);
  }
  return sum / static_cast<double>(p.size());
}

double laplace_rate(int yes, int of) {
  if (of < 0 || yes < 0 || yes > of) throw UsageError("laplace_rate: need 0 <= yes <= of");
  return (yes + 1.0) / (of + 2.0);
}

std::vector<ReliabilityBin> reliability_table(const std::vector<double>& p, const std::vector<bool>& outcome,
                                              int bins) {
  if (bins < 1) throw UsageError("reliability_table: at least one bin");
  if (p.size() != outcome.size()) throw UsageError("reliability_table: forecasts and outcomes of equal length");
  std::vector<ReliabilityBin> t(static_cast<std::size_t>(bins));
  for (int b = 0; b < bins; ++b) {
    t[static_cast<std::size_t>(b)].low = static_cast<double>(b) / bins;
    t[static_cast<std::size_t>(b)].high = static_cast<double>(b + 1) / bins;
  }
  for (std::size_t i = 0; i < p.size(); ++i) {
    const int b = std::clamp(static_cast<int>(std::floor(p[i] * bins)), 0, bins - 1);
    auto& bin = t[static_cast<std::size_t>(b)];
    ++bin.n;
    bin.mean_forecast += p[i];
    bin.observed += outcome[i] ? 1.0 : 0.0;
  }
  for (auto& bin : t)
    if (bin.n > 0) {
      bin.mean_forecast /= static_cast<double>(bin.n);
      bin.observed /= static_cast<double>(bin.n);
    }
  return t;
}

namespace {

/// A hindcast must show that it rests on nothing later than its as-of date: every source dated.
void require_dated_sources(const scenario::Scenario& s) {
  std::vector<Diagnostic> problems;
  for (const auto& src : s.sources)
    if (src.date.empty())
      problems.push_back(
          Diagnostic{src.where, "sources." + src.id + ".date", "a source without a date",
                     "a dated source (a scored hindcast may rest only on what was known at meta.as_of)"});
  if (!problems.empty()) throw ScenarioError(std::move(problems));
}

std::vector<std::string> citations(const Outcome& o, const Outcomes& all) {
  std::vector<std::string> out;
  for (const auto& id : o.sources)
    for (const auto& src : all.sources)
      if (src.id == id) out.push_back(src.citation + (src.url.empty() ? "" : " <" + src.url + ">"));
  return out;
}

ScoredQuestion scored(const ensemble::QuestionForecast& f, const scenario::Question& q, const Outcome& o,
                      const Outcomes& all) {
  ScoredQuestion sq;
  sq.id = q.id;
  sq.text = q.text;
  sq.resolution = q.resolution;
  sq.date = f.date;
  sq.resolved = o.resolved;
  sq.evidence = o.evidence;
  sq.sources = citations(o, all);
  sq.yes = o.yes;
  sq.model_yes = f.yes;
  sq.model_draws = f.draws;
  sq.model = f.probability;
  sq.model_low = f.wilson_low;
  sq.model_high = f.wilson_high;
  sq.base_yes = o.base_yes;
  sq.base_of = o.base_of;
  sq.base_basis = o.base_basis;
  sq.base_rate = laplace_rate(o.base_yes, o.base_of);
  sq.nothing_changes = o.nothing_changes ? 1.0 : 0.0;
  return sq;
}

ForecasterScore score_one(const std::string& name, const std::vector<double>& p, const std::vector<bool>& y,
                          const ScoreOptions& o) {
  ForecasterScore f;
  f.name = name;
  f.brier = brier_score(p, y);
  f.log = log_score(p, y, o.log_clamp);
  f.brier_skill = 1 - f.brier / 0.25;
  f.reliability = reliability_table(p, y, o.bins);
  return f;
}

void score_forecasters(ScoreResult& r, const ScoreOptions& o) {
  std::vector<bool> y;
  std::vector<double> model, half, base, same;
  for (const auto& q : r.questions) {
    y.push_back(q.yes);
    model.push_back(q.model);
    half.push_back(q.always_half);
    base.push_back(q.base_rate);
    same.push_back(q.nothing_changes);
  }
  r.forecasters = {score_one("statecraft", model, y, o), score_one("always 50%", half, y, o),
                   score_one("base rate", base, y, o), score_one("nothing changes", same, y, o)};
}

}  // namespace

ScoreResult score(const ScoreOptions& o, const Callbacks& callbacks) {
  if (o.scenario_file.empty() || o.outcomes_file.empty())
    throw UsageError("score: a scenario file and an outcomes file are required");
  if (o.bins < 1 || o.bins > 100) throw UsageError("score: --bins must lie in 1..100");
  const auto s = load_scenario(o.scenario_file, callbacks);
  require_dated_sources(s);
  const Outcomes outcomes = load_outcomes(o.outcomes_file, s);
  ensemble::ForecastOptions fo;
  fo.seed = o.seed.value_or(s.meta.seed);
  fo.draws = o.draws;
  fo.threads = o.threads;
  fo.bargaining_draws = o.bargaining_draws;
  fo.progress = callbacks.progress;
  const auto forecast = ensemble::forecast(s, fo);
  ScoreResult r;
  r.provenance = Provenance::of("score", o.scenario_file, s.sha256)
                     .with("outcomes", o.outcomes_file)
                     .with("outcomes_sha256", outcomes.sha256)
                     .with("seed", fo.seed)
                     .with("draws", o.draws)
                     .with("bargaining_draws", o.bargaining_draws);
  r.scenario_name = s.meta.name;
  r.as_of = s.meta.as_of;
  r.resolved_as_of = outcomes.resolved_as_of;
  r.draws = o.draws;
  r.bins = o.bins;
  r.log_clamp = o.log_clamp;
  for (const auto& out : outcomes.outcomes) {
    const auto qf = std::find_if(forecast.questions.begin(), forecast.questions.end(),
                                 [&](const auto& f) { return f.id == out.question; });
    const auto qs =
        std::find_if(s.questions.begin(), s.questions.end(), [&](const auto& q) { return q.id == out.question; });
    STATECRAFT_ASSERT(qf != forecast.questions.end() && qs != s.questions.end(),
                      "an outcome's question was checked against the scenario");
    if (!qf->modelled)
      throw UsageError("score: question '" + out.question + "' is not modelled by this scenario's outputs");
    r.questions.push_back(scored(*qf, *qs, out, outcomes));
  }
  if (r.questions.empty()) throw UsageError("score: the outcomes file resolves no question");
  score_forecasters(r, o);
  return r;
}

}  // namespace statecraft::services
