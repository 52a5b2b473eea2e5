// Opening a run store: the schema (docs/run-store.md), its creation, and the checks that a file
// is a statecraft store of a format this build reads.

#include <filesystem>

#include "statecraft/store/run_store.hpp"
#include "store/connection.hpp"

namespace statecraft::store {
namespace {

constexpr std::int64_t kApplicationId = 0x53544346;  // "STCF"
constexpr std::int64_t kFormat = 1;

constexpr const char* kSchema = R"sql(
CREATE TABLE run (
  run_id INTEGER PRIMARY KEY,
  created TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'complete')),
  scenario_name TEXT NOT NULL,
  scenario_file TEXT NOT NULL,
  scenario_sha256 TEXT NOT NULL,
  scenario_text TEXT NOT NULL,
  variant TEXT NOT NULL,
  overrides TEXT NOT NULL,
  seed INTEGER NOT NULL,
  draws INTEGER NOT NULL,
  bargaining_draws INTEGER NOT NULL,
  chunk_draws INTEGER NOT NULL,
  version TEXT NOT NULL,
  git_commit TEXT NOT NULL,
  provenance TEXT NOT NULL,
  result_json TEXT
);
CREATE TABLE parameter (
  run_id INTEGER NOT NULL REFERENCES run(run_id),
  parameter_index INTEGER NOT NULL,
  name TEXT NOT NULL,
  unit TEXT NOT NULL,
  uncertain INTEGER NOT NULL,
  PRIMARY KEY (run_id, parameter_index)
) WITHOUT ROWID;
CREATE TABLE output (
  run_id INTEGER NOT NULL REFERENCES run(run_id),
  output_index INTEGER NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (run_id, output_index)
) WITHOUT ROWID;
CREATE TABLE question (
  run_id INTEGER NOT NULL REFERENCES run(run_id),
  question_index INTEGER NOT NULL,
  question_id TEXT NOT NULL,
  text TEXT NOT NULL,
  date TEXT NOT NULL,
  modelled INTEGER NOT NULL,
  yes INTEGER, draws INTEGER, probability REAL, wilson_low REAL, wilson_high REAL, words TEXT,
  PRIMARY KEY (run_id, question_index)
) WITHOUT ROWID;
CREATE TABLE chunk (
  run_id INTEGER NOT NULL REFERENCES run(run_id),
  first_draw INTEGER NOT NULL,
  end_draw INTEGER NOT NULL,
  PRIMARY KEY (run_id, first_draw)
) WITHOUT ROWID;
CREATE TABLE draw (
  run_id INTEGER NOT NULL REFERENCES run(run_id),
  draw INTEGER NOT NULL,
  outputs BLOB NOT NULL,
  PRIMARY KEY (run_id, draw)
);
CREATE TABLE draw_parameter (
  run_id INTEGER NOT NULL,
  parameter_index INTEGER NOT NULL,
  draw INTEGER NOT NULL,
  value REAL,
  PRIMARY KEY (run_id, parameter_index, draw)
) WITHOUT ROWID;
CREATE TABLE draw_answer (
  run_id INTEGER NOT NULL,
  question_index INTEGER NOT NULL,
  draw INTEGER NOT NULL,
  yes INTEGER NOT NULL,
  PRIMARY KEY (run_id, question_index, draw)
) WITHOUT ROWID;
CREATE TABLE question_month (
  run_id INTEGER NOT NULL,
  question_index INTEGER NOT NULL,
  month INTEGER NOT NULL,
  label TEXT NOT NULL,
  probability REAL NOT NULL,
  PRIMARY KEY (run_id, question_index, month)
) WITHOUT ROWID;
CREATE TABLE issue_model (
  run_id INTEGER NOT NULL,
  issue_id TEXT NOT NULL,
  model TEXT NOT NULL,
  draws INTEGER NOT NULL,
  mean REAL, p05 REAL, p50 REAL, p95 REAL,
  PRIMARY KEY (run_id, issue_id, model)
) WITHOUT ROWID;
CREATE TABLE timeline_quantile (
  run_id INTEGER NOT NULL,
  series TEXT NOT NULL,
  month INTEGER NOT NULL,
  label TEXT NOT NULL,
  p05 REAL, p25 REAL, p50 REAL, p75 REAL, p95 REAL, mean REAL,
  PRIMARY KEY (run_id, series, month)
) WITHOUT ROWID;
CREATE TABLE timeline_share (
  run_id INTEGER NOT NULL,
  series TEXT NOT NULL,
  month INTEGER NOT NULL,
  label TEXT NOT NULL,
  state TEXT NOT NULL,
  share REAL NOT NULL,
  PRIMARY KEY (run_id, series, month, state)
) WITHOUT ROWID;
)sql";

std::int64_t pragma(detail::Db& db, const char* name) {
  detail::Stmt st(db, std::string("PRAGMA ") + name);
  return st.step() ? st.integer(0) : 0;
}

/// Checks the file's identity; a file SQLite cannot read at all is not a store either.
void check_store(detail::Db& db) {
  std::int64_t app = 0, format = 0;
  try {
    app = pragma(db, "application_id");
    format = pragma(db, "user_version");
  } catch (const StoreError&) {
    throw NotAStoreError(db.path() + ": not a statecraft run store (not an SQLite database)");
  }
  if (app != kApplicationId)
    throw NotAStoreError(db.path() + ": not a statecraft run store (an SQLite database of another application)");
  if (format != kFormat)
    throw NotAStoreError(db.path() + ": a run store of format " + std::to_string(format) +
                         ", this statecraft reads format " + std::to_string(kFormat));
}

/// An empty database (a new file): gets the schema. Anything else is checked.
void prepare(detail::Db& db, bool create) {
  std::int64_t tables = 0;
  try {
    detail::Stmt st(db, "SELECT count(*) FROM sqlite_schema");
    if (st.step()) tables = st.integer(0);
  } catch (const StoreError&) {
    throw NotAStoreError(db.path() + ": not a statecraft run store (not an SQLite database)");
  }
  if (tables == 0 && pragma(db, "application_id") == 0) {
    if (!create) throw NotAStoreError(db.path() + ": not a statecraft run store (an empty database)");
    detail::Transaction t(db);
    db.exec(kSchema);
    db.exec("PRAGMA application_id = " + std::to_string(kApplicationId) +
            "; PRAGMA user_version = " + std::to_string(kFormat));
    t.commit();
  }
  check_store(db);
  db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON");
}

}  // namespace

void require_run(detail::Db& db, std::int64_t id) {
  detail::Stmt st(db, "SELECT 1 FROM run WHERE run_id = ?");
  st.bind(1, id);
  if (!st.step()) throw NoSuchRunError(db.path() + ": no run " + std::to_string(id) + " (see `statecraft runs list`)");
}

RunStore::RunStore(std::unique_ptr<Connection> c) : c_(std::move(c)) {}
RunStore::RunStore(RunStore&&) noexcept = default;
RunStore& RunStore::operator=(RunStore&&) noexcept = default;
RunStore::~RunStore() = default;

RunStore RunStore::open(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw IoError(ExitCode::kNoInput, path + ": no such run store");
  auto c = std::make_unique<Connection>(path, false);
  prepare(c->db, false);
  return RunStore(std::move(c));
}

RunStore RunStore::open_or_create(const std::string& path) {
  std::error_code ec;
  const auto st = std::filesystem::status(path, ec);
  if (std::filesystem::exists(st) && !std::filesystem::is_regular_file(st))
    throw NotAStoreError(path + ": not a statecraft run store (not a regular file)");
  auto c = std::make_unique<Connection>(path, true);
  prepare(c->db, true);
  return RunStore(std::move(c));
}

const std::string& RunStore::path() const { return c_->db.path(); }

}  // namespace statecraft::store
