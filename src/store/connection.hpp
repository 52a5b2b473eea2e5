#pragma once
// The connection behind a RunStore, shared by the files that write and query it.

#include <string>

#include "store/sqlite.hpp"

namespace statecraft::store {

class Connection {
 public:
  Connection(const std::string& path, bool create) : db(path, create) {}
  detail::Db db;
};

/// Throws NoSuchRunError unless the store holds run `id`.
void require_run(detail::Db& db, std::int64_t id);

}  // namespace statecraft::store
