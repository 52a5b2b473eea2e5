// Rendering a run store's contents: lists, one run, two runs compared, tables exported.

#include "statecraft/services/runs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "statecraft/ensemble/difference.hpp"
#include "statecraft/provenance.hpp"
#include "statecraft/store/run_store.hpp"

namespace statecraft::services {
namespace {

using nlohmann::ordered_json;

std::string pct(double p) { return std::isnan(p) ? "-" : fmt::format("{:.1f}%", 100.0 * p); }

std::string settings_line(const store::RunInfo& r) {
  std::string s =
      fmt::format("seed {}  draws {}  bargaining draws {}", r.spec.seed, r.spec.draws, r.spec.bargaining_draws);
  if (!r.spec.variant.empty()) s += "  variant " + r.spec.variant;
  for (const auto& kv : r.spec.overrides) s += "  --set " + kv;
  return s;
}

Provenance provenance_of(const std::string& command, const store::RunInfo& r, const std::string& path) {
  return Provenance::of(command, r.spec.scenario_file.empty() ? "belarus.yaml (embedded)" : r.spec.scenario_file,
                        r.spec.scenario_sha256)
      .with("store", path)
      .with("run", r.id);
}

std::string csv_cell(const ordered_json& v) {
  if (v.is_null()) return "";
  if (v.is_number_float()) return fmt::format("{}", v.get<double>());
  if (!v.is_string()) return v.dump();
  auto s = v.get<std::string>();
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string csv(const store::Table& t) {
  std::string out;
  for (std::size_t c = 0; c < t.columns.size(); ++c) out += (c ? "," : "") + csv_cell(t.columns[c]);
  out += "\n";
  for (const auto& row : t.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) out += (c ? "," : "") + csv_cell(row[c]);
    out += "\n";
  }
  return out;
}

/// The difference of each question between two runs: paired over their draws when they share
/// seed and draws, else from the counts.
ensemble::Difference difference(store::RunStore& st, const store::RunInfo& a, const store::RunInfo& b, std::size_t ka,
                                std::size_t kb, const store::QuestionRow& qa, const store::QuestionRow& qb) {
  if (a.spec.seed == b.spec.seed && a.spec.draws == b.spec.draws)
    return ensemble::paired_difference(st.answers(a.id, ka), st.answers(b.id, kb));
  return ensemble::unpaired_difference(qa.yes, qa.draws, qb.yes, qb.draws);
}

}  // namespace

std::string runs_list(const std::string& path) {
  auto st = store::RunStore::open(path);
  std::string out = Provenance::of("runs list", path, "").lines("# ");
  out += fmt::format("{:>4}  {:<20}  {:<8}  {:>7}  {}\n", "run", "created (UTC)", "status", "chunks",
                     "scenario and settings");
  for (const auto& r : st.runs())
    out += fmt::format("{:>4}  {:<20}  {:<8}  {:>3}/{:<3}  {} ({})\n{:>45}{}\n", r.id, r.created, r.status,
                       r.chunks_done, r.chunks_total, r.spec.scenario_name,
                       r.spec.scenario_file.empty() ? "embedded" : r.spec.scenario_file, "", settings_line(r));
  return out;
}

std::string runs_show(const std::string& path, std::int64_t id, bool json) {
  auto st = store::RunStore::open(path);
  const auto r = st.run(id);
  if (json) {
    auto j = st.result_json(id);
    if (j.empty())
      throw store::NoSuchRunError(
          fmt::format("{}: run {} is unfinished (resume it: statecraft runs resume {} {})", path, id, path, id));
    return j;
  }
  std::string out = provenance_of("runs show", r, path).lines("# ");
  out += fmt::format("run {}: {}, created {}, {} of {} chunks of draws stored\n{}\n", id, r.status, r.created,
                     r.chunks_done, r.chunks_total, settings_line(r));
  out += fmt::format("statecraft {} (commit {})\n", r.version, r.git_commit);
  for (const auto& q : st.questions(id))
    if (q.modelled)
      out += fmt::format("  {:>6}  [{:>5} – {:>5}]  {:<20} {}\n", pct(q.probability), pct(q.wilson_low),
                         pct(q.wilson_high), q.words, q.text);
  return out;
}

std::string runs_compare(const std::string& path, std::int64_t ida, std::int64_t idb, bool json) {
  auto st = store::RunStore::open(path);
  const auto a = st.run(ida), b = st.run(idb);
  for (const auto* r : {&a, &b})
    if (r->status != "complete")
      throw UsageError(
          fmt::format("runs compare: run {} is unfinished (statecraft runs resume {} {})", r->id, path, r->id));
  const auto qa = st.questions(ida), qb = st.questions(idb);
  auto p = provenance_of("runs compare", a, path).with("run_b", idb);
  ordered_json rows = ordered_json::array();
  bool unpaired = false;
  std::string text =
      p.lines("# ") + fmt::format("run {} (a): {}\nrun {} (b): {}\n", ida, settings_line(a), idb, settings_line(b));
  text += fmt::format("{:>7} {:>7}  {:>7} [95% interval]  question\n", "a", "b", "b - a");
  for (std::size_t k = 0; k < qa.size(); ++k) {
    const auto it = std::find_if(qb.begin(), qb.end(), [&](const auto& q) { return q.id == qa[k].id; });
    if (it == qb.end() || !qa[k].modelled || !it->modelled) continue;
    const auto d = difference(st, a, b, k, static_cast<std::size_t>(it - qb.begin()), qa[k], *it);
    unpaired = unpaired || !d.paired;
    text +=
        fmt::format("{:>7} {:>7}  {:>+6.1f}% [{:+.1f}, {:+.1f}]{}  {}\n", pct(qa[k].probability), pct(it->probability),
                    100 * d.estimate, 100 * d.low, 100 * d.high, d.paired ? "" : "*", qa[k].text);
    rows.push_back({{"question", qa[k].id},
                    {"a", qa[k].probability},
                    {"b", it->probability},
                    {"difference", d.estimate},
                    {"low", d.low},
                    {"high", d.high},
                    {"paired", d.paired}});
  }
  if (json)
    return ordered_json{{"provenance", p.json()}, {"run_a", ida}, {"run_b", idb}, {"questions", rows}}.dump(2) + "\n";
  return unpaired ? text + "* unpaired: the runs differ in seed or draws, so their draws are independent\n" : text;
}

std::string runs_export(const std::string& path, std::int64_t id, const std::string& table, const std::string& format) {
  if (format != "csv" && format != "json")
    throw UsageError("runs export: format '" + format + "'; expected csv or json");
  auto st = store::RunStore::open(path);
  const auto r = st.run(id);
  const auto t = st.table(id, table);
  const auto p = provenance_of("runs export", r, path).with("table", table);
  if (format == "csv") return p.lines("# ") + csv(t);
  ordered_json rows = ordered_json::array();
  for (const auto& row : t.rows) {
    ordered_json o = ordered_json::object();
    for (std::size_t c = 0; c < t.columns.size(); ++c) o[t.columns[c]] = row[c];
    rows.push_back(std::move(o));
  }
  return ordered_json{{"provenance", p.json()}, {"columns", t.columns}, {"rows", rows}}.dump(2) + "\n";
}

}  // namespace statecraft::services
