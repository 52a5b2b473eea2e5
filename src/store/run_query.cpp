// Reading a run store: the runs, one run's settings, its questions and report, and its tables
// for export.

#include <map>

#include "statecraft/store/run_store.hpp"
#include "store/connection.hpp"

namespace statecraft::store {
namespace {

using I = std::int64_t;

constexpr const char* kRunColumns =
    "r.run_id, r.created, r.status, r.scenario_name, r.scenario_file, r.scenario_sha256, r.variant, r.overrides, "
    "r.seed, "
    "r.draws, r.bargaining_draws, r.chunk_draws, r.version, r.git_commit, "
    "(SELECT count(*) FROM chunk c WHERE c.run_id = r.run_id)";

RunInfo read_info(const detail::Stmt& st) {
  RunInfo r;
  r.id = st.integer(0);
  r.created = st.text(1);
  r.status = st.text(2);
  r.spec.scenario_name = st.text(3);
  r.spec.scenario_file = st.text(4);
  r.spec.scenario_sha256 = st.text(5);
  r.spec.variant = st.text(6);
  r.spec.overrides = nlohmann::json::parse(st.text(7)).get<std::vector<std::string>>();
  r.spec.seed = static_cast<std::uint64_t>(st.integer(8));
  r.spec.draws = static_cast<std::size_t>(st.integer(9));
  r.spec.bargaining_draws = static_cast<std::size_t>(st.integer(10));
  const auto chunk = static_cast<std::size_t>(st.integer(11));
  r.chunks_total = chunk == 0 ? 0 : (r.spec.draws + chunk - 1) / chunk;
  r.version = st.text(12);
  r.git_commit = st.text(13);
  r.chunks_done = static_cast<std::size_t>(st.integer(14));
  return r;
}

/// The rows of a query as a table.
Table query_table(detail::Db& db, const std::string& sql, I run) {
  detail::Stmt st(db, sql);
  st.bind(1, run);
  Table t;
  for (int c = 0; c < st.columns(); ++c) t.columns.push_back(st.column_name(c));
  while (st.step()) {
    auto& row = t.rows.emplace_back();
    for (int c = 0; c < st.columns(); ++c) row.push_back(st.cell(c));
  }
  return t;
}

/// A long table (key, draw, value) of a run as one row per draw and one column per key.
Table per_draw(detail::Db& db, I run, const std::string& keys_sql, const std::string& values_sql) {
  Table t;
  t.columns.emplace_back("draw");
  std::map<I, std::size_t> column;
  detail::Stmt k(db, keys_sql);
  k.bind(1, run);
  while (k.step()) {
    column[k.integer(0)] = t.columns.size();
    t.columns.push_back(k.text(1));
  }
  std::map<I, std::vector<nlohmann::ordered_json>> rows;
  detail::Stmt v(db, values_sql);
  v.bind(1, run);
  while (v.step()) {
    auto& row = rows[v.integer(1)];
    if (row.empty()) {
      row.resize(t.columns.size());
      row[0] = v.integer(1);
    }
    const auto it = column.find(v.integer(0));
    if (it != column.end()) row[it->second] = v.cell(2);
  }
  for (auto& [draw, row] : rows) t.rows.push_back(std::move(row));
  return t;
}

}  // namespace

const std::vector<std::string>& table_names() {
  static const std::vector<std::string> names{"questions",       "question_months", "issues", "timeline",
                                              "timeline_shares", "parameters",      "answers"};
  return names;
}

std::vector<RunInfo> RunStore::runs() {
  detail::Stmt st(c_->db, std::string("SELECT ") + kRunColumns + " FROM run r ORDER BY r.run_id");
  std::vector<RunInfo> out;
  while (st.step()) out.push_back(read_info(st));
  return out;
}

RunInfo RunStore::run(std::int64_t id) {
  require_run(c_->db, id);
  detail::Stmt st(c_->db, std::string("SELECT ") + kRunColumns + ", r.scenario_text FROM run r WHERE r.run_id = ?");
  st.bind(1, id);
  st.step();
  RunInfo r = read_info(st);
  r.spec.scenario_text = st.text(15);
  return r;
}

std::optional<std::int64_t> RunStore::latest_unfinished() {
  detail::Stmt st(c_->db, "SELECT max(run_id) FROM run WHERE status = 'running'");
  if (st.step() && !st.is_null(0)) return st.integer(0);
  return std::nullopt;
}

std::vector<QuestionRow> RunStore::questions(std::int64_t run) {
  require_run(c_->db, run);
  detail::Stmt st(c_->db,
                  "SELECT question_id, text, date, modelled, yes, draws, probability, wilson_low, wilson_high, words "
                  "FROM question WHERE run_id = ? ORDER BY question_index");
  st.bind(1, run);
  std::vector<QuestionRow> out;
  while (st.step()) {
    QuestionRow q{st.text(0), st.text(1), st.text(2), st.text(9), st.integer(3) != 0};
    q.yes = static_cast<std::size_t>(st.integer(4));
    q.draws = static_cast<std::size_t>(st.integer(5));
    q.probability = st.real(6);
    q.wilson_low = st.real(7);
    q.wilson_high = st.real(8);
    out.push_back(std::move(q));
  }
  return out;
}

std::vector<signed char> RunStore::answers(std::int64_t run, std::size_t question) {
  require_run(c_->db, run);
  const auto info = this->run(run);
  std::vector<signed char> out(info.spec.draws, -1);
  detail::Stmt st(c_->db, "SELECT draw, yes FROM draw_answer WHERE run_id = ? AND question_index = ?");
  st.bind(1, run).bind(2, static_cast<I>(question));
  while (st.step()) {
    const auto d = static_cast<std::size_t>(st.integer(0));
    if (d < out.size()) out[d] = static_cast<signed char>(st.integer(1) != 0 ? 1 : 0);
  }
  return out;
}

std::string RunStore::result_json(std::int64_t run) {
  require_run(c_->db, run);
  detail::Stmt st(c_->db, "SELECT result_json FROM run WHERE run_id = ?");
  st.bind(1, run);
  return st.step() ? st.text(0) : std::string();
}

Table RunStore::table(std::int64_t run, const std::string& name) {
  auto& db = c_->db;
  require_run(db, run);
  if (name == "questions")
    return query_table(
        db,
        "SELECT question_id, text, date, modelled, yes, draws, probability, wilson_low, wilson_high, words "
        "FROM question WHERE run_id = ? ORDER BY question_index",
        run);
  if (name == "question_months")
    return query_table(db,
                       "SELECT q.question_id, m.month, m.label, m.probability FROM question_month m JOIN question q "
                       "USING (run_id, question_index) WHERE m.run_id = ? ORDER BY m.question_index, m.month",
                       run);
  if (name == "issues")
    return query_table(db,
                       "SELECT issue_id, model, draws, mean, p05, p50, p95 FROM issue_model WHERE run_id = ? "
                       "ORDER BY issue_id, model",
                       run);
  if (name == "timeline")
    return query_table(db,
                       "SELECT series, month, label, p05, p25, p50, p75, p95, mean FROM timeline_quantile "
                       "WHERE run_id = ? ORDER BY series, month",
                       run);
  if (name == "timeline_shares")
    return query_table(db,
                       "SELECT series, month, label, state, share FROM timeline_share WHERE run_id = ? "
                       "ORDER BY series, month, state",
                       run);
  if (name == "parameters")
    return per_draw(
        db, run, "SELECT parameter_index, name FROM parameter WHERE run_id = ? AND uncertain ORDER BY parameter_index",
        "SELECT parameter_index, draw, value FROM draw_parameter WHERE run_id = ? ORDER BY draw, parameter_index");
  if (name == "answers")
    return per_draw(db, run,
                    "SELECT question_index, question_id FROM question WHERE run_id = ? ORDER BY question_index",
                    "SELECT question_index, draw, yes FROM draw_answer WHERE run_id = ? ORDER BY draw, question_index");
  std::string names;
  for (const auto& n : table_names()) names += (names.empty() ? "" : ", ") + n;
  throw UsageError("runs export: no table '" + name + "'; the tables are " + names);
}

}  // namespace statecraft::store
