// The RAII layer over the SQLite C API.

#include "store/sqlite.hpp"

#include <cmath>
#include <cstring>

namespace statecraft::store::detail {

Db::Db(std::string path, bool create) : path_(std::move(path)) {
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path_.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    const StoreError e = error("cannot open");
    sqlite3_close(db_);
    db_ = nullptr;
    throw e;
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 10000);  // another process writing: wait rather than fail
}

Db::~Db() { sqlite3_close(db_); }

void Db::exec(const std::string& sql) {
  char* msg = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &msg) != SQLITE_OK) {
    const std::string m = msg != nullptr ? msg : "unknown error";
    sqlite3_free(msg);
    throw StoreError(path_ + ": " + m);
  }
}

std::int64_t Db::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }

StoreError Db::error(const std::string& what) const {
  const char* m = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
  return StoreError(path_ + ": " + what + ": " + m);
}

Stmt::Stmt(Db& db, const std::string& sql) : db_(db) {
  if (sqlite3_prepare_v2(db.handle(), sql.c_str(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK)
    throw db.error("cannot prepare a statement");
}

Stmt::~Stmt() { sqlite3_finalize(stmt_); }

namespace {
void check_bind(Db& db, int rc) {
  if (rc != SQLITE_OK) throw db.error("cannot bind a value");
}
}  // namespace

Stmt& Stmt::bind(int i, std::int64_t v) {
  check_bind(db_, sqlite3_bind_int64(stmt_, i, v));
  return *this;
}

Stmt& Stmt::bind(int i, double v) {
  check_bind(db_, std::isnan(v) ? sqlite3_bind_null(stmt_, i) : sqlite3_bind_double(stmt_, i, v));
  return *this;
}

Stmt& Stmt::bind(int i, const std::string& v) {
  check_bind(db_, sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
  return *this;
}

Stmt& Stmt::bind_blob(int i, const void* data, std::size_t bytes) {
  check_bind(db_, sqlite3_bind_blob64(stmt_, i, data, bytes, SQLITE_TRANSIENT));
  return *this;
}

Stmt& Stmt::bind_null(int i) {
  check_bind(db_, sqlite3_bind_null(stmt_, i));
  return *this;
}

bool Stmt::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw db_.error("cannot run a statement");
}

void Stmt::run() {
  while (step()) {
  }
  reset();
}

void Stmt::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::int64_t Stmt::integer(int col) const { return sqlite3_column_int64(stmt_, col); }

double Stmt::real(int col) const { return is_null(col) ? std::nan("") : sqlite3_column_double(stmt_, col); }

std::string Stmt::text(int col) const {
  const auto* p = sqlite3_column_text(stmt_, col);
  return p == nullptr ? std::string()
                      : std::string(reinterpret_cast<const char*>(p),
                                    static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)));
}

bool Stmt::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

int Stmt::columns() const { return sqlite3_column_count(stmt_); }

std::string Stmt::column_name(int col) const {
  const char* n = sqlite3_column_name(stmt_, col);
  return n == nullptr ? std::string() : std::string(n);
}

nlohmann::ordered_json Stmt::cell(int col) const {
  switch (sqlite3_column_type(stmt_, col)) {
    case SQLITE_NULL:
      return nullptr;
    case SQLITE_INTEGER:
      return integer(col);
    case SQLITE_FLOAT:
      return real(col);
    default:
      return text(col);
  }
}

std::vector<double> Stmt::doubles(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  const auto bytes = static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col));
  std::vector<double> xs(bytes / sizeof(double));
  const auto* b = static_cast<const unsigned char*>(p);
  for (std::size_t i = 0; i < xs.size(); ++i) {
    std::uint64_t u = 0;
    for (int k = 7; k >= 0; --k) u = (u << 8) | b[i * 8 + static_cast<std::size_t>(k)];
    std::memcpy(&xs[i], &u, sizeof u);
  }
  return xs;
}

std::string pack_doubles(const double* xs, std::size_t n) {
  std::string out(n * 8, '\0');
  for (std::size_t i = 0; i < n; ++i) {
    std::uint64_t u = 0;
    std::memcpy(&u, &xs[i], sizeof u);
    for (std::size_t k = 0; k < 8; ++k) out[i * 8 + k] = static_cast<char>((u >> (8 * k)) & 0xffu);
  }
  return out;
}

Transaction::Transaction(Db& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace statecraft::store::detail
