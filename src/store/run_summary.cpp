// Writing a finished run's summaries: questions (and their months), issues per model, the
// timeline's quantiles and state shares, and the JSON report; then the run is complete.

#include "statecraft/store/run_store.hpp"
#include "store/connection.hpp"

namespace statecraft::store {
namespace {

using ensemble::ForecastResult;
using I = std::int64_t;

std::string label_of(const ForecastResult& r, std::size_t month) {
  return month < r.month_labels.size() ? r.month_labels[month] : std::string();
}

void write_questions(detail::Db& db, I run, const ForecastResult& r) {
  detail::Stmt q(db, "INSERT INTO question VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  detail::Stmt m(db, "INSERT INTO question_month VALUES (?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < r.questions.size(); ++i) {
    const auto& f = r.questions[i];
    q.bind(1, run)
        .bind(2, static_cast<I>(i))
        .bind(3, f.id)
        .bind(4, f.text)
        .bind(5, f.date)
        .bind(6, I{f.modelled ? 1 : 0});
    if (f.modelled) {
      q.bind(7, static_cast<I>(f.yes)).bind(8, static_cast<I>(f.draws)).bind(9, f.probability);
      q.bind(10, f.wilson_low).bind(11, f.wilson_high).bind(12, f.words);
    }
    q.run();
    for (std::size_t k = 0; k < f.monthly.size(); ++k)
      m.bind(1, run)
          .bind(2, static_cast<I>(i))
          .bind(3, static_cast<I>(k + 1))
          .bind(4, label_of(r, k + 1))
          .bind(5, f.monthly[k])
          .run();
  }
}

void write_issues(detail::Db& db, I run, const ForecastResult& r) {
  detail::Stmt st(db, "INSERT INTO issue_model VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  for (const auto& is : r.issues)
    for (const auto& m : is.models)
      st.bind(1, run)
          .bind(2, is.id)
          .bind(3, m.model)
          .bind(4, static_cast<I>(m.draws))
          .bind(5, m.summary.mean)
          .bind(6, m.summary.p05)
          .bind(7, m.summary.p50)
          .bind(8, m.summary.p95)
          .run();
}

void write_timeline(detail::Db& db, I run, const ForecastResult& r) {
  detail::Stmt q(db, "INSERT INTO timeline_quantile VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  detail::Stmt sh(db, "INSERT INTO timeline_share VALUES (?, ?, ?, ?, ?, ?)");
  for (const auto& s : r.series) {
    for (std::size_t m = 0; m < s.quantiles.size(); ++m) {
      q.bind(1, run).bind(2, s.name).bind(3, static_cast<I>(m)).bind(4, label_of(r, m));
      for (int k = 0; k < 5; ++k) q.bind(5 + k, s.quantiles[m][static_cast<std::size_t>(k)]);
      q.bind(10, s.mean[m]).run();
    }
    for (std::size_t m = 0; m < s.shares.size(); ++m)
      for (std::size_t k = 0; k < s.states.size(); ++k)
        sh.bind(1, run)
            .bind(2, s.name)
            .bind(3, static_cast<I>(m))
            .bind(4, label_of(r, m))
            .bind(5, s.states[k])
            .bind(6, s.shares[m][k])
            .run();
  }
}

}  // namespace

void RunStore::finish_run(std::int64_t run, const ForecastResult& result, const std::string& json) {
  auto& db = c_->db;
  require_run(db, run);
  detail::Transaction t(db);
  for (const char* table : {"question", "question_month", "issue_model", "timeline_quantile", "timeline_share"})
    detail::Stmt(db, std::string("DELETE FROM ") + table + " WHERE run_id = ?").bind(1, run).run();
  write_questions(db, run, result);
  write_issues(db, run, result);
  write_timeline(db, run, result);
  detail::Stmt st(db, "UPDATE run SET status = 'complete', result_json = ?, provenance = ? WHERE run_id = ?");
  st.bind(1, json).bind(2, result.provenance.json().dump()).bind(3, run).run();
  t.commit();
}

}  // namespace statecraft::store
