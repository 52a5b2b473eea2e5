#include "statecraft/report/sensitivity_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <numeric>

namespace statecraft::report {
namespace {

using sensitivity::Interval;
using sensitivity::OutputIndices;

constexpr std::size_t kTopGroups = 5;
constexpr double kShown = 0.01;  // groups below this total index are left out of the text

std::string ci(const Interval& i) { return fmt::format("{:5.2f} [{:5.2f}, {:5.2f}]", i.estimate, i.low, i.high); }

/// Group indices ordered by total index, largest first.
std::vector<std::size_t> by_total(const OutputIndices& o) {
  std::vector<std::size_t> idx(o.indices.groups.size());
  std::iota(idx.begin(), idx.end(), std::size_t{0});
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
    return o.indices.groups[a].total.estimate > o.indices.groups[b].total.estimate;
  });
  return idx;
}

std::string output_block(const sensitivity::ScenarioSensitivity& r, const OutputIndices& o) {
  const bool q = o.kind == "question";
  std::string out = q ? fmt::format("\n  {}  P = {:.1f}%  {}\n", o.id, 100 * o.indices.mean, o.text)
                      : fmt::format("\n  {}  mean {:.3g}  {}\n", o.id, o.indices.mean, o.text);
  if (o.indices.constant) return out + "    the same in every run: no variance to apportion\n";
  out += fmt::format("    {:<24} {:<20}  {:<20}\n", "group", "total [95% CI]", "first-order [95% CI]");
  const auto idx = by_total(o);
  for (std::size_t j = 0; j < std::min(kTopGroups, idx.size()); ++j) {
    const auto& g = o.indices.groups[idx[j]];
    if (j > 0 && g.total.estimate < kShown) break;
    out += fmt::format("    {:<24} {}  {}\n", r.groups[idx[j]].name, ci(g.total), ci(g.first));
  }
  double first_sum = 0;
  for (const auto& g : o.indices.groups) first_sum += g.first.estimate;
  out += fmt::format("    sum of first-order indices {:.2f} (1 - sum = share due to interactions)\n", first_sum);
  return out;
}

std::string tornado_block(const sensitivity::Tornado& t) {
  std::string out = fmt::format("\n  {}  central {:.1f}%  {}\n", t.question, 100 * t.central, t.text);
  for (const auto& b : t.bars) {
    if (b.at_low == b.at_high) continue;
    out += fmt::format("    {:>6.1f}% .. {:>6.1f}%   {} ({}) from {:.4g} to {:.4g}\n", 100 * b.at_low, 100 * b.at_high,
                       b.input, b.group, b.low_value, b.high_value);
  }
  return out;
}

}  // namespace

std::string sensitivity_text(const sensitivity::ScenarioSensitivity& r) {
  std::string out = r.provenance.lines();
  out += fmt::format(
      "\nGLOBAL SENSITIVITY of {}: {} uncertain numbers in {} groups plus the models' own chance;\n"
      "Saltelli design of {} rows ({} runs with the tornado). Total index: the share of the variance\n"
      "a group takes part in; first-order: the share it explains alone (95% bootstrap intervals).\n",
      r.scenario_name, r.inputs, r.groups.size() - 1, r.samples, r.evaluations);
  out += "\nGROUPS\n";
  for (const auto& g : r.groups)
    out += fmt::format("  {:<24} {} number{}\n", g.name, g.members.size(), g.members.size() == 1 ? "" : "s");
  out += "\nQUESTIONS (yes = 1, no = 0)\n";
  for (const auto& o : r.outputs)
    if (o.kind == "question") out += output_block(r, o);
  out += "\nKEY OUTPUTS (issue forecasts by the compromise model; timeline numbers at the horizon)\n";
  for (const auto& o : r.outputs)
    if (o.kind != "question") out += output_block(r, o);
  if (!r.tornadoes.empty()) {
    out += fmt::format(
        "\nTORNADO (one number at a time at its 5th and 95th percentile, all others at their medians;\n"
        "probability over {} chance draws, the same for every bar)\n",
        r.tornado_draws);
    for (const auto& t : r.tornadoes) out += tornado_block(t);
  }
  return out;
}

std::string sensitivity_json(const sensitivity::ScenarioSensitivity& r) {
  nlohmann::ordered_json j;
  j["provenance"] = r.provenance.json();
  j["samples"] = r.samples;
  j["evaluations"] = r.evaluations;
  j["uncertain_numbers"] = r.inputs;
  auto& groups = j["groups"] = nlohmann::ordered_json::array();
  for (const auto& g : r.groups) groups.push_back({{"name", g.name}, {"members", g.members}});
  auto interval = [](const Interval& i) {
    return nlohmann::ordered_json{{"estimate", i.estimate}, {"low", i.low}, {"high", i.high}};
  };
  auto& outs = j["outputs"] = nlohmann::ordered_json::array();
  for (const auto& o : r.outputs) {
    nlohmann::ordered_json jo{{"id", o.id},
                              {"kind", o.kind},
                              {"text", o.text},
                              {"mean", o.indices.mean},
                              {"variance", o.indices.variance},
                              {"constant", o.indices.constant}};
    auto& ix = jo["indices"] = nlohmann::ordered_json::array();
    for (std::size_t g = 0; g < o.indices.groups.size(); ++g)
      ix.push_back({{"group", r.groups[g].name},
                    {"total", interval(o.indices.groups[g].total)},
                    {"first", interval(o.indices.groups[g].first)}});
    outs.push_back(std::move(jo));
  }
  auto& tor = j["tornadoes"] = nlohmann::ordered_json::array();
  for (const auto& t : r.tornadoes) {
    nlohmann::ordered_json jt{{"question", t.question}, {"central", t.central}};
    auto& bars = jt["bars"] = nlohmann::ordered_json::array();
    for (const auto& b : t.bars)
      bars.push_back({{"input", b.input},
                      {"group", b.group},
                      {"low_value", b.low_value},
                      {"high_value", b.high_value},
                      {"at_low", b.at_low},
                      {"at_high", b.at_high}});
    tor.push_back(std::move(jt));
  }
  return j.dump(2) + "\n";
}

}  // namespace statecraft::report
