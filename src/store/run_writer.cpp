// Writing runs: the run's row, its draws chunk by chunk (one transaction per chunk, so that a
// killed run leaves whole chunks), and its summaries once finished.

#include <csignal>
#include <cstdlib>

#include "statecraft/store/run_store.hpp"
#include "statecraft/version.hpp"
#include "store/connection.hpp"

namespace statecraft::store {
namespace {

/// Named parameters, by name, and whether each varies between draws.
struct NamedParameter {
  std::string name, unit;
  scenario::QuantityId quantity = scenario::kNoQuantity;
  bool uncertain = false;
};

std::vector<NamedParameter> named_parameters(const scenario::Scenario& s) {
  std::vector<bool> uncertain(s.quantities.size(), false);
  for (const scenario::QuantityId id : s.evaluation_order) {
    const auto& q = s.quantities[static_cast<std::size_t>(id)];
    bool u = q.kind == scenario::Quantity::Kind::kRandom;
    for (const scenario::QuantityId d : q.deps) u = u || uncertain[static_cast<std::size_t>(d)];
    uncertain[static_cast<std::size_t>(id)] = u;
  }
  std::vector<NamedParameter> out;
  for (const auto& [name, id] : s.parameters)
    out.push_back({name, s.quantities[static_cast<std::size_t>(id)].unit, id, uncertain[static_cast<std::size_t>(id)]});
  return out;
}

/// Test hook: with STATECRAFT_TEST_KILL_AFTER_CHUNKS=N in the environment the process kills
/// itself (SIGKILL, as `kill -9` would) right after committing its N-th chunk, so that the
/// resume test interrupts a run at a known point without timing.
void maybe_kill(std::size_t committed) {
  const char* v = std::getenv("STATECRAFT_TEST_KILL_AFTER_CHUNKS");
  if (v != nullptr && std::strtoull(v, nullptr, 10) == committed) std::raise(SIGKILL);
}

class StoreSink final : public ensemble::DrawSink {
 public:
  StoreSink(detail::Db& db, std::int64_t run, const scenario::Scenario& s)
      : db_(db), run_(run), params_(named_parameters(s)), nq_(s.questions.size()) {}

  void start(const std::vector<std::string>& outputs) override {
    n_outputs_ = outputs.size();
    detail::Stmt read(db_, "SELECT name FROM output WHERE run_id = ? ORDER BY output_index");
    read.bind(1, run_);
    std::vector<std::string> stored;
    while (read.step()) stored.push_back(read.text(0));
    if (!stored.empty()) {
      if (stored != outputs)
        throw ResumeMismatchError(
            db_.path() + ": run " + std::to_string(run_) +
            " was made with other model outputs (another statecraft build); it cannot be resumed");
      return;
    }
    detail::Transaction t(db_);
    detail::Stmt out(db_, "INSERT INTO output VALUES (?, ?, ?)");
    for (std::size_t i = 0; i < outputs.size(); ++i)
      out.bind(1, run_).bind(2, static_cast<std::int64_t>(i)).bind(3, outputs[i]).run();
    detail::Stmt par(db_, "INSERT INTO parameter VALUES (?, ?, ?, ?, ?)");
    for (std::size_t i = 0; i < params_.size(); ++i)
      par.bind(1, run_)
          .bind(2, static_cast<std::int64_t>(i))
          .bind(3, params_[i].name)
          .bind(4, params_[i].unit)
          .bind(5, std::int64_t{params_[i].uncertain ? 1 : 0})
          .run();
    t.commit();
  }

  bool restore(ensemble::DrawChunk& chunk) override {
    detail::Stmt c(db_, "SELECT end_draw FROM chunk WHERE run_id = ? AND first_draw = ?");
    c.bind(1, run_).bind(2, static_cast<std::int64_t>(chunk.begin));
    if (!c.step()) return false;
    const std::size_t n = chunk.end - chunk.begin;
    if (static_cast<std::size_t>(c.integer(0)) != chunk.end) throw damaged("a chunk of another size");
    chunk.outputs.clear();
    chunk.outputs.reserve(n * n_outputs_);
    detail::Stmt d(db_, "SELECT draw, outputs FROM draw WHERE run_id = ? AND draw >= ? AND draw < ? ORDER BY draw");
    d.bind(1, run_).bind(2, static_cast<std::int64_t>(chunk.begin)).bind(3, static_cast<std::int64_t>(chunk.end));
    std::size_t expect = chunk.begin;
    while (d.step()) {
      const auto xs = d.doubles(1);
      if (static_cast<std::size_t>(d.integer(0)) != expect++ || xs.size() != n_outputs_)
        throw damaged("a draw that does not fit its chunk");
      chunk.outputs.insert(chunk.outputs.end(), xs.begin(), xs.end());
    }
    if (expect != chunk.end) throw damaged("a chunk with draws missing");
    return true;
  }

  void commit(const ensemble::DrawChunk& chunk) override {
    detail::Transaction t(db_);
    write_draws(chunk);
    detail::Stmt c(db_, "INSERT INTO chunk VALUES (?, ?, ?)");
    c.bind(1, run_).bind(2, static_cast<std::int64_t>(chunk.begin)).bind(3, static_cast<std::int64_t>(chunk.end)).run();
    t.commit();
    maybe_kill(++committed_);
  }

 private:
  StoreError damaged(const std::string& what) const {
    return StoreError(db_.path() + ": run " + std::to_string(run_) + " is damaged: " + what);
  }

  void write_draws(const ensemble::DrawChunk& chunk) {
    const std::size_t n = chunk.end - chunk.begin;
    const std::size_t nv = n == 0 ? 0 : chunk.values.size() / n;
    detail::Stmt d(db_, "INSERT INTO draw VALUES (?, ?, ?)");
    detail::Stmt p(db_, "INSERT INTO draw_parameter VALUES (?, ?, ?, ?)");
    detail::Stmt a(db_, "INSERT INTO draw_answer VALUES (?, ?, ?, ?)");
    for (std::size_t i = 0; i < n; ++i) {
      const auto draw = static_cast<std::int64_t>(chunk.begin + i);
      const std::string blob = detail::pack_doubles(chunk.outputs.data() + i * n_outputs_, n_outputs_);
      d.bind(1, run_).bind(2, draw).bind_blob(3, blob.data(), blob.size()).run();
      for (std::size_t k = 0; k < params_.size(); ++k) {
        if (!params_[k].uncertain) continue;
        const double v = chunk.values[i * nv + static_cast<std::size_t>(params_[k].quantity)];
        p.bind(1, run_).bind(2, static_cast<std::int64_t>(k)).bind(3, draw).bind(4, v).run();
      }
      for (std::size_t q = 0; q < nq_; ++q) {
        const signed char yes = chunk.answers[i * nq_ + q];
        if (yes >= 0)
          a.bind(1, run_).bind(2, static_cast<std::int64_t>(q)).bind(3, draw).bind(4, std::int64_t{yes}).run();
      }
    }
  }

  detail::Db& db_;
  std::int64_t run_;
  std::vector<NamedParameter> params_;
  std::size_t nq_ = 0, n_outputs_ = 0, committed_ = 0;
};

}  // namespace

std::int64_t RunStore::begin_run(const RunSpec& spec, const nlohmann::ordered_json& provenance) {
  auto& db = c_->db;
  detail::Transaction t(db);
  detail::Stmt st(
      db,
      "INSERT INTO run (created, status, scenario_name, scenario_file, scenario_sha256, scenario_text, variant, "
      "overrides, seed, draws, bargaining_draws, chunk_draws, version, git_commit, provenance) VALUES "
      "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, spec.scenario_name).bind(2, spec.scenario_file).bind(3, spec.scenario_sha256).bind(4, spec.scenario_text);
  st.bind(5, spec.variant).bind(6, nlohmann::json(spec.overrides).dump()).bind(7, static_cast<std::int64_t>(spec.seed));
  st.bind(8, static_cast<std::int64_t>(spec.draws)).bind(9, static_cast<std::int64_t>(spec.bargaining_draws));
  st.bind(10, static_cast<std::int64_t>(ensemble::kChunkDraws))
      .bind(11, version())
      .bind(12, git_commit())
      .bind(13, provenance.dump());
  st.run();
  const std::int64_t id = db.last_insert_id();
  t.commit();
  return id;
}

std::unique_ptr<ensemble::DrawSink> RunStore::sink(std::int64_t run, const scenario::Scenario& s) {
  require_run(c_->db, run);
  return std::make_unique<StoreSink>(c_->db, run, s);
}

}  // namespace statecraft::store
