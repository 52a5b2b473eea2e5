// Rendering a what-if comparison for the terminal and as JSON.

#include <fmt/format.h>

#include "statecraft/services/compare.hpp"

namespace statecraft::services {
namespace {

using nlohmann::ordered_json;

std::string pct(double p) { return fmt::format("{:.1f}%", 100.0 * p); }

ordered_json answer_json(const VariantAnswer& a, bool with_difference) {
  ordered_json j{{"variant", a.variant},       {"yes", a.yes},
                 {"draws", a.draws},           {"probability", a.probability},
                 {"wilson_low", a.wilson_low}, {"wilson_high", a.wilson_high}};
  if (with_difference)
    j["difference"] = {{"estimate", a.difference.estimate},
                       {"low", a.difference.low},
                       {"high", a.difference.high},
                       {"paired_draws", a.difference.pairs}};
  return j;
}

}  // namespace

std::string comparison_text(const Comparison& c) {
  std::string out = c.provenance.lines("");
  out += fmt::format(
      "\nWHAT-IF COMPARISON: {}\n({} draws per variant with common random numbers; the difference is the\n"
      "variant's probability less the baseline's, with a paired 95% interval)\n\nVARIANTS\n",
      c.scenario_name, c.draws);
  for (const auto& [name, note] : c.variants) out += fmt::format("  {}: {}\n", name, note);
  std::size_t width = 8;
  for (const auto& v : c.variants) width = std::max(width, v.first.size());
  for (const auto& q : c.questions) {
    out += fmt::format("\n{}{}\n", q.text, q.date.empty() ? "" : fmt::format(" ({} {})", q.by ? "by" : "in", q.date));
    out += fmt::format("  {:<{}}  {:>6}  [{:>5} – {:>5}]\n", "baseline", width, pct(q.baseline.probability),
                       pct(q.baseline.wilson_low), pct(q.baseline.wilson_high));
    for (const auto& a : q.variants)
      out += fmt::format("  {:<{}}  {:>6}  [{:>5} – {:>5}]  {:+.1f} points [{:+.1f}, {:+.1f}]\n", a.variant, width,
                         pct(a.probability), pct(a.wilson_low), pct(a.wilson_high), 100 * a.difference.estimate,
                         100 * a.difference.low, 100 * a.difference.high);
  }
  return out;
}

std::string comparison_json(const Comparison& c) {
  ordered_json j;
  j["provenance"] = c.provenance.json();
  j["scenario"] = c.scenario_name;
  j["draws"] = c.draws;
  j["variants"] = ordered_json::array();
  for (const auto& [name, note] : c.variants) j["variants"].push_back({{"name", name}, {"note", note}});
  j["questions"] = ordered_json::array();
  for (const auto& q : c.questions) {
    ordered_json jq{
        {"id", q.id}, {"text", q.text}, {"date", q.date}, {"by", q.by}, {"baseline", answer_json(q.baseline, false)}};
    jq["variants"] = ordered_json::array();
    for (const auto& a : q.variants) jq["variants"].push_back(answer_json(a, true));
    j["questions"].push_back(std::move(jq));
  }
  return j.dump(2) + "\n";
}

}  // namespace statecraft::services
