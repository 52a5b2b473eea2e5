#include "statecraft/report/forecast_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace statecraft::report {
namespace {

std::string pct(double p) {
  return (p > 0 && p < 0.01) ? fmt::format("{:.2f}%", 100.0 * p) : fmt::format("{:.1f}%", 100.0 * p);
}

nlohmann::ordered_json summary_json(const ensemble::Summary& s) {
  return {{"mean", s.mean}, {"p05", s.p05}, {"p50", s.p50}, {"p95", s.p95}};
}

}  // namespace

std::string forecast_text(const ensemble::ForecastResult& r) {
  const auto& p = r.provenance;
  std::string out;
  out += fmt::format("statecraft {} (commit {})\n", p.version, p.git_commit);
  out += fmt::format("scenario  {}  [{}]\n", r.scenario_name, p.scenario_file);
  out += fmt::format("sha256    {}\n", p.scenario_sha256);
  out += fmt::format("seed {}  draws {}  as of {}  horizon {} months  uncertain numbers {}\n",
                     p.seed, p.draws, r.as_of, r.horizon_months, r.uncertain_numbers);
  std::string lenses;
  for (const auto& l : r.lenses) lenses += (lenses.empty() ? "" : ", ") + l;
  out += fmt::format("models    {}\n", lenses);

  std::vector<const ensemble::QuestionForecast*> modelled, pending;
  for (const auto& q : r.questions) (q.modelled ? modelled : pending).push_back(&q);
  std::stable_sort(modelled.begin(), modelled.end(), [](auto* a, auto* b) { return a->probability > b->probability; });

  out += "\nKEY JUDGMENTS (share of draws in which the question resolves yes; 95% Wilson interval)\n";
  if (modelled.empty()) out += "  none of the questions can be answered by the models available yet\n";
  for (const auto* q : modelled) {
    out += fmt::format("  {:>6}  [{:>5} – {:>5}]  {:<20} {}\n", pct(q->probability), pct(q->wilson_low),
                       pct(q->wilson_high), q->words, q->text);
    if (!q->drivers.empty()) {
      std::string d;
      for (const auto& dr : q->drivers) d += fmt::format("{}{} ({:+.2f})", d.empty() ? "" : ", ", dr.parameter, dr.correlation);
      out += fmt::format("  {:>6}  {:>15}  {:<20} driven by {}\n", "", "", "", d);
    }
  }
  if (!pending.empty()) {
    out += "\nNOT YET MODELLED (no model available produces the outputs they resolve on; no number given)\n";
    for (const auto* q : pending) {
      std::string miss;
      for (const auto& m : q->missing_outputs) miss += (miss.empty() ? "" : ", ") + m;
      out += fmt::format("  {:<28} needs {}\n", q->id, miss);
    }
  }
  out += "\nISSUES (0–100 scale; median over draws, 90% interval in brackets)\n";
  static const char* kShown[] = {"compromise", "median", "bdm", "smp"};
  out += fmt::format("  {:<26}", "issue");
  for (const char* m : kShown) out += fmt::format(" {:>19}", m);
  out += "\n";
  std::size_t dynamic_draws = 0;
  for (const auto& i : r.issues) {
    out += fmt::format("  {:<26}", i.id);
    for (const char* m : kShown) {
      const auto* ms = i.find(m);
      if (!ms) {
        out += fmt::format(" {:>19}", "-");
        continue;
      }
      if (std::string(m) == "bdm" || std::string(m) == "smp") dynamic_draws = ms->draws;
      out += fmt::format(" {:>5.1f} [{:>4.0f} –{:>4.0f}]", ms->summary.p50, ms->summary.p05, ms->summary.p95);
    }
    out += fmt::format("\n    0 = {}; 100 = {}\n", i.low, i.high);
  }
  if (dynamic_draws > 0 && dynamic_draws < p.draws) {
    out += fmt::format("  bdm and smp ran on {} of the draws, evenly spread (--bargaining-draws).\n", dynamic_draws);
  }
  out += "\nProbabilities are shares of Monte Carlo draws over the scenario's stated uncertainty; the\n"
         "Wilson interval measures only the sampling error of the draws, not the model's error.\n";
  return out;
}

std::string forecast_json(const ensemble::ForecastResult& r) {
  nlohmann::ordered_json j;
  const auto& p = r.provenance;
  j["provenance"] = {{"tool", "statecraft"},
                     {"version", p.version},
                     {"git_commit", p.git_commit},
                     {"scenario_file", p.scenario_file},
                     {"scenario_sha256", p.scenario_sha256},
                     {"seed", p.seed},
                     {"draws", p.draws}};
  j["scenario"] = {{"name", r.scenario_name}, {"as_of", r.as_of}, {"horizon_months", r.horizon_months},
                   {"uncertain_numbers", r.uncertain_numbers}};
  j["models"] = r.lenses;
  auto& qs = j["questions"] = nlohmann::ordered_json::array();
  for (const auto& q : r.questions) {
    nlohmann::ordered_json jq = {{"id", q.id}, {"text", q.text}, {"horizon_months", q.horizon_months},
                                 {"modelled", q.modelled}};
    if (q.modelled) {
      jq["probability"] = q.probability;
      jq["wilson95"] = {q.wilson_low, q.wilson_high};
      jq["yes"] = q.yes;
      jq["draws"] = q.draws;
      jq["likelihood"] = q.words;
      auto& d = jq["drivers"] = nlohmann::ordered_json::array();
      for (const auto& dr : q.drivers) d.push_back({{"parameter", dr.parameter}, {"correlation", dr.correlation}});
    } else {
      jq["missing_outputs"] = q.missing_outputs;
    }
    qs.push_back(std::move(jq));
  }
  auto& is = j["issues"] = nlohmann::ordered_json::array();
  for (const auto& i : r.issues) {
    nlohmann::ordered_json models;
    for (const auto& m : i.models) {
      auto j_m = summary_json(m.summary);
      j_m["draws"] = m.draws;
      models[m.model] = std::move(j_m);
    }
    is.push_back({{"id", i.id}, {"question", i.question}, {"low", i.low}, {"high", i.high}, {"models", std::move(models)}});
  }
  return j.dump(2) + "\n";
}

}  // namespace statecraft::report
