// The outcomes file of a hindcast (docs/validation.md, "The outcomes file"): what happened on
// each question, with its sources and the two reference forecasters' inputs. Every problem is
// collected with its location, as for scenarios.

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "scenario/detail/source_dates.hpp"
#include "scenario/detail/yaml_reader.hpp"
#include "statecraft/io.hpp"
#include "statecraft/services/score.hpp"

namespace statecraft::services {
namespace {

using scenario::detail::Reader;

class OutcomesReader {
 public:
  OutcomesReader(const std::string& file, const scenario::Scenario& s) : r_(file, scratch_), s_(s) {}

  void read(const YAML::Node& root, Outcomes& out) {
    if (!root.IsDefined() || root.IsNull() || !root.IsMap()) {
      r_.problem(Location{r_.file(), 1, 1}, "",
                 root.IsDefined() && !root.IsNull() ? Reader::describe(root) : "an empty document",
                 "an outcomes mapping (statecraft_outcomes, sources, outcomes)");
      return;
    }
    r_.check_keys(root, "", {"statecraft_outcomes", "scenario", "resolved_as_of", "sources", "outcomes"},
                  {"statecraft_outcomes", "sources", "outcomes"});
    const YAML::Node v = root["statecraft_outcomes"];
    if (v.IsDefined() && (!v.IsScalar() || v.Scalar() != "1"))
      r_.problem(v, "statecraft_outcomes", Reader::describe(v), "format version 1");
    out.scenario = r_.string_field(root, "scenario", "", false);
    out.resolved_as_of = r_.date_field(root, "resolved_as_of", "", false);
    read_sources(root["sources"], out);
    read_outcomes(root["outcomes"], out);
  }

  std::vector<Diagnostic>& problems() { return r_.problems(); }

 private:
  scenario::Scenario scratch_;
  Reader r_;
  const scenario::Scenario& s_;
  std::set<std::string> source_ids_;

  std::string date(const YAML::Node& n, const char* key, const std::string& p) {
    std::string d = r_.string_field(n, key, p, true);
    if (!d.empty() && !scenario::detail::source_date_end(d)) {
      r_.problem(n[key], p + "." + key, "'" + d + "'", "a date YYYY, YYYY-MM or YYYY-MM-DD");
      return {};
    }
    return d;
  }

  void read_sources(const YAML::Node& list, Outcomes& out) {
    if (!list.IsDefined() || !r_.expect_seq(list, "sources")) return;
    for (const auto& n : list) {
      const std::string p0 = fmt::format("sources[{}]", out.sources.size());
      if (!r_.spend(n) || !r_.expect_map(n, p0)) continue;
      OutcomeSource src;
      src.id = r_.id_field(n, "id", p0, true);
      const std::string p = src.id.empty() ? p0 : "sources." + src.id;
      r_.check_keys(n, p, {"id", "citation", "url", "date", "note"}, {"id", "citation", "date"});
      src.citation = r_.string_field(n, "citation", p, false);
      src.url = r_.string_field(n, "url", p, false);
      src.note = r_.string_field(n, "note", p, false);
      src.date = date(n, "date", p);
      if (!src.id.empty() && !source_ids_.insert(src.id).second)
        r_.problem(n["id"], p + ".id", "duplicate id '" + src.id + "'", "a unique source id");
      out.sources.push_back(std::move(src));
    }
  }

  bool yes_no(const YAML::Node& n, const char* key, const std::string& p) {
    const std::string v = r_.string_field(n, key, p, true);
    if (!v.empty() && v != "yes" && v != "no") r_.problem(n[key], p + "." + key, "'" + v + "'", "yes or no");
    return v == "yes";
  }

  void read_base_rate(const YAML::Node& n, const std::string& p, Outcome& o) {
    if (!n.IsDefined() || !r_.expect_map(n, p)) return;
    r_.check_keys(n, p, {"yes", "of", "basis"}, {"yes", "of", "basis"});
    o.base_of = static_cast<int>(r_.int_field(n, "of", p, true, 1, 1000, 1));
    o.base_yes = static_cast<int>(r_.int_field(n, "yes", p, true, 0, 1000, 0));
    if (n["yes"].IsDefined() && n["of"].IsDefined() && o.base_yes > o.base_of)
      r_.problem(n["yes"], p + ".yes", fmt::format("{} yes of {}", o.base_yes, o.base_of),
                 "at most 'of' periods answered yes");
    o.base_basis = r_.string_field(n, "basis", p, false);
  }

  void read_one(const YAML::Node& n, const std::string& p0, Outcomes& out, std::set<std::string>& seen) {
    Outcome o;
    o.where = r_.where(n);
    o.question = r_.id_field(n, "question", p0, true);
    const std::string p = o.question.empty() ? p0 : "outcomes." + o.question;
    r_.check_keys(n, p,
                  {"question", "outcome", "resolved", "source", "evidence", "nothing_changes", "base_rate", "note"},
                  {"question", "outcome", "resolved", "source", "nothing_changes", "base_rate"});
    check_question(n, p, o.question, seen);
    o.yes = yes_no(n, "outcome", p);
    o.resolved = date(n, "resolved", p);
    check_resolved(n, p, o.resolved, out.resolved_as_of);
    o.sources = r_.id_list(n["source"], p + ".source");
    if (n["source"].IsDefined() && o.sources.empty())
      r_.problem(n["source"], p + ".source", "no source", "at least one source id");
    for (const auto& id : o.sources)
      if (!source_ids_.count(id))
        r_.problem(n["source"], p + ".source", "unknown source '" + id + "'", "a source id listed in 'sources'");
    o.evidence = r_.string_field(n, "evidence", p, false);
    o.nothing_changes = yes_no(n, "nothing_changes", p);
    read_base_rate(n["base_rate"], p + ".base_rate", o);
    out.outcomes.push_back(std::move(o));
  }

  void check_question(const YAML::Node& n, const std::string& p, const std::string& id, std::set<std::string>& seen) {
    if (id.empty()) return;
    const auto it = std::find_if(s_.questions.begin(), s_.questions.end(), [&](const auto& q) { return q.id == id; });
    if (it == s_.questions.end()) {
      r_.problem(n["question"], p + ".question", "unknown question '" + id + "'", "a question id of " + s_.file);
    } else if (it->diagnostic) {
      r_.problem(n["question"], p + ".question", "'" + id + "', an equilibrium diagnostic",
                 "a question on events (diagnostics have no outcome)");
    }
    if (!seen.insert(id).second)
      r_.problem(n["question"], p + ".question", "a second outcome for '" + id + "'", "one outcome per question");
  }

  void check_resolved(const YAML::Node& n, const std::string& p, const std::string& d, const std::string& as_of_limit) {
    if (d.empty()) return;
    const auto end = scenario::detail::source_date_end(d);
    if (end && *end <= s_.meta.as_of)
      r_.problem(n["resolved"], p + ".resolved", "'" + d + "'",
                 "a date after the scenario's meta.as_of " + s_.meta.as_of +
                     " (a forecast of what was already known scores nothing)");
    if (end && !as_of_limit.empty() && d.substr(0, std::min(d.size(), as_of_limit.size())) > as_of_limit)
      r_.problem(n["resolved"], p + ".resolved", "'" + d + "'", "a date on or before resolved_as_of " + as_of_limit);
  }

  void read_outcomes(const YAML::Node& list, Outcomes& out) {
    if (!list.IsDefined() || !r_.expect_seq(list, "outcomes")) return;
    std::set<std::string> seen;
    for (const auto& n : list) {
      const std::string p0 = fmt::format("outcomes[{}]", out.outcomes.size());
      if (!r_.spend(n) || !r_.expect_map(n, p0)) continue;
      read_one(n, p0, out, seen);
    }
    for (const auto& q : s_.questions)
      if (!q.diagnostic && !seen.count(q.id))
        r_.problem(list, "outcomes", "no outcome for question '" + q.id + "'",
                   "an outcome for every question of " + s_.file);
  }
};

}  // namespace

Outcomes parse_outcomes(const std::string& text, const std::string& file, const scenario::Scenario& s) {
  Outcomes out;
  out.file = file;
  out.sha256 = sha256_hex(text);
  if (text.find('\0') != std::string::npos)
    throw ScenarioError({Diagnostic{Location{file, 1, 1}, "", "binary data (a NUL byte)", "a YAML text file"}});
  if (scenario::detail::first_invalid_utf8(text))
    throw ScenarioError({Diagnostic{Location{file, 1, 1}, "", "bytes that are not UTF-8", "UTF-8 text"}});
  OutcomesReader reader(file, s);
  try {
    reader.read(YAML::Load(text), out);
  } catch (const YAML::Exception& e) {
    reader.problems().push_back(Diagnostic{Location{file, e.mark.line + 1, e.mark.column + 1}, "",
                                           "invalid YAML (" + e.msg + ")", "a YAML document"});
  }
  auto& problems = reader.problems();
  if (!problems.empty()) {
    std::stable_sort(problems.begin(), problems.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
    });
    throw ScenarioError(std::move(problems));
  }
  return out;
}

Outcomes load_outcomes(const std::string& path, const scenario::Scenario& s) {
  return parse_outcomes(scenario::read_scenario_text(path), path, s);
}

}  // namespace statecraft::services
