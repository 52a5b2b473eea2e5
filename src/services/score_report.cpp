// The score report of `statecraft score` (docs/validation.md).

#include "statecraft/services/score_report.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace statecraft::services {
namespace {

std::string score_table(const ScoreResult& r) {
  std::string out = fmt::format(
      "\nscores over {} questions (Brier: lower is better; log: mean ln p of the outcome, higher is better,\n"
      "p clamped to [{:g}, {:g}]; skill: 1 - Brier / Brier of always 50%)\n",
      r.questions.size(), r.log_clamp, 1 - r.log_clamp);
  out += fmt::format("  {:<18} {:>8} {:>8} {:>8}\n", "forecaster", "Brier", "log", "skill");
  for (const auto& f : r.forecasters)
    out += fmt::format("  {:<18} {:>8.4f} {:>8.4f} {:>8.3f}\n", f.name, f.brier, f.log, f.brier_skill);
  return out;
}

std::string question_table(const ScoreResult& r) {
  std::string out = "\nquestions (statecraft with its 95% Wilson interval; base rate = (yes + 1) / (periods + 2))\n";
  out += fmt::format("  {:<30} {:>7} {:>7} {:>15} {:>6} {:>6}  {}\n", "question", "by/at", "outcome", "statecraft",
                     "base", "same", "resolved");
  for (const auto& q : r.questions) {
    out += fmt::format("  {:<30} {:>7} {:>7} {:>5.1f}% [{:>4.1f}-{:>5.1f}] {:>5.1f}% {:>5.0f}%  {}\n", q.id, q.date,
                       q.yes ? "yes" : "no", 100 * q.model, 100 * q.model_low, 100 * q.model_high, 100 * q.base_rate,
                       100 * q.nothing_changes, q.resolved);
  }
  return out;
}

std::string reliability(const ForecasterScore& f) {
  std::string out = fmt::format("\nreliability of {} (forecasts binned; observed = share of yes outcomes)\n", f.name);
  out += fmt::format("  {:<12} {:>4} {:>14} {:>9}\n", "bin", "n", "mean forecast", "observed");
  for (const auto& b : f.reliability) {
    if (b.n == 0) {
      out += fmt::format("  {:>4.0f}-{:>4.0f}%  {:>4} {:>14} {:>9}\n", 100 * b.low, 100 * b.high, 0, "-", "-");
    } else {
      out += fmt::format("  {:>4.0f}-{:>4.0f}%  {:>4} {:>13.1f}% {:>8.1f}%\n", 100 * b.low, 100 * b.high, b.n,
                         100 * b.mean_forecast, 100 * b.observed);
    }
  }
  return out;
}

nlohmann::ordered_json question_json(const ScoredQuestion& q) {
  return {
      {"id", q.id},
      {"text", q.text},
      {"resolution", q.resolution},
      {"date", q.date},
      {"outcome", q.yes ? "yes" : "no"},
      {"resolved", q.resolved},
      {"evidence", q.evidence},
      {"sources", q.sources},
      {"statecraft",
       {{"probability", q.model},
        {"wilson_low", q.model_low},
        {"wilson_high", q.model_high},
        {"yes", q.model_yes},
        {"draws", q.model_draws}}},
      {"always_half", q.always_half},
      {"base_rate", {{"probability", q.base_rate}, {"yes", q.base_yes}, {"of", q.base_of}, {"basis", q.base_basis}}},
      {"nothing_changes", q.nothing_changes}};
}

nlohmann::ordered_json forecaster_json(const ForecasterScore& f) {
  nlohmann::ordered_json bins = nlohmann::ordered_json::array();
  for (const auto& b : f.reliability)
    bins.push_back(
        {{"low", b.low}, {"high", b.high}, {"n", b.n}, {"mean_forecast", b.mean_forecast}, {"observed", b.observed}});
  return {{"name", f.name}, {"brier", f.brier}, {"log", f.log}, {"brier_skill", f.brier_skill}, {"reliability", bins}};
}

}  // namespace

std::string score_text(const ScoreResult& r) {
  std::string out = r.provenance.lines("");
  out += fmt::format("scenario {}  as of {}  outcomes resolved as of {}  draws {}\n", r.scenario_name, r.as_of,
                     r.resolved_as_of.empty() ? "-" : r.resolved_as_of, r.draws);
  out += score_table(r);
  out += question_table(r);
  out += reliability(r.forecasters.front());
  return out;
}

std::string score_json(const ScoreResult& r) {
  nlohmann::ordered_json j;
  j["provenance"] = r.provenance.json();
  j["scenario"] = {{"name", r.scenario_name}, {"as_of", r.as_of}};
  j["resolved_as_of"] = r.resolved_as_of;
  j["draws"] = r.draws;
  j["log_clamp"] = r.log_clamp;
  auto& fs = j["forecasters"] = nlohmann::ordered_json::array();
  for (const auto& f : r.forecasters) fs.push_back(forecaster_json(f));
  auto& qs = j["questions"] = nlohmann::ordered_json::array();
  for (const auto& q : r.questions) qs.push_back(question_json(q));
  return j.dump(2) + "\n";
}

}  // namespace statecraft::services
