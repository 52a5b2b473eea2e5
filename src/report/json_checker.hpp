#pragma once
// The shape check of a JSON document the reports read (internal to the report layer): every field
// a page reads has the type it expects, so that a hand-edited or foreign file is a located error
// (FILE: json.path: found X, expected Y), never a crash or a half-written page.

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <string>

#include "statecraft/error.hpp"

namespace statecraft::report {

using json = nlohmann::ordered_json;
using Type = json::value_t;

inline std::string join(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

class Checker {
 public:
  explicit Checker(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const std::string& path, const std::string& found, const std::string& expected) const {
    throw FormatError(Diagnostic{Location{file_, 0, 0}, path.empty() ? "(top level)" : path, found, expected});
  }

  /// `j` is of type `t` (any number for number_float).
  void is(const json& j, Type t, const std::string& path) const {
    const bool ok = t == Type::number_float ? j.is_number() : j.type() == t;
    if (!ok)
      fail(path, j.is_null() ? "null" : fmt::format("a {}", j.type_name()), fmt::format("a {}", json(t).type_name()));
  }

  /// Member `key` of object `j`: checked if present, or required.
  const json* member(const json& j, const char* key, Type t, const std::string& path, bool required = false) const {
    if (!j.contains(key)) {
      if (required) fail(path, "no \"" + std::string(key) + "\"", "a member \"" + std::string(key) + "\"");
      return nullptr;
    }
    is(j[key], t, join(path, key));
    return &j[key];
  }

  void strings(const json& j, std::initializer_list<const char*> keys, const std::string& path) const {
    for (const char* k : keys) member(j, k, Type::string, path);
  }

  /// An array of `t`; `size` checked unless 0.
  void array_of(const json& j, Type t, const std::string& path, std::size_t size = 0) const {
    is(j, Type::array, path);
    if (size != 0 && j.size() != size) fail(path, fmt::format("{} entries", j.size()), fmt::format("{} entries", size));
    for (std::size_t i = 0; i < j.size(); ++i) is(j[i], t, fmt::format("{}[{}]", path, i));
  }

  void array_member(const json& j, const char* key, Type t, const std::string& path, std::size_t size = 0) const {
    if (j.contains(key)) array_of(j[key], t, join(path, key), size);
  }

  /// Each element of member `key` (an array of objects) given to `check(element, path)`.
  template <class F>
  void each(const json& j, const char* key, const std::string& path, bool required, F check) const {
    const json* list = member(j, key, Type::array, path, required);
    if (list == nullptr) return;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string p = fmt::format("{}[{}]", join(path, key), i);
      is((*list)[i], Type::object, p);
      check((*list)[i], p);
    }
  }

 private:
  std::string file_;
};

constexpr Type kNumber = Type::number_float;  ///< any number, for Checker::is

}  // namespace statecraft::report
