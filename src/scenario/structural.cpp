// Structural choices: reading the `structural:` section and drawing an alternative per draw
// (docs/scenario-format.md, "Structural choices").

#include "statecraft/scenario/structural.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "scenario/detail/structural_reader.hpp"
#include "statecraft/random.hpp"

namespace statecraft::scenario {

const std::vector<std::string>& issue_models() {
  static const std::vector<std::string> kModels = {"compromise", "median", "mean", "bdm", "smp", "nash"};
  return kModels;
}

const std::vector<std::string>& selection_rules() {
  static const std::vector<std::string> kRules = {"logit_limit", "payoff_dominant"};
  return kRules;
}

std::size_t structural_alternative(const StructuralChoice& c, std::uint64_t seed, std::uint64_t draw) {
  std::uint32_t h = 2166136261u;  // FNV-1a of the id: stable across platforms and runs
  for (char ch : c.id) h = (h ^ static_cast<unsigned char>(ch)) * 16777619u;
  RandomStream rng(seed, draw, static_cast<std::uint32_t>(StreamId::kStructural), h);
  const double u = rng.uniform();
  double acc = 0;
  for (std::size_t k = 0; k + 1 < c.weights.size(); ++k) {
    acc += c.weights[k];
    if (u < acc) return k;
  }
  return c.weights.empty() ? 0 : c.weights.size() - 1;
}

int Scenario::structural_index(const std::string& id) const {
  for (std::size_t i = 0; i < structural.size(); ++i)
    if (structural[i].id == id) return static_cast<int>(i);
  return -1;
}

namespace detail {
namespace {

constexpr double kWeightTolerance = 1e-6;

/// `alternatives:` as a list (equal weights) or a mapping alternative -> weight.
void read_alternatives(Reader& r, const YAML::Node& n, const std::string& p, StructuralChoice& c) {
  if (n.IsSequence()) {
    for (const auto& a : n) {
      if (!a.IsScalar() || !is_identifier(a.Scalar())) {
        r.problem(a, p, Reader::describe(a), "an alternative's name (a model name)");
        continue;
      }
      c.alternatives.push_back(a.Scalar());
    }
    c.weights.assign(c.alternatives.size(),
                     c.alternatives.empty() ? 0.0 : 1.0 / static_cast<double>(c.alternatives.size()));
  } else if (n.IsMap()) {
    for (const auto& kv : n) {
      const std::string name = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
      if (!is_identifier(name)) {
        r.problem(kv.first, p, Reader::describe(kv.first), "an alternative's name (a model name)");
        continue;
      }
      const auto w = r.literal(kv.second, p + "." + name);
      if (!w) continue;
      if (!(*w > 0 && *w <= 1)) {
        r.problem(kv.second, p + "." + name, fmt::format("weight {}", *w), "a weight in (0, 1]");
        continue;
      }
      c.alternatives.push_back(name);
      c.weights.push_back(*w);
    }
  } else {
    r.problem(n, p, Reader::describe(n), "a list of alternatives (equal weights) or a mapping alternative: weight");
    return;
  }
  std::set<std::string> seen;
  for (const auto& a : c.alternatives)
    if (!seen.insert(a).second) r.problem(n, p, "alternative '" + a + "' listed twice", "distinct alternatives");
  if (c.alternatives.size() < 2)
    r.problem(n, p, fmt::format("{} alternative(s)", c.alternatives.size()), "at least two alternatives");
  double total = 0;
  for (double w : c.weights) total += w;
  if (n.IsMap() && c.weights.size() == n.size() && std::abs(total - 1.0) > kWeightTolerance)
    r.problem(n, p, fmt::format("weights summing to {:.6g}", total), "weights summing to 1");
}

}  // namespace

void read_structural(Reader& r, Scenario& s, const YAML::Node& list) {
  if (!list.IsDefined() || !r.expect_seq(list, "structural")) return;
  const auto& models = issue_models();
  for (const auto& m : list) {
    const std::string p0 = fmt::format("structural[{}]", s.structural.size());
    if (!r.expect_map(m, p0)) continue;
    r.check_keys(m, p0, {"id", "text", "alternatives", "note", "source"}, {"id", "alternatives"});
    StructuralChoice c;
    c.where = r.where(m);
    c.id = r.id_field(m, "id", p0, true);
    const std::string p = c.id.empty() ? p0 : "structural." + c.id;
    if (!c.id.empty() && s.structural_index(c.id) >= 0)
      r.problem(m["id"], p + ".id", "duplicate structural choice '" + c.id + "'", "a unique id");
    if (std::find(models.begin(), models.end(), c.id) != models.end())
      r.problem(m["id"], p + ".id", "'" + c.id + "', a model's name", "an id that names no model");
    c.text = r.string_field(m, "text", p, false);
    c.note = r.string_field(m, "note", p, false);
    if (m["source"].IsDefined()) c.sources = r.id_list(m["source"], p + ".source");
    read_alternatives(r, m["alternatives"], p + ".alternatives", c);
    s.structural.push_back(std::move(c));
  }
}

void warn_unused_structural(Scenario& s) {
  for (std::size_t i = 0; i < s.structural.size(); ++i) {
    const int c = static_cast<int>(i);
    const auto& t = s.timeline;
    const bool used =
        std::any_of(t.issue_steps.begin(), t.issue_steps.end(), [c](const IssueStep& st) { return st.choice == c; }) ||
        std::any_of(t.decisions.begin(), t.decisions.end(), [c](const Decision& d) { return d.choice == c; });
    if (!used)
      s.warnings.push_back(Diagnostic{s.structural[i].where, "structural." + s.structural[i].id,
                                      "a structural choice no step uses",
                                      "each choice named by an issue step's model or a decision's selection"});
  }
}

}  // namespace detail
}  // namespace statecraft::scenario
