#include "statecraft/services/bargain.hpp"

#include "statecraft/bargaining/problem.hpp"
#include "statecraft/bargaining/scenario_issues.hpp"
#include "statecraft/error.hpp"
#include "statecraft/io.hpp"
#include "statecraft/scenario/sampler.hpp"
#include "statecraft/scenario/scenario.hpp"

namespace statecraft::services {
namespace {

namespace bg = statecraft::bargaining;

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Every issue of the scenario at its central values (fixed numbers, distribution means).
std::vector<bg::BargainingProblem> scenario_issues(const std::string& text, const std::string& file) {
  const auto s = scenario::load_scenario(text, file);
  if (s.issues.empty()) {
    Diagnostic d;
    d.where = Location{file, 1, 1};
    d.path = "issues";
    d.found = "a scenario without issues";
    d.expected = "at least one issue for the bargaining models";
    throw FormatError(std::move(d));
  }
  std::vector<double> central;
  scenario::Sampler(s).central(central);
  return bg::scenario_problems(s, central);
}

}  // namespace

std::vector<bg::ModelKind> bargaining_models(const std::string& model) {
  if (model == "all") return bg::all_models();
  return {bg::parse_model_name(model)};
}

BargainResult bargain(const BargainOptions& o, const Callbacks& callbacks) {
  const bool yaml = ends_with(o.file, ".yaml") || ends_with(o.file, ".yml");
  if (!yaml && !ends_with(o.file, ".csv"))
    throw UsageError("bargain: " + o.file + ": expected a KTAB CSV (*.csv) or a scenario (*.yaml)");
  const std::string text = yaml ? read_file(o.file) : bg::read_input_file(o.file);
  std::vector<bg::BargainingProblem> problems;
  if (yaml)
    problems = scenario_issues(text, o.file);
  else
    problems.push_back(bg::parse_ktab_csv(text, o.file));
  const auto models = bargaining_models(o.model);
  bg::ForecastOptions opt;
  opt.smp.transition = o.stochastic ? bg::SmpTransition::kStochastic : bg::SmpTransition::kDeterministic;
  opt.smp.seed = o.seed;
  opt.smp.draw = o.draw;

  BargainResult r{{}, Provenance::of("bargain", o.file, sha256_hex(text))};
  r.provenance.with("seed", o.seed)
      .with("draw", o.draw)
      .with("smp_transition", o.stochastic ? "stochastic" : "deterministic");
  for (auto& p : problems) {
    BargainIssue issue{std::move(p), {}};
    for (bg::ModelKind m : models) issue.forecasts.push_back(bg::forecast(issue.problem, m, opt));
    r.issues.push_back(std::move(issue));
    if (callbacks.progress) callbacks.progress(r.issues.size(), problems.size());
  }
  return r;
}

}  // namespace statecraft::services
