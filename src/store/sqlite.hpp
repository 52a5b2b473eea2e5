#pragma once
// A thin RAII layer over the SQLite C API (Debian's libsqlite3): a connection, prepared
// statements with typed binds and columns, and transactions. Every failure is a StoreError
// naming the store file and SQLite's message.

#include <sqlite3.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "statecraft/store/run_store.hpp"

namespace statecraft::store::detail {

class Db;

/// A prepared statement; bind with 1-based indices, step() until it returns false.
class Stmt {
 public:
  Stmt(Db& db, const std::string& sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& bind(int i, std::int64_t v);
  Stmt& bind(int i, double v);  ///< NaN is stored as NULL
  Stmt& bind(int i, const std::string& v);
  Stmt& bind_blob(int i, const void* data, std::size_t bytes);
  Stmt& bind_null(int i);
  /// Runs one step: true while a row is available.
  bool step();
  /// Runs the statement to completion and resets it for the next binds.
  void run();
  void reset();

  [[nodiscard]] std::int64_t integer(int col) const;
  [[nodiscard]] double real(int col) const;  ///< NULL reads as NaN
  [[nodiscard]] std::string text(int col) const;
  [[nodiscard]] bool is_null(int col) const;
  [[nodiscard]] int columns() const;
  [[nodiscard]] std::string column_name(int col) const;
  /// A cell as JSON: null, an integer, a real or a text.
  [[nodiscard]] nlohmann::ordered_json cell(int col) const;
  /// A BLOB of little-endian doubles.
  [[nodiscard]] std::vector<double> doubles(int col) const;

 private:
  Db& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

/// A connection to a store file.
class Db {
 public:
  /// Opens (create == true: creates if missing) the file. @throws StoreError.
  Db(std::string path, bool create);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  /// Runs SQL statements without results.
  void exec(const std::string& sql);
  [[nodiscard]] std::int64_t last_insert_id() const;
  /// A StoreError for the last failure of this connection.
  [[nodiscard]] StoreError error(const std::string& what) const;
  [[nodiscard]] const std::string& path() const { return path_; }
  sqlite3* handle() { return db_; }

 private:
  std::string path_;
  sqlite3* db_ = nullptr;
};

/// BEGIN IMMEDIATE ... COMMIT, rolled back if not committed.
class Transaction {
 public:
  explicit Transaction(Db& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Db& db_;
  bool done_ = false;
};

/// Doubles as a BLOB of little-endian IEEE 754 binary64 (exact, NaN kept).
std::string pack_doubles(const double* xs, std::size_t n);

}  // namespace statecraft::store::detail
