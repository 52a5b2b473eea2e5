#include "statecraft/report/forecast_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "report/facts_json.hpp"

namespace statecraft::report {
namespace {

std::string pct(double p) {
  return (p > 0 && p < 0.01) ? fmt::format("{:.2f}%", 100.0 * p) : fmt::format("{:.1f}%", 100.0 * p);
}

nlohmann::ordered_json summary_json(const ensemble::Summary& s) {
  return {{"mean", s.mean}, {"p05", s.p05}, {"p50", s.p50}, {"p95", s.p95}};
}

std::string drivers_line(const ensemble::QuestionForecast& q) {
  if (q.drivers.empty()) return {};
  std::string d;
  for (const auto& dr : q.drivers)
    d += fmt::format("{}{} ({:.2f} [{:.2f}, {:.2f}])", d.empty() ? "" : ", ", dr.group, dr.total, dr.low, dr.high);
  return fmt::format("  {:>6}  {:>15}  {:<20} drivers by total Sobol' index {}\n", "", "", "", d);
}

/// One line per structural choice: the answer under each alternative and their spread.
std::string structural_lines(const ensemble::QuestionForecast& q) {
  std::string out;
  for (const auto& sa : q.structural) {
    std::string alts;
    for (const auto& a : sa.answers)
      alts += fmt::format("{}{} {}", alts.empty() ? "" : ", ", a.alternative, a.draws > 0 ? pct(a.probability) : "-");
    out += fmt::format("  {:>6}  {:>15}  {:<20} {}: {}; spread {}–{} (SD {:.1f} pts{})\n", "", "", "", sa.choice, alts,
                       pct(sa.low), pct(sa.high), 100.0 * sa.sd, sa.beyond_noise ? "" : ", within Monte Carlo noise");
  }
  return out;
}

nlohmann::ordered_json structural_json(const ensemble::QuestionForecast& q) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& sa : q.structural) {
    auto answers = nlohmann::ordered_json::array();
    for (const auto& a : sa.answers) {
      nlohmann::ordered_json ja = {{"alternative", a.alternative}, {"weight", a.weight}};
      ja["probability"] = a.draws > 0 ? nlohmann::ordered_json(a.probability) : nlohmann::ordered_json();
      if (a.draws > 0) ja["wilson95"] = {a.wilson_low, a.wilson_high};
      ja["yes"] = a.yes;
      ja["draws"] = a.draws;
      answers.push_back(std::move(ja));
    }
    out.push_back(
        {{"choice", sa.choice},
         {"answers", std::move(answers)},
         {"spread",
          {{"min", sa.low}, {"max", sa.high}, {"sd", sa.sd}, {"beyond_monte_carlo_noise", sa.beyond_noise}}}});
  }
  return out;
}

nlohmann::ordered_json structural_choices_json(const ensemble::ForecastResult& r) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& c : r.structural) {
    auto alts = nlohmann::ordered_json::array();
    for (std::size_t k = 0; k < c.alternatives.size(); ++k)
      alts.push_back({{"alternative", c.alternatives[k]}, {"weight", c.weights[k]}, {"draws", c.draws[k]}});
    out.push_back({{"id", c.id}, {"text", c.text}, {"alternatives", std::move(alts)}});
  }
  return out;
}

std::string structural_header(const ensemble::ForecastResult& r) {
  if (r.structural.empty()) return {};
  std::string out =
      "\nSTRUCTURAL CHOICES (each draw uses one alternative, drawn with its weight; the combined answer is\n"
      "the mixture over all draws, each alternative's answer rests on the draws that used it)\n";
  for (const auto& c : r.structural) {
    std::string alts;
    for (std::size_t k = 0; k < c.alternatives.size(); ++k)
      alts +=
          fmt::format("{}{} {:.2f} ({} draws)", alts.empty() ? "" : ", ", c.alternatives[k], c.weights[k], c.draws[k]);
    out += fmt::format("  {:<20} {}\n  {:<20} {}\n", c.id, c.text, "", alts);
  }
  return out;
}

std::string when(const ensemble::QuestionForecast& q) {
  if (q.date.empty()) return "";
  return fmt::format("{} {}  ", q.by ? "by" : "in", q.date);
}

std::vector<const ensemble::QuestionForecast*> select(const ensemble::ForecastResult& r, bool diagnostic) {
  std::vector<const ensemble::QuestionForecast*> out;
  for (const auto& q : r.questions)
    if (q.modelled && q.diagnostic == diagnostic) out.push_back(&q);
  std::stable_sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->probability > b->probability; });
  return out;
}

std::string key_judgments(const ensemble::ForecastResult& r) {
  std::string out = structural_header(r);
  out +=
      "\nKEY JUDGMENTS (share of draws in which the question resolves yes; 95% Wilson interval of the\n"
      "Monte Carlo error; the words apply to this combined answer";
  out += r.structural.empty()
             ? ")\n"
             : ". Below it: the answer under each\nalternative of a structural choice, and their spread)\n";
  const auto qs = select(r, false);
  if (qs.empty()) out += "  none of the questions can be answered by the models available yet\n";
  for (const auto* q : qs) {
    out += fmt::format("  {:>6}  [{:>5} – {:>5}]  {:<20} {}{}\n", pct(q->probability), pct(q->wilson_low),
                       pct(q->wilson_high), q->words, when(*q), q->text);
    out += structural_lines(*q);
    out += drivers_line(*q);
  }
  return out;
}

std::string diagnostics(const ensemble::ForecastResult& r) {
  const auto qs = select(r, true);
  if (qs.empty()) return {};
  std::string out =
      "\nEQUILIBRIUM DIAGNOSTICS (properties of the games as written, not forecasts of events: the\n"
      "share of draws whose selected equilibrium plays the move with probability above the threshold)\n";
  for (const auto* q : qs) {
    out += fmt::format("  {:>6}  [{:>5} – {:>5}]  {}\n", pct(q->probability), pct(q->wilson_low), pct(q->wilson_high),
                       q->text);
    out += drivers_line(*q);
  }
  return out;
}

std::string not_modelled(const ensemble::ForecastResult& r) {
  std::string out;
  for (const auto& q : r.questions) {
    if (q.modelled) continue;
    std::string miss;
    for (const auto& m : q.missing_outputs) miss += (miss.empty() ? "" : ", ") + m;
    out += fmt::format("  {:<28} needs {}\n", q.id, miss);
  }
  if (out.empty()) return out;
  return "\nNOT YET MODELLED (no model available produces the outputs they resolve on; no number given)\n" + out;
}

std::string timeline_table(const ensemble::ForecastResult& r) {
  if (r.series.empty()) return {};
  const std::size_t last = r.month_labels.size() - 1;
  std::vector<std::size_t> cols;
  for (std::size_t m = 0; m <= last; m += std::max<std::size_t>(1, last / 4)) cols.push_back(m);
  if (cols.back() != last) cols.push_back(last);
  std::string out = "\nTIMELINE (median over draws, 90% interval in brackets; categorical states: share of draws)\n";
  out += fmt::format("  {:<28}", "");
  for (std::size_t m : cols) out += fmt::format(" {:>19}", r.month_labels[m]);
  out += "\n";
  for (const auto& sf : r.series) {
    if (!sf.states.empty()) {
      for (std::size_t k = 0; k < sf.states.size(); ++k) {
        out += fmt::format("  {:<28}", sf.name + "=" + sf.states[k]);
        for (std::size_t m : cols) out += fmt::format(" {:>19}", pct(sf.shares[m][k]));
        out += "\n";
      }
      continue;
    }
    out += fmt::format("  {:<28}", sf.name);
    for (std::size_t m : cols) {
      const auto& q = sf.quantiles[m];
      out += fmt::format(" {:>19}", fmt::format("{:.3g} [{:.3g}–{:.3g}]", q[2], q[0], q[4]));
    }
    out += "\n";
  }
  return out;
}

nlohmann::ordered_json timeline_json(const ensemble::ForecastResult& r) {
  nlohmann::ordered_json t;
  t["months"] = r.month_labels;
  auto& series = t["series"] = nlohmann::ordered_json::array();
  for (const auto& sf : r.series) {
    nlohmann::ordered_json js = {{"name", sf.name}};
    if (!sf.states.empty()) {
      js["states"] = sf.states;
      js["share"] = sf.shares;
    } else {
      static const char* kKeys[] = {"p05", "p25", "p50", "p75", "p95"};
      for (std::size_t k = 0; k < 5; ++k) {
        std::vector<double> xs;
        for (const auto& q : sf.quantiles) xs.push_back(q[k]);
        js[kKeys[k]] = xs;
      }
      js["mean"] = sf.mean;
    }
    series.push_back(std::move(js));
  }
  return t;
}

}  // namespace

std::string forecast_text(const ensemble::ForecastResult& r) {
  std::string out = r.provenance.lines("");
  out += fmt::format("scenario {}  as of {}  horizon {} months  uncertain numbers {}\n", r.scenario_name, r.as_of,
                     r.horizon_months, r.uncertain_numbers);
  std::string lenses;
  for (const auto& l : r.lenses) lenses += (lenses.empty() ? "" : ", ") + l;
  out += fmt::format("models    {}\n", lenses);

  out += key_judgments(r);
  out += diagnostics(r);
  out += not_modelled(r);
  out += timeline_table(r);
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
  if (dynamic_draws > 0 && dynamic_draws < r.draws) {
    out += fmt::format("  bdm and smp ran on {} of the draws, evenly spread (--bargaining-draws).\n", dynamic_draws);
  }
  out +=
      "\nProbabilities are shares of Monte Carlo draws over the scenario's stated uncertainty; the\n"
      "Wilson interval measures only the sampling error of the draws, not the model's error.\n";
  return out;
}

std::string forecast_timing(const ensemble::ForecastResult& r) {
  std::string out = fmt::format("timing: {} draws in {:.2f} s wall\n", r.draws, r.wall_seconds);
  for (const auto& [name, sec] : r.cost)
    out +=
        fmt::format("  {:<48} {:>8.2f} s CPU  {:>9.1f} us/draw\n", name, sec, 1e6 * sec / static_cast<double>(r.draws));
  return out;
}

std::string forecast_json(const ensemble::ForecastResult& r) {
  nlohmann::ordered_json j;
  j["provenance"] = r.provenance.json();
  j["scenario"] = {{"name", r.scenario_name},
                   {"as_of", r.as_of},
                   {"horizon_months", r.horizon_months},
                   {"uncertain_numbers", r.uncertain_numbers}};
  j["models"] = r.lenses;
  auto& qs = j["questions"] = nlohmann::ordered_json::array();
  for (const auto& q : r.questions) {
    nlohmann::ordered_json jq = {{"id", q.id},
                                 {"text", q.text},
                                 {"horizon_months", q.horizon_months},
                                 {"modelled", q.modelled},
                                 {"kind", q.diagnostic ? "equilibrium diagnostic" : "event"}};
    if (!q.date.empty()) jq[q.by ? "by" : "in"] = q.date;
    if (!q.monthly.empty()) jq["probability_by_month"] = q.monthly;
    if (q.modelled) {
      jq["probability"] = q.probability;
      jq["wilson95"] = {q.wilson_low, q.wilson_high};
      jq["yes"] = q.yes;
      jq["draws"] = q.draws;
      if (!q.diagnostic) jq["likelihood"] = q.words;
      auto& d = jq["drivers"] = nlohmann::ordered_json::array();
      for (const auto& dr : q.drivers)
        d.push_back({{"group", dr.group}, {"total_index", dr.total}, {"low", dr.low}, {"high", dr.high}});
      if (!q.structural.empty()) jq["structural"] = structural_json(q);
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
    is.push_back(
        {{"id", i.id}, {"question", i.question}, {"low", i.low}, {"high", i.high}, {"models", std::move(models)}});
  }
  if (!r.structural.empty()) j["structural"] = structural_choices_json(r);
  if (!r.series.empty()) j["timeline"] = timeline_json(r);
  detail::add_facts_json(j, r.facts);
  return j.dump(2) + "\n";
}

}  // namespace statecraft::report
